// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stat.c - aggregate accumulators and histogram printing (see stat.h).
 */

static int tapc_hist_bucket(const struct tapc_stat_desc *d, int64_t v)
{
	if (d->kind == TAPC_HIST_LOG) {
		if (v == 0)
			return 64;
		if (v > 0)
			return 64 + fls64((u64)v);
		return 64 - fls64(-(u64)v);
	}
	if (v < d->lo)
		return 0;
	if (v >= d->lo + (int64_t)(d->nb - 2) * d->step)
		return d->nb - 1;
	return 1 + div64_s64(v - d->lo, d->step);
}

void tapc_stat_add(struct tapc_stat *s, const struct tapc_stat_desc *d,
		   int64_t v)
{
	if (s->count == 0 || v < s->min)
		s->min = v;
	if (s->count == 0 || v > s->max)
		s->max = v;
	s->count++;
	s->sum += v;
	s->sumsq += v * v;
	if (d->kind != TAPC_HIST_NONE)
		s->hist[tapc_hist_bucket(d, v)]++;
}

void tapc_stat_merge(struct tapc_stat *dst, const struct tapc_stat *src,
		     const struct tapc_stat_desc *d)
{
	int i;

	if (!src->count)
		return;
	if (dst->count == 0 || src->min < dst->min)
		dst->min = src->min;
	if (dst->count == 0 || src->max > dst->max)
		dst->max = src->max;
	dst->count += src->count;
	dst->sum += src->sum;
	dst->sumsq += src->sumsq;
	for (i = 0; i < d->nb; i++)
		dst->hist[i] += src->hist[i];
}

void tapc_stat_clear(struct tapc_stat *s, const struct tapc_stat_desc *d)
{
	memset(s, 0, tapc_stat_size(d));
}

int64_t tapc_stat_get(const struct tapc_stat *s, enum tapc_stat_op op)
{
	int64_t n = s->count;

	switch (op) {
	case TAPC_STAT_COUNT: return n;
	case TAPC_STAT_SUM: return s->sum;
	case TAPC_STAT_MIN: return s->min;
	case TAPC_STAT_MAX: return s->max;
	case TAPC_STAT_AVG: return n ? div64_s64(s->sum, n) : 0;
	case TAPC_STAT_VARIANCE:
		/* sample variance: (n*sumsq - sum^2) / (n*(n-1)) */
		if (n < 2)
			return 0;
		return div64_s64(n * s->sumsq - s->sum * s->sum, n * (n - 1));
	}
	return 0;
}

static int64_t tapc_hist_label(const struct tapc_stat_desc *d, int i)
{
	if (d->kind == TAPC_HIST_LOG) {
		if (i == 64)
			return 0;
		if (i > 64)
			return (int64_t)(1ULL << (i - 65));
		return -(int64_t)(1ULL << (63 - i));
	}
	return d->lo + (int64_t)(i - 1) * d->step;
}

static int tapc_digits(int64_t v)
{
	char tmp[24];

	return snprintf(tmp, sizeof(tmp), "%lld", (long long)v);
}

static void tapc_hist_row(struct tapc_out *o, const char *label, int64_t lv,
			  int lw, int64_t cnt, int64_t maxcnt)
{
	int bar = maxcnt ? div64_s64(cnt * 50, maxcnt) : 0;

	if (label)
		tapc_fmt_str(o, label, 0, lw, -1);
	else
		tapc_fmt_long(o, lv, 0, lw, -1, 'd');
	tapc_out_puts(o, " |");
	tapc_out_pad(o, '@', bar);
	tapc_out_pad(o, ' ', 50 - bar);
	tapc_out_putc(o, ' ');
	tapc_out_dec(o, cnt);
	tapc_out_putc(o, '\n');
}

void tapc_stat_print_hist(struct tapc_out *o, const struct tapc_stat *s,
			  const struct tapc_stat_desc *d)
{
	int i, first = -1, last = -1, lo, hi, lw = 5, zrun = 0;
	bool lin = d->kind == TAPC_HIST_LINEAR;
	int in_lo = lin ? 1 : 0, in_hi = lin ? d->nb - 2 : d->nb - 1;
	int64_t maxcnt = 0;

	if (d->kind == TAPC_HIST_NONE)
		return;
	for (i = in_lo; i <= in_hi; i++) {
		if (s->hist[i]) {
			if (first < 0)
				first = i;
			last = i;
		}
		if (s->hist[i] > maxcnt)
			maxcnt = s->hist[i];
	}
	if (lin) {
		maxcnt = max(maxcnt, max(s->hist[0], s->hist[d->nb - 1]));
		if (s->hist[0] || s->hist[d->nb - 1])
			lw = max(lw, 1 + max(tapc_digits(d->lo),
					     tapc_digits(d->hi)));
	}
	if (first < 0) {
		if (!lin || (!s->hist[0] && !s->hist[d->nb - 1])) {
			tapc_out_puts(o, "value |------------------------------"
				      "-------------------- count\n");
			return;
		}
		first = last = in_lo;
	}
	lo = max(in_lo, first - HIST_ELISION);
	hi = min(in_hi, last + HIST_ELISION);
	for (i = lo; i <= hi; i++)
		lw = max(lw, tapc_digits(tapc_hist_label(d, i)));
	tapc_out_pad(o, ' ', lw - 5);
	tapc_out_puts(o, "value |--------------------------------------------"
		      "------ count\n");
	if (lin && s->hist[0])
		tapc_hist_row(o, "<", 0, lw, s->hist[0], maxcnt);
	for (i = lo; i <= hi; i++) {
		if (!s->hist[i] && i > first && i < last) {
			/* elide long runs of empty rows with one '~' */
			int j = i;

			while (j <= hi && !s->hist[j])
				j++;
			zrun = j - i;
			if (zrun > 2 * HIST_ELISION && HIST_ELISION >= 0) {
				int k;

				for (k = 0; k < HIST_ELISION; k++)
					tapc_hist_row(o, NULL,
						      tapc_hist_label(d, i + k),
						      lw, 0, maxcnt);
				tapc_fmt_str(o, "~", 0, lw, -1);
				tapc_out_putc(o, '\n');
				for (k = j - HIST_ELISION; k < j; k++)
					tapc_hist_row(o, NULL,
						      tapc_hist_label(d, k),
						      lw, 0, maxcnt);
				i = j - 1;
				continue;
			}
		}
		tapc_hist_row(o, NULL, tapc_hist_label(d, i), lw, s->hist[i],
			      maxcnt);
	}
	if (lin && s->hist[d->nb - 1])
		tapc_hist_row(o, ">", 0, lw, s->hist[d->nb - 1], maxcnt);
	tapc_out_putc(o, '\n');
}

int tapc_agg_init(struct tapc_agg *a, const struct tapc_stat_desc *d)
{
	a->d = d;
	a->pcpu = __alloc_percpu(tapc_stat_size(d), sizeof(int64_t));
	a->merged = kzalloc(tapc_stat_size(d), GFP_KERNEL);
	if (!a->pcpu || !a->merged) {
		tapc_agg_free(a);
		return -ENOMEM;
	}
	return 0;
}

void tapc_agg_free(struct tapc_agg *a)
{
	free_percpu(a->pcpu);
	kfree(a->merged);
	a->pcpu = NULL;
	a->merged = NULL;
}

void tapc_agg_clear(struct tapc_agg *a)
{
	int cpu;

	for_each_possible_cpu(cpu)
		tapc_stat_clear(per_cpu_ptr(a->pcpu, cpu), a->d);
}

struct tapc_stat *tapc_agg_merge(struct tapc_agg *a)
{
	int cpu;

	tapc_stat_clear(a->merged, a->d);
	for_each_possible_cpu(cpu)
		tapc_stat_merge(a->merged, per_cpu_ptr(a->pcpu, cpu), a->d);
	return a->merged;
}
