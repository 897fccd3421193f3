// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * driver_dwarf.c - opening the target kernel's DWARF for pass 2, and the
 * -l / -L listing that needs it.
 */
#include "diag.h"
#include "driver.h"
#include "dwarf/dwarf.h"
#include "elaborate/elaborate.h"
#include "kbuild/kernel.h"
#include "parse/parse.h"

/*
 * Opens the kernel's DWARF.  A missing vmlinux is not an error yet: only
 * scripts that need DWARF fail, and they say which package to install.
 */
struct dw_kernel *driver_open_dwarf(const struct session *s)
{
	if (!s->kernel || !s->kernel->vmlinux)
		return NULL;
	return dw_open_kernel(s->kernel->vmlinux, s->release);
}

int driver_list(struct session *s, const struct parse_env *env)
{
	struct dw_kernel *dw = driver_open_dwarf(s);
	int n;

	n = el_list_probes(s, env, dw, s->list_pattern, s->list_vars, stdout);
	return diag_errors() ? 1 : (n > 0 ? 0 : 1);
}
