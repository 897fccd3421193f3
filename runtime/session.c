// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * session.c - the run state machine, its counters and /proc/tapc-<name>/.
 *
 *   LOADED --start--> STARTING --tapc_gen_start() ok--> RUNNING
 *                              \--fails--> ERROR
 *   RUNNING --exit() or error--> STOPPING (handlers stop running at once,
 *                                           as in stap; the loader sees
 *                                           "exit 1" and sends stop)
 *   RUNNING/STOPPING --stop--> STOPPING --tapc_gen_stop()--> STOPPED
 *   LOADED --stop--> STOPPED (no begin probe ran, so no end probe runs)
 *
 * exit() during the begin probes leads from STARTING to STOPPING.
 *
 * "start" and "stop" are serialised by tapc_ctl_lock and idempotent: a
 * repeated command in the state it leads to succeeds and does nothing.
 * Handlers never take the lock; they read the state with
 * tapc_session_state() and only touch atomics.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/kprobes.h>

#include "transport.h"

/* Longest message tapc_session_error() puts in an ERROR record. */
#define TAPC_MSG_MAX	1024

static atomic_t tapc_state = ATOMIC_INIT(TAPC_LOADED);
static atomic_t tapc_exit_requested = ATOMIC_INIT(0);
static atomic_long_t tapc_nerrors = ATOMIC_LONG_INIT(0);
static atomic_long_t tapc_nfatal = ATOMIC_LONG_INIT(0);
static atomic_long_t tapc_nskipped = ATOMIC_LONG_INIT(0);
static DEFINE_MUTEX(tapc_ctl_lock);
static struct proc_dir_entry *tapc_proc_dir;

static const char *const tapc_state_names[] = {
	[TAPC_LOADED]	= "loaded",
	[TAPC_STARTING]	= "starting",
	[TAPC_RUNNING]	= "running",
	[TAPC_STOPPING]	= "stopping",
	[TAPC_STOPPED]	= "stopped",
	[TAPC_ERROR]	= "error",
};

enum tapc_state tapc_session_state(void)
{
	return atomic_read(&tapc_state);
}
NOKPROBE_SYMBOL(tapc_session_state);

void tapc_session_request_exit(void)
{
	atomic_set(&tapc_exit_requested, 1);
	atomic_cmpxchg(&tapc_state, TAPC_RUNNING, TAPC_STOPPING);
}
NOKPROBE_SYMBOL(tapc_session_request_exit);

bool tapc_session_exit_requested(void)
{
	return atomic_read(&tapc_exit_requested);
}
NOKPROBE_SYMBOL(tapc_session_exit_requested);

void tapc_session_error(const char *msg)
{
	atomic_long_inc(&tapc_nerrors);
	atomic_long_inc(&tapc_nfatal);
	tapc_transport_write(TAPC_REC_ERROR, msg, strnlen(msg, TAPC_MSG_MAX));
	tapc_session_request_exit();
}
NOKPROBE_SYMBOL(tapc_session_error);

bool tapc_session_failed(void)
{
	return atomic_long_read(&tapc_nfatal) > 0;
}
NOKPROBE_SYMBOL(tapc_session_failed);

void tapc_session_count_skip(void)
{
	atomic_long_inc(&tapc_nskipped);
}
NOKPROBE_SYMBOL(tapc_session_count_skip);

void tapc_session_count_error(void)
{
	atomic_long_inc(&tapc_nerrors);
}
NOKPROBE_SYMBOL(tapc_session_count_error);

/* Called with tapc_ctl_lock held. */
static int tapc_session_start_locked(void)
{
	int ret;

	switch (tapc_session_state()) {
	case TAPC_LOADED:
		break;
	case TAPC_RUNNING:
		return 0;
	default:
		return -EINVAL;
	}
	atomic_set(&tapc_state, TAPC_STARTING);
	ret = tapc_gen_start();
	if (ret)
		atomic_set(&tapc_state, TAPC_ERROR);
	else if (tapc_session_exit_requested())
		atomic_set(&tapc_state, TAPC_STOPPING);
	else
		atomic_set(&tapc_state, TAPC_RUNNING);
	return ret;
}

/* Called with tapc_ctl_lock held; also used by module exit. */
static void tapc_session_stop_locked(void)
{
	switch (tapc_session_state()) {
	case TAPC_LOADED:
		atomic_set(&tapc_state, TAPC_STOPPED);
		return;
	case TAPC_RUNNING:
	case TAPC_STOPPING:	/* exit requested; tapc_gen_stop() not run */
		break;
	default:
		return;		/* stopped already, or start failed */
	}
	atomic_set(&tapc_state, TAPC_STOPPING);
	tapc_gen_stop();
	atomic_set(&tapc_state, TAPC_STOPPED);
}

static void tapc_session_stop(void)
{
	mutex_lock(&tapc_ctl_lock);
	tapc_session_stop_locked();
	mutex_unlock(&tapc_ctl_lock);
}

static ssize_t tapc_ctl_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	char cmd[16];
	size_t n = min(count, sizeof(cmd) - 1);
	int ret = 0;

	if (copy_from_user(cmd, ubuf, n))
		return -EFAULT;
	cmd[n] = '\0';
	strim(cmd);

	if (mutex_lock_interruptible(&tapc_ctl_lock))
		return -ERESTARTSYS;
	/* begin/end/error output may wait for the reader (transport.c) */
	tapc_transport_set_waiter(current);
	if (!strcmp(cmd, "start"))
		ret = tapc_session_start_locked();
	else if (!strcmp(cmd, "stop"))
		tapc_session_stop_locked();
	else
		ret = -EINVAL;
	tapc_transport_set_waiter(NULL);
	mutex_unlock(&tapc_ctl_lock);
	return ret ? ret : count;
}

static int tapc_status_show(struct seq_file *m, void *v)
{
	seq_printf(m, "state %s\n", tapc_state_names[tapc_session_state()]);
	seq_printf(m, "exit %d\n", tapc_session_exit_requested());
	seq_printf(m, "lost %lu\n", tapc_transport_lost());
	seq_printf(m, "errors %ld\n", atomic_long_read(&tapc_nerrors));
	seq_printf(m, "fatal %ld\n", atomic_long_read(&tapc_nfatal));
	seq_printf(m, "skipped %ld\n", atomic_long_read(&tapc_nskipped));
	seq_printf(m, "missed %lu\n", tapc_gen_missed());
	seq_printf(m, "bufsize %u\n", tapc_transport_kib());
	return 0;
}

static int tapc_status_open(struct inode *inode, struct file *file)
{
	return single_open(file, tapc_status_show, NULL);
}

static const struct proc_ops tapc_status_proc_ops = {
	.proc_open	= tapc_status_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

static const struct proc_ops tapc_ctl_proc_ops = {
	.proc_open	= tapc_status_open,
	.proc_read	= seq_read,
	.proc_write	= tapc_ctl_write,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

static int tapc_session_proc_init(void)
{
	char name[sizeof(TAPC_PROC_PREFIX) + MODULE_NAME_LEN];

	snprintf(name, sizeof(name), TAPC_PROC_PREFIX "%s",
		 tapc_gen_module_name);
	tapc_proc_dir = proc_mkdir(name, NULL);
	if (!tapc_proc_dir)
		return -ENOMEM;
	if (!proc_create("trace", 0400, tapc_proc_dir, &tapc_trace_proc_ops) ||
	    !proc_create("ctl", 0600, tapc_proc_dir, &tapc_ctl_proc_ops) ||
	    !proc_create("status", 0444, tapc_proc_dir,
			 &tapc_status_proc_ops)) {
		proc_remove(tapc_proc_dir);
		tapc_proc_dir = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* Waits for every open file operation to finish. */
static void tapc_session_proc_exit(void)
{
	proc_remove(tapc_proc_dir);
	tapc_proc_dir = NULL;
}
