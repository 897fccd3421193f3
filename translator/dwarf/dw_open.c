// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_open.c - open vmlinux or any ELF file with libdwfl (offline, bias 0
 * for ET_EXEC), read its build-id, locate the tapc cache.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../diag.h"
#include "dw_internal.h"

static const Dwfl_Callbacks dw_offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

char *dw_cache_root(void)
{
	const char *s = getenv("TAPC_CACHE");

	if (s && *s)
		return xstrdup(s);
	s = getenv("XDG_CACHE_HOME");
	if (s && *s)
		return xasprintf("%s/tapc", s);
	s = getenv("HOME");
	return xasprintf("%s/.cache/tapc", s ? s : "/tmp");
}

static void dw_read_build_id(struct dw_kernel *dw)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	int n = dwfl_module_build_id(dw->mod, &bits, &vaddr);
	int i;

	dw->build_id[0] = 0;
	for (i = 0; i < n && 2 * i + 2 < (int)sizeof(dw->build_id); i++)
		sprintf(dw->build_id + 2 * i, "%02x", bits[i]);
}

/* Returns NULL and sets *why if path cannot be used. */
static struct dw_kernel *dw_open_path(const char *path, const char *modname,
				      const char **why)
{
	struct dw_kernel *dw;

	if (access(path, R_OK) != 0) {
		*why = strerror(errno);
		return NULL;
	}
	dw = xcalloc(1, sizeof(*dw));
	dw->dwfl = dwfl_begin(&dw_offline_callbacks);
	if (!dw->dwfl)
		goto err_free;
	dw->mod = dwfl_report_offline(dw->dwfl, modname, path, -1);
	dwfl_report_end(dw->dwfl, NULL, NULL);
	if (!dw->mod)
		goto err_end;
	dw->dbg = dwfl_module_getdwarf(dw->mod, &dw->bias);
	if (!dw->dbg) {
		*why = "no DWARF debugging information";
		dwfl_end(dw->dwfl);
		free(dw);
		return NULL;
	}
	dw->path = xstrdup(path);
	hmap_init(&dw->sym_by_base);
	dw_read_build_id(dw);
	return dw;

err_end:
	dwfl_end(dw->dwfl);
err_free:
	*why = dwfl_errmsg(-1);
	free(dw);
	return NULL;
}

static char *dw_default_kver(const char *root)
{
	char *p = xasprintf("%s/kernels/default", root);
	size_t len;
	char *s = read_file(p, &len);

	free(p);
	if (!s)
		return NULL;
	while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
		s[--len] = 0;
	return s;
}

struct dw_kernel *dw_open_kernel(const char *vmlinux_path, const char *kver)
{
	char *root = dw_cache_root();
	char *kv = kver ? xstrdup(kver) : dw_default_kver(root);
	char *path = vmlinux_path ? xstrdup(vmlinux_path) : NULL;
	const char *why = NULL;
	struct dw_kernel *dw = NULL;
	struct diag *d;

	if (!path && !kv) {
		diag_fatal_noloc("no kernel release given and %s/kernels/default does not exist",
				 root);
		goto out;
	}
	if (!path)
		path = xasprintf("%s/kernels/%s/vmlinux", root, kv);
	dw = dw_open_path(path, "kernel", &why);
	if (dw) {
		dw->reloc = true;
		dw->kver = kv ? intern(kv) : NULL;
	}
	if (!dw) {
		d = diag_new(DIAG_ERROR, NULL,
			     "cannot use kernel debuginfo %s: %s", path, why);
		diag_hint(d, "install linux-image-%s-dbg and extract its vmlinux to %s, or run 'make deps'",
			  kv ? kv : "<KVER>", path);
		diag_emit(d);
	}
out:
	free(root);
	free(kv);
	free(path);
	return dw;
}

struct dw_kernel *dw_open_elf(const char *path)
{
	const char *why = NULL;
	struct dw_kernel *dw = dw_open_path(path, path, &why);

	if (!dw)
		diag_error(NULL, "cannot use debuginfo of %s: %s", path, why);
	return dw;
}

/* name and a .ko file name the same module ('-' == '_')? */
static bool dw_ko_name_is(const char *file, const char *name)
{
	size_t n = strlen(name);
	size_t i;

	if (strlen(file) != n + 3 || strcmp(file + n, ".ko"))
		return false;
	for (i = 0; i < n; i++) {
		char a = file[i] == '-' ? '_' : file[i];
		char b = name[i] == '-' ? '_' : name[i];

		if (a != b)
			return false;
	}
	return true;
}

/* Depth-first search for <name>.ko under dir; caller frees. */
static char *dw_find_ko(const char *dir, const char *name, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;

	if (!d)
		return NULL;
	while (!found && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (dw_ko_name_is(e->d_name, name)) {
			found = xasprintf("%s/%s", dir, e->d_name);
		} else if (depth < 8 && (e->d_type == DT_DIR ||
					 e->d_type == DT_UNKNOWN) &&
			   !strchr(e->d_name, '.')) {
			char *sub = xasprintf("%s/%s", dir, e->d_name);

			found = dw_find_ko(sub, name, depth + 1);
			free(sub);
		}
	}
	closedir(d);
	return found;
}

struct dw_kernel *dw_open_module(const char *name, const char *kver,
				 struct strbuf *err)
{
	char *root = dw_cache_root();
	char *kv = kver ? xstrdup(kver) : dw_default_kver(root);
	char *cands[3] = { 0 };
	struct dw_kernel *dw = NULL;
	int i;

	if (!kv) {
		sb_printf(err, "no kernel release known");
		free(root);
		return NULL;
	}
	cands[0] = xasprintf("%s/kernels/%s/debug/%s.ko", root, kv, name);
	if (access(cands[0], R_OK) != 0) {
		char *alt = xstrdup(name), *q;

		for (q = alt; *q; q++)
			*q = *q == '-' ? '_' : *q;
		free(cands[0]);
		cands[0] = xasprintf("%s/kernels/%s/debug/%s.ko", root, kv, alt);
		free(alt);
		if (access(cands[0], R_OK) != 0) {
			free(cands[0]);
			cands[0] = NULL;
		}
	}
	{
		char *d1 = xasprintf("/usr/lib/debug/lib/modules/%s", kv);
		char *d2 = xasprintf("/lib/modules/%s/kernel", kv);

		cands[1] = dw_find_ko(d1, name, 0);
		cands[2] = dw_find_ko(d2, name, 0);
		free(d1);
		free(d2);
	}
	sb_printf(err, "tried");
	for (i = 0; i < 3 && !dw; i++) {
		const char *why = NULL;
		static const char *const what[] = {
			"%s/kernels/%s/debug/%s.ko",
			"/usr/lib/debug/lib/modules/%s/**/%s.ko",
			"/lib/modules/%s/kernel/**/%s.ko (+ build-id debuginfo)",
		};

		if (!cands[i]) {
			sb_puts(err, i ? "; " : " ");
			if (i == 0)
				sb_printf(err, what[0], root, kv, name);
			else
				sb_printf(err, what[i], kv, name);
			sb_puts(err, ": not found");
			continue;
		}
		dw = dw_open_path(cands[i], name, &why);
		if (!dw)
			sb_printf(err, "%s%s: %s", i ? "; " : " ", cands[i], why);
	}
	if (dw) {
		dw->is_module = true;
		dw->reloc = false;
		dw->kver = intern(kv);
		dw->modname = intern(name);
	}
	for (i = 0; i < 3; i++)
		free(cands[i]);
	free(kv);
	free(root);
	return dw;
}

struct dw_kernel *dw_module_cached(const char *name, const char *kver,
				   struct strbuf *err)
{
	static struct hmap opened;	/* "kver/name" -> dw_kernel */
	char *key = xasprintf("%s/%s", kver ? kver : "", name), *q;
	struct dw_kernel *dw;

	for (q = key; *q; q++)
		*q = *q == '-' ? '_' : *q;
	dw = hmap_get(&opened, key);
	if (!dw) {
		dw = dw_open_module(name, kver, err);
		if (dw)
			hmap_put(&opened, intern(key), dw);
	}
	free(key);
	return dw;
}

void dw_close(struct dw_kernel *dw)
{
	if (!dw)
		return;
	dwfl_end(dw->dwfl);
	hmap_free(&dw->sym_by_base);
	free(dw->syms);
	free((char *)dw->path);
	if (dw->idx) {
		free(dw->idx->v);
		free(dw->idx->text);
		vec_free(&dw->idx->cus);
		vec_free(&dw->idx->cu_names);
		free(dw->idx);
	}
	free(dw);
}

void dw_set_reloc(struct dw_kernel *dw, bool on)
{
	dw->reloc = on;
}

const char *dw_build_id(const struct dw_kernel *dw)
{
	return dw->build_id;
}
