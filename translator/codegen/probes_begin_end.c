// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probes_begin_end.c - begin and end probes.
 *
 * They run in process context from tapc_gen_start()/tapc_gen_stop(), in
 * program order, begin probes while the session is STARTING and end
 * probes while it is STOPPING.  No other handler can run then, so they
 * use the one process context (tapc_ctx_enter_proc), run preemptible and
 * take no global locks (cg_probe_body), and their output may wait for
 * the reader instead of being lost when it outgrows the ring
 * (runtime/transport.c).
 *
 * error probes are end probes for a failed run, as in stap: when the run
 * stops after a fatal error (tapc_session_failed()), tapc_gen_stop() runs
 * the error probes instead of the end probes.  never probes are
 * translated and compiled (so they are checked) but nothing calls them.
 */
#include <stdlib.h>
#include <string.h>

#include "cg.h"

/* begin(N)/end(N): lower priority first, then program order */
static int by_priority(const void *a, const void *b)
{
	const struct el_probe *x = *(const struct el_probe *const *)a;
	const struct el_probe *y = *(const struct el_probe *const *)b;

	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return x->index - y->index;
}

static void runner(struct cg *g, enum el_probe_kind kind, const char *fn,
		   const char *state)
{
	const struct el_probe **order;
	size_t n = 0;

	order = xcalloc(g->p->probes.n + 1, sizeof(*order));
	for (size_t i = 0; i < g->p->probes.n; i++)
		if (g->p->probes.v[i]->kind == kind)
			order[n++] = g->p->probes.v[i];
	qsort(order, n, sizeof(*order), by_priority);
	emit_line(g->e, "static void %s(void)", fn);
	emit_line(g->e, "{");
	emit_indent(g->e);
	if (n)
		emit_line(g->e, "struct tapc_ctx *c;");
	for (size_t i = 0; i < n; i++) {
		const struct el_probe *pr = order[i];
		char *pp;

		pp = cg_cstr(pr->pp, strlen(pr->pp));
		emit_blank(g->e);
		emit_line(g->e, "c = tapc_ctx_enter_proc(%s);", state);
		emit_open(g->e, "if (c)");
		emit_line(g->e, "c->pp = %s;", pp);
		emit_line(g->e, "tapc_probe_%d(c);", pr->index);
		emit_line(g->e, "tapc_ctx_leave(c);");
		emit_close(g->e, NULL);
		free(pp);
	}
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);
	free(order);
}

void cg_probes_begin_end(struct cg *g)
{
	runner(g, PROBE_BEGIN, "tapc_run_begin", "TAPC_STARTING");
	runner(g, PROBE_END, "tapc_run_end", "TAPC_STOPPING");
	runner(g, PROBE_ERROR, "tapc_run_error", "TAPC_STOPPING");
}
