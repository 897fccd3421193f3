/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stat.h - aggregates (<<<) and their extractors.
 *
 * A scalar aggregate is per-CPU: v <<< x touches only this CPU's
 * struct tapc_stat, under the global's lock in read (shared) mode.
 * Extractors (@count, @hist_log, ...) merge all CPUs under the write lock.
 * The histogram kind of an aggregate is fixed at translate time by the
 * extractors the script uses (struct tapc_stat_desc).
 */
#ifndef TAPC_STAT_H
#define TAPC_STAT_H

enum tapc_hist_kind { TAPC_HIST_NONE, TAPC_HIST_LOG, TAPC_HIST_LINEAR };
enum tapc_stat_op {
	TAPC_STAT_COUNT, TAPC_STAT_SUM, TAPC_STAT_MIN, TAPC_STAT_MAX,
	TAPC_STAT_AVG, TAPC_STAT_VARIANCE,
};

#define TAPC_HIST_LOG_NB 129	/* -2^63 .. -1, 0, 1 .. 2^63 */

struct tapc_stat_desc {
	enum tapc_hist_kind kind;
	int64_t lo, hi, step;	/* linear only */
	int nb;			/* buckets (linear: + underflow + overflow) */
};

struct tapc_stat {
	int64_t count, sum, min, max, sumsq;
	int64_t hist[];
};

static inline size_t tapc_stat_size(const struct tapc_stat_desc *d)
{
	return sizeof(struct tapc_stat) + d->nb * sizeof(int64_t);
}

void tapc_stat_add(struct tapc_stat *s, const struct tapc_stat_desc *d,
		   int64_t v);
void tapc_stat_merge(struct tapc_stat *dst, const struct tapc_stat *src,
		     const struct tapc_stat_desc *d);
void tapc_stat_clear(struct tapc_stat *s, const struct tapc_stat_desc *d);
/* @count..@variance; min/max/avg/variance of an empty stat are errors
 * that the generated code reports before calling this. */
int64_t tapc_stat_get(const struct tapc_stat *s, enum tapc_stat_op op);
/* print(@hist_log(x)) / print(@hist_linear(...)) in stap's ASCII layout */
void tapc_stat_print_hist(struct tapc_out *o, const struct tapc_stat *s,
			  const struct tapc_stat_desc *d);

/* A scalar aggregate global. */
struct tapc_agg {
	const struct tapc_stat_desc *d;
	void __percpu *pcpu;		/* struct tapc_stat per CPU */
	struct tapc_stat *merged;	/* extraction result */
};

int tapc_agg_init(struct tapc_agg *a, const struct tapc_stat_desc *d);
void tapc_agg_free(struct tapc_agg *a);
void tapc_agg_clear(struct tapc_agg *a);
struct tapc_stat *tapc_agg_merge(struct tapc_agg *a);

static __always_inline void tapc_agg_add(struct tapc_agg *a, int64_t v)
{
	tapc_stat_add(raw_cpu_ptr(a->pcpu), a->d, v);	/* see tapc_pmap_add */
}

#endif
