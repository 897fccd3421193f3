// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * copy.c - fault-safe string reads (see copy.h).
 */

long tapc_kstring(char *dst, unsigned long addr, size_t size)
{
	long n;

	dst[0] = '\0';
	if (unlikely(addr < PAGE_SIZE))
		return -EFAULT;
	n = strncpy_from_kernel_nofault(dst, (const void *)addr, size);
	if (n < 0) {
		dst[0] = '\0';
		return -EFAULT;
	}
	dst[size - 1] = '\0';
	return strnlen(dst, size);
}

long tapc_ustring(char *dst, unsigned long addr, size_t size)
{
	long n;

	dst[0] = '\0';
	n = strncpy_from_user_nofault(dst, (const void __user *)addr, size);
	if (n < 0) {
		dst[0] = '\0';
		return -EFAULT;
	}
	dst[size - 1] = '\0';
	return strnlen(dst, size);
}
