// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probes_builtin.c - the probe families built into tapc:
 *
 *   begin, end, error, never              (optional numeric priority arg)
 *   timer.s(N) .ms(N) .us(N) .ns(N) .hz(N) .jiffies(N) [.randomize(M)]
 *   timer.profile
 *   kernel.*, module(...).*               -> probes_kernel.c
 */
#include <inttypes.h>
#include <string.h>

#include "probes.h"

static const char *const families[] = {
	"begin", "end", "error", "never", "timer", "kernel", "module",
};

bool pr_builtin_known(const char *first)
{
	size_t i;

	for (i = 0; i < sizeof(families) / sizeof(*families); i++)
		if (!strcmp(first, families[i]))
			return true;
	return false;
}

static bool num_arg(const struct pr_point *pt, size_t i, int64_t *out)
{
	const struct ast_node *a = pt->comps.v[i].arg;

	if (!a || a->kind != AST_NUM)
		return false;
	*out = a->u.num.value;
	return true;
}

static int expand_simple(struct el_ctx *c, struct pr_point *pt,
			 enum el_probe_kind kind)
{
	const char *name = pt->comps.v[0].name;
	int64_t prio = 0;
	struct el_probe *p;

	if (pt->comps.n != 1 ||
	    (pt->comps.v[0].arg && !num_arg(pt, 0, &prio))) {
		diag_emit(pr_error(pt, "'%s' takes no components and at most a "
				   "numeric priority, as in %s or %s(-1)",
				   name, name, name));
		return 0;
	}
	p = pr_add(c, pt, kind, pt->comps.v[0].arg ?
		   xasprintf("%s(%" PRId64 ")", name, prio) : name);
	p->priority = prio;
	return 1;
}

struct timer_unit {
	const char *name;
	int64_t ns;		/* ns per unit; 0 for hz/jiffies */
};

static const struct timer_unit units[] = {
	{ "s", 1000000000LL }, { "sec", 1000000000LL },
	{ "ms", 1000000LL }, { "msec", 1000000LL },
	{ "us", 1000LL }, { "usec", 1000LL },
	{ "ns", 1LL }, { "nsec", 1LL },
	{ "hz", 0 }, { "jiffies", 0 },
};

static int expand_timer(struct el_ctx *c, struct pr_point *pt)
{
	const struct timer_unit *u = NULL;
	struct el_probe *p;
	struct strbuf pp;
	int64_t n, r = 0;
	size_t i;

	if (pt->comps.n == 2 && !strcmp(pt->comps.v[1].name, "profile") &&
	    !pt->comps.v[1].arg) {
		pr_add(c, pt, PROBE_PROFILE, "timer.profile");
		return 1;
	}
	if (pt->comps.n >= 2)
		for (i = 0; i < sizeof(units) / sizeof(*units); i++)
			if (!strcmp(pt->comps.v[1].name, units[i].name))
				u = &units[i];
	if (!u || !num_arg(pt, 1, &n) || n <= 0 || pt->comps.n > 3 ||
	    (pt->comps.n == 3 && (strcmp(pt->comps.v[2].name, "randomize") ||
				  !num_arg(pt, 2, &r) || r < 0))) {
		struct diag *d = pr_error(pt, "malformed timer probe point");

		diag_hint(d, "use timer.s(N), timer.ms(N), timer.us(N), "
			  "timer.ns(N), timer.hz(N), timer.jiffies(N) with N > 0, "
			  "optionally followed by .randomize(M), or timer.profile");
		diag_emit(d);
		return 0;
	}
	sb_init(&pp);
	pr_point_str(pt, 0, &pp);
	p = pr_add(c, pt, PROBE_TIMER, sb_steal(&pp));
	if (!strcmp(u->name, "hz")) {
		p->u.timer.hz = n;
		p->u.timer.period_ns = 1000000000LL / n;
	} else if (!strcmp(u->name, "jiffies")) {
		p->u.timer.jiffies = true;
		p->u.timer.period_ns = n;
	} else {
		p->u.timer.period_ns = n * u->ns;
		r *= u->ns;
	}
	p->u.timer.randomize_ns = r;
	if (p->u.timer.period_ns < 100000 && !p->u.timer.jiffies)
		diag_warn(pt->chain.v[0].loc, "timer period %lld ns is below "
			  "100 us; it will be raised to 100 us",
			  (long long)p->u.timer.period_ns);
	return 1;
}

int pr_builtin_expand(struct el_ctx *c, struct pr_point *pt)
{
	const char *first = pt->comps.v[0].name;

	if (!strcmp(first, "begin"))
		return expand_simple(c, pt, PROBE_BEGIN);
	if (!strcmp(first, "end"))
		return expand_simple(c, pt, PROBE_END);
	if (!strcmp(first, "error"))
		return expand_simple(c, pt, PROBE_ERROR);
	if (!strcmp(first, "never"))
		return expand_simple(c, pt, PROBE_NEVER);
	if (!strcmp(first, "timer"))
		return expand_timer(c, pt);
	return pr_kernel_expand(c, pt);
}
