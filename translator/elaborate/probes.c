// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probes.c - probe point expansion: every probe point of the script (and
 * of the tapset files it pulls in) becomes zero or more concrete el_probes.
 *
 * A point is matched against the builtin families first (begin, timer.*,
 * kernel.function, ...; see probes_builtin.c), then against alias names.
 * An alias match recurses on each of the alias's own points, with the
 * alias body joined to the user's body (prologue for '=', epilogue for
 * '+=') and the extra components of the user's point carried along as a
 * suffix (`myalias.return`).  '?' points may expand to nothing; after a
 * '!' point that expanded, the remaining alternatives are skipped.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "probes.h"

#define PR_MAX_DEPTH 16

static const char *literal_str(const struct ast_node *arg)
{
	if (!arg)
		return NULL;
	if (arg->kind == AST_STR)
		return arg->u.str.value;
	if (arg->kind == AST_NUM)
		return xasprintf("%lld", (long long)arg->u.num.value);
	return NULL;
}

void pr_point_str(const struct pr_point *pt, size_t from, struct strbuf *sb)
{
	size_t i;

	for (i = from; i < pt->comps.n; i++) {
		const struct pr_comp *k = &pt->comps.v[i];

		if (i > from)
			sb_putc(sb, '.');
		sb_puts(sb, k->name);
		if (k->arg && k->arg->kind == AST_STR)
			sb_printf(sb, "(\"%s\")", k->arg->u.str.value);
		else if (k->arg)
			sb_printf(sb, "(%s)", literal_str(k->arg));
	}
}

static void origin_push(struct pr_point *pt, const struct ast_node *point)
{
	struct strbuf sb;
	struct pr_step st;

	sb_init(&sb);
	ast_point_str(point, &sb);
	st.text = sb_steal(&sb);
	st.loc = &point->loc;
	vec_push(&pt->chain, st);
}

/* "kprocess.exec (script.stp:3:7) <- kernel.function(...) (kprocess.stp:40:5)" */
struct el_origin *pr_origin(const struct pr_point *pt)
{
	struct el_origin *head = NULL, **tail = &head;
	size_t i;

	for (i = 0; i < pt->chain.n; i++) {
		struct el_origin *o = xcalloc(1, sizeof(*o));

		o->point = pt->chain.v[i].text;
		o->loc = pt->chain.v[i].loc;
		*tail = o;
		tail = &o->next;
	}
	return head;
}

/* Reports an error about a point, naming the alias chain that led to it. */
struct diag *pr_error(const struct pr_point *pt, const char *fmt, ...)
{
	struct strbuf sb;
	struct diag *d;
	va_list ap;
	size_t i;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	d = diag_new(DIAG_ERROR, pt->chain.n ? pt->chain.v[pt->chain.n - 1].loc : NULL,
		     "%s", sb_str(&sb));
	for (i = pt->chain.n - 1; i-- > 0;)
		diag_note(d, pt->chain.v[i].loc, "from probe point '%s'",
			  pt->chain.v[i].text);
	sb_free(&sb);
	return d;
}

/* The body of a derived probe: alias prologue, then the user's body, then
 * the alias epilogue; each part keeps its own source locations. */
static struct ast_node *join_bodies(const struct ast_node *alias_body,
				    const struct ast_node *user_body,
				    bool epilogue)
{
	struct ast_node *blk = ast_new(AST_BLOCK, &user_body->loc);
	struct ast_node *a = ast_clone(alias_body);
	struct ast_node *u = ast_clone(user_body);

	blk->u.block.stmts = epilogue ? ast_append(u, a) : ast_append(a, u);
	return blk;
}

static struct ast_node *join_conds(struct ast_node *a, struct ast_node *b)
{
	struct ast_node *n;

	if (!a)
		return b;
	if (!b)
		return a;
	n = ast_new(AST_BINARY, &a->loc);
	n->u.op.op = OP_LAND;
	n->u.op.lhs = a;
	n->u.op.rhs = b;
	return n;
}

static bool comp_matches(const struct pr_comp *want, const struct ast_node *have)
{
	const char *ws = literal_str(want->arg);
	const char *hs = literal_str(have->u.comp.arg);

	if (!glob_match(want->name, have->u.comp.name))
		return false;
	if (!ws && !hs)
		return true;
	return ws && hs && !strcmp(ws, hs);
}

/* Number of leading components of pt that the alias name matches, or 0. */
static size_t alias_match(const struct pr_point *pt, const struct ast_node *name)
{
	const struct ast_node *k;
	size_t i = 0;

	for (k = name->u.point.comps; k; k = k->next, i++) {
		if (i >= pt->comps.n || !comp_matches(&pt->comps.v[i], k))
			return 0;
	}
	return i;
}

static void point_from_ast(struct pr_point *pt, const struct ast_node *point)
{
	const struct ast_node *k;

	for (k = point->u.point.comps; k; k = k->next) {
		struct pr_comp pc = { k->u.comp.name, k->u.comp.arg, &k->loc };

		vec_push(&pt->comps, pc);
	}
}

static void point_copy_chain(struct pr_point *dst, const struct pr_point *src)
{
	size_t i;

	for (i = 0; i < src->chain.n; i++)
		vec_push(&dst->chain, src->chain.v[i]);
}

static int expand_point(struct el_ctx *c, struct pr_point *pt);

static bool alias_name_differs(const struct pr_point *pt,
			       const struct ast_node *name)
{
	struct strbuf sb;
	bool differs;

	sb_init(&sb);
	ast_point_str(name, &sb);
	differs = strcmp(sb_str(&sb), pt->chain.v[pt->chain.n - 1].text) != 0;
	sb_free(&sb);
	return differs;
}

static int expand_alias_target(struct el_ctx *c, const struct pr_point *pt,
			       const struct el_alias *a, size_t matched,
			       const struct ast_node *target)
{
	struct pr_point sub = { 0 };
	size_t i;
	int n;

	point_from_ast(&sub, target);
	for (i = matched; i < pt->comps.n; i++)
		vec_push(&sub.comps, pt->comps.v[i]);
	point_copy_chain(&sub, pt);
	/* name the alias itself when the user's point was a pattern */
	if (alias_name_differs(pt, a->name))
		origin_push(&sub, a->name);
	origin_push(&sub, target);
	sub.body = join_bodies(a->def->u.probe.body, pt->body,
			       a->def->u.probe.epilogue);
	sub.cond = join_conds(pt->cond, target->u.point.cond);
	sub.optional = target->u.point.optional || pt->optional;
	sub.depth = pt->depth + 1;
	sub.file = a->file;
	n = expand_point(c, &sub);
	vec_free(&sub.comps);
	vec_free(&sub.chain);
	return n;
}

static void suggest_points(struct el_ctx *c, struct diag *d,
			   const struct pr_point *pt)
{
	VEC(const char *) names = { 0 };
	static const char *const builtins[] = {
		"begin", "end", "error", "never", "timer.ms", "timer.s",
		"timer.us", "timer.ns", "timer.hz", "timer.jiffies",
		"timer.profile", "kernel.function", "kernel.statement",
		"kernel.trace", "module",
	};
	struct strbuf want;
	size_t i;

	sb_init(&want);
	pr_point_str(pt, 0, &want);
	for (i = 0; i < sizeof(builtins) / sizeof(*builtins); i++)
		vec_push(&names, builtins[i]);
	for (i = 0; i < c->aliases.n; i++) {
		struct strbuf sb;

		sb_init(&sb);
		ast_point_str(c->aliases.v[i].name, &sb);
		vec_push(&names, sb_steal(&sb));
	}
	el_suggest(d, sb_str(&want), names.v, names.n);
	sb_free(&want);
	vec_free(&names);
}

/* Whether alias name a is a proper prefix of alias name b (a.b of a.b.c). */
static bool alias_name_extends(const struct ast_node *a,
			       const struct ast_node *b)
{
	const struct ast_node *x = a->u.point.comps, *y = b->u.point.comps;
	const char *xs, *ys;

	for (; x; x = x->next, y = y->next) {
		if (!y || strcmp(x->u.comp.name, y->u.comp.name))
			return false;
		xs = literal_str(x->u.comp.arg);
		ys = literal_str(y->u.comp.arg);
		if ((xs || ys) && (!xs || !ys || strcmp(xs, ys)))
			return false;
	}
	return y != NULL;
}

/*
 * An alias that matches only a prefix of the point (its remaining
 * components become suffixes) gives way to a longer alias that extends
 * its name and matches more: for `x.return`, alias `x.return` wins over
 * `x` + suffix `.return`, as in stap.
 */
static bool alias_shadowed(struct el_ctx *c, const struct pr_point *pt,
			   const struct el_alias *a, size_t m)
{
	for (size_t j = 0; j < c->aliases.n; j++) {
		const struct el_alias *b = &c->aliases.v[j];

		if (b != a && alias_name_extends(a->name, b->name) &&
		    alias_match(pt, b->name) > m)
			return true;
	}
	return false;
}

static int expand_aliases(struct el_ctx *c, struct pr_point *pt, bool *matched_any)
{
	int total = 0;
	size_t i;

	for (i = 0; i < c->aliases.n; i++) {
		const struct el_alias *a = &c->aliases.v[i];
		size_t m = alias_match(pt, a->name);
		const struct ast_node *t;

		if (!m)
			continue;
		if (m < pt->comps.n && alias_shadowed(c, pt, a, m))
			continue;
		*matched_any = true;
		ti_use_file(c, a->file);
		for (t = a->def->u.probe.points; t; t = t->next) {
			int n = expand_alias_target(c, pt, a, m, t);

			total += n;
			if (n > 0 && t->u.point.sufficient)
				break;
		}
	}
	return total;
}

static int expand_point(struct el_ctx *c, struct pr_point *pt)
{
	bool matched_any = false;
	int n;

	if (pt->depth > PR_MAX_DEPTH) {
		diag_emit(pr_error(pt, "probe alias expansion too deep "
				   "(limit is %d); is an alias recursive?",
				   PR_MAX_DEPTH));
		return 0;
	}
	if (pt->comps.n && pr_builtin_known(pt->comps.v[0].name)) {
		if (pt->optional)
			diag_push_mute();
		n = pr_builtin_expand(c, pt);
		if (pt->optional)
			diag_pop_mute();
		return n;
	}
	n = expand_aliases(c, pt, &matched_any);
	if (!matched_any && !pt->optional) {
		struct strbuf sb;
		struct diag *d;

		sb_init(&sb);
		pr_point_str(pt, 0, &sb);
		d = pr_error(pt, "no match for probe point '%s'", sb_str(&sb));
		suggest_points(c, d, pt);
		diag_emit(d);
		sb_free(&sb);
	}
	return n;
}

/* Expands the points of one `probe` definition. */
static void expand_probe(struct el_ctx *c, struct ast_node *probe,
			 struct el_file *f)
{
	struct ast_node *p;

	for (p = probe->u.probe.points; p; p = p->next) {
		struct pr_point pt = { 0 };
		int n;

		point_from_ast(&pt, p);
		origin_push(&pt, p);
		pt.body = probe->u.probe.body;
		pt.cond = p->u.point.cond;
		pt.optional = p->u.point.optional;
		pt.file = f;
		n = expand_point(c, &pt);
		vec_free(&pt.comps);
		vec_free(&pt.chain);
		if (n > 0 && p->u.point.sufficient)
			break;
	}
}

/*
 * Expands the probes of every used file that has not been expanded yet.
 * Pulling in tapset files (for aliases, globals or functions) can add new
 * files with probes of their own, so callers loop until nothing changes.
 */
void pr_expand_all(struct el_ctx *c)
{
	size_t i;

	for (i = 0; i < c->files.n; i++) {
		struct el_file *f = c->files.v[i];
		struct ast_node *p;

		if (!f->used || f->expanded || !f->ast)
			continue;
		f->expanded = true;
		for (p = f->ast->probes; p; p = p->next)
			expand_probe(c, p, f);
	}
}

/* Adds a concrete probe; body is copied so each probe owns its tree. */
struct el_probe *pr_add(struct el_ctx *c, const struct pr_point *pt,
			enum el_probe_kind kind, const char *pp)
{
	struct el_probe *p = xcalloc(1, sizeof(*p));

	p->index = (int)c->prog->probes.n;
	p->kind = kind;
	p->pp = pp;
	p->origin = pr_origin(pt);
	p->body = ast_clone(pt->body);
	p->cond = pt->cond ? ast_clone(pt->cond) : NULL;
	p->optional = pt->optional;
	vec_push(&c->prog->probes, p);
	return p;
}
