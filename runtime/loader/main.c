// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * taprun - load a tapc module, stream its output, unload it.
 *
 * One process; a second thread only writes "start" and "stop" to ctl,
 * which block while the begin or end/error probes run, so that the main
 * thread keeps draining the trace meanwhile (those probes wait for room
 * instead of losing output when they print more than a ring holds):
 *   1. checks (root, module support), module name from the .ko;
 *   2. with -c, fork the command blocked on a pipe, so its pid can be
 *      the module's target= parameter;
 *   3. finit_module(); write "start" to ctl; release the command;
 *   4. poll /proc/tapc-<name>/trace (a read returns whole records, 0 when
 *      empty) and the status file, until the command exits, a signal
 *      arrives, the script asks to exit, or -T expires;
 *   5. write "stop" (end probes run), drain the trace, read the final
 *      status, delete_module().  Once loaded, every path goes through 5.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "session.h"
#include "taprun.h"

#define TRACE_BUF	(1024 * 1024)	/* one read() of the trace file */
#define IDLE_NS		(5 * 1000 * 1000)	/* poll interval when idle */
#define STATUS_NS	(100 * 1000 * 1000)	/* status poll when busy */
#define NAME_MAX_LEN	64		/* MODULE_NAME_LEN */

static const char usage_text[] =
"usage: taprun [-o FILE] [-c CMD | -x PID] [-b KiB] [-v] [-T SECONDS]\n"
"              MODULE.ko [PARAM=VALUE...]\n"
"Load a tapc module, print its output, unload it when the run ends.\n"
"  -o FILE     write the script's output to FILE instead of stdout\n"
"  -c CMD      run CMD with /bin/sh -c; target() is its pid; the run\n"
"              ends when it exits (its exit status does not matter)\n"
"  -x PID      target() is PID\n"
"  -b KiB      output buffer per CPU (module default: 256)\n"
"  -T SECONDS  end the run after SECONDS\n"
"  -v          say what happens, on stderr\n"
"The run also ends on SIGINT, SIGTERM, SIGHUP, or when the script calls\n"
"exit() or reports an error.  PARAM=VALUE pairs are passed to the module.\n"
"Exit status: 0 ok; 1 the script reported an error; 2 usage;\n"
"3 cannot load or start the module (not root, no module support, init\n"
"or start failure); 4 internal error.\n";

struct taprun {
	/* options */
	const char *outfile, *cmd, *module;
	long target, bufsize, timeout;
	bool verbose;
	char **params;		/* extra PARAM=VALUE */
	int nparams;

	char name[NAME_MAX_LEN];
	char dir[NAME_MAX_LEN + 16];	/* /proc/tapc-<name> */
	int trace_fd, ctl_fd;
	pid_t child;		/* -c command, 0 if none or reaped */
	int go_fd;		/* write end of the child's start pipe */
	char *buf;
	struct tap_sink sink;
	struct tap_status status;
	bool out_failed;	/* writing the output failed (reported) */
	int rc;
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* -v: say what happens, on stderr. */
__attribute__((format(printf, 2, 3)))
static void say(const struct taprun *t, const char *fmt, ...)
{
	va_list ap;

	if (!t->verbose)
		return;
	fputs("taprun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static long parse_num(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0) {
		fprintf(stderr, "taprun: bad %s '%s'\n", what, s);
		exit(TAPRUN_USAGE);
	}
	return v;
}

static void parse_args(struct taprun *t, int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "+o:c:x:b:vT:h")) != -1) {
		switch (c) {
		case 'o': t->outfile = optarg; break;
		case 'c': t->cmd = optarg; break;
		case 'x': t->target = parse_num(optarg, "pid"); break;
		case 'b': t->bufsize = parse_num(optarg, "buffer size"); break;
		case 'T': t->timeout = parse_num(optarg, "timeout"); break;
		case 'v': t->verbose = true; break;
		case 'h':
			fputs(usage_text, stdout);
			exit(TAPRUN_OK);
		default:
			fputs(usage_text, stderr);
			exit(TAPRUN_USAGE);
		}
	}
	if (optind >= argc || (t->cmd && t->target)) {
		fputs(usage_text, stderr);
		exit(TAPRUN_USAGE);
	}
	t->module = argv[optind];
	t->params = argv + optind + 1;
	t->nparams = argc - optind - 1;
	for (int i = 0; i < t->nparams; i++) {
		if (!strchr(t->params[i], '=')) {
			fprintf(stderr, "taprun: '%s' is not PARAM=VALUE\n",
				t->params[i]);
			exit(TAPRUN_USAGE);
		}
	}
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: wake up sleeps */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* Fork "/bin/sh -c CMD", waiting for a byte on a pipe before the exec. */
static int spawn_child(struct taprun *t)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	t->child = fork();
	if (t->child < 0) {
		close(p[0]);
		close(p[1]);
		t->child = 0;
		return -1;
	}
	if (t->child == 0) {
		char go;

		signal(SIGPIPE, SIG_DFL);
		close(p[1]);
		if (read(p[0], &go, 1) != 1)
			_exit(127);	/* taprun gave up before start */
		execl("/bin/sh", "sh", "-c", t->cmd, (char *)NULL);
		perror("taprun: /bin/sh");
		_exit(127);
	}
	close(p[0]);
	t->go_fd = p[1];
	t->target = t->child;
	return 0;
}

static void release_child(struct taprun *t)
{
	if (t->go_fd >= 0) {
		if (write(t->go_fd, "g", 1) != 1)
			perror("taprun: releasing the command");
		close(t->go_fd);
		t->go_fd = -1;
	}
}

/* The command is still running when the run ends: end it. */
static void end_child(struct taprun *t)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };

	if (t->go_fd >= 0) {	/* never released: EOF makes it exit */
		close(t->go_fd);
		t->go_fd = -1;
	}
	if (!t->child)
		return;
	if (waitpid(t->child, NULL, WNOHANG) == 0) {
		kill(t->child, SIGTERM);
		for (int i = 0; i < 200; i++) {	/* 2 s, then SIGKILL */
			if (waitpid(t->child, NULL, WNOHANG) != 0)
				goto reaped;
			nanosleep(&tick, NULL);
		}
		kill(t->child, SIGKILL);
		waitpid(t->child, NULL, 0);
	}
reaped:
	t->child = 0;
}

static int open_proc(const struct taprun *t, const char *file, int flags)
{
	char path[sizeof(t->dir) + 16];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", t->dir, file);
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		fprintf(stderr, "taprun: cannot open %s: %s\n", path,
			strerror(errno));
	return fd;
}

static int read_status(struct taprun *t)
{
	char text[1024];
	ssize_t n = 0, r;
	int fd = open_proc(t, "status", O_RDONLY);

	if (fd < 0)
		return -1;
	while ((r = read(fd, text + n, sizeof(text) - 1 - n)) > 0)
		n += r;
	close(fd);
	text[n] = '\0';
	if (r < 0 || tap_parse_status(&t->status, text)) {
		fprintf(stderr, "taprun: bad status from %s\n", t->dir);
		return -1;
	}
	return 0;
}

/* One read of the trace file.  Bytes read, 0 when empty, -1 on error. */
static ssize_t pump(struct taprun *t)
{
	ssize_t n = read(t->trace_fd, t->buf, TRACE_BUF);

	if (n < 0) {
		if (errno == EINTR)
			return 0;
		perror("taprun: reading the trace");
		return -1;
	}
	if (n && tap_emit_records(&t->sink, t->buf, n) != n) {
		fprintf(stderr, "taprun: malformed trace record\n");
		return -1;
	}
	if (n && (fflush(t->sink.out) || ferror(t->sink.out))) {
		if (!t->out_failed)
			perror("taprun: writing the output");
		t->out_failed = true;
		return -1;
	}
	return n;
}

static int ctl(struct taprun *t, const char *cmd)
{
	ssize_t n = write(t->ctl_fd, cmd, strlen(cmd));

	return n == (ssize_t)strlen(cmd) ? 0 : errno ? errno : EIO;
}

struct ctl_job {
	struct taprun *t;
	const char *cmd;
	int err;
	atomic_bool done;
};

static void *ctl_thread(void *arg)
{
	struct ctl_job *job = arg;

	job->err = ctl(job->t, job->cmd);
	atomic_store(&job->done, true);
	return NULL;
}

/*
 * Write CMD to ctl from a helper thread while this thread drains the
 * trace, so the begin/end probes CMD runs never wait on a full ring for
 * long.  Signals stay with this thread.  Returns ctl()'s result.
 */
static int ctl_draining(struct taprun *t, const char *cmd)
{
	const struct timespec idle = { 0, IDLE_NS / 5 };
	struct ctl_job job = { .t = t, .cmd = cmd };
	sigset_t all, old;
	pthread_t th;
	int err;

	atomic_init(&job.done, false);
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	err = pthread_create(&th, NULL, ctl_thread, &job);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		say(t, "no thread for '%s' (%s); output may be lost",
		    cmd, strerror(err));
		return ctl(t, cmd);
	}
	while (!atomic_load(&job.done)) {
		ssize_t n = pump(t);

		/* a failed write still consumed the records: keep reading */
		if (n < 0)
			t->rc = TAPRUN_INTERNAL;
		if (n <= 0)
			nanosleep(&idle, NULL);
	}
	pthread_join(th, NULL);
	return job.err;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static bool child_exited(struct taprun *t)
{
	if (t->child && waitpid(t->child, NULL, WNOHANG) == t->child) {
		t->child = 0;
		return true;
	}
	return false;
}

/* Step 4: stream until something ends the run. */
static void run_loop(struct taprun *t)
{
	const struct timespec idle = { 0, IDLE_NS };
	long long deadline = t->timeout ? now_ns() + t->timeout * 1000000000LL
					: 0;
	long long next_status = 0;
	bool had_child = t->child != 0;

	for (;;) {
		ssize_t n = pump(t);

		if (n < 0) {
			t->rc = TAPRUN_INTERNAL;
			return;
		}
		if (t->sink.errors) {
			say(t, "the script reported an error");
			return;
		}
		if (stop_signal) {
			say(t, "signal %s: stopping", strsignal(stop_signal));
			return;
		}
		if (had_child && child_exited(t)) {
			say(t, "the command exited");
			return;
		}
		if (deadline && now_ns() >= deadline) {
			say(t, "timeout");
			return;
		}
		if (!n || now_ns() >= next_status) {
			if (read_status(t)) {
				t->rc = TAPRUN_INTERNAL;
				return;
			}
			if (t->status.exit > 0) {
				say(t, "the script asked to exit");
				return;
			}
			next_status = now_ns() + STATUS_NS;
		}
		if (!n)
			nanosleep(&idle, NULL);
	}
}

/* Drain the trace until it is empty.  0 or -1. */
static int drain(struct taprun *t)
{
	ssize_t n;

	while ((n = pump(t)) > 0)
		;
	return n < 0 ? -1 : 0;
}

static void report(const struct taprun *t)
{
	const struct tap_status *st = &t->status;

	if (st->lost > 0)
		fprintf(stderr, "taprun: %ld records lost (output buffer full; try -b with more than %ld KiB)\n",
			st->lost, st->bufsize);
	if (st->skipped > 0)
		fprintf(stderr, "WARNING: %ld probe hits skipped\n",
			st->skipped);
	if (st->missed > 0)
		fprintf(stderr, "WARNING: %ld kprobe misses\n", st->missed);
}

/* Steps 3 to 5, with the module loaded. */
static void run_module(struct taprun *t)
{
	int err;

	snprintf(t->dir, sizeof(t->dir), "/proc/" TAPC_PROC_PREFIX "%s",
		 t->name);
	t->trace_fd = open_proc(t, "trace", O_RDONLY);
	t->ctl_fd = open_proc(t, "ctl", O_WRONLY);
	if (t->trace_fd < 0 || t->ctl_fd < 0) {
		t->rc = TAPRUN_INTERNAL;
		return;
	}

	say(t, "starting %s", t->name);
	err = ctl_draining(t, "start");
	if (err) {
		drain(t);
		if (!t->sink.errors)
			fprintf(stderr, "ERROR: cannot start %s: %s\n",
				t->name, strerror(err));
		/* stap exits 1 when the module explains the failure */
		t->rc = t->sink.errors ? TAPRUN_SCRIPT_ERROR
				       : TAPRUN_CANNOT_LOAD;
		read_status(t);
		return;
	}
	release_child(t);
	run_loop(t);

	say(t, "stopping %s", t->name);
	err = ctl_draining(t, "stop");
	if (err) {
		fprintf(stderr, "taprun: cannot stop %s: %s\n", t->name,
			strerror(err));
		t->rc = TAPRUN_INTERNAL;
	}
	if (drain(t) || read_status(t))
		t->rc = TAPRUN_INTERNAL;
	if (t->rc == TAPRUN_OK && (t->sink.errors || t->status.fatal > 0))
		t->rc = TAPRUN_SCRIPT_ERROR;
}

static void build_params(const struct taprun *t, char *p, size_t size)
{
	size_t n = 0;

	p[0] = '\0';
	if (t->target)
		n += snprintf(p + n, size - n, "target=%ld ", t->target);
	if (t->bufsize && n < size)
		n += snprintf(p + n, size - n, "bufsize=%ld ", t->bufsize);
	for (int i = 0; i < t->nparams && n < size; i++)
		n += snprintf(p + n, size - n, "%s ", t->params[i]);
	if (n && n < size)
		p[n - 1] = '\0';
}

static int check_can_load(void)
{
	if (access("/proc/modules", F_OK)) {
		fprintf(stderr, "taprun: this kernel cannot load modules; use `tapc --vm` to run in a guest kernel\n");
		return -1;
	}
	if (geteuid()) {
		fprintf(stderr, "taprun: must be run as root to load modules\n");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct taprun t = { .trace_fd = -1, .ctl_fd = -1, .go_fd = -1 };
	char params[4096];
	int err;

	parse_args(&t, argc, argv);
	if (check_can_load())
		return TAPRUN_CANNOT_LOAD;
	if (tap_module_name(t.module, t.name, sizeof(t.name)))
		return TAPRUN_CANNOT_LOAD;
	t.sink.out = stdout;
	t.sink.err = stderr;
	if (t.outfile && !(t.sink.out = fopen(t.outfile, "w"))) {
		fprintf(stderr, "taprun: cannot open %s: %s\n", t.outfile,
			strerror(errno));
		return TAPRUN_USAGE;
	}
	t.buf = malloc(TRACE_BUF);
	if (!t.buf) {
		perror("taprun");
		return TAPRUN_INTERNAL;
	}
	install_signals();
	if (t.cmd && spawn_child(&t)) {
		perror("taprun: cannot start the command");
		return TAPRUN_INTERNAL;
	}

	build_params(&t, params, sizeof(params));
	say(&t, "loading %s (%s)", t.module, params);
	err = tap_load_module(t.module, params);
	if (err) {
		end_child(&t);
		if (err == ENOSYS)
			fprintf(stderr, "taprun: this kernel cannot load modules; use `tapc --vm` to run in a guest kernel\n");
		else if (err == EEXIST)
			fprintf(stderr, "taprun: module %s is already loaded\n",
				t.name);
		else
			fprintf(stderr, "taprun: cannot load %s: %s\n",
				t.module, strerror(err));
		return TAPRUN_CANNOT_LOAD;
	}

	run_module(&t);
	end_child(&t);
	if (t.trace_fd >= 0)
		close(t.trace_fd);
	if (t.ctl_fd >= 0)
		close(t.ctl_fd);
	err = tap_unload_module(t.name);
	if (err) {
		fprintf(stderr, "taprun: cannot unload %s: %s\n", t.name,
			strerror(err));
		t.rc = TAPRUN_INTERNAL;
	}
	say(&t, "unloaded %s", t.name);
	report(&t);
	if (t.sink.out != stdout && fclose(t.sink.out)) {
		perror("taprun: writing the output");
		t.rc = TAPRUN_INTERNAL;
	}
	free(t.buf);
	return t.rc;
}
