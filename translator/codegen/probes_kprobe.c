// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probes_kprobe.c - kernel.function/.statement (kprobe) and .return
 * (kretprobe) probes.  Module probes arm "module:symbol" + offset;
 * kernel.statement(ADDR).absolute arms a raw .addr.
 *
 * Each probe gets its own handler (no dispatch table on the hot path):
 *
 *	static int tapc_kp_<i>(struct kprobe *, struct pt_regs *)
 *	static int tapc_krp_<i>(struct kretprobe_instance *, struct pt_regs *)
 *	static int tapc_krpe_<i>(...)	entry handler, when @entry values are
 *					saved into ri->data
 *
 * and one row in tapc_kprobes[] / tapc_kretprobes[], which
 * runtime/linux/tapc_kprobes.c arms and disarms.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

static char *slot_size(enum ast_type t)
{
	return xstrdup(t == TYPE_STRING ? "MAXSTRINGLEN" : "8");
}

char *cg_entry_offset(const struct el_probe *pr, const struct ast_node *n,
		      enum ast_type *type)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_puts(&sb, "(0");
	for (size_t i = 0; i < pr->entry_saves.n; i++) {
		const struct ast_node *e = pr->entry_saves.v[i].expr;

		if (e == n) {
			*type = e->type;
			sb_puts(&sb, ")");
			return sb_steal(&sb);
		}
		sb_printf(&sb, " + %s", e->type == TYPE_STRING ?
			  "MAXSTRINGLEN" : "8");
	}
	sb_free(&sb);
	return NULL;
}

char *cg_entry_size(const struct el_probe *pr)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_puts(&sb, "(0");
	for (size_t i = 0; i < pr->entry_saves.n; i++) {
		char *s = slot_size(pr->entry_saves.v[i].expr->type);

		sb_printf(&sb, " + %s", s);
		free(s);
	}
	sb_puts(&sb, ")");
	return sb_steal(&sb);
}

static char *pp_lit(const struct el_probe *pr)
{
	return cg_cstr(pr->pp, strlen(pr->pp));
}

static char *sym_lit(const struct el_probe *pr)
{
	char *s = pr->u.kp.module ?
		xasprintf("%s:%s", pr->u.kp.module, pr->u.kp.symbol) :
		xstrdup(pr->u.kp.symbol ? pr->u.kp.symbol : "?");
	char *q = cg_cstr(s, strlen(s));

	free(s);
	return q;
}

static void handler_head(struct cg *g, const struct el_probe *pr,
			 const char *fail_ret)
{
	char *pp = pp_lit(pr);

	emit_line(g->e, "struct tapc_ctx *c = tapc_ctx_enter(TAPC_RUNNING);");
	emit_blank(g->e);
	emit_line(g->e, "if (!c)");
	emit_indent(g->e);
	emit_line(g->e, "return %s;", fail_ret);
	emit_outdent(g->e);
	emit_line(g->e, "c->pp = %s;", pp);
	emit_line(g->e, "c->regs = regs;");
	free(pp);
}

static void kprobe_handler(struct cg *g, const struct el_probe *pr)
{
	emit_line(g->e, "static int tapc_kp_%d(struct kprobe *kp, struct pt_regs *regs)",
		  pr->index);
	emit_line(g->e, "{");
	emit_indent(g->e);
	handler_head(g, pr, "0");
	emit_line(g->e, "tapc_probe_%d(c);", pr->index);
	emit_line(g->e, "tapc_ctx_leave(c);");
	emit_line(g->e, "return 0;");
	emit_close(g->e, NULL);
	emit_line(g->e, "NOKPROBE_SYMBOL(tapc_kp_%d);", pr->index);
	emit_blank(g->e);
}

/* The entry function that saves @entry values (translated like a body). */
void cg_entry_saves(struct cg *g, const struct el_probe *pr)
{
	unsigned char *locks;

	if (!pr->entry_saves.n)
		return;
	emit_line(g->e, "static __always_inline void tapc_entry_%d(struct tapc_ctx *c)",
		  pr->index);
	emit_line(g->e, "{");
	emit_indent(g->e);
	emit_line(g->e, "struct tapc_pl_%d *l = c->locals;", pr->index);
	emit_blank(g->e);
	emit_line(g->e, "(void)l;");
	locks = xcalloc(g->p->globals.n + 1, 1);	/* entry saves read
							 * no globals here */
	for (size_t i = 0; i < pr->entry_saves.n; i++) {
		struct ast_node *e = pr->entry_saves.v[i].expr;
		struct ast_node *inner = e->u.unary_stmt.expr;
		enum ast_type t;
		char *off = cg_entry_offset(pr, e, &t);
		char *x = cg_expr(g, inner);

		cg_marker(g, &e->loc);
		if (t == TYPE_STRING)
			emit_line(g->e, "tapc_strcpy(c->ri->data + %s, %s);", off,
				  x);
		else
			emit_line(g->e, "*(int64_t *)(c->ri->data + %s) = %s;", off,
				  x);
		free(off);
		free(x);
	}
	emit_label(g->e, "out");
	emit_line(g->e, ";");
	free(locks);
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);
}

static void kretprobe_handlers(struct cg *g, const struct el_probe *pr)
{
	if (pr->entry_saves.n) {
		emit_line(g->e, "static int tapc_krpe_%d(struct kretprobe_instance *ri, "
			  "struct pt_regs *regs)", pr->index);
		emit_line(g->e, "{");
		emit_indent(g->e);
		handler_head(g, pr, "1");	/* 1: no return handler */
		emit_line(g->e, "int skip;");
		emit_blank(g->e);
		emit_line(g->e, "c->ri = ri;");
		emit_line(g->e, "tapc_entry_%d(c);", pr->index);
		emit_line(g->e, "skip = c->last_error != NULL;");
		emit_line(g->e, "tapc_ctx_leave(c);");
		emit_line(g->e, "return skip;");
		emit_outdent(g->e);
		emit_line(g->e, "}");
		emit_line(g->e, "NOKPROBE_SYMBOL(tapc_krpe_%d);", pr->index);
		emit_blank(g->e);
	}
	emit_line(g->e, "static int tapc_krp_%d(struct kretprobe_instance *ri, "
		  "struct pt_regs *regs)", pr->index);
	emit_line(g->e, "{");
	emit_indent(g->e);
	handler_head(g, pr, "0");
	emit_line(g->e, "c->ri = ri;");
	emit_line(g->e, "tapc_probe_%d(c);", pr->index);
	emit_line(g->e, "tapc_ctx_leave(c);");
	emit_line(g->e, "return 0;");
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_line(g->e, "NOKPROBE_SYMBOL(tapc_krp_%d);", pr->index);
	emit_blank(g->e);
}

int cg_count_kind(struct cg *g, enum el_probe_kind k)
{
	int n = 0;

	for (size_t i = 0; i < g->p->probes.n; i++)
		n += g->p->probes.v[i]->kind == k;
	return n;
}

void cg_probes_kprobe(struct cg *g)
{
	const struct el_probe *pr;

	for (size_t i = 0; i < g->p->probes.n; i++) {
		pr = g->p->probes.v[i];
		if (pr->kind == PROBE_KPROBE)
			kprobe_handler(g, pr);
		else if (pr->kind == PROBE_KRETPROBE)
			kretprobe_handlers(g, pr);
	}
	if (cg_count_kind(g, PROBE_KPROBE)) {
		emit_line(g->e, "static struct tapc_kprobe tapc_kprobes[] = {");
		emit_indent(g->e);
		for (size_t i = 0; i < g->p->probes.n; i++) {
			char *sym, *pp;

			pr = g->p->probes.v[i];
			if (pr->kind != PROBE_KPROBE)
				continue;
			sym = sym_lit(pr);
			pp = pp_lit(pr);
			if (!pr->u.kp.symbol)	/* .absolute: run-time address */
				emit_line(g->e, "{ .kp = { .addr = (kprobe_opcode_t *)0x%"
					  PRIx64 "UL, .pre_handler = tapc_kp_%d },",
					  pr->u.kp.addr, pr->index);
			else
				emit_line(g->e, "{ .kp = { .symbol_name = %s, .offset = %"
					  PRIu64 ", .pre_handler = tapc_kp_%d },",
					  sym, pr->u.kp.offset, pr->index);
			emit_line(g->e, "  .pp = %s, .optional = %s },", pp,
				  pr->optional ? "true" : "false");
			free(sym);
			free(pp);
		}
		emit_outdent(g->e);
		emit_line(g->e, "};");
		emit_blank(g->e);
	}
	if (cg_count_kind(g, PROBE_KRETPROBE)) {
		emit_line(g->e, "static struct tapc_kretprobe tapc_kretprobes[] = {");
		emit_indent(g->e);
		for (size_t i = 0; i < g->p->probes.n; i++) {
			char *sym, *pp, *sz;

			pr = g->p->probes.v[i];
			if (pr->kind != PROBE_KRETPROBE)
				continue;
			sym = sym_lit(pr);
			pp = pp_lit(pr);
			sz = cg_entry_size(pr);
			emit_line(g->e, "{ .rp = { .kp.symbol_name = %s, .handler = tapc_krp_%d,",
				  sym, pr->index);
			if (pr->entry_saves.n)
				emit_line(g->e, "         .entry_handler = tapc_krpe_%d, .data_size = %s,",
					  pr->index, sz);
			emit_line(g->e, "         .maxactive = %d },", pr->u.kp.maxactive);
			emit_line(g->e, "  .pp = %s, .optional = %s },", pp,
				  pr->optional ? "true" : "false");
			free(sym);
			free(pp);
			free(sz);
		}
		emit_outdent(g->e);
		emit_line(g->e, "};");
		emit_blank(g->e);
	}
}
