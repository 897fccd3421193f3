// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_index.c - an index of the top-level DIEs of every CU: functions
 * (abstract, concrete and declarations) and the first complete definition
 * of each named type.  Walking only CU children (not whole trees) takes
 * about a second for vmlinux.  Variables with a DW_AT_location (globals
 * and file statics, for @var) are indexed too.  The result is cached per build-id in
 * $cache/dwarf/<build-id>.idx as text lines "tag flags die_off name".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dw_internal.h"

#define DW_IDX_MAGIC "tapc-dwarf-index 2\n"

static void dw_index_add(struct dw_index *ix, size_t *cap, int tag,
			 int flags, uint64_t off, const char *name)
{
	if (ix->n == *cap) {
		*cap = *cap ? 2 * *cap : 4096;
		ix->v = xrealloc(ix->v, *cap * sizeof(*ix->v));
	}
	ix->v[ix->n].name = name;
	ix->v[ix->n].die_off = off;
	ix->v[ix->n].cu_off = 0;
	ix->v[ix->n].tag = tag;
	ix->v[ix->n].flags = flags;
	ix->n++;
}

static bool dw_is_type_tag(int tag)
{
	return tag == DW_TAG_structure_type || tag == DW_TAG_union_type ||
	       tag == DW_TAG_enumeration_type || tag == DW_TAG_typedef ||
	       tag == DW_TAG_base_type;
}

static int dw_die_flags(Dwarf_Die *d)
{
	int fl = 0;

	if (dwarf_hasattr(d, DW_AT_inline))
		fl |= DW_IENT_INLINE;
	if (dwarf_hasattr(d, DW_AT_low_pc) || dwarf_hasattr(d, DW_AT_ranges))
		fl |= DW_IENT_HAS_PC;
	if (dwarf_hasattr(d, DW_AT_declaration))
		fl |= DW_IENT_DECL;
	if (dwarf_hasattr_integrate(d, DW_AT_external))
		fl |= DW_IENT_EXTERNAL;
	return fl;
}

static void dw_index_scan(struct dw_kernel *dw, struct dw_index *ix)
{
	struct hmap types;
	size_t cap = 0;
	Dwarf_Off off = 0, next;
	size_t hsize;
	char key[256];

	hmap_init(&types);
	while (dwarf_nextcu(dw->dbg, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu, d;

		if (!dwarf_offdie(dw->dbg, off + hsize, &cu) ||
		    dwarf_child(&cu, &d) != 0) {
			off = next;
			continue;
		}
		do {
			int tag = dwarf_tag(&d);
			const char *name;
			int fl;

			if (tag != DW_TAG_subprogram && !dw_is_type_tag(tag) &&
			    tag != DW_TAG_variable)
				continue;
			if (tag == DW_TAG_variable &&
			    !dwarf_hasattr(&d, DW_AT_location))
				continue;
			name = dwarf_diename(&d);
			if (!name)
				continue;
			fl = dw_die_flags(&d);
			if (tag == DW_TAG_variable) {
				/* global / file-static variable: @var */
			} else if (tag != DW_TAG_subprogram) {
				if (fl & DW_IENT_DECL)
					continue;
				snprintf(key, sizeof(key), "%x:%s", tag, name);
				if (hmap_get(&types, intern(key)))
					continue;
				hmap_put(&types, intern(key), (void *)1);
			} else if ((fl & DW_IENT_DECL) && !(fl & DW_IENT_HAS_PC)) {
				continue;
			}
			dw_index_add(ix, &cap, tag, fl, dwarf_dieoffset(&d),
				     intern(name));
		} while (dwarf_siblingof(&d, &d) == 0);
		off = next;
	}
	hmap_free(&types);
}

static char *dw_index_path(struct dw_kernel *dw)
{
	char *root, *p;

	if (!dw->build_id[0])
		return NULL;
	root = dw_cache_root();
	p = xasprintf("%s/dwarf/%s.idx", root, dw->build_id);
	free(root);
	return p;
}

static bool dw_index_load(struct dw_index *ix, const char *path)
{
	size_t len, cap = 0;
	char *buf = read_file(path, &len);
	char *p, *end;

	if (!buf)
		return false;
	if (strncmp(buf, DW_IDX_MAGIC, strlen(DW_IDX_MAGIC))) {
		free(buf);
		return false;
	}
	p = buf + strlen(DW_IDX_MAGIC);
	end = buf + len;
	while (p < end) {
		char *nl = memchr(p, '\n', end - p);
		unsigned long tag, fl;
		unsigned long long off;
		char *q;

		if (!nl)
			break;
		tag = strtoul(p, &q, 16);
		fl = strtoul(q, &q, 16);
		off = strtoull(q, &q, 16);
		if (*q != ' ')
			break;
		dw_index_add(ix, &cap, tag, fl, off, intern_n(q + 1, nl - q - 1));
		p = nl + 1;
	}
	free(buf);
	return p == end;
}

static void dw_index_save(struct dw_index *ix, const char *path)
{
	char *dir = xstrdup(path), *tmp, *s;
	FILE *f;
	size_t i;

	/* mkdir -p of the directory */
	for (s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		mkdir(dir, 0755);
		*s = '/';
	}
	free(dir);
	tmp = xasprintf("%s.%d.tmp", path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		free(tmp);
		return;
	}
	fputs(DW_IDX_MAGIC, f);
	for (i = 0; i < ix->n; i++)
		fprintf(f, "%x %x %llx %s\n", ix->v[i].tag, ix->v[i].flags,
			(unsigned long long)ix->v[i].die_off, ix->v[i].name);
	if (fclose(f) == 0)
		rename(tmp, path);
	else
		unlink(tmp);
	free(tmp);
}

static void dw_index_link(struct dw_index *ix)
{
	size_t i;

	hmap_init(&ix->by_name);
	ix->next = xcalloc(ix->n ? ix->n : 1, sizeof(*ix->next));
	for (i = ix->n; i-- > 0;) {
		void *prev = hmap_put(&ix->by_name, ix->v[i].name,
				      (void *)(uintptr_t)(i + 1));

		ix->next[i] = (uint32_t)(uintptr_t)prev;
	}
}

struct dw_index *dw_index_get(struct dw_kernel *dw)
{
	struct dw_index *ix;
	char *path;

	if (dw->idx)
		return dw->idx;
	ix = xcalloc(1, sizeof(*ix));
	path = dw_index_path(dw);
	if (!path || !dw_index_load(ix, path)) {
		free(ix->v);
		ix->v = NULL;
		ix->n = 0;
		dw_index_scan(dw, ix);
		if (path)
			dw_index_save(ix, path);
	}
	free(path);
	dw_index_link(ix);
	dw->idx = ix;
	return ix;
}

long dw_index_first(struct dw_index *ix, const char *name)
{
	return (long)(uintptr_t)hmap_get(&ix->by_name, name) - 1;
}

long dw_index_next(struct dw_index *ix, long i)
{
	return (long)ix->next[i] - 1;
}
