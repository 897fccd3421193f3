// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * printf.c - the print family: print, println, printf, printd, printdln
 * (statements) and sprint, sprintln, sprintf (string expressions).
 *
 * printf formats are parsed here, at translate time, into one runtime call
 * per literal chunk or conversion (tapc_out_putn, tapc_out_dec,
 * tapc_fmt_long, tapc_fmt_str), and the arguments are type-checked
 * against the conversions.  Arguments are evaluated first, in order, so
 * nested prints inside them cannot disturb the per-CPU print buffer.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

struct pf {
	struct cg *g;
	int u;			/* _t<u>aN argument names, _t<u>o out */
	VEC(char *) decls;	/* argument temporaries */
	VEC(char *) ops;	/* output calls */
	struct ast_node *args[64];
	int nargs;
};

static void pf_op(struct pf *pf, char *s)
{
	vec_push(&pf->ops, s);
}

static void pf_literal(struct pf *pf, const char *s, size_t n)
{
	char *q;

	if (!n)
		return;
	q = cg_cstr(s, n);
	pf_op(pf, xasprintf("tapc_out_putn(_t%do, %s, %zu);", pf->u, q, n));
	free(q);
}

/* Declare argument i as a temporary and return its C name. */
static char *pf_arg(struct pf *pf, int i)
{
	struct ast_node *a = pf->args[i];
	char *x, *name = xasprintf("_t%da%d", pf->u, i);

	if (a->kind == AST_STAT && (a->u.stat.sop == STAT_HIST_LOG ||
				    a->u.stat.sop == STAT_HIST_LINEAR)) {
		bool elem;

		x = cg_stat_ptr(pf->g, a->u.stat.expr, &elem);
		vec_push(&pf->decls, xasprintf("const struct tapc_stat *%s = %s;",
					       name, x));
		if (elem) {
			char *w = cg_where(&a->loc);

			vec_push(&pf->decls,
				 xasprintf("if (unlikely(!%s)) { tapc_ctx_error(c, "
					   "\"aggregate element not found\", %s); "
					   "goto %s; }", name, w,
					   pf->g->err_label));
			free(w);
		}
	} else {
		x = cg_expr(pf->g, a);
		vec_push(&pf->decls, xasprintf("%s %s = %s;",
					       a->type == TYPE_STRING ?
					       "const char *" : "int64_t",
					       name, x));
	}
	free(x);
	return name;
}

static bool is_hist(struct ast_node *a)
{
	return a->kind == AST_STAT && (a->u.stat.sop == STAT_HIST_LOG ||
				       a->u.stat.sop == STAT_HIST_LINEAR);
}

/* Print one value the way print() does. */
static void pf_value(struct pf *pf, int i)
{
	struct ast_node *a = pf->args[i];
	char *name = pf_arg(pf, i);

	if (is_hist(a)) {
		const struct el_sym *s = a->u.stat.expr->sym;

		if (s)
			s = cg_stat_sym(pf->g, s);
		pf_op(pf, xasprintf("tapc_stat_print_hist(_t%do, %s, &gsd_%s);",
				    pf->u, name, s ? s->cname : "?"));
	} else if (a->type == TYPE_STRING) {
		pf_op(pf, xasprintf("tapc_out_puts(_t%do, %s);", pf->u, name));
	} else {
		pf_op(pf, xasprintf("tapc_out_dec(_t%do, %s);", pf->u, name));
	}
	free(name);
}

static int pf_next_arg(struct pf *pf, int *ai, struct ast_node *fmt,
		       const char *conv_text)
{
	if (*ai >= pf->nargs) {
		cg_error(pf->g, &fmt->loc,
			 "too few arguments for format '%s'", conv_text);
		return -1;
	}
	return (*ai)++;
}

static void pf_format(struct pf *pf, struct ast_node *fmt, int ai)
{
	const char *s, *lit;

	if (fmt->kind != AST_STR) {
		cg_error(pf->g, &fmt->loc, "format must be a literal string");
		return;
	}
	s = fmt->u.str.value;
	lit = s;
	while (*s) {
		const char *start = s;
		int flags = 0, width = -1, prec = -1, wi = -1, pi = -1, vi;
		char conv, *v, *ws, *ps, spec[32];

		if (*s != '%') {
			s++;
			continue;
		}
		pf_literal(pf, lit, s - lit);
		s++;
		if (*s == '%') {
			lit = s;
			s++;
			continue;
		}
		for (;; s++) {
			if (*s == '-') flags |= 0x01;
			else if (*s == '+') flags |= 0x02;
			else if (*s == ' ') flags |= 0x04;
			else if (*s == '#') flags |= 0x08;
			else if (*s == '0') flags |= 0x10;
			else break;
		}
		if (*s == '*') {
			wi = pf_next_arg(pf, &ai, fmt, "*");
			s++;
		} else if (isdigit((unsigned char)*s)) {
			width = 0;
			while (isdigit((unsigned char)*s))
				width = width * 10 + (*s++ - '0');
		}
		if (*s == '.') {
			s++;
			prec = 0;
			if (*s == '*') {
				pi = pf_next_arg(pf, &ai, fmt, ".*");
				s++;
			} else {
				while (isdigit((unsigned char)*s))
					prec = prec * 10 + (*s++ - '0');
			}
		}
		while (*s == 'l' || *s == 'h' || *s == 'z')
			s++;
		conv = *s;
		snprintf(spec, sizeof(spec), "%.*s", (int)(s - start + 1),
			 start);
		if (!conv || !strchr("diuxXopcsbmM", conv)) {
			cg_error(pf->g, &fmt->loc,
				 "unsupported printf conversion '%s'", spec);
			return;
		}
		s++;
		lit = s;
		vi = pf_next_arg(pf, &ai, fmt, spec);
		if (vi < 0)
			return;
		for (int k = 0; k < 2; k++) {
			int si = k ? pi : wi;

			if (si >= 0 && pf->args[si]->type != TYPE_LONG)
				cg_error(pf->g, &pf->args[si]->loc,
					 "'*' in '%s' needs a long argument",
					 spec);
		}
		if ((conv == 's') != (pf->args[vi]->type == TYPE_STRING)) {
			cg_error(pf->g, &pf->args[vi]->loc,
				 "format '%s' expects a %s argument, got %s",
				 spec, conv == 's' ? "string" : "long",
				 ast_type_name(pf->args[vi]->type));
			continue;
		}
		if (conv == 'b' && (wi >= 0 || (width > 0 && width != 1 &&
		    width != 2 && width != 4 && width != 8))) {
			cg_error(pf->g, &fmt->loc, "'%s': the width of %%b is "
				 "the byte count, 1, 2, 4 or 8", spec);
			continue;
		}
		ws = wi >= 0 ? pf_arg(pf, wi) : xasprintf("%d", width);
		ps = pi >= 0 ? pf_arg(pf, pi) : xasprintf("%d", prec);
		v = pf_arg(pf, vi);
		if (conv == 'b') {
			pf_op(pf, xasprintf("tapc_fmt_bin(_t%do, %s, %d);",
					    pf->u, v, width));
		} else if (conv == 'm' || conv == 'M') {
			char *w = cg_where(&fmt->loc), esc[64], *q = esc;

			for (const char *t = spec; *t && q < esc + sizeof(esc) - 3; t++) {
				if (*t == '%')
					*q++ = '%';
				*q++ = *t;
			}
			*q = '\0';

			pf_op(pf, xasprintf("if (unlikely(tapc_fmt_mem(_t%do, %s, %d, (int)%s, (int)%s, '%c'))) { "
					    "tapc_ctx_errorf(c, %s, \"%s read fault at 0x%%llx near format '%s'\", "
					    "(unsigned long long)%s); goto %s; }",
					    pf->u, v, flags, ws, ps, conv, w,
					    (flags & 0x08) ? "user" : "kernel",
					    esc, v, pf->g->err_label));
			free(w);
		} else if (conv == 's' && !flags && width < 0 && prec < 0 && wi < 0 &&
		    pi < 0)
			pf_op(pf, xasprintf("tapc_out_puts(_t%do, %s);", pf->u, v));
		else if (conv == 's')
			pf_op(pf, xasprintf("tapc_fmt_str(_t%do, %s, %d, (int)%s, (int)%s);",
					    pf->u, v, flags, ws, ps));
		else if ((conv == 'd' || conv == 'i') && !flags && width < 0 &&
			 prec < 0 && wi < 0 && pi < 0)
			pf_op(pf, xasprintf("tapc_out_dec(_t%do, %s);", pf->u, v));
		else
			pf_op(pf, xasprintf("tapc_fmt_long(_t%do, %s, %d, (int)%s, (int)%s, '%c');",
					    pf->u, v, flags, ws, ps,
					    conv == 'i' ? 'd' : conv));
		free(ws);
		free(ps);
		free(v);
	}
	pf_literal(pf, lit, s - lit);
	if (ai < pf->nargs)
		cg_error(pf->g, &pf->args[ai]->loc,
			 "too many arguments for the format");
}

/* Fill pf->ops for a print-family call; false if name is not one. */
static bool pf_build(struct pf *pf, struct ast_node *call, const char *name)
{
	bool ln = strstr(name, "ln") != NULL;
	int first = 0;

	pf->nargs = 0;
	for (struct ast_node *a = call->u.call.args; a; a = a->next)
		if (pf->nargs < 64)
			pf->args[pf->nargs++] = a;
	if (!strcmp(name, "printf") || !strcmp(name, "sprintf")) {
		if (!pf->nargs) {
			cg_error(pf->g, &call->loc, "%s needs a format", name);
			return true;
		}
		pf_format(pf, pf->args[0], 1);
		return true;
	}
	if (!strncmp(name, "printd", 6)) {
		char *d;

		if (!pf->nargs || pf->args[0]->type != TYPE_STRING) {
			cg_error(pf->g, &call->loc, "%s needs a string delimiter",
				 name);
			return true;
		}
		d = pf_arg(pf, 0);
		for (int i = 1; i < pf->nargs; i++) {
			if (i > 1)
				pf_op(pf, xasprintf("tapc_out_puts(_t%do, %s);",
						    pf->u, d));
			pf_value(pf, i);
		}
		free(d);
	} else {
		for (int i = first; i < pf->nargs; i++)
			pf_value(pf, i);
	}
	if (ln)
		pf_literal(pf, "\n", 1);
	return true;
}

static const char *const print_stmts[] = {
	"print", "println", "printf", "printd", "printdln", NULL,
};
static const char *const sprint_exprs[] = {
	"sprint", "sprintln", "sprintf", NULL,
};

static bool in_list(const char *const *l, const char *name)
{
	for (; *l; l++)
		if (!strcmp(*l, name))
			return true;
	return false;
}

static void pf_free(struct pf *pf)
{
	for (size_t i = 0; i < pf->decls.n; i++)
		free(pf->decls.v[i]);
	for (size_t i = 0; i < pf->ops.n; i++)
		free(pf->ops.v[i]);
	vec_free(&pf->decls);
	vec_free(&pf->ops);
}

bool cg_print_stmt(struct cg *g, struct ast_node *call)
{
	struct pf pf = { .g = g };
	const char *name = call->u.call.name;

	if (!in_list(print_stmts, name))
		return false;
	pf.u = cg_uniq(g);
	pf_build(&pf, call, name);
	emit_open(g->e, "%s", "");
	for (size_t i = 0; i < pf.decls.n; i++)
		emit_line(g->e, "%s", pf.decls.v[i]);
	emit_line(g->e, "struct tapc_out *_t%do = tapc_print_begin(c);", pf.u);
	emit_blank(g->e);
	for (size_t i = 0; i < pf.ops.n; i++)
		emit_line(g->e, "%s", pf.ops.v[i]);
	emit_line(g->e, "tapc_print_end(_t%do);", pf.u);
	emit_close(g->e, NULL);
	pf_free(&pf);
	return true;
}

char *cg_sprint_expr(struct cg *g, struct ast_node *call)
{
	struct pf pf = { .g = g };
	const char *name = call->u.call.name;
	struct strbuf sb;
	int k;

	if (!in_list(sprint_exprs, name)) {
		if (in_list(print_stmts, name))
			cg_error(g, &call->loc, "%s() has no value", name);
		return NULL;
	}
	pf.u = cg_uniq(g);
	k = cg_tmp(g);
	pf_build(&pf, call, name);
	sb_init(&sb);
	sb_puts(&sb, "({ ");
	for (size_t i = 0; i < pf.decls.n; i++)
		sb_printf(&sb, "%s ", pf.decls.v[i]);
	sb_printf(&sb, "struct tapc_out _t%dbuf, *_t%do = &_t%dbuf; "
		  "tapc_out_init(_t%do, %s->__tmp%d, MAXSTRINGLEN, false); ",
		  pf.u, pf.u, pf.u, pf.u, g->base, k);
	for (size_t i = 0; i < pf.ops.n; i++)
		sb_printf(&sb, "%s ", pf.ops.v[i]);
	sb_printf(&sb, "(const char *)%s->__tmp%d; })", g->base, k);
	pf_free(&pf);
	return sb_steal(&sb);
}
