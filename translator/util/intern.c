// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * intern.c - process-wide string interning.  Names compare by pointer
 * after interning, and the table owns one copy of each distinct name.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

static struct hmap intern_tab;
static struct strbuf lookup_key;	/* scratch NUL-terminated copy */

const char *intern_n(const char *s, size_t n)
{
	const char *found;
	char *key;

	sb_reset(&lookup_key);
	sb_putn(&lookup_key, s, n);
	found = hmap_get(&intern_tab, sb_str(&lookup_key));
	if (found)
		return found;
	key = xstrndup(s, n);
	hmap_put(&intern_tab, key, key);
	return key;
}

const char *intern(const char *s)
{
	return intern_n(s, strlen(s));
}
