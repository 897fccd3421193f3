// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * targets.c - resolve target variables ($var, $$parms, @cast, ...)
 * through DWARF into el_target accesses (node->aux), per probe.
 *
 * In a .return probe, $return is read from the return registers; any
 * other $var means its value at entry, so it is wrapped in @entry and
 * saved by the kretprobe's entry handler (as stap does).  @defined(x)
 * becomes the constant 1 or 0 depending on whether x resolves.
 */
#include <string.h>

#include "../dwarf/dwarf.h"
#include "internal.h"

struct tg {
	struct el_ctx *c;
	struct el_probe *p;		/* NULL inside functions */
	const struct dw_func *f;	/* the probed function, or NULL */
	const char *owner;
	int entry_depth;		/* inside @entry(...) */
	bool quiet;			/* resolving for @defined */
	bool failed;
	bool fold_only;			/* only fold @defined conditions */
};

static bool is_return_probe(const struct tg *t)
{
	return t->p && t->p->kind == PROBE_KRETPROBE;
}

static bool resolve_one(struct tg *t, struct ast_node *n, bool at_entry)
{
	struct dw_target_req req = { 0 };
	struct el_target *tv;
	struct strbuf err;
	/* @cast and @var need no probed function */
	bool is_cast = n->u.target.tkind == TARGET_CAST ||
		       n->u.target.tkind == TARGET_ATVAR;

	if (n->aux)
		return true;
	if (!t->c->dw) {
		if (!t->quiet) {
			struct diag *d = diag_new(DIAG_ERROR, &n->loc,
				"no kernel debuginfo for %s to resolve this "
				"target variable", t->c->s->release);

			diag_hint(d, "install linux-image-%s-dbg (for the guest "
				  "kernel, `make deps` fetches it)", t->c->s->release);
			diag_emit(d);
		}
		return false;
	}
	if (!t->f && !is_cast) {
		if (!t->quiet) {
			struct diag *d = diag_new(DIAG_ERROR, &n->loc,
				"target variables are only available in probes on "
				"kernel functions and tracepoints");

			diag_note(d, NULL, "in %s", t->owner);
			if (!t->p)
				diag_hint(d, "pass the value to the function as a "
					  "parameter, or use @cast on a pointer");
			diag_emit(d);
		}
		return false;
	}
	tv = xcalloc(1, sizeof(*tv));
	req.func = t->f;
	req.at_return = is_return_probe(t) && !at_entry;
	/* where the kprobe fires: a function's entry, an inlined copy's
	 * entry pc, a statement's pc */
	req.pc = 0;
	if (t->f && t->p && (t->p->kind == PROBE_KPROBE ||
			     t->p->kind == PROBE_KRETPROBE))
		req.pc = t->p->u.kp.addr ? t->p->u.kp.addr : t->f->entry;
	req.tp_nargs = t->p && t->p->kind == PROBE_TRACEPOINT ? t->p->tp_nargs : 0;
	req.node = n;
	req.fn_name = xasprintf("tapc_tv_%d", t->c->unique++);
	sb_init(&err);
	if (!dw_resolve_target(t->f && t->f->owner ? t->f->owner : t->c->dw,
			       &req, tv, &err)) {
		if (!t->quiet) {
			struct diag *d = diag_new(DIAG_ERROR, &n->loc, "%s",
						  sb_str(&err));

			diag_note(d, NULL, "in %s", t->owner);
			if (t->p && t->p->origin && t->p->origin->next)
				diag_note(d, t->p->origin->loc,
					  "from probe point '%s'",
					  t->p->origin->point);
			diag_emit(d);
		}
		sb_free(&err);
		return false;
	}
	sb_free(&err);
	n->aux = tv;
	vec_push(&t->c->prog->targets, tv);
	return true;
}

static bool is_return_var(const struct ast_node *n)
{
	return n->u.target.tkind == TARGET_VAR &&
	       !strcmp(n->u.target.name, "return");
}

static void walk(struct tg *t, struct ast_node *n);

/* Turns node (a $param in a .return probe) into @entry($param). */
static void wrap_entry(struct tg *t, struct ast_node *n)
{
	struct ast_node *inner = ast_clone(n);
	struct el_entry_save save;

	n->kind = AST_ENTRY;
	memset(&n->u, 0, sizeof(n->u));
	n->u.unary_stmt.expr = inner;
	t->entry_depth++;
	walk(t, inner);
	t->entry_depth--;
	save.expr = n;
	save.slot = (int)t->p->entry_saves.n;
	vec_push(&t->p->entry_saves, save);
}

static void target(struct tg *t, struct ast_node *n)
{
	struct ast_tstep *st;

	if (n->u.target.cast_expr)
		walk(t, n->u.target.cast_expr);
	for (st = n->u.target.steps; st; st = st->next)
		if (st->index)
			walk(t, st->index);
	if (is_return_probe(t) && !t->entry_depth && !is_return_var(n) &&
	    n->u.target.tkind == TARGET_VAR) {
		wrap_entry(t, n);
		return;
	}
	if (is_return_var(n) && !is_return_probe(t) && !t->quiet) {
		diag_error(&n->loc, "$return is only available in .return probes");
		t->failed = true;
		return;
	}
	if (!resolve_one(t, n, t->entry_depth > 0))
		t->failed = true;
}

static void defined(struct tg *t, struct ast_node *n)
{
	struct ast_node *e = n->u.unary_stmt.expr;
	bool ok = true;

	if (e && e->kind == AST_TARGET) {
		struct tg q = *t;

		q.quiet = true;
		q.failed = false;
		diag_push_mute();
		target(&q, e);
		diag_pop_mute();
		ok = !q.failed;
	}
	n->kind = AST_NUM;
	memset(&n->u, 0, sizeof(n->u));
	n->u.num.value = ok;
	n->u.num.text = ok ? "1" : "0";
	n->type = TYPE_LONG;
}

/*
 * `@defined(x) ? a : b` and `if (@defined(x)) ... else ...` keep only the
 * branch taken, so the other one (often a $var that does not exist on
 * this kernel) is never resolved.  Returns true if n was replaced.
 */
static bool fold_defined(struct tg *t, struct ast_node *n)
{
	struct ast_node *cond, *keep, *next = n->next;
	struct src_loc loc = n->loc;

	if (n->kind == AST_TERNARY)
		cond = n->u.op.lhs;
	else if (n->kind == AST_IF)
		cond = n->u.ctl.cond;
	else
		return false;
	if (!cond || cond->kind != AST_DEFINED)
		return false;
	defined(t, cond);
	if (n->kind == AST_TERNARY)
		keep = cond->u.num.value ? n->u.op.rhs : n->u.op.third;
	else
		keep = cond->u.num.value ? n->u.ctl.then : n->u.ctl.els;
	if (keep) {
		*n = *keep;
	} else {
		memset(n, 0, sizeof(*n));
		n->kind = AST_NULL_STMT;
	}
	n->next = next;
	n->loc = keep ? n->loc : loc;
	return true;
}

static void walk_list(struct tg *t, struct ast_node *n)
{
	for (; n; n = n->next)
		walk(t, n);
}

/* A hand-written walk: nodes are rewritten in place as we go. */
static void walk(struct tg *t, struct ast_node *n)
{
	if (!n)
		return;
	if (fold_defined(t, n)) {
		walk(t, n);
		return;
	}
	switch (n->kind) {
	case AST_TARGET:
		if (!t->fold_only)
			target(t, n);
		return;
	case AST_DEFINED: defined(t, n); return;
	case AST_ENTRY:
		if (t->fold_only) {
			walk(t, n->u.unary_stmt.expr);
			return;
		}
		if (!is_return_probe(t)) {
			diag_error(&n->loc, "@entry is only allowed in .return probes");
			t->failed = true;
			return;
		}
		if (!t->entry_depth) {
			struct el_entry_save save = { n, (int)t->p->entry_saves.n };

			vec_push(&t->p->entry_saves, save);
		}
		t->entry_depth++;
		walk(t, n->u.unary_stmt.expr);
		t->entry_depth--;
		return;
	case AST_BLOCK: walk_list(t, n->u.block.stmts); return;
	case AST_EXPR_STMT: case AST_RETURN: case AST_DELETE: case AST_PROBEWRITE:
		walk(t, n->u.unary_stmt.expr);
		return;
	case AST_IF: case AST_WHILE: case AST_FOR:
		walk(t, n->u.ctl.init);
		walk(t, n->u.ctl.cond);
		walk(t, n->u.ctl.incr);
		walk(t, n->u.ctl.then);
		walk(t, n->u.ctl.els);
		return;
	case AST_FOREACH:
		walk(t, n->u.foreach.limit);
		walk(t, n->u.foreach.body);
		return;
	case AST_TRY:
		walk(t, n->u.try_.body);
		walk(t, n->u.try_.catch_body);
		return;
	case AST_INDEX: case AST_IN:
		walk_list(t, n->u.index.keys);
		return;
	case AST_CALL:
	case AST_ATOP: walk_list(t, n->u.call.args); return;
	case AST_UNARY: case AST_PREINC: case AST_POSTINC: case AST_BINARY:
	case AST_TERNARY: case AST_ASSIGN:
		walk(t, n->u.op.lhs);
		walk(t, n->u.op.rhs);
		walk(t, n->u.op.third);
		return;
	case AST_STAT:
		walk(t, n->u.stat.expr);
		walk_list(t, n->u.stat.params);
		return;
	default:
		return;
	}
}

/* Before name resolution: drop the branches @defined rules out. */
void tg_fold_probe(struct el_ctx *c, struct el_probe *p)
{
	struct tg t = { c, p, p->dw_func, p->pp, 0, false, false, true };

	walk(&t, p->cond);
	walk(&t, p->body);
}

void tg_resolve_all(struct el_ctx *c)
{
	size_t i;

	for (i = 0; i < c->prog->probes.n; i++) {
		struct el_probe *p = c->prog->probes.v[i];
		struct tg t = { c, p, p->dw_func, xasprintf("probe %s", p->pp),
				0, false, false, false };

		walk(&t, p->cond);
		walk(&t, p->body);
	}
	for (i = 0; i < c->all_funcs.n; i++) {
		struct el_func *fn = c->all_funcs.v[i];
		struct tg t = { c, NULL, NULL, xasprintf("function %s()", fn->name),
				0, false, false, false };

		if (!fn->embedded)
			walk(&t, fn->decl->u.func.body);
	}
}
