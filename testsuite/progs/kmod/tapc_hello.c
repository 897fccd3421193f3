// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapc_hello.c - a hand-written test module for the pass-4/pass-5
 * plumbing (kbuild driver, tapvm).  It logs on load and unload and
 * counts execs with a kprobe, so a guest run shows that the module was
 * really built for, and loaded into, the guest kernel.
 */
#include <linux/init.h>
#include <linux/kprobes.h>
#include <linux/module.h>

static unsigned long hits;

// @@ tapc_hello.stp:3
static int tapc_hello_pre(struct kprobe *p, struct pt_regs *regs)
{
	hits++;
	return 0;
}
NOKPROBE_SYMBOL(tapc_hello_pre);

static struct kprobe kp = {
	.symbol_name = "bprm_execve",
	.pre_handler = tapc_hello_pre,
};

static int __init tapc_hello_init(void)
{
	int rc = register_kprobe(&kp);

	if (rc) {
		pr_err("tapc_hello: register_kprobe: %d\n", rc);
		return rc;
	}
	pr_info("tapc_hello: loaded\n");
	return 0;
}

static void __exit tapc_hello_exit(void)
{
	unregister_kprobe(&kp);
	pr_info("tapc_hello: unloaded, %lu execs, %lu missed\n", hits, kp.nmissed);
}

module_init(tapc_hello_init);
module_exit(tapc_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("tapc test module");
