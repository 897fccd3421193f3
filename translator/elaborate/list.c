// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * list.c - tapc -l / -L PATTERN: expand PATTERN as a probe point and list
 * what it becomes; -L adds the variables each offers (alias locals with
 * their inferred types, then the $target variables of the function).
 */
#include <stdlib.h>
#include <string.h>

#include "../dwarf/dwarf.h"
#include "internal.h"

struct lv {
	struct strbuf *sb;
};

static void add_var(const char *name, const char *ctype, bool is_param,
		    void *arg)
{
	struct lv *l = arg;

	(void)is_param;
	sb_printf(l->sb, " $%s:%s", name, ctype);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int el_list_probes(const struct session *s, const struct parse_env *env,
		   struct dw_kernel *dw, const char *pattern, bool with_vars,
		   FILE *out)
{
	char *text = xasprintf("probe %s {}\n", pattern);
	struct ast_file *f = parse_string(env, "<pattern>", text, false);
	struct el_program *p;
	VEC(char *) lines = { 0 };
	size_t i, j;

	if (!f || f->had_errors)
		return 0;
	p = elaborate(s, env, f, dw);
	if (!p)
		return 0;
	for (i = 0; i < p->probes.n; i++) {
		const struct el_probe *pr = p->probes.v[i];
		const struct el_origin *o = pr->origin;
		struct strbuf sb;

		sb_init(&sb);
		/* aliases list under their own name, like stap */
		sb_puts(&sb, o && o->next ? o->next->point : pr->pp);
		if (o && o->next && o->next->next)
			sb_puts(&sb, "");
		if (with_vars) {
			struct lv l = { &sb };

			for (j = 0; j < pr->locals.n; j++)
				sb_printf(&sb, " %s:%s", pr->locals.v[j]->name,
					  ast_type_name(pr->locals.v[j]->type));
			if (dw && pr->dw_func && pr->kind != PROBE_TRACEPOINT)
				dw_list_vars(dw, pr->dw_func, 0, add_var, &l);
		}
		vec_push(&lines, sb_steal(&sb));
	}
	if (lines.n)
		qsort(lines.v, lines.n, sizeof(*lines.v), cmp_line);
	for (i = 0; i < lines.n; i++)
		if (i == 0 || strcmp(lines.v[i], lines.v[i - 1]))
			fprintf(out, "%s\n", lines.v[i]);
	return (int)lines.n;
}
