/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * copy.h - fault-safe reads of kernel and user memory.
 *
 * Every target-variable access (DWARF pass) and every kernel_*() builtin
 * reads through these; they return 0 (or a length) on success and
 * -EFAULT on a bad address, never oops.
 *
 *	tapc_kread(dst, addr, n)	  copy n bytes from kernel addr
 *	tapc_kread_u8/u16/u32/u64(addr, &v)  one integer
 *	tapc_kstring(dst, addr, size)	  NUL-terminated, truncated to size-1;
 *					  returns the length or -EFAULT
 *	tapc_ustring(dst, addr, size)	  same for a user address
 *
 * For embedded C (stap convention): kread(ptr) reads *ptr or jumps to the
 * label placed by CATCH_DEREF_FAULT() after recording the error.
 */
#ifndef TAPC_COPY_H
#define TAPC_COPY_H

static __always_inline int tapc_kread(void *dst, unsigned long addr, size_t n)
{
	if (unlikely(addr < PAGE_SIZE))
		return -EFAULT;
	return copy_from_kernel_nofault(dst, (const void *)addr, n) ?
	       -EFAULT : 0;
}

/*
 * Guru mode: store n bytes at a kernel address, fault-safe (a bad or
 * read-only address gives -EFAULT, never an oops).  copy_to_kernel_nofault
 * is not exported to modules, so this is its inline core: user addresses
 * are refused, stores go through __put_kernel_nofault with page faults
 * disabled.  Used by the DWARF pass's target-variable writers (see
 * translator/codegen/translate_expr.c, target_write).
 */
static inline int tapc_write_kernel(unsigned long addr, const void *src,
				    size_t n)
{
	const u8 *b = src;
	size_t i;

	if (unlikely(addr < TASK_SIZE_MAX || addr + n < addr))
		return -EFAULT;
	pagefault_disable();
	switch (n) {
	case 8:
		__put_kernel_nofault((void *)addr, src, u64, fault);
		break;
	case 4:
		__put_kernel_nofault((void *)addr, src, u32, fault);
		break;
	case 2:
		__put_kernel_nofault((void *)addr, src, u16, fault);
		break;
	default:
		for (i = 0; i < n; i++)
			__put_kernel_nofault((void *)(addr + i), b + i, u8,
					     fault);
	}
	pagefault_enable();
	return 0;
fault:
	pagefault_enable();
	return -EFAULT;
}

/* The name the DWARF pass's generated access functions use
 * (translator/dwarf/dwarf.h, "GENERATED C CONTRACT"). */
static __always_inline int tapc_read_kernel(void *dst, unsigned long addr,
					    size_t n)
{
	return tapc_kread(dst, addr, n);
}

#define TAPC_KREAD_INT(bits)						\
static __always_inline int tapc_kread_u##bits(unsigned long addr,	\
					       u##bits *v)		\
{									\
	return tapc_kread(v, addr, sizeof(*v));				\
}
TAPC_KREAD_INT(8)
TAPC_KREAD_INT(16)
TAPC_KREAD_INT(32)
TAPC_KREAD_INT(64)
#undef TAPC_KREAD_INT

long tapc_kstring(char *dst, unsigned long addr, size_t size);
long tapc_ustring(char *dst, unsigned long addr, size_t size);

/* Record "kernel read fault at 0x..." on the context. */
void tapc_ctx_fault(struct tapc_ctx *c, unsigned long addr, const char *where);

/* Embedded-C helpers in SystemTap's spelling. */
#define kread(ptr)							\
	({								\
		typeof(*(ptr)) __kr_v;					\
		if (unlikely(tapc_kread(&__kr_v, (unsigned long)(ptr),	\
					sizeof(__kr_v)))) {		\
			tapc_ctx_fault(CONTEXT, (unsigned long)(ptr),	\
				       __func__);			\
			goto deref_fault;				\
		}							\
		__kr_v;							\
	})
#define CATCH_DEREF_FAULT()						\
	do {								\
		if (0) {						\
deref_fault:								\
			goto out;					\
		}							\
	} while (0)

#endif
