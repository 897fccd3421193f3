// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * preproc.c - the preprocessor that sits between the scanner and the
 * grammar:
 *
 *	%( cond %? then-tokens [%: else-tokens] %)	conditional
 *	@define name[(a, b)] %( body %)			macro definition
 *	@name[(x, y)]					macro use (@a, @b in body)
 *	$N / @N / $# / @#				command-line arguments
 *
 * Token sources form a stack: the file's scanner at the bottom, then
 * macro bodies (token arrays) and re-scanned $N arguments on top.  Every
 * token from an expansion carries loc.via pointing at the place it was
 * expanded from, so diagnostics can print the origin chain.
 *
 * Limits (each reports "too many X (limit is N)"): macro nesting depth,
 * total expanded tokens, condition length.  They keep hostile input from
 * expanding without bound.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "parse_int.h"
#include "grammar.tab.h"

#define PP_MAX_DEPTH	64
#define PP_MAX_EXPAND	(1 << 16)
#define PP_MAX_COND	512

struct macro {
	const char *name;		/* interned, without '@' */
	const char **params;
	int nparams;
	bool has_parens;
	struct pp_tok *body;
	size_t nbody;
	struct src_loc loc;
};

struct pp_src {
	struct pp_src *up;
	struct lexer *lx;		/* a scanner, or NULL for toks[] */
	bool done;			/* the scanner returned end of input */
	const struct pp_tok *toks;
	size_t ntoks, pos;
	int depth;			/* expansion nesting */
};

struct pp_cond {
	struct pp_src *src;		/* the source the branch lives in */
	const struct src_loc *loc;	/* the '%(' */
};

struct pp {
	struct parser *p;
	struct pp_src *top;
	VEC(struct pp_cond) conds;
	size_t expanded;
	bool in_cond;			/* reading a condition: return '%?' */
	struct pp_tok eof;		/* the end-of-input token */
};

typedef VEC(struct pp_tok) tokvec;

struct pp *pp_new(struct parser *p, const struct src_file *f)
{
	struct pp *pp = xcalloc(1, sizeof(*pp));

	pp->p = p;
	pp->top = xcalloc(1, sizeof(*pp->top));
	pp->top->lx = lex_open(p, f, NULL, NULL);
	return pp;
}

static void src_pop(struct pp *pp)
{
	struct pp_src *s = pp->top;

	pp->top = s->up;
	lex_close(s->lx);
	free(s);
}

void pp_free(struct pp *pp)
{
	while (pp->top)
		src_pop(pp);
	vec_free(&pp->conds);
	free(pp);
}

static void src_push(struct pp *pp, struct lexer *lx,
		     const struct pp_tok *toks, size_t n, int depth)
{
	struct pp_src *s = xcalloc(1, sizeof(*s));

	s->lx = lx;
	s->toks = toks;
	s->ntoks = n;
	s->depth = depth;
	s->up = pp->top;
	pp->top = s;
}

/* Raw next token of one source; false at its end. */
static bool src_next(struct pp_src *s, struct pp_tok *t)
{
	if (s->lx) {
		if (s->done || !lex_next(s->lx, t)) {
			if (!s->done)
				s->done = true;
			return false;
		}
		return true;
	}
	if (s->pos >= s->ntoks)
		return false;
	*t = s->toks[s->pos++];
	return true;
}

static struct pp_cond *cond_top(struct pp *pp, struct pp_src *s)
{
	if (pp->conds.n && pp->conds.v[pp->conds.n - 1].src == s)
		return &pp->conds.v[pp->conds.n - 1];
	return NULL;
}

/* A source ended: every conditional still open in it is unterminated. */
static void close_conds(struct pp *pp, struct pp_src *s)
{
	struct pp_cond *c;

	while ((c = cond_top(pp, s)) != NULL) {
		struct diag *d = diag_new(DIAG_ERROR, c->loc,
					  "unterminated preprocessor conditional");

		diag_hint(d, "expected '%%)' to close this '%%('");
		parse_emit(pp->p, d);
		pp->conds.n--;
	}
}

/* Skips a branch; returns the token kind that ended it (0 at the end). */
static int skip_branch(struct pp *pp, struct pp_src *s,
		       const struct src_loc *open, bool stop_at_else)
{
	struct pp_tok t;
	int depth = 0;

	while (src_next(s, &t)) {
		if (t.kind == PP_OPEN)
			depth++;
		else if (t.kind == PP_CLOSE && depth-- == 0)
			return PP_CLOSE;
		else if (t.kind == PP_ELSE && depth == 0 && stop_at_else)
			return PP_ELSE;
	}
	struct diag *d = diag_new(DIAG_ERROR, open,
				  "unterminated preprocessor conditional");

	diag_hint(d, "expected '%%)' to close this '%%('");
	parse_emit(pp->p, d);
	return 0;
}

/* ---- condition evaluation ------------------------------------------ */

struct cval {
	bool is_num;
	bool version;		/* compare with strverscmp */
	int64_t num;
	const char *str;
};

struct ceval {
	struct pp *pp;
	const struct pp_tok *t;
	size_t n, i;
	bool failed;
	const struct src_loc *open;
};

static const struct pp_tok *c_peek(struct ceval *e)
{
	return e->i < e->n ? &e->t[e->i] : NULL;
}

static void c_fail(struct ceval *e, const struct pp_tok *at,
		   const char *fmt, const char *arg, const char *hint)
{
	struct diag *d;

	if (e->failed)
		return;
	e->failed = true;
	d = diag_new(DIAG_ERROR, at ? &at->loc : &e->t[e->n - 1].loc, fmt,
		     arg);
	if (hint)
		diag_hint(d, "%s", hint);
	parse_emit(e->pp->p, d);
}

static const char *default_release(void)
{
	static struct utsname u;
	static bool have;

	if (!have)
		have = uname(&u) == 0;
	return have ? u.release : "0";
}

static const char *default_arch(void)
{
	static struct utsname u;
	static bool have;

	if (!have)
		have = uname(&u) == 0;
	if (!have)
		return "unknown";
	if (!strcmp(u.machine, "aarch64"))
		return "arm64";
	if (u.machine[0] == 'i' && !strcmp(u.machine + 2, "86"))
		return "i386";
	return u.machine;
}

/* kernel_v is the release without its "-flavour" suffix. */
static const char *kernel_v(const struct parse_env *env)
{
	static char buf[128];
	const char *r;

	if (env && env->kernel_v)
		return env->kernel_v;
	r = env && env->kernel_vr ? env->kernel_vr : default_release();
	snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(r, "-"), r);
	return buf;
}

static const char *const cond_vars[] = {
	"kernel_v", "kernel_vr", "arch", "runtime", "systemtap_v",
	"systemtap_privilege", "guru_mode",
};

static bool c_variable(struct ceval *e, const struct pp_tok *t,
		       struct cval *v)
{
	const struct parse_env *env = e->pp->p->env;
	const char *name = t->v.text;

	memset(v, 0, sizeof(*v));
	if (!strcmp(name, "kernel_v")) {
		v->str = kernel_v(env);
		v->version = true;
	} else if (!strcmp(name, "kernel_vr")) {
		v->str = env && env->kernel_vr ? env->kernel_vr :
			 default_release();
		v->version = true;
	} else if (!strcmp(name, "systemtap_v")) {
		v->str = env && env->systemtap_v ? env->systemtap_v : "5.0";
		v->version = true;
	} else if (!strcmp(name, "arch")) {
		v->str = env && env->arch ? env->arch : default_arch();
	} else if (!strcmp(name, "runtime")) {
		v->str = env && env->runtime ? env->runtime : "kernel";
	} else if (!strcmp(name, "systemtap_privilege")) {
		v->str = env && env->privilege ? env->privilege : "stapdev";
	} else if (!strcmp(name, "guru_mode")) {
		v->is_num = true;
		v->num = env && env->guru_mode;
	} else if (!strncmp(name, "CONFIG_", 7)) {
		const char *val = env && env->config ?
			env->config(env->config_arg, name) : NULL;

		v->str = val ? val : "";
	} else {
		const char *best = NULL;
		int bestd = 3;

		for (size_t i = 0; i < sizeof(cond_vars) / sizeof(*cond_vars);
		     i++) {
			int d = edit_distance(name, cond_vars[i], 2);

			if (d < bestd) {
				bestd = d;
				best = cond_vars[i];
			}
		}
		char *hint = best ? xasprintf("did you mean '%s'?", best) :
			xstrdup("conditions test kernel_v, kernel_vr, arch, runtime, systemtap_v, systemtap_privilege, guru_mode, CONFIG_* or $#");

		c_fail(e, t, "unknown preprocessor condition variable '%s'",
		       name, hint);
		free(hint);
		return false;
	}
	return true;
}

static bool c_operand(struct ceval *e, struct cval *v)
{
	const struct pp_tok *t = c_peek(e);
	bool neg = false;

	memset(v, 0, sizeof(*v));
	if (t && t->kind == '-') {
		neg = true;
		e->i++;
		t = c_peek(e);
	}
	if (!t) {
		c_fail(e, NULL, "incomplete preprocessor condition%s", "",
		       "a condition looks like: kernel_v >= \"5.0\"");
		return false;
	}
	e->i++;
	if (t->kind == NUM) {
		v->is_num = true;
		v->num = neg ? -t->v.num : t->v.num;
		return true;
	}
	if (neg) {
		c_fail(e, t, "expected a number after '-'%s", "", NULL);
		return false;
	}
	if (t->kind == STRING) {
		v->str = t->v.text;
		return true;
	}
	if (t->kind == IDENT)
		return c_variable(e, t, v);
	c_fail(e, t, "expected a value in preprocessor condition%s", "",
	       "a condition looks like: kernel_v >= \"5.0\"");
	return false;
}

static bool str_to_num(const char *s, int64_t *out)
{
	char *end;

	if (!*s)
		return false;
	*out = strtoll(s, &end, 0);
	return *end == '\0';
}

static bool c_compare(struct ceval *e, const struct pp_tok *op,
		      struct cval *a, struct cval *b)
{
	int k = op->kind, cmp;

	if (a->is_num != b->is_num) {
		struct cval *s = a->is_num ? b : a, *n = a->is_num ? a : b;
		int64_t x;

		if (!str_to_num(s->str, &x)) {
			c_fail(e, op, "cannot compare a number with a string%s",
			       "", NULL);
			return false;
		}
		s->is_num = true;
		s->num = x;
		(void)n;
	}
	if (a->is_num) {
		cmp = a->num < b->num ? -1 : a->num > b->num;
	} else if ((k == EQ || k == NE) && (has_glob(b->str) ||
					    has_glob(a->str))) {
		bool m = has_glob(b->str) ? glob_match(b->str, a->str) :
			 glob_match(a->str, b->str);

		return k == EQ ? m : !m;
	} else if (a->version || b->version) {
		cmp = strverscmp(a->str, b->str);
	} else {
		cmp = strcmp(a->str, b->str);
	}
	switch (k) {
	case EQ: return cmp == 0;
	case NE: return cmp != 0;
	case '<': return cmp < 0;
	case '>': return cmp > 0;
	case LE: return cmp <= 0;
	default: return cmp >= 0;
	}
}

static bool c_or(struct ceval *e);

/* prim -> '(' or ')' | '!' prim | value op value */
static bool c_prim(struct ceval *e)
{
	const struct pp_tok *t = c_peek(e), *op;
	struct cval a, b;
	bool r;

	if (t && t->kind == '(') {
		e->i++;
		r = c_or(e);
		t = c_peek(e);
		if (!t || t->kind != ')')
			c_fail(e, t, "expected ')' in preprocessor condition%s",
			       "", NULL);
		else
			e->i++;
		return r;
	}
	if (t && t->kind == '!') {
		e->i++;
		return !c_prim(e);
	}
	if (!c_operand(e, &a))
		return false;
	op = c_peek(e);
	if (!op || !(op->kind == EQ || op->kind == NE || op->kind == '<' ||
		     op->kind == '>' || op->kind == LE || op->kind == GE)) {
		c_fail(e, op, "expected a comparison operator in preprocessor condition%s",
		       "", op && op->kind == '=' ? "did you mean '=='?" :
		       "use ==, !=, <, <=, > or >=");
		return false;
	}
	e->i++;
	if (!c_operand(e, &b))
		return false;
	return c_compare(e, op, &a, &b);
}

static bool c_and(struct ceval *e)
{
	bool v = c_prim(e);

	while (c_peek(e) && c_peek(e)->kind == LAND) {
		e->i++;
		v = c_prim(e) && v;
	}
	return v;
}

static bool c_or(struct ceval *e)
{
	bool v = c_and(e);

	while (c_peek(e) && c_peek(e)->kind == LOR) {
		e->i++;
		v = c_and(e) || v;
	}
	return v;
}

/* Reads tokens up to '%?' and evaluates them; *src gets the '%?' source. */
static bool read_condition(struct pp *pp, const struct pp_tok *open,
			   struct pp_src **src, bool *ok)
{
	tokvec toks = { 0 };
	struct pp_tok t;
	struct ceval e;
	bool v = false, was = pp->in_cond;

	*ok = false;
	pp->in_cond = true;
	for (;;) {
		pp_next(pp, &t);
		if (t.kind == PP_THEN || t.kind == 0)
			break;
		if (toks.n == PP_MAX_COND) {
			parse_error(pp->p, &t.loc,
				    "too many tokens in a preprocessor condition (limit is %d)",
				    PP_MAX_COND);
			break;
		}
		vec_push(&toks, t);
	}
	pp->in_cond = was;
	if (t.kind != PP_THEN) {
		if (toks.n < PP_MAX_COND) {
			struct diag *d = diag_new(DIAG_ERROR, &open->loc,
						  "unterminated preprocessor condition");

			diag_hint(d, "expected '%%?' after the condition");
			parse_emit(pp->p, d);
		}
		vec_free(&toks);
		return false;
	}
	*src = pp->top;
	if (!toks.n) {
		parse_error(pp->p, &t.loc,
			    "empty preprocessor condition before '%%?'");
		return false;
	}
	memset(&e, 0, sizeof(e));
	e.pp = pp;
	e.t = toks.v;
	e.n = toks.n;
	v = c_or(&e);
	if (!e.failed && e.i < e.n)
		c_fail(&e, &e.t[e.i],
		       "unexpected token in preprocessor condition%s", "",
		       "combine comparisons with && and ||");
	*ok = !e.failed;
	vec_free(&toks);
	return v && *ok;
}

/* '%(' was read: evaluate and enter the chosen branch. */
static void pp_conditional(struct pp *pp, const struct pp_tok *open)
{
	struct pp_src *src = NULL;
	bool ok, v = read_condition(pp, open, &src, &ok);
	struct pp_cond c;

	if (!src)	/* unterminated: nothing to skip */
		return;
	c.src = src;
	c.loc = parse_loc_copy(&open->loc);
	if (v) {
		vec_push(&pp->conds, c);
		return;
	}
	if (skip_branch(pp, src, c.loc, true) == PP_ELSE)
		vec_push(&pp->conds, c);
}

/* ---- macros -------------------------------------------------------- */

static struct hmap *macro_table(struct pp *pp, bool for_define)
{
	struct parser *p = pp->p;

	if (for_define && p->macro_file && p->env && p->env->macros)
		return p->env->macros;
	return &p->local_macros;
}

static struct macro *macro_find(struct pp *pp, const char *name)
{
	struct macro *m = hmap_get(&pp->p->local_macros, name);

	if (!m && pp->p->env && pp->p->env->macros)
		m = hmap_get(pp->p->env->macros, name);
	return m;
}

/* @define name [ '(' params ')' ] '%(' body '%)' */
static void pp_define(struct pp *pp, struct pp_src *s,
		      const struct pp_tok *def)
{
	struct pp_tok t;
	struct macro *m;
	VEC(const char *) params = { 0 };
	tokvec body = { 0 };
	int depth = 0;

	bool got = src_next(s, &t);

	if (!got || t.kind != IDENT) {
		/* at the end of a macro body or argument t was not set */
		struct diag *d = diag_new(DIAG_ERROR,
					  got && t.kind ? &t.loc : &def->loc,
					  "expected a macro name after '@define'");

		if (got && lex_is_keyword(t.kind))
			diag_hint(d, "'%s' is a reserved word", t.v.text);
		parse_emit(pp->p, d);
		return;
	}
	m = ast_alloc(sizeof(*m));
	m->name = intern(t.v.text);
	m->loc = t.loc;
	if (!src_next(s, &t))
		goto eof;
	if (t.kind == '(') {
		m->has_parens = true;
		if (!src_next(s, &t))
			goto eof;
		while (t.kind != ')') {
			if (t.kind != IDENT) {
				parse_error(pp->p, &t.loc,
					    "expected a parameter name in '@define %s'",
					    m->name);
				goto out;
			}
			for (size_t i = 0; i < params.n; i++)
				if (params.v[i] == intern(t.v.text))
					parse_error(pp->p, &t.loc,
						    "duplicate macro parameter '%s'",
						    t.v.text);
			vec_push(&params, intern(t.v.text));
			if (!src_next(s, &t))
				goto eof;
			if (t.kind == ',' && !src_next(s, &t))
				goto eof;
			else if (t.kind != ')' && t.kind != IDENT) {
				parse_error(pp->p, &t.loc,
					    "expected ',' or ')' in the parameters of '@define %s'",
					    m->name);
				goto out;
			}
		}
		if (!src_next(s, &t))
			goto eof;
	}
	if (t.kind != PP_OPEN) {
		struct diag *d = diag_new(DIAG_ERROR, &t.loc,
					  "expected '%%(' to start the body of macro '@%s'",
					  m->name);

		diag_hint(d, "write: @define %s %%( body %%)", m->name);
		parse_emit(pp->p, d);
		goto out;
	}
	for (;;) {
		if (!src_next(s, &t)) {
			struct diag *d = diag_new(DIAG_ERROR, &def->loc,
						  "unterminated body of macro '@%s'",
						  m->name);

			diag_hint(d, "expected '%%)' to end the macro body");
			parse_emit(pp->p, d);
			goto out;
		}
		if (t.kind == PP_OPEN)
			depth++;
		else if (t.kind == PP_CLOSE && depth-- == 0)
			break;
		vec_push(&body, t);
	}
	m->nparams = (int)params.n;
	m->params = ast_alloc(params.n * sizeof(*m->params) + 1);
	for (size_t i = 0; i < params.n; i++)
		m->params[i] = params.v[i];
	m->nbody = body.n;
	m->body = ast_alloc(body.n * sizeof(*m->body) + 1);
	if (body.n)
		memcpy(m->body, body.v, body.n * sizeof(*m->body));

	struct hmap *tab = macro_table(pp, true);
	struct macro *old = hmap_get(tab, m->name);

	if (old) {
		struct diag *d = diag_new(DIAG_ERROR, &m->loc,
					  "macro '@%s' is already defined",
					  m->name);

		diag_note(d, &old->loc, "previous definition of '@%s'",
			  m->name);
		parse_emit(pp->p, d);
	} else {
		hmap_put(tab, m->name, m);
	}
	goto out;
eof:
	parse_error(pp->p, &def->loc, "incomplete '@define' at end of input");
out:
	vec_free(&params);
	vec_free(&body);
}

static void suggest_macro(struct pp *pp, struct diag *d, const char *name)
{
	const char *best = NULL, *key;
	int bestd = 3;
	static const char *const builtins[] = {
		"cast", "var", "defined", "choose_defined", "entry",
		"probewrite", "count", "sum", "min", "max", "avg", "variance",
		"hist_log", "hist_linear", "define",
	};
	struct hmap *tabs[2] = { &pp->p->local_macros,
				 pp->p->env ? pp->p->env->macros : NULL };

	for (int k = 0; k < 2; k++) {
		if (!tabs[k])
			continue;
		for (size_t it = 0; hmap_next(tabs[k], &it, &key, NULL);) {
			int dist = edit_distance(name, key, 2);

			if (dist < bestd) {
				bestd = dist;
				best = key;
			}
		}
	}
	for (size_t i = 0; i < sizeof(builtins) / sizeof(*builtins); i++) {
		int dist = edit_distance(name, builtins[i], 2);

		if (dist < bestd) {
			bestd = dist;
			best = builtins[i];
		}
	}
	if (best)
		diag_hint(d, "did you mean '@%s'?", best);
}

/* Reads '(' arg, ... ')' of a macro use; false on error. */
static bool read_args(struct pp *pp, struct macro *m,
		      const struct pp_tok *use, tokvec **argsp, int *nargs)
{
	struct pp_tok t;
	VEC(tokvec) args = { 0 };
	tokvec cur = { 0 };
	int depth = 0;

	pp_next(pp, &t);
	if (t.kind != '(') {
		struct diag *d = diag_new(DIAG_ERROR, &use->loc,
					  "macro '@%s' needs an argument list",
					  m->name);

		diag_note(d, &m->loc, "'@%s' is defined here with %d parameter%s",
			  m->name, m->nparams, m->nparams == 1 ? "" : "s");
		parse_emit(pp->p, d);
		/* t is lost; it was not part of the use */
		return false;
	}
	for (;;) {
		pp_next(pp, &t);
		if (!t.kind) {
			struct diag *d = diag_new(DIAG_ERROR, &use->loc,
						  "unterminated argument list of macro '@%s'",
						  m->name);

			diag_hint(d, "expected ')'");
			parse_emit(pp->p, d);
			goto fail;
		}
		if (depth == 0 && (t.kind == ',' || t.kind == ')')) {
			if (t.kind == ')' && !args.n && !cur.n && !m->nparams)
				break;
			vec_push(&args, cur);
			memset(&cur, 0, sizeof(cur));
			if (t.kind == ')')
				break;
			continue;
		}
		if (t.kind == '(' || t.kind == '[' || t.kind == '{')
			depth++;
		else if ((t.kind == ')' || t.kind == ']' || t.kind == '}') &&
			 depth > 0)
			depth--;
		vec_push(&cur, t);
	}
	if ((int)args.n != m->nparams) {
		struct diag *d = diag_new(DIAG_ERROR, &use->loc,
					  "macro '@%s' takes %d argument%s, but %zu %s given",
					  m->name, m->nparams,
					  m->nparams == 1 ? "" : "s", args.n,
					  args.n == 1 ? "was" : "were");

		diag_note(d, &m->loc, "'@%s' is defined here", m->name);
		parse_emit(pp->p, d);
		goto fail;
	}
	*argsp = args.v;
	*nargs = (int)args.n;
	return true;
fail:
	for (size_t i = 0; i < args.n; i++)
		vec_free(&args.v[i]);
	vec_free(&args);
	vec_free(&cur);
	return false;
}

static void pp_expand(struct pp *pp, const struct pp_tok *use)
{
	struct macro *m = macro_find(pp, use->v.text);
	int depth = pp->top->depth + 1, nargs = 0;
	tokvec *args = NULL, out = { 0 };
	struct src_loc *via;

	if (!m) {
		struct diag *d = diag_new(DIAG_ERROR, &use->loc,
					  "unknown macro '@%s'", use->v.text);

		suggest_macro(pp, d, use->v.text);
		parse_emit(pp->p, d);
		return;
	}
	if (depth > PP_MAX_DEPTH) {
		parse_error(pp->p, &use->loc,
			    "too many nested macro expansions (limit is %d) in '@%s'",
			    PP_MAX_DEPTH, m->name);
		return;
	}
	if (m->has_parens && !read_args(pp, m, use, &args, &nargs))
		return;
	via = ast_alloc(sizeof(*via));
	*via = use->loc;
	char *w = xasprintf("macro '@%s'", m->name);
	const char *what = ast_strndup(w, strlen(w));

	free(w);
	for (size_t i = 0; i < m->nbody; i++) {
		const struct pp_tok *b = &m->body[i];
		int k;

		for (k = 0; b->kind == AT_MACRO && k < m->nparams; k++)
			if (m->params[k] == b->v.text)
				break;
		if (b->kind == AT_MACRO && k < m->nparams) {
			for (size_t j = 0; j < args[k].n; j++)
				vec_push(&out, args[k].v[j]);
			continue;
		}
		struct pp_tok t = *b;

		t.loc.via = via;
		t.loc.via_what = what;
		vec_push(&out, t);
	}
	for (int i = 0; i < nargs; i++)
		vec_free(&args[i]);
	free(args);
	pp->expanded += out.n;
	if (pp->expanded > PP_MAX_EXPAND) {
		parse_error(pp->p, &use->loc,
			    "too many tokens from macro expansion (limit is %d) in '@%s'",
			    PP_MAX_EXPAND, m->name);
		vec_free(&out);
		pp->p->stopped = true;
		return;
	}
	struct pp_tok *toks = ast_alloc(out.n * sizeof(*toks) + 1);

	if (out.n)
		memcpy(toks, out.v, out.n * sizeof(*toks));
	src_push(pp, NULL, toks, out.n, depth);
	vec_free(&out);
}

/* ---- command-line arguments ---------------------------------------- */

static const char *arg_text(struct pp *pp, const struct pp_tok *t)
{
	const struct parse_env *env = pp->p->env;
	int argc = env ? env->argc : 0;

	if (t->v.num < 1 || t->v.num > argc) {
		struct diag *d = diag_new(DIAG_ERROR, &t->loc,
					  "command-line argument %c%lld is not given",
					  t->kind == ARG ? '$' : '@',
					  (long long)t->v.num);

		diag_hint(d, "%d argument%s given after the script", argc,
			  argc == 1 ? " was" : "s were");
		parse_emit(pp->p, d);
		return NULL;
	}
	return env->argv[t->v.num - 1] ? env->argv[t->v.num - 1] : "";
}

/* $N: the argument's text is scanned as script tokens. */
static void pp_dollar_arg(struct pp *pp, const struct pp_tok *t)
{
	const char *text = arg_text(pp, t);
	int depth = pp->top->depth + 1;
	struct src_loc *via;
	char *name;

	if (!text)
		return;
	if (depth > PP_MAX_DEPTH) {
		parse_error(pp->p, &t->loc,
			    "too many nested macro expansions (limit is %d) in '$%lld'",
			    PP_MAX_DEPTH, (long long)t->v.num);
		return;
	}
	name = xasprintf("<argument $%lld>", (long long)t->v.num);
	via = ast_alloc(sizeof(*via));
	*via = t->loc;
	src_push(pp, lex_open(pp->p, parse_src_new(name, text, strlen(text)),
			      via, "command-line argument"),
		 NULL, 0, depth);
	free(name);
}

/* ---- the token loop ------------------------------------------------ */

void pp_next(struct pp *pp, struct pp_tok *t)
{
	for (;;) {
		struct pp_src *s = pp->top;
		struct pp_cond *c;

		if (pp->p->stopped) {
			*t = pp->eof;
			t->kind = 0;
			return;
		}
		if (!src_next(s, t)) {
			close_conds(pp, s);
			if (!s->up) {
				pp->eof = *t;
				t->kind = 0;
				return;
			}
			src_pop(pp);
			continue;
		}
		c = cond_top(pp, s);
		if (c && !t->loc.via) {
			t->loc.via = c->loc;
			t->loc.via_what = "preprocessor conditional";
		}
		switch (t->kind) {
		case PP_OPEN:
			if (pp->in_cond)
				break;
			pp_conditional(pp, t);
			continue;
		case PP_THEN:
			if (pp->in_cond)
				return;
			break;
		case PP_ELSE:
			if (pp->in_cond || !c)
				break;
			skip_branch(pp, s, c->loc, false);
			pp->conds.n--;
			continue;
		case PP_CLOSE:
			if (pp->in_cond || !c)
				break;
			pp->conds.n--;
			continue;
		case AT_DEFINE:
			if (!s->lx) {	/* tokens of a macro expansion */
				struct diag *d = diag_new(DIAG_ERROR, &t->loc,
							  "'@define' is not allowed inside a macro body");

				diag_hint(d, "define every macro at the top level of a file");
				parse_emit(pp->p, d);
			}
			pp_define(pp, s, t);
			continue;
		case AT_MACRO:
			pp_expand(pp, t);
			continue;
		case ARG:
			pp_dollar_arg(pp, t);
			continue;
		case AT_ARG: {
			const char *text = arg_text(pp, t);

			if (!text)
				continue;
			t->kind = STRING;
			t->v.text = text;
			t->v.len = strlen(text);
			return;
		}
		case ARGC: {
			int argc = pp->p->env ? pp->p->env->argc : 0;
			char buf[16];

			snprintf(buf, sizeof(buf), "%d", argc);
			t->kind = NUM;
			t->v.num = argc;
			t->v.text = ast_strndup(buf, strlen(buf));
			return;
		}
		default:
			return;
		}
		/* a preprocessor token out of place */
		if (t->kind == PP_OPEN) {
			parse_error(pp->p, &t->loc,
				    "'%%(' cannot appear inside a preprocessor condition");
		} else {
			struct diag *d = diag_new(DIAG_ERROR, &t->loc,
						  "'%s' without a matching '%%('",
						  t->kind == PP_THEN ? "%?" :
						  t->kind == PP_ELSE ? "%:" : "%)");

			diag_hint(d, "conditionals read: %%( condition %%? tokens %%: tokens %%)");
			parse_emit(pp->p, d);
		}
	}
}
