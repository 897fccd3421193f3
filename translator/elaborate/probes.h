/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * probes.h - a probe point while it is being expanded (probes.c and the
 * family expanders in probes_*.c).
 */
#ifndef TAPC_PROBES_H
#define TAPC_PROBES_H

#include "internal.h"

/* One component: name("arg") */
struct pr_comp {
	const char *name;		/* may contain '*' */
	struct ast_node *arg;		/* AST_STR / AST_NUM literal or NULL */
	const struct src_loc *loc;
};

/* One step of the alias chain: the point as written, and where. */
struct pr_step {
	const char *text;
	const struct src_loc *loc;
};

struct pr_point {
	VEC(struct pr_comp) comps;	/* the point being matched */
	VEC(struct pr_step) chain;	/* user's point first, then each alias */
	struct ast_node *body;		/* joined body so far */
	struct ast_node *cond;		/* joined conditions */
	bool optional;
	int depth;
	struct el_file *file;		/* file the current point came from */
};

void pr_point_str(const struct pr_point *pt, size_t from, struct strbuf *sb);
struct el_origin *pr_origin(const struct pr_point *pt);
struct diag *pr_error(const struct pr_point *pt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct el_probe *pr_add(struct el_ctx *c, const struct pr_point *pt,
			enum el_probe_kind kind, const char *pp);

/* probes_builtin.c */
int pr_builtin_expand(struct el_ctx *c, struct pr_point *pt);
bool pr_builtin_known(const char *first);

/* probes_kernel.c: kernel.function / kernel.statement / kernel.trace */
int pr_kernel_expand(struct el_ctx *c, struct pr_point *pt);

#endif
