// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapc_broken.c - a module that does not compile, written the way the
 * generated C marks script locations, for the pass-4 error mapping test
 * (tapc.build/kbuild.exp).  The errors must be reported at
 * tapc_broken.stp:4:9 and tapc_broken.stp:7, not in this file.
 */
#include <linux/module.h>

// @@ tapc_broken.stp:2:1
static int __init tb_init(void)
{
	// @@ tapc_broken.stp:4:9
	int x = no_such_variable;

	// @@ tapc_broken.stp:7
	return x + no_such_function();
}
module_init(tb_init);
MODULE_LICENSE("GPL");
