// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_stmt.c - kernel.statement() probe points: "func@file:line",
 * "*@file:line", "func", "func+0xOFF".
 *
 * A line is looked up in the line tables of the CUs that can hold it (the
 * CUs of the named function, or every CU whose file table has a matching
 * file).  Rows of that file and line with is_stmt set are grouped by the
 * innermost function instance (subprogram or inlined_subroutine) around
 * their address; the lowest address of each instance is reported, with
 * the ELF function symbol holding it and the offset from that symbol.
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

struct dw_st {
	struct dw_kernel *dw;
	const char *name_pat, *file_pat;
	int line;
	dw_func_cb cb;
	void *arg;
	int count;
	bool stop;
	struct hmap seen;	/* instance DIE offsets reported */
	struct hmap cus;	/* CU offsets already scanned */
	int near_lo, near_hi;	/* nearest lines with code, for errors */
	/* a named function: its out-of-line bodies [lo, hi), so "nearest
	 * lines" only counts lines of that function */
	VEC(Dwarf_Addr) lo, hi;
	VEC(uint64_t) cu_offs;	/* CUs of the named function's instances */
};

static bool dw_st_in_func(const struct dw_st *st, Dwarf_Addr a)
{
	size_t i;

	if (!st->lo.n)
		return true;
	for (i = 0; i < st->lo.n; i++)
		if (a >= st->lo.v[i] && a < st->hi.v[i])
			return true;
	return false;
}

struct dw_st_row {
	Dwarf_Addr addr;
	const char *file;
};

static int dw_row_cmp(const void *a, const void *b)
{
	const struct dw_st_row *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static bool dw_same_file(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la < lb) {
		const char *t = a;

		a = b;
		b = t;
		la = lb;
		lb = strlen(b);
	}
	/* b equals a, or is a's tail after a '/' (relative vs absolute) */
	return !strcmp(a + la - lb, b) && (la == lb || a[la - lb - 1] == '/');
}

#define DW_MAX_NEST 32

/*
 * The chain of function instances around addr, outermost (the
 * subprogram) first.  dwarf_getscopes() is no help here: past an inlined
 * instance it continues with the scopes of the abstract definition.
 */
int dw_instances(Dwarf_Die *cu, Dwarf_Addr addr, Dwarf_Die *out)
{
	Dwarf_Die d, cur = *cu;
	int n = 0, depth = 0;

	while (depth++ < 64 && dwarf_child(&cur, &d) == 0) {
		bool found = false;

		do {
			int tag = dwarf_tag(&d);

			if (tag != DW_TAG_subprogram &&
			    tag != DW_TAG_inlined_subroutine &&
			    tag != DW_TAG_lexical_block)
				continue;
			if (dwarf_haspc(&d, addr) != 1)
				continue;
			if (tag != DW_TAG_lexical_block && n < DW_MAX_NEST)
				out[n++] = d;
			cur = d;
			found = true;
			break;
		} while (dwarf_siblingof(&d, &d) == 0);
		if (!found)
			break;
	}
	return n;
}

/*
 * The function instance a row of file:line at addr (bias-free) belongs
 * to: the innermost subprogram / inlined_subroutine declared in file at
 * or before line (the first instruction of a call often lies in the
 * inlined callee already).  file NULL: the innermost one.
 */
static bool dw_instance_at(Dwarf_Die *cu, Dwarf_Addr addr, const char *file,
			   int line, Dwarf_Die *out)
{
	Dwarf_Die chain[DW_MAX_NEST];
	int n = dw_instances(cu, addr, chain), i;

	for (i = n - 1; i >= 0; i--) {
		const char *df;
		int dl = 0;

		if (file) {
			df = dwarf_decl_file(&chain[i]);
			dwarf_decl_line(&chain[i], &dl);
			if (!df || !dw_same_file(df, file) || dl > line)
				continue;
		}
		*out = chain[i];
		return true;
	}
	return false;
}

static void dw_st_report(struct dw_st *st, Dwarf_Die *cu,
			 const struct dw_st_row *r)
{
	Dwarf_Die inst;
	struct dw_func f;
	char key[32];
	const char *k, *nm;

	if (!dw_instance_at(cu, r->addr, r->file, st->line, &inst))
		return;
	nm = dwarf_diename(&inst);
	if (!nm || !glob_match(st->name_pat, nm))
		return;
	snprintf(key, sizeof(key), "%llx",
		 (unsigned long long)dwarf_dieoffset(&inst));
	k = intern(key);
	if (hmap_get(&st->seen, k))
		return;
	if (!dw_fill_func(st->dw, &inst, &f))
		return;
	f.kind = dwarf_tag(&inst) == DW_TAG_inlined_subroutine ?
		 DW_FUNC_INLINE : DW_FUNC_SYMBOL;
	if (!dw_containing_symbol(st->dw, r->addr + st->dw->bias, &f))
		return;
	if (f.kind == DW_FUNC_SYMBOL) {
		bool clone;

		dw_sym_basename(f.symbol, &clone);
		f.is_clone = clone;
	} else {
		f.size = 0;
	}
	f.src_file = intern(r->file);
	f.src_line = st->line;
	hmap_put(&st->seen, k, (void *)1);
	st->count++;
	if (st->cb(&f, st->arg))
		st->stop = true;
}

static void dw_st_scan_cu(struct dw_st *st, Dwarf_Die *cu)
{
	Dwarf_Lines *lines;
	size_t n, i, nr = 0;
	struct dw_st_row *rows;
	const char *last_file = NULL;
	bool last_ok = false;
	char key[32];

	snprintf(key, sizeof(key), "%llx",
		 (unsigned long long)dwarf_dieoffset(cu));
	if (hmap_get(&st->cus, intern(key)))
		return;
	hmap_put(&st->cus, intern(key), (void *)1);
	if (dwarf_getsrclines(cu, &lines, &n) != 0)
		return;
	rows = xcalloc(n ? n : 1, sizeof(*rows));
	for (i = 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		const char *file;
		int ln = 0;
		bool stmt = false, end = false;
		Dwarf_Addr a;

		if (!l || dwarf_lineno(l, &ln) != 0)
			continue;
		file = dwarf_linesrc(l, NULL, NULL);
		if (file != last_file) {
			last_file = file;
			last_ok = dw_file_matches(st->file_pat, file);
		}
		if (!last_ok)
			continue;
		dwarf_lineendsequence(l, &end);
		if (end)
			continue;
		if (ln != st->line) {
			if (dwarf_lineaddr(l, &a) != 0 ||
			    !dw_st_in_func(st, a + st->dw->bias))
				continue;
			if (ln < st->line && ln > st->near_lo)
				st->near_lo = ln;
			if (ln > st->line && (!st->near_hi || ln < st->near_hi))
				st->near_hi = ln;
			continue;
		}
		dwarf_linebeginstatement(l, &stmt);
		if (!stmt || dwarf_lineaddr(l, &a) != 0 || !a)
			continue;
		rows[nr].addr = a;
		rows[nr].file = file;
		nr++;
	}
	qsort(rows, nr, sizeof(*rows), dw_row_cmp);
	for (i = 0; i < nr && !st->stop; i++)
		dw_st_report(st, cu, &rows[i]);
	free(rows);
}

/* CUs of the functions (and inline copies) named by a non-glob name. */
static int dw_st_func_cu(const struct dw_func *f, void *arg)
{
	struct dw_st *st = arg;
	Dwarf_Die cu;

	if (st->stop || !dwarf_offdie(st->dw->dbg, f->cu_off, &cu))
		return st->stop;
	vec_push(&st->cu_offs, f->cu_off);
	if (f->kind == DW_FUNC_SYMBOL && f->size) {
		vec_push(&st->lo, f->entry);
		vec_push(&st->hi, f->entry + f->size);
	}
	return st->stop;
}

static void dw_st_all_cus(struct dw_st *st)
{
	Dwarf_Off off = 0, next;
	size_t hsize;

	while (!st->stop &&
	       dwarf_nextcu(st->dw->dbg, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(st->dw->dbg, off + hsize, &cu) &&
		    dw_cu_has_file(st->dw, &cu, st->file_pat))
			dw_st_scan_cu(st, &cu);
		off = next;
	}
}

/* "func" / "func@file": the first instruction of each out-of-line body. */
struct dw_st_entry {
	dw_func_cb cb;
	void *arg;
	int count;
};

static int dw_st_entry_cb(const struct dw_func *f, void *arg)
{
	struct dw_st_entry *se = arg;
	struct dw_func g = *f;

	if (f->kind != DW_FUNC_SYMBOL)
		return 0;
	g.probe_addr = g.entry;
	g.probe_offset = 0;
	g.src_file = g.decl_file;
	g.src_line = g.decl_line;
	se->count++;
	return se->cb(&g, se->arg);
}

/* "func+0xOFF" */
static int dw_st_offset(struct dw_kernel *dw, const char *name,
			unsigned long long off, dw_func_cb cb, void *arg,
			struct strbuf *err)
{
	struct dw_sym *s;
	bool clone;
	const char *base = dw_sym_basename(name, &clone);
	int count = 0;

	for (s = dw_sym_lookup(dw, base); s; s = s->next) {
		struct dw_func f;
		Dwarf_Die cu, inst;
		Dwarf_Addr bias;
		Dwfl_Line *l;

		if (!s->func || (strcmp(s->name, name) && strcmp(s->base, name)))
			continue;
		if (s->size && off >= s->size) {
			sb_printf(err, "offset 0x%llx is past the end of %s (size 0x%llx)",
				  off, s->name, (unsigned long long)s->size);
			return 0;
		}
		{
			Dwarf_Die *c = dwfl_module_addrdie(dw->mod, s->addr + off,
							   &bias);
			Dwarf_Die *sc = NULL;
			int n, i;

			if (!c)
				continue;
			cu = *c;
			/* the out-of-line function holding pc */
			n = dwarf_getscopes(&cu, s->addr + off - bias, &sc);
			for (i = n - 1; i >= 0; i--)
				if (dwarf_tag(&sc[i]) == DW_TAG_subprogram)
					break;
			if (i >= 0)
				inst = sc[i];
			free(sc);
			if (i < 0 || !dw_fill_func(dw, &inst, &f))
				continue;
		}
		f.kind = DW_FUNC_SYMBOL;
		f.symbol = s->name;
		f.is_clone = clone || strchr(s->name, '.') != NULL;
		f.sym_addr = s->addr;
		f.entry = s->addr;
		f.probe_addr = s->addr + off;
		f.probe_offset = off;
		l = dwfl_module_getsrc(dw->mod, f.probe_addr);
		if (l) {
			int ln = 0;
			const char *file = dwfl_lineinfo(l, NULL, &ln, NULL,
							 NULL, NULL);

			f.src_file = file ? intern(file) : NULL;
			f.src_line = ln;
		}
		count++;
		if (cb(&f, arg))
			break;
	}
	return count;
}

int dw_find_statements(struct dw_kernel *dw, const char *pattern,
		       dw_func_cb cb, void *arg, struct strbuf *err)
{
	struct dw_st st = { .dw = dw, .cb = cb, .arg = arg };
	char *pat = xstrdup(pattern), *at, *colon, *plus;
	size_t i;
	int ret;

	if (pat[0] >= '0' && pat[0] <= '9') {
		/* a link-time address: its symbol + offset */
		char *end;
		unsigned long long a = strtoull(pat, &end, 0);
		struct dw_func f = { 0 };
		bool bad = *end != 0;

		free(pat);
		if (bad) {
			sb_printf(err, "bad statement address '%s'", pattern);
			return -1;
		}
		if (!dw_containing_symbol(dw, a, &f)) {
			sb_printf(err, "no function symbol holds address 0x%llx", a);
			return 0;
		}
		return dw_st_offset(dw, f.symbol, f.probe_offset, cb, arg, err);
	}
	plus = strchr(pat, '+');
	at = strchr(pat, '@');
	if (plus && !at) {
		char *end;
		unsigned long long off;

		*plus = 0;
		off = strtoull(plus + 1, &end, 0);
		if (!*pat || has_glob(pat) || *end || end == plus + 1) {
			sb_printf(err, "bad statement '%s': expected FUNC+OFFSET",
				  pattern);
			free(pat);
			return -1;
		}
		ret = dw_st_offset(dw, pat, off, cb, arg, err);
		free(pat);
		return ret;
	}
	colon = at ? strchr(at + 1, ':') : NULL;
	if (!colon) {
		struct dw_st_entry se = { cb, arg, 0 };

		free(pat);
		if (dw_find_functions(dw, pattern, 0, dw_st_entry_cb, &se, err) < 0)
			return -1;
		return se.count;
	}
	*at = 0;
	*colon = 0;
	st.name_pat = *pat ? pat : "*";
	st.file_pat = at + 1;
	st.line = atoi(colon + 1);
	if (st.line <= 0 || !*st.file_pat) {
		sb_printf(err, "bad line number in '%s'", pattern);
		free(pat);
		return -1;
	}
	hmap_init(&st.seen);
	hmap_init(&st.cus);
	if (!has_glob(st.name_pat)) {
		char *fp = xasprintf("%s@%s", st.name_pat, st.file_pat);

		/* first the bodies' ranges, then their CUs' line tables */
		dw_find_functions(dw, fp, DW_FIND_INLINES, dw_st_func_cu, &st,
				  err);
		for (i = 0; i < st.cu_offs.n && !st.stop; i++) {
			Dwarf_Die cu;

			if (dwarf_offdie(dw->dbg, st.cu_offs.v[i], &cu))
				dw_st_scan_cu(&st, &cu);
		}
		vec_free(&st.cu_offs);
		free(fp);
	} else {
		dw_st_all_cus(&st);
	}
	if (!st.count) {
		sb_printf(err, "no line records for %s:%d", st.file_pat, st.line);
		if (st.near_lo || st.near_hi) {
			sb_puts(err, " (nearest lines with code:");
			if (st.near_lo)
				sb_printf(err, " %d", st.near_lo);
			if (st.near_hi)
				sb_printf(err, " %d", st.near_hi);
			sb_puts(err, ")");
		}
		if (!has_glob(st.name_pat))
			sb_printf(err, " in %s", st.name_pat);
	}
	hmap_free(&st.seen);
	hmap_free(&st.cus);
	vec_free(&st.lo);
	vec_free(&st.hi);
	ret = st.count;
	free(pat);
	return ret;
}
