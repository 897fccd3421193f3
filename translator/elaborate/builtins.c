// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * builtins.c - functions implemented directly by codegen (not tapsets):
 * printing, run control and string basics.  Their signatures feed type
 * inference and call checking; codegen/ knows how to emit each.
 */
#include <string.h>

#include "internal.h"

#define L TYPE_LONG
#define S TYPE_STRING
#define V TYPE_VOID
#define U TYPE_UNKNOWN

static const struct el_builtin builtins[] = {
	/* name          min max  ret arg  format */
	{ "print",        1, -1,  V,  U,  false },
	{ "println",      0, -1,  V,  U,  false },
	{ "printf",       1, -1,  V,  U,  true },
	{ "sprintf",      1, -1,  S,  U,  true },
	{ "sprint",       1, -1,  S,  U,  false },
	{ "sprintln",     0, -1,  S,  U,  false },
	{ "printd",       2, -1,  V,  U,  false },
	{ "printdln",     2, -1,  V,  U,  false },
	{ "exit",         0,  0,  V,  U,  false },
	{ "error",        1,  1,  V,  S,  false },
	{ "warn",         1,  1,  V,  S,  false },
	{ "strlen",       1,  1,  L,  S,  false },
	{ "substr",       3,  3,  S,  U,  false },
	{ "isinstr",      2,  2,  L,  S,  false },
	{ "strtol",       2,  2,  L,  U,  false },
	{ "kernel_string", 1, 1,  S,  L,  false },
	{ "kernel_string_n", 2, 2, S, L,  false },
	{ "kernel_long",  1,  1,  L,  L,  false },
	{ "kernel_int",   1,  1,  L,  L,  false },
	{ "kernel_short", 1,  1,  L,  L,  false },
	{ "kernel_char",  1,  1,  L,  L,  false },
	{ "kernel_pointer", 1, 1, L,  L,  false },
};

#undef L
#undef S
#undef V
#undef U

const struct el_builtin *rs_builtin(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(builtins) / sizeof(*builtins); i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}

void rs_builtin_names(void *vec)
{
	VEC(const char *) *names = vec;
	size_t i;

	for (i = 0; i < sizeof(builtins) / sizeof(*builtins); i++)
		vec_push(names, builtins[i].name);
}
