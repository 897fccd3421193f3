// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kmod_transport.c - a hand-written stand-in for a generated module.
 *
 * It defines the tapc_gen_* hooks of runtime/session.h and includes the
 * transport/session runtime the way a generated module does.  The
 * "script" it plays is:
 *
 *   probe begin { printf("begin target=%d\n", target()) }
 *   probe kernel.function("__x64_sys_getppid") {
 *           if (!anypid && target() && pid() != target()) next
 *           for (i = 0; i < flood; i++)
 *                   printf("getppid %d.%d cpu %d\n", hit, i, cpu())
 *           if (hit == error_after) error("error after N hits")
 *           if (hit == exit_after) exit()
 *   }
 *   probe end { printf("end hits=%d\n", hits) }
 *
 * Every record it tries to write is counted, and the total is logged at
 * stop ("kmod_transport: produced N records"), so a test can check that
 * received + lost == produced.
 */
#include <linux/module.h>
#include <linux/kprobes.h>
#include <linux/sched.h>

#include "session.h"

static int flood = 1;
module_param(flood, int, 0444);
MODULE_PARM_DESC(flood, "records written per getppid hit");
static int error_after;
module_param(error_after, int, 0444);
MODULE_PARM_DESC(error_after, "report an error at this hit (0: never)");
static int exit_after;
module_param(exit_after, int, 0444);
MODULE_PARM_DESC(exit_after, "call exit() at this hit (0: never)");
static bool fail_start;
module_param(fail_start, bool, 0444);
MODULE_PARM_DESC(fail_start, "make start fail after the begin probe");
static bool anypid;
module_param(anypid, bool, 0444);
MODULE_PARM_DESC(anypid, "count getppid calls of every process");
static int warn_at;
module_param(warn_at, int, 0444);
MODULE_PARM_DESC(warn_at, "write a WARN record at this hit (0: never)");

const char tapc_gen_module_name[] = KBUILD_MODNAME;

static atomic_long_t kt_produced = ATOMIC_LONG_INIT(0);
static atomic_t kt_hits = ATOMIC_INIT(0);
/*
 * Taking the hit number and writing its records under one lock makes
 * hit order equal to sequence order, so a test can check that the reader
 * merges the CPUs' rings in order: hit numbers must come out increasing.
 */
static DEFINE_RAW_SPINLOCK(kt_lock);

static __printf(2, 3) void kt_write(enum tapc_rec_type type,
				     const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	atomic_long_inc(&kt_produced);
	tapc_transport_write(type, buf, n);
}
NOKPROBE_SYMBOL(kt_write);

static void kt_error(const char *msg)
{
	atomic_long_inc(&kt_produced);
	tapc_session_error(msg);
}

static int kt_getppid(struct kprobe *p, struct pt_regs *regs)
{
	pid_t target = tapc_session_target();
	unsigned long flags;
	int hit, i;

	if (tapc_session_state() != TAPC_RUNNING)
		return 0;
	if (!anypid && target && task_tgid_nr(current) != target)
		return 0;
	raw_spin_lock_irqsave(&kt_lock, flags);
	hit = atomic_inc_return(&kt_hits);
	for (i = 0; i < flood; i++)
		kt_write(TAPC_REC_STDOUT, "getppid %d.%d cpu %d\n", hit, i,
			 smp_processor_id());
	raw_spin_unlock_irqrestore(&kt_lock, flags);
	if (hit == warn_at)
		kt_write(TAPC_REC_WARN, "warning at hit %d", hit);
	if (hit == error_after)
		kt_error("error after N hits");
	if (hit == exit_after)
		tapc_session_request_exit();
	return 0;
}
NOKPROBE_SYMBOL(kt_getppid);

static struct kprobe kt_kp = {
	.symbol_name = "__x64_sys_getppid",
	.pre_handler = kt_getppid,
};

int tapc_gen_init(void)
{
	return 0;
}

int tapc_gen_start(void)
{
	int ret;

	kt_write(TAPC_REC_STDOUT, "begin target=%d\n",
		 tapc_session_target());
	if (fail_start) {
		kt_error("start failed on purpose");
		return -EINVAL;
	}
	ret = register_kprobe(&kt_kp);
	if (ret) {
		kt_error("cannot probe __x64_sys_getppid");
		return ret;
	}
	return 0;
}

void tapc_gen_stop(void)
{
	unregister_kprobe(&kt_kp);
	kt_write(TAPC_REC_STDOUT, "end hits=%d\n", atomic_read(&kt_hits));
	pr_info("kmod_transport: produced %ld records\n",
		atomic_long_read(&kt_produced));
}

void tapc_gen_exit(void)
{
}

unsigned long tapc_gen_missed(void)
{
	return kt_kp.nmissed;
}

#include "transport.c"
#include "session.c"
#include "module.c"
