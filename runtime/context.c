// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * context.c - per-CPU probe contexts and handler error reporting.
 */

DEFINE_PER_CPU(struct tapc_ctx *, tapc_ctx_cpu);
struct tapc_ctx *tapc_ctx_proc;

int tapc_ctx_alloc(size_t locals_size, size_t frames_size)
{
	size_t lsz = ALIGN(locals_size, 16), fsz = ALIGN(frames_size, 16);
	struct tapc_ctx *c;
	int cpu;

	c = kvzalloc(sizeof(*c) + lsz + fsz, GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->locals = (char *)(c + 1);
	c->frames = (char *)(c + 1) + lsz;
	tapc_ctx_proc = c;
	for_each_possible_cpu(cpu) {
		c = kvzalloc(sizeof(*c) + lsz + fsz, GFP_KERNEL);
		if (!c) {
			tapc_ctx_free();
			return -ENOMEM;
		}
		c->locals = (char *)(c + 1);
		c->frames = (char *)(c + 1) + lsz;
		per_cpu(tapc_ctx_cpu, cpu) = c;
	}
	return 0;
}

void tapc_ctx_free(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		kvfree(per_cpu(tapc_ctx_cpu, cpu));
		per_cpu(tapc_ctx_cpu, cpu) = NULL;
	}
	kvfree(tapc_ctx_proc);
	tapc_ctx_proc = NULL;
}

void tapc_ctx_error(struct tapc_ctx *c, const char *msg, const char *where)
{
	if (c->last_error)
		return;
	strscpy(c->error_msg, msg, sizeof(c->error_msg));
	c->error_where = where;
	c->last_error = c->error_msg;
}

void tapc_ctx_errorf(struct tapc_ctx *c, const char *where,
		     const char *fmt, ...)
{
	va_list ap;

	if (c->last_error)
		return;
	va_start(ap, fmt);
	vsnprintf(c->error_msg, sizeof(c->error_msg), fmt, ap);
	va_end(ap);
	c->error_where = where;
	c->last_error = c->error_msg;
}

void tapc_ctx_fault(struct tapc_ctx *c, unsigned long addr, const char *where)
{
	tapc_ctx_errorf(c, where, "kernel read fault at 0x%lx", addr);
}

/* "<msg> in probe <pp> at <file:line:col>"; error() passes where NULL
 * and its message is reported as written. */
void tapc_ctx_report(struct tapc_ctx *c)
{
	char *buf = c->printbuf;

	if (!c->error_where)
		strscpy(buf, c->error_msg, TAPC_PRINTBUF_SIZE);
	else if (c->error_where[0])
		snprintf(buf, TAPC_PRINTBUF_SIZE, "%s in probe %s at %s",
			 c->error_msg, c->pp ? c->pp : "?", c->error_where);
	else
		snprintf(buf, TAPC_PRINTBUF_SIZE, "%s in probe %s",
			 c->error_msg, c->pp ? c->pp : "?");
	tapc_session_error(buf);
	c->last_error = NULL;
}
