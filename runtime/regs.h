/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * regs.h - register access for target variables and tapsets.
 *
 *	tapc_dwarf_reg(regs, n)	value of DWARF register n (x86_64 numbering:
 *				0 rax 1 rdx 2 rcx 3 rbx 4 rsi 5 rdi 6 rbp
 *				7 rsp 8..15 r8..r15 16 rip)
 *	tapc_arg(regs, n)	n-th (1-based) integer argument at function
 *				entry (SysV ABI), 0 if n is out of range
 *	tapc_retval(regs)	return value in a .return probe
 *	tapc_dwarf_reg_set(regs, n, v)  guru-mode writes to a register-held
 *				target variable: store v into the saved
 *				register n (0, or -EINVAL for rsp, rip, an
 *				unknown register or no registers)
 */
#ifndef TAPC_REGS_H
#define TAPC_REGS_H

#include <asm/ptrace.h>

#ifdef CONFIG_X86_64
static __always_inline unsigned long tapc_dwarf_reg(struct pt_regs *r, int n)
{
	if (unlikely(!r))
		return 0;
	switch (n) {
	case 0: return r->ax;
	case 1: return r->dx;
	case 2: return r->cx;
	case 3: return r->bx;
	case 4: return r->si;
	case 5: return r->di;
	case 6: return r->bp;
	case 7: return kernel_stack_pointer(r);
	case 8: return r->r8;
	case 9: return r->r9;
	case 10: return r->r10;
	case 11: return r->r11;
	case 12: return r->r12;
	case 13: return r->r13;
	case 14: return r->r14;
	case 15: return r->r15;
	case 16: return r->ip;
	default: return 0;
	}
}

static __always_inline int tapc_dwarf_reg_set(struct pt_regs *r, int n,
					      unsigned long v)
{
	unsigned long *slot;

	if (unlikely(!r))
		return -EINVAL;
	switch (n) {
	case 0: slot = &r->ax; break;
	case 1: slot = &r->dx; break;
	case 2: slot = &r->cx; break;
	case 3: slot = &r->bx; break;
	case 4: slot = &r->si; break;
	case 5: slot = &r->di; break;
	case 6: slot = &r->bp; break;
	case 8: slot = &r->r8; break;
	case 9: slot = &r->r9; break;
	case 10: slot = &r->r10; break;
	case 11: slot = &r->r11; break;
	case 12: slot = &r->r12; break;
	case 13: slot = &r->r13; break;
	case 14: slot = &r->r14; break;
	case 15: slot = &r->r15; break;
	default: return -EINVAL;	/* rsp, rip: never */
	}
	*slot = v;
	return 0;
}

static __always_inline unsigned long tapc_arg(struct pt_regs *r, int n)
{
	if (unlikely(!r))
		return 0;
	switch (n) {
	case 1: return r->di;
	case 2: return r->si;
	case 3: return r->dx;
	case 4: return r->cx;
	case 5: return r->r8;
	case 6: return r->r9;
	default: return 0;
	}
}
#else
#error "tapc: only x86_64 register maps are implemented (runtime/regs.h)"
#endif

static __always_inline unsigned long tapc_retval(struct pt_regs *r)
{
	return r ? regs_return_value(r) : 0;
}

/* The name the DWARF pass's generated $return accesses use. */
static __always_inline unsigned long tapc_return_value(struct pt_regs *r)
{
	return tapc_retval(r);
}

/* Run-time address of a vmlinux link-time address (KASLR). */
static __always_inline unsigned long tapc_kernel_reloc(unsigned long link_addr)
{
	return link_addr + kaslr_offset();
}

#endif
