// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * optimize.c - keep only what the probes use: functions reachable from a
 * probe (or a probe condition), and globals those touch.  -u keeps every
 * script function and global.  Unused script globals and functions draw
 * a warning, as in stap.
 */
#include "internal.h"

static bool mark(struct ast_node *n, void *arg)
{
	struct el_ctx *c = arg;

	if (n->kind == AST_CALL && n->aux) {
		struct el_func *fn = n->aux;

		for (; fn; fn = fn->overload_next) {	/* and its overloads */
			if (fn->used)
				continue;
			fn->used = true;
			if (!fn->embedded)
				ast_walk(fn->decl->u.func.body, mark, c);
		}
	}
	return true;
}

static bool global_used(struct el_ctx *c, const struct el_sym *g)
{
	return g->is_read || g->is_written;
}

void op_prune(struct el_ctx *c)
{
	size_t i;

	for (i = 0; i < c->all_funcs.n; i++)
		c->all_funcs.v[i]->used = false;
	for (i = 0; i < c->prog->probes.n; i++) {
		struct el_probe *p = c->prog->probes.v[i];

		if (p->cond)
			ast_walk(p->cond, mark, c);
		ast_walk(p->body, mark, c);
	}
	for (i = 0; i < c->all_funcs.n; i++) {
		struct el_func *fn = c->all_funcs.v[i];

		if (fn->used || c->s->unoptimized)
			vec_push(&c->prog->funcs, fn);
		else if (!fn->from_tapset)
			diag_warn(&fn->decl->loc, "function '%s' is never called",
				  fn->name);
	}
	for (i = 0; i < c->all_globals.n; i++) {
		struct el_sym *g = c->all_globals.v[i];

		if (global_used(c, g) || c->s->unoptimized)
			vec_push(&c->prog->globals, g);
		else if (!g->from_tapset)
			diag_warn(&g->decl->loc, "global '%s' is never used",
				  g->name);
	}
}
