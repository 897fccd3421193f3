// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * parse.c - pass 1 entry points and the token feed between the
 * preprocessor and the grammar.
 *
 * The feed does one more job than passing tokens on: it tracks open
 * brackets.  A top-level keyword ('probe', 'function', 'global',
 * 'private') inside braces, or the end of input, means a '}' is missing;
 * the feed reports that once, pointing at the unclosed '{', and supplies
 * the missing '}' tokens so that the next probe parses normally.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"
#include "ast_build.h"
#include "grammar.tab.h"

#define PARSE_DEFAULT_MAX_ERRORS 20

const struct src_loc *parse_loc_copy(const struct src_loc *loc)
{
	struct src_loc *l = ast_alloc(sizeof(*l));

	*l = *loc;
	return l;
}

struct src_file *parse_src_new(const char *name, const char *text,
			       size_t len)
{
	struct src_file *f = ast_alloc(sizeof(*f));

	f->name = ast_strndup(name, strlen(name));
	f->text = ast_strndup(text, len);
	f->len = len;
	return f;
}

void parse_emit(struct parser *p, struct diag *d)
{
	if (p->stopped) {
		diag_push_mute();
		diag_emit(d);
		diag_pop_mute();
		return;
	}
	diag_emit(d);
	if (++p->errors >= p->max_errors) {
		if (!diag_muted())
			fprintf(stderr,
				"%s: too many errors (limit is %d) in this file; stopping\n",
				p->file->name, p->max_errors);
		p->stopped = true;
	}
}

void parse_error(struct parser *p, const struct src_loc *loc,
		 const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	parse_emit(p, diag_new(DIAG_ERROR, loc, "%s", msg));
	free(msg);
}

/* Describes a token for "got ..." in messages. */
const char *parse_token_desc(int kind, const struct tok_val *v, char *buf,
			     size_t sz)
{
	switch (kind) {
	case 0:
		return "end of input";
	case IDENT:
		snprintf(buf, sz, "identifier '%.40s'", v->text);
		return buf;
	case NUM:
		snprintf(buf, sz, "number '%.40s'", v->text);
		return buf;
	case STRING: {
		size_t n = 0;

		n += snprintf(buf, sz, "string \"");
		for (size_t i = 0; i < v->len && n + 8 < sz; i++) {
			unsigned char c = (unsigned char)v->text[i];

			if (i == 24) {
				n += snprintf(buf + n, sz - n, "...");
				break;
			}
			buf[n++] = c >= ' ' && c < 127 && c != '"' ? (char)c : '?';
		}
		snprintf(buf + n, sz - n, "\"");
		return buf;
	}
	case TVAR:
		snprintf(buf, sz, "target variable '$%.40s'", v->text);
		return buf;
	case TCONTEXT:
		snprintf(buf, sz, "'$$%.40s'", v->text);
		return buf;
	case EMBEDDED:
		return "embedded code '%{ ... %}'";
	default:
		if (lex_is_keyword(kind) && v->text) {
			snprintf(buf, sz, "keyword '%s'", v->text);
			return buf;
		}
		return NULL;
	}
}

static const char *const expr_starts[] = {
	"identifier", "number", "string", "target variable",
	"context variable", "embedded code", "'@cast'", "'@var'",
	"'@defined'", "'@choose_defined'", "'@entry'", "'@probewrite'", "'@' operator",
	"statistic operator", "'!'", "'~'", "'-'", "'+'", "'++'", "'--'",
	"'('", "'['", "'&'",
};
static const char *const operators[] = {
	"'='", "'+='", "'-='", "'*='", "'/='", "'%='", "'<<='", "'>>='",
	"'&='", "'^='", "'|='", "'.='", "'<<<'", "'?'", "'||'", "'&&'",
	"'|'", "'^'", "'&'", "'in'", "'=='", "'!='", "'=~'", "'!~'", "'<'",
	"'>'", "'<='", "'>='", "'<<'", "'>>'", "'.'", "'+'", "'-'", "'*'",
	"'/'", "'%'", "'++'", "'--'", "'->'", "'$'", "'$$'", "string", "'>>>'", "'>>>='",
};
static const char *const stmt_starts[] = {
	"'if'", "'while'", "'for'", "'foreach'", "'return'", "'break'",
	"'continue'", "'next'", "'delete'", "'try'", "';'", "'{'",
};

static const char *const keyword_names[] = {
	"'probe'", "'global'", "'function'", "'private'", "'if'", "'else'",
	"'while'", "'for'", "'foreach'", "'in'", "'limit'", "'return'",
	"'delete'", "'break'", "'continue'", "'next'", "'try'", "'catch'",
};

static bool in_set(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
}
#define IN_SET(s, set) in_set(s, set, sizeof(set) / sizeof(set[0]))

/* Adds "to close X opened at L:C" when the closer is among the choices. */
static void note_open_bracket(struct parser *p, struct diag *d,
			      const char *const *expected, int n)
{
	bool want_paren = false, want_brack = false, want_brace = false;

	for (int i = 0; i < n; i++) {
		if (!expected[i])
			continue;
		want_paren |= !strcmp(expected[i], "')'");
		want_brack |= !strcmp(expected[i], "']'");
		want_brace |= !strcmp(expected[i], "'}'");
	}
	if (p->parens.n) {
		struct parse_bracket *b = &p->parens.v[p->parens.n - 1];

		if ((b->c == '(' && want_paren) || (b->c == '[' && want_brack)) {
			diag_note(d, &b->loc, "to close '%c' opened at %d:%d",
				  b->c, b->loc.line, b->loc.col);
			return;
		}
	}
	if (want_brace && p->braces.n) {
		struct parse_bracket *b = &p->braces.v[p->braces.n - 1];

		diag_note(d, &b->loc, "to close '{' opened at %d:%d",
			  b->loc.line, b->loc.col);
	}
}

void ast_syntax_error(struct parser *p, const loc_t *loc, const char *got,
		      const char *const *expected, int n, int flags)
{
	char buf[128];
	const char *desc = NULL, *items[8], *opv[8];
	int nitems = 0, nops = 0;
	bool stmt = false, expr = flags & AST_EXPECT_EXPR, ops = false;
	bool literal = !expr && (flags & AST_EXPECT_NUM) &&
		       (flags & AST_EXPECT_STR);
	bool names = (flags & AST_EXPECT_KEYWORD) &&
		     (flags & AST_EXPECT_IDENT);
	bool star = false;
	struct strbuf sb;
	struct diag *d;

	if (p->stopped)
		return;
	if (got)
		desc = parse_token_desc(p->last.kind, &p->last.v, buf,
					sizeof(buf));
	if (!desc)
		desc = got ? got : "this token";
	for (int i = 0; i < n; i++) {
		const char *e = expected[i];

		if (!e)
			continue;
		if (expr && IN_SET(e, expr_starts))
			continue;
		if (literal && (!strcmp(e, "number") || !strcmp(e, "string") ||
				!strcmp(e, "'-'")))
			continue;
		if (names && (!strcmp(e, "identifier") || !strcmp(e, "'*'") ||
			      IN_SET(e, keyword_names))) {
			star |= !strcmp(e, "'*'");
			continue;
		}
		if (IN_SET(e, stmt_starts) && expr) {
			stmt = true;
			continue;
		}
		if (IN_SET(e, operators)) {
			ops = true;
			if (nops < 8)
				opv[nops] = e;
			nops++;
			continue;
		}
		if (nitems < 8)
			items[nitems++] = e;
		else
			nitems = 99;
	}
	if (literal)
		items[nitems < 8 ? nitems++ : 7] = "a number or string literal";
	if (names)
		items[nitems < 8 ? nitems++ : 7] = star ? "a probe point" :
						   "a member name";
	if (stmt)
		items[nitems < 8 ? nitems++ : 7] = "a statement";
	else if (expr)
		items[nitems < 8 ? nitems++ : 7] = "an expression";
	/* a few operators are worth naming; a dozen are just noise */
	if (ops && nops <= 4 && nitems + nops <= 5) {
		for (int i = 0; i < nops; i++)
			items[nitems++] = opv[i];
	} else if (!nitems && ops) {
		items[nitems++] = "an operator";
	}
	sb_init(&sb);
	if (nitems == 0 || nitems > 5) {
		sb_printf(&sb, "unexpected %s", desc);
	} else {
		sb_puts(&sb, "expected ");
		for (int i = 0; i < nitems; i++) {
			if (i)
				sb_puts(&sb, i == nitems - 1 ? " or " : ", ");
			sb_puts(&sb, items[i]);
		}
		sb_printf(&sb, ", got %s", desc);
	}
	d = diag_new(DIAG_ERROR, loc, "%s", sb_str(&sb));
	sb_free(&sb);
	if (lex_is_keyword(p->last.kind) && (flags & AST_EXPECT_IDENT) &&
	    p->last.kind != ELSE)
		diag_hint(d, "'%s' is a reserved word and cannot be used as a name",
			  p->last.v.text);
	if ((flags & AST_EXPECT_GLOBAL) && !(flags & AST_EXPECT_IDENT))
		diag_hint(d, "a script is a list of 'probe', 'function' and 'global' declarations");
	if (n == 1 && expected[0] && !strcmp(expected[0], "'->'"))
		diag_hint(d, "'&' takes the address of a target: &$var, &$var->field, &@cast(p, \"type\")->field, or &value->field");
	if (p->last.kind == ARROW)
		diag_hint(d, "'->' follows a pointer: $var, @cast(...), @var(...), a variable, a call, an array element or a parenthesised expression, and never a '$'/'$$' suffix");
	if (p->last.kind == ELSE)
		diag_hint(d, "'else' must follow the statement of an 'if'");
	if (p->last.kind == '}' && p->last_close_unmatched)
		diag_hint(d, "this '}' has no matching '{'");
	note_open_bracket(p, d, expected, n);
	parse_emit(p, d);
}

static bool is_toplevel_keyword(int kind)
{
	return kind == PROBE || kind == FUNCTION || kind == GLOBAL ||
	       kind == PRIVATE;
}

/* A '}' is missing before t: report it once and queue the closers. */
static void close_missing_braces(struct parser *p, const struct pp_tok *t)
{
	struct parse_bracket *b = &p->braces.v[p->braces.n - 1];
	char buf[128];

	if (b->errors == p->errors) {
		const char *desc = parse_token_desc(t->kind, &t->v, buf,
						    sizeof(buf));
		struct diag *d = diag_new(DIAG_ERROR, &t->loc,
					  "expected '}', got %s",
					  desc ? desc : "this token");

		diag_note(d, &b->loc, "to close '{' opened at %d:%d",
			  b->loc.line, b->loc.col);
		parse_emit(p, d);
	}
	p->inject = (int)p->braces.n;
	p->held = *t;
	p->have_held = true;
	p->braces.n = 0;
	p->parens.n = 0;
}

static void track_brackets(struct parser *p, const struct pp_tok *t)
{
	struct parse_bracket b;

	switch (t->kind) {
	case '{':
	case '(':
	case '[':
		b.loc = t->loc;
		b.errors = p->errors;
		b.c = t->kind;
		if (t->kind == '{')
			vec_push(&p->braces, b);
		else
			vec_push(&p->parens, b);
		break;
	case '}':
		p->last_close_unmatched = !p->braces.n;
		if (p->braces.n)
			p->braces.n--;
		p->parens.n = 0;
		break;
	case ')':
	case ']':
		if (p->parens.n)
			p->parens.n--;
		break;
	}
}

int yylex(YYSTYPE *lval, YYLTYPE *lloc, struct parser *p)
{
	struct pp_tok t;

	if (p->inject > 0) {
		p->inject--;
		t = p->held;
		t.kind = '}';
		memset(&t.v, 0, sizeof(t.v));
	} else if (p->have_held) {
		t = p->held;
		p->have_held = false;
	} else {
		pp_next(p->pp, &t);
		if (p->stopped)
			t.kind = 0;
		/* a top-level keyword that starts a line inside braces
		 * means the previous body was never closed */
		if (p->braces.n && (t.kind == 0 ||
				    (is_toplevel_keyword(t.kind) &&
				     p->last.kind != ARROW &&
				     p->last.loc.line < t.loc.line))) {
			close_missing_braces(p, &t);
			return yylex(lval, lloc, p);
		}
		track_brackets(p, &t);
	}
	p->last = t;
	*lloc = t.loc;
	lval->tok = t.v;
	return t.kind;
}

static const struct parse_env default_env;

static struct ast_file *parse_src(const struct parse_env *env,
				  struct src_file *src, bool is_tapset,
				  bool macro_file)
{
	struct parser p;
	struct ast_file *f = ast_alloc(sizeof(*f));

	memset(&p, 0, sizeof(p));
	p.env = env ? env : &default_env;
	p.file = src;
	p.out = f;
	p.macro_file = macro_file;
	p.max_errors = p.env->max_errors > 0 ? p.env->max_errors :
		       PARSE_DEFAULT_MAX_ERRORS;
	hmap_init(&p.local_macros);
	f->src = src;
	f->is_tapset = is_tapset;
	p.pp = pp_new(&p, src);
	yyparse(&p);
	pp_free(p.pp);
	hmap_free(&p.local_macros);
	vec_free(&p.braces);
	vec_free(&p.parens);
	f->had_errors = p.errors > 0;
	if (p.errors && !diag_muted())
		fprintf(stderr, "%s: %d parse error%s.\n", src->name,
			p.errors, p.errors == 1 ? "" : "s");
	return f;
}

/* The whole of standard input, for the script name "-" (as stap). */
static char *read_stdin(size_t *len)
{
	struct strbuf sb;
	char buf[65536];
	size_t n;

	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		sb_putn(&sb, buf, n);
	if (ferror(stdin)) {
		sb_free(&sb);
		return NULL;
	}
	char *text = xstrndup(sb_str(&sb), sb.len);

	*len = sb.len;
	sb_free(&sb);
	return text;
}

static struct src_file *load(const char *path)
{
	size_t len;
	bool in = !strcmp(path, "-");
	char *text = in ? read_stdin(&len) : read_file(path, &len);
	struct src_file *f;

	if (!text) {
		diag_fatal_noloc("cannot read '%s': %s", path,
				 strerror(errno));
		return NULL;
	}
	f = parse_src_new(in ? "<stdin>" : path, text, len);
	free(text);
	return f;
}

struct ast_file *parse_file(const struct parse_env *env, const char *path,
			    bool is_tapset)
{
	struct src_file *f = load(path);

	return f ? parse_src(env, f, is_tapset, false) : NULL;
}

struct ast_file *parse_string(const struct parse_env *env, const char *name,
			      const char *text, bool is_tapset)
{
	return parse_src(env, parse_src_new(name, text, strlen(text)),
			 is_tapset, false);
}

bool parse_macro_file(const struct parse_env *env, const char *path)
{
	struct src_file *f = load(path);
	struct ast_file *a;

	if (!f)
		return false;
	a = parse_src(env, f, true, true);
	if (a->probes || a->functions || a->globals || a->aliases) {
		struct src_loc l = { .file = f, .line = 1, .col = 1,
				     .end_line = 1, .end_col = 1 };

		diag_warn(&l, "macro file '%s' defines more than macros; the rest is ignored",
			  path);
	}
	return !a->had_errors;
}
