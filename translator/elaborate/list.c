// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * list.c - tapc -l / -L PATTERN: expand PATTERN as a probe point and list
 * what it becomes; -L adds the variables each offers (alias locals with
 * their inferred types, then the $target variables of the function, or
 * a tracepoint's arguments typed from the kernel's DWARF).
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

/* A tracepoint's callback arguments, typed from the kernel's DWARF. */
static void list_tp_args(struct dw_kernel *dw, const char *event, struct lv *l)
{
	struct dw_tracepoint tp;
	struct strbuf err;
	int i;

	sb_init(&err);
	if (dw_find_tracepoint(dw, event, &tp, &err))
		for (i = 0; i < tp.nargs; i++)
			add_var(tp.arg_names[i], tp.arg_types[i], true, l);
	sb_free(&err);
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
			if (dw && pr->kind == PROBE_TRACEPOINT && pr->u.tp.event)
				list_tp_args(dw, pr->u.tp.event, &l);
			else if (dw && pr->dw_func) {
				const struct dw_func *f = pr->dw_func;

				dw_list_vars(f->owner ? f->owner : dw, f,
					     pr->u.kp.addr, add_var, &l);
			}
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
