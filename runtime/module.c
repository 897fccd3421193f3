// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * module.c - module parameters, module_init and module_exit.
 *
 * init: rings, then tapc_gen_init(), then /proc files (so the loader
 * can only start a fully built module); state LOADED.
 * exit: remove /proc (waits for file operations in flight, so no start
 * can race with us), stop the run if it still runs (disarm, end
 * probes), tapc_gen_exit(), free the rings.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kprobes.h>

#include "transport.h"

static int tapc_target;
module_param_named(target, tapc_target, int, 0444);
MODULE_PARM_DESC(target, "pid returned by target()");

static unsigned int tapc_bufsize = TAPC_BUFSIZE_DEFAULT;
module_param_named(bufsize, tapc_bufsize, uint, 0444);
MODULE_PARM_DESC(bufsize, "output ring size per CPU in KiB");

pid_t tapc_session_target(void)
{
	return tapc_target;
}
NOKPROBE_SYMBOL(tapc_session_target);

static int __init tapc_module_init(void)
{
	int ret;

	if (strcmp(tapc_gen_module_name, THIS_MODULE->name))
		pr_warn("tapc: module %s calls itself %s; /proc uses the latter\n",
			THIS_MODULE->name, tapc_gen_module_name);

	ret = tapc_transport_init(tapc_bufsize);
	if (ret)
		return ret;
	ret = tapc_gen_init();
	if (ret)
		goto out_transport;
	ret = tapc_session_proc_init();
	if (ret)
		goto out_gen;
	return 0;

out_gen:
	tapc_gen_exit();
out_transport:
	tapc_transport_exit();
	return ret;
}

static void __exit tapc_module_exit(void)
{
	tapc_session_proc_exit();
	tapc_session_stop();
	tapc_gen_exit();
	tapc_transport_exit();
}

module_init(tapc_module_init);
module_exit(tapc_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("tapc tracing module");
