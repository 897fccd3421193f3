/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * util.h - small helpers shared by every pass: checked allocation, a
 * growable string buffer, a string-keyed hash table and typed vectors.
 *
 * Memory policy: tapc is a short-lived compiler process.  AST nodes and
 * interned names are allocated with xmalloc() and live until exit; passes
 * that build temporary data free it themselves.  Allocation failure is
 * fatal (xmalloc prints and exits 2), so callers never check for NULL.
 */
#ifndef TAPC_UTIL_H
#define TAPC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Growable, always NUL-terminated byte buffer. */
struct strbuf {
	char *buf;	/* contents, NUL-terminated (NULL until first append) */
	size_t len;	/* bytes used, not counting the NUL */
	size_t cap;	/* bytes allocated */
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_putc(struct strbuf *sb, char c);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putn(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
/* Returns the buffer (never NULL) and leaves sb empty; caller frees. */
char *sb_steal(struct strbuf *sb);
/* Returns the contents, "" if empty; stays owned by sb. */
const char *sb_str(const struct strbuf *sb);

/* Open-addressing hash table from NUL-terminated string keys to pointers.
 * Keys are not copied: they must outlive the table (use interned names). */
struct hmap {
	struct hmap_ent {
		const char *key;
		void *val;
		size_t hash;	/* of key, so probing and rehash skip strcmp */
	} *ents;
	size_t cap;	/* power of two, or 0 */
	size_t n;	/* entries in use */
};

void hmap_init(struct hmap *h);
void hmap_free(struct hmap *h);
/* Sizes an empty table for n entries (no rehashing while they go in). */
void hmap_reserve(struct hmap *h, size_t n);
void *hmap_get(const struct hmap *h, const char *key);
/* Inserts or replaces; returns the previous value or NULL. */
void *hmap_put(struct hmap *h, const char *key, void *val);
/* Iterate: for (size_t i = 0; hmap_next(h, &i, &k, &v); ) ... */
bool hmap_next(const struct hmap *h, size_t *it, const char **key, void **val);

/* Interned strings: equal names are pointer-equal. */
const char *intern(const char *s);
const char *intern_n(const char *s, size_t n);

/* Typed dynamic array: struct { T *v; size_t n, cap; } */
#define VEC(T) struct { T *v; size_t n, cap; }
#define vec_push(vec, x)                                                   \
	do {                                                               \
		if ((vec)->n == (vec)->cap) {                              \
			(vec)->cap = (vec)->cap ? 2 * (vec)->cap : 8;      \
			(vec)->v = xrealloc((vec)->v,                      \
					    (vec)->cap * sizeof(*(vec)->v)); \
		}                                                          \
		(vec)->v[(vec)->n++] = (x);                                \
	} while (0)
#define vec_free(vec)                                                      \
	do {                                                               \
		free((vec)->v);                                            \
		(vec)->v = NULL;                                           \
		(vec)->n = (vec)->cap = 0;                                 \
	} while (0)

/* A regular file / a directory at path (following links). */
bool path_is_file(const char *path);
bool path_is_dir(const char *path);
/* Reads a whole file; returns NULL (errno set) on failure. */
char *read_file(const char *path, size_t *len);
/* Levenshtein distance, capped: returns > cap as cap + 1. */
int edit_distance(const char *a, const char *b, int cap);
/* fnmatch-style glob match of '*' and '?' (no brackets needed by stap). */
bool glob_match(const char *pattern, const char *s);
bool has_glob(const char *s);

#endif
