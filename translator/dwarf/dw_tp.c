// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_tp.c - tracepoint arguments and the -L variable listing.
 *
 * Every kernel tracepoint "foo" has a function __traceiter_foo(void
 * *__data, <the TP_PROTO arguments>) in vmlinux; its DWARF prototype gives
 * the names and types a probe callback receives.  In tracepoint mode an
 * access reads argument i (0 = first after __data) from c->tp_args[i].
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

#define DW_TP_PREFIX "__traceiter_"

static int dw_tp_first(const struct dw_func *f, void *arg)
{
	*(struct dw_func *)arg = *f;
	return 1;
}

bool dw_find_tracepoint(struct dw_kernel *dw, const char *event,
			struct dw_tracepoint *tp, struct strbuf *err)
{
	char *sym = xasprintf(DW_TP_PREFIX "%s", event);
	Dwarf_Die die, d;
	int n;

	memset(tp, 0, sizeof(*tp));
	n = dw_find_functions(dw, sym, 0, dw_tp_first, &tp->iter, err);
	free(sym);
	if (n <= 0 || tp->iter.kind != DW_FUNC_SYMBOL ||
	    !dw_func_die(dw, &tp->iter, &die)) {
		sb_printf(err, "no tracepoint `%s` in the kernel's debuginfo", event);
		return false;
	}
	tp->event = intern(event);
	tp->nargs = -1;		/* skip void *__data */
	if (dwarf_child(&die, &d) == 0) {
		do {
			Dwarf_Die ty;
			struct strbuf sb;

			if (dwarf_tag(&d) != DW_TAG_formal_parameter)
				continue;
			if (tp->nargs >= 0 && tp->nargs < DW_TP_MAX_ARGS) {
				sb_init(&sb);
				dw_type_name(dw_type_of(&d, &ty), &sb);
				tp->arg_types[tp->nargs] = intern(sb_str(&sb));
				sb_free(&sb);
				tp->arg_names[tp->nargs] = dwarf_diename(&d) ?
					intern(dwarf_diename(&d)) : intern("?");
			}
			tp->nargs++;
		} while (dwarf_siblingof(&d, &d) == 0);
	}
	if (tp->nargs < 0)
		tp->nargs = 0;
	if (tp->nargs > DW_TP_MAX_ARGS) {
		sb_printf(err, "tracepoint `%s` has too many arguments (limit is %d)",
			  event, DW_TP_MAX_ARGS);
		return false;
	}
	return true;
}

int dw_list_tracepoints(struct dw_kernel *dw, const char *glob,
			void (*cb)(const char *event, void *arg), void *arg)
{
	size_t it = 0, plen = strlen(DW_TP_PREFIX);
	const char *k;
	void *v;
	int n = 0;

	dw_syms_load(dw);
	while (hmap_next(&dw->sym_by_base, &it, &k, &v))
		if (!strncmp(k, DW_TP_PREFIX, plen) &&
		    glob_match(glob, k + plen)) {
			cb(k + plen, arg);
			n++;
		}
	return n;
}

struct dw_list_arg {
	dw_var_cb cb;
	void *arg;
	struct hmap seen;
};

static void dw_list_one(Dwarf_Die *var, bool is_param, void *arg)
{
	struct dw_list_arg *la = arg;
	const char *name = intern(dwarf_diename(var));
	struct strbuf sb;
	Dwarf_Die ty;

	if (hmap_get(&la->seen, name))
		return;
	hmap_put(&la->seen, name, (void *)1);
	sb_init(&sb);
	dw_type_name(dw_type_of(var, &ty), &sb);
	la->cb(name, sb_str(&sb), is_param, la->arg);
	sb_free(&sb);
}

void dw_list_vars(struct dw_kernel *dw, const struct dw_func *f, uint64_t pc,
		  dw_var_cb cb, void *arg)
{
	struct dw_target_req req = { .func = f, .pc = pc };
	struct dw_list_arg la = { cb, arg, { 0 } };
	struct dw_tctx t;
	struct strbuf err;

	sb_init(&err);
	memset(&t, 0, sizeof(t));
	t.dw = dw;
	t.req = &req;
	t.err = &err;
	t.fname = f->name;
	t.pc = pc ? pc : f->probe_addr;
	if (dw_func_die(dw, f, &t.func)) {
		hmap_init(&la.seen);
		dw_vars_at(&t, dw_list_one, &la);
		hmap_free(&la.seen);
	}
	sb_free(&err);
}
