// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_vars.c - find $name among the parameters and locals visible at the
 * probe pc, and turn its location into a struct dw_val.
 *
 * Scopes come from dwarf_getscopes() (innermost first).  Only the probed
 * function and the lexical blocks inside it count: an inlined callee that
 * happens to start at the probe pc must not hide the caller's variables.
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

/* Fills scopes[lo..hi] (inner to outer) that belong to the function. */
static int dw_func_scopes(struct dw_tctx *t, Dwarf_Die **out, int *lo)
{
	Dwarf_Die cu, *sc = NULL;
	Dwarf_Off fo = dwarf_dieoffset(&t->func);
	int n, k, j;

	*out = NULL;
	*lo = 0;
	if (!dwarf_diecu(&t->func, &cu, NULL, NULL))
		return -1;
	n = dwarf_getscopes(&cu, t->pc - t->dw->bias, &sc);
	for (k = 0; k < n; k++)
		if (dwarf_dieoffset(&sc[k]) == fo)
			break;
	if (k >= n) {		/* pc outside: use the function alone */
		free(sc);
		sc = xmalloc(sizeof(*sc));
		sc[0] = t->func;
		*out = sc;
		return 0;
	}
	for (j = k; j > 0; j--) {
		int tag = dwarf_tag(&sc[j - 1]);

		if (tag != DW_TAG_lexical_block)
			break;
	}
	*lo = j;
	*out = sc;
	return k;
}

static bool dw_is_var(Dwarf_Die *d, bool *is_param)
{
	int tag = dwarf_tag(d);

	*is_param = tag == DW_TAG_formal_parameter;
	return (tag == DW_TAG_formal_parameter || tag == DW_TAG_variable) &&
	       dwarf_diename(d);
}

void dw_vars_at(struct dw_tctx *t, dw_scope_cb cb, void *arg)
{
	Dwarf_Die *sc, d;
	int lo, hi = dw_func_scopes(t, &sc, &lo), j, pass;
	bool is_param;

	if (hi < 0)
		return;
	/* parameters first, then locals from outer to inner blocks */
	for (pass = 0; pass < 2; pass++)
		for (j = hi; j >= lo; j--) {
			if (dwarf_child(&sc[j], &d) != 0)
				continue;
			do {
				if (dw_is_var(&d, &is_param) &&
				    is_param == (pass == 0))
					cb(&d, is_param, arg);
			} while (dwarf_siblingof(&d, &d) == 0);
		}
	free(sc);
}

static bool dw_scope_lookup(Dwarf_Die *scope, const char *name, Dwarf_Die *out)
{
	Dwarf_Die d;
	bool p;

	if (dwarf_child(scope, &d) != 0)
		return false;
	do {
		if (dw_is_var(&d, &p) && !strcmp(dwarf_diename(&d), name)) {
			*out = d;
			return true;
		}
	} while (dwarf_siblingof(&d, &d) == 0);
	return false;
}

struct dw_alts {
	const char *name;
	struct strbuf *sb;
	int n;
};

static void dw_alt_cb(Dwarf_Die *var, bool is_param, void *arg)
{
	struct dw_alts *a = arg;

	if (a->n >= 8)
		return;
	sb_printf(a->sb, "%s$%s", a->n ? " " : "", dwarf_diename(var));
	a->n++;
}

bool dw_var_find(struct dw_tctx *t, const char *name, Dwarf_Die *var)
{
	Dwarf_Die *sc, origin;
	Dwarf_Attribute a;
	int lo, hi = dw_func_scopes(t, &sc, &lo), j;
	struct strbuf alts;
	struct dw_alts al = { name, &alts, 0 };

	for (j = lo; j <= hi; j++)
		if (dw_scope_lookup(&sc[j], name, var)) {
			free(sc);
			return true;
		}
	free(sc);
	/* a parameter the compiler dropped from this clone */
	if (dwarf_attr(&t->func, DW_AT_abstract_origin, &a) &&
	    dwarf_formref_die(&a, &origin) &&
	    dw_scope_lookup(&origin, name, var)) {
		sb_printf(t->err, "$%s is not available in %s: the compiler removed it from this copy of the function",
			  name, t->fname);
		return false;
	}
	sb_init(&alts);
	dw_vars_at(t, dw_alt_cb, &al);
	sb_printf(t->err, "unable to find `$%s` in %s (alternatives: %s)",
		  name, t->fname, al.n ? sb_str(&alts) : "none");
	sb_free(&alts);
	return false;
}

/* Position of var among the function's formal parameters, or -1. */
static int dw_param_index(struct dw_tctx *t, Dwarf_Die *var)
{
	Dwarf_Die d;
	int i = 0;

	if (dwarf_child(&t->func, &d) != 0)
		return -1;
	do {
		if (dwarf_tag(&d) != DW_TAG_formal_parameter)
			continue;
		if (dwarf_dieoffset(&d) == dwarf_dieoffset(var))
			return i;
		i++;
	} while (dwarf_siblingof(&d, &d) == 0);
	return -1;
}

bool dw_var_value(struct dw_tctx *t, Dwarf_Die *var, const char *shown,
		  struct dw_val *v)
{
	Dwarf_Attribute a;
	struct dw_loc loc;
	uint64_t entry;

	memset(v, 0, sizeof(*v));
	v->has_type = dw_type_of(var, &v->type) != NULL;
	if (t->req->tp_nargs > 0 && !t->global_var) {
		int i = dw_param_index(t, var);

		if (i < 1 || i > t->req->tp_nargs) {
			sb_printf(t->err, "%s is not a tracepoint argument", shown);
			return false;
		}
		v->expr = xasprintf("c->tp_args[%d]", i - 1);
		return true;
	}
	if (dwarf_attr_integrate(var, DW_AT_const_value, &a)) {
		Dwarf_Sword sv;

		if (dwarf_formsdata(&a, &sv) != 0) {
			sb_printf(t->err, "%s has an unsupported constant value", shown);
			return false;
		}
		v->expr = xasprintf("(unsigned long)(%lldLL)", (long long)sv);
		return true;
	}
	if (!dwarf_attr(var, DW_AT_location, &a)) {
		sb_printf(t->err, "%s is optimised out at this point in %s",
			  shown, t->fname);
		return false;
	}
	entry = t->outer_entry;
	if (!dw_loc_translate(t->dw, &a, t->pc, t->has_func ? &t->outer : NULL,
			      entry, &t->e, &loc, t->err)) {
		struct strbuf why;

		sb_init(&why);
		sb_puts(&why, sb_str(t->err));
		sb_reset(t->err);
		sb_printf(t->err, "%s is not available at this point in %s: %s",
			  shown, t->fname, sb_str(&why));
		sb_free(&why);
		return false;
	}
	switch (loc.kind) {
	case DW_LOC_NONE:
		sb_printf(t->err, "%s is optimised out at this point in %s",
			  shown, t->fname);
		return false;
	case DW_LOC_MEM:
		v->mem = true;
		v->expr = loc.expr;
		return true;
	case DW_LOC_REG:
		v->expr = xasprintf("tapc_dwarf_reg(c->regs, %d)", loc.reg);
		return true;
	case DW_LOC_VALUE:
		v->expr = loc.expr;
		return true;
	}
	return false;
}
