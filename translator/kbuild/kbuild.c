// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kbuild.c - pass 4: write a Kbuild file next to the generated C, run
 * the kernel's kbuild on it quietly, turn compiler errors into
 * diagnostics at script locations, and cache the resulting .ko.
 *
 * The temp dir belongs to this file: it is created here and removed at
 * exit or on a fatal signal, so no failure path can leak it.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "kbuild/kbuild.h"
#include "kbuild/sha256.h"

#define KBUILD_MAX_SHOWN 5	/* compiler errors shown before "and N more" */

/* ---- the temp dir ---- */

static char tmp_path[PATH_MAX];
static bool tmp_keep;
static char *const rm_argv_tmpl[] = { "rm", "-rf", "--", NULL, NULL };

static int rm_one(const char *p, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	remove(p);
	return 0;
}

void kbuild_tmpdir_cleanup(void)
{
	if (!tmp_path[0])
		return;
	if (tmp_keep)
		fprintf(stderr, "tapc: kept temporary directory %s\n", tmp_path);
	else
		nftw(tmp_path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	tmp_path[0] = '\0';
}

/* Async-signal-safe: fork + execve of rm, then die by the same signal. */
static void on_fatal_signal(int sig)
{
	if (tmp_path[0] && !tmp_keep) {
		pid_t pid = fork();

		if (pid == 0) {
			char *argv[5];
			char *const envp[] = { "PATH=/usr/bin:/bin", NULL };

			memcpy(argv, rm_argv_tmpl, sizeof(argv));
			argv[3] = tmp_path;
			execve("/bin/rm", argv, envp);
			_exit(127);
		}
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

const char *kbuild_tmpdir_create(bool keep)
{
	const char *base = getenv("TMPDIR");
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	if (tmp_path[0])
		return tmp_path;
	if (!base || !*base)
		base = "/tmp";
	if ((size_t)snprintf(tmp_path, sizeof(tmp_path), "%s/tapcXXXXXX",
			     base) >= sizeof(tmp_path) || !mkdtemp(tmp_path)) {
		diag_fatal_noloc("cannot create a temporary directory in %s: %s",
				 base, strerror(errno));
		tmp_path[0] = '\0';
		return NULL;
	}
	tmp_keep = keep;
	atexit(kbuild_tmpdir_cleanup);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	return tmp_path;
}

/* ---- cache key ---- */

static void hash_str(struct sha256 *h, const char *s)
{
	sha256_update(h, s ? s : "", strlen(s ? s : "") + 1);
}

static bool hash_file(struct sha256 *h, const char *path)
{
	size_t len;
	char *text = read_file(path, &len);
	char n[32];

	if (!text)
		return false;
	snprintf(n, sizeof(n), "%zu:", len);
	hash_str(h, n);
	sha256_update(h, text, len);
	free(text);
	return true;
}

static void hash_stat(struct sha256 *h, const char *dir, const char *rel)
{
	char *p = xasprintf("%s/%s", dir, rel);
	struct stat st;
	char buf[96];

	if (stat(p, &st) == 0)
		snprintf(buf, sizeof(buf), "%s %lld %lld", rel,
			 (long long)st.st_size, (long long)st.st_mtime);
	else
		snprintf(buf, sizeof(buf), "%s none", rel);
	hash_str(h, buf);
	free(p);
}

static VEC(char *) walk_files;
static size_t walk_prefix;

static int walk_one(const char *p, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	const char *rel = p + walk_prefix;
	size_t n = strlen(p);

	if (flag == FTW_D && (!strcmp(rel, "/loader") || !strcmp(rel, "/vm")))
		return FTW_SKIP_SUBTREE;
	if (flag == FTW_F && n > 2 && p[n - 2] == '.' &&
	    (p[n - 1] == 'c' || p[n - 1] == 'h'))
		vec_push(&walk_files, xstrdup(p));
	return FTW_CONTINUE;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void hash_runtime(struct sha256 *h, const char *dir)
{
	walk_prefix = strlen(dir);
	nftw(dir, walk_one, 16, FTW_PHYS | FTW_ACTIONRETVAL);
	if (walk_files.n)
		qsort(walk_files.v, walk_files.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < walk_files.n; i++) {
		hash_str(h, walk_files.v[i] + walk_prefix);
		hash_file(h, walk_files.v[i]);
		free(walk_files.v[i]);
	}
	vec_free(&walk_files);
}

static bool cache_key(const struct kbuild_opts *o, const char *src,
		      char key[65])
{
	struct sha256 h;

	sha256_init(&h);
	hash_str(&h, "tapc-kbuild-1");
	hash_str(&h, o->version);
	hash_str(&h, o->module);
	hash_str(&h, o->kernel->release);
	hash_str(&h, o->kernel->headers_dir);
	hash_stat(&h, o->kernel->headers_dir, "include/generated/autoconf.h");
	hash_stat(&h, o->kernel->headers_dir, "Module.symvers");
	for (size_t i = 0; i < o->nccflags; i++)
		hash_str(&h, o->ccflags[i]);
	if (!hash_file(&h, src))
		return false;
	hash_runtime(&h, o->runtime_dir);
	sha256_final_hex(&h, key);
	return true;
}

static bool mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;

	for (char *s = p + 1; ok; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST)
				ok = false;
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return ok;
}

static bool copy_file(const char *from, const char *to)
{
	size_t len;
	char *data = read_file(from, &len);
	char *tmp = xasprintf("%s.tmp.%d", to, (int)getpid());
	FILE *f;
	bool ok;

	if (!data) {
		free(tmp);
		return false;
	}
	f = fopen(tmp, "wb");
	ok = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	if (ok && rename(tmp, to) != 0)
		ok = false;
	if (!ok)
		unlink(tmp);
	free(tmp);
	free(data);
	return ok;
}

/* ---- running kbuild ---- */

static bool write_kbuild(const struct kbuild_opts *o)
{
	char *path = xasprintf("%s/Kbuild", o->dir);
	FILE *f = fopen(path, "w");

	if (!f) {
		diag_fatal_noloc("cannot write %s: %s", path, strerror(errno));
		free(path);
		return false;
	}
	/* make -C changes directory: the include path must be absolute */
	char *rt = realpath(o->runtime_dir, NULL);

	fprintf(f, "# generated by tapc\nobj-m := %s.o\nccflags-y := -I%s",
		o->module, rt ? rt : o->runtime_dir);
	free(rt);
	for (size_t i = 0; i < o->nccflags; i++)
		fprintf(f, " %s", o->ccflags[i]);
	fputc('\n', f);
	fclose(f);
	free(path);
	return true;
}

/* make -C <headers> M=<dir> modules, output to <dir>/build.log.
 * Returns make's exit status, or -1 if it could not run. */
static int run_make(const struct kbuild_opts *o, const char *log)
{
	char *abs = realpath(o->dir, NULL);
	char *mdir = xasprintf("M=%s", abs ? abs : o->dir);
	pid_t pid;
	int st;

	free(abs);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		free(mdir);
		return -1;
	}
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0)
			_exit(127);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		/* an outer make (make check) must not leak its jobserver */
		unsetenv("MAKEFLAGS");
		unsetenv("MFLAGS");
		unsetenv("MAKELEVEL");
		unsetenv("MAKEOVERRIDES");
		/* plain ASCII quotes in messages the summary parses */
		setenv("LC_ALL", "C", 1);	/* kbuild unexports LC_ALL: */
		setenv("LANG", "C", 1);
		setenv("LC_CTYPE", "C", 1);
		setenv("LC_MESSAGES", "C", 1);
		execlp("make", "make", "-C", o->kernel->headers_dir, mdir,
		       "modules", (char *)NULL);
		fprintf(stderr, "cannot run make: %s\n", strerror(errno));
		_exit(127);
	}
	free(mdir);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	if (WIFEXITED(st))
		return WEXITSTATUS(st) == 127 ? -1 : WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

/* ---- error summary ---- */

struct marker {
	char *file;
	int line, col;
};

/* markers[i] is the script location in force at generated line i+1. */
static struct marker *read_markers(const char *src, int *nlines)
{
	size_t len;
	char *text = read_file(src, &len);
	VEC(struct marker) m = { 0 };
	struct marker cur = { 0 };
	char *p, *nl;

	*nlines = 0;
	if (!text)
		return NULL;
	for (p = text; p < text + len; p = nl + 1) {
		char *at;

		nl = memchr(p, '\n', (size_t)(text + len - p));
		if (!nl)
			nl = text + len;
		*nl = '\0';
		at = strstr(p, "// @@ ");
		if (at) {
			char *spec = at + 6, *c1, *c2, *end;
			long a, b;

			spec[strcspn(spec, " \t\r")] = '\0';
			c1 = strrchr(spec, ':');
			if (c1 && (a = strtol(c1 + 1, &end, 10)) > 0 && !*end) {
				*c1 = '\0';
				c2 = strrchr(spec, ':');
				if (c2 && (b = strtol(c2 + 1, &end, 10)) > 0 &&
				    !*end) {
					*c2 = '\0';
					cur.line = (int)b;
					cur.col = (int)a;
				} else {
					cur.line = (int)a;
					cur.col = 0;
				}
				cur.file = (char *)intern(spec);
			}
		}
		vec_push(&m, cur);
	}
	free(text);
	*nlines = (int)m.n;
	return m.v;
}

static const struct src_file *load_src(const char *path)
{
	static struct hmap files;
	struct src_file *f = hmap_get(&files, intern(path));
	size_t len = 0;

	if (f)
		return f;
	f = xcalloc(1, sizeof(*f));
	f->name = intern(path);
	f->text = read_file(path, &len);
	f->len = len;
	hmap_put(&files, f->name, f);
	return f;
}

/* "PATH:LINE:COL: error: MSG" (COL optional); false if not such a line */
static bool parse_gcc_line(char *line, char **path, int *ln, int *col,
			   char **msg)
{
	char *p = line, *end;
	static const char *kinds[] = { " error: ", " fatal error: " };

	while (*p && *p != ':' && *p != ' ')
		p++;
	if (*p != ':' || p == line)
		return false;
	*p++ = '\0';
	*ln = (int)strtol(p, &end, 10);
	if (end == p || *end != ':')
		return false;
	p = end + 1;
	*col = 0;
	if (*p >= '0' && *p <= '9') {
		*col = (int)strtol(p, &end, 10);
		if (*end != ':')
			return false;
		p = end + 1;
	}
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(kinds[i]);

		if (!strncmp(p, kinds[i], n)) {
			*path = line;
			*msg = p + n;
			return true;
		}
	}
	return false;
}

static void report_at(const char *path, int line, int col, const char *msg,
		      const char *note)
{
	struct src_loc loc = { 0 };
	struct diag *d;

	loc.file = load_src(path);
	loc.line = loc.end_line = line;
	loc.col = loc.end_col = col > 0 ? col : 1;
	d = diag_new(DIAG_ERROR, &loc, "%s", msg);
	if (note)
		diag_note(d, NULL, "%s", note);
	diag_emit(d);
}

/* Reports the first compiler/modpost errors of a failed build. */
static void summarise(const struct kbuild_opts *o, const char *log,
		      const char *src)
{
	size_t len;
	char *text = read_file(log, &len);
	int nlines = 0, nerr = 0;
	struct marker *mk = read_markers(src, &nlines);
	const char *gen_base = strrchr(src, '/') + 1;
	char *line, *save;

	if (!text) {
		diag_fatal_noloc("pass 4: make failed and left no log");
		return;
	}
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *path, *msg, *copy = xstrdup(line);
		int ln, col;

		if (parse_gcc_line(copy, &path, &ln, &col, &msg)) {
			const char *base = strrchr(path, '/');

			base = base ? base + 1 : path;
			if (++nerr > KBUILD_MAX_SHOWN) {
				free(copy);
				continue;
			}
			if (!strcmp(base, gen_base) && ln >= 1 && ln <= nlines &&
			    mk[ln - 1].file) {
				char *note = xasprintf(
					"in the generated C at %s:%d:%d",
					gen_base, ln, col);

				report_at(mk[ln - 1].file, mk[ln - 1].line,
					  mk[ln - 1].col, msg, note);
				free(note);
			} else {
				report_at(path, ln, col, msg, NULL);
			}
		} else if (strstr(line, "ERROR: modpost:") ||
			   strstr(line, "No rule to make target") ||
			   strstr(line, "cannot run make")) {
			if (++nerr <= KBUILD_MAX_SHOWN)
				diag_fatal_noloc("%s", line);
		}
		free(copy);
	}
	free(text);
	free(mk);
	if (nerr > KBUILD_MAX_SHOWN)
		fprintf(stderr, "tapc: ... and %d more errors\n",
			nerr - KBUILD_MAX_SHOWN);
	{
		struct diag *d = diag_new(DIAG_ERROR, NULL,
			"pass 4: building module '%s' failed", o->module);

		if (!nerr)
			diag_hint(d, "make printed no compiler error; see the log");
		diag_hint(d, "-v shows the full build log; -k keeps %s", o->dir);
		diag_emit(d);
	}
}

static void dump_log(const char *log)
{
	size_t len;
	char *text = read_file(log, &len);

	if (!text)
		return;
	fprintf(stderr, "---- kbuild log (%s) ----\n", log);
	fwrite(text, 1, len, stderr);
	fprintf(stderr, "---- end of kbuild log ----\n");
	free(text);
}

char *kbuild_module(const struct kbuild_opts *o)
{
	char *src = xasprintf("%s/%s.c", o->dir, o->module);
	char *log = xasprintf("%s/build.log", o->dir);
	char *built = xasprintf("%s/%s.ko", o->dir, o->module);
	char *cdir = NULL, *cached = NULL, *ret = NULL;
	char key[65];
	int rc;

	if (!o->kernel->headers_dir) {
		diag_fatal_noloc("pass 4: no kernel headers for %s "
				 "(install linux-headers-%s; see `make deps`)",
				 o->kernel->release, o->kernel->release);
		goto out;
	}
	if (!path_is_file(src)) {
		diag_fatal_noloc("pass 4: generated source %s is missing", src);
		goto out;
	}
	if (!o->no_cache && cache_key(o, src, key)) {
		cdir = xasprintf("%s/modules/%s", kernel_cache_dir(), key);
		cached = xasprintf("%s/%s.ko", cdir, o->module);
		if (path_is_file(cached)) {
			if (o->verbose)
				fprintf(stderr, "tapc: pass 4: cache hit %s\n",
					cached);
			ret = cached;
			cached = NULL;
			goto out;
		}
	}
	if (!write_kbuild(o))
		goto out;
	rc = run_make(o, log);
	if (o->verbose)
		dump_log(log);
	if (rc != 0 || !path_is_file(built)) {
		if (rc < 0)
			diag_fatal_noloc("pass 4: cannot run make (install make "
					 "and gcc; see `make deps`)");
		else
			summarise(o, log, src);
		goto out;
	}
	if (cached && mkdir_p(cdir) && copy_file(built, cached)) {
		ret = cached;
		cached = NULL;
	} else {
		ret = built;
		built = NULL;
	}
out:
	free(src);
	free(log);
	free(built);
	free(cdir);
	free(cached);
	return ret;
}
