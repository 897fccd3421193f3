/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * transport.h - internal interface of the output transport.
 *
 * Only transport.c, session.c and module.c use this header; the
 * generated code and the probe runtime see just tapc_transport_write()
 * from session.h.  Everything here is static: the whole module is one
 * translation unit (see runtime.c).
 *
 * Design (transport.c has the details):
 *   - one byte ring per possible CPU, allocated at module init;
 *   - a writer is the CPU that owns the ring, with local interrupts off
 *     and a per-CPU nesting guard against NMIs;
 *   - the reader is any CPU, serialised by a mutex, and merges the rings
 *     by the global sequence number;
 *   - a record that does not fit is dropped and counted in "lost",
 *     except in begin/end/error probes, which wait for the reader.
 */
#ifndef TAPC_TRANSPORT_H
#define TAPC_TRANSPORT_H

#include <linux/proc_fs.h>

#include "session.h"

/* Ring size limits per CPU, in KiB (module parameter bufsize). */
#define TAPC_BUFSIZE_MIN	4
#define TAPC_BUFSIZE_MAX	(64 * 1024)
#define TAPC_BUFSIZE_DEFAULT	256

/* Largest payload of one record; longer writes are dropped and counted. */
#define TAPC_REC_MAX		(32 * 1024)

static int tapc_transport_init(unsigned int kib);
static void tapc_transport_exit(void);
/* Records dropped so far, summed over all CPUs. */
static unsigned long tapc_transport_lost(void);
/* The task whose writes may sleep for room (ctl writer), or NULL. */
static void tapc_transport_set_waiter(struct task_struct *task);
/* Ring size per CPU in KiB, after rounding. */
static unsigned int tapc_transport_kib(void);

/* /proc/tapc-<name>/trace */
static const struct proc_ops tapc_trace_proc_ops;

/* session.c: /proc/tapc-<name>/ and the stop path used by module exit. */
static int tapc_session_proc_init(void);
static void tapc_session_proc_exit(void);
static void tapc_session_stop(void);

#endif
