/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kernel.h - where the pieces of a target kernel live.
 *
 * A build needs the kbuild headers; DWARF resolution needs the debug
 * vmlinux; a --vm run needs the guest's bzImage.  Local runs target the
 * running kernel (uname -r); --vm targets the guest kernel cached by
 * `make deps` (runtime/vm/setup-deps) under
 *
 *   ${TAPC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tapc}/kernels/
 *	default			"<release>" of the reference guest kernel
 *	<release>/vmlinuz	guest bzImage        (linux-image-<release>)
 *	<release>/config	.config              (linux-image-<release>)
 *	<release>/vmlinux	debug vmlinux        (linux-image-<release>-dbg)
 *	<release>/System.map	symbol map           (linux-image-<release>-dbg)
 *
 * Search order:
 *   headers  /lib/modules/R/build, /usr/src/linux-headers-R
 *   vmlinux  cache, /usr/lib/debug/boot/vmlinux-R,
 *            /usr/lib/debug/lib/modules/R/vmlinux, /boot/vmlinux-R
 *   vmlinuz  cache (for_vm only)
 *   config   cache, /boot/config-R, <headers>/.config
 */
#ifndef TAPC_KBUILD_KERNEL_H
#define TAPC_KBUILD_KERNEL_H

#include <stdbool.h>

#include "util/util.h"

struct kernel_info {
	char *release;		/* e.g. "6.1.0-56-cloud-amd64" */
	bool for_vm;		/* target is the QEMU guest, not this host */
	char *headers_dir;	/* kbuild tree for make -C, or NULL */
	char *vmlinux;		/* debug vmlinux (DWARF), or NULL */
	char *vmlinuz;		/* guest bzImage (for_vm), or NULL */
	char *config_path;	/* kernel .config, or NULL */
	char *system_map;	/* System.map with real symbols, or NULL */
	struct hmap config;	/* CONFIG_X -> value; filled on first lookup */
	bool config_loaded;
};

/*
 * Locates the kernel 'release' (NULL: `uname -r`, or with for_vm the
 * cached kernels/default).  Fills *out with every piece found (missing
 * ones are NULL) and returns true when everything needed to build a
 * module (headers) and, with for_vm, to boot the guest (vmlinuz) is
 * there.  Otherwise it reports each missing piece with the Debian
 * package that provides it and `make deps`, and returns false; *out is
 * still filled as far as possible (passes 1-2 may go on without it).
 * A missing vmlinux is not an error here: see kernel_need_vmlinux().
 */
bool kernel_find(const char *release, bool for_vm, struct kernel_info *out);

/* Reports (once per process) and returns false when ki has no debug
 * vmlinux; for scripts that need DWARF. */
bool kernel_need_vmlinux(const struct kernel_info *ki);

/* The value of a config option ("y", "m", "256", unquoted string), or
 * NULL when unset or when no config was found.  'name' with or without
 * the CONFIG_ prefix. */
const char *kernel_config(struct kernel_info *ki, const char *name);

/* tapc's cache root (TAPC_CACHE, XDG_CACHE_HOME/tapc, ~/.cache/tapc). */
const char *kernel_cache_dir(void);

/* The release named by the cache's kernels/default (the --vm guest), or
 * NULL; the caller frees it. */
char *kernel_default_vm_release(void);

/* The running kernel's release (uname -r). */
const char *kernel_uname_release(void);

void kernel_info_free(struct kernel_info *ki);

#endif
