// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * intern.c - process-wide string interning.  Names compare by pointer
 * after interning, and the table owns one copy of each distinct name.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

static struct hmap intern_tab;

const char *intern_n(const char *s, size_t n)
{
	char buf[128];
	char *key = n < sizeof(buf) ? buf : xmalloc(n + 1);
	const char *found;

	memcpy(key, s, n);
	key[n] = '\0';
	found = hmap_get(&intern_tab, key);
	if (found) {
		if (key != buf)
			free(key);
		return found;
	}
	if (key == buf)
		key = xstrndup(s, n);
	hmap_put(&intern_tab, key, key);
	return key;
}

const char *intern(const char *s)
{
	return intern_n(s, strlen(s));
}
