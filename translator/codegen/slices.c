// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * slices.c - array slices: `foreach ([a, b] in arr[*, k])`,
 * `[*, k] in arr` and `delete arr[*, k]`.  The fixed subscripts are
 * evaluated once, into temporaries; each element of the array is then
 * tested key by key ('*' matches anything).
 */
#include <stdlib.h>

#include "cg.h"

bool cg_has_wildcard(const struct ast_node *keys)
{
	for (; keys; keys = keys->next)
		if (keys->kind == AST_WILDCARD)
			return true;
	return false;
}

char *cg_slice_eval(struct cg *g, const struct el_sym *s,
		    struct ast_node *keys, int u)
{
	struct strbuf sb;
	int i = 0;

	sb_init(&sb);
	for (struct ast_node *k = keys; k; k = k->next, i++) {
		char *x;

		if (k->kind == AST_WILDCARD)
			continue;
		x = cg_expr(g, k);
		if (s->key_types[i] == TYPE_STRING)
			sb_printf(&sb, "const char *_t%ds%d = tapc_strcpy(%s->__tmp%d, "
				  "%s); ", u, i, g->base, cg_tmp(g), x);
		else
			sb_printf(&sb, "int64_t _t%ds%d = %s; ", u, i, x);
		free(x);
	}
	return sb_steal(&sb);
}

char *cg_slice_match(const struct el_sym *s, struct ast_node *keys, int u,
		     const char *map, const char *ent)
{
	struct strbuf sb;
	int i = 0, n = 0;

	sb_init(&sb);
	for (struct ast_node *k = keys; k; k = k->next, i++) {
		if (k->kind == AST_WILDCARD)
			continue;
		if (n++)
			sb_puts(&sb, " && ");
		if (s->key_types[i] == TYPE_STRING)
			sb_printf(&sb, "!strcmp(tapc_map_key_str(%s, %s, %d), "
				  "_t%ds%d)", map, ent, i, u, i);
		else
			sb_printf(&sb, "tapc_map_key_long(%s, %s, %d) == _t%ds%d",
				  map, ent, i, u, i);
	}
	if (!n)
		sb_puts(&sb, "1");
	return sb_steal(&sb);
}

/* What a walk over a slice needs: the fixed subscripts' code, the map to
 * walk (a stats array's merged view) and the per-element test. */
struct slice_walk {
	int u;
	char *eval, *map, *cond;
};

static void slice_begin(struct cg *g, const struct el_sym *s,
			struct ast_node *keys, struct slice_walk *w)
{
	char *mv, *ev;

	w->u = cg_uniq(g);
	w->eval = cg_slice_eval(g, s, keys, w->u);
	w->map = s->type == TYPE_STATS ?
		 xasprintf("tapc_pmap_merge(&%s)", cg_gname(s)) :
		 xasprintf("%s", cg_gname(s));
	mv = xasprintf("_t%dm", w->u);
	ev = xasprintf("_t%de", w->u);
	w->cond = cg_slice_match(s, keys, w->u, mv, ev);
	free(mv);
	free(ev);
}

static void slice_end(struct slice_walk *w)
{
	free(w->eval);
	free(w->map);
	free(w->cond);
}

char *cg_slice_in(struct cg *g, const struct el_sym *s, struct ast_node *keys)
{
	struct slice_walk w;
	int u;
	char *r;

	slice_begin(g, s, keys, &w);
	u = w.u;
	r = xasprintf("({ %sstruct tapc_map *_t%dm = %s; "
		      "struct tapc_map_ent *_t%de; int64_t _t%dr = 0; "
		      "for (_t%de = tapc_map_first(_t%dm); _t%de; _t%de = "
		      "tapc_map_next(_t%dm, _t%de)) if (%s) { _t%dr = 1; "
		      "break; } _t%dr; })", w.eval, u, w.map, u, u, u, u, u, u,
		      u, u, w.cond, u, u);
	slice_end(&w);
	return r;
}

void cg_slice_delete(struct cg *g, const struct el_sym *s,
		     struct ast_node *keys)
{
	struct slice_walk w;
	int u;

	slice_begin(g, s, keys, &w);
	u = w.u;
	emit_open(g->e, "%s", "");
	emit_line(g->e, "%s", w.eval);
	emit_line(g->e, "struct tapc_map *_t%dm = %s;", u, w.map);
	emit_line(g->e, "struct tapc_map_ent *_t%de, *_t%dx;", u, u);
	emit_line(g->e, "struct tapc_key _t%dk;", u);
	emit_blank(g->e);
	/* the next element is taken before this one goes (unlinking leaves
	 * the walk order of the others alone) */
	emit_open(g->e, "for (_t%de = tapc_map_first(_t%dm); _t%de; _t%de = _t%dx)",
		  u, u, u, u, u);
	emit_line(g->e, "_t%dx = tapc_map_next(_t%dm, _t%de);", u, u, u);
	emit_line(g->e, "if (!(%s))", w.cond);
	emit_line(g->e, "\tcontinue;");
	emit_line(g->e, "tapc_map_ent_key(_t%dm, _t%de, &_t%dk);", u, u, u);
	if (s->type == TYPE_STATS)
		emit_line(g->e, "tapc_pmap_del(&%s, &_t%dk);", cg_gname(s), u);
	else
		emit_line(g->e, "tapc_map_del(_t%dm, &_t%dk);", u, u);
	emit_close(g->e, NULL);
	emit_close(g->e, NULL);
	slice_end(&w);
}
