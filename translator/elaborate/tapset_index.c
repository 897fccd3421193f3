// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapset_index.c - the tapset library: parse every *.stp under the search
 * path once (quietly), index which file defines which function, global and
 * probe alias, and pull files into the program only when the script needs
 * something they define.
 *
 * A tapset file with syntax errors is only a warning while nothing needs
 * it (as stap does); when the script needs it, its errors are reported.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* All *.stp files below dir, sorted, depth-first. */
static void list_stp(const char *dir, int depth, void *vec)
{
	VEC(char *) *out = vec;
	VEC(char *) names = { 0 };
	DIR *d;
	struct dirent *e;
	size_t i;

	if (depth > 4 || !(d = opendir(dir)))
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		vec_push(&names, xasprintf("%s/%s", dir, e->d_name));
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++) {
		struct stat st;
		size_t n = strlen(names.v[i]);

		if (stat(names.v[i], &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			list_stp(names.v[i], depth + 1, out);
		else if (n > 4 && !strcmp(names.v[i] + n - 4, ".stp"))
			vec_push(out, xstrdup(names.v[i]));
	}
	for (i = 0; i < names.n; i++)
		free(names.v[i]);
	vec_free(&names);
}

static void index_function(struct el_ctx *c, struct ast_node *fn,
			   struct el_file *f)
{
	const char *name = intern(fn->u.func.name);
	struct el_fdefs *defs = hmap_get(&c->funcs, name);

	if (!defs) {
		defs = xcalloc(1, sizeof(*defs));
		hmap_put(&c->funcs, name, defs);
	}
	vec_push(&defs->defs, fn);
	vec_push(&defs->files, f);
}

/* Indexes what a file defines; the script's own definitions come first
 * because the script is added first. */
void ti_add_file(struct el_ctx *c, struct el_file *f)
{
	struct ast_node *n, *name;

	vec_push(&c->files, f);
	if (!f->ast)
		return;
	for (n = f->ast->functions; n; n = n->next)
		index_function(c, n, f);
	for (n = f->ast->globals; n; n = n->next) {
		const char *g = intern(n->u.global.name);

		if (!hmap_get(&c->global_files, g))
			hmap_put(&c->global_files, g, f);
	}
	for (n = f->ast->aliases; n; n = n->next) {
		for (name = n->u.probe.names; name; name = name->next) {
			struct el_alias a = { n, name, f };

			vec_push(&c->aliases, a);
		}
	}
}

void ti_load(struct el_ctx *c)
{
	VEC(char *) paths = { 0 };
	size_t i;
	char *bundled = xasprintf("%s/tapset", c->s->datadir);

	for (i = 0; i < c->s->include_dirs.n; i++)
		list_stp(c->s->include_dirs.v[i], 0, &paths);
	list_stp(bundled, 0, &paths);
	free(bundled);

	for (i = 0; i < paths.n; i++) {
		struct el_file *f = xcalloc(1, sizeof(*f));

		f->path = paths.v[i];
		diag_push_mute();
		f->ast = parse_file(c->env, f->path, true);
		diag_pop_mute();
		if (f->ast && f->ast->had_errors)
			diag_warn(NULL, "tapset file %s has syntax errors; it is "
				  "ignored unless the script needs it", f->path);
		ti_add_file(c, f);
	}
	vec_free(&paths);
}

/*
 * Pulls a file into the program: its globals become known, its plain
 * probes and embedded blocks are added.  A file with syntax errors is
 * parsed again, loudly, so the user sees why it cannot be used.
 */
void ti_use_file(struct el_ctx *c, struct el_file *f)
{
	struct ast_node *n;

	if (f->used)
		return;
	f->used = true;
	if (!f->ast)
		return;
	if (f->ast->had_errors && !f->is_script) {
		diag_error(NULL, "the script needs tapset file %s, which has "
			   "syntax errors:", f->path);
		parse_file(c->env, f->path, true);
		return;
	}
	for (n = f->ast->embedded; n; n = n->next)
		vec_push(&c->prog->embedded, n->u.embedded.code);
}
