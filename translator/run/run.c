// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * run.c - pass 5: build the loader's (or guest runner's) command line,
 * run it with signals forwarded, and pass its exit status through.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "run/run.h"
#include "util/util.h"

#define RUN_GUEST_OUT "/tmp/tapc.out"	/* -o target inside the guest */
#define RUN_VM_SLACK_S 120		/* guest timeout beyond -T */

typedef VEC(char *) argv_t;

static bool is_exec(const char *p)
{
	return p && path_is_file(p) && access(p, X_OK) == 0;
}

/* First executable of env var, then the candidates; caller frees. */
static char *find_tool(const char *env, char **cands, int n)
{
	const char *e = getenv(env);
	char *found = NULL;

	if (e && *e && is_exec(e))
		found = xstrdup(e);
	for (int i = 0; i < n; i++) {
		if (!found && is_exec(cands[i]))
			found = cands[i];
		else
			free(cands[i]);
	}
	return found;
}

static char *find_taprun(const struct run_opts *o)
{
	char *c[2];

	c[0] = xasprintf("%s/taprun", o->self_dir);
	c[1] = xasprintf("%s/../bin/taprun", o->self_dir);
	return find_tool("TAPC_TAPRUN", c, 2);
}

static char *find_tapvm(const struct run_opts *o)
{
	char *c[2];

	c[0] = xasprintf("%s/runtime/vm/tapvm", o->self_dir);
	c[1] = xasprintf("%s/runtime/vm/tapvm", o->datadir ? o->datadir : ".");
	return find_tool("TAPC_TAPVM", c, 2);
}

static void push(argv_t *a, const char *s)
{
	vec_push(a, xstrdup(s));
}

static void pushf(argv_t *a, const char *fmt, int v)
{
	vec_push(a, xasprintf(fmt, v));
}

/* The loader's options, shared by both modes; 'out' is where -o goes. */
static void loader_args(argv_t *a, const struct run_opts *o, const char *out,
			const char *ko)
{
	if (out) {
		push(a, "-o");
		push(a, out);
	}
	if (o->cmd) {
		push(a, "-c");
		push(a, o->cmd);
	}
	if (o->target_pid > 0) {
		push(a, "-x");
		pushf(a, "%d", o->target_pid);
	}
	if (o->bufsize_kib > 0) {
		push(a, "-b");
		pushf(a, "%d", o->bufsize_kib);
	}
	if (o->timeout_s > 0) {
		push(a, "-T");
		pushf(a, "%d", o->timeout_s);
	}
	if (o->verbose > 0)
		push(a, "-v");
	push(a, ko);
	for (size_t i = 0; i < o->nparams; i++)
		push(a, o->params[i]);
}

static volatile pid_t run_child;

static void forward_signal(int sig)
{
	if (run_child > 0)
		kill(run_child, sig);
}

/* fork + exec argv with signals forwarded; returns the exit status. */
static int spawn(argv_t *a)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old[3];
	pid_t pid;
	int st, rc;

	vec_push(a, NULL);
	fflush(NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forward_signal;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	pid = fork();
	if (pid < 0) {
		diag_fatal_noloc("pass 5: fork: %s", strerror(errno));
		rc = 2;
		goto out;
	}
	if (pid == 0) {
		for (int i = 0; i < 3; i++)
			signal(sigs[i], SIG_DFL);
		execv(a->v[0], a->v);
		fprintf(stderr, "tapc: error: cannot run %s: %s\n", a->v[0],
			strerror(errno));
		_exit(127);
	}
	run_child = pid;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			st = 127 << 8;
			break;
		}
	}
	run_child = 0;
	if (WIFEXITED(st))
		rc = WEXITSTATUS(st) == 127 ? 2 : WEXITSTATUS(st);
	else
		rc = 128 + WTERMSIG(st);
out:
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	vec_free(a);
	return rc;
}

static int run_local(const struct run_opts *o)
{
	char *taprun = find_taprun(o);
	argv_t a = { 0 };

	if (!taprun) {
		struct diag *d = diag_new(DIAG_ERROR, NULL,
			"pass 5: cannot find the loader taprun");

		diag_hint(d, "looked for $TAPC_TAPRUN, %s/taprun and "
			  "%s/../bin/taprun; run `make`", o->self_dir,
			  o->self_dir);
		diag_emit(d);
		return 2;
	}
	vec_push(&a, taprun);
	loader_args(&a, o, o->output_file, o->ko);
	return spawn(&a);
}

static int run_vm(const struct run_opts *o)
{
	char *tapvm = find_tapvm(o), *taprun = find_taprun(o);
	const char *base = strrchr(o->ko, '/') ? strrchr(o->ko, '/') + 1 : o->ko;
	char *guest_ko = xasprintf("/job/%s", base);
	argv_t a = { 0 };
	int rc;

	if (!tapvm || !taprun) {
		struct diag *d = diag_new(DIAG_ERROR, NULL,
			"pass 5: cannot find %s for --vm",
			!tapvm ? "the guest runner runtime/vm/tapvm" :
				 "the loader taprun");

		diag_hint(d, "looked beside %s and in %s; run `make`",
			  o->self_dir, o->datadir ? o->datadir : "(no datadir)");
		diag_emit(d);
		free(tapvm);
		free(taprun);
		free(guest_ko);
		return 2;
	}
	vec_push(&a, tapvm);
	push(&a, "--taprun");
	vec_push(&a, taprun);
	if (o->vm_kernel) {
		push(&a, "--kernel");
		push(&a, o->vm_kernel);
	}
	push(&a, "--file");
	vec_push(&a, xasprintf("%s:%s", o->ko, guest_ko));
	for (size_t i = 0; i < o->nvm_files; i++) {
		push(&a, "--file");
		push(&a, o->vm_files[i]);
	}
	if (o->output_file) {
		push(&a, "--get");
		vec_push(&a, xasprintf("%s:%s", RUN_GUEST_OUT, o->output_file));
	}
	if (o->timeout_s > 0) {
		push(&a, "--timeout");
		pushf(&a, "%d", o->timeout_s + RUN_VM_SLACK_S);
	}
	if (o->verbose > 1)
		push(&a, "--verbose");
	push(&a, "--");
	push(&a, "/bin/taprun");
	loader_args(&a, o, o->output_file ? RUN_GUEST_OUT : NULL, guest_ko);
	free(guest_ko);
	rc = spawn(&a);
	if (rc == 126) {
		/* tapvm could not set the guest up (it said why) */
		diag_fatal_noloc("pass 5: the guest runner failed");
		rc = 2;
	}
	return rc;
}

int run_module(const struct run_opts *o)
{
	if (!o->ko || !*o->ko) {
		diag_fatal_noloc("pass 5: no module to run");
		return 2;
	}
	return o->vm ? run_vm(o) : run_local(o);
}
