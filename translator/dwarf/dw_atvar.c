// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_atvar.c - @var("name[@file]"): a global or file-static variable.
 *
 * Looked up first among the top-level DIEs of the probed function's CU
 * (a static of the probed file wins, as in C scoping), then through the
 * CU index, which holds every top-level variable with a location.  The
 * variable's DW_OP_addr is a link-time address; dw_loc.c wraps it in
 * init_task (or tapc_kernel_reloc()) for the kernel (KASLR).
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

static bool dw_atvar_ok(Dwarf_Die *d, const char *name, const char *file)
{
	const char *n;

	if (dwarf_tag(d) != DW_TAG_variable || !dwarf_hasattr(d, DW_AT_location))
		return false;
	n = dwarf_diename(d);
	if (!n || strcmp(n, name))
		return false;
	if (file) {
		Dwarf_Die cu;
		const char *df = dwarf_decl_file(d);
		const char *cn = dwarf_diecu(d, &cu, NULL, NULL) ?
				 dwarf_diename(&cu) : NULL;

		if (!dw_file_matches(file, df) && !dw_file_matches(file, cn))
			return false;
	}
	return true;
}

bool dw_atvar_find(struct dw_tctx *t, const char *spec, Dwarf_Die *var)
{
	char *nm = xstrdup(spec), *at = strchr(nm, '@');
	const char *file = NULL;
	struct dw_index *ix;
	long i;
	bool ok = false;

	if (at) {
		*at = 0;
		file = at + 1;
	}
	if (!*nm || (file && !*file)) {
		sb_printf(t->err, "bad @var(\"%s\"): expected \"name\" or \"name@file\"",
			  spec);
		goto out;
	}
	if (t->has_func) {
		Dwarf_Die cu, d;

		if (dwarf_diecu(&t->func, &cu, NULL, NULL) &&
		    dwarf_child(&cu, &d) == 0) {
			do {
				if (dw_atvar_ok(&d, nm, file)) {
					*var = d;
					ok = true;
					goto out;
				}
			} while (dwarf_siblingof(&d, &d) == 0);
		}
	}
	ix = dw_index_get(t->dw);
	for (i = ix ? dw_index_first(ix, intern(nm)) : -1; i >= 0;
	     i = dw_index_next(ix, i)) {
		Dwarf_Die d;

		if (ix->v[i].tag != DW_TAG_variable ||
		    !dwarf_offdie(t->dw->dbg, ix->v[i].die_off, &d))
			continue;
		if (dw_atvar_ok(&d, nm, file)) {
			*var = d;
			ok = true;
			goto out;
		}
	}
	if (file)
		sb_printf(t->err, "unable to find global variable `%s` in %s",
			  nm, file);
	else
		sb_printf(t->err, "unable to find global variable `%s`", nm);
out:
	free(nm);
	return ok;
}
