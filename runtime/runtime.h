/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * runtime.h - the one header a generated tapc module includes.
 *
 * The generated translation unit looks like:
 *
 *	#define MAXSTRINGLEN ... (limits, overridable with -D)
 *	#include "runtime.h"	kernel headers + the probe runtime API
 *	...generated globals, handlers, tapc_gen_* hooks...
 *	#include "runtime.c"	every runtime .c file (one TU, so the
 *				compiler can inline runtime helpers into
 *				generated handlers)
 *
 * Everything here runs in probe context unless stated otherwise: it never
 * sleeps, never allocates and bounds every copy.
 */
#ifndef TAPC_RUNTIME_H
#define TAPC_RUNTIME_H

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/percpu.h>
#include <linux/cpu.h>
#include <linux/smp.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/kprobes.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <linux/rwlock.h>
#include <asm/setup.h>		/* kaslr_offset() */
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/jhash.h>
#include <linux/sort.h>
#include <linux/delay.h>
#include <linux/version.h>
#include <asm/irq_regs.h>

/* ---- limits (the generated file defines them first; these are the
 * defaults for runtime code compiled on its own) ---- */
#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN 512
#endif
#ifndef MAXACTION
#define MAXACTION 1000
#endif
#ifndef MAXNESTING
#define MAXNESTING 10
#endif
#ifndef MAXMAPENTRIES
#define MAXMAPENTRIES 2048
#endif
#ifndef MAXTRYLOCK
#define MAXTRYLOCK 1000
#endif
#ifndef TRYLOCKDELAY
#define TRYLOCKDELAY 10		/* ns between lock attempts */
#endif
#ifndef MAXERRORS
#define MAXERRORS 0
#endif
#ifndef MAXSKIPPED
#define MAXSKIPPED 100
#endif
#ifndef HIST_ELISION
#define HIST_ELISION 2		/* empty histogram rows kept at each end */
#endif
#ifndef TAPC_PRINTBUF_SIZE
#define TAPC_PRINTBUF_SIZE 8192	/* per-CPU output buffer of one print */
#endif
#ifndef TAPC_RE_NSUB
#define TAPC_RE_NSUB 10		/* regex subexpressions kept, whole match included */
#endif
#ifndef TAPC_TP_MAXARGS
#define TAPC_TP_MAXARGS 8	/* tracepoint arguments captured */
#endif

#include "session.h"
#include "linux/tapc_compat.h"
#include "context.h"
#include "copy.h"
#include "regs.h"
#include "str.h"
#include "print.h"
#include "stat.h"
#include "map.h"
#include "linux/tapc_probes.h"

#endif
