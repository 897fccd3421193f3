/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tapc_probes.h - registration helpers for the probe families.
 *
 * The generated tapc_gen_start() arms families in order (kprobes,
 * kretprobes, timers, tracepoints) with these and unwinds in reverse with
 * labelled gotos.  Each helper arms a whole table; on a failure of a
 * non-optional entry it disarms what it armed and returns -errno (after
 * tapc_session_error()); optional entries that fail are only warned about.
 */
#ifndef TAPC_LINUX_PROBES_H
#define TAPC_LINUX_PROBES_H

struct tapc_kprobe {
	struct kprobe kp;	/* symbol_name, offset, pre_handler set */
	const char *pp;
	bool optional;
	bool armed;
};

struct tapc_kretprobe {
	struct kretprobe rp;	/* kp.symbol_name, handler, entry_handler,
				 * data_size, maxactive set */
	const char *pp;
	bool optional;
	bool armed;
};

struct tapc_timer {
	struct hrtimer t;
	u64 period_ns;
	u64 rand_ns;		/* +/- jitter, 0 = none */
	const char *pp;
	bool armed;
};

/* timer.profile: one pinned hrtimer per CPU (online at start), each
 * firing every period_ns on its own CPU; fn runs every timer.profile
 * probe.  CPUs brought online later are not sampled. */
struct tapc_profile {
	struct hrtimer __percpu *t;
	u64 period_ns;
	bool armed;
};

struct tapc_tracepoint {
	const char *name;	/* event name, e.g. "sched_process_fork" */
	void *fn;		/* callback (void *data, unsigned long...) */
	const char *pp;
	bool optional;
	struct tracepoint *tp;	/* found and registered */
};

int tapc_kprobes_register(struct tapc_kprobe *t, int n);
void tapc_kprobes_unregister(struct tapc_kprobe *t, int n);
unsigned long tapc_kprobes_missed(struct tapc_kprobe *t, int n);

int tapc_kretprobes_register(struct tapc_kretprobe *t, int n);
void tapc_kretprobes_unregister(struct tapc_kretprobe *t, int n);
unsigned long tapc_kretprobes_missed(struct tapc_kretprobe *t, int n);
/* default maxactive: max(20, 2 * num_possible_cpus()) */
int tapc_kretprobe_default_maxactive(void);

int tapc_timers_start(struct tapc_timer *t, int n,
		      enum hrtimer_restart (*fn)(struct hrtimer *));
void tapc_timers_stop(struct tapc_timer *t, int n);
/* Next expiry: period +/- jitter. Call from the timer callback. */
u64 tapc_timer_next(struct tapc_timer *t);

int tapc_profile_start(struct tapc_profile *p,
		       enum hrtimer_restart (*fn)(struct hrtimer *));
void tapc_profile_stop(struct tapc_profile *p);

int tapc_tracepoints_register(struct tapc_tracepoint *t, int n);
void tapc_tracepoints_unregister(struct tapc_tracepoint *t, int n);

#endif
