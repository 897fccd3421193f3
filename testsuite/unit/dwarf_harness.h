/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf_harness.h - user-space stand-ins for the runtime helpers that
 * generated target-variable access functions use (see dwarf/dwarf.h), so
 * the very same C can run against a real process stopped at a breakpoint.
 */
#ifndef TAPC_DWARF_HARNESS_H
#define TAPC_DWARF_HARNESS_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* registers indexed by DWARF number: 0 rax ... 7 rsp, 8-15 r8-r15, 16 rip */
struct pt_regs {
	unsigned long r[17];
};

struct tapc_ctx {
	struct pt_regs *regs;
	unsigned long tp_args[12];
};

unsigned long tapc_dwarf_reg(struct pt_regs *regs, int dwarf_regno);
int tapc_read_kernel(void *dst, unsigned long addr, size_t n);
unsigned long tapc_return_value(struct pt_regs *regs);
/* the fixture is not relocated: identity */
unsigned long tapc_kernel_reloc(unsigned long link_addr);
/* guru-mode writers (FN_w) */
int tapc_write_kernel(unsigned long addr, const void *src, size_t n);
int tapc_dwarf_reg_set(struct pt_regs *regs, int dwarf_regno,
		       unsigned long v);
#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif

enum { CHK_LONG, CHK_STR, CHK_PRETTY, CHK_PRETTY_HAS };

struct tapc_check {
	const char *desc;
	unsigned long addr;	/* breakpoint */
	int kind;
	int (*fn_long)(struct tapc_ctx *c, int64_t *out);
	int (*fn_str)(struct tapc_ctx *c, char *out, size_t outlen);
	long long expect;
	const char *sexpect;
	const char *sym;	/* non-NULL: addr must be sym + off (armable) */
	unsigned long off;
};

#endif
