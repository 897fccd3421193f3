// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * parse_lib.c - `tapc -p1 -v`: parse every tapset file of the search
 * path and print it after the script, each one headed by a comment
 * naming the file, the way stap -p1 -v shows its library.
 *
 * Files are *.stp below each directory (sorted, depth-first, at most
 * five levels), in search-path order.  A file with syntax errors gets a
 * warning and its errors stay quiet, as in pass 2.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse_int.h"

typedef VEC(char *) path_vec;

static int lib_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lib_list(const char *dir, int depth, path_vec *out)
{
	path_vec names = { 0 };
	DIR *d;
	struct dirent *e;

	if (depth > 4 || !(d = opendir(dir)))
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			vec_push(&names, xasprintf("%s/%s", dir, e->d_name));
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), lib_cmp);
	for (size_t i = 0; i < names.n; i++) {
		struct stat st;
		size_t n = strlen(names.v[i]);

		if (stat(names.v[i], &st) == 0 && S_ISDIR(st.st_mode))
			lib_list(names.v[i], depth + 1, out);
		else if (n > 4 && !strcmp(names.v[i] + n - 4, ".stp"))
			vec_push(out, xstrdup(names.v[i]));
		free(names.v[i]);
	}
	vec_free(&names);
}

int parse_print_library(const struct parse_env *env,
			const char *const *dirs, size_t ndirs, FILE *out)
{
	path_vec paths = { 0 };
	int nfiles = 0;

	for (size_t i = 0; i < ndirs; i++)
		lib_list(dirs[i], 0, &paths);
	for (size_t i = 0; i < paths.n; i++) {
		struct ast_file *f;

		diag_push_mute();
		f = parse_file(env, paths.v[i], true);
		diag_pop_mute();
		if (f && f->had_errors)
			diag_warn(NULL, "tapset file %s has syntax errors; it is "
				  "ignored unless the script needs it",
				  paths.v[i]);
		if (f && !f->had_errors) {
			fprintf(out, "\n# tapset file %s\n", paths.v[i]);
			ast_print_file(f, out);
			nfiles++;
		}
		free(paths.v[i]);
	}
	vec_free(&paths);
	return nfiles;
}
