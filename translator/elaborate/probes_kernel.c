// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probes_kernel.c - probe points resolved through the kernel's DWARF:
 *
 *   kernel.function("PATTERN")[.call|.return|.exported]
 *   kernel.trace("[SYSTEM:]EVENT")
 *
 * PATTERN is a name, a glob, name@file[:line] or a glob over files.  Each matching
 * out-of-line function becomes one kprobe (symbol + prologue offset) or
 * kretprobe.  pp() is spelled kernel.function("name@file:line") as stap
 * does.  Functions that exist only inlined cannot be armed by symbol;
 * the error says so and points at the alternatives.
 */
#include <stdlib.h>
#include <string.h>

#include "../dwarf/dwarf.h"
#include "probes.h"

struct kf_walk {
	struct el_ctx *c;
	struct pr_point *pt;
	bool is_return;
	bool exported_only;
	bool wildcard;
	const char *suffix;		/* ".return" / ".call" / "" */
	int added;
	VEC(const char *) inline_only;	/* names seen only as inline copies */
};

static bool missing_dwarf(struct el_ctx *c, struct pr_point *pt)
{
	struct diag *d;

	if (c->dw)
		return false;
	d = pr_error(pt, "no kernel debuginfo for %s: this probe point needs "
		     "the kernel's DWARF", c->s->release);
	diag_hint(d, "install linux-image-%s-dbg (for the guest kernel, "
		  "`make deps` fetches it into the tapc cache)", c->s->release);
	diag_emit(d);
	return true;
}

static int kf_found(const struct dw_func *f, void *arg)
{
	struct kf_walk *w = arg;
	struct el_probe *p;
	struct dw_func *copy;
	const char *pp;

	if (f->kind == DW_FUNC_INLINE_ONLY) {
		vec_push(&w->inline_only, f->name);
		return 0;
	}
	if (f->kind != DW_FUNC_SYMBOL || (w->exported_only && !f->exported))
		return 0;
	if (f->decl_file)
		pp = xasprintf("kernel.function(\"%s@%s:%d\")%s", f->name,
			       f->decl_file, f->decl_line, w->suffix);
	else
		pp = xasprintf("kernel.function(\"%s\")%s", f->name, w->suffix);
	p = pr_add(w->c, w->pt, w->is_return ? PROBE_KRETPROBE : PROBE_KPROBE, pp);
	p->u.kp.symbol = f->symbol;
	/* armed at the entry: parameters are still in their ABI registers
	 * and the location lists at the entry pc describe them exactly */
	p->u.kp.offset = 0;
	p->u.kp.addr = f->entry;
	/* a glob may match functions kprobes refuse (blacklist, notrace):
	 * those are skipped with a warning rather than failing the run */
	if (w->wildcard)
		p->optional = true;
	copy = xmalloc(sizeof(*copy));
	*copy = *f;
	p->dw_func = copy;
	w->added++;
	return 0;
}

static const char *str_arg(const struct pr_point *pt, size_t i)
{
	const struct ast_node *a = pt->comps.v[i].arg;

	return a && a->kind == AST_STR ? a->u.str.value : NULL;
}

static int expand_function(struct el_ctx *c, struct pr_point *pt)
{
	struct kf_walk w = { c, pt, false, false, false, "", 0, { 0 } };
	const char *pat = str_arg(pt, 1);
	struct strbuf err;
	size_t i;
	int n;

	for (i = 2; i < pt->comps.n; i++) {
		const char *k = pt->comps.v[i].name;

		if (!strcmp(k, "return") && !pt->comps.v[i].arg && !w.is_return) {
			w.is_return = true;
		} else if (!strcmp(k, "call") && !pt->comps.v[i].arg) {
			/* non-inlined entries: what we arm anyway */
		} else if (!strcmp(k, "exported") && !pt->comps.v[i].arg) {
			w.exported_only = true;
		} else {
			struct diag *d = pr_error(pt, "unknown kernel.function "
						  "suffix '.%s'", k);

			diag_hint(d, "kernel.function(\"name\") may be followed by "
				  ".call, .return or .exported");
			diag_emit(d);
			return 0;
		}
	}
	if (pt->comps.n > 2) {
		struct strbuf sb;

		sb_init(&sb);
		sb_putc(&sb, '.');
		pr_point_str(pt, 2, &sb);
		w.suffix = sb_steal(&sb);
	}
	if (!pat || !*pat) {
		diag_emit(pr_error(pt, "kernel.function needs a quoted function "
				   "name or pattern"));
		return 0;
	}
	if (missing_dwarf(c, pt))
		return 0;
	w.wildcard = has_glob(pat);
	sb_init(&err);
	n = dw_find_functions(c->dw, pat, 0, kf_found, &w, &err);
	if (n < 0) {
		diag_emit(pr_error(pt, "%s", sb_str(&err)));
	} else if (w.added == 0 && w.inline_only.n) {
		struct diag *d = pr_error(pt, "function '%s' exists only as "
					  "inlined copies in this kernel; it has "
					  "no entry to probe", w.inline_only.v[0]);

		diag_hint(d, "probe the function it is inlined into, or a "
			  "caller, with a '?' fallback for other kernels");
		diag_emit(d);
	} else if (w.added == 0) {
		diag_emit(pr_error(pt, "no match for kernel.function(\"%s\")%s%s",
				   pat, sb_str(&err)[0] ? ": " : "", sb_str(&err)));
	}
	sb_free(&err);
	vec_free(&w.inline_only);
	return w.added;
}

static int expand_trace(struct el_ctx *c, struct pr_point *pt)
{
	const char *spec = str_arg(pt, 1);
	const char *colon, *event;
	struct dw_tracepoint tp;
	struct strbuf err;
	struct el_probe *p;

	if (!spec || pt->comps.n != 2) {
		diag_emit(pr_error(pt, "expected kernel.trace(\"system:event\")"));
		return 0;
	}
	if (missing_dwarf(c, pt))
		return 0;
	colon = strchr(spec, ':');
	event = colon ? colon + 1 : spec;
	sb_init(&err);
	if (!dw_find_tracepoint(c->dw, event, &tp, &err)) {
		diag_emit(pr_error(pt, "no tracepoint '%s': %s", spec, sb_str(&err)));
		sb_free(&err);
		return 0;
	}
	sb_free(&err);
	p = pr_add(c, pt, PROBE_TRACEPOINT,
		   xasprintf("kernel.trace(\"%s\")", spec));
	p->u.tp.system = colon ? xstrndup(spec, (size_t)(colon - spec)) : NULL;
	p->u.tp.event = xstrdup(event);
	p->tp_nargs = tp.nargs;
	{
		struct dw_func *copy = xmalloc(sizeof(*copy));

		*copy = tp.iter;
		p->dw_func = copy;
	}
	return 1;
}

int pr_kernel_expand(struct el_ctx *c, struct pr_point *pt)
{
	const char *first = pt->comps.v[0].name;
	const char *second = pt->comps.n > 1 ? pt->comps.v[1].name : "";

	if (!strcmp(first, "kernel") && !strcmp(second, "function"))
		return expand_function(c, pt);
	if (!strcmp(first, "kernel") && !strcmp(second, "trace"))
		return expand_trace(c, pt);
	{
		struct strbuf sb;
		struct diag *d;

		sb_init(&sb);
		pr_point_str(pt, 0, &sb);
		d = pr_error(pt, "probe point '%s' is not supported", sb_str(&sb));
		diag_hint(d, "supported: begin, end, error, never, timer.*, "
			  "kernel.function(\"...\")[.return], kernel.trace(\"...\")");
		diag_emit(d);
		sb_free(&sb);
	}
	return 0;
}
