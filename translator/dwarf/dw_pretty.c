// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_pretty.c - pretty-printing accesses: $$parms, $$vars, $$locals,
 * $$return (with optional $ / $$ suffix) and $var$ / $var$$.
 *
 *	static int tapc_tv_N(struct tapc_ctx *c, char *out, size_t outlen)
 *
 * writes "a=0x1 b=0x2" with snprintf.  Structs print one level of
 * members ("{.a=1, .b=0x...}") at $, two at $$; a read that faults prints
 * "?" for that value only.
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

struct dw_pp {
	struct dw_tctx *t;
	struct strbuf *code;	/* function body (after declarations) */
	int label;		/* next tapc_fN label */
	int items;
	int pretty;		/* 0, 1, 2 */
};

static void dw_pp_text(struct dw_pp *pp, const char *text)
{
	sb_printf(pp->code,
		  "\tif (len < outlen)\n\t\tlen += snprintf(out + len, outlen - len, \"%s\");\n",
		  text);
}

/* Prints one scalar, or "?" if reading it faults. */
static void dw_pp_scalar(struct dw_pp *pp, struct dw_val *v, bool hex)
{
	struct dw_tctx *t = pp->t;
	int k = pp->label++, uses = t->e.fail_uses;
	char *fail = xasprintf("goto tapc_f%d;", k);
	const char *saved = t->e.fail;
	size_t errlen = t->err->len;
	char *x;

	t->e.fail = fail;
	sb_reset(&t->e.body);
	x = dw_val_scalar(t, v, "value");
	t->e.fail = saved;
	if (!x) {
		t->err->len = errlen;	/* unprintable type: not an error */
		if (t->err->buf)
			t->err->buf[errlen] = 0;
		dw_pp_text(pp, "?");
		free(fail);
		return;
	}
	sb_puts(pp->code, sb_str(&t->e.body));
	sb_printf(pp->code,
		  "\tif (len < outlen)\n\t\tlen += snprintf(out + len, outlen - len, \"%s\", %s%s);\n",
		  hex ? "0x%llx" : "%lld",
		  hex ? "(unsigned long long)" : "(long long)", x);
	if (t->e.fail_uses != uses) {
		sb_printf(pp->code, "\tgoto tapc_d%d;\ntapc_f%d:\n", k, k);
		dw_pp_text(pp, "?");
		sb_printf(pp->code, "tapc_d%d:\n", k);
	}
	free(x);
	free(fail);
}

static void dw_pp_value(struct dw_pp *pp, struct dw_val *v, int depth);

/* 0, or the number of chars to print if v is a char array / char *. */
static int dw_pp_charish(struct dw_val *v)
{
	Dwarf_Die st, et;
	Dwarf_Attribute a;
	Dwarf_Word enc = 0, sz = 0;
	int tag = dw_val_kind(v);

	if (tag != DW_TAG_pointer_type && tag != DW_TAG_array_type)
		return 0;
	dw_type_strip(&v->type, &st);
	if (!dw_type_of(&st, &et) || !dw_type_strip(&et, &et) ||
	    dwarf_tag(&et) != DW_TAG_base_type)
		return 0;
	if (!dwarf_attr(&et, DW_AT_encoding, &a) || dwarf_formudata(&a, &enc) ||
	    (enc != DW_ATE_signed_char && enc != DW_ATE_unsigned_char) ||
	    dwarf_aggregate_size(&et, &sz) || sz != 1)
		return 0;
	if (tag == DW_TAG_pointer_type)
		return 64;
	if (!v->mem || dwarf_aggregate_size(&st, &sz) || !sz)
		return 0;
	return sz > 64 ? 64 : (int)sz;
}

/*
 * Prints a char array / char * as "text": at most max bytes, read one
 * at a time (fault-safe up to the first unmapped byte) into a bounded
 * buffer; non-printable bytes show as '?'.  A NULL char * prints 0x0.
 */
static void dw_pp_string(struct dw_pp *pp, struct dw_val *v, int max)
{
	struct dw_tctx *t = pp->t;
	int k = pp->label++, uses = t->e.fail_uses;
	char *fail = xasprintf("goto tapc_f%d;", k);
	const char *saved = t->e.fail;
	bool is_ptr = dw_val_kind(v) == DW_TAG_pointer_type;
	char *addr;

	t->e.fail = fail;
	sb_reset(&t->e.body);
	if (is_ptr) {
		size_t errlen = t->err->len;

		addr = dw_val_scalar(t, v, "value");
		if (!addr) {
			t->err->len = errlen;
			if (t->err->buf)
				t->err->buf[errlen] = 0;
			t->e.fail = saved;
			dw_pp_text(pp, "?");
			free(fail);
			return;
		}
	} else {
		addr = xasprintf("(int64_t)%s", v->expr);
	}
	t->e.fail = saved;
	sb_puts(pp->code, sb_str(&t->e.body));
	sb_printf(pp->code,
		  "\t{\n\t\tunsigned long sa = (unsigned long)(%s);\n"
		  "\t\tchar s[%d];\n\t\tint i;\n\n", addr, max + 1);
	if (is_ptr)
		sb_puts(pp->code, "\t\tif (sa) {\n");
	sb_printf(pp->code,
		  "\t\tfor (i = 0; i < %d; i++) {\n"
		  "\t\t\tif (tapc_read_kernel(&s[i], sa + i, 1) || !s[i])\n"
		  "\t\t\t\tbreak;\n"
		  "\t\t\tif (s[i] < 32 || s[i] > 126)\n\t\t\t\ts[i] = '?';\n"
		  "\t\t}\n\t\ts[i] = 0;\n"
		  "\t\tif (len < outlen)\n"
		  "\t\t\tlen += snprintf(out + len, outlen - len, \"\\\"%%s\\\"\", s);\n",
		  max);
	if (is_ptr)
		sb_puts(pp->code,
			"\t\t} else if (len < outlen) {\n"
			"\t\t\tlen += snprintf(out + len, outlen - len, \"0x0\");\n"
			"\t\t}\n");
	sb_puts(pp->code, "\t}\n");
	if (t->e.fail_uses != uses) {
		sb_printf(pp->code, "\tgoto tapc_d%d;\ntapc_f%d:\n", k, k);
		dw_pp_text(pp, "?");
		sb_printf(pp->code, "tapc_d%d:\n", k);
	}
	free(addr);
	free(fail);
}

static void dw_pp_struct(struct dw_pp *pp, struct dw_val *v, int depth)
{
	Dwarf_Die st, m;
	int n = 0;

	dw_type_strip(&v->type, &st);
	if (depth >= pp->pretty || !v->mem || dwarf_child(&st, &m) != 0) {
		dw_pp_text(pp, "{...}");
		return;
	}
	dw_pp_text(pp, "{");
	do {
		const char *mn = dwarf_diename(&m);
		struct ast_tstep step = { .kind = TSTEP_FIELD, .field = mn };
		struct dw_val mv = *v;
		char *txt;

		if (dwarf_tag(&m) != DW_TAG_member || !mn)
			continue;
		mv.expr = xstrdup(v->expr);
		txt = xasprintf("%s.%s=", n++ ? ", " : "", mn);
		dw_pp_text(pp, txt);
		free(txt);
		if (dw_val_step(pp->t, &mv, &step, mn))
			dw_pp_value(pp, &mv, depth + 1);
		else
			dw_pp_text(pp, "?");
		free(mv.expr);
	} while (dwarf_siblingof(&m, &m) == 0);
	dw_pp_text(pp, "}");
}

/* $p$ on a struct pointer prints the struct it points to. */
static void dw_pp_pointee(struct dw_pp *pp, struct dw_val *v, int depth)
{
	struct dw_tctx *t = pp->t;
	int k = pp->label++, uses = t->e.fail_uses;
	char *fail = xasprintf("goto tapc_f%d;", k);
	const char *saved = t->e.fail;

	t->e.fail = fail;
	sb_reset(&t->e.body);
	bool used;

	dw_val_deref(t, v);
	t->e.fail = saved;
	used = t->e.fail_uses != uses;	/* before the members add theirs */
	sb_puts(pp->code, sb_str(&t->e.body));
	dw_pp_struct(pp, v, depth);
	if (used) {
		sb_printf(pp->code, "\tgoto tapc_d%d;\ntapc_f%d:\n", k, k);
		dw_pp_text(pp, "?");
		sb_printf(pp->code, "tapc_d%d:\n", k);
	}
	free(fail);
}

static bool dw_is_struct_ptr(struct dw_val *v)
{
	Dwarf_Die st, pt;
	int tag;

	if (dw_val_kind(v) != DW_TAG_pointer_type)
		return false;
	dw_type_strip(&v->type, &st);
	if (!dw_type_of(&st, &pt) || !dw_type_strip(&pt, &pt))
		return false;
	tag = dwarf_tag(&pt);
	return tag == DW_TAG_structure_type || tag == DW_TAG_union_type;
}

static void dw_pp_value(struct dw_pp *pp, struct dw_val *v, int depth)
{
	if (depth == 0 && pp->pretty && dw_is_struct_ptr(v)) {
		dw_pp_pointee(pp, v, depth);
		return;
	}
	switch (dw_val_kind(v)) {
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
		dw_pp_struct(pp, v, depth);
		return;
	case DW_TAG_array_type:
		if (pp->pretty && dw_pp_charish(v)) {
			dw_pp_string(pp, v, dw_pp_charish(v));
			return;
		}
		dw_pp_text(pp, "[...]");
		return;
	case DW_TAG_base_type:
	case DW_TAG_enumeration_type:
		dw_pp_scalar(pp, v, pp->pretty == 0);
		return;
	default:
		if (pp->pretty && dw_pp_charish(v)) {
			dw_pp_string(pp, v, dw_pp_charish(v));
			return;
		}
		dw_pp_scalar(pp, v, true);
	}
}

struct dw_pp_vars {
	struct dw_pp *pp;
	int which;		/* 1 parms, 2 locals, 3 both */
	struct hmap seen;
};

static void dw_pp_var(Dwarf_Die *var, bool is_param, void *arg)
{
	struct dw_pp_vars *pv = arg;
	struct dw_pp *pp = pv->pp;
	const char *name = intern(dwarf_diename(var));
	struct dw_val v;
	char *txt;
	size_t errlen = pp->t->err->len;

	if (!(pv->which & (is_param ? 1 : 2)) || hmap_get(&pv->seen, name))
		return;
	hmap_put(&pv->seen, name, (void *)1);
	txt = xasprintf("%s%s=", pp->items++ ? " " : "", name);
	dw_pp_text(pp, txt);
	free(txt);
	sb_reset(&pp->t->e.body);
	{
		const char *saved = pp->t->e.fail;
		int k = pp->label++, uses = pp->t->e.fail_uses;
		char *fail = xasprintf("goto tapc_f%d;", k);
		bool ok;

		pp->t->e.fail = fail;
		bool used;

		ok = dw_var_value(pp->t, var, name, &v);
		pp->t->e.fail = saved;
		used = pp->t->e.fail_uses != uses;
		sb_puts(pp->code, sb_str(&pp->t->e.body));
		if (ok)
			dw_pp_value(pp, &v, 0);
		else
			dw_pp_text(pp, "?");
		if (used) {
			sb_printf(pp->code, "\tgoto tapc_d%d;\ntapc_f%d:\n", k, k);
			dw_pp_text(pp, "?");
			sb_printf(pp->code, "tapc_d%d:\n", k);
		}
		free(fail);
		if (ok)
			free(v.expr);
	}
	pp->t->err->len = errlen;	/* optimised-out vars print "?" */
	if (pp->t->err->buf)
		pp->t->err->buf[errlen] = 0;
}

static bool dw_pp_body(struct dw_pp *pp, const struct ast_node *n)
{
	struct dw_tctx *t = pp->t;
	const char *name = n->u.target.name;
	struct dw_pp_vars pv = { .pp = pp };
	struct dw_val v;
	Dwarf_Die var;

	if (n->u.target.tkind == TARGET_VAR ||
	    n->u.target.tkind == TARGET_ATVAR) {
		bool atvar = n->u.target.tkind == TARGET_ATVAR;
		char *shown = atvar ? xasprintf("@var(\"%s\")", name) :
				      xasprintf("$%s", name);
		bool ok = false, found;

		const struct ast_tstep *s;

		if (atvar && n->u.target.module &&
		    strcmp(n->u.target.module, "kernel")) {
			sb_printf(t->err, "module debuginfo not available: @var(..., \"%s\") can only use \"kernel\"",
				  n->u.target.module);
			free(shown);
			return false;
		}
		found = atvar ? dw_atvar_find(t, name, &var) :
				dw_var_find(t, name, &var);
		t->global_var = atvar;
		if (found && dw_var_value(t, &var, shown, &v)) {
			ok = true;
			for (s = n->u.target.steps; s && ok; s = s->next)
				ok = dw_val_step(t, &v, s, shown);
			if (ok) {
				sb_puts(pp->code, sb_str(&t->e.body));
				dw_pp_value(pp, &v, 0);
			}
			free(v.expr);
		}
		free(shown);
		return ok;
	}
	if (!strcmp(name, "return")) {
		if (!t->req->at_return) {
			sb_printf(t->err, "$$return is only available in .return probes (in %s)",
				  t->fname);
			return false;
		}
		memset(&v, 0, sizeof(v));
		v.has_type = dw_type_of(&t->func, &v.type) != NULL;
		if (!v.has_type) {
			dw_pp_text(pp, "");	/* void function: empty */
			return true;
		}
		v.expr = xstrdup("tapc_return_value(c->regs)");
		dw_pp_text(pp, "return=");
		dw_pp_value(pp, &v, 0);
		free(v.expr);
		return true;
	}
	if (t->req->at_return) {
		sb_printf(t->err, "internal: $$%s in a .return probe must be evaluated at entry",
			  name);
		return false;
	}
	pv.which = !strcmp(name, "parms") ? 1 : !strcmp(name, "locals") ? 2 : 3;
	if (strcmp(name, "parms") && strcmp(name, "locals") &&
	    strcmp(name, "vars")) {
		sb_printf(t->err, "unknown context variable $$%s", name);
		return false;
	}
	hmap_init(&pv.seen);
	dw_vars_at(t, dw_pp_var, &pv);
	hmap_free(&pv.seen);
	return true;
}

bool dw_pretty(struct dw_tctx *t, const struct ast_node *n,
	       struct el_target *out)
{
	struct strbuf body, code;
	struct dw_pp pp = { .t = t, .code = &body, .pretty = n->u.target.pretty };
	bool ok;

	sb_init(&body);
	sb_init(&t->e.body);
	t->e.fail = "return -EFAULT;";
	ok = dw_pp_body(&pp, n);
	{
		char *shown = dw_shown(n);

		out->desc = xasprintf("%s%s%s in %s",
				      n->u.target.tkind == TARGET_CONTEXT ? "$" : "",
				      shown, n->u.target.pretty == 2 ? "$$" :
				      n->u.target.pretty ? "$" : "", t->fname);
		free(shown);
	}
	if (ok) {
		sb_init(&code);
		sb_printf(&code, "static int %s(struct tapc_ctx *c, char *out, size_t outlen)\n{\n",
			  out->fn);
		dw_emit_decls(&t->e, &code);
		sb_puts(&code, "\tsize_t len = 0;\n\n\tif (outlen)\n\t\tout[0] = 0;\n");
		sb_puts(&code, sb_str(&body));
		if (!strstr(sb_str(&body), "c->"))
			sb_puts(&code, "\t(void)c;\n");
		sb_puts(&code, "\treturn 0;\n}\n");
		out->code = sb_steal(&code);
		out->type = TYPE_STRING;
	}
	sb_free(&body);
	sb_free(&t->e.body);
	return ok;
}
