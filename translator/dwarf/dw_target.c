// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_target.c - dw_resolve_target(): one $target access -> one C function.
 *
 *	static int tapc_tv_N(struct tapc_ctx *c, int64_t *out, int64_t idx0...)
 *	{
 *		unsigned long t0 = 0;
 *
 *		if (tapc_read_kernel(&t0, (unsigned long)(... + 16UL), 8))
 *			return -EFAULT;
 *		*out = (int64_t)t0;
 *		return 0;
 *	}
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

/* "$p->parent->pid" */
char *dw_shown(const struct ast_node *n)
{
	struct strbuf sb;
	const struct ast_tstep *s;

	sb_init(&sb);
	if (n->u.target.addr_of)
		sb_putc(&sb, '&');
	if (n->u.target.tkind == TARGET_CAST)
		sb_printf(&sb, "@cast(..., \"%s\")", n->u.target.name);
	else if (n->u.target.tkind == TARGET_ATVAR)
		sb_printf(&sb, "@var(\"%s\")", n->u.target.name);
	else
		sb_printf(&sb, "$%s", n->u.target.name);
	for (s = n->u.target.steps; s; s = s->next) {
		if (s->kind == TSTEP_FIELD)
			sb_printf(&sb, "%s%s", s->arrow ? "->" : ".", s->field);
		else if (s->index && s->index->kind == AST_NUM)
			sb_printf(&sb, "[%lld]", (long long)s->index->u.num.value);
		else
			sb_puts(&sb, "[...]");
	}
	return sb_steal(&sb);
}

static void dw_emit_init(struct dw_emit *e, const char *fail)
{
	sb_init(&e->body);
	e->ntemps = 0;
	e->fail = fail;
	e->fail_uses = 0;
}

/* "\tunsigned long t0 = 0, t1 = 0;\n" or "" */
void dw_emit_decls(struct dw_emit *e, struct strbuf *sb)
{
	int i;

	if (!e->ntemps)
		return;
	sb_puts(sb, "\tunsigned long");
	for (i = 0; i < e->ntemps; i++)
		sb_printf(sb, "%s t%d = 0", i ? "," : "", i);
	sb_puts(sb, ";\n");
}

static bool dw_tctx_init(struct dw_tctx *t, struct dw_kernel *dw,
			 const struct dw_target_req *req, struct strbuf *err)
{
	int tk = req->node->u.target.tkind;
	Dwarf_Addr e;

	memset(t, 0, sizeof(*t));
	t->dw = dw;
	t->req = req;
	t->err = err;
	if (!req->func) {
		if (tk != TARGET_CAST && tk != TARGET_ATVAR) {
			sb_puts(err, "target variables need a probed function");
			return false;
		}
		t->fname = "this context";
		return true;
	}
	t->fname = req->func->name;
	t->pc = req->pc ? req->pc : req->func->probe_addr;
	if (!dw_func_die(dw, req->func, &t->func)) {
		sb_printf(err, "no debuginfo for %s", req->func->name);
		return false;
	}
	t->has_func = true;
	t->outer = t->func;
	t->outer_entry = req->func->entry;
	if (dwarf_tag(&t->func) == DW_TAG_inlined_subroutine) {
		/* frame base and entry of the function it is inlined into */
		Dwarf_Die cu, chain[32];
		int n = dwarf_diecu(&t->func, &cu, NULL, NULL) ?
			dw_instances(&cu, t->pc - dw->bias, chain) : 0;

		t->outer_entry = 0;
		if (n > 0 && dwarf_tag(&chain[0]) == DW_TAG_subprogram) {
			t->outer = chain[0];
			if (dw_die_entry(&t->outer, &e))
				t->outer_entry = e + dw->bias;
		}
	}
	return true;
}

static bool dw_same_module(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a == '-' ? '_' : *a) != (*b == '-' ? '_' : *b))
			return false;
	return !*a && !*b;
}

static bool dw_module_ok(struct dw_tctx *t, const struct ast_node *n)
{
	const char *m = n->u.target.module;

	if (!m || !strcmp(m, "kernel"))
		return true;
	if (t->dw->modname && dw_same_module(t->dw->modname, m))
		return true;
	sb_printf(t->err, "module debuginfo not available: %s(..., \"%s\") can only use \"kernel\"",
		  n->u.target.tkind == TARGET_CAST ? "@cast" : "@var", m);
	return false;
}

/* The base value of a $name / @cast / $return access. */
static bool dw_base(struct dw_tctx *t, const struct ast_node *n,
		    const char *shown, struct dw_val *v)
{
	const char *name = n->u.target.name;
	Dwarf_Die var;

	memset(v, 0, sizeof(*v));
	if ((n->u.target.tkind == TARGET_CAST ||
	     n->u.target.tkind == TARGET_ATVAR) && !dw_module_ok(t, n))
		return false;
	if (n->u.target.tkind == TARGET_ATVAR) {
		bool ok;

		if (!dw_atvar_find(t, name, &var))
			return false;
		t->global_var = true;
		ok = dw_var_value(t, &var, shown, v);
		t->global_var = false;
		return ok;
	}
	if (n->u.target.tkind == TARGET_CAST) {
		Dwarf_Die cu;

		if (!dw_find_type(t->dw, name, t->has_func ?
				  dwarf_diecu(&t->func, &cu, NULL, NULL) : NULL,
				  &v->type)) {
			sb_printf(t->err, "type `%s` not found in the kernel's debuginfo",
				  name);
			return false;
		}
		v->has_type = true;
		v->mem = true;
		v->expr = xasprintf("(unsigned long)idx%d", t->nidx++);
		return true;
	}
	if (n->u.target.tkind != TARGET_VAR) {
		sb_printf(t->err, "%s is not supported yet", shown);
		return false;
	}
	if (!strcmp(name, "return")) {
		if (!t->req->at_return) {
			sb_printf(t->err, "$return is only available in .return probes (in %s)",
				  t->fname);
			return false;
		}
		v->has_type = dw_type_of(&t->func, &v->type) != NULL;
		if (!v->has_type) {
			sb_printf(t->err, "%s returns void: $return is not available",
				  t->fname);
			return false;
		}
		v->expr = xstrdup("tapc_return_value(c->regs)");
		return true;
	}
	if (t->req->at_return) {
		sb_printf(t->err, "internal: %s in a .return probe must be saved at entry",
			  shown);
		return false;
	}
	if (!dw_var_find(t, name, &var))
		return false;
	return dw_var_value(t, &var, shown, v);
}

static char *dw_signature(struct dw_tctx *t, const char *fn)
{
	struct strbuf sb;
	int i;

	sb_init(&sb);
	sb_printf(&sb, "static int %s(struct tapc_ctx *c, int64_t *out", fn);
	for (i = 0; i < t->nidx; i++)
		sb_printf(&sb, ", int64_t idx%d", i);
	sb_puts(&sb, ")");
	return sb_steal(&sb);
}

/*
 * Guru-mode writer of the value v is about to read (see codegen's
 * target_write): an integer, enum or pointer in memory (through
 * tapc_write_kernel) or in one register (tapc_dwarf_reg_set); $return
 * is rax.  Built from the code emitted so far (the address chain), so
 * it must be called before the value itself is read.  NULL if v cannot
 * be written (bitfields, computed values, pieces, aggregates).
 */
static char *dw_writer(struct dw_tctx *t, struct dw_val *v, const char *fn)
{
	Dwarf_Die st;
	int tag = dw_val_kind(v), sz, reg = -1, i;
	struct strbuf w;
	char tail;

	if (!v->has_type || v->bit_size)
		return NULL;
	if (tag != DW_TAG_base_type && tag != DW_TAG_enumeration_type &&
	    tag != DW_TAG_pointer_type)
		return NULL;
	dw_type_strip(&v->type, &st);
	sz = dwarf_bytesize(&st);
	if (sz != 1 && sz != 2 && sz != 4 && sz != 8)
		return NULL;
	if (tag == DW_TAG_base_type) {
		Dwarf_Attribute a;
		Dwarf_Word enc = 0;

		if (dwarf_attr(&st, DW_AT_encoding, &a))
			dwarf_formudata(&a, &enc);
		if (enc == DW_ATE_float || enc == DW_ATE_complex_float)
			return NULL;
	}
	if (!v->mem) {
		if (!strcmp(v->expr, "tapc_return_value(c->regs)"))
			reg = 0;
		else if (sscanf(v->expr, "tapc_dwarf_reg(c->regs, %d%c", &reg,
				&tail) != 2 || tail != ')' ||
			 strcmp(strchr(v->expr, ')'), ")") || reg == 7 ||
			 reg == 16)
			return NULL;
	}
	sb_init(&w);
	sb_printf(&w, "\nstatic __maybe_unused int %s_w(struct tapc_ctx *c, "
		  "int64_t val", fn);
	for (i = 0; i < t->nidx; i++)
		sb_printf(&w, ", int64_t idx%d", i);
	sb_puts(&w, ")\n{\n");
	dw_emit_decls(&t->e, &w);
	sb_puts(&w, sb_str(&t->e.body));
	if (v->mem) {
		sb_printf(&w, "\t{\n\t\tuint%d_t w = (uint%d_t)val;\n\n", sz * 8,
			  sz * 8);
		if (!strstr(sb_str(&w), "c->") && !strstr(v->expr, "c->"))
			sb_puts(&w, "\t\t(void)c;\n");
		sb_printf(&w, "\t\treturn tapc_write_kernel(%s, &w, %d);\n\t}\n}\n",
			  v->expr, sz);
	} else {
		sb_printf(&w, "\treturn tapc_dwarf_reg_set(c->regs, %d, "
			  "(unsigned long)val);\n}\n", reg);
	}
	return sb_steal(&w);
}

static bool dw_value_fn(struct dw_tctx *t, const struct ast_node *n,
			const char *fn, struct el_target *out)
{
	char *shown = dw_shown(n);
	struct dw_val v;
	const struct ast_tstep *s;
	char *res = NULL, *sig, *writer = NULL;
	struct strbuf code;
	bool ok = false;

	dw_emit_init(&t->e, "return -EFAULT;");
	if (!dw_base(t, n, shown, &v))
		goto out;
	for (s = n->u.target.steps; s; s = s->next)
		if (!dw_val_step(t, &v, s, shown))
			goto out_val;
	if (!n->u.target.addr_of)
		writer = dw_writer(t, &v, fn);
	if (n->u.target.addr_of) {
		if (!v.mem || v.bit_size) {
			sb_printf(t->err, "cannot take the address of %s: it is not in memory",
				  shown + 1);
			goto out_val;
		}
		res = xasprintf("(int64_t)%s", v.expr);
	} else {
		res = dw_val_scalar(t, &v, shown);
		if (!res)
			goto out_val;
	}
	sig = dw_signature(t, fn);
	sb_init(&code);
	sb_printf(&code, "%s\n{\n", sig);
	dw_emit_decls(&t->e, &code);
	if (t->e.ntemps)
		sb_putc(&code, '\n');
	sb_puts(&code, sb_str(&t->e.body));
	if (!strstr(sb_str(&code) + strlen(sig), "c->") && !strstr(res, "c->"))
		sb_puts(&code, "\t(void)c;\n");
	sb_printf(&code, "\t*out = %s;\n\treturn 0;\n}\n", res);
	if (writer)
		sb_puts(&code, writer);
	free(sig);
	out->code = sb_steal(&code);
	out->type = TYPE_LONG;
	out->nindex = t->nidx;
	out->is_return_value = !strcmp(n->u.target.name, "return") &&
			       n->u.target.tkind == TARGET_VAR &&
			       !n->u.target.steps && !n->u.target.addr_of;
	ok = true;
out_val:
	free(v.expr);
out:
	free(writer);
	free(res);
	sb_free(&t->e.body);
	out->desc = xasprintf("%s in %s", shown, t->fname);
	free(shown);
	return ok;
}

bool dw_resolve_target(struct dw_kernel *dw, const struct dw_target_req *req,
		       struct el_target *out, struct strbuf *err)
{
	struct dw_tctx t;
	const struct ast_node *n = req->node;
	const char *fn = req->fn_name;
	bool ok;

	memset(out, 0, sizeof(*out));
	if ((n->u.target.tkind == TARGET_CAST ||
	     n->u.target.tkind == TARGET_ATVAR) && n->u.target.module &&
	    strcmp(n->u.target.module, "kernel") &&
	    !(dw->modname && dw_same_module(dw->modname, n->u.target.module))) {
		/* @cast(p, "type", "module") / @var("x", "module"): that
		 * module's debuginfo, no probed function there */
		struct dw_kernel *md;
		struct dw_target_req r = *req;
		struct strbuf why;

		sb_init(&why);
		md = dw_module_cached(n->u.target.module, dw->kver, &why);
		if (!md) {
			sb_printf(err, "no debuginfo for module '%s' (%s): %s",
				  n->u.target.module, n->u.target.tkind == TARGET_CAST ?
				  "@cast" : "@var", sb_str(&why));
			sb_free(&why);
			return false;
		}
		sb_free(&why);
		r.func = NULL;
		r.pc = 0;
		r.tp_nargs = 0;
		return dw_resolve_target(md, &r, out, err);
	}
	if (!fn)
		fn = xasprintf("tapc_tv_%d", dw->tv_count++);
	out->fn = fn;
	if (!dw_tctx_init(&t, dw, req, err))
		return false;
	if (n->u.target.tkind == TARGET_CONTEXT || n->u.target.pretty)
		ok = dw_pretty(&t, n, out);
	else
		ok = dw_value_fn(&t, n, fn, out);
	if (ok && out->code && strstr(out->code, "&init_task")) {
		char *c = xasprintf("extern struct task_struct init_task;\n%s",
				    out->code);

		free(out->code);
		out->code = c;
	}
	if (ok && out->code && strstr(out->code, "tapc_module_sym(")) {
		/* defined by the runtime, after the generated code */
		char *c = xasprintf("unsigned long tapc_module_sym(const char "
				    "*module, const char *symbol);\n%s",
				    out->code);

		free(out->code);
		out->code = c;
	}
	return ok;
}
