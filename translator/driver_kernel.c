// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * driver_kernel.c - what passes 1 and 2 need to know about the target
 * kernel before anything is built: its release, its .config (for
 * %( CONFIG_FOO == "y" %) tests), the macro libraries, and its DWARF.
 *
 * Paths (see README): the guest kernel cache is
 * ${TAPC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tapc}/kernels/<release>/,
 * with kernels/default naming the release `make deps` fetched.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "driver.h"
#include "parse/parse.h"

const char *driver_cache_dir(void)
{
	static const char *dir;
	const char *e;

	if (dir)
		return dir;
	if ((e = getenv("TAPC_CACHE")) && *e)
		dir = xstrdup(e);
	else if ((e = getenv("XDG_CACHE_HOME")) && *e)
		dir = xasprintf("%s/tapc", e);
	else
		dir = xasprintf("%s/.cache/tapc", getenv("HOME") ? getenv("HOME") : "/tmp");
	return dir;
}

const char *driver_default_vm_release(void)
{
	char *path = xasprintf("%s/kernels/default", driver_cache_dir());
	char *text = read_file(path, NULL);

	free(path);
	if (!text)
		return NULL;
	text[strcspn(text, " \t\r\n")] = '\0';
	if (!*text) {
		free(text);
		return NULL;
	}
	return text;
}

/* ---- kernel .config ---- */

static struct hmap *config_load(const char *release)
{
	const char *cands[4];
	struct hmap *h = xcalloc(1, sizeof(*h));
	char *text = NULL;
	char *line, *save;
	int i;

	cands[0] = xasprintf("%s/kernels/%s/config", driver_cache_dir(), release);
	cands[1] = xasprintf("/boot/config-%s", release);
	cands[2] = xasprintf("/lib/modules/%s/build/.config", release);
	cands[3] = xasprintf("/usr/src/linux-headers-%s/.config", release);
	hmap_init(h);
	for (i = 0; i < 4 && !text; i++)
		text = read_file(cands[i], NULL);
	if (!text)
		return h;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		char *val;
		size_t n;

		if (line[0] != 'C' || !eq)
			continue;
		*eq = '\0';
		val = eq + 1;
		n = strlen(val);
		if (n >= 2 && val[0] == '"' && val[n - 1] == '"')
			val = xstrndup(val + 1, n - 2);
		hmap_put(h, intern(line), xstrdup(val));
	}
	free(text);
	return h;
}

static const char *config_lookup(void *arg, const char *name)
{
	return hmap_get(arg, intern(name));
}

void driver_config_attach(struct parse_env *env)
{
	env->config = config_lookup;
	env->config_arg = config_load(env->kernel_vr);
}

/* ---- .stpm macro libraries in the tapset search path ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_stpm_dir(const struct parse_env *env, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	VEC(char *) names = { 0 };
	size_t i;

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n > 5 && !strcmp(e->d_name + n - 5, ".stpm"))
			vec_push(&names, xasprintf("%s/%s", dir, e->d_name));
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++)
		parse_macro_file(env, names.v[i]);
	vec_free(&names);
}

void driver_load_macro_libraries(const struct session *s,
				 struct parse_env *env)
{
	size_t i;
	char *bundled = xasprintf("%s/tapset", s->datadir);

	for (i = 0; i < s->include_dirs.n; i++)
		load_stpm_dir(env, s->include_dirs.v[i]);
	load_stpm_dir(env, bundled);
	free(bundled);
}

const char *driver_release(const struct session *s)
{
	if (s->release)
		return s->release;
	if (s->vm) {
		const char *r = driver_default_vm_release();

		if (r)
			return r;
		diag_fatal_noloc("--vm: no guest kernel in %s/kernels "
				 "(run `make deps` to fetch it)",
				 driver_cache_dir());
		exit(2);
	}
	return driver_uname_release();
}

const char *driver_uname_release(void)
{
	static char buf[256];
	FILE *f = fopen("/proc/sys/kernel/osrelease", "r");

	if (f) {
		if (fgets(buf, sizeof(buf), f))
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
	}
	return buf[0] ? buf : "unknown";
}

