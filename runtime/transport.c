// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * transport.c - per-CPU output rings and the /proc trace file.
 *
 * Each possible CPU owns a byte ring of a power-of-two size.  A record is
 * a struct tapc_rec_hdr followed by its payload, padded to 8 bytes; it
 * may wrap around the end of the ring.  head and tail count bytes ever
 * written and consumed, so head - tail is the fill level.
 *
 * Writer (the owning CPU, any context): local interrupts off, so only an
 * NMI can nest; the nest counter makes a nested write drop its record
 * (counted as lost).  The writer checks for room *before* it takes a
 * sequence number, so every sequence number handed out belongs to a
 * record that will be published: the sequence is gap-free.  The record
 * is copied in, then published with smp_store_release(head).
 *
 * Reader (any CPU, tapc_read_lock held): smp_load_acquire(head), copy the
 * record out to user space straight from the ring, then hand the space
 * back with smp_store_release(tail).  It always emits the oldest pending
 * record across CPUs.  Because the sequence is gap-free, a missing next
 * number means a record is being written right now on another CPU; the
 * reader stops there and returns what it has, so the output is in global
 * order.  A gap that lasts longer than TAPC_GAP_TIMEOUT (which would be a
 * bug) is skipped with a warning rather than stalling the output.
 *
 * Begin, end and error probes may print far more than one ring holds.
 * They run preemptible in the task that wrote "start" or "stop" to the
 * ctl file (tapc_transport_waiter, set by session.c), while taprun keeps
 * reading the trace from another thread; so when that task finds its
 * ring full, it sleeps until the reader has consumed something and
 * tries again, instead of dropping the record.  If the reader makes no
 * progress for TAPC_WAIT_TIMEOUT (nobody reads), the record is dropped
 * and counted as usual, and later writes stop waiting until a read
 * succeeds again.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/vmalloc.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/jiffies.h>
#include <linux/kprobes.h>
#include <linux/log2.h>
#include <linux/wait.h>
#include <linux/sched/signal.h>

#include "transport.h"

#define TAPC_REC_ALIGN		8
#define TAPC_REC_SIZE(len) \
	ALIGN(sizeof(struct tapc_rec_hdr) + (len), TAPC_REC_ALIGN)
#define TAPC_GAP_TIMEOUT	(HZ / 10)
#define TAPC_WAIT_TIMEOUT	(5 * HZ)

struct tapc_ring {
	char *data;
	unsigned long mask;	/* size - 1; size is a power of two */
	unsigned long head;	/* bytes written; owning CPU only */
	unsigned long tail;	/* bytes consumed; reader only */
	atomic_long_t lost;	/* records dropped on this CPU */
	int nest;		/* writers active on this CPU */
};

static DEFINE_PER_CPU(struct tapc_ring, tapc_rings);
static atomic64_t tapc_next_seq = ATOMIC64_INIT(0);
static unsigned int tapc_ring_kib;

/* The task that may sleep for room (begin/end/error probes), or NULL. */
static struct task_struct *tapc_transport_waiter;
static DECLARE_WAIT_QUEUE_HEAD(tapc_room_wq);
static atomic_long_t tapc_reads = ATOMIC_LONG_INIT(0);	/* reads with data */
static bool tapc_no_reader;	/* a wait timed out; no waiting until a read */

static DEFINE_MUTEX(tapc_read_lock);
static u64 tapc_read_seq;		/* next sequence number to emit */
static unsigned long tapc_gap_since;	/* jiffies; 0 when no gap */

static void tapc_ring_put(struct tapc_ring *r, unsigned long pos,
			  const void *src, size_t n)
{
	unsigned long off = pos & r->mask;
	size_t first = min_t(size_t, n, r->mask + 1 - off);

	memcpy(r->data + off, src, first);
	memcpy(r->data, (const char *)src + first, n - first);
}
NOKPROBE_SYMBOL(tapc_ring_put);

static void tapc_ring_get(struct tapc_ring *r, unsigned long pos,
			  void *dst, size_t n)
{
	unsigned long off = pos & r->mask;
	size_t first = min_t(size_t, n, r->mask + 1 - off);

	memcpy(dst, r->data + off, first);
	memcpy((char *)dst + first, r->data, n - first);
}

static int tapc_ring_to_user(struct tapc_ring *r, unsigned long pos,
			     char __user *dst, size_t n)
{
	unsigned long off = pos & r->mask;
	size_t first = min_t(size_t, n, r->mask + 1 - off);

	if (copy_to_user(dst, r->data + off, first) ||
	    copy_to_user(dst + first, r->data, n - first))
		return -EFAULT;
	return 0;
}

/* One attempt; a full ring counts the record as lost unless @may_wait. */
static int tapc_transport_try(enum tapc_rec_type type, const char *buf,
			      size_t len, bool may_wait)
{
	struct tapc_ring *r;
	struct tapc_rec_hdr hdr;
	unsigned long flags, head, tail, need;
	int ret = 0;

	local_irq_save(flags);
	r = this_cpu_ptr(&tapc_rings);
	if (r->nest++) {
		ret = -EBUSY;
		goto drop;
	}
	barrier();
	if (unlikely(!r->data)) {
		ret = -ENODEV;
		goto drop;
	}
	need = TAPC_REC_SIZE(len);
	head = r->head;
	tail = smp_load_acquire(&r->tail);
	if (len > TAPC_REC_MAX || need > r->mask + 1 - (head - tail)) {
		ret = -ENOSPC;
		if (may_wait)
			goto out;
		goto drop;
	}

	hdr.len = len;
	hdr.type = type;
	hdr.cpu = smp_processor_id();
	hdr.seq = atomic64_inc_return(&tapc_next_seq) - 1;
	tapc_ring_put(r, head, &hdr, sizeof(hdr));
	tapc_ring_put(r, head + sizeof(hdr), buf, len);
	smp_store_release(&r->head, head + need);
	goto out;

drop:
	atomic_long_inc(&r->lost);
out:
	barrier();
	r->nest--;
	local_irq_restore(flags);
	return ret;
}
NOKPROBE_SYMBOL(tapc_transport_try);

/* May this write sleep until the reader makes room? */
static bool tapc_transport_may_wait(size_t len)
{
	return READ_ONCE(tapc_transport_waiter) == current &&
	       !READ_ONCE(tapc_no_reader) && preemptible() &&
	       !in_interrupt() && !signal_pending(current) &&
	       len <= TAPC_REC_MAX;
}
NOKPROBE_SYMBOL(tapc_transport_may_wait);

/* Sleep until the reader consumed something; false if it did not. */
static bool tapc_transport_wait_room(void)
{
	long seen = atomic_long_read(&tapc_reads);
	long left;

	left = wait_event_interruptible_timeout(tapc_room_wq,
			atomic_long_read(&tapc_reads) != seen,
			TAPC_WAIT_TIMEOUT);
	if (left > 0)
		return true;
	if (!left) {
		pr_warn("tapc: nobody reads the trace; output is dropped\n");
		WRITE_ONCE(tapc_no_reader, true);
	}
	return false;
}

/**
 * tapc_transport_write - append one record to this CPU's ring
 * @type: enum tapc_rec_type
 * @buf: payload (need not be NUL-terminated)
 * @len: payload bytes, at most TAPC_REC_MAX
 *
 * Callable from any context including NMI; never sleeps, except in the
 * begin/end/error probes' task (tapc_transport_waiter), which waits for
 * the reader when its ring is full.  Returns 0, or a negative errno when
 * the record was dropped (and counted as lost).
 */
int tapc_transport_write(enum tapc_rec_type type, const char *buf, size_t len)
{
	bool may_wait = tapc_transport_may_wait(len);
	int ret;

	for (;;) {
		ret = tapc_transport_try(type, buf, len, may_wait);
		if (ret != -ENOSPC || !may_wait)
			return ret;
		may_wait = tapc_transport_wait_room() &&
			   tapc_transport_may_wait(len);
	}
}
NOKPROBE_SYMBOL(tapc_transport_write);

/*
 * Find the ring whose oldest pending record has the smallest sequence
 * number; fills *hdr and returns the ring, or NULL when all are empty.
 */
static struct tapc_ring *tapc_oldest(struct tapc_rec_hdr *hdr)
{
	struct tapc_ring *best = NULL;
	struct tapc_rec_hdr h;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct tapc_ring *r = per_cpu_ptr(&tapc_rings, cpu);

		if (smp_load_acquire(&r->head) == r->tail)
			continue;
		tapc_ring_get(r, r->tail, &h, sizeof(h));
		if (!best || h.seq < hdr->seq) {
			best = r;
			*hdr = h;
			if (h.seq == tapc_read_seq)
				break;
		}
	}
	return best;
}

/* True when the reader should wait for the record tapc_read_seq. */
static bool tapc_wait_for_gap(const struct tapc_rec_hdr *hdr)
{
	if (hdr->seq <= tapc_read_seq) {
		tapc_gap_since = 0;
		return false;
	}
	if (!tapc_gap_since) {
		tapc_gap_since = jiffies ? jiffies : 1;
		return true;
	}
	if (time_before(jiffies, tapc_gap_since + TAPC_GAP_TIMEOUT))
		return true;
	pr_warn("tapc: records %llu..%llu never published; skipped\n",
		tapc_read_seq, hdr->seq - 1);
	tapc_gap_since = 0;
	return false;
}

static ssize_t tapc_trace_read(struct file *file, char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct tapc_rec_hdr hdr;
	struct tapc_ring *r;
	size_t done = 0, rec;
	ssize_t ret = 0;

	if (mutex_lock_interruptible(&tapc_read_lock))
		return -ERESTARTSYS;
	while ((r = tapc_oldest(&hdr))) {
		if (tapc_wait_for_gap(&hdr))
			break;
		rec = sizeof(hdr) + hdr.len;
		if (rec > count - done) {
			if (!done)
				ret = -EMSGSIZE;	/* buffer too small */
			break;
		}
		if (copy_to_user(ubuf + done, &hdr, sizeof(hdr)) ||
		    tapc_ring_to_user(r, r->tail + sizeof(hdr),
				      ubuf + done + sizeof(hdr), hdr.len)) {
			ret = -EFAULT;
			break;
		}
		smp_store_release(&r->tail, r->tail + TAPC_REC_SIZE(hdr.len));
		if (hdr.seq >= tapc_read_seq)
			tapc_read_seq = hdr.seq + 1;
		done += rec;
	}
	mutex_unlock(&tapc_read_lock);
	if (done) {
		WRITE_ONCE(tapc_no_reader, false);
		atomic_long_inc(&tapc_reads);
		wake_up_interruptible(&tapc_room_wq);
	}
	return done ? done : ret;
}

static const struct proc_ops tapc_trace_proc_ops = {
	.proc_open	= nonseekable_open,
	.proc_read	= tapc_trace_read,
	.proc_lseek	= no_llseek,
};

static unsigned long tapc_transport_lost(void)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += atomic_long_read(&per_cpu_ptr(&tapc_rings, cpu)->lost);
	return sum;
}

static unsigned int tapc_transport_kib(void)
{
	return tapc_ring_kib;
}

/* Let @task (begin/end/error probes) wait for room, or nobody (NULL). */
static void tapc_transport_set_waiter(struct task_struct *task)
{
	WRITE_ONCE(tapc_transport_waiter, task);
}

static void tapc_transport_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct tapc_ring *r = per_cpu_ptr(&tapc_rings, cpu);

		vfree(r->data);
		r->data = NULL;
	}
}

/* Process context, at module init: allocate every possible CPU's ring. */
static int tapc_transport_init(unsigned int kib)
{
	unsigned long size;
	int cpu;

	kib = clamp_t(unsigned int, kib, TAPC_BUFSIZE_MIN, TAPC_BUFSIZE_MAX);
	size = roundup_pow_of_two((unsigned long)kib * 1024);
	tapc_ring_kib = size / 1024;

	for_each_possible_cpu(cpu) {
		struct tapc_ring *r = per_cpu_ptr(&tapc_rings, cpu);

		r->head = 0;
		r->tail = 0;
		r->mask = size - 1;
		atomic_long_set(&r->lost, 0);
		r->data = vmalloc_node(size, cpu_to_node(cpu));
		if (!r->data)
			goto out_free;
	}
	return 0;

out_free:
	tapc_transport_exit();
	return -ENOMEM;
}
