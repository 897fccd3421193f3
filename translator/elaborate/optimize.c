// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * optimize.c - keep only what the probes use: functions reachable from a
 * probe (or a probe condition), and globals those touch.  -u keeps every
 * script function and global.  Unused script globals and functions draw
 * a warning, as do script globals that are written but never read.
 */
#include "internal.h"

struct op {
	struct el_ctx *c;
	struct hmap seen;		/* global cname -> el_sym, reachable */
};

static void see(struct op *o, struct el_sym *s)
{
	if (s && s->kind == SYM_GLOBAL)
		hmap_put(&o->seen, intern(s->cname), s);
}

static bool mark(struct ast_node *n, void *arg)
{
	struct op *o = arg;

	switch (n->kind) {
	case AST_IDENT:
	case AST_INDEX:
	case AST_IN:
	case AST_FOREACH:
		see(o, n->sym);
		break;
	case AST_CALL:
		if (n->aux) {
			struct el_func *fn = n->aux;

			for (; fn; fn = fn->overload_next) {
				if (fn->used)
					continue;
				fn->used = true;
				if (!fn->embedded)
					ast_walk(fn->decl->u.func.body, mark, o);
			}
		}
		break;
	default:
		break;
	}
	return true;
}

void op_prune(struct el_ctx *c)
{
	struct op o = { c, { 0 } };
	size_t i;

	hmap_init(&o.seen);
	for (i = 0; i < c->all_funcs.n; i++)
		c->all_funcs.v[i]->used = false;
	for (i = 0; i < c->prog->probes.n; i++) {
		struct el_probe *p = c->prog->probes.v[i];

		if (p->cond)
			ast_walk(p->cond, mark, &o);
		ast_walk(p->body, mark, &o);
	}
	for (i = 0; i < c->all_funcs.n; i++) {
		struct el_func *fn = c->all_funcs.v[i];

		if (fn->used || (c->s->unoptimized && !fn->from_tapset))
			vec_push(&c->prog->funcs, fn);
		if (!fn->used && !fn->from_tapset)
			diag_warn(&fn->decl->loc, "function '%s' is never called%s",
				  fn->name, c->s->unoptimized ? "" :
				  " (left out; -u keeps it)");
	}
	for (i = 0; i < c->all_globals.n; i++) {
		struct el_sym *g = c->all_globals.v[i];
		bool used = hmap_get(&o.seen, intern(g->cname)) != NULL;

		if (used || (c->s->unoptimized && !g->from_tapset))
			vec_push(&c->prog->globals, g);
		if (g->from_tapset)
			continue;
		if (!used)
			diag_warn(&g->decl->loc, "global '%s' is never used%s",
				  g->name, c->s->unoptimized ? "" :
				  " (left out; -u keeps it)");
		else if (g->is_written && !g->is_read)
			diag_warn(&g->decl->loc, "global '%s' is written but "
				  "never read", g->name);
	}
	hmap_free(&o.seen);
}
