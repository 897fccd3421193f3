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

/*
 * Per-argument types and printable signatures (for type checking and for
 * arity/type errors that name the builtin).  'L' long, 'S' string, 'A'
 * any; a trailing '*' repeats the last letter any number of times.
 */
static const struct {
	const char *name, *args, *sig;
} sigs[] = {
	{ "print",          "AA*", "print(any, ...)" },
	{ "println",        "A*",  "println(any...)" },
	{ "printf",         "SA*", "printf(string format, any...)" },
	{ "sprintf",        "SA*", "sprintf(string format, any...):string" },
	{ "sprint",         "AA*", "sprint(any, ...):string" },
	{ "sprintln",       "A*",  "sprintln(any...):string" },
	{ "printd",         "SAA*", "printd(string delimiter, any, ...)" },
	{ "printdln",       "SAA*", "printdln(string delimiter, any, ...)" },
	{ "exit",           "",    "exit()" },
	{ "error",          "S",   "error(string message)" },
	{ "warn",           "S",   "warn(string message)" },
	{ "strlen",         "S",   "strlen(string s):long" },
	{ "substr",         "SLL", "substr(string s, long start, long length):string" },
	{ "isinstr",        "SS",  "isinstr(string s1, string s2):long" },
	{ "strtol",         "SL",  "strtol(string s, long base):long" },
	{ "kernel_string",  "L",   "kernel_string(long addr):string" },
	{ "kernel_string_n", "LL", "kernel_string_n(long addr, long n):string" },
	{ "kernel_long",    "L",   "kernel_long(long addr):long" },
	{ "kernel_int",     "L",   "kernel_int(long addr):long" },
	{ "kernel_short",   "L",   "kernel_short(long addr):long" },
	{ "kernel_char",    "L",   "kernel_char(long addr):long" },
	{ "kernel_pointer", "L",   "kernel_pointer(long addr):long" },
};

/* "substr(string s, long start, long length):string", or the bare name. */
const char *bi_signature(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		if (!strcmp(sigs[i].name, name))
			return sigs[i].sig;
	return name;
}

/* The type argument i (0-based) of a builtin must have, or TYPE_UNKNOWN. */
enum ast_type bi_arg_type(const char *name, int i)
{
	size_t k;
	const char *a;
	int n;

	for (k = 0; k < sizeof(sigs) / sizeof(*sigs); k++) {
		if (strcmp(sigs[k].name, name))
			continue;
		a = sigs[k].args;
		n = (int)strlen(a);
		if (n && a[n - 1] == '*') {
			n--;
			if (i >= n)
				i = n - 1;
		}
		if (i < 0 || i >= n)
			return TYPE_UNKNOWN;
		return a[i] == 'L' ? TYPE_LONG : a[i] == 'S' ? TYPE_STRING :
		       TYPE_UNKNOWN;
	}
	return TYPE_UNKNOWN;
}

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
