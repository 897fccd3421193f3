// SPDX-License-Identifier: GPL-2.0-or-later
/* oops.c - dereferences NULL at load time: tapvm must report a crash
 * (exit 125), not hang or report success (tapc.run/tapvm.exp). */
#include <linux/module.h>

static int __init oops_init(void)
{
	*(volatile int *)0 = 1;
	return 0;
}
module_init(oops_init);
MODULE_LICENSE("GPL");
