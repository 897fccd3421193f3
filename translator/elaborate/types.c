// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * types.c - type inference over the whole program to a fixed point.
 *
 * Every expression is long, string or stats (aggregate); variables,
 * array keys/values, function parameters and returns take the type of
 * their first typed use, in either direction (a value flows into a
 * variable, or a typed context asks for one).  Rounds repeat until
 * nothing changes, first with values only, then letting typed contexts
 * fill what is still unknown (so a conflict is reported at the use that
 * disagrees with the values); a final round reports conflicts (naming
 * both uses) and whatever is still unknown.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct ty {
	struct el_ctx *c;
	struct el_func *fn;		/* function being typed, or NULL */
	bool report;			/* final round: emit diagnostics */
	const char *owner;		/* "probe ..." / "function f()" */
	const char *key;		/* of the diagnostic being built */
	bool wants;			/* let typed contexts decide unknown
					 * types (after values have had their
					 * say, so errors point at the use) */
};


/*
 * Diagnostics already shown, as "file:line:col:message": the probes a
 * wildcard expands to share one body, and its errors are shown once.
 */
static struct hmap reported;

static const char *report_key(const struct src_loc *loc, const char *msg)
{
	return intern(xasprintf("%p:%d:%d:%s", loc ? (const void *)loc->file :
				NULL, loc ? loc->line : 0, loc ? loc->col : 0,
				msg));
}

/* diag_new for an error, remembering its key for ty_emit. */
__attribute__((format(printf, 3, 4)))
static struct diag *ty_new(struct ty *t, const struct src_loc *loc,
			   const char *fmt, ...)
{
	struct strbuf sb;
	struct diag *d;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	t->key = report_key(loc, sb_str(&sb));
	d = diag_new(DIAG_ERROR, loc, "%s", sb_str(&sb));
	sb_free(&sb);
	return d;
}

/* Emits a diagnostic with a note naming the probe (and its alias chain)
 * or function it arose in, unless the same one was already shown. */
static void ty_emit(struct ty *t, struct diag *d)
{
	const char *key = t->key;

	t->key = NULL;
	if (key && hmap_get(&reported, key))
		return;		/* (the unshown diag is not freed: rare) */
	if (key)
		hmap_put(&reported, key, (void *)key);
	if (t->owner)
		diag_note(d, NULL, "in %s", t->owner);
	diag_emit(d);
}

/* diag_error with the owner note. */
__attribute__((format(printf, 3, 4)))
static void ty_error(struct ty *t, const struct src_loc *loc,
		     const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	ty_emit(t, ty_new(t, loc, "%s", sb_str(&sb)));
	sb_free(&sb);
}

static const char *tname(enum ast_type t)
{
	return ast_type_name(t);
}

/*
 * Where each type slot (a variable's type, an array key, a function's
 * return) got its type, so a conflict can show both uses.  Keyed by the
 * slot's address.
 */
static struct hmap origins;

static const char *slot_key(const void *slot)
{
	char key[32];

	snprintf(key, sizeof(key), "%p", slot);
	return intern(key);
}

static const struct ast_node *origin_of(const void *slot)
{
	return hmap_get(&origins, slot_key(slot));
}

/* The type slot an expression reads, if it has one. */
static const enum ast_type *slot_of(const struct ast_node *n)
{
	if ((n->kind == AST_IDENT || n->kind == AST_INDEX) && n->sym)
		return &n->sym->type;
	if (n->kind == AST_CALL && n->aux)
		return &((struct el_func *)n->aux)->ret;
	return NULL;
}

static const char *slot_what(const struct ast_node *n)
{
	if ((n->kind == AST_IDENT || n->kind == AST_INDEX) && n->sym)
		return xasprintf("'%s'", n->sym->name);
	if (n->kind == AST_CALL && n->aux)
		return xasprintf("the value of %s()",
				 ((struct el_func *)n->aux)->name);
	return "it";
}

/* A note showing where n's type was decided, unless that is n itself. */
static void note_origin(struct diag *d, const struct ast_node *n,
			enum ast_type t)
{
	const enum ast_type *slot = slot_of(n);
	const struct ast_node *o = slot ? origin_of(slot) : NULL;

	if (o && o != n && o->loc.file && o->kind == AST_FUNCTION)
		diag_note(d, &o->loc, "%s is declared %s here",
			  slot_what(n), tname(t));
	else if (o && o != n && o->loc.file)
		diag_note(d, &o->loc, "%s was inferred as %s here",
			  slot_what(n), tname(t));
}

/* Merges a type into a slot; reports a conflict in the final round. */
static enum ast_type unify(struct ty *t, enum ast_type *slot, enum ast_type got,
			   const struct ast_node *where, const char *what,
			   const struct ast_node *first_use)
{
	if (got == TYPE_UNKNOWN || (got == TYPE_VOID && *slot == TYPE_UNKNOWN))
		return *slot;
	if (*slot == TYPE_UNKNOWN) {
		*slot = got;
		t->c->changed = true;
		if (where)
			hmap_put(&origins, slot_key(slot), (void *)where);
		return got;
	}
	if (*slot != got && t->report) {
		struct diag *d = ty_new(t, &where->loc,
			"type mismatch for %s: %s here, but %s elsewhere",
			what, tname(got), tname(*slot));
		const struct ast_node *o = origin_of(slot);

		if (!o || !o->loc.file)
			o = first_use;
		if (o && o != where && o->kind == AST_FUNCTION)
			diag_note(d, &o->loc, "%s is declared %s here",
				  what, tname(*slot));
		else if (o && o != where)
			diag_note(d, &o->loc, "%s was inferred as %s here",
				  what, tname(*slot));
		ty_emit(t, d);
	}
	return *slot;
}

static enum ast_type expr(struct ty *t, struct ast_node *n, enum ast_type want);
static void no_void(struct ty *t, const struct ast_node *n, enum ast_type r);
static void whole_array(struct ty *t, const struct ast_node *n,
			const struct el_sym *s);

static void want_type_sig(struct ty *t, struct ast_node *n,
			  enum ast_type want, const char *ctx, const char *sig);

static void want_type(struct ty *t, struct ast_node *n, enum ast_type want,
		      const char *ctx)
{
	want_type_sig(t, n, want, ctx, NULL);
}

/* As want_type; sig, if set, is a signature to show in a hint. */
static void want_type_sig(struct ty *t, struct ast_node *n,
			  enum ast_type want, const char *ctx, const char *sig)
{
	enum ast_type got = expr(t, n, want);

	if (got == TYPE_VOID && (n->kind == AST_CALL || n->kind == AST_STAT)) {
		no_void(t, n, got);
		return;
	}
	/* reading an aggregate directly is reported where it is read */
	if (got == TYPE_STATS && (n->kind == AST_IDENT || n->kind == AST_INDEX))
		return;
	if (t->report && got != TYPE_UNKNOWN && got != want) {
		struct diag *d = ty_new(t, &n->loc,
			"%s must be %s, but this is %s", ctx, tname(want),
			tname(got));

		note_origin(d, n, got);
		if (n->loc.file && n->loc.file->name &&
		    !strncmp(n->loc.file->name, "<argument $", 11) &&
		    want == TYPE_STRING)
			diag_hint(d, "use @N instead of $N for a string argument");
		else if (want == TYPE_STRING && got == TYPE_LONG)
			diag_hint(d, "convert with sprint() or sprintf(\"%%d\", ...)");
		else if (want == TYPE_LONG && got == TYPE_STRING)
			diag_hint(d, "convert with strtol(s, 10)");
		if (sig)
			diag_hint(d, "the builtin is %s", sig);
		ty_emit(t, d);
	}
}

static void sym_use(struct ty *t, struct el_sym *s, enum ast_type got,
		    struct ast_node *where)
{
	const char *what = xasprintf("%s '%s'", s->kind == SYM_GLOBAL ?
				     "global" : "variable", s->name);

	unify(t, &s->type, got, where, what, s->decl);
}

static void keys(struct ty *t, struct el_sym *s, struct ast_node *k)
{
	int i;

	for (i = 0; k && i < EL_MAX_KEYS; k = k->next, i++) {
		enum ast_type kt = expr(t, k, s ? s->key_types[i] : TYPE_UNKNOWN);

		if (s)
			unify(t, &s->key_types[i], kt, k,
			      xasprintf("index %d of '%s'", i + 1, s->name), s->decl);
	}
}

/*
 * One conversion of a printf format: "%-8.3ld".  Returns the character
 * after it and sets *conv ('\0' at a malformed end) and *stars (how many
 * '*' widths/precisions take a long argument first).
 */
static const char *format_conv(const char *p, char *conv, int *stars)
{
	*stars = 0;
	while (*p && strchr("-+ #0", *p))
		p++;
	if (*p == '*') {
		(*stars)++;
		p++;
	}
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p == '*') {
			(*stars)++;
			p++;
		}
		while (*p >= '0' && *p <= '9')
			p++;
	}
	while (*p && strchr("hlLjzt", *p))
		p++;
	*conv = *p;
	return *p ? p + 1 : p;
}

/* s as a C string literal body (for quoting formats in messages). */
static const char *escaped(const char *s, size_t n)
{
	struct strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < n && s[i]; i++) {
		switch (s[i]) {
		case '\n': sb_printf(&sb, "\\n"); break;
		case '\t': sb_printf(&sb, "\\t"); break;
		case '"': sb_printf(&sb, "\\\""); break;
		case '\\': sb_printf(&sb, "\\\\"); break;
		default: sb_printf(&sb, "%c", s[i]); break;
		}
	}
	return sb_steal(&sb);
}

/*
 * printf/sprintf with a literal format: each conversion takes the next
 * argument, which must have the conversion's type (%s a string; %d %i
 * %u %o %x %X %c %p %b %m %M a long), and the counts must agree.
 */
static void check_format(struct ty *t, struct ast_node *n,
			 const struct el_builtin *b)
{
	struct ast_node *fmt = n->u.call.args, *a = fmt->next;
	const char *p = fmt->u.str.value;
	int want_args = 0, given = ast_list_len(a);
	bool bad = false;

	expr(t, fmt, TYPE_STRING);
	while ((p = strchr(p, '%')) != NULL) {
		char conv;
		const char *spec;
		int stars, k;
		const char *start = p;
		enum ast_type ct;

		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		p = format_conv(p, &conv, &stars);
		spec = escaped(start, (size_t)(p - start));
		for (k = 0; k < stars; k++, want_args++) {
			if (a) {
				want_type(t, a, TYPE_LONG, xasprintf("the '*' "
					  "width of '%s' in %s()", spec, b->name));
				a = a->next;
			}
		}
		if (conv && strchr("sdiuoxXcpbmM", conv)) {
			ct = conv == 's' ? TYPE_STRING : TYPE_LONG;
			want_args++;
			if (a) {
				want_type(t, a, ct, xasprintf("the argument for "
					  "'%s' in %s()", spec, b->name));
				a = a->next;
			}
		} else if (t->report && !bad) {
			struct diag *d = ty_new(t, &fmt->loc,
				"bad conversion '%s' in the format of %s()",
				conv ? spec : "%", b->name);

			diag_hint(d, "conversions are %%s for strings, %%d %%i "
				  "%%u %%o %%x %%X %%c %%p %%b %%m %%M for numbers, "
				  "and %%%% for a '%%'");
			ty_emit(t, d);
			bad = true;
		}
	}
	for (; a; a = a->next)
		no_void(t, a, expr(t, a, TYPE_UNKNOWN));
	if (t->report && !bad && want_args != given) {
		struct diag *d = ty_new(t, &n->loc,
			"%s() format \"%s\" wants %d argument%s, but %d %s given",
			b->name, escaped(fmt->u.str.value, (size_t)-1), want_args,
			want_args == 1 ? "" : "s", given,
			given == 1 ? "is" : "are");

		diag_note(d, &fmt->loc, "the format is here");
		ty_emit(t, d);
	}
}

static enum ast_type call(struct ty *t, struct ast_node *n, enum ast_type want)
{
	struct el_func *fn = n->aux;
	struct ast_node *a;
	size_t i = 0;

	if (!fn) {
		const struct el_builtin *b = rs_builtin(n->u.call.name);

		if (b && b->format && n->u.call.args &&
		    n->u.call.args->kind == AST_STR) {
			check_format(t, n, b);
			return b->ret;
		}
		for (a = n->u.call.args; a; a = a->next, i++) {
			enum ast_type at = b ? bi_arg_type(b->name, (int)i) :
					   TYPE_UNKNOWN;

			if (b && b->format && i == 0) {
				want_type(t, a, TYPE_STRING, "a format string");
				if (t->report && a->kind != AST_STR &&
				    a->type != TYPE_LONG) {
					struct diag *d = ty_new(t, &a->loc,
						"the format of %s() must be a "
						"literal string", b->name);

					diag_hint(d, "formats are checked and "
						  "compiled ahead of time; use "
						  "%s(\"%%s\", s) to print a "
						  "computed string", b->name);
					ty_emit(t, d);
				}
			}
			else if (at != TYPE_UNKNOWN)
				want_type_sig(t, a, at, xasprintf("argument %zu "
					      "of %s()", i + 1, b->name),
					      bi_signature(b->name));
			else if (a->kind == AST_STAT && b &&
				 !strncmp(b->name, "print", 5))
				expr(t, a, TYPE_UNKNOWN);	/* print(@hist_log(s)) */
			else
				no_void(t, a, expr(t, a, TYPE_UNKNOWN));
		}
		return b ? b->ret : TYPE_UNKNOWN;
	}
	for (a = n->u.call.args; a; a = a->next, i++) {
		struct el_sym *p = i < fn->params.n ? fn->params.v[i] : NULL;
		enum ast_type at = expr(t, a, p ? p->type : TYPE_UNKNOWN);

		no_void(t, a, at);
		struct el_func *o;

		/* every runtime overload may receive the arguments */
		for (o = fn; p && o; o = o->overload_next) {
			p = i < o->params.n ? o->params.v[i] : NULL;
			if (p)
				unify(t, &p->type, at, a, xasprintf("parameter "
				      "'%s' of %s()", p->name, o->name), NULL);
		}
	}
	if (t->wants && want != TYPE_UNKNOWN && fn->ret == TYPE_UNKNOWN &&
	    !fn->embedded)
		unify(t, &fn->ret, want, n, xasprintf("the value of %s()",
		      fn->name), NULL);
	/* ... and any of them may produce the value */
	for (struct el_func *o = fn->overload_next; o; o = o->overload_next) {
		if (o->ret != TYPE_UNKNOWN)
			unify(t, &fn->ret, o->ret, o->decl, xasprintf("the "
			      "value of %s() (an overload returns it)",
			      fn->name), NULL);
		else if (fn->ret != TYPE_UNKNOWN && !o->embedded)
			unify(t, &o->ret, fn->ret, NULL, NULL, NULL);
	}
	return fn->ret;
}

static enum ast_type binary(struct ty *t, struct ast_node *n)
{
	struct ast_node *l = n->u.op.lhs, *r = n->u.op.rhs;
	enum ast_type lt, rt;

	switch (n->u.op.op) {
	case '.':
		want_type(t, l, TYPE_STRING, "an operand of '.'");
		want_type(t, r, TYPE_STRING, "an operand of '.'");
		return TYPE_STRING;
	case OP_MATCH:
	case OP_NOMATCH:
		want_type(t, l, TYPE_STRING, "the left side of a regex match");
		want_type(t, r, TYPE_STRING, "a regular expression");
		return TYPE_LONG;
	case '<': case '>': case OP_LE: case OP_GE: case OP_EQ: case OP_NE:
		lt = expr(t, l, TYPE_UNKNOWN);
		rt = expr(t, r, lt);
		if (lt == TYPE_UNKNOWN && rt != TYPE_UNKNOWN)
			lt = expr(t, l, rt);
		if (t->report && lt != TYPE_UNKNOWN && rt != TYPE_UNKNOWN &&
		    lt != rt) {
			struct diag *d = ty_new(t, &n->loc,
				"cannot compare %s with %s", tname(lt), tname(rt));

			ty_emit(t, d);
		}
		return TYPE_LONG;
	default:
		want_type(t, l, TYPE_LONG, xasprintf("an operand of '%s'",
			  ast_op_name(n->u.op.op)));
		want_type(t, r, TYPE_LONG, xasprintf("an operand of '%s'",
			  ast_op_name(n->u.op.op)));
		return TYPE_LONG;
	}
}

/* A value is needed from n: a call returning nothing is an error. */
static void no_void(struct ty *t, const struct ast_node *n, enum ast_type r)
{
	if (r == TYPE_VOID && t->report && n->kind == AST_STAT) {
		struct diag *d = ty_new(t, &n->loc,
			"@%s has no value, but its value is used here",
			ast_stat_name(n->u.stat.sop));

		diag_hint(d, "a histogram can only be printed: "
			  "print(@%s(...))", ast_stat_name(n->u.stat.sop));
		ty_emit(t, d);
		return;
	}
	if (r == TYPE_VOID && t->report && n->kind == AST_CALL) {
		struct diag *d = ty_new(t, &n->loc,
			"%s() returns no value, but its value is used here",
			n->u.call.name);

		if (n->aux)
			diag_note(d, &((struct el_func *)n->aux)->decl->loc,
				  "'%s' is defined here without 'return "
				  "<value>'", n->u.call.name);
		else
			diag_hint(d, "the builtin is %s",
				  bi_signature(n->u.call.name));
		ty_emit(t, d);
	}
}

/* The variable an lvalue names (IDENT or INDEX), or NULL. */
static struct el_sym *lvalue_sym(struct ast_node *n)
{
	if (n->kind == AST_IDENT || n->kind == AST_INDEX)
		return n->sym;
	return NULL;
}

static enum ast_type assign(struct ty *t, struct ast_node *n, enum ast_type want)
{
	struct ast_node *l = n->u.op.lhs, *r = n->u.op.rhs;
	struct el_sym *s = lvalue_sym(l);
	enum ast_type lt, rt;

	if (s)
		s->is_written = true;
	switch (n->u.op.op) {
	case OP_AGG:
		if (s && l->kind == AST_IDENT)
			whole_array(t, l, s);
		if (s)
			sym_use(t, s, TYPE_STATS, l);
		if (l->kind == AST_INDEX)
			keys(t, s, l->u.index.keys);
		want_type(t, r, TYPE_LONG, "a value added to an aggregate with <<<");
		return TYPE_STATS;
	case '=': {
		/* the target is written, not read */
		bool was_read = s && s->is_read;

		if (s && s->type == TYPE_STATS) {
			if (t->report) {
				struct diag *d = ty_new(t, &l->loc,
					"cannot assign to aggregate '%s'",
					s->name);

				diag_hint(d, "add values with '%s <<< value'",
					  s->name);
				note_origin(d, l, TYPE_STATS);
				ty_emit(t, d);
			}
			if (l->kind == AST_INDEX)
				keys(t, s, l->u.index.keys);
			expr(t, r, TYPE_LONG);
			return TYPE_STATS;
		}
		lt = expr(t, l, want);
		if (s)
			s->is_read = was_read;
		rt = expr(t, r, lt);
		no_void(t, r, rt);
		if (s)
			sym_use(t, s, rt, r);
		else if (l->kind == AST_TARGET && rt != TYPE_UNKNOWN)
			unify(t, &lt, rt, r, "the target variable", NULL);
		return s ? s->type : rt;
	}
	case '.':
		want_type(t, l, TYPE_STRING, "the left side of '.='");
		want_type(t, r, TYPE_STRING, "the right side of '.='");
		return TYPE_STRING;
	default:
		want_type(t, l, TYPE_LONG, xasprintf("the left side of '%s='",
			  ast_op_name(n->u.op.op)));
		want_type(t, r, TYPE_LONG, xasprintf("the right side of '%s='",
			  ast_op_name(n->u.op.op)));
		return TYPE_LONG;
	}
}

/* First histogram use of each aggregate (sym cname -> AST_STAT). */
static struct hmap hists;

/* @hist_linear(s, low, high, width): literal, width > 0, high > low. */
static bool hist_linear_args(struct ty *t, const struct ast_node *n,
			     int64_t v[3])
{
	const struct ast_node *p = n->u.stat.params;
	int i;

	for (i = 0; i < 3; i++, p = p ? p->next : NULL) {
		if (!ast_int_literal(p, &v[i])) {
			if (t->report) {
				struct diag *d = ty_new(t, p ? &p->loc : &n->loc,
					"@hist_linear needs literal numbers for "
					"low, high and width");

				diag_hint(d, "e.g. @hist_linear(s, 0, 1000, 50)");
				ty_emit(t, d);
			}
			return false;
		}
	}
	if ((v[2] <= 0 || v[1] <= v[0]) && t->report) {
		struct diag *d = ty_new(t, &n->loc, "bad @hist_linear range: "
			"low %" PRId64 ", high %" PRId64 ", width %" PRId64,
			v[0], v[1], v[2]);

		diag_hint(d, "the width must be positive and high above low");
		ty_emit(t, d);
		return false;
	}
	return true;
}

/* One aggregate is printed with one kind of histogram (and one range). */
static void hist_consistent(struct ty *t, struct el_sym *s,
			    struct ast_node *n)
{
	const struct ast_node *first;
	int64_t a[3] = { 0 }, b[3] = { 0 };
	bool linear = n->u.stat.sop == STAT_HIST_LINEAR;

	if (!t->report)
		return;
	if (linear && !hist_linear_args(t, n, a))
		return;
	first = hmap_get(&hists, intern(s->cname));
	if (!first) {
		hmap_put(&hists, intern(s->cname), n);
		return;
	}
	if (first == n)
		return;
	if (first->u.stat.sop == n->u.stat.sop &&
	    (!linear || (hist_linear_args(t, first, b) &&
			 !memcmp(a, b, sizeof(a)))))
		return;
	{
		struct diag *d = ty_new(t, &n->loc, "aggregate '%s' is used "
			"with two different histograms", s->name);

		diag_note(d, &first->loc, "it is used with @%s here",
			  ast_stat_name(first->u.stat.sop));
		diag_hint(d, "an aggregate keeps one kind of histogram (and "
			  "one @hist_linear range)");
		ty_emit(t, d);
	}
}

static enum ast_type stat_op(struct ty *t, struct ast_node *n)
{
	struct ast_node *e = n->u.stat.expr, *p;
	struct el_sym *s = lvalue_sym(e);

	if (s) {
		if (e->kind == AST_IDENT)
			whole_array(t, e, s);
		sym_use(t, s, TYPE_STATS, e);
		s->is_read = true;
		if (e->kind == AST_INDEX)
			keys(t, s, e->u.index.keys);
	} else if (t->report) {
		ty_error(t, &e->loc, "@%s needs an aggregate (a variable or array "
			   "element filled with <<<)", ast_stat_name(n->u.stat.sop));
	}
	for (p = n->u.stat.params; p; p = p->next)
		want_type(t, p, TYPE_LONG, "a histogram parameter");
	if (s && (n->u.stat.sop == STAT_HIST_LOG ||
		  n->u.stat.sop == STAT_HIST_LINEAR))
		hist_consistent(t, s, n);
	if (n->u.stat.sop == STAT_HIST_LOG || n->u.stat.sop == STAT_HIST_LINEAR)
		return TYPE_VOID;
	return TYPE_LONG;
}

/* An array named without an index where a value is needed. */
static void whole_array(struct ty *t, const struct ast_node *n,
			const struct el_sym *s)
{
	/* arity -1: declared 'global a[N]' (an array) */
	if (s->arity != 0 && t->report) {
		struct diag *d = ty_new(t, &n->loc,
			"array '%s' used without an index", s->name);

		if (s->arity < 0 && s->decl)
			diag_note(d, &s->decl->loc, "'%s' is declared as an "
				  "array here", s->name);
		ty_emit(t, d);
	}
}

static enum ast_type ident(struct ty *t, struct ast_node *n, enum ast_type want)
{
	struct el_sym *s = n->sym;

	if (!s)
		return TYPE_UNKNOWN;
	s->is_read = true;
	whole_array(t, n, s);
	if (s->type == TYPE_STATS && t->report)
		ty_error(t, &n->loc, "aggregate '%s' can only be read through "
			   "@count, @sum, @min, @max, @avg or @hist_*", s->name);
	if (t->wants && want != TYPE_UNKNOWN && want != TYPE_VOID &&
	    s->type == TYPE_UNKNOWN)
		sym_use(t, s, want, n);
	return s->type;
}

static enum ast_type expr(struct ty *t, struct ast_node *n, enum ast_type want)
{
	enum ast_type r = TYPE_UNKNOWN;
	if (!n)
		return TYPE_UNKNOWN;
	switch (n->kind) {
	case AST_NUM: r = TYPE_LONG; break;
	case AST_STR: r = TYPE_STRING; break;
	case AST_IDENT: r = ident(t, n, want); break;
	case AST_INDEX:
		if (n->sym) {
			n->sym->is_read = true;
			keys(t, n->sym, n->u.index.keys);
			if (t->wants && want != TYPE_UNKNOWN && want != TYPE_VOID)
				sym_use(t, n->sym, want, n);
			r = n->sym->type;
			if (r == TYPE_STATS && t->report)
				ty_error(t, &n->loc, "aggregate '%s' can only be "
					   "read through @count, @sum, @min, @max, "
					   "@avg or @hist_*", n->sym->name);
		}
		break;
	case AST_IN:
		if (n->sym)
			n->sym->is_read = true;
		keys(t, n->sym, n->u.index.keys);
		r = TYPE_LONG;
		break;
	case AST_CALL: r = call(t, n, want); break;
	case AST_UNARY:
		want_type(t, n->u.op.lhs, TYPE_LONG, xasprintf("the operand of "
			  "'%s'", ast_op_name(n->u.op.op)));
		r = TYPE_LONG;
		break;
	case AST_PREINC:
	case AST_POSTINC:
		if (lvalue_sym(n->u.op.lhs))
			lvalue_sym(n->u.op.lhs)->is_written = true;
		want_type(t, n->u.op.lhs, TYPE_LONG, "the operand of ++/--");
		r = TYPE_LONG;
		break;
	case AST_BINARY:
		if (n->u.op.op == OP_LAND || n->u.op.op == OP_LOR) {
			want_type(t, n->u.op.lhs, TYPE_LONG, "an operand of && / ||");
			want_type(t, n->u.op.rhs, TYPE_LONG, "an operand of && / ||");
			r = TYPE_LONG;
		} else {
			r = binary(t, n);
		}
		break;
	case AST_TERNARY:
		want_type(t, n->u.op.lhs, TYPE_LONG, "a condition");
		r = expr(t, n->u.op.rhs, want);
		if (r == TYPE_UNKNOWN)
			r = expr(t, n->u.op.third, want);
		else
			want_type(t, n->u.op.third, r, "the other branch of ?:");
		break;
	case AST_ASSIGN: r = assign(t, n, want); break;
	case AST_TARGET:
		if (n->u.target.cast_expr)
			want_type(t, n->u.target.cast_expr, TYPE_LONG,
				  "the pointer of @cast");
		r = n->u.target.pretty || n->u.target.tkind == TARGET_CONTEXT ?
		    TYPE_STRING : TYPE_LONG;
		if (n->aux)
			r = ((struct el_target *)n->aux)->type;
		{
			struct ast_tstep *st;

			for (st = n->u.target.steps; st; st = st->next)
				if (st->index)
					want_type(t, st->index, TYPE_LONG,
						  "an array subscript");
		}
		break;
	case AST_STAT: r = stat_op(t, n); break;
	case AST_DEFINED:
	case AST_PROBEWRITE:
	case AST_ATOP:
		r = TYPE_LONG;
		break;
	case AST_AUTOCAST:
		r = n->u.target.pretty ? TYPE_STRING : TYPE_LONG;
		break;
	case AST_ENTRY:
		r = expr(t, n->u.unary_stmt.expr, want);
		break;
	default:
		break;
	}
	if (r != TYPE_UNKNOWN)
		n->type = r;
	return r;
}

static void stmt(struct ty *t, struct ast_node *n);

static void stmts(struct ty *t, struct ast_node *n)
{
	for (; n; n = n->next)
		stmt(t, n);
}

static void foreach(struct ty *t, struct ast_node *n)
{
	struct el_sym *a = n->sym;
	struct ast_node *k;
	int i = 0;

	if (a) {
		a->is_read = true;
		for (k = n->u.foreach.keys; k && i < EL_MAX_KEYS; k = k->next, i++)
			if (k->sym) {
				k->sym->is_written = true;
				unify(t, &k->sym->type, a->key_types[i], k,
				      xasprintf("variable '%s'", k->sym->name), NULL);
				unify(t, &a->key_types[i], k->sym->type, k,
				      xasprintf("index %d of '%s'", i + 1, a->name),
				      a->decl);
			}
		if (n->u.foreach.value && n->u.foreach.value->sym) {
			struct el_sym *v = n->u.foreach.value->sym;

			v->is_written = true;
			unify(t, &v->type, a->type == TYPE_STATS ? TYPE_UNKNOWN :
			      a->type, n->u.foreach.value,
			      xasprintf("variable '%s'", v->name), NULL);
		}
	}
	if (n->u.foreach.slice)		/* arr[*, k]: k has the key's type */
		keys(t, a, n->u.foreach.slice);
	if (n->u.foreach.limit)
		want_type(t, n->u.foreach.limit, TYPE_LONG, "a foreach limit");
	stmt(t, n->u.foreach.body);
}

static void stmt(struct ty *t, struct ast_node *n)
{
	if (!n)
		return;
	switch (n->kind) {
	case AST_BLOCK: stmts(t, n->u.block.stmts); break;
	case AST_EXPR_STMT: expr(t, n->u.unary_stmt.expr, TYPE_UNKNOWN); break;
	case AST_IF:
		want_type(t, n->u.ctl.cond, TYPE_LONG, "an if condition");
		stmt(t, n->u.ctl.then);
		stmt(t, n->u.ctl.els);
		break;
	case AST_WHILE:
		want_type(t, n->u.ctl.cond, TYPE_LONG, "a while condition");
		stmt(t, n->u.ctl.then);
		break;
	case AST_FOR:
		stmt(t, n->u.ctl.init);
		if (n->u.ctl.cond)
			want_type(t, n->u.ctl.cond, TYPE_LONG, "a for condition");
		stmt(t, n->u.ctl.incr);
		stmt(t, n->u.ctl.then);
		break;
	case AST_FOREACH: foreach(t, n); break;
	case AST_RETURN:
		if (t->fn && n->u.unary_stmt.expr) {
			enum ast_type rt = expr(t, n->u.unary_stmt.expr, t->fn->ret);

			no_void(t, n->u.unary_stmt.expr, rt);

			unify(t, &t->fn->ret, rt, n->u.unary_stmt.expr,
			      xasprintf("the return value of %s()", t->fn->name),
			      NULL);
		}
		break;
	case AST_DELETE:
		/* `delete arr[k]` (an aggregate's element too, or a slice
		 * arr[*, k]) types the subscripts; it reads no value */
		if (n->u.unary_stmt.expr->kind == AST_INDEX &&
		    n->u.unary_stmt.expr->sym) {
			struct ast_node *e = n->u.unary_stmt.expr;

			e->sym->is_written = true;
			keys(t, e->sym, e->u.index.keys);
			break;
		}
		/* `delete arr` names a whole array: no index needed */
		if (n->u.unary_stmt.expr->kind != AST_IDENT ||
		    !n->u.unary_stmt.expr->sym ||
		    n->u.unary_stmt.expr->sym->arity == 0)
			expr(t, n->u.unary_stmt.expr, TYPE_UNKNOWN);
		break;
	case AST_TRY:
		stmt(t, n->u.try_.body);
		if (n->u.try_.catch_var && n->u.try_.catch_var->sym) {
			n->u.try_.catch_var->sym->is_written = true;
			sym_use(t, n->u.try_.catch_var->sym, TYPE_STRING,
				n->u.try_.catch_var);
		}
		stmt(t, n->u.try_.catch_body);
		break;
	default:
		/* AST_FOR init/incr may be bare expressions */
		if (n->kind >= AST_NUM)
			expr(t, n, TYPE_UNKNOWN);
		break;
	}
}

/* Functions reachable from the probes (the rest are dropped unless -u,
 * so, as in stap, their type errors are not reported). */
static struct hmap reached;

static bool reach(struct ast_node *n, void *arg)
{
	struct el_func *fn;

	(void)arg;
	if (n->kind != AST_CALL || !n->aux)
		return true;
	for (fn = n->aux; fn; fn = fn->overload_next) {
		if (hmap_get(&reached, intern(fn->cname)))
			continue;
		hmap_put(&reached, intern(fn->cname), fn);
		if (!fn->embedded)
			ast_walk(fn->decl->u.func.body, reach, NULL);
	}
	return true;
}

bool ty_reachable(struct el_ctx *c, const struct el_func *fn)
{
	return (c->s->unoptimized && !fn->from_tapset) ||
	       hmap_get(&reached, intern(fn->cname)) != NULL;
}

static void round_all(struct el_ctx *c, bool report, bool wants)
{
	struct ty t = { .c = c, .report = report, .wants = wants };
	size_t i;

	/* initialisers first: a declared value outranks any later use */
	for (i = 0; i < c->all_globals.n; i++) {
		struct el_sym *g = c->all_globals.v[i];

		if (g->init)
			sym_use(&t, g, g->init->kind == AST_STR ? TYPE_STRING :
				TYPE_LONG, g->init);
	}

	for (i = 0; i < c->prog->probes.n; i++) {
		struct el_probe *p = c->prog->probes.v[i];

		t.owner = report ? ck_probe_owner(p) : NULL;
		if (p->cond)
			want_type(&t, p->cond, TYPE_LONG, "a probe condition");
		stmt(&t, p->body);
	}
	t.owner = NULL;
	for (i = 0; i < c->all_funcs.n; i++) {
		struct el_func *fn = c->all_funcs.v[i];

		if (fn->embedded || (report && !ty_reachable(c, fn)))
			continue;
		t.fn = fn;
		t.owner = report ? xasprintf("function %s()", fn->name) : NULL;
		stmt(&t, fn->decl->u.func.body);
		t.fn = NULL;
		t.owner = NULL;
	}
}

/* "similar:" globals for a local that is read but never assigned. */
static void suggest_global(struct el_ctx *c, struct diag *d,
			   const struct el_sym *s, void *locals)
{
	VEC(struct el_sym *) *lv = locals;
	VEC(const char *) names = { 0 };
	size_t i;

	if (s->kind != SYM_LOCAL)
		return;
	for (i = 0; i < c->all_globals.n; i++)
		vec_push(&names, c->all_globals.v[i]->name);
	for (i = 0; lv && i < lv->n; i++)
		if (lv->v[i] != s && (lv->v[i]->is_written ||
				      lv->v[i]->kind == SYM_PARAM))
			vec_push(&names, lv->v[i]->name);
	el_suggest(d, s->name, names.v, names.n);
	vec_free(&names);
}

static void report_unknown(struct el_ctx *c, struct el_sym *s,
			   const char *owner, void *locals)
{
	int i;

	const char *key = report_key(s->decl ? &s->decl->loc : NULL,
				     xasprintf("unknown %s", s->name));

	if (hmap_get(&reported, key))
		return;
	hmap_put(&reported, key, (void *)key);
	if (s->type == TYPE_UNKNOWN && (s->is_read || s->is_written)) {
		struct diag *d = diag_new(DIAG_ERROR, s->decl ? &s->decl->loc : NULL,
			"cannot infer the type of %s '%s'",
			s->kind == SYM_GLOBAL ? "global" : "variable", s->name);

		if (s->kind == SYM_LOCAL && !s->is_written &&
		    (hmap_get(&c->funcs, s->name) || rs_builtin(s->name)))
			diag_hint(d, "'%s' is a function: call it as %s()",
				  s->name, s->name);
		else if (s->kind == SYM_LOCAL && !s->is_written)
			diag_hint(d, "'%s' is never assigned: a misspelt "
				  "name, or a missing 'global %s'?", s->name,
				  s->name);
		else
			diag_hint(d, "assign it a number or a string somewhere");
		suggest_global(c, d, s, locals);
		if (owner)
			diag_note(d, NULL, "in %s", owner);
		diag_emit(d);
	}
	for (i = 0; i < s->arity && i < EL_MAX_KEYS; i++)
		if (s->key_types[i] == TYPE_UNKNOWN)
			diag_error(s->decl ? &s->decl->loc : NULL,
				   "cannot infer the type of index %d of '%s'",
				   i + 1, s->name);
}

static bool returns_value(struct ast_node *n, void *arg)
{
	if (n->kind == AST_RETURN && n->u.unary_stmt.expr)
		*(bool *)arg = true;
	return true;
}

void ty_infer_all(struct el_ctx *c)
{
	size_t i, j;
	int rounds = 0;

	hmap_free(&origins);
	hmap_init(&origins);
	hmap_free(&reached);
	hmap_init(&reached);
	hmap_free(&reported);
	hmap_init(&reported);
	hmap_free(&hists);
	hmap_init(&hists);
	for (i = 0; i < c->prog->probes.n; i++) {
		ast_walk(c->prog->probes.v[i]->cond, reach, NULL);
		ast_walk(c->prog->probes.v[i]->body, reach, NULL);
	}
	for (i = 0; i < c->all_funcs.n; i++) {
		struct el_func *fn = c->all_funcs.v[i];
		bool val = false;

		/* declared types: 'function f:long (a:string)' */
		if (fn->ret != TYPE_UNKNOWN)
			hmap_put(&origins, slot_key(&fn->ret), fn->decl);
		for (j = 0; j < fn->params.n; j++)
			if (fn->params.v[j]->type != TYPE_UNKNOWN)
				hmap_put(&origins,
					 slot_key(&fn->params.v[j]->type),
					 fn->decl);

		if (!fn->embedded && fn->ret == TYPE_UNKNOWN &&
		    fn->decl->u.func.body) {
			ast_walk(fn->decl->u.func.body, returns_value, &val);
			if (!val)
				fn->ret = TYPE_VOID;
		}
	}
	do {
		c->changed = false;
		round_all(c, false, false);
	} while (c->changed && ++rounds < 64);
	do {
		c->changed = false;
		round_all(c, false, true);
	} while (c->changed && ++rounds < 128);
	round_all(c, true, true);

	for (i = 0; i < c->all_globals.n; i++)
		report_unknown(c, c->all_globals.v[i], NULL, NULL);
	for (i = 0; i < c->prog->probes.n; i++) {
		struct el_probe *p = c->prog->probes.v[i];

		for (j = 0; j < p->locals.n; j++)
			report_unknown(c, p->locals.v[j], ck_probe_owner(p),
				       &p->locals);
	}
	for (i = 0; i < c->all_funcs.n; i++) {
		struct el_func *fn = c->all_funcs.v[i];

		for (j = 0; j < fn->params.n; j++)
			if (fn->params.v[j]->type == TYPE_UNKNOWN)
				fn->params.v[j]->type = TYPE_LONG;
		for (j = 0; j < fn->locals.n && ty_reachable(c, fn); j++)
			report_unknown(c, fn->locals.v[j],
				       xasprintf("function %s()", fn->name),
				       &fn->locals);
		if (fn->ret == TYPE_UNKNOWN)
			fn->ret = TYPE_VOID;
	}
}
