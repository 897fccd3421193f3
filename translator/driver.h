/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * driver.h - runs passes 1..5 for a session (main.c only parses options).
 */
#ifndef TAPC_DRIVER_H
#define TAPC_DRIVER_H

#include <stdbool.h>

#include "session.h"

struct parse_env;
struct el_program;
struct dw_kernel;

/* Returns the process exit status (see main.c). */
int driver_run(struct session *s);

/* driver_kernel.c: the target kernel as pass 1 and 2 see it */
const char *driver_cache_dir(void);
const char *driver_default_vm_release(void);
/* Release to build for: -r, the guest kernel with --vm, else uname -r. */
const char *driver_release(const struct session *s);
const char *driver_uname_release(void);
void driver_config_attach(struct parse_env *env);
void driver_load_macro_libraries(const struct session *s,
				 struct parse_env *env);
bool driver_open_dwarf(struct session *s, struct dw_kernel **dw);
int driver_list(struct session *s, const struct parse_env *env);

/* driver_build.c: passes 3, 4 and 5 */
int driver_build_and_run(struct session *s, struct el_program *prog);

#endif
