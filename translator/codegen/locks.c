// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * locks.c - which globals a handler locks, and how.
 *
 * Like SystemTap, a handler takes the locks of every global it (or any
 * script function it calls) touches at entry, in one global order (the
 * order of el_program.globals), so two handlers can never deadlock; a
 * bounded trylock loop (MAXTRYLOCK) turns contention into a skipped run.
 * Read-only use takes the read side; assignments, ++/--, delete, sorted
 * foreach and aggregate extraction (which merges into shared scratch)
 * take the write side.  v <<< x takes the read side: the per-CPU stats
 * are private to the CPU.
 */
#include <stdlib.h>
#include <string.h>

#include "cg.h"

struct lk {
	struct cg *g;
	unsigned char *mode;
	unsigned char *visiting;	/* functions on the walk stack */
};

static int gindex(struct cg *g, const struct el_sym *s)
{
	if (!s || s->kind != SYM_GLOBAL)
		return -1;
	for (size_t i = 0; i < g->p->globals.n; i++)
		if (g->p->globals.v[i] == s)
			return (int)i;
	return -1;
}

static void mark(struct lk *k, const struct el_sym *s, unsigned char m)
{
	int i = gindex(k->g, s);

	if (i >= 0 && (k->mode[i] != 'w'))
		k->mode[i] = m == 'w' ? 'w' : 'r';
}

static bool walk_fn(struct ast_node *n, void *arg);

static void walk_func(struct lk *k, struct el_func *fn)
{
	size_t fi;

	if (!fn || fn->embedded)
		return;
	for (fi = 0; fi < k->g->p->funcs.n; fi++)
		if (k->g->p->funcs.v[fi] == fn)
			break;
	if (fi == k->g->p->funcs.n || k->visiting[fi])
		return;
	k->visiting[fi] = 1;
	ast_walk(fn->decl->u.func.body, walk_fn, k);
	k->visiting[fi] = 0;
}

static bool walk_fn(struct ast_node *n, void *arg)
{
	struct lk *k = arg;
	struct ast_node *lhs;

	switch (n->kind) {
	case AST_ASSIGN:
		lhs = n->u.op.lhs;
		mark(k, lhs->sym, n->u.op.op == OP_AGG ? 'r' : 'w');
		break;
	case AST_PREINC:
	case AST_POSTINC:
		mark(k, n->u.op.lhs->sym, 'w');
		break;
	case AST_DELETE:
		if (n->u.unary_stmt.expr)
			mark(k, n->u.unary_stmt.expr->sym, 'w');
		break;
	case AST_FOREACH: {
		struct el_sym *s = n->sym ? n->sym :
			n->u.foreach.array ? n->u.foreach.array->sym : NULL;

		mark(k, s, n->u.foreach.sort_key || (s && s->type == TYPE_STATS) ?
			   'w' : 'r');
		break;
	}
	case AST_STAT:
		if (n->u.stat.expr)
			mark(k, n->u.stat.expr->sym, 'w');
		break;
	case AST_IN: {
		struct el_sym *s = n->sym ? n->sym : n->u.index.base->sym;

		mark(k, s, s && s->type == TYPE_STATS ? 'w' : 'r');
		break;
	}
	case AST_IDENT:
	case AST_INDEX:
		mark(k, n->sym, 'r');
		break;
	case AST_CALL:
		/* the callee and every overload 'next' may hand over to */
		for (struct el_func *o = cg_call_target(k->g, n); o;
		     o = o->overload_next)
			walk_func(k, o);
		break;
	default:
		break;
	}
	return true;
}

unsigned char *cg_probe_locks(struct cg *g, const struct el_probe *pr)
{
	struct lk k = { .g = g };

	k.mode = xcalloc(g->p->globals.n + 1, 1);
	k.visiting = xcalloc(g->p->funcs.n + 1, 1);
	ast_walk(pr->body, walk_fn, &k);
	if (pr->cond)
		ast_walk(pr->cond, walk_fn, &k);
	for (size_t i = 0; i < pr->entry_saves.n; i++)
		ast_walk(pr->entry_saves.v[i].expr, walk_fn, &k);
	free(k.visiting);
	return k.mode;
}

bool cg_has_locks(struct cg *g, const unsigned char *mode)
{
	for (size_t i = 0; i < g->p->globals.n; i++)
		if (mode[i])
			return true;
	return false;
}

void cg_lock_enter(struct cg *g, const unsigned char *mode)
{
	int held = 0;

	for (size_t i = 0; i < g->p->globals.n; i++) {
		if (!mode[i])
			continue;
		emit_line(g->e, "if (unlikely(!tapc_%s_trylock(&gl_%s)))",
			  mode[i] == 'w' ? "write" : "read",
			  g->p->globals.v[i]->cname);
		emit_indent(g->e);
		emit_line(g->e, "goto skip_%d;", held);
		emit_outdent(g->e);
		held++;
	}
}

/* Emitted after the body's "out:" label. */
void cg_lock_leave(struct cg *g, const unsigned char *mode)
{
	int n = 0, held;

	for (size_t i = 0; i < g->p->globals.n; i++)
		n += mode[i] != 0;
	for (size_t i = g->p->globals.n; i-- > 0;)
		if (mode[i])
			emit_line(g->e, "%s_unlock(&gl_%s);",
				  mode[i] == 'w' ? "write" : "read",
				  g->p->globals.v[i]->cname);
	if (!n)
		return;
	emit_line(g->e, "return;");
	/* skip_k: lock k failed, release locks k-1 .. 0 */
	held = n;
	for (size_t i = g->p->globals.n; i-- > 0;) {
		if (!mode[i])
			continue;
		held--;
		if (held == n - 1)
			continue;	/* the last lock is never held here */
		char *l = xasprintf("skip_%d", held + 1);

		emit_label(g->e, l);
		free(l);
		emit_line(g->e, "%s_unlock(&gl_%s);",
			  mode[i] == 'w' ? "write" : "read",
			  g->p->globals.v[i]->cname);
	}
	emit_label(g->e, "skip_0");
	emit_line(g->e, "tapc_session_count_skip();");
}
