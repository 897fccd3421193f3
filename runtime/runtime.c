// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * runtime.c - every runtime source, included once at the end of the
 * generated module (see runtime.h for why it is one translation unit).
 */
#include "context.c"
#include "copy.c"
#include "str.c"
#include "print.c"
#include "stat.c"
#include "map.c"
#include "linux/tapc_kprobes.c"
#include "linux/tapc_timers.c"
#include "linux/tapc_tracepoints.c"
/* transport, session state machine, /proc files, module init/exit */
#include "transport.c"
#include "session.c"
#include "module.c"
