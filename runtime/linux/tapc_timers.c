// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapc_timers.c - hrtimer-based timer.* probes (see tapc_probes.h).
 *
 * timer.s/ms/...: one hrtimer each, on whatever CPU it was started.
 * timer.profile: a pinned hrtimer per CPU, so every CPU is sampled (as
 * stap's timer.profile fires on every CPU); each is started on its own
 * CPU by an IPI (on_each_cpu), because a pinned hrtimer stays on the
 * CPU that starts it.
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

static void tapc_profile_start_here(void *arg)
{
	struct tapc_profile *p = arg;

	hrtimer_start(this_cpu_ptr(p->t), ns_to_ktime(p->period_ns),
		      TAPC_HRTIMER_PINNED);
}

/* Process context. */
int tapc_profile_start(struct tapc_profile *p,
		       enum hrtimer_restart (*fn)(struct hrtimer *))
{
	int cpu;

	p->t = alloc_percpu(struct hrtimer);
	if (!p->t) {
		tapc_session_error("cannot allocate the timer.profile timers");
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		struct hrtimer *t = per_cpu_ptr(p->t, cpu);

		hrtimer_init(t, CLOCK_MONOTONIC, TAPC_HRTIMER_PINNED);
		t->function = fn;
	}
	cpus_read_lock();
	on_each_cpu(tapc_profile_start_here, p, 1);
	cpus_read_unlock();
	p->armed = true;
	return 0;
}

void tapc_profile_stop(struct tapc_profile *p)
{
	int cpu;

	if (!p->armed)
		return;
	for_each_possible_cpu(cpu)
		hrtimer_cancel(per_cpu_ptr(p->t, cpu));	/* waits for it */
	free_percpu(p->t);
	p->t = NULL;
	p->armed = false;
}
