// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_index.c - an index of the top-level DIEs of every CU: functions
 * (abstract, concrete and declarations) and the first complete definition
 * of each named type.  Walking only CU children (not whole trees) takes
 * about a second for vmlinux.  Variables with a DW_AT_location (globals
 * and file statics, for @var) are indexed too.  The result is cached per
 * build-id in $cache/dwarf/<build-id>.idx as text lines "tag flags
 * die_off name", sorted by name (then DIE offset), so that loading it is
 * one pass that keeps the file's text and lookups are binary searches:
 * no hash tables to build on every run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dw_internal.h"

#define DW_IDX_MAGIC "tapc-dwarf-index 3\n"

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

static int dw_die_flags(Dwarf_Die *d, int tag)
{
	int fl = 0;

	if (dw_is_type_tag(tag))	/* types: only declarations matter */
		return dwarf_hasattr(d, DW_AT_declaration) ? DW_IENT_DECL : 0;
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

/* One table of seen type names per type tag (struct foo vs typedef foo). */
static struct hmap *dw_type_table(struct hmap *t, int tag)
{
	switch (tag) {
	case DW_TAG_structure_type: return &t[0];
	case DW_TAG_union_type: return &t[1];
	case DW_TAG_enumeration_type: return &t[2];
	case DW_TAG_typedef: return &t[3];
	default: return &t[4];
	}
}

/*
 * Names are dwarf_diename()'s pointers into .debug_str, which stay valid
 * while the debuginfo is open: no copies, no interning on this path.
 */
static void dw_index_scan(struct dw_kernel *dw, struct dw_index *ix)
{
	struct hmap types[5];
	size_t cap = 0;
	Dwarf_Off off = 0, next;
	size_t hsize;

	for (int i = 0; i < 5; i++)
		hmap_init(&types[i]);
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
			fl = dw_die_flags(&d, tag);
			if (tag == DW_TAG_variable) {
				/* global / file-static variable: @var */
			} else if (tag != DW_TAG_subprogram) {
				if (fl & DW_IENT_DECL)
					continue;
				struct hmap *seen = dw_type_table(types, tag);

				if (hmap_get(seen, name))
					continue;
				hmap_put(seen, name, (void *)1);
			} else if ((fl & DW_IENT_DECL) && !(fl & DW_IENT_HAS_PC)) {
				continue;
			}
			dw_index_add(ix, &cap, tag, fl, dwarf_dieoffset(&d),
				     name);
		} while (dwarf_siblingof(&d, &d) == 0);
		off = next;
	}
	for (int i = 0; i < 5; i++)
		hmap_free(&types[i]);
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

static uint64_t dw_hex(char **pp)
{
	uint64_t v = 0;
	char *p = *pp;

	for (;; p++) {
		int c = *p;

		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else
			break;
	}
	*pp = p;
	return v;
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
		uint64_t tag, fl, off;

		if (!nl)
			break;
		tag = dw_hex(&p);
		if (*p++ != ' ')
			break;
		fl = dw_hex(&p);
		if (*p++ != ' ')
			break;
		off = dw_hex(&p);
		if (*p != ' ')
			break;
		*nl = '\0';
		dw_index_add(ix, &cap, (int)tag, (int)fl, off, p + 1);
		p = nl + 1;
	}
	if (p != end) {
		free(buf);
		return false;
	}
	ix->text = buf;
	return true;
}

/* Lower-case hex without leading zeros ("0" for 0), as %llx writes it. */
static char *dw_put_hex(char *p, uint64_t v)
{
	char tmp[16];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
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
	for (i = 0; i < ix->n; i++) {
		char line[64], *p = line;

		p = dw_put_hex(p, (uint64_t)ix->v[i].tag);
		*p++ = ' ';
		p = dw_put_hex(p, (uint64_t)ix->v[i].flags);
		*p++ = ' ';
		p = dw_put_hex(p, ix->v[i].die_off);
		*p++ = ' ';
		fwrite(line, 1, (size_t)(p - line), f);
		fputs(ix->v[i].name, f);
		fputc('\n', f);
	}
	if (fclose(f) == 0)
		rename(tmp, path);
	else
		unlink(tmp);
	free(tmp);
}

static int dw_ient_cmp(const void *a, const void *b)
{
	const struct dw_ient *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->die_off < y->die_off ? -1 : x->die_off > y->die_off;
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
		qsort(ix->v, ix->n, sizeof(*ix->v), dw_ient_cmp);
		if (path)
			dw_index_save(ix, path);
	}
	free(path);
	dw->idx = ix;
	return ix;
}

long dw_index_first(struct dw_index *ix, const char *name)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {	/* the first entry not below name */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && !strcmp(ix->v[lo].name, name) ? (long)lo : -1;
}

long dw_index_next(struct dw_index *ix, long i)
{
	if ((size_t)i + 1 < ix->n && !strcmp(ix->v[i + 1].name, ix->v[i].name))
		return i + 1;
	return -1;
}

long dw_index_next_name(struct dw_index *ix, long i)
{
	if (i < 0)
		return ix->n ? 0 : -1;
	while ((size_t)i + 1 < ix->n && !strcmp(ix->v[i + 1].name, ix->v[i].name))
		i++;
	return (size_t)i + 1 < ix->n ? i + 1 : -1;
}
