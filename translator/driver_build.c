// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * driver_build.c - passes 3 (generate C), 4 (build the .ko) and 5 (run).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen/codegen.h"
#include "diag.h"
#include "driver.h"
#include "elaborate/program.h"
#include "kbuild/kbuild.h"
#include "kbuild/kernel.h"
#include "run/run.h"

#define TAPC_VERSION_KEY "tapc-0.1"

/* -m NAME, or tapc_<hash of the script> so reruns hit the build cache. */
static const char *module_name(const struct session *s)
{
	const char *text = s->script_text ? s->script_text : s->script_path;
	uint32_t h = 2166136261u;
	const char *p;
	size_t i;

	if (s->module_name) {
		for (p = s->module_name; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '_')
				break;
		if (*p || !*s->module_name || strlen(s->module_name) > 55 ||
		    isdigit((unsigned char)s->module_name[0])) {
			diag_fatal_noloc("invalid module name '%s': use up to 55 "
					 "letters, digits and '_'", s->module_name);
			return NULL;
		}
		return s->module_name;
	}
	for (p = text; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = 0; i < s->script_args.n; i++)
		for (p = s->script_args.v[i]; *p; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
	return xasprintf("tapc_%08x", h);
}

static int pass3(const struct session *s, const struct el_program *prog,
		 const char *mod, FILE *out)
{
	struct codegen_opts o = { 0 };

	o.module_name = mod;
	o.script_name = s->script_path ? s->script_path : "<command line>";
	o.defines = s->defines.v;
	o.ndefines = (int)s->defines.n;
	return codegen_program(prog, &o, out);
}

static char *pass4(const struct session *s, const char *dir, const char *mod)
{
	struct kbuild_opts o = { 0 };
	char **flags = xcalloc(s->defines.n + 1, sizeof(*flags));
	char *ko;
	size_t i;

	for (i = 0; i < s->defines.n; i++)
		flags[i] = xasprintf("-D%s", s->defines.v[i]);
	o.dir = dir;
	o.module = mod;
	o.runtime_dir = xasprintf("%s/runtime", s->datadir);
	o.kernel = s->kernel;
	o.ccflags = (const char *const *)flags;
	o.nccflags = s->defines.n;
	o.version = TAPC_VERSION_KEY;
	o.verbose = s->verbose > 1;
	ko = kbuild_module(&o);
	for (i = 0; i < s->defines.n; i++)
		free(flags[i]);
	free(flags);
	return ko;
}

/*
 * --vm: each module a probe names goes into the guest from the kernel
 * cache (setup-deps --module NAME puts it there) and is loaded before
 * the command; its probes arm when it loads.  Appends "SRC:DST" specs.
 */
static bool already_shipped(const char *const *specs, size_t n,
			    const char *path)
{
	size_t len = strlen(path);

	for (size_t i = 0; i < n; i++)
		if (!strncmp(specs[i], path, len) &&
		    (specs[i][len] == ':' || !specs[i][len]))
			return true;
	return false;
}

static void vm_module_files(const struct session *s,
			    const struct el_program *prog, void *vec)
{
	VEC(const char *) *files = vec;
	struct hmap seen;

	hmap_init(&seen);
	for (size_t i = 0; i < prog->probes.n; i++) {
		const struct el_probe *p = prog->probes.v[i];
		const char *m;
		char *ko;

		if ((p->kind != PROBE_KPROBE && p->kind != PROBE_KRETPROBE) ||
		    !p->u.kp.module || hmap_get(&seen, intern(p->u.kp.module)))
			continue;
		m = intern(p->u.kp.module);
		hmap_put(&seen, m, (void *)m);
		ko = xasprintf("%s/kernels/%s/modules/%s.ko", kernel_cache_dir(),
			       s->release, m);
		if (already_shipped(files->v, files->n, ko)) {
			/* the user's --vm-file gives it */
		} else if (access(ko, R_OK) == 0) {
			vec_push(files, xasprintf("%s:/etc/tapvm/insmod/", ko));
		} else {
			fprintf(stderr, "tapc: note: module '%s' is not in the "
				"guest kernel cache, so the guest will not load "
				"it; `runtime/vm/setup-deps --module %s` fetches "
				"it\n", m, m);
		}
		free(ko);
	}
	hmap_free(&seen);
}

static int pass5(const struct session *s, const struct el_program *prog,
		 const char *ko)
{
	struct run_opts o = { 0 };
	VEC(const char *) files = { 0 };

	o.ko = ko;
	o.vm = s->vm;
	o.vm_kernel = s->vm ? s->release : NULL;
	o.output_file = s->output_file;
	o.cmd = s->cmd;
	o.target_pid = s->target_pid;
	o.bufsize_kib = s->bufsize_kib;
	o.timeout_s = s->timeout_s;
	o.verbose = s->verbose;
	o.self_dir = s->self_dir;
	o.datadir = s->datadir;
	for (size_t i = 0; i < s->vm_files.n; i++)
		vec_push(&files, s->vm_files.v[i]);
	if (s->vm)
		vm_module_files(s, prog, &files);
	o.vm_files = files.v;
	o.nvm_files = files.n;
	return run_module(&o);
}

int driver_build_and_run(struct session *s, struct el_program *prog)
{
	const char *mod = module_name(s);
	const char *dir;
	char *path, *ko;
	double t0 = session_now_ms();
	FILE *f;
	int rc;

	if (!mod)
		return 2;
	if (s->last_pass == 3) {
		rc = pass3(s, prog, mod, stdout);
		if (s->verbose)
			fprintf(stderr, "Pass 3: translated to C in %.1f ms\n",
				session_now_ms() - t0);
		return rc ? 1 : 0;
	}
	if (!driver_need_headers(s))
		return 2;
	dir = kbuild_tmpdir_create(s->keep_tmp);
	if (!dir)
		return 4;
	path = xasprintf("%s/%s.c", dir, mod);
	f = fopen(path, "w");
	if (!f) {
		diag_fatal_noloc("cannot write %s: %s", path, strerror(errno));
		return 4;
	}
	rc = pass3(s, prog, mod, f);
	if (fclose(f) != 0 || rc) {
		kbuild_tmpdir_cleanup();
		return 1;
	}
	if (s->verbose)
		fprintf(stderr, "Pass 3: translated to C in %.1f ms\n",
			session_now_ms() - t0);

	t0 = session_now_ms();
	ko = pass4(s, dir, mod);
	if (s->verbose)
		fprintf(stderr, "Pass 4: compiled C into \"%s.ko\" in %.1f ms\n",
			mod, session_now_ms() - t0);
	if (!ko) {
		kbuild_tmpdir_cleanup();
		return 1;
	}
	if (s->last_pass == 4) {
		printf("%s\n", ko);
		kbuild_tmpdir_cleanup();
		return 0;
	}
	rc = pass5(s, prog, ko);
	kbuild_tmpdir_cleanup();
	return rc;
}
