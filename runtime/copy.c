// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * copy.c - fault-safe string reads (see copy.h).
 *
 * strncpy_from_kernel_nofault() is not exported to modules, so strings are
 * read page chunk by page chunk with the exported copy_from_*_nofault():
 * a chunk never crosses a page, so it faults only if the string itself
 * does.
 */

static long tapc_string_chunks(char *dst, unsigned long addr, size_t size,
			       bool user)
{
	size_t got = 0, n;
	char *nul;
	long rc;

	dst[0] = '\0';
	if (!size)
		return 0;
	while (got < size - 1) {
		n = PAGE_SIZE - ((addr + got) & (PAGE_SIZE - 1));
		n = min(n, size - 1 - got);
		n = min_t(size_t, n, 64);	/* don't read far past the NUL */
		if (user)
			rc = copy_from_user_nofault(dst + got,
				(const void __user *)(addr + got), n);
		else
			rc = copy_from_kernel_nofault(dst + got,
				(const void *)(addr + got), n);
		if (rc) {
			dst[0] = '\0';
			return -EFAULT;
		}
		nul = memchr(dst + got, '\0', n);
		if (nul)
			return nul - dst;
		got += n;
	}
	dst[got] = '\0';
	return got;
}

long tapc_kstring(char *dst, unsigned long addr, size_t size)
{
	if (unlikely(addr < PAGE_SIZE)) {
		dst[0] = '\0';
		return -EFAULT;
	}
	return tapc_string_chunks(dst, addr, size, false);
}

long tapc_ustring(char *dst, unsigned long addr, size_t size)
{
	return tapc_string_chunks(dst, addr, size, true);
}
