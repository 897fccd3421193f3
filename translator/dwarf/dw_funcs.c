// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_funcs.c - find the functions a probe point names.
 *
 * Exact names go symbol table -> dwfl_module_addrdie() -> the one CU ->
 * the subprogram whose entry pc is the symbol, so a lookup touches one CU.
 * Globs over names use the symbol table too; names that have no symbol
 * (inline-only functions) and "@file" patterns need the CU index.
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

struct dw_find {
	struct dw_kernel *dw;
	const char *name_pat;	/* name or glob */
	const char *file_pat;	/* NULL, or file glob after '@' */
	int line;		/* 0, or line after ':' */
	int flags;
	dw_func_cb cb;
	void *arg;
	int count;
	bool stop;
	struct hmap seen;	/* reported "symbol" / "name@entry" keys */
};

/* Entry pc; bodies split hot/cold have DW_AT_ranges and no low_pc. */
bool dw_die_entry(Dwarf_Die *die, Dwarf_Addr *pc)
{
	Dwarf_Addr base, start, end;

	if (dwarf_entrypc(die, pc) == 0)
		return true;
	if (dwarf_ranges(die, 0, &base, &start, &end) > 0) {
		*pc = start;
		return true;
	}
	return false;
}

/* Does one of die's address ranges start at addr? */
static bool dw_die_starts_at(Dwarf_Die *die, Dwarf_Addr addr)
{
	Dwarf_Addr base, start, end, pc;
	ptrdiff_t off = 0;

	if (dwarf_entrypc(die, &pc) == 0)
		return pc == addr;
	while ((off = dwarf_ranges(die, off, &base, &start, &end)) > 0)
		if (start == addr)
			return true;
	return false;
}

/* The CU-level subprogram whose entry pc is addr. */
static bool dw_die_at_entry(struct dw_kernel *dw, uint64_t addr,
			    Dwarf_Die *out)
{
	Dwarf_Addr bias;
	Dwarf_Die *cu = dwfl_module_addrdie(dw->mod, addr, &bias);
	Dwarf_Die child;

	if (!cu || dwarf_child(cu, &child) != 0)
		return false;
	do {
		if (dwarf_tag(&child) != DW_TAG_subprogram)
			continue;
		if (dw_die_starts_at(&child, addr - bias)) {
			*out = child;
			return true;
		}
	} while (dwarf_siblingof(&child, &child) == 0);
	return false;
}

static const char *dw_strip_comp_dir(const char *file)
{
	return file ? intern(file) : NULL;
}

/*
 * Prologue end: the first row flagged prologue_end, else the second
 * distinct statement address of the body, if it is near the entry.  Any
 * doubt gives the entry itself (offset 0).
 */
static uint64_t dw_skip_prologue(Dwarf_Die *cu, uint64_t entry, uint64_t end)
{
	Dwarf_Lines *lines;
	size_t n, i;
	uint64_t best = 0;

	if (dwarf_getsrclines(cu, &lines, &n) != 0)
		return entry;
	for (i = 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		Dwarf_Addr a;
		bool stmt = false, pe = false;

		if (!l || dwarf_lineaddr(l, &a) != 0 || a <= entry || a >= end)
			continue;
		dwarf_linebeginstatement(l, &stmt);
		dwarf_lineprologueend(l, &pe);
		if (pe)
			return a;
		if (stmt && (!best || a < best))
			best = a;
	}
	if (best && best - entry <= 64)
		return best;
	return entry;
}

bool dw_fill_func(struct dw_kernel *dw, Dwarf_Die *die, struct dw_func *f)
{
	Dwarf_Die cu;
	Dwarf_Addr pc, lo, hi;
	Dwarf_Attribute a;
	bool flag = false;
	int line = 0;

	memset(f, 0, sizeof(*f));
	f->name = dwarf_diename(die) ? intern(dwarf_diename(die)) : NULL;
	f->decl_file = dw_strip_comp_dir(dwarf_decl_file(die));
	dwarf_decl_line(die, &line);
	f->decl_line = line;
	f->die_off = dwarf_dieoffset(die);
	if (dwarf_diecu(die, &cu, NULL, NULL)) {
		f->cu_off = dwarf_dieoffset(&cu);
		f->cu_name = dwarf_diename(&cu) ? intern(dwarf_diename(&cu)) : NULL;
	}
	if (dwarf_attr_integrate(die, DW_AT_external, &a))
		dwarf_formflag(&a, &flag);
	f->external = flag;
	if (dw_die_entry(die, &pc))
		f->entry = f->probe_addr = pc + dw->bias;
	if (dwarf_lowpc(die, &lo) == 0 && dwarf_highpc(die, &hi) == 0)
		f->size = hi - lo;
	return f->name != NULL;
}

bool dw_func_die(struct dw_kernel *dw, const struct dw_func *f, Dwarf_Die *die)
{
	return dwarf_offdie(dw->dbg, f->die_off, die) != NULL;
}

bool dw_file_matches(const char *pat, const char *file)
{
	size_t lp, lf;

	if (!file)
		return false;
	if (glob_match(pat, file))
		return true;
	/* "exit.c" and "kernel/exit.c" match ".../kernel/exit.c" */
	lp = strlen(pat);
	lf = strlen(file);
	if (!has_glob(pat))
		return lf > lp && file[lf - lp - 1] == '/' &&
		       !strcmp(file + lf - lp, pat);
	{
		char *p = xasprintf("*/%s", pat);
		bool ok = glob_match(p, file);

		free(p);
		return ok;
	}
}

static bool dw_report(struct dw_find *fs, struct dw_func *f)
{
	char key[64];
	const char *k;

	if (fs->file_pat && !dw_file_matches(fs->file_pat, f->decl_file))
		return false;
	if (fs->line && f->decl_line != fs->line)
		return false;
	snprintf(key, sizeof(key), "%d@%llx", f->kind,
		 (unsigned long long)(f->kind == DW_FUNC_INLINE_ONLY ?
				      (uint64_t)(uintptr_t)f->name : f->entry));
	k = intern(key);
	if (hmap_get(&fs->seen, k))
		return false;
	hmap_put(&fs->seen, k, (void *)1);
	fs->count++;
	if (fs->cb(f, fs->arg))
		fs->stop = true;
	return true;
}

/*
 * Pre-filter for "@file" patterns: a CU can only hold functions declared
 * in the files of its line table (a .c file may be #included into
 * another CU, as kernel/sched/build_policy.c does with rt.c).
 */
static bool dw_cu_may_match(struct dw_find *fs, Dwarf_Die *cu)
{
	if (!fs->file_pat)
		return true;
	return cu && dw_cu_has_file(fs->dw, cu, fs->file_pat);
}

/* Prologue-end lookup over one CU's line table, sorted by address. */
struct dw_plines {
	uint64_t *addr;		/* is_stmt / prologue_end rows, bias-free */
	unsigned char *pe;	/* prologue_end flag */
	size_t n;
};

struct dw_prow {
	uint64_t addr;
	bool pe;
};

static int dw_prow_cmp(const void *a, const void *b)
{
	const struct dw_prow *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (int)y->pe - (int)x->pe;	/* prologue_end first */
}

static void dw_plines_load(Dwarf_Die *cu, struct dw_plines *pl)
{
	Dwarf_Lines *lines;
	size_t n, i, k = 0;
	struct dw_prow *tmp;

	memset(pl, 0, sizeof(*pl));
	if (dwarf_getsrclines(cu, &lines, &n) != 0 || !n)
		return;
	tmp = xcalloc(n, sizeof(*tmp));
	for (i = 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		Dwarf_Addr a;
		bool stmt = false, pe = false;

		if (!l || dwarf_lineaddr(l, &a) != 0)
			continue;
		dwarf_linebeginstatement(l, &stmt);
		dwarf_lineprologueend(l, &pe);
		if (stmt || pe) {
			tmp[k].addr = a;
			tmp[k++].pe = pe;
		}
	}
	qsort(tmp, k, sizeof(*tmp), dw_prow_cmp);
	pl->addr = xcalloc(k ? k : 1, sizeof(*pl->addr));
	pl->pe = xcalloc(k ? k : 1, 1);
	for (i = 0; i < k; i++) {
		pl->addr[i] = tmp[i].addr;
		pl->pe[i] = tmp[i].pe;
	}
	pl->n = k;
	free(tmp);
}

/* Same rule as dw_skip_prologue(), by binary search. */
static uint64_t dw_plines_skip(struct dw_plines *pl, uint64_t entry, uint64_t end)
{
	size_t lo = 0, hi = pl->n, i;
	uint64_t best = 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (pl->addr[mid] <= entry)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < pl->n && pl->addr[i] < end; i++) {
		if (pl->pe[i])
			return pl->addr[i];
		if (!best)
			best = pl->addr[i];
	}
	if (best && best - entry <= 64)
		return best;
	return entry;
}

/* Reports symbol s whose body is the subprogram die. */
static void dw_report_symbol_die(struct dw_find *fs, struct dw_sym *s,
				 Dwarf_Die *die, struct dw_plines *pl)
{
	struct dw_func f;
	Dwarf_Die cu;
	Dwarf_Addr bias = fs->dw->bias;
	bool clone;

	if (!dw_fill_func(fs->dw, die, &f))
		return;
	f.kind = DW_FUNC_SYMBOL;
	f.symbol = s->name;
	dw_sym_basename(s->name, &clone);
	f.is_clone = clone;
	f.entry = s->addr;
	f.sym_addr = s->addr;
	if (!f.size)
		f.size = s->size;
	if (pl)
		f.probe_addr = dw_plines_skip(pl, s->addr - bias,
					      s->addr - bias + f.size) + bias;
	else if (dwarf_diecu(die, &cu, NULL, NULL))
		f.probe_addr = dw_skip_prologue(&cu, s->addr - bias,
						s->addr - bias + f.size) + bias;
	f.probe_offset = f.probe_addr - f.entry;
	{
		char *ks = xasprintf("__ksymtab_%s", f.name);

		f.exported = dw_sym_by_name(fs->dw, ks) != NULL;
		free(ks);
	}
	dw_report(fs, &f);
}

static void dw_report_symbol(struct dw_find *fs, struct dw_sym *s)
{
	Dwarf_Die die;
	Dwarf_Addr bias;

	if (!dw_cu_may_match(fs, dwfl_module_addrdie(fs->dw->mod, s->addr, &bias)))
		return;
	if (!dw_die_at_entry(fs->dw, s->addr, &die))
		return;
	dw_report_symbol_die(fs, s, &die, NULL);
}

/*
 * The ELF function symbol whose body holds pc (an inline copy or a
 * statement): fills f->symbol, sym_addr and probe_offset (pc - symbol).
 */
static struct dw_sym **dw_syms_by_addr(struct dw_kernel *dw, size_t *n);

/* libdwfl's lookup: also knows the ".cold" parts our table leaves out */
static bool dw_containing_symbol_slow(struct dw_kernel *dw, uint64_t pc,
				      struct dw_func *f)
{
	GElf_Sym sym;
	GElf_Off off;
	const char *name = dwfl_module_addrinfo(dw->mod, pc, &off, &sym, NULL,
						NULL, NULL);

	if (!name || GELF_ST_TYPE(sym.st_info) != STT_FUNC)
		return false;
	f->symbol = intern(name);
	f->sym_addr = pc - off;
	f->probe_addr = pc;
	f->probe_offset = off;
	return true;
}

bool dw_containing_symbol(struct dw_kernel *dw, uint64_t pc, struct dw_func *f)
{
	size_t n, lo = 0, hi;
	struct dw_sym **v = dw_syms_by_addr(dw, &n);
	struct dw_sym *s;

	/* the last function symbol starting at or below pc (binary search
	 * over our sorted table: libdwfl's addrinfo costs far more) */
	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid]->addr <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	s = lo ? v[lo - 1] : NULL;
	/* of several symbols at one address, prefer a global one */
	while (s && lo >= 2 && v[lo - 2]->addr == s->addr && !s->global)
		s = v[--lo - 1];
	if (!s || pc >= s->addr + (s->size ? s->size : 1))
		return dw_containing_symbol_slow(dw, pc, f);
	f->symbol = s->name;
	f->sym_addr = s->addr;
	f->probe_addr = pc;
	f->probe_offset = pc - s->addr;
	return true;
}

struct dw_inl_arg {
	struct dw_find *fs;
	Dwarf_Die *abstract;
};

static int dw_inline_instance(Dwarf_Die *inst, void *arg)
{
	struct dw_inl_arg *ia = arg;
	struct dw_func f;

	if (!dw_fill_func(ia->fs->dw, inst, &f))
		return DWARF_CB_OK;
	if (!f.entry)
		return DWARF_CB_OK;
	f.kind = DW_FUNC_INLINE;
	f.size = 0;
	if (!dw_containing_symbol(ia->fs->dw, f.entry, &f))
		return DWARF_CB_OK;
	dw_report(ia->fs, &f);
	return ia->fs->stop ? DWARF_CB_ABORT : DWARF_CB_OK;
}

/* Inline copies and "inline only" reports for one name, from the index. */
static void dw_report_inlines(struct dw_find *fs, const char *name,
			      bool has_symbol)
{
	struct dw_index *ix = dw_index_get(fs->dw);
	long i;

	if (!ix)
		return;
	for (i = dw_index_first(ix, name); i >= 0 && !fs->stop;
	     i = dw_index_next(ix, i)) {
		struct dw_ient *e = &ix->v[i];
		Dwarf_Die die;
		struct dw_inl_arg ia = { fs, &die };
		struct dw_func f;

		if (e->tag != DW_TAG_subprogram || !(e->flags & DW_IENT_INLINE))
			continue;
		if (!dwarf_offdie(fs->dw->dbg, e->die_off, &die))
			continue;
		if (fs->file_pat) {
			Dwarf_Die cu;

			if (!dw_cu_may_match(fs, dwarf_diecu(&die, &cu, NULL,
							     NULL)))
				continue;
		}
		if (fs->flags & (DW_FIND_INLINES | DW_FIND_NO_SYMBOLS)) {
			dwarf_func_inline_instances(&die, dw_inline_instance,
						    &ia);
		} else if (!has_symbol && dw_fill_func(fs->dw, &die, &f)) {
			f.kind = DW_FUNC_INLINE_ONLY;
			dw_report(fs, &f);
		}
	}
}

static void dw_find_name(struct dw_find *fs, const char *name,
			 struct dw_sym *syms)
{
	struct dw_sym *s;
	bool any = false;

	for (s = syms; s && !fs->stop; s = s->next)
		if (s->func) {
			any = true;
			if (!(fs->flags & DW_FIND_NO_SYMBOLS))
				dw_report_symbol(fs, s);
		}
	if (!any || (fs->flags & (DW_FIND_INLINES | DW_FIND_NO_SYMBOLS)))
		dw_report_inlines(fs, name, any);
}

static void dw_find_glob(struct dw_find *fs)
{
	struct dw_index *ix = NULL;
	size_t it = 0;
	const char *k;
	void *v;

	dw_syms_load(fs->dw);
	while (!fs->stop && hmap_next(&fs->dw->sym_by_base, &it, &k, &v))
		if (glob_match(fs->name_pat, k))
			dw_find_name(fs, k, v);
	/* names that only exist inlined */
	ix = dw_index_get(fs->dw);
	if (!ix)
		return;
	for (long i = dw_index_next_name(ix, -1); i >= 0 && !fs->stop;
	     i = dw_index_next_name(ix, i)) {
		k = ix->v[i].name;
		if (glob_match(fs->name_pat, k) &&
		    !hmap_get(&fs->dw->sym_by_base, k))
			dw_report_inlines(fs, k, false);
	}
}

/* Function symbols by address, for the CU-driven search. */
static int dw_symp_cmp(const void *a, const void *b)
{
	const struct dw_sym *x = *(struct dw_sym *const *)a;
	const struct dw_sym *y = *(struct dw_sym *const *)b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static struct dw_sym **dw_syms_by_addr(struct dw_kernel *dw, size_t *n)
{
	static struct dw_sym **v;
	static size_t nv;
	static const struct dw_kernel *owner;
	size_t i;

	if (owner == dw) {
		*n = nv;
		return v;
	}
	dw_syms_load(dw);
	free(v);
	v = xcalloc(dw->nsyms ? dw->nsyms : 1, sizeof(*v));
	for (i = nv = 0; i < dw->nsyms; i++)
		if (dw->syms[i].func)
			v[nv++] = &dw->syms[i];
	qsort(v, nv, sizeof(*v), dw_symp_cmp);
	owner = dw;
	*n = nv;
	return v;
}

/*
 * Every inlined_subroutine of one CU by the DIE it was inlined from:
 * one walk of the CU serves all its abstract functions, where
 * dwarf_func_inline_instances() walks the whole CU for each of them.
 */
struct dw_inl_pair {
	uint64_t origin, die;
};

struct dw_cu_inlines {
	bool loaded;
	VEC(struct dw_inl_pair) v;	/* sorted by origin, then die */
};

static void dw_collect_inlines(Dwarf_Die *d, struct dw_cu_inlines *ci)
{
	Dwarf_Die child;

	do {
		if (dwarf_tag(d) == DW_TAG_inlined_subroutine) {
			Dwarf_Attribute a;
			Dwarf_Die o;

			if (dwarf_attr(d, DW_AT_abstract_origin, &a) &&
			    dwarf_formref_die(&a, &o)) {
				struct dw_inl_pair p = { dwarf_dieoffset(&o),
							 dwarf_dieoffset(d) };

				vec_push(&ci->v, p);
			}
		}
		if (dwarf_child(d, &child) == 0)
			dw_collect_inlines(&child, ci);
	} while (dwarf_siblingof(d, d) == 0);
}

static int dw_inl_pair_cmp(const void *a, const void *b)
{
	const struct dw_inl_pair *x = a, *y = b;

	if (x->origin != y->origin)
		return x->origin < y->origin ? -1 : 1;
	return x->die < y->die ? -1 : x->die > y->die;
}

/* The inline instances of abstract DIE d (in its CU, in DIE order). */
static void dw_cu_inline_instances(struct dw_find *fs, Dwarf_Die *cu,
				   struct dw_cu_inlines *ci, Dwarf_Die *d)
{
	struct dw_inl_arg ia = { fs, d };
	uint64_t want = dwarf_dieoffset(d);
	size_t lo = 0, hi;

	if (!ci->loaded) {
		Dwarf_Die first;

		ci->loaded = true;
		if (dwarf_child(cu, &first) == 0)
			dw_collect_inlines(&first, ci);
		qsort(ci->v.v, ci->v.n, sizeof(*ci->v.v), dw_inl_pair_cmp);
	}
	hi = ci->v.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ci->v.v[mid].origin < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ci->v.n && ci->v.v[lo].origin == want && !fs->stop; lo++) {
		Dwarf_Die inst;

		if (dwarf_offdie(fs->dw->dbg, ci->v.v[lo].die, &inst))
			dw_inline_instance(&inst, &ia);
	}
}

/* Walks the top level of one CU that can hold file_pat's functions. */
static void dw_find_in_cu(struct dw_find *fs, Dwarf_Die *cu,
			  struct dw_sym **byaddr, size_t nsym)
{
	Dwarf_Die d;
	struct dw_plines pl;
	bool pl_loaded = false;
	struct dw_cu_inlines ci = { 0 };

	if (dwarf_child(cu, &d) != 0)
		return;
	do {
		const char *name, *file;
		Dwarf_Addr pc;
		int line = 0;

		if (dwarf_tag(&d) != DW_TAG_subprogram)
			continue;
		name = dwarf_diename(&d);
		if (!name)
			continue;
		file = dwarf_decl_file(&d);
		if (!dw_file_matches(fs->file_pat, file))
			continue;
		if (fs->line && (dwarf_decl_line(&d, &line) != 0 ||
				 line != fs->line))
			continue;
		if (dwarf_hasattr(&d, DW_AT_inline)) {
			/* abstract: inline copies / inline-only report */
			struct dw_sym *s = dw_sym_lookup(fs->dw, name);
			bool has_sym = false;

			if (!glob_match(fs->name_pat, name))
				continue;
			for (; s; s = s->next)
				has_sym |= s->func;
			if (fs->flags & (DW_FIND_INLINES | DW_FIND_NO_SYMBOLS)) {
				dw_cu_inline_instances(fs, cu, &ci, &d);
			} else if (!has_sym) {
				struct dw_func f;

				if (dw_fill_func(fs->dw, &d, &f)) {
					f.kind = DW_FUNC_INLINE_ONLY;
					dw_report(fs, &f);
				}
			}
			continue;
		}
		if ((fs->flags & DW_FIND_NO_SYMBOLS) || !dw_die_entry(&d, &pc))
			continue;
		{
			uint64_t a = pc + fs->dw->bias;
			size_t lo = 0, hi = nsym;

			while (lo < hi) {
				size_t mid = (lo + hi) / 2;

				if (byaddr[mid]->addr < a)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < nsym && byaddr[lo]->addr == a && !fs->stop; lo++) {
				/* like the symbol-table search: the glob
				 * names symbols (aliases such as
				 * __x64_sys_foo included) */
				if (!glob_match(fs->name_pat, byaddr[lo]->base))
					continue;
				if (!pl_loaded) {
					dw_plines_load(cu, &pl);
					pl_loaded = true;
				}
				dw_report_symbol_die(fs, byaddr[lo], &d, &pl);
			}
		}
	} while (!fs->stop && dwarf_siblingof(&d, &d) == 0);
	if (pl_loaded) {
		free(pl.addr);
		free(pl.pe);
	}
	vec_free(&ci.v);
}

/*
 * "glob@file": only the CUs whose line-table file list has a matching
 * file can hold such functions (a .c file may be #included into another
 * CU, as kernel/sched/build_policy.c does), so walk just those.
 */
static void dw_find_by_cu(struct dw_find *fs)
{
	Dwarf_Off off = 0, next;
	size_t hsize, nsym;
	struct dw_sym **byaddr = dw_syms_by_addr(fs->dw, &nsym);

	while (!fs->stop && dwarf_nextcu(fs->dw->dbg, off, &next, &hsize, NULL,
					 NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(fs->dw->dbg, off + hsize, &cu) &&
		    dw_cu_has_file(fs->dw, &cu, fs->file_pat))
			dw_find_in_cu(fs, &cu, byaddr, nsym);
		off = next;
	}
}

int dw_find_functions(struct dw_kernel *dw, const char *pattern, int flags,
		      dw_func_cb cb, void *arg, struct strbuf *err)
{
	struct dw_find fs = { .dw = dw, .flags = flags, .cb = cb, .arg = arg };
	char *pat = xstrdup(pattern);
	char *at = strchr(pat, '@');

	if (at) {
		char *colon;

		*at = 0;
		fs.file_pat = at + 1;
		colon = strchr(fs.file_pat, ':');
		if (colon) {
			*colon = 0;
			fs.line = atoi(colon + 1);
			if (fs.line <= 0) {
				sb_printf(err, "bad line number in '%s'",
					  pattern);
				free(pat);
				return -1;
			}
		}
	}
	fs.name_pat = *pat ? pat : "*";
	hmap_init(&fs.seen);
	if (has_glob(fs.name_pat) && fs.file_pat)
		dw_find_by_cu(&fs);
	else if (has_glob(fs.name_pat))
		dw_find_glob(&fs);
	else
		dw_find_name(&fs, intern(fs.name_pat),
			     dw_sym_lookup(dw, fs.name_pat));
	hmap_free(&fs.seen);
	free(pat);
	return fs.count;
}
