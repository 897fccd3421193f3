// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * aggregates.c - statistics: v <<< x, @count/@sum/@min/@max/@avg/
 * @variance, and the histogram descriptors of @hist_log/@hist_linear.
 *
 * Scalar aggregates are struct tapc_agg (per-CPU stats); aggregate arrays
 * are struct tapc_pmap (per-CPU maps).  The histogram kind of each
 * aggregate is decided here from the extractors the program applies to it,
 * and emitted as a const struct tapc_stat_desc gsd_<cname>.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

#define HIST_LINEAR_MAX_BUCKETS 1024

struct cg_agg *cg_agg_of(struct cg *g, const struct el_sym *s)
{
	for (size_t i = 0; i < g->aggs.n; i++)
		if (g->aggs.v[i].sym == s)
			return &g->aggs.v[i];
	return NULL;
}

const struct el_sym *cg_stat_sym(struct cg *g, const struct el_sym *s)
{
	for (size_t i = 0; i < g->stat_alias.n; i++)
		if (g->stat_alias.v[i].local == s)
			return g->stat_alias.v[i].array;
	return s;
}

static bool collect(struct ast_node *n, void *arg)
{
	struct cg *g = arg;
	struct cg_agg a = { 0 }, *old;
	struct ast_node *prm;

	if (n->kind == AST_FOREACH && n->u.foreach.value &&
	    n->u.foreach.value->sym) {
		struct el_sym *arr = n->sym ? n->sym : n->u.foreach.array ?
				     n->u.foreach.array->sym : NULL;
		struct cg_stat_alias al = { n->u.foreach.value->sym, arr };

		if (arr && arr->type == TYPE_STATS)
			vec_push(&g->stat_alias, al);
		return true;
	}
	if (n->kind != AST_STAT || !n->u.stat.expr ||
	    (n->u.stat.sop != STAT_HIST_LOG &&
	     n->u.stat.sop != STAT_HIST_LINEAR))
		return true;
	a.sym = n->u.stat.expr->sym;
	if (!a.sym)
		return true;
	a.sym = cg_stat_sym(g, a.sym);
	a.kind = n->u.stat.sop == STAT_HIST_LOG ? 1 : 2;
	if (a.kind == 2) {
		prm = n->u.stat.params;
		if (!ast_int_literal(prm, &a.lo) || !prm->next || !ast_int_literal(prm->next, &a.hi) ||
		    !prm->next->next || !ast_int_literal(prm->next->next, &a.step)) {
			cg_error(g, &n->loc, "@hist_linear needs literal "
				 "low, high and width");
			return true;
		}
		if (a.step <= 0 || a.hi <= a.lo ||
		    (a.hi - a.lo) / a.step + 1 > HIST_LINEAR_MAX_BUCKETS) {
			cg_error(g, &n->loc, "bad @hist_linear range (width > 0, "
				 "high > low, at most %d buckets)",
				 HIST_LINEAR_MAX_BUCKETS);
			return true;
		}
	}
	old = cg_agg_of(g, a.sym);
	if (!old) {
		vec_push(&g->aggs, a);
	} else if (old->kind != a.kind || old->lo != a.lo || old->hi != a.hi ||
		   old->step != a.step) {
		cg_error(g, &n->loc, "aggregate '%s' is used with two "
			 "different histogram kinds", a.sym->name);
	}
	return true;
}

void cg_aggs_collect(struct cg *g)
{
	for (size_t i = 0; i < g->p->probes.n; i++)
		ast_walk(g->p->probes.v[i]->body, collect, g);
	for (size_t i = 0; i < g->p->funcs.n; i++)
		if (!g->p->funcs.v[i]->embedded)
			ast_walk(g->p->funcs.v[i]->decl->u.func.body, collect, g);
}

void cg_agg_desc_init(struct cg *g, const struct cg_agg *a)
{
	const char *cn = a->sym->cname;

	if (!a->kind) {
		emit_line(g->e, "static const struct tapc_stat_desc gsd_%s = "
			  "{ .kind = TAPC_HIST_NONE };", cn);
	} else if (a->kind == 1) {
		emit_line(g->e, "static const struct tapc_stat_desc gsd_%s = "
			  "{ .kind = TAPC_HIST_LOG, .nb = TAPC_HIST_LOG_NB };", cn);
	} else {
		emit_line(g->e, "static const struct tapc_stat_desc gsd_%s = {",
			  cn);
		emit_indent(g->e);
		emit_line(g->e, ".kind = TAPC_HIST_LINEAR,");
		emit_line(g->e, ".lo = %" PRId64 "LL, .hi = %" PRId64 "LL, "
			  ".step = %" PRId64 "LL,", a->lo, a->hi, a->step);
		emit_line(g->e, ".nb = %" PRId64 ",", (a->hi - a->lo) / a->step + 3);
		emit_outdent(g->e);
		emit_line(g->e, "};");
	}
}

/* const struct tapc_stat * of an aggregate (merged); for an element it
 * may be NULL when no CPU has the key. */
char *cg_stat_ptr(struct cg *g, struct ast_node *agg, bool *is_elem)
{
	struct el_sym *s = agg->sym;
	char *kv, *kb, *r;
	int u;

	*is_elem = false;
	if (!s || s->type != TYPE_STATS) {
		cg_error(g, &agg->loc, "not an aggregate");
		return xstrdup("NULL");
	}
	if (agg->kind == AST_IDENT && s->kind != SYM_GLOBAL) {
		/* foreach (v = [k] in agg): v points at the merged element */
		*is_elem = true;
		return cg_lvalue_scalar(g, s);
	}
	if (agg->kind == AST_IDENT && !s->arity)
		return xasprintf("tapc_agg_merge(&%s)", cg_gname(s));
	if (agg->kind != AST_INDEX) {
		cg_error(g, &agg->loc, "aggregate array '%s' needs an index",
			 s->name);
		return xstrdup("NULL");
	}
	*is_elem = true;
	u = cg_uniq(g);
	kv = xasprintf("_t%dk", u);
	kb = cg_key_build(g, s, agg->u.index.keys, kv);
	r = xasprintf("({ %stapc_pmap_get(&%s, &%s); })", kb, cg_gname(s), kv);
	free(kv);
	free(kb);
	return r;
}

static const char *const stat_ops[] = {
	[STAT_COUNT] = "TAPC_STAT_COUNT", [STAT_SUM] = "TAPC_STAT_SUM",
	[STAT_MIN] = "TAPC_STAT_MIN", [STAT_MAX] = "TAPC_STAT_MAX",
	[STAT_AVG] = "TAPC_STAT_AVG", [STAT_VARIANCE] = "TAPC_STAT_VARIANCE",
};

static const char *const stat_names[] = {
	[STAT_COUNT] = "count", [STAT_SUM] = "sum", [STAT_MIN] = "min",
	[STAT_MAX] = "max", [STAT_AVG] = "avg", [STAT_VARIANCE] = "variance",
};

static char *agg_add(struct cg *g, struct ast_node *n)
{
	struct ast_node *L = n->u.op.lhs;
	struct el_sym *s = L->sym;
	char *v = cg_expr(g, n->u.op.rhs), *r, *kv, *kb, *w;
	int u = cg_uniq(g);

	if (!s || s->type != TYPE_STATS) {
		cg_error(g, &n->loc, "'<<<' needs an aggregate");
		free(v);
		return xstrdup("0");
	}
	if (L->kind == AST_IDENT && !s->arity) {
		r = xasprintf("({ int64_t _t%d = %s; tapc_agg_add(&%s, _t%d); })",
			      u, v, cg_gname(s), u);
		free(v);
		return r;
	}
	kv = xasprintf("_t%dk", u);
	kb = cg_key_build(g, s, L->u.index.keys, kv);
	w = cg_where(&n->loc);
	r = xasprintf("({ int64_t _t%dv = %s; %sstruct tapc_stat *_t%d = "
		      "tapc_pmap_add(&%s, &%s); if (unlikely(!_t%d)) { "
		      "tapc_ctx_errorf(c, %s, \"array '%s' full (limit %s%%d)\", "
		      "%s); goto %s; } tapc_stat_add(_t%d, &gsd_%s, _t%dv); })",
		      u, v, kb, u, cg_gname(s), kv, u, w, s->name,
		      s->max_entries ? "" : "MAXMAPENTRIES=",
		      s->max_entries ? xasprintf("%d", (int)s->max_entries) :
				       "MAXMAPENTRIES",
		      g->err_label, u, s->cname, u);
	free(v);
	free(kv);
	free(kb);
	free(w);
	return r;
}

char *cg_stat_expr(struct cg *g, struct ast_node *n)
{
	enum ast_stat_op op;
	char *p, *w, *r;
	bool elem, zero_ok;
	int u;

	if (n->kind == AST_ASSIGN)
		return agg_add(g, n);
	op = n->u.stat.sop;
	if (op == STAT_HIST_LOG || op == STAT_HIST_LINEAR) {
		cg_error(g, &n->loc, "a histogram can only be printed");
		return xstrdup("0");
	}
	p = cg_stat_ptr(g, n->u.stat.expr, &elem);
	w = cg_where(&n->loc);
	u = cg_uniq(g);
	zero_ok = op == STAT_COUNT || op == STAT_SUM;
	if (zero_ok)
		r = xasprintf("({ const struct tapc_stat *_t%d = %s; _t%d ? "
			      "tapc_stat_get(_t%d, %s) : 0; })", u, p, u, u,
			      stat_ops[op]);
	else
		r = xasprintf("({ const struct tapc_stat *_t%d = %s; "
			      "if (unlikely(!_t%d || !_t%d->count)) { "
			      "tapc_ctx_error(c, \"empty aggregate near @%s\", %s); "
			      "goto %s; } tapc_stat_get(_t%d, %s); })",
			      u, p, u, u, stat_names[op], w, g->err_label, u,
			      stat_ops[op]);
	free(p);
	free(w);
	return r;
}
