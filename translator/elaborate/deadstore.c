// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * deadstore.c - drops assignments to probe locals that nothing reads,
 * when computing the value has no effect: an alias such as vfs.read
 * sets a dozen variables (devname, argstr, ...), and a probe that uses
 * one of them should not pay for the others on every event.  Only the
 * library's statements (alias prologues and epilogues) are dropped: the
 * script's own stay as written (pass 2 warns about them).  -u keeps
 * everything.
 *
 * A value is pure when it only reads: literals, variables, target
 * variables, operators (not =~, which sets matched()), extractors, and
 * calls to side-effect-free builtins, embedded-C functions marked
 * pure, and script functions built from those that write no global.
 * Only top-level statements of blocks are dropped, and the pass repeats
 * until nothing changes (dropping `b = a` can leave `a` unread).
 */
#include <string.h>

#include "internal.h"

static const char *const pure_builtins[] = {
	"sprintf", "sprint", "sprintln", "strlen", "substr", "isinstr",
	"strtol", "kernel_string", "kernel_string_n", "kernel_long",
	"kernel_int", "kernel_short", "kernel_char", "kernel_pointer", NULL,
};

enum { DS_UNKNOWN, DS_PURE, DS_IMPURE, DS_VISITING };

struct ds {
	struct hmap func_state;		/* el_func cname -> DS_* (as pointer) */
	struct hmap reads;		/* local cname -> read count */
	bool impure;			/* set by the purity walk */
	const struct src_file *script;	/* statements from here stay */
};

static bool func_pure(struct ds *d, struct el_func *fn);

static bool builtin_pure(const char *name)
{
	for (const char *const *b = pure_builtins; *b; b++)
		if (!strcmp(*b, name))
			return true;
	return false;
}

static bool purity_walk(struct ast_node *n, void *arg)
{
	struct ds *d = arg;

	switch (n->kind) {
	case AST_ASSIGN:
	case AST_PREINC:
	case AST_POSTINC:
		/* a script function may assign its own locals */
		if (n->u.op.lhs->kind != AST_IDENT || !n->u.op.lhs->sym ||
		    n->u.op.lhs->sym->kind == SYM_GLOBAL)
			d->impure = true;
		break;
	case AST_BINARY:
		if (n->u.op.op == OP_MATCH || n->u.op.op == OP_NOMATCH)
			d->impure = true;	/* sets matched() */
		break;
	case AST_CALL:
		if (n->aux ? !func_pure(d, n->aux) :
			     !builtin_pure(n->u.call.name))
			d->impure = true;
		break;
	case AST_DELETE:
	case AST_NEXT:
	case AST_FOREACH:		/* its keys are written */
	case AST_TRY:
	case AST_EMBEDDED_STMT:
	case AST_ATOP:
	case AST_PROBEWRITE:
		d->impure = true;
		break;
	default:
		break;
	}
	return !d->impure;
}

static bool tree_pure(struct ds *d, struct ast_node *n)
{
	bool saved = d->impure, pure;

	d->impure = false;
	ast_walk(n, purity_walk, d);
	pure = !d->impure;
	d->impure = saved;
	return pure;
}

static bool func_pure(struct ds *d, struct el_func *fn)
{
	const char *key = intern(fn->cname);
	int st = (int)(uintptr_t)hmap_get(&d->func_state, key);
	bool pure;

	if (st == DS_PURE || st == DS_IMPURE)
		return st == DS_PURE;
	if (st == DS_VISITING || fn->overload_next)
		return false;		/* recursion, or 'next' overloading */
	if (fn->embedded) {
		pure = fn->pure;
	} else {
		hmap_put(&d->func_state, key, (void *)(uintptr_t)DS_VISITING);
		pure = tree_pure(d, fn->decl->u.func.body);
	}
	hmap_put(&d->func_state, key,
		 (void *)(uintptr_t)(pure ? DS_PURE : DS_IMPURE));
	return pure;
}

static bool is_local(const struct ast_node *n)
{
	return n->kind == AST_IDENT && n->sym && n->sym->kind == SYM_LOCAL;
}

static void count_read(struct ds *d, const struct el_sym *s)
{
	const char *k = intern(s->cname);

	hmap_put(&d->reads, k, (void *)((uintptr_t)hmap_get(&d->reads, k) + 1));
}

/* Counts reads of locals; the target of a plain '=' is not a read. */
static bool read_walk(struct ast_node *n, void *arg)
{
	struct ds *d = arg;

	if (n->kind == AST_ASSIGN && n->u.op.op == '=' &&
	    is_local(n->u.op.lhs)) {
		ast_walk(n->u.op.rhs, read_walk, d);
		return false;
	}
	if (is_local(n))
		count_read(d, n->sym);
	return true;
}

/* The assignment a statement is, if it stores into a local nobody reads. */
static bool dead_store(struct ds *d, struct ast_node *st)
{
	struct ast_node *e = st->kind == AST_EXPR_STMT ?
			     st->u.unary_stmt.expr : st;

	if (!e || e->kind != AST_ASSIGN || e->u.op.op != '=' ||
	    !is_local(e->u.op.lhs) || !st->loc.file ||
	    st->loc.file == d->script)
		return false;
	if (hmap_get(&d->reads, intern(e->u.op.lhs->sym->cname)))
		return false;
	return tree_pure(d, e->u.op.rhs);
}

struct ds_sweep {
	struct ds *d;
	int dropped;
};

static bool sweep_blocks(struct ast_node *n, void *arg)
{
	struct ds_sweep *sw = arg;
	struct ast_node **pp;

	if (n->kind != AST_BLOCK)
		return true;
	for (pp = &n->u.block.stmts; *pp;) {
		if (dead_store(sw->d, *pp)) {
			*pp = (*pp)->next;
			sw->dropped++;
		} else {
			pp = &(*pp)->next;
		}
	}
	return true;
}

/* Locals no statement mentions any more leave the probe's frame. */
static bool mention_walk(struct ast_node *n, void *arg)
{
	if (is_local(n))
		count_read(arg, n->sym);
	return true;
}

static void drop_unmentioned(struct ds *d, struct el_probe *p)
{
	size_t i, j = 0;

	hmap_free(&d->reads);
	hmap_init(&d->reads);
	ast_walk(p->cond, mention_walk, d);
	ast_walk(p->body, mention_walk, d);
	for (i = 0; i < p->locals.n; i++)
		if (hmap_get(&d->reads, intern(p->locals.v[i]->cname)))
			p->locals.v[j++] = p->locals.v[i];
	p->locals.n = j;
}

void op_dead_stores(struct el_ctx *c)
{
	struct ds d = { 0 };

	if (c->s->unoptimized)
		return;
	d.script = c->files.n && c->files.v[0]->ast ?
		   c->files.v[0]->ast->src : NULL;
	hmap_init(&d.func_state);
	hmap_init(&d.reads);
	for (size_t i = 0; i < c->prog->probes.n; i++) {
		struct el_probe *p = c->prog->probes.v[i];
		struct ds_sweep sw;

		do {
			hmap_free(&d.reads);
			hmap_init(&d.reads);
			ast_walk(p->cond, read_walk, &d);
			ast_walk(p->body, read_walk, &d);
			sw.d = &d;
			sw.dropped = 0;
			ast_walk(p->body, sweep_blocks, &sw);
		} while (sw.dropped);
		drop_unmentioned(&d, p);
	}
	hmap_free(&d.reads);
	hmap_free(&d.func_state);
}
