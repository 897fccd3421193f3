// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kernel.c - locating a target kernel's headers, debug vmlinux, guest
 * image and .config (see kernel.h for the search order).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "diag.h"
#include "kbuild/kernel.h"

const char *kernel_cache_dir(void)
{
	static char *dir;
	const char *e;

	if (dir)
		return dir;
	if ((e = getenv("TAPC_CACHE")) && *e)
		dir = xstrdup(e);
	else if ((e = getenv("XDG_CACHE_HOME")) && *e)
		dir = xasprintf("%s/tapc", e);
	else if ((e = getenv("HOME")) && *e)
		dir = xasprintf("%s/.cache/tapc", e);
	else
		dir = xstrdup("/tmp/tapc-cache");
	return dir;
}

const char *kernel_uname_release(void)
{
	static struct utsname u;

	if (!u.release[0] && uname(&u) != 0)
		return "unknown";
	return u.release;
}

static bool is_file(const char *p)	/* and readable */
{
	return path_is_file(p) && access(p, R_OK) == 0;
}

/* A usable kbuild tree has a Makefile and the generated autoconf. */
static bool is_kbuild_dir(const char *d)
{
	char *mk = xasprintf("%s/Makefile", d);
	char *ac = xasprintf("%s/include/config/auto.conf", d);
	bool ok = is_file(mk) && is_file(ac);

	free(mk);
	free(ac);
	return ok;
}

/* Returns the first candidate accepted by ok() (caller frees), or NULL. */
static char *first_of(char **cands, int n, bool (*ok)(const char *))
{
	char *found = NULL;

	for (int i = 0; i < n; i++) {
		if (!found && cands[i] && ok(cands[i]))
			found = cands[i];
		else
			free(cands[i]);
	}
	return found;
}

char *kernel_default_vm_release(void)
{
	char *path = xasprintf("%s/kernels/default", kernel_cache_dir());
	char *text = read_file(path, NULL);

	free(path);
	if (!text)
		return NULL;
	text[strcspn(text, " \t\r\n")] = '\0';
	if (!*text || strchr(text, '/')) {
		free(text);
		return NULL;
	}
	return text;
}

static void missing(const char *what, const char *pkg, const char *looked)
{
	struct diag *d = diag_new(DIAG_ERROR, NULL, "%s not found", what);

	diag_hint(d, "looked in %s", looked);
	diag_hint(d, "it is in the Debian package %s; `make deps` "
		  "(runtime/vm/setup-deps) fetches what --vm needs", pkg);
	diag_emit(d);
}

bool kernel_find(const char *release, bool for_vm, struct kernel_info *out)
{
	const char *cache = kernel_cache_dir();
	char *c[4];
	bool ok = true;

	memset(out, 0, sizeof(*out));
	out->for_vm = for_vm;
	hmap_init(&out->config);
	if (release) {
		out->release = xstrdup(release);
	} else if (for_vm) {
		out->release = kernel_default_vm_release();
		if (!out->release) {
			struct diag *d = diag_new(DIAG_ERROR, NULL,
				"no guest kernel: %s/kernels/default is missing",
				cache);
			diag_hint(d, "run `make deps` (runtime/vm/setup-deps) "
				  "to fetch Debian's cloud kernel into the cache");
			diag_emit(d);
			return false;
		}
	} else {
		out->release = xstrdup(kernel_uname_release());
	}
	const char *r = out->release;

	c[0] = xasprintf("/lib/modules/%s/build", r);
	c[1] = xasprintf("/usr/src/linux-headers-%s", r);
	out->headers_dir = first_of(c, 2, is_kbuild_dir);

	c[0] = xasprintf("%s/kernels/%s/vmlinux", cache, r);
	c[1] = xasprintf("/usr/lib/debug/boot/vmlinux-%s", r);
	c[2] = xasprintf("/usr/lib/debug/lib/modules/%s/vmlinux", r);
	c[3] = xasprintf("/boot/vmlinux-%s", r);
	out->vmlinux = first_of(c, 4, is_file);

	if (for_vm) {
		c[0] = xasprintf("%s/kernels/%s/vmlinuz", cache, r);
		out->vmlinuz = first_of(c, 1, is_file);
	}

	c[0] = xasprintf("%s/kernels/%s/config", cache, r);
	c[1] = xasprintf("/boot/config-%s", r);
	c[2] = out->headers_dir ? xasprintf("%s/.config", out->headers_dir) : NULL;
	out->config_path = first_of(c, 3, is_file);

	c[0] = xasprintf("%s/kernels/%s/System.map", cache, r);
	c[1] = xasprintf("/usr/lib/debug/boot/System.map-%s", r);
	c[2] = xasprintf("/boot/System.map-%s", r);
	out->system_map = first_of(c, 3, is_file);

	if (!out->headers_dir) {
		char *what = xasprintf("kernel headers for %s", r);
		char *pkg = xasprintf("linux-headers-%s", r);
		char *looked = xasprintf("/lib/modules/%s/build and "
					 "/usr/src/linux-headers-%s", r, r);

		missing(what, pkg, looked);
		free(what);
		free(pkg);
		free(looked);
		ok = false;
	}
	if (for_vm && !out->vmlinuz) {
		char *what = xasprintf("guest kernel image for %s", r);
		char *pkg = xasprintf("linux-image-%s", r);
		char *looked = xasprintf("%s/kernels/%s/vmlinuz", cache, r);

		missing(what, pkg, looked);
		free(what);
		free(pkg);
		free(looked);
		ok = false;
	}
	return ok;
}

bool kernel_need_vmlinux(const struct kernel_info *ki)
{
	static bool reported;

	if (ki->vmlinux)
		return true;
	if (!reported) {
		const char *r = ki->release ? ki->release : "?";
		char *what = xasprintf("debug vmlinux (DWARF) for %s", r);
		char *pkg = xasprintf("linux-image-%s-dbg", r);
		char *looked = xasprintf("%s/kernels/%s/vmlinux, "
			"/usr/lib/debug/boot/vmlinux-%s, "
			"/usr/lib/debug/lib/modules/%s/vmlinux, /boot/vmlinux-%s",
			kernel_cache_dir(), r, r, r, r);

		missing(what, pkg, looked);
		free(what);
		free(pkg);
		free(looked);
		reported = true;
	}
	return false;
}

static void config_load(struct kernel_info *ki)
{
	char *text, *line, *save;

	ki->config_loaded = true;
	if (!ki->config_path || !(text = read_file(ki->config_path, NULL)))
		return;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		char *val;
		size_t n;

		if (strncmp(line, "CONFIG_", 7) != 0 || !eq)
			continue;
		*eq = '\0';
		val = eq + 1;
		n = strlen(val);
		if (n >= 2 && val[0] == '"' && val[n - 1] == '"')
			val = xstrndup(val + 1, n - 2);
		else
			val = xstrdup(val);
		free(hmap_put(&ki->config, intern(line), val));
	}
	free(text);
}

const char *kernel_config(struct kernel_info *ki, const char *name)
{
	const char *key;

	if (!ki->config_loaded)
		config_load(ki);
	if (strncmp(name, "CONFIG_", 7) == 0) {
		key = intern(name);
	} else {
		char *full = xasprintf("CONFIG_%s", name);

		key = intern(full);
		free(full);
	}
	return hmap_get(&ki->config, key);
}

void kernel_info_free(struct kernel_info *ki)
{
	const char *k;
	void *v;

	for (size_t i = 0; hmap_next(&ki->config, &i, &k, &v);)
		free(v);
	hmap_free(&ki->config);
	free(ki->release);
	free(ki->headers_dir);
	free(ki->vmlinux);
	free(ki->vmlinuz);
	free(ki->config_path);
	free(ki->system_map);
	memset(ki, 0, sizeof(*ki));
}
