// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapc_timers.c - hrtimer-based timer.* probes (see tapc_probes.h).
 */

u64 tapc_timer_next(struct tapc_timer *t)
{
	u64 ns = t->period_ns;

	if (t->rand_ns) {
		u64 r = get_random_u32() % (2 * t->rand_ns + 1);

		ns = ns + r > t->rand_ns ? ns + r - t->rand_ns : 1000;
	}
	return ns;
}

int tapc_timers_start(struct tapc_timer *t, int n,
		      enum hrtimer_restart (*fn)(struct hrtimer *))
{
	int i;

	for (i = 0; i < n; i++) {
		hrtimer_init(&t[i].t, CLOCK_MONOTONIC, TAPC_HRTIMER_MODE);
		t[i].t.function = fn;
		hrtimer_start(&t[i].t, ns_to_ktime(tapc_timer_next(&t[i])),
			      TAPC_HRTIMER_MODE);
		t[i].armed = true;
	}
	return 0;
}

void tapc_timers_stop(struct tapc_timer *t, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (t[i].armed)
			hrtimer_cancel(&t[i].t);	/* waits for the callback */
		t[i].armed = false;
	}
}
