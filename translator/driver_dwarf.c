// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * driver_dwarf.c - opening the target kernel's DWARF for pass 2, and the
 * -l / -L listing that needs it.
 */
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "driver.h"
#include "dwarf/dwarf.h"
#include "elaborate/elaborate.h"
#include "parse/parse.h"

/* ---- DWARF ---- */

/* Where the debug vmlinux of a release may be. */
static char *find_vmlinux(const char *release)
{
	char *cands[4];
	char *found = NULL;
	int i;

	cands[0] = xasprintf("%s/kernels/%s/vmlinux", driver_cache_dir(), release);
	cands[1] = xasprintf("/usr/lib/debug/boot/vmlinux-%s", release);
	cands[2] = xasprintf("/usr/lib/debug/lib/modules/%s/vmlinux", release);
	cands[3] = xasprintf("/boot/vmlinux-%s", release);
	for (i = 0; i < 4; i++) {
		if (!found && access(cands[i], R_OK) == 0)
			found = cands[i];
		else
			free(cands[i]);
	}
	return found;
}

/*
 * Opens the kernel's DWARF.  A missing vmlinux is not an error yet: only
 * scripts that need DWARF fail, and they say which package to install.
 */
bool driver_open_dwarf(struct session *s, struct dw_kernel **dw)
{
	char *path;

	if (!s->release)
		s->release = driver_release(s);
	path = find_vmlinux(s->release);
	*dw = NULL;
	if (!path)
		return true;
	*dw = dw_open_kernel(path, s->release);
	free(path);
	return true;
}

int driver_list(struct session *s, const struct parse_env *env)
{
	struct dw_kernel *dw = NULL;
	int n;

	driver_open_dwarf(s, &dw);
	n = el_list_probes(s, env, dw, s->list_pattern, s->list_vars, stdout);
	return diag_errors() ? 1 : (n > 0 ? 0 : 1);
}
