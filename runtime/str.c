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

#define TAPC_RE_STEPS 100000

struct tapc_re {
	const char *end;	/* end of the current alternative */
	long steps;
};

/* Length of the atom at p (a char, '.', \x or a [class]). */
static int tapc_re_atomlen(const char *p, const char *end)
{
	const char *q = p;

	if (*q == '\\' && q + 1 < end)
		return 2;
	if (*q != '[')
		return 1;
	q++;
	if (q < end && *q == '^')
		q++;
	if (q < end && *q == ']')
		q++;
	while (q < end && *q != ']')
		q++;
	return q < end ? q - p + 1 : end - p;
}

static bool tapc_re_atom(const char *p, int n, char ch)
{
	bool neg, hit = false;
	const char *q, *e;

	if (n == 1)
		return *p == '.' ? ch != '\0' : *p == ch;
	if (*p == '\\')
		return p[1] == ch;
	q = p + 1;
	e = p + n - 1;
	neg = *q == '^';
	if (neg)
		q++;
	for (; q < e; q++) {
		if (q + 2 < e && q[1] == '-') {
			if (ch >= q[0] && ch <= q[2])
				hit = true;
			q += 2;
		} else if (*q == ch) {
			hit = true;
		}
	}
	return ch != '\0' && hit != neg;
}

/* Match pattern [p, re->end) at s; 1 match, 0 no, <0 step bound. */
static int tapc_re_here(struct tapc_re *re, const char *p, const char *s)
{
	int n, r;
	char q;
	const char *t;

	if (++re->steps > TAPC_RE_STEPS)
		return -E2BIG;
	if (p == re->end)
		return 1;
	if (*p == '$' && p + 1 == re->end)
		return *s == '\0';
	n = tapc_re_atomlen(p, re->end);
	q = p + n < re->end ? p[n] : '\0';
	if (q == '*' || q == '+' || q == '?') {
		int min = q == '+', max = q == '?' ? 1 : MAXSTRINGLEN;
		int cnt = 0;

		for (t = s; cnt < max && *t && tapc_re_atom(p, n, *t); t++)
			cnt++;
		for (; cnt >= min; cnt--) {	/* greedy, then back off */
			r = tapc_re_here(re, p + n + 1, s + cnt);
			if (r)
				return r;
		}
		return 0;
	}
	if (*s && tapc_re_atom(p, n, *s))
		return tapc_re_here(re, p + n, s + 1);
	return 0;
}

static int tapc_re_alt(const char *s, const char *p, const char *end)
{
	struct tapc_re re = { .end = end };
	int r;

	if (p < end && *p == '^')
		return tapc_re_here(&re, p + 1, s);
	do {
		r = tapc_re_here(&re, p, s);
		if (r)
			return r;
	} while (*s++);
	return 0;
}

int tapc_regex_match(const char *s, const char *pat)
{
	const char *p = pat, *start = pat;
	int r;

	for (;; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '|' || *p == '\0') {
			r = tapc_re_alt(s, start, p);
			if (r)
				return r;
			if (*p == '\0')
				return 0;
			start = p + 1;
		}
	}
}
