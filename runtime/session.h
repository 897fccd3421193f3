/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.h - the contract between the three parts of a tapc module:
 *
 *   transport + session (runtime/transport.c, runtime/session.c):
 *	per-CPU output rings, /proc control files, the run state machine,
 *	module init/exit.
 *   probe runtime (runtime/context.c, print.c, map.c, ...): what
 *	generated handlers use.
 *   generated code (translator/codegen): defines the tapc_gen_* hooks.
 *
 * The user-space side (runtime/loader, taprun) talks to the module only
 * through the files and record format defined here (shared header, so
 * it must compile both in the kernel and in user space).
 *
 * Files, under /proc/tapc-<module name>/ :
 *   trace   read-only; a stream of whole records (struct tapc_rec_hdr +
 *           payload), merged across CPUs in sequence order.  read()
 *           returns 0 when nothing is pending (the loader polls).
 *   ctl     write "start" (run begin probes, arm probes) or "stop"
 *           (disarm, run end probes, flush); read: the status lines.
 *   status  read-only, "key value" lines:
 *             state   loaded|starting|running|stopping|stopped|error
 *             exit    0|1      (exit() called or an error asked to stop)
 *             lost    N        records dropped because a ring was full
 *             errors  N        handler errors
 *             skipped N        handler runs skipped (reentrancy, lock
 *                              contention, state)
 *             missed  N        kprobe/kretprobe misses (nmissed sum)
 *             fatal   N        errors reported with tapc_session_error()
 *                              (the run fails: taprun exits 1)
 *             bufsize N        ring size per CPU in KiB (after rounding)
 *           Readers must ignore keys they do not know.
 *
 * Module parameters: target=PID (target()), bufsize=KiB per CPU ring.
 */
#ifndef TAPC_SESSION_H
#define TAPC_SESSION_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

enum tapc_rec_type {
	TAPC_REC_STDOUT = 1,	/* script output (print, printf, ...) */
	TAPC_REC_WARN = 2,	/* "WARNING: ..." to stderr */
	TAPC_REC_ERROR = 3,	/* "ERROR: ..." to stderr; the run stops */
};

struct tapc_rec_hdr {
#ifdef __KERNEL__
	u32 len;		/* payload bytes following the header */
	u16 type;		/* enum tapc_rec_type */
	u16 cpu;
	u64 seq;		/* global order of records */
#else
	uint32_t len;
	uint16_t type;
	uint16_t cpu;
	uint64_t seq;
#endif
};

#define TAPC_PROC_PREFIX "tapc-"

#ifdef __KERNEL__
#include <linux/seq_file.h>

enum tapc_state {
	TAPC_LOADED,
	TAPC_STARTING,
	TAPC_RUNNING,
	TAPC_STOPPING,
	TAPC_STOPPED,
	TAPC_ERROR,
};

/* ---- provided by the transport/session runtime ---- */

/* Append a record for this CPU; never sleeps, callable from any context.
 * Returns 0, or -ENOSPC when the ring is full (the record is counted as
 * lost, never silently dropped). */
int tapc_transport_write(enum tapc_rec_type type, const char *buf, size_t len);
/* Current state (handlers run only while TAPC_RUNNING, or STARTING /
 * STOPPING for begin/end probes). */
enum tapc_state tapc_session_state(void);
/* exit(): ask the loader to stop the run (never sleeps). */
void tapc_session_request_exit(void);
/* True once exit was requested (by exit() or an error). */
bool tapc_session_exit_requested(void);
/* The target=PID module parameter (target() in scripts); 0 if unset. */
pid_t tapc_session_target(void);
/* A handler error: emit "ERROR: msg" and ask the loader to stop. */
void tapc_session_error(const char *msg);
/* True once a fatal error was reported (the run failed): tapc_gen_stop()
 * then runs the error probes instead of the end probes. */
bool tapc_session_failed(void);
/* Count one skipped handler run (reentrancy, lock contention, ...). */
void tapc_session_count_skip(void);
/* Count one handler error without stopping (error probes, try/catch). */
void tapc_session_count_error(void);

/* ---- provided by the generated code ---- */

/* Allocate maps/aggregates (process context, may sleep). 0 or -errno. */
int tapc_gen_init(void);
/* Run begin probes, then arm every probe; on failure report with
 * tapc_session_error() and return -errno (all armed probes disarmed). */
int tapc_gen_start(void);
/* Disarm every probe (waits for running handlers), then run the end
 * probes, or the error probes if tapc_session_failed(). */
void tapc_gen_stop(void);
/* Free what tapc_gen_init allocated. */
void tapc_gen_exit(void);
/* Sum of kprobe/kretprobe nmissed over all armed probes. */
unsigned long tapc_gen_missed(void);
/* The module's name, as used in the /proc directory. */
extern const char tapc_gen_module_name[];
#endif /* __KERNEL__ */

#endif
