// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_sym.c - the ELF symbol table as a map from source name to symbols.
 *
 * gcc names its clones "name.isra.N", "name.constprop.N", "name.part.N"
 * (and combinations); "name.cold" is a split-off cold block, not an entry.
 * The map is keyed by the name before the first '.', so an exact probe on
 * "do_execveat_common" finds "do_execveat_common.isra.0".
 */
#include <string.h>

#include "dw_internal.h"

/* Returns the source name of an ELF symbol name (interned if it differs). */
const char *dw_sym_basename(const char *name, bool *is_clone)
{
	const char *dot = strchr(name, '.');

	*is_clone = false;
	if (!dot || dot == name)
		return name;
	*is_clone = true;
	return intern_n(name, dot - name);
}

static bool dw_sym_is_cold(const char *name)
{
	const char *p = strstr(name, ".cold");

	return p && (p[5] == 0 || p[5] == '.');
}

void dw_syms_load(struct dw_kernel *dw)
{
	int n, i;
	size_t k = 0;

	if (dw->syms_loaded)
		return;
	dw->syms_loaded = true;
	n = dwfl_module_getsymtab(dw->mod);
	if (n <= 0)
		return;
	dw->syms = xcalloc(n, sizeof(*dw->syms));
	hmap_reserve(&dw->sym_by_base, (size_t)n);
	for (i = 1; i < n; i++) {
		GElf_Sym s;
		GElf_Addr addr;
		const char *name = dwfl_module_getsym_info(dw->mod, i, &s, &addr,
							   NULL, NULL, NULL);
		struct dw_sym *ds;
		bool clone;
		int type = GELF_ST_TYPE(s.st_info);

		if (!name || !*name || s.st_shndx == SHN_UNDEF)
			continue;
		if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
			continue;
		if (dw_sym_is_cold(name))
			continue;
		ds = &dw->syms[k++];
		ds->name = name;
		ds->base = dw_sym_basename(name, &clone);
		/* ET_REL modules: st_value is section-relative, addr is
		 * where libdwfl laid the section out (as the DWARF is) */
		ds->addr = dw->is_module ? addr : s.st_value;
		ds->size = s.st_size;
		ds->func = type == STT_FUNC;
		ds->global = GELF_ST_BIND(s.st_info) != STB_LOCAL;
		ds->next = hmap_put(&dw->sym_by_base, ds->base, ds);
	}
	dw->nsyms = k;
}

struct dw_sym *dw_sym_lookup(struct dw_kernel *dw, const char *base)
{
	dw_syms_load(dw);
	return hmap_get(&dw->sym_by_base, base);
}

struct dw_sym *dw_sym_by_name(struct dw_kernel *dw, const char *name)
{
	bool clone;
	struct dw_sym *s = dw_sym_lookup(dw, dw_sym_basename(name, &clone));

	for (; s; s = s->next)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

void dw_function_names(struct dw_kernel *dw,
		       void (*cb)(const char *name, void *arg), void *arg)
{
	size_t it = 0;
	const char *k;
	void *v;

	dw_syms_load(dw);
	while (hmap_next(&dw->sym_by_base, &it, &k, &v)) {
		struct dw_sym *s;

		for (s = v; s; s = s->next)
			if (s->func) {
				cb(k, arg);
				break;
			}
	}
}

uint64_t dw_kaslr_anchor(struct dw_kernel *dw)
{
	struct dw_sym *s;

	if (dw->is_module)
		return 0;
	s = dw_sym_by_name(dw, "init_task");
	return s && !s->func ? s->addr : 0;
}
