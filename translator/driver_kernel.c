// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * driver_kernel.c - what passes 1 and 2 need to know about the target
 * kernel before anything is built: its release, its .config (for
 * %( CONFIG_FOO == "y" %) tests) and the .stpm macro libraries.
 *
 * The kernel is located once (kbuild/kernel.c); what is missing is only
 * reported by the pass that needs it, so -p1 works without headers.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "driver.h"
#include "kbuild/kernel.h"
#include "parse/parse.h"

/* Locates the target kernel quietly; false only if no release is known. */
bool driver_find_kernel(struct session *s)
{
	struct kernel_info *ki = xcalloc(1, sizeof(*ki));

	diag_push_mute();
	kernel_find(s->release, s->vm, ki);
	diag_pop_mute();
	if (!ki->release) {
		/* say why, loudly this time */
		kernel_find(s->release, s->vm, ki);
		return false;
	}
	s->kernel = ki;
	s->release = ki->release;
	return true;
}

/* Locates it again, loudly, when a pass needs the headers. */
bool driver_need_headers(struct session *s)
{
	struct kernel_info ki;

	if (s->kernel->headers_dir && (!s->vm || s->kernel->vmlinuz))
		return true;
	kernel_find(s->release, s->vm, &ki);
	return false;
}

static const char *config_lookup(void *arg, const char *name)
{
	return kernel_config(arg, name);
}

void driver_config_attach(const struct session *s, struct parse_env *env)
{
	env->config = config_lookup;
	env->config_arg = s->kernel;
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
