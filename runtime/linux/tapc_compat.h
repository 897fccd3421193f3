/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tapc_compat.h - kernel API differences, each behind one compile-time
 * check with a readable fallback.  Add a new question here (or as an
 * autoconf-style probe file) rather than sprinkling version tests.
 */
#ifndef TAPC_LINUX_COMPAT_H
#define TAPC_LINUX_COMPAT_H

#include <linux/version.h>
#include <linux/uaccess.h>

/* copy_from_kernel_nofault / strncpy_from_kernel_nofault: 5.8+;
 * earlier kernels spell them probe_kernel_read / strncpy_from_unsafe. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 8, 0)
#define copy_from_kernel_nofault(dst, src, n) probe_kernel_read(dst, src, n)
#define strncpy_from_kernel_nofault(dst, src, n) \
	strncpy_from_unsafe(dst, src, n)
#define copy_from_user_nofault(dst, src, n) probe_user_read(dst, src, n)
#define strncpy_from_user_nofault(dst, src, n) \
	strncpy_from_unsafe_user(dst, src, n)
#endif

/* NOKPROBE_SYMBOL exists since 3.16; older kernels: no blacklist. */
#ifndef NOKPROBE_SYMBOL
#define NOKPROBE_SYMBOL(fn)
#endif

/* for_each_kernel_tracepoint: 3.15+ (tracepoints are looked up by name
 * because the tracepoint structs are not exported to modules). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(3, 15, 0)
#error "tapc: tracepoint lookup needs for_each_kernel_tracepoint (Linux 3.15+)"
#endif

/* hrtimer modes: HRTIMER_MODE_REL_HARD (5.4+) runs the callback in hard
 * irq even on PREEMPT_RT; older kernels only have HRTIMER_MODE_REL. */
#ifdef HRTIMER_MODE_REL_HARD
#define TAPC_HRTIMER_MODE HRTIMER_MODE_REL_HARD
#else
#define TAPC_HRTIMER_MODE HRTIMER_MODE_REL
#endif
/* timer.profile: pinned to the CPU that starts it (hard irq on 5.4+) */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 4, 0)
#define TAPC_HRTIMER_PINNED HRTIMER_MODE_REL_PINNED_HARD
#else
#define TAPC_HRTIMER_PINNED HRTIMER_MODE_REL_PINNED
#endif

#endif
