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

/* driver_kernel.c: the target kernel as passes 1 and 2 see it */
bool driver_find_kernel(struct session *s);
bool driver_need_headers(struct session *s);
void driver_config_attach(const struct session *s, struct parse_env *env);
void driver_load_macro_libraries(const struct session *s,
				 struct parse_env *env);

/* driver_dwarf.c */
struct dw_kernel *driver_open_dwarf(const struct session *s);
int driver_list(struct session *s, const struct parse_env *env);

/* driver_build.c: passes 3, 4 and 5 */
int driver_build_and_run(struct session *s, struct el_program *prog);

#endif
