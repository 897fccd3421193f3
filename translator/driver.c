// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * driver.c - the pass pipeline.  Each pass is one call; -p N stops after
 * pass N and prints that pass's result; -v prints per-pass timings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "driver.h"
#include "elaborate/elaborate.h"
#include "parse/parse.h"

struct pass_timer {
	const struct session *s;
	double t0;
};

static void timer_start(struct pass_timer *t, const struct session *s)
{
	t->s = s;
	t->t0 = session_now_ms();
}

static void timer_done(struct pass_timer *t, int pass, const char *what)
{
	if (t->s->verbose)
		fprintf(stderr, "Pass %d: %s in %.1f ms\n", pass, what,
			session_now_ms() - t->t0);
}

static const char *version_part(const char *release)
{
	size_t n = strspn(release, "0123456789.");

	while (n > 0 && release[n - 1] == '.')
		n--;
	return xstrndup(release, n);
}

static void setup_parse_env(const struct session *s, struct parse_env *env)
{
	memset(env, 0, sizeof(*env));
	env->kernel_vr = s->release;
	env->kernel_v = version_part(env->kernel_vr);
	env->arch = s->arch;
	env->runtime = "kernel";
	env->systemtap_v = "4.8";
	env->privilege = "stapdev";
	env->guru_mode = s->guru;
	env->argv = s->script_args.v;
	env->argc = (int)s->script_args.n;
	env->macros = xcalloc(1, sizeof(struct hmap));
	hmap_init(env->macros);
	driver_config_attach(s, env);
}

static struct ast_file *pass1(const struct session *s,
			      const struct parse_env *env)
{
	if (s->script_text)
		return parse_string(env, "<command line>", s->script_text,
				    false);
	return parse_file(env, s->script_path, false);
}

/* -p1 -v: the tapset files of the search path, as pass 2 would read them */
static void print_library(const struct session *s,
			  const struct parse_env *env)
{
	const char **dirs = xcalloc(s->include_dirs.n + 1, sizeof(*dirs));
	char *bundled = xasprintf("%s/tapset", s->datadir);
	size_t n;
	int k;

	for (n = 0; n < s->include_dirs.n; n++)
		dirs[n] = s->include_dirs.v[n];
	dirs[n++] = bundled;
	k = parse_print_library(env, dirs, n, stdout);
	fprintf(stderr, "Pass 1: printed %d tapset file%s\n", k,
		k == 1 ? "" : "s");
	free(bundled);
	free(dirs);
}

int driver_run(struct session *s)
{
	struct parse_env env;
	struct pass_timer t;
	struct ast_file *script;
	struct el_program *prog;
	struct dw_kernel *dw;

	if (!driver_find_kernel(s))
		return 2;
	setup_parse_env(s, &env);
	driver_load_macro_libraries(s, &env);

	if (s->list_probes || s->list_vars)
		return driver_list(s, &env);

	timer_start(&t, s);
	script = pass1(s, &env);
	if (!script)
		return 2;
	timer_done(&t, 1, "parsed user script");
	if (diag_errors())
		return 1;
	if (s->last_pass == 1) {
		ast_print_file(script, stdout);
		if (s->verbose)
			print_library(s, &env);
		return 0;
	}

	timer_start(&t, s);
	dw = driver_open_dwarf(s);
	prog = elaborate(s, &env, script, dw);
	timer_done(&t, 2, "elaborated script");
	if (!prog || diag_errors())
		return el_missing_debuginfo() ? 2 : 1;
	if (s->last_pass == 2) {
		el_dump_program(prog, stdout);
		return 0;
	}
	return driver_build_and_run(s, prog);
}
