// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check.c - rules checked after types are known: embedded C and writes
 * to target variables need guru mode (-g) outside the tapset library,
 * 'next' belongs in probes (or in a function with a later overload to
 * pass the call on to), and locals that are read but never written.
 */
#include <string.h>

#include "internal.h"

struct ck {
	struct el_ctx *c;
	bool in_probe;
	const char *owner;
	const struct el_func *fn;	/* the function being checked */
};

/* Syntax pass 1 accepts that the later passes cannot translate yet. */
static const char *not_yet(const struct ast_node *n)
{
	switch (n->kind) {
	case AST_WILDCARD:
		return "'*' (any key) subscripts";
	case AST_FOREACH:
		if (n->u.foreach.slice)
			return "foreach over an array slice";
		if (n->u.foreach.sort_by_stat)
			return "sorting foreach by a statistic of the values";
		return NULL;
	case AST_ATOP:
		return n->u.call.name;
	case AST_STAT:
		return n->u.stat.sop == STAT_VARIANCE && n->u.stat.params ?
		       "@variance with a precision" : NULL;
	default:
		return NULL;
	}
}

static bool check_node(struct ast_node *n, void *arg)
{
	struct ck *k = arg;
	const char *what = not_yet(n);

	if (what) {
		diag_error(&n->loc, "not supported yet: %s", what);
		if (n->kind == AST_FOREACH) {
			ast_walk(n->u.foreach.limit, check_node, k);
			ast_walk(n->u.foreach.body, check_node, k);
		}
		return n->kind != AST_FOREACH;
	}

	/* in a function, 'next' hands the call to the next overload */
	if (n->kind == AST_NEXT && !k->in_probe &&
	    !(k->fn && k->fn->overload_next)) {
		struct diag *d = diag_new(DIAG_ERROR, &n->loc,
			"'next' in function '%s', which has no later overload "
			"to pass the call on to", k->fn ? k->fn->name : "?");

		diag_hint(d, "'next' leaves a probe, or tries the next "
			  "definition of a function with the same name and "
			  "number of parameters; use 'return' to leave a "
			  "function");
		diag_emit(d);
	}
	if (n->kind == AST_ASSIGN && n->u.op.lhs->kind == AST_TARGET &&
	    !k->c->s->guru) {
		struct diag *d = diag_new(DIAG_ERROR, &n->u.op.lhs->loc,
			"writing to a target variable needs guru mode");

		diag_hint(d, "run with -g if you really mean to change kernel "
			  "memory");
		diag_emit(d);
	}
	return true;
}

static void warn_unwritten(struct el_sym *s, const char *owner)
{
	if (s->kind == SYM_LOCAL && s->is_read && !s->is_written &&
	    s->type != TYPE_STATS) {
		struct diag *d = diag_new(DIAG_WARNING, s->decl ? &s->decl->loc : NULL,
			"variable '%s' is read but never assigned", s->name);

		diag_note(d, NULL, "in %s", owner);
		diag_emit(d);
	}
}

void ck_check_all(struct el_ctx *c)
{
	size_t i, j;

	for (i = 0; i < c->prog->probes.n; i++) {
		struct el_probe *p = c->prog->probes.v[i];
		struct ck k = { c, true, p->pp, NULL };

		ast_walk(p->body, check_node, &k);
		for (j = 0; j < p->locals.n; j++)
			warn_unwritten(p->locals.v[j], xasprintf("probe %s", p->pp));
	}
	for (i = 0; i < c->all_funcs.n; i++) {
		struct el_func *fn = c->all_funcs.v[i];
		struct ck k = { c, false, fn->name, fn };

		if (fn->embedded && !fn->from_tapset && !c->s->guru) {
			struct diag *d = diag_new(DIAG_ERROR, &fn->decl->loc,
				"embedded C in function '%s' needs guru mode",
				fn->name);

			diag_hint(d, "run with -g, or move the function into a "
				  "tapset directory given with -I");
			diag_emit(d);
		}
		if (!fn->embedded)
			ast_walk(fn->decl->u.func.body, check_node, &k);
	}
	if (c->files.n && c->files.v[0]->ast && c->files.v[0]->ast->embedded &&
	    !c->s->guru) {
		struct diag *d = diag_new(DIAG_ERROR,
			&c->files.v[0]->ast->embedded->loc,
			"embedded C in a script needs guru mode");

		diag_hint(d, "run with -g");
		diag_emit(d);
	}
}
