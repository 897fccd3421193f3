/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * str.h - bounded string helpers for script values.
 *
 * A script string is a char[MAXSTRINGLEN] that is always NUL-terminated;
 * every operation truncates instead of overflowing.
 */
#ifndef TAPC_STR_H
#define TAPC_STR_H

/* dst = src (truncating).  Returns dst. */
static __always_inline char *tapc_strcpy(char *dst, const char *src)
{
	if (dst != src)
		strscpy(dst, src, MAXSTRINGLEN);
	return dst;
}

/* dst = a . b (truncating); dst may alias a or b. Returns dst. */
char *tapc_concat(char *dst, const char *a, const char *b);
/* dst = decimal text of v. Returns dst. */
char *tapc_ltoa(char *dst, int64_t v);
/* substr(s, start, len) as stap defines it (0-based start). */
char *tapc_substr(char *dst, const char *s, int64_t start, int64_t len);
/* strtol(s, base): 0 on garbage, like the C library. */
int64_t tapc_strtol(const char *s, int64_t base);
/*
 * Regular expression match (=~): a bounded backtracking matcher for
 * POSIX ERE: literals, '.', [classes], [^...], \escapes (\d \s \w ...),
 * '*', '+', '?', {m,n}, '^', '$', '|' and (groups) at any depth.
 * Leftmost-first.  Returns 1 on match, 0 on no match, -E2BIG if the step
 * or depth bound was hit (reported as an error).
 */
int tapc_regex_match(const char *s, const char *pat);
/* The same, and record the captures of a match for tapc_regex_matched()
 * (the tapset functions matched(), matched_str(), ngroups()). */
int tapc_regex_match_ctx(struct tapc_ctx *c, const char *s, const char *pat);
/* Subexpression n (0 = the whole match) of the last =~ of this handler
 * run into out: 0 (empty if the group did not take part), -ENOENT if the
 * last =~ failed (or none ran), -EINVAL if n is not a subexpression. */
int tapc_regex_matched(struct tapc_ctx *c, int64_t n, char *out, size_t size);
/* Subexpressions of the last match, the whole match included; -ENOENT. */
int tapc_regex_ngroups(struct tapc_ctx *c);

#endif
