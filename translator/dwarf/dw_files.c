// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_files.c - which source files can a CU hold functions or statements
 * of?  Those in its line table's file list.
 *
 * libdw only hands out the file list after decoding the whole line
 * program (about 0.7 s over all of vmlinux), so the header of the CU's
 * .debug_line unit is read here directly: DWARF 2-4 (string lists) and
 * DWARF 5 (entry formats).  Anything unexpected falls back to
 * dwarf_getsrcfiles().
 */
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

struct dw_sec {
	const unsigned char *p;
	size_t n;
};

struct dw_rd {
	const unsigned char *p, *end;
	bool bad;
};

static uint64_t rd_n(struct dw_rd *r, int n)
{
	uint64_t v = 0;
	int i;

	if (r->end - r->p < n) {
		r->bad = true;
		r->p = r->end;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += n;
	return v;
}

static uint64_t rd_uleb(struct dw_rd *r)
{
	uint64_t v = 0;
	int sh = 0;

	while (r->p < r->end) {
		unsigned char b = *r->p++;

		if (sh < 64)
			v |= (uint64_t)(b & 0x7f) << sh;
		sh += 7;
		if (!(b & 0x80))
			return v;
	}
	r->bad = true;
	return v;
}

static const char *rd_str(struct dw_rd *r)
{
	const unsigned char *s = r->p;

	while (r->p < r->end && *r->p)
		r->p++;
	if (r->p >= r->end) {
		r->bad = true;
		return "";
	}
	r->p++;
	return (const char *)s;
}

static const char *sec_str(const struct dw_sec *s, uint64_t off)
{
	if (!s->p || off >= s->n || !memchr(s->p + off, 0, s->n - off))
		return NULL;
	return (const char *)s->p + off;
}

static void dw_sec_get(Elf *elf, const char *want, struct dw_sec *out)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	out->p = NULL;
	out->n = 0;
	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, want))
			continue;
		if (sh.sh_flags & SHF_COMPRESSED)
			return;		/* libdw did not decompress it */
		d = elf_getdata(scn, NULL);
		if (d && d->d_buf) {
			out->p = d->d_buf;
			out->n = d->d_size;
		}
		return;
	}
}

struct dw_lsecs {
	bool loaded;
	struct dw_sec line, line_str, str;
};

static struct dw_lsecs *dw_lsecs(struct dw_kernel *dw)
{
	static struct dw_lsecs ls;	/* one open kernel at a time */
	static const void *owner;

	if (owner != dw->dbg) {
		Elf *elf = dwarf_getelf(dw->dbg);

		memset(&ls, 0, sizeof(ls));
		owner = dw->dbg;
		if (elf) {
			dw_sec_get(elf, ".debug_line", &ls.line);
			dw_sec_get(elf, ".debug_line_str", &ls.line_str);
			dw_sec_get(elf, ".debug_str", &ls.str);
		}
		ls.loaded = true;
	}
	return &ls;
}

/* One attribute value of a v5 entry: a string, or a number in *num. */
static const char *rd_form(struct dw_rd *r, struct dw_lsecs *ls, int form,
			   int offsz, uint64_t *num)
{
	*num = 0;
	switch (form) {
	case DW_FORM_string: return rd_str(r);
	case DW_FORM_line_strp: return sec_str(&ls->line_str, rd_n(r, offsz));
	case DW_FORM_strp: return sec_str(&ls->str, rd_n(r, offsz));
	case DW_FORM_udata: *num = rd_uleb(r); return NULL;
	case DW_FORM_data1: *num = rd_n(r, 1); return NULL;
	case DW_FORM_data2: *num = rd_n(r, 2); return NULL;
	case DW_FORM_data4: *num = rd_n(r, 4); return NULL;
	case DW_FORM_data8: *num = rd_n(r, 8); return NULL;
	case DW_FORM_data16: rd_n(r, 8); rd_n(r, 8); return NULL;
	case DW_FORM_block: {
		uint64_t l = rd_uleb(r);

		if ((uint64_t)(r->end - r->p) < l)
			r->bad = true;
		else
			r->p += l;
		return NULL;
	}
	default:
		r->bad = true;
		return NULL;
	}
}

#define DW_MAX_DIRS 4096

/* Calls match(path) for each file; stops at true.  -1 = cannot parse. */
static int dw_line_files(struct dw_lsecs *ls, uint64_t off, const char *comp_dir,
			 const char *pat)
{
	struct dw_rd r;
	uint64_t len;
	int offsz = 4, ver, opbase, i;
	const char **dirs = NULL;
	size_t ndirs = 0;
	int found = 0;
	char path[1024];

	if (!ls->line.p || off >= ls->line.n)
		return -1;
	r.p = ls->line.p + off;
	r.end = ls->line.p + ls->line.n;
	r.bad = false;
	len = rd_n(&r, 4);
	if (len == 0xffffffffu) {
		offsz = 8;
		len = rd_n(&r, 8);
	}
	if (len > (uint64_t)(r.end - r.p))
		return -1;
	r.end = r.p + len;
	ver = (int)rd_n(&r, 2);
	if (ver < 2 || ver > 5)
		return -1;
	if (ver == 5)
		rd_n(&r, 2);	/* address_size, seg_sel_size */
	rd_n(&r, offsz);	/* header_length */
	rd_n(&r, ver >= 4 ? 5 : 4);	/* min_inst .. line_range */
	opbase = (int)rd_n(&r, 1);
	for (i = 1; i < opbase; i++)
		rd_n(&r, 1);
	if (r.bad)
		return -1;
	dirs = xcalloc(DW_MAX_DIRS, sizeof(*dirs));
	if (ver < 5) {
		dirs[ndirs++] = comp_dir ? comp_dir : "";
		for (;;) {
			const char *d = rd_str(&r);

			if (r.bad || !*d)
				break;
			if (ndirs < DW_MAX_DIRS)
				dirs[ndirs++] = d;
		}
	}
	for (int pass = ver == 5 ? 0 : 1; pass < 2 && !r.bad && !found; pass++) {
		int nfmt, fmt[16][2];
		uint64_t count, k;

		if (ver < 5) {		/* v2-4 file entries */
			for (;;) {
				const char *name = rd_str(&r);
				uint64_t di;

				if (r.bad || !*name)
					break;
				di = rd_uleb(&r);
				rd_uleb(&r);
				rd_uleb(&r);
				if (name[0] == '/' || di >= ndirs)
					snprintf(path, sizeof(path), "%s", name);
				else
					snprintf(path, sizeof(path), "%s/%s", dirs[di], name);
				if (dw_file_matches(pat, path)) {
					found = 1;
					break;
				}
			}
			break;
		}
		nfmt = (int)rd_n(&r, 1);
		if (nfmt > 16) {
			r.bad = true;
			break;
		}
		for (i = 0; i < nfmt; i++) {
			fmt[i][0] = (int)rd_uleb(&r);
			fmt[i][1] = (int)rd_uleb(&r);
		}
		count = rd_uleb(&r);
		for (k = 0; k < count && !r.bad; k++) {
			const char *name = NULL;
			uint64_t di = 0, num;

			for (i = 0; i < nfmt; i++) {
				const char *s = rd_form(&r, ls, fmt[i][1], offsz, &num);

				if (fmt[i][0] == DW_LNCT_path)
					name = s;
				else if (fmt[i][0] == DW_LNCT_directory_index)
					di = num;
			}
			if (r.bad || !name)
				break;
			if (pass == 0) {
				if (ndirs < DW_MAX_DIRS)
					dirs[ndirs++] = name;
				continue;
			}
			if (name[0] == '/' || di >= ndirs)
				snprintf(path, sizeof(path), "%s", name);
			else if (di == 0 && dirs[0][0] != '/' && comp_dir)
				snprintf(path, sizeof(path), "%s/%s/%s", comp_dir,
					 dirs[0], name);
			else
				snprintf(path, sizeof(path), "%s/%s", dirs[di], name);
			if (dw_file_matches(pat, path)) {
				found = 1;
				break;
			}
		}
	}
	free(dirs);
	if (r.bad && !found)
		return -1;
	return found;
}

bool dw_cu_has_file(struct dw_kernel *dw, Dwarf_Die *cu, const char *pat)
{
	Dwarf_Attribute a;
	Dwarf_Word off;
	Dwarf_Files *files;
	size_t n, i;
	int r = -1;

	if (!pat)
		return true;
	if (dwarf_attr(cu, DW_AT_stmt_list, &a) && dwarf_formudata(&a, &off) == 0) {
		Dwarf_Attribute cd;
		const char *comp_dir = dwarf_attr(cu, DW_AT_comp_dir, &cd) ?
				       dwarf_formstring(&cd) : NULL;

		r = dw_line_files(dw_lsecs(dw), off, comp_dir, pat);
	}
	if (r >= 0)
		return r;
	if (dwarf_getsrcfiles(cu, &files, &n) != 0)
		return false;
	for (i = 0; i < n; i++)
		if (dw_file_matches(pat, dwarf_filesrc(files, i, NULL, NULL)))
			return true;
	return false;
}
