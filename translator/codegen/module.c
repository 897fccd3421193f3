// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * module.c - the tapc_gen_* hooks called by runtime/module.c and
 * runtime/session.c (see runtime/session.h): allocation of contexts and
 * globals, arming and disarming the probe families in order, nmissed.
 * Failures unwind in reverse through labels named after what they undo.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

static uint32_t strmask(const struct el_sym *s)
{
	uint32_t m = 0;

	for (int i = 0; i < s->arity; i++)
		if (s->key_types[i] == TYPE_STRING)
			m |= 1u << i;
	return m;
}

static char *cap(const struct el_sym *s)
{
	return s->max_entries ? xasprintf("%" PRId64, s->max_entries) :
				xstrdup("MAXMAPENTRIES");
}

static bool needs_alloc(const struct el_sym *s)
{
	return s->arity || s->type == TYPE_STATS;
}

static void gen_init(struct cg *g)
{
	const char *prev = "ctx";
	char *lbl;

	emit_line(g->e, "int tapc_gen_init(void)");
	emit_line(g->e, "{");
	emit_indent(g->e);
	emit_line(g->e, "int rc;");
	emit_blank(g->e);
	emit_line(g->e, "rc = tapc_ctx_alloc(sizeof(union tapc_locals), "
		  "MAXNESTING * TAPC_FRAME_SIZE);");
	emit_line(g->e, "if (rc)");
	emit_indent(g->e);
	emit_line(g->e, "return rc;");
	emit_outdent(g->e);
	for (size_t i = 0; i < g->p->globals.n; i++) {
		const struct el_sym *s = g->p->globals.v[i];
		const char *gv = cg_gname(s);
		char *c = cap(s), *nm = cg_cstr(s->name, strlen(s->name));

		if (!needs_alloc(s)) {
			free(c);
			free(nm);
			continue;
		}
		if (s->type == TYPE_STATS && !s->arity) {
			emit_line(g->e, "rc = tapc_agg_init(&%s, &gsd_%s);", gv,
				  s->cname);
			emit_line(g->e, "if (rc)");
		} else if (s->type == TYPE_STATS) {
			emit_line(g->e, "rc = tapc_pmap_init(&%s, %s, %d, 0x%x, &gsd_%s, %s);",
				  gv, nm, s->arity, strmask(s), s->cname, c);
			emit_line(g->e, "if (rc)");
		} else {
			emit_line(g->e, "%s = tapc_map_new(%s, %d, 0x%x, %s, NULL, %s, %s);",
				  gv, nm, s->arity, strmask(s),
				  s->type == TYPE_STRING ? "TAPC_V_STR" : "TAPC_V_LONG",
				  c, s->wrap ? "true" : "false");
			emit_line(g->e, "rc = %s ? 0 : -ENOMEM;", gv);
			emit_line(g->e, "if (rc)");
		}
		emit_indent(g->e);
		emit_line(g->e, "goto out_free_%s;", prev);
		emit_outdent(g->e);
		prev = s->cname;
		free(c);
		free(nm);
	}
	emit_line(g->e, "return 0;");
	emit_blank(g->e);
	/* unwind: out_free_<x> frees x and everything before it */
	for (size_t i = g->p->globals.n; i-- > 0;) {
		const struct el_sym *s = g->p->globals.v[i];
		bool later = false;

		if (!needs_alloc(s))
			continue;
		for (size_t j = i + 1; j < g->p->globals.n; j++)
			later |= needs_alloc(g->p->globals.v[j]);
		if (!later)
			continue;	/* the last one never needs freeing */
		lbl = xasprintf("out_free_%s", s->cname);
		emit_label(g->e, lbl);
		free(lbl);
		if (s->type == TYPE_STATS && !s->arity)
			emit_line(g->e, "tapc_agg_free(&%s);", cg_gname(s));
		else if (s->type == TYPE_STATS)
			emit_line(g->e, "tapc_pmap_free(&%s);", cg_gname(s));
		else
			emit_line(g->e, "tapc_map_free(%s);", cg_gname(s));
	}
	emit_label(g->e, "out_free_ctx");
	emit_line(g->e, "tapc_ctx_free();");
	emit_line(g->e, "return rc;");
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);
}

static void gen_exit(struct cg *g)
{
	emit_line(g->e, "void tapc_gen_exit(void)");
	emit_line(g->e, "{");
	emit_indent(g->e);
	for (size_t i = g->p->globals.n; i-- > 0;) {
		const struct el_sym *s = g->p->globals.v[i];

		if (!needs_alloc(s))
			continue;
		if (s->type == TYPE_STATS && !s->arity)
			emit_line(g->e, "tapc_agg_free(&%s);", cg_gname(s));
		else if (s->type == TYPE_STATS)
			emit_line(g->e, "tapc_pmap_free(&%s);", cg_gname(s));
		else
			emit_line(g->e, "tapc_map_free(%s);", cg_gname(s));
	}
	emit_line(g->e, "tapc_ctx_free();");
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);
}

struct family {
	const char *arm, *disarm, *label, *missed;
};

static void gen_start_stop(struct cg *g)
{
	struct family fam[5];
	int n = 0;

	if (cg_count_kind(g, PROBE_KPROBE))
		fam[n++] = (struct family){
			"tapc_kprobes_register(tapc_kprobes, ARRAY_SIZE(tapc_kprobes))",
			"tapc_kprobes_unregister(tapc_kprobes, ARRAY_SIZE(tapc_kprobes))",
			"out_unregister_kprobes",
			"tapc_kprobes_missed(tapc_kprobes, ARRAY_SIZE(tapc_kprobes))" };
	if (cg_count_kind(g, PROBE_KRETPROBE))
		fam[n++] = (struct family){
			"tapc_kretprobes_register(tapc_kretprobes, ARRAY_SIZE(tapc_kretprobes))",
			"tapc_kretprobes_unregister(tapc_kretprobes, ARRAY_SIZE(tapc_kretprobes))",
			"out_unregister_kretprobes",
			"tapc_kretprobes_missed(tapc_kretprobes, ARRAY_SIZE(tapc_kretprobes))" };
	if (cg_count_kind(g, PROBE_PROFILE))
		fam[n++] = (struct family){
			"tapc_profile_start(&tapc_profile, tapc_profile_fn)",
			"tapc_profile_stop(&tapc_profile)",
			"out_stop_profile", NULL };
	if (cg_count_kind(g, PROBE_TIMER))
		fam[n++] = (struct family){
			"tapc_timers_start(tapc_timers, ARRAY_SIZE(tapc_timers), tapc_timer_fn)",
			"tapc_timers_stop(tapc_timers, ARRAY_SIZE(tapc_timers))",
			"out_stop_timers", NULL };
	if (cg_count_kind(g, PROBE_TRACEPOINT))
		fam[n++] = (struct family){
			"tapc_tracepoints_register(tapc_tracepoints, ARRAY_SIZE(tapc_tracepoints))",
			"tapc_tracepoints_unregister(tapc_tracepoints, ARRAY_SIZE(tapc_tracepoints))",
			"out_unregister_tracepoints", NULL };

	emit_line(g->e, "int tapc_gen_start(void)");
	emit_line(g->e, "{");
	emit_indent(g->e);
	if (n) {
		emit_line(g->e, "int rc = 0;");
		emit_blank(g->e);
	}
	emit_line(g->e, "tapc_run_begin();");
	for (int i = 0; i < n; i++) {
		emit_line(g->e, "rc = %s;", fam[i].arm);
		emit_line(g->e, "if (rc)");
		emit_indent(g->e);
		emit_line(g->e, "goto %s;", i ? fam[i - 1].label : "out");
		emit_outdent(g->e);
	}
	emit_line(g->e, "return 0;");
	if (n > 1)
		emit_blank(g->e);
	for (int i = n - 1; i-- > 0;) {
		emit_label(g->e, fam[i].label);
		emit_line(g->e, "%s;", fam[i].disarm);
	}
	if (n) {
		emit_label(g->e, "out");
		emit_line(g->e, "return rc;");
	}
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);

	emit_line(g->e, "void tapc_gen_stop(void)");
	emit_line(g->e, "{");
	emit_indent(g->e);
	for (int i = n; i-- > 0;)
		emit_line(g->e, "%s;", fam[i].disarm);
	emit_line(g->e, "if (tapc_session_failed())");
	emit_indent(g->e);
	emit_line(g->e, "tapc_run_error();");
	emit_outdent(g->e);
	emit_line(g->e, "else");
	emit_indent(g->e);
	emit_line(g->e, "tapc_run_end();");
	emit_outdent(g->e);
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);

	emit_line(g->e, "unsigned long tapc_gen_missed(void)");
	emit_line(g->e, "{");
	emit_indent(g->e);
	emit_line(g->e, "unsigned long n = 0;");
	emit_blank(g->e);
	for (int i = 0; i < n; i++)
		if (fam[i].missed)
			emit_line(g->e, "n += %s;", fam[i].missed);
	emit_line(g->e, "return n;");
	emit_outdent(g->e);
	emit_line(g->e, "}");
	emit_blank(g->e);
}

void cg_module_hooks(struct cg *g)
{
	char *nm = cg_cstr(g->o->module_name, strlen(g->o->module_name));

	emit_line(g->e, "const char tapc_gen_module_name[] = %s;", nm);
	emit_blank(g->e);
	free(nm);
	gen_init(g);
	gen_exit(g);
	gen_start_stop(g);
}
