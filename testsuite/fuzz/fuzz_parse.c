// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_parse.c - libFuzzer target for pass 1.
 *
 * Each input is parsed as a script with two command-line arguments (so
 * $1/@1 are exercised).  When it parses cleanly, the -p1 output must
 * parse cleanly too and print identically: the round-trip property the
 * testsuite checks, now on arbitrary input.  Everything the parser
 * allocated is released after each input (ast_arena_free_all).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parse.h"

static char *print_to_string(const struct ast_file *f, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);

	ast_print_file(f, m);
	fclose(m);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const argv[] = { "42", "sys_open" };
	struct parse_env env = { 0 };
	struct hmap macros;
	char *text = malloc(size + 1);
	struct ast_file *f;
	int before;

	memcpy(text, data, size);
	text[size] = '\0';
	hmap_init(&macros);
	env.macros = &macros;
	env.argv = argv;
	env.argc = 2;
	env.kernel_vr = "6.1.0-56-cloud-amd64";
	env.arch = "x86_64";
	before = diag_errors();
	f = parse_string(&env, "<fuzz>", text, false);
	if (diag_errors() == before && !f->had_errors) {
		size_t len1, len2;
		char *once = print_to_string(f, &len1);
		struct ast_file *g = parse_string(&env, "<printed>", once, false);

		if (g->had_errors) {
			fprintf(stderr, "printed output does not parse:\n%s\n", once);
			abort();
		}
		char *twice = print_to_string(g, &len2);

		if (len1 != len2 || memcmp(once, twice, len1)) {
			fprintf(stderr, "round trip differs:\n%s\n---\n%s\n", once,
				twice);
			abort();
		}
		free(once);
		free(twice);
	}
	hmap_free(&macros);
	ast_arena_free_all();
	free(text);
	return 0;
}
