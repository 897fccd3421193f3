// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check.c - rules checked after types are known: embedded C and writes
 * to target variables need guru mode (-g) outside the tapset library,
 * 'next' belongs in probes (or in a function with a later overload to
 * pass the call on to), and locals that are read but never written.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct ck {
	struct el_ctx *c;
	bool in_probe;
	const char *owner;
	struct el_func *fn;		/* function being checked, or NULL */
	int loops;			/* enclosing while/for/foreach */
	struct hmap *exempt;		/* loop/catch variables: no unused warning */
};

/*
 * "probe myalias -> kprocess.exec -> kernel.function(...)": a probe with
 * the chain of points it was expanded from, for notes on its errors.
 */

const char *ck_probe_owner(const struct el_probe *p)
{
	const struct el_origin *o;
	struct strbuf sb;

	if (!p->origin || !p->origin->next)
		return xasprintf("probe %s", p->pp);
	sb_init(&sb);
	sb_printf(&sb, "probe ");
	for (o = p->origin; o; o = o->next)
		sb_printf(&sb, "%s%s", o->point, o->next ? " -> " : "");
	if (strcmp(p->pp, p->origin->point)) {
		for (o = p->origin; o->next; o = o->next)
			;
		if (strcmp(o->point, p->pp))
			sb_printf(&sb, " -> %s", p->pp);
	}
	return sb_steal(&sb);
}

static void exempt(struct ck *k, struct ast_node *v)
{
	if (v && v->sym)
		hmap_put(k->exempt, intern(v->sym->cname), v->sym);
}

static bool check_node(struct ast_node *n, void *arg);

/* Diagnostics already shown (by location and kind): the probes a
 * wildcard expands to share one body, and its problems are shown once. */
static struct hmap shown;

static void ck_emit(struct diag *d, const struct src_loc *loc, const char *tag)
{
	const char *key = intern(xasprintf("%p:%d:%d:%s", loc ?
		(const void *)loc->file : NULL, loc ? loc->line : 0,
		loc ? loc->col : 0, tag));

	if (hmap_get(&shown, key))
		return;		/* (the unshown diag is not freed: rare) */
	hmap_put(&shown, key, (void *)key);
	diag_emit(d);
}

/* Walks a loop: its body (and for's increment) with one more loop level. */
static void check_loop(struct ck *k, struct ast_node *n)
{
	struct ck in = *k;
	struct ast_node *v;

	in.loops++;
	switch (n->kind) {
	case AST_WHILE:
		ast_walk(n->u.ctl.cond, check_node, k);
		ast_walk(n->u.ctl.then, check_node, &in);
		break;
	case AST_FOR:
		ast_walk(n->u.ctl.init, check_node, k);
		ast_walk(n->u.ctl.cond, check_node, k);
		ast_walk(n->u.ctl.incr, check_node, &in);
		ast_walk(n->u.ctl.then, check_node, &in);
		break;
	default:	/* AST_FOREACH */
		for (v = n->u.foreach.keys; v; v = v->next)
			exempt(k, v);
		exempt(k, n->u.foreach.value);
		ast_walk(n->u.foreach.limit, check_node, k);
		ast_walk(n->u.foreach.body, check_node, &in);
		break;
	}
}

/* Syntax pass 1 accepts that the later passes cannot translate yet. */
static const char *not_yet(const struct ast_node *n)
{
	switch (n->kind) {
	case AST_FOREACH:
		if (n->u.foreach.sort_by_stat)
			return "sorting foreach by a statistic of the values";
		return NULL;
	case AST_ATOP:	/* @kregister @uregister @kderef @uderef @const */
		return strcmp(n->u.call.name, "@perf") ? NULL : "@perf counters";
	case AST_AUTOCAST:
		return "'->' on a value that is not a target variable (autocast)";
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

	switch (n->kind) {
	case AST_WHILE:
	case AST_FOR:
	case AST_FOREACH:
		check_loop(k, n);
		return false;
	case AST_BREAK:
	case AST_CONTINUE:
		if (!k->loops) {
			struct diag *d = diag_new(DIAG_ERROR, &n->loc,
				"'%s' outside a loop",
				n->kind == AST_BREAK ? "break" : "continue");

			diag_hint(d, "it must be inside while, for or foreach; "
				  "use '%s' to leave the %s", k->fn ? "return" :
				  "next", k->fn ? "function" : "probe");
			diag_note(d, NULL, "in %s", k->owner);
			ck_emit(d, &n->loc, "loop");
		}
		break;
	case AST_RETURN:
		if (!k->fn) {
			if (n->u.unary_stmt.expr) {
				struct diag *d = diag_new(DIAG_ERROR, &n->loc,
					"a probe cannot return a value");

				diag_hint(d, "use 'next' to leave a probe");
				diag_note(d, NULL, "in %s", k->owner);
				ck_emit(d, &n->loc, "return");
			}
		} else if (!n->u.unary_stmt.expr && k->fn->ret != TYPE_VOID) {
			struct diag *d = diag_new(DIAG_ERROR, &n->loc,
				"'return' without a value in function '%s', "
				"which returns %s", k->fn->name,
				ast_type_name(k->fn->ret));

			diag_note(d, &k->fn->decl->loc, "'%s' is defined here",
				  k->fn->name);
			diag_emit(d);
		}
		break;
	case AST_TRY:
		exempt(k, n->u.try_.catch_var);
		break;
	case AST_NEXT:
		/* in a function, 'next' hands the call to the next overload */
		if (!k->in_probe && !(k->fn && k->fn->overload_next)) {
			struct diag *d = diag_new(DIAG_ERROR, &n->loc,
				"'next' in function '%s', which has no later "
				"overload to pass the call on to",
				k->fn ? k->fn->name : "?");

			diag_hint(d, "'next' leaves a probe, or tries the next "
				  "definition of a function with the same name "
				  "and number of parameters; use 'return' to "
				  "leave a function");
			ck_emit(d, &n->loc, "next");
		}
		break;
	case AST_ATOP:
		/* @const is C: guru mode, as embedded C (tapsets may) */
		if (!strcmp(n->u.call.name, "@const") && !k->c->s->guru &&
		    n->loc.file && k->c->files.n && k->c->files.v[0]->ast &&
		    n->loc.file == k->c->files.v[0]->ast->src) {
			struct diag *d = diag_new(DIAG_ERROR, &n->loc,
				"@const needs guru mode");

			diag_hint(d, "run with -g: the name goes into the "
				  "module's C as it is");
			diag_emit(d);
		}
		break;
	case AST_ASSIGN:
	case AST_PREINC:
	case AST_POSTINC:
		if (n->u.op.lhs->kind == AST_TARGET && !k->c->s->guru) {
			struct diag *d = diag_new(DIAG_ERROR, &n->u.op.lhs->loc,
				"writing to a target variable needs guru mode");

			diag_hint(d, "run with -g if you really mean to change "
				  "kernel memory");
			diag_note(d, NULL, "in %s", k->owner);
			ck_emit(d, &n->u.op.lhs->loc, "guru");
		}
		break;
	default:
		break;
	}
	return true;
}

static void warn_unwritten(struct el_ctx *c, struct el_sym *s,
			   const char *owner, struct hmap *ex)
{
	/* foreach (v = [k] in stats_array): v is one merged element */
	if (s->kind == SYM_LOCAL && s->type == TYPE_STATS &&
	    !hmap_get(ex, intern(s->cname))) {
		struct diag *d = diag_new(DIAG_ERROR, s->decl ? &s->decl->loc : NULL,
			"aggregate '%s' must be a global", s->name);

		diag_hint(d, "declare it with 'global %s' (statistics are "
			  "always global)", s->name);
		diag_note(d, NULL, "in %s", owner);
		ck_emit(d, s->decl ? &s->decl->loc : NULL, "agg");
		return;
	}
	if (s->kind != SYM_LOCAL || s->type == TYPE_STATS)
		return;
	/* alias prologues in tapsets set variables a probe may ignore */
	if (!s->decl || s->decl->loc.file != c->files.v[0]->ast->src)
		return;
	if (s->is_read && !s->is_written && s->type != TYPE_UNKNOWN) {
		struct diag *d = diag_new(DIAG_WARNING, s->decl ? &s->decl->loc : NULL,
			"variable '%s' is read but never assigned", s->name);
		VEC(const char *) names = { 0 };
		size_t i;

		for (i = 0; i < c->all_globals.n; i++)
			vec_push(&names, c->all_globals.v[i]->name);
		el_suggest(d, s->name, names.v, names.n);
		vec_free(&names);
		diag_note(d, NULL, "in %s", owner);
		ck_emit(d, s->decl ? &s->decl->loc : NULL, "unwritten");
	} else if (s->is_written && !s->is_read &&
		   !hmap_get(ex, intern(s->cname))) {
		struct diag *d = diag_new(DIAG_WARNING, s->decl ? &s->decl->loc : NULL,
			"variable '%s' is assigned but never read", s->name);

		diag_note(d, NULL, "in %s", owner);
		ck_emit(d, s->decl ? &s->decl->loc : NULL, "unread");
	}
}

void ck_check_all(struct el_ctx *c)
{
	struct hmap ex;
	size_t i, j;

	hmap_init(&ex);
	hmap_free(&shown);
	hmap_init(&shown);
	for (i = 0; i < c->prog->probes.n; i++) {
		struct el_probe *p = c->prog->probes.v[i];
		const char *owner = ck_probe_owner(p);
		struct ck k = { c, true, owner, NULL, 0, &ex };

		ast_walk(p->body, check_node, &k);
		for (j = 0; j < p->locals.n; j++)
			warn_unwritten(c, p->locals.v[j], owner, &ex);
	}
	for (i = 0; i < c->all_funcs.n; i++) {
		struct el_func *fn = c->all_funcs.v[i];
		const char *owner = xasprintf("function %s()", fn->name);
		struct ck k = { c, false, owner, fn, 0, &ex };

		if (fn->embedded && !fn->from_tapset && !c->s->guru) {
			struct diag *d = diag_new(DIAG_ERROR, &fn->decl->loc,
				"embedded C in function '%s' needs guru mode",
				fn->name);

			diag_hint(d, "run with -g, or move the function into a "
				  "tapset directory given with -I");
			diag_emit(d);
		}
		if (fn->embedded)
			continue;
		ast_walk(fn->decl->u.func.body, check_node, &k);
		if (fn->from_tapset || !ty_reachable(c, fn))
			continue;
		for (j = 0; j < fn->locals.n; j++)
			warn_unwritten(c, fn->locals.v[j], owner, &ex);
	}
	if (c->files.n && c->files.v[0]->ast && c->files.v[0]->ast->embedded &&
	    !c->s->guru) {
		struct diag *d = diag_new(DIAG_ERROR,
			&c->files.v[0]->ast->embedded->loc,
			"embedded C in a script needs guru mode");

		diag_hint(d, "run with -g");
		diag_emit(d);
	}
	hmap_free(&ex);
}
