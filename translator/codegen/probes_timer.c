// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probes_timer.c - timer.s/ms/us/ns/hz/jiffies probes, one hrtimer each,
 * and timer.profile: one pinned 1/HZ hrtimer per CPU whose callback runs
 * every timer.profile probe with the interrupted registers in c->regs
 * (runtime/linux/tapc_timers.c).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

static bool is_timer(const struct el_probe *pr)
{
	return pr->kind == PROBE_TIMER;
}

/* timer.profile: the per-CPU timers and their callback. */
static void profile(struct cg *g)
{
	if (!cg_count_kind(g, PROBE_PROFILE))
		return;
	emit_line(g->e, "static struct tapc_profile tapc_profile = { .period_ns = NSEC_PER_SEC / HZ };");
	emit_blank(g->e);
	emit_line(g->e, "static enum hrtimer_restart tapc_profile_fn(struct hrtimer *t)");
	emit_line(g->e, "{");
	emit_indent(g->e);
	emit_line(g->e, "struct tapc_ctx *c;");
	emit_blank(g->e);
	emit_line(g->e, "hrtimer_forward_now(t, ns_to_ktime(tapc_profile.period_ns));");
	for (size_t i = 0; i < g->p->probes.n; i++) {
		const struct el_probe *pr = g->p->probes.v[i];
		char *pp;

		if (pr->kind != PROBE_PROFILE)
			continue;
		pp = cg_cstr(pr->pp, strlen(pr->pp));
		emit_line(g->e, "c = tapc_ctx_enter(TAPC_RUNNING);");
		emit_open(g->e, "if (c)");
		emit_line(g->e, "c->pp = %s;", pp);
		emit_line(g->e, "c->regs = get_irq_regs();");
		emit_line(g->e, "tapc_probe_%d(c);", pr->index);
		emit_line(g->e, "tapc_ctx_leave(c);");
		emit_close(g->e, NULL);
		free(pp);
	}
	emit_line(g->e, "return HRTIMER_RESTART;");
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);
}

static char *period(const struct el_probe *pr)
{
	if (pr->u.timer.hz)
		return xasprintf("NSEC_PER_SEC / %" PRId64, pr->u.timer.hz);
	if (pr->u.timer.jiffies)
		return xasprintf("%" PRId64 "ULL * (NSEC_PER_SEC / HZ)",
				 pr->u.timer.period_ns);
	return xasprintf("%" PRId64 "ULL", pr->u.timer.period_ns);
}

void cg_probes_timer(struct cg *g)
{
	int n = 0;

	profile(g);
	if (!cg_count_kind(g, PROBE_TIMER))
		return;
	emit_line(g->e, "static struct tapc_timer tapc_timers[] = {");
	emit_indent(g->e);
	for (size_t i = 0; i < g->p->probes.n; i++) {
		const struct el_probe *pr = g->p->probes.v[i];
		char *pp, *per;

		if (!is_timer(pr))
			continue;
		pp = cg_cstr(pr->pp, strlen(pr->pp));
		per = period(pr);
		emit_line(g->e, "{ .period_ns = %s, .rand_ns = %" PRId64 ", .pp = %s },",
			  per, pr->u.timer.randomize_ns, pp);
		free(pp);
		free(per);
	}
	emit_outdent(g->e);
	emit_line(g->e, "};");
	emit_blank(g->e);
	emit_line(g->e, "static enum hrtimer_restart tapc_timer_fn(struct hrtimer *t)");
	emit_line(g->e, "{");
	emit_indent(g->e);
	emit_line(g->e, "struct tapc_timer *tt = container_of(t, struct tapc_timer, t);");
	emit_line(g->e, "struct tapc_ctx *c;");
	emit_blank(g->e);
	emit_line(g->e, "hrtimer_forward_now(t, ns_to_ktime(tapc_timer_next(tt)));");
	emit_line(g->e, "c = tapc_ctx_enter(TAPC_RUNNING);");
	emit_line(g->e, "if (!c)");
	emit_indent(g->e);
	emit_line(g->e, "return HRTIMER_RESTART;");
	emit_outdent(g->e);
	emit_line(g->e, "c->pp = tt->pp;");
	emit_line(g->e, "c->regs = get_irq_regs();");
	emit_line(g->e, "switch (tt - tapc_timers) {");
	for (size_t i = 0; i < g->p->probes.n; i++) {
		const struct el_probe *pr = g->p->probes.v[i];

		if (!is_timer(pr))
			continue;
		emit_line(g->e, "case %d:", n++);
		emit_indent(g->e);
		emit_line(g->e, "tapc_probe_%d(c);", pr->index);
		emit_line(g->e, "break;");
		emit_outdent(g->e);
	}
	emit_line(g->e, "}");
	emit_line(g->e, "tapc_ctx_leave(c);");
	emit_line(g->e, "return HRTIMER_RESTART;");
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);
}
