/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * context.h - the per-CPU probe context and the handler prologue/epilogue.
 *
 * One struct tapc_ctx per possible CPU is allocated at module init
 * (tapc_ctx_alloc, process context) and reached through a per-CPU
 * pointer.  A handler:
 *
 *	c = tapc_ctx_enter(TAPC_RUNNING);   NULL: not running / reentered
 *	c->pp = "..."; c->regs = regs;
 *	...body, which on error calls tapc_ctx_error() and jumps out...
 *	tapc_ctx_leave(c);                  reports c->last_error once
 *
 * begin, end and error probes instead run preemptible, in the process
 * that wrote "start" or "stop" to the ctl file, with the one context
 * tapc_ctx_proc (tapc_ctx_enter_proc): no other handler can run then
 * (probes are armed after the begin probes and disarmed before the end
 * probes), so they take no global locks, and a print may sleep until
 * the loader has drained the output ring (runtime/transport.c).
 *
 * Embedded-C functions see the context as CONTEXT (struct tapc_ctx *);
 * the fields marked [embedded] are a stable API for them.
 */
#ifndef TAPC_CONTEXT_H
#define TAPC_CONTEXT_H

/* An output buffer: print statements format into the per-CPU print
 * buffer, sprintf into a string temporary. Writes are always bounded. */
struct tapc_out {
	char *buf;
	unsigned int len;	/* bytes used (no NUL counted) */
	unsigned int cap;	/* bytes available, including room for NUL */
	bool flush;		/* print buffer: flush to transport when full */
};

struct tapc_ctx {
	int busy;			/* reentrancy guard */
	int nesting;			/* script function call depth */
	unsigned int actions;		/* statements run in this handler */
	const char *pp;			/* [embedded] probe point string */
	struct pt_regs *regs;		/* [embedded] registers or NULL */
	struct kretprobe_instance *ri;	/* [embedded] .return probes */
	unsigned long tp_args[TAPC_TP_MAXARGS];	/* [embedded] tracepoint args */
	void *locals;			/* locals of the running probe */
	char *frames;			/* MAXNESTING script function frames */
	const char *last_error;		/* NULL, or error_msg when aborting */
	const char *error_where;	/* "file:line:col" of the error */
	char error_msg[MAXSTRINGLEN];
	int re_ngroups;			/* last =~: groups, -1 failed/none */
	int re_cap[TAPC_RE_NSUB][2];	/* offsets into re_subject, -1 */
	char re_subject[MAXSTRINGLEN];	/* the last matched string */
	struct tapc_out out;		/* the print buffer */
	char printbuf[TAPC_PRINTBUF_SIZE];
};

DECLARE_PER_CPU(struct tapc_ctx *, tapc_ctx_cpu);
extern struct tapc_ctx *tapc_ctx_proc;

/* Allocate / free the contexts (process context). */
int tapc_ctx_alloc(size_t locals_size, size_t frames_size);
void tapc_ctx_free(void);

/* Record an error (first one wins) and make the handler abort. */
void tapc_ctx_error(struct tapc_ctx *c, const char *msg, const char *where);
void tapc_ctx_errorf(struct tapc_ctx *c, const char *where,
		     const char *fmt, ...) __printf(3, 4);
/* Report c->last_error to the session (handler exit). */
void tapc_ctx_report(struct tapc_ctx *c);

static __always_inline struct tapc_ctx *tapc_ctx_use(struct tapc_ctx *c)
{
	if (unlikely(c->busy)) {
		tapc_session_count_skip();
		return NULL;
	}
	c->busy = 1;
	barrier();
	c->nesting = 0;
	c->actions = 0;
	c->last_error = NULL;
	c->re_ngroups = -1;
	c->regs = NULL;
	c->ri = NULL;
	return c;
}

static __always_inline struct tapc_ctx *tapc_ctx_enter(enum tapc_state want)
{
	if (unlikely(tapc_session_state() != want))
		return NULL;
	return tapc_ctx_use(this_cpu_read(tapc_ctx_cpu));
}

/* begin/end/error probes: process context, preemptible. */
static inline struct tapc_ctx *tapc_ctx_enter_proc(enum tapc_state want)
{
	if (unlikely(tapc_session_state() != want))
		return NULL;
	return tapc_ctx_use(tapc_ctx_proc);
}

static __always_inline void tapc_ctx_leave(struct tapc_ctx *c)
{
	if (unlikely(c->last_error))
		tapc_ctx_report(c);
	barrier();
	c->busy = 0;
}

/* Script division: C semantics, but INT64_MIN / -1 must not trap. The
 * generated code checks for zero first. */
static __always_inline int64_t tapc_div(int64_t a, int64_t b)
{
	return b == -1 ? (int64_t)-(u64)a : a / b;
}

static __always_inline int64_t tapc_mod(int64_t a, int64_t b)
{
	return b == -1 ? 0 : a % b;
}

/* ---- global variable locks: bounded trylock, never spin forever ---- */
static __always_inline bool tapc_read_trylock(rwlock_t *l)
{
	int n;

	for (n = 0; n < MAXTRYLOCK; n++) {
		if (likely(read_trylock(l)))
			return true;
		ndelay(TRYLOCKDELAY);
	}
	return false;
}

static __always_inline bool tapc_write_trylock(rwlock_t *l)
{
	int n;

	for (n = 0; n < MAXTRYLOCK; n++) {
		if (likely(write_trylock(l)))
			return true;
		ndelay(TRYLOCKDELAY);
	}
	return false;
}

#endif
