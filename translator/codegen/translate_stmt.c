// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * translate_stmt.c - script statements to C statements.
 *
 * MAXACTION: every block adds its statement count to c->actions on entry
 * (so a loop pays once per iteration, a straight-line handler once) and
 * aborts with "MAXACTION exceeded" when the limit is passed.
 */
#include <stdlib.h>
#include <string.h>

#include "cg.h"

void cg_marker(struct cg *g, const struct src_loc *loc)
{
	if (g->o->no_source_markers || !loc || !loc->file)
		return;
	emit_line(g->e, "// @@ %s:%d", loc->file->name, loc->line);
}

void cg_zero_locals(struct cg *g, const void *vec_v, size_t n)
{
	struct el_sym *const *v = vec_v;

	for (size_t i = 0; i < n; i++) {
		char *lv = cg_lvalue_scalar(g, v[i]);

		if (v[i]->type == TYPE_STRING)
			emit_line(g->e, "%s[0] = '\\0';", lv);
		else if (v[i]->type == TYPE_LONG)
			emit_line(g->e, "%s = 0;", lv);
		else if (v[i]->type == TYPE_STATS)
			emit_line(g->e, "%s = NULL;", lv);
		free(lv);
	}
}

static void actions(struct cg *g, int n, const struct src_loc *loc)
{
	char *w = cg_where(loc);

	emit_open(g->e, "if (unlikely((c->actions += %d) > MAXACTION))", n);
	emit_line(g->e, "tapc_ctx_error(c, \"MAXACTION exceeded\", %s);", w);
	emit_line(g->e, "goto %s;", g->err_label);
	emit_close(g->e, NULL);
	free(w);
}

void cg_block_counted(struct cg *g, struct ast_node *n)
{
	if (n && n->kind == AST_BLOCK) {
		int k = ast_list_len(n->u.block.stmts);

		actions(g, k ? k : 1, &n->loc);
		for (struct ast_node *s = n->u.block.stmts; s; s = s->next)
			cg_stmt(g, s);
		return;
	}
	actions(g, 1, n ? &n->loc : NULL);
	if (n)
		cg_stmt(g, n);
}

static struct ast_node *unwrap(struct ast_node *n)
{
	return n && n->kind == AST_EXPR_STMT ? n->u.unary_stmt.expr : n;
}

static void expr_stmt(struct cg *g, struct ast_node *e)
{
	char *x;

	if (e->kind == AST_CALL && cg_print_stmt(g, e))
		return;
	x = cg_expr(g, e);
	emit_line(g->e, "(void)%s;", x);
	free(x);
}

static void if_stmt(struct cg *g, struct ast_node *n)
{
	char *c = cg_expr(g, n->u.ctl.cond);

	emit_open(g->e, "if (%s)", c);
	cg_block_counted(g, n->u.ctl.then);
	if (n->u.ctl.els) {
		emit_outdent(g->e);
		emit_line(g->e, "} else {");
		emit_indent(g->e);
		cg_block_counted(g, n->u.ctl.els);
	}
	emit_close(g->e, NULL);
	free(c);
}

static void loop_stmt(struct cg *g, struct ast_node *n)
{
	char *c = n->u.ctl.cond ? cg_expr(g, unwrap(n->u.ctl.cond)) :
				  xstrdup("");
	char *init = NULL, *incr = NULL;

	if (n->kind == AST_WHILE) {
		emit_open(g->e, "while (%s)", c);
	} else {
		if (n->u.ctl.init) {
			init = cg_expr(g, unwrap(n->u.ctl.init));
			emit_line(g->e, "(void)%s;", init);
		}
		if (n->u.ctl.incr)
			incr = cg_expr(g, unwrap(n->u.ctl.incr));
		emit_open(g->e, "for (; %s; %s%s)", c, incr ? "(void)" : "",
			  incr ? incr : "");
	}
	cg_block_counted(g, n->u.ctl.then);
	emit_close(g->e, NULL);
	free(c);
	free(init);
	free(incr);
}

static void foreach_stmt(struct cg *g, struct ast_node *n)
{
	struct ast_node *arr = n->u.foreach.array;
	struct el_sym *s = n->sym ? n->sym : arr ? arr->sym : NULL;
	struct ast_node *slice = n->u.foreach.slice;
	int u = cg_uniq(g), i = 0, col;
	bool sorted = n->u.foreach.sort_key != 0, agg;
	char *lim = NULL, *lc;

	if (!s || !s->arity) {
		cg_error(g, &n->loc, "foreach needs an array");
		return;
	}
	agg = s->type == TYPE_STATS;
	emit_open(g->e, "%s", "");
	if (agg)
		emit_line(g->e, "struct tapc_map *_t%dm = tapc_pmap_merge(&%s);",
			  u, cg_gname(s));
	else
		emit_line(g->e, "struct tapc_map *_t%dm = %s;", u, cg_gname(s));
	emit_line(g->e, "struct tapc_map_ent *_t%de;", u);
	if (n->u.foreach.limit) {
		lim = cg_expr(g, n->u.foreach.limit);
		emit_line(g->e, "int64_t _t%dl = %s;", u, lim);
	}
	if (slice) {	/* the fixed subscripts, once; limit counts matches */
		char *ev = cg_slice_eval(g, s, slice, u);

		emit_line(g->e, "%s", ev);
		emit_line(g->e, "int64_t _t%dk = 0;", u);
		free(ev);
	}
	lc = lim && !slice ? xasprintf(" && _t%di < _t%dl", u, u) : xstrdup("");
	if (sorted) {
		col = n->u.foreach.sort_key < 0 ? 0 : n->u.foreach.sort_key;
		emit_line(g->e, "u32 _t%di, _t%dn = tapc_map_sort(_t%dm, %d, %d);",
			  u, u, u, col, n->u.foreach.sort_dir < 0 ? -1 : 1);
		emit_blank(g->e);
		emit_open(g->e, "for (_t%di = 0; _t%di < _t%dn%s; _t%di++)", u, u,
			  u, lc, u);
		emit_line(g->e, "_t%de = tapc_map_ent(_t%dm, _t%dm->order[_t%di]);",
			  u, u, u, u);
	} else {
		emit_line(g->e, "int64_t _t%di = 0;", u);
		emit_blank(g->e);
		emit_open(g->e, "for (_t%de = tapc_map_first(_t%dm); _t%de%s; "
			  "_t%de = tapc_map_next(_t%dm, _t%de), _t%di++)", u, u,
			  u, lc, u, u, u, u);
	}
	free(lc);
	if (slice) {
		char *mv = xasprintf("_t%dm", u), *ev = xasprintf("_t%de", u);
		char *cond = cg_slice_match(s, slice, u, mv, ev);

		emit_line(g->e, "if (!(%s))", cond);
		emit_line(g->e, "\tcontinue;");
		if (lim) {
			emit_line(g->e, "if (_t%dk++ >= _t%dl)", u, u);
			emit_line(g->e, "\tbreak;");
		}
		free(mv);
		free(ev);
		free(cond);
	}
	for (struct ast_node *k = n->u.foreach.keys; k; k = k->next, i++) {
		char *lv;

		if (!k->sym)
			continue;
		lv = cg_lvalue_scalar(g, k->sym);
		if (k->sym->type == TYPE_STRING)
			emit_line(g->e, "tapc_strcpy(%s, tapc_map_key_str(_t%dm, _t%de, %d));",
				  lv, u, u, i);
		else
			emit_line(g->e, "%s = tapc_map_key_long(_t%dm, _t%de, %d);",
				  lv, u, u, i);
		free(lv);
	}
	if (n->u.foreach.value && n->u.foreach.value->sym) {
		char *lv = cg_lvalue_scalar(g, n->u.foreach.value->sym);

		if (agg)	/* the merged element: @count(v), @hist_log(v) */
			emit_line(g->e, "%s = (const struct tapc_stat *)tapc_map_val(_t%dm, _t%de);",
				  lv, u, u);
		else if (s->type == TYPE_STRING)
			emit_line(g->e, "tapc_strcpy(%s, tapc_map_val(_t%dm, _t%de));",
				  lv, u, u);
		else
			emit_line(g->e, "%s = *(int64_t *)tapc_map_val(_t%dm, _t%de);",
				  lv, u, u);
		free(lv);
	}
	cg_block_counted(g, n->u.foreach.body);
	emit_close(g->e, NULL);
	emit_close(g->e, NULL);
	free(lim);
}

static void return_stmt(struct cg *g, struct ast_node *n)
{
	struct ast_node *e = n->u.unary_stmt.expr;

	if (e && g->func) {
		char *x = cg_expr(g, e);

		if (g->func->ret == TYPE_STRING)
			emit_line(g->e, "tapc_strcpy(f->__retvalue, %s);", x);
		else
			emit_line(g->e, "f->__retvalue = %s;", x);
		free(x);
	}
	emit_line(g->e, "goto out;");
}

static void delete_stmt(struct cg *g, struct ast_node *n)
{
	struct ast_node *e = n->u.unary_stmt.expr;
	struct el_sym *s = e->sym;
	char *lv, *kb;
	int u;

	if (!s) {
		cg_error(g, &n->loc, "cannot delete this expression");
		return;
	}
	if (e->kind == AST_IDENT) {
		if (s->type == TYPE_STATS && s->arity)
			emit_line(g->e, "tapc_pmap_clear(&%s);", cg_gname(s));
		else if (s->type == TYPE_STATS)
			emit_line(g->e, "tapc_agg_clear(&%s);", cg_gname(s));
		else if (s->arity)
			emit_line(g->e, "tapc_map_clear(%s);", cg_gname(s));
		else {
			lv = cg_lvalue_scalar(g, s);
			emit_line(g->e, s->type == TYPE_STRING ? "%s[0] = '\\0';" :
				  "%s = 0;", lv);
			free(lv);
		}
		return;
	}
	if (e->kind != AST_INDEX) {
		cg_error(g, &n->loc, "cannot delete this expression");
		return;
	}
	if (cg_has_wildcard(e->u.index.keys)) {
		cg_slice_delete(g, s, e->u.index.keys);
		return;
	}
	u = cg_uniq(g);
	lv = xasprintf("_t%dk", u);
	kb = cg_key_build(g, s, e->u.index.keys, lv);
	emit_open(g->e, "%s", "");
	emit_line(g->e, "%s", kb);
	if (s->type == TYPE_STATS)
		emit_line(g->e, "tapc_pmap_del(&%s, &%s);", cg_gname(s), lv);
	else
		emit_line(g->e, "tapc_map_del(%s, &%s);", cg_gname(s), lv);
	emit_close(g->e, NULL);
	free(lv);
	free(kb);
}

static void try_stmt(struct cg *g, struct ast_node *n)
{
	int k = ++g->nlabel;
	const char *outer = g->err_label;
	char *catch_l = xasprintf("catch_%d", k), *end_l = xasprintf("try_end_%d", k);

	emit_line(g->e, "/* try */");
	g->err_label = catch_l;
	cg_block_counted(g, n->u.try_.body);
	g->err_label = outer;
	emit_line(g->e, "goto %s;", end_l);
	emit_label(g->e, catch_l);
	if (n->u.try_.catch_var && n->u.try_.catch_var->sym) {
		char *lv = cg_lvalue_scalar(g, n->u.try_.catch_var->sym);

		emit_line(g->e, "tapc_strcpy(%s, c->error_msg);", lv);
		free(lv);
	}
	emit_line(g->e, "c->last_error = NULL;");
	if (n->u.try_.catch_body)
		cg_block_counted(g, n->u.try_.catch_body);
	emit_label(g->e, end_l);
	emit_line(g->e, ";");
	free(catch_l);
	free(end_l);
}

void cg_stmt(struct cg *g, struct ast_node *n)
{
	if (n->kind != AST_BLOCK && n->kind != AST_NULL_STMT)
		cg_marker(g, &n->loc);
	switch (n->kind) {
	case AST_BLOCK:
		cg_block_counted(g, n);
		break;
	case AST_NULL_STMT:
		break;
	case AST_EXPR_STMT:
		expr_stmt(g, n->u.unary_stmt.expr);
		break;
	case AST_IF:
		if_stmt(g, n);
		break;
	case AST_WHILE:
	case AST_FOR:
		loop_stmt(g, n);
		break;
	case AST_FOREACH:
		foreach_stmt(g, n);
		break;
	case AST_BREAK:
		emit_line(g->e, "break;");
		break;
	case AST_CONTINUE:
		emit_line(g->e, "continue;");
		break;
	case AST_NEXT:
		/* in a function: hand the call on to the next overload */
		if (g->func && g->func->overload_next)
			emit_line(g->e, "f->__next = 1;");
		emit_line(g->e, "goto out;");
		break;
	case AST_RETURN:
		return_stmt(g, n);
		break;
	case AST_DELETE:
		delete_stmt(g, n);
		break;
	case AST_TRY:
		try_stmt(g, n);
		break;
	default:
		if (n->kind >= AST_NUM) {	/* a bare expression */
			expr_stmt(g, n);
			break;
		}
		cg_error(g, &n->loc, "cannot translate %s",
			 ast_kind_name(n->kind));
	}
}
