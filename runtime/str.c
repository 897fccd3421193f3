// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * str.c - bounded string helpers (see str.h).
 */

char *tapc_concat(char *dst, const char *a, const char *b)
{
	size_t la = strnlen(a, MAXSTRINGLEN - 1);
	size_t lb = strnlen(b, MAXSTRINGLEN - 1);

	if (la + lb > MAXSTRINGLEN - 1)
		lb = MAXSTRINGLEN - 1 - la;
	/* b first: writing a may clobber b when they overlap dst */
	memmove(dst + la, b, lb);
	if (dst != a)
		memmove(dst, a, la);
	dst[la + lb] = '\0';
	return dst;
}

char *tapc_ltoa(char *dst, int64_t v)
{
	snprintf(dst, MAXSTRINGLEN, "%lld", (long long)v);
	return dst;
}

char *tapc_substr(char *dst, const char *s, int64_t start, int64_t len)
{
	int64_t sl = strnlen(s, MAXSTRINGLEN - 1);

	if (start < 0 || start >= sl || len <= 0) {
		dst[0] = '\0';
		return dst;
	}
	if (len > sl - start)
		len = sl - start;
	memmove(dst, s + start, len);
	dst[len] = '\0';
	return dst;
}

int64_t tapc_strtol(const char *s, int64_t base)
{
	long long v = 0;
	bool neg = false;
	int d;

	if (base != 0 && (base < 2 || base > 36))
		return 0;
	while (isspace(*s))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X') && isxdigit(s[2])) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	for (;; s++) {
		if (isdigit(*s))
			d = *s - '0';
		else if (isalpha(*s))
			d = tolower(*s) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	return neg ? -v : v;
}

/* ---- regex ---- */

/*
 * A backtracking matcher that works on the pattern text (no compile step,
 * no allocation).  Recursion happens only at quantified atoms, groups and
 * group iterations, never per plain character, and is bounded by
 * TAPC_RE_DEPTH (kernel stacks are small) and by TAPC_RE_STEPS.
 * Semantics are leftmost-first (Perl-like); captures are those of the
 * successful path.
 */
#define TAPC_RE_STEPS	100000
#define TAPC_RE_DEPTH	32

struct tapc_re_k;

struct tapc_re_m {
	const char *subject;
	const char *pat;
	const char *cap[TAPC_RE_NSUB][2];
	int ngroups;		/* '(' in the pattern, capped at NSUB - 1 */
	long steps;
	int depth;
};

/* What to match after a group's body: another iteration, or the rest. */
struct tapc_re_k {
	const char *gp, *gend;		/* the group body */
	const char *rest, *end;		/* what follows the group */
	const char *istart;		/* where this iteration began */
	struct tapc_re_k *next;		/* the enclosing continuation */
	int gi, min, max, count;
};

static int tapc_re_seq(struct tapc_re_m *m, const char *p, const char *end,
		       const char *s, struct tapc_re_k *k);
static int tapc_re_branch(struct tapc_re_m *m, const char *p,
			  const char *end, const char *s, struct tapc_re_k *k);

/* Length of a [class] at p (up to end). */
static int tapc_re_classlen(const char *p, const char *end)
{
	const char *q = p + 1;

	if (q < end && *q == '^')
		q++;
	if (q < end && *q == ']')
		q++;
	while (q < end && *q != ']')
		q++;
	return q < end ? q - p + 1 : end - p;
}

/* Length of the atom at p: a char, '.', \x, [class] or (group). */
static int tapc_re_atomlen(const char *p, const char *end)
{
	const char *q;
	int depth = 0;

	if (*p == '\\' && p + 1 < end)
		return 2;
	if (*p == '[')
		return tapc_re_classlen(p, end);
	if (*p != '(')
		return 1;
	for (q = p; q < end; q++) {
		if (*q == '\\' && q + 1 < end)
			q++;
		else if (*q == '[')
			q += tapc_re_classlen(q, end) - 1;
		else if (*q == '(')
			depth++;
		else if (*q == ')' && !--depth)
			return q - p + 1;
	}
	return end - p;
}

static bool tapc_re_class_has(const char *q, const char *e, char ch)
{
	for (; q < e; q++) {
		if (q + 2 < e && q[1] == '-') {
			if (ch >= q[0] && ch <= q[2])
				return true;
			q += 2;
		} else if (*q == ch) {
			return true;
		}
	}
	return false;
}

static bool tapc_re_esc(char e, char ch)
{
	switch (e) {
	case 'd': return ch >= '0' && ch <= '9';
	case 'D': return !(ch >= '0' && ch <= '9');
	case 's': return ch == ' ' || (ch >= '\t' && ch <= '\r');
	case 'S': return !(ch == ' ' || (ch >= '\t' && ch <= '\r'));
	case 'w': return isalnum(ch) || ch == '_';
	case 'W': return !(isalnum(ch) || ch == '_');
	case 'n': return ch == '\n';
	case 't': return ch == '\t';
	default: return e == ch;
	}
}

/* Does the simple atom [p, p + n) match ch (never the NUL)? */
static bool tapc_re_atom(const char *p, int n, char ch)
{
	bool neg;

	if (!ch)
		return false;
	if (*p == '\\' && n == 2)
		return tapc_re_esc(p[1], ch);
	if (*p != '[' || n < 2)
		return *p == '.' ? true : *p == ch;
	neg = p[1] == '^';
	return tapc_re_class_has(p + 1 + neg, p + n - 1, ch) != neg;
}

/* Quantifier at q: sets min/max, returns its length (0: none). */
static int tapc_re_quant(const char *q, const char *end, int *min, int *max)
{
	const char *t = q + 1;
	int a = 0, b;

	*min = 1;
	*max = 1;
	if (q >= end)
		return 0;
	switch (*q) {
	case '*': *min = 0; *max = INT_MAX; return 1;
	case '+': *min = 1; *max = INT_MAX; return 1;
	case '?': *min = 0; *max = 1; return 1;
	case '{': break;
	default: return 0;
	}
	if (t >= end || !isdigit(*t))
		return 0;		/* a literal '{' */
	while (t < end && isdigit(*t))
		a = a * 10 + (*t++ - '0');
	b = a;
	if (t < end && *t == ',') {
		t++;
		b = INT_MAX;
		if (t < end && isdigit(*t))
			for (b = 0; t < end && isdigit(*t); t++)
				b = b * 10 + (*t - '0');
	}
	if (t >= end || *t != '}' || b < a)
		return 0;
	*min = a;
	*max = b;
	return t + 1 - q;
}

/* Group number of the '(' at p: 1 + the '(' before it. */
static int tapc_re_group_index(const struct tapc_re_m *m, const char *p)
{
	const char *q = m->pat;
	int n = 1;

	while (q < p) {
		if (*q == '\\' && q[1])
			q += 2;
		else if (*q == '[')
			q += tapc_re_classlen(q, q + strlen(q));
		else
			n += *q++ == '(';
	}
	return n;
}

/* The end of a group's body was reached at s. */
static int tapc_re_group_end(struct tapc_re_m *m, struct tapc_re_k *k,
			     const char *s)
{
	const char *old0 = NULL, *old1 = NULL;
	int n = k->count + 1, r;

	if (k->gi < TAPC_RE_NSUB) {
		old0 = m->cap[k->gi][0];
		old1 = m->cap[k->gi][1];
		m->cap[k->gi][0] = k->istart;
		m->cap[k->gi][1] = s;
	}
	if (n < k->max && (s != k->istart || n < k->min)) {
		struct tapc_re_k more = *k;

		more.count = n;
		more.istart = s;
		r = tapc_re_seq(m, k->gp, k->gend, s, &more);
		if (r)
			return r;
	}
	if (n >= k->min) {
		r = tapc_re_branch(m, k->rest, k->end, s, k->next);
		if (r)
			return r;
	}
	if (k->gi < TAPC_RE_NSUB) {
		m->cap[k->gi][0] = old0;
		m->cap[k->gi][1] = old1;
	}
	return 0;
}

/* One alternative [p, end) at s, then the continuation k. */
static int tapc_re_branch(struct tapc_re_m *m, const char *p,
			  const char *end, const char *s, struct tapc_re_k *k)
{
	int n, ql, min, max, cnt, r;
	const char *rest;

	if (++m->steps > TAPC_RE_STEPS || m->depth >= TAPC_RE_DEPTH)
		return -E2BIG;
	for (;;) {
		if (p >= end) {
			if (k)
				break;
			m->cap[0][1] = s;	/* the whole match */
			return 1;
		}
		if (*p == '^') {
			if (s != m->subject)
				return 0;
			p++;
			continue;
		}
		if (*p == '$' ) {
			if (*s)
				return 0;
			p++;
			continue;
		}
		n = tapc_re_atomlen(p, end);
		ql = tapc_re_quant(p + n, end, &min, &max);
		if (*p == '(' || ql)
			goto recurse;
		if (!tapc_re_atom(p, n, *s))
			return 0;
		p += n;
		s++;
	}
	/* end of this alternative inside a group */
	m->depth++;
	r = tapc_re_group_end(m, k, s);
	m->depth--;
	return r;

recurse:
	rest = p + n + ql;
	m->depth++;
	if (*p == '(') {
		struct tapc_re_k g = {
			.gp = p + 1, .gend = p + n - 1, .rest = rest, .end = end,
			.istart = s, .next = k, .min = min, .max = max,
			.gi = tapc_re_group_index(m, p),
		};

		r = max > 0 ? tapc_re_seq(m, g.gp, g.gend, s, &g) : 0;
		if (!r && min == 0)
			r = tapc_re_branch(m, rest, end, s, k);
	} else {
		for (cnt = 0; cnt < max && tapc_re_atom(p, n, s[cnt]); cnt++)
			;
		for (r = 0; cnt >= min; cnt--) {	/* greedy, then back off */
			r = tapc_re_branch(m, rest, end, s + cnt, k);
			if (r)
				break;
		}
	}
	m->depth--;
	return r;
}

/* [p, end) with top-level '|' alternatives, at s. */
static int tapc_re_seq(struct tapc_re_m *m, const char *p, const char *end,
		       const char *s, struct tapc_re_k *k)
{
	const char *q, *start = p;
	int r;

	for (q = p; q <= end; q++) {
		if (q < end && *q == '\\' && q + 1 < end) {
			q++;
		} else if (q < end && (*q == '[' || *q == '(')) {
			q += tapc_re_atomlen(q, end) - 1;
		} else if (q == end || *q == '|') {
			r = tapc_re_branch(m, start, q, s, k);
			if (r)
				return r;
			start = q + 1;
		}
	}
	return 0;
}

/* Match s against pat; on success record the captures in m. */
static int tapc_re_run(struct tapc_re_m *m, const char *s, const char *pat)
{
	const char *end = pat + strnlen(pat, MAXSTRINGLEN), *t = s;
	int r;

	m->subject = s;
	m->pat = pat;
	m->steps = 0;
	m->ngroups = min(tapc_re_group_index(m, end), TAPC_RE_NSUB) - 1;
	do {
		memset(m->cap, 0, sizeof(m->cap));
		m->depth = 0;
		m->cap[0][0] = t;
		r = tapc_re_seq(m, pat, end, t, NULL);
		if (r)
			return r;
	} while (*t++);
	return 0;
}

int tapc_regex_match(const char *s, const char *pat)
{
	struct tapc_re_m m;

	return tapc_re_run(&m, s, pat);
}

int tapc_regex_match_ctx(struct tapc_ctx *c, const char *s, const char *pat)
{
	struct tapc_re_m m;
	int r = tapc_re_run(&m, s, pat), i;

	c->re_ngroups = -1;
	if (r <= 0)
		return r;
	strscpy(c->re_subject, s, MAXSTRINGLEN);
	for (i = 0; i <= m.ngroups; i++) {
		c->re_cap[i][0] = m.cap[i][0] ? m.cap[i][0] - s : -1;
		c->re_cap[i][1] = m.cap[i][1] ? m.cap[i][1] - s : -1;
	}
	c->re_ngroups = m.ngroups;
	return r;
}

int tapc_regex_ngroups(struct tapc_ctx *c)
{
	return c->re_ngroups < 0 ? -ENOENT : c->re_ngroups + 1;
}

int tapc_regex_matched(struct tapc_ctx *c, int64_t n, char *out, size_t size)
{
	int a, b;

	out[0] = '\0';
	if (c->re_ngroups < 0)
		return -ENOENT;
	if (n < 0 || n > c->re_ngroups)
		return -EINVAL;
	a = c->re_cap[n][0];
	b = c->re_cap[n][1];
	if (a < 0 || b < a)
		return 0;		/* the group took no part in the match */
	strscpy(out, c->re_subject + a, min_t(size_t, size, b - a + 1));
	return 0;
}
