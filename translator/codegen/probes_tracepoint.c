// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probes_tracepoint.c - kernel.trace("system:event") probes.
 *
 * The callback takes the tracepoint's arguments as unsigned longs and
 * stores them in c->tp_args[] (the target-variable accessors of the
 * elaborate pass read them from there).  runtime/linux/tapc_tracepoints.c
 * finds the tracepoint by name and registers the callback.
 */
#include <stdlib.h>
#include <string.h>

#include "cg.h"

#define NARGS 8		/* TAPC_TP_MAXARGS */

void cg_probes_tracepoint(struct cg *g)
{
	if (!cg_count_kind(g, PROBE_TRACEPOINT))
		return;
	for (size_t i = 0; i < g->p->probes.n; i++) {
		const struct el_probe *pr = g->p->probes.v[i];
		char *pp;

		if (pr->kind != PROBE_TRACEPOINT)
			continue;
		pp = cg_cstr(pr->pp, strlen(pr->pp));
		emit_line(g->e, "static void tapc_tp_%d(void *data, unsigned long a0, "
			  "unsigned long a1,", pr->index);
		emit_line(g->e, "\t\tunsigned long a2, unsigned long a3, unsigned long a4,");
		emit_line(g->e, "\t\tunsigned long a5, unsigned long a6, unsigned long a7)");
		emit_line(g->e, "{");
		emit_indent(g->e);
		emit_line(g->e, "struct tapc_ctx *c = tapc_ctx_enter(TAPC_RUNNING);");
		emit_blank(g->e);
		emit_line(g->e, "if (!c)");
		emit_indent(g->e);
		emit_line(g->e, "return;");
		emit_outdent(g->e);
		emit_line(g->e, "c->pp = %s;", pp);
		for (int k = 0; k < NARGS; k++)
			emit_line(g->e, "c->tp_args[%d] = a%d;", k, k);
		emit_line(g->e, "tapc_probe_%d(c);", pr->index);
		emit_line(g->e, "tapc_ctx_leave(c);");
		emit_outdent(g->e);
		emit_line(g->e, "}");
		emit_line(g->e, "NOKPROBE_SYMBOL(tapc_tp_%d);", pr->index);
		emit_blank(g->e);
		free(pp);
	}
	emit_line(g->e, "static struct tapc_tracepoint tapc_tracepoints[] = {");
	emit_indent(g->e);
	for (size_t i = 0; i < g->p->probes.n; i++) {
		const struct el_probe *pr = g->p->probes.v[i];
		char *pp, *ev;

		if (pr->kind != PROBE_TRACEPOINT)
			continue;
		pp = cg_cstr(pr->pp, strlen(pr->pp));
		ev = cg_cstr(pr->u.tp.event, strlen(pr->u.tp.event));
		emit_line(g->e, "{ .name = %s, .fn = (void *)tapc_tp_%d, .pp = %s, "
			  ".optional = %s },", ev, pr->index, pp,
			  pr->optional ? "true" : "false");
		free(pp);
		free(ev);
	}
	emit_outdent(g->e);
	emit_line(g->e, "};");
	emit_blank(g->e);
}
