// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probes_kernel.c - probe points resolved through DWARF:
 *
 *   kernel.function("PATTERN")[.call|.return|.inline|.exported]
 *   kernel.statement("PATTERN")[.nearest], kernel.statement(ADDRESS)[.absolute]
 *   module("NAME").function("PATTERN")[.call|.return|.inline]
 *   module("NAME").statement("PATTERN")
 *   kernel.trace("[SYSTEM:]EVENT")
 *
 * Function PATTERN is a name, a glob, name@file[:line] or a glob over
 * files.  As in stap, a plain kernel.function("x") probes both the
 * out-of-line body (kprobe at its entry) and every inlined copy (kprobe
 * at the copy's entry pc, i.e. containing symbol + offset); .call takes
 * only the out-of-line bodies, .inline only the inlined copies, and
 * .return only out-of-line bodies (an inlined copy has no return to
 * hook).  pp() is spelled kernel.function("name@file:line") as stap
 * does.
 *
 * Statement PATTERN is "func@file:line", "*@file:line", "func+0xN",
 * "func" or a link-time address (translator/dwarf/dw_stmt.c); each
 * instance of the statement becomes a kprobe at symbol + offset.
 * kernel.statement(ADDRESS).absolute arms a kprobe at a raw run-time
 * address and needs guru mode (-g), as in stap.
 *
 * module("NAME") points read NAME's debuginfo (dw_open_module) and arm
 * kprobes on "NAME:symbol"; if NAME is not loaded yet, the runtime arms
 * them when it loads (runtime/linux/tapc_kprobes.c).
 */
#include <stdlib.h>
#include <string.h>

#include "../dwarf/dwarf.h"
#include "../kbuild/kernel.h"
#include "probes.h"

enum kf_mode {
	KF_ALL,			/* kernel.function("x"): bodies + inline copies */
	KF_CALL,		/* .call: out-of-line bodies */
	KF_INLINE,		/* .inline: inline copies */
};

struct kf_walk {
	struct el_ctx *c;
	struct pr_point *pt;
	struct dw_kernel *dw;		/* c->dw or the module's */
	const char *module;		/* NULL for the kernel */
	const char *family;		/* kernel / module("NAME") */
	bool is_return;
	bool exported_only;
	bool wildcard;
	bool statement;
	bool nearest;			/* .nearest: closest line with code */
	enum kf_mode mode;
	const char *suffix;		/* ".return" / ".call" / "" */
	int added;
	int inline_added;
	int first;			/* index of the first probe added */
	VEC(const char *) inline_only;	/* names seen only as inline copies */
};

static bool debuginfo_missing;

bool el_missing_debuginfo(void)
{
	return debuginfo_missing;
}

static bool missing_dwarf(struct el_ctx *c, struct pr_point *pt)
{
	struct diag *d;
	char *guest;

	if (c->dw)
		return false;
	if (!pt->optional)
		debuginfo_missing = true;
	d = pr_error(pt, "no kernel debuginfo for %s: this probe point needs "
		     "the kernel's DWARF", c->s->release);
	guest = c->s->vm ? NULL : kernel_default_vm_release();
	if (guest && strcmp(guest, c->s->release))
		diag_hint(d, "to build for the cached guest kernel %s, add "
			  "--vm (or -r %s); for %s, install linux-image-%s-dbg",
			  guest, guest, c->s->release, c->s->release);
	else
		diag_hint(d, "install linux-image-%s-dbg (for the guest "
			  "kernel, `make deps` fetches it into the tapc cache)",
			  c->s->release);
	free(guest);
	diag_emit(d);
	return true;
}

static struct el_probe *kf_add(struct kf_walk *w, const struct dw_func *f,
			       const char *pp, bool is_return)
{
	struct el_probe *p;
	struct dw_func *copy;

	p = pr_add(w->c, w->pt, is_return ? PROBE_KRETPROBE : PROBE_KPROBE, pp);
	if (!w->added)
		w->first = p->index;
	p->u.kp.symbol = f->symbol;
	p->u.kp.module = w->module;
	p->u.kp.offset = f->probe_offset;
	p->u.kp.addr = f->probe_addr;
	/* a glob may match functions kprobes refuse (blacklist, notrace):
	 * those are skipped with a warning rather than failing the run */
	if (w->wildcard)
		p->optional = true;
	copy = xmalloc(sizeof(*copy));
	*copy = *f;
	copy->owner = w->dw;
	p->dw_func = copy;
	w->added++;
	return p;
}

static const char *func_pp(const struct kf_walk *w, const struct dw_func *f)
{
	if (f->decl_file)
		return xasprintf("%s.function(\"%s@%s:%d\")%s", w->family,
				 f->name, f->decl_file, f->decl_line, w->suffix);
	return xasprintf("%s.function(\"%s\")%s", w->family, f->name, w->suffix);
}

static int kf_found(const struct dw_func *f, void *arg)
{
	struct kf_walk *w = arg;
	struct dw_func g;

	if (f->kind == DW_FUNC_INLINE_ONLY) {
		vec_push(&w->inline_only, f->name);
		return 0;
	}
	if (w->exported_only && !f->exported)
		return 0;
	g = *f;
	if (f->kind == DW_FUNC_SYMBOL) {
		if (w->mode == KF_INLINE)
			return 0;
		/* armed at the entry: parameters are still in their ABI
		 * registers and the location lists at the entry pc describe
		 * them exactly (stap does the same with a var-tracking
		 * compiler); -P takes the line table's end of prologue */
		if (!w->c->s->prologue_search || w->is_return) {
			g.probe_offset = 0;
			g.probe_addr = f->entry;
		}
	} else {
		/* an inlined copy: symbol + offset of its entry pc */
		if (w->mode == KF_CALL || w->is_return || !f->symbol)
			return 0;
		w->inline_added++;
	}
	kf_add(w, &g, func_pp(w, f), w->is_return);
	return 0;
}

static int ks_found(const struct dw_func *f, void *arg)
{
	struct kf_walk *w = arg;
	const char *pp;

	if (!f->symbol)
		return 0;
	if (f->src_file)
		pp = xasprintf("%s.statement(\"%s@%s:%d\")%s", w->family,
			       f->name, f->src_file, f->src_line, w->suffix);
	else
		pp = xasprintf("%s.statement(\"%s+0x%llx\")%s", w->family,
			       f->symbol, (unsigned long long)f->probe_offset,
			       w->suffix);
	if (f->kind == DW_FUNC_INLINE)
		w->inline_added++;
	kf_add(w, f, pp, false);
	return 0;
}

static const char *str_arg(const struct pr_point *pt, size_t i)
{
	const struct ast_node *a = pt->comps.v[i].arg;

	return a && a->kind == AST_STR ? a->u.str.value : NULL;
}

static bool num_arg(const struct pr_point *pt, size_t i, uint64_t *out)
{
	const struct ast_node *a = pt->comps.v[i].arg;

	if (!a || a->kind != AST_NUM)
		return false;
	*out = (uint64_t)a->u.num.value;
	return true;
}

/* Parses the suffixes after comps[at]; false (reported) on a bad one. */
static bool kf_suffixes(struct kf_walk *w, size_t at)
{
	struct pr_point *pt = w->pt;
	size_t i;

	for (i = at; i < pt->comps.n; i++) {
		const char *k = pt->comps.v[i].name;
		bool noarg = !pt->comps.v[i].arg;
		struct diag *d;

		if (w->statement) {
			if (!strcmp(k, "absolute") && noarg && !w->module &&
			    !w->nearest)
				continue;
			if (!strcmp(k, "nearest") && noarg && !w->nearest) {
				w->nearest = true;
				continue;
			}
			d = pr_error(pt, "unknown %s.statement suffix '.%s'",
				     w->family, k);
			diag_hint(d, "%s.statement(\"func@file:line\") may be "
				  "followed by .nearest%s", w->family, w->module ? "" :
				  "; kernel.statement(ADDRESS) by .absolute (with -g)");
			diag_emit(d);
			return false;
		}
		if (!strcmp(k, "return") && noarg && !w->is_return &&
		    w->mode != KF_INLINE) {
			w->is_return = true;
		} else if (!strcmp(k, "call") && noarg && w->mode == KF_ALL &&
			   !w->is_return) {
			w->mode = KF_CALL;
		} else if (!strcmp(k, "inline") && noarg && w->mode == KF_ALL &&
			   !w->is_return) {
			w->mode = KF_INLINE;
		} else if (!strcmp(k, "exported") && noarg && !w->module) {
			w->exported_only = true;
		} else {
			if (!strcmp(k, "return") || !strcmp(k, "call") ||
			    !strcmp(k, "inline"))
				d = pr_error(pt, "suffix '.%s' cannot be combined "
					     "with the ones before it", k);
			else
				d = pr_error(pt, "unknown %s.function suffix '.%s'",
					     w->family, k);
			diag_hint(d, "%s.function(\"name\") may be followed by "
				  ".call, .return or %s", w->family, w->module ?
				  ".inline" : ".exported; .inline selects its "
				  "inlined copies");
			diag_emit(d);
			return false;
		}
	}
	if (pt->comps.n > at) {
		struct strbuf sb;

		sb_init(&sb);
		sb_putc(&sb, '.');
		pr_point_str(pt, at, &sb);
		w->suffix = sb_steal(&sb);
	}
	return true;
}

/* Inline copies that kprobes might refuse must not sink the others. */
static void kf_soften_inlines(struct kf_walk *w)
{
	size_t i;

	if (w->added < 2 || !w->inline_added)
		return;
	for (i = (size_t)w->first; i < w->c->prog->probes.n; i++) {
		struct el_probe *p = w->c->prog->probes.v[i];
		const struct dw_func *f = p->dw_func;

		if (f && f->kind == DW_FUNC_INLINE)
			p->optional = true;
	}
}

struct names {
	VEC(const char *) v;
};

static void add_name(const char *name, void *arg)
{
	struct names *n = arg;

	vec_push(&n->v, name);
}

/* "similar: do_exit" for a misspelt function name (not for globs) */
static void suggest_functions(struct dw_kernel *dw, struct diag *d,
			      const char *pat)
{
	struct names n = { { 0 } };
	char *name = xstrdup(pat), *at = strchr(name, '@');

	if (at)
		*at = 0;
	if (*name && !has_glob(name)) {
		dw_function_names(dw, add_name, &n);
		el_suggest(d, name, n.v.v, n.v.n);
	}
	vec_free(&n.v);
	free(name);
}

static int count_cb(const struct dw_func *f, void *arg)
{
	(void)f;
	(void)arg;
	return 0;
}

static int expand_function(struct kf_walk *w, size_t at)
{
	struct pr_point *pt = w->pt;
	const char *pat = str_arg(pt, at);
	struct strbuf err;
	int n, flags;

	if (!kf_suffixes(w, at + 1))
		return 0;
	if (!pat || !*pat) {
		diag_emit(pr_error(pt, "%s.function needs a quoted function "
				   "name or pattern", w->family));
		return 0;
	}
	w->wildcard = has_glob(pat);
	flags = w->mode == KF_ALL && !w->is_return ? DW_FIND_INLINES :
		w->mode == KF_INLINE ? DW_FIND_NO_SYMBOLS : 0;
	sb_init(&err);
	n = dw_find_functions(w->dw, pat, flags, kf_found, w, &err);
	if (n < 0) {
		diag_emit(pr_error(pt, "%s", sb_str(&err)));
	} else if (w->added == 0 && w->inline_only.n) {
		struct diag *d = pr_error(pt, "function '%s' exists only as "
					  "inlined copies in this kernel; it has "
					  "no entry%s to probe", w->inline_only.v[0],
					  w->is_return ? " or return" : "");

		if (w->is_return)
			diag_hint(d, "an inlined copy has no return to hook: "
				  "probe the function it is inlined into, or use "
				  "%s.function(\"%s\").inline for its entries",
				  w->family, w->inline_only.v[0]);
		else
			diag_hint(d, "probe the function it is inlined into, or a "
				  "caller, with a '?' fallback for other kernels");
		diag_emit(d);
	} else if (w->added == 0 && w->mode == KF_INLINE &&
		   dw_find_functions(w->dw, pat, 0, count_cb, NULL, &err) > 0) {
		diag_emit(pr_error(pt, "%s.function(\"%s\").inline: no inlined "
				   "copies (it is only an out-of-line function; "
				   "drop .inline)", w->family, pat));
	} else if (w->added == 0 && n > 0 && w->exported_only) {
		diag_emit(pr_error(pt, "%s.function(\"%s\").exported: no "
				   "exported function matches", w->family, pat));
	} else if (w->added == 0) {
		struct diag *d = pr_error(pt, "no match for %s.function(\"%s\")%s%s",
					  w->family, pat, sb_str(&err)[0] ? ": " : "",
					  sb_str(&err));

		suggest_functions(w->dw, d, pat);
		diag_emit(d);
	}
	kf_soften_inlines(w);
	sb_free(&err);
	vec_free(&w->inline_only);
	return w->added;
}

static int expand_absolute(struct kf_walk *w, uint64_t addr)
{
	struct dw_func f = { 0 };
	struct el_probe *p;

	if (!w->c->s->guru) {
		struct diag *d = pr_error(w->pt, "kernel.statement(0x%llx)"
					  ".absolute needs guru mode",
					  (unsigned long long)addr);

		diag_hint(d, "rerun with -g; without .absolute the address is "
			  "a link-time (System.map) address looked up in DWARF");
		diag_emit(d);
		return 0;
	}
	/* a raw run-time address: no DWARF, no $vars */
	p = pr_add(w->c, w->pt, PROBE_KPROBE,
		   xasprintf("kernel.statement(0x%llx).absolute",
			     (unsigned long long)addr));
	p->u.kp.symbol = NULL;
	p->u.kp.addr = addr;
	(void)f;
	return 1;
}

/*
 * .nearest: no code at "f@file:N"; take the closest line with code,
 * trying N+1, N-1, N+2, ... (within 100 lines).
 */
static int nearest_statement(struct kf_walk *w, const char *pat)
{
	const char *colon = strrchr(pat, ':');
	char *end;
	long line, d;
	int n = 0;

	if (!strchr(pat, '@') || !colon)
		return 0;
	line = strtol(colon + 1, &end, 10);
	if (*end || line <= 0)
		return 0;
	for (d = 1; d <= 100 && n == 0; d++) {
		long cand[2] = { line + d, line - d };
		int i;

		for (i = 0; i < 2 && n == 0; i++) {
			struct strbuf e;
			char *p;

			if (cand[i] <= 0)
				continue;
			p = xasprintf("%.*s:%ld", (int)(colon - pat), pat, cand[i]);
			sb_init(&e);
			n = dw_find_statements(w->dw, p, ks_found, w, &e);
			if (n < 0)
				n = 0;
			sb_free(&e);
			free(p);
		}
	}
	return n;
}

static int expand_statement(struct kf_walk *w, size_t at)
{
	struct pr_point *pt = w->pt;
	const char *pat = str_arg(pt, at);
	uint64_t addr = 0;
	bool absolute;
	struct strbuf err;
	int n;

	if (!kf_suffixes(w, at + 1))
		return 0;
	absolute = pt->comps.n > at + 1 && !w->nearest;
	if (!pat && !num_arg(pt, at, &addr)) {
		diag_emit(pr_error(pt, "%s.statement needs a quoted "
				   "\"func@file:line\" pattern or an address",
				   w->family));
		return 0;
	}
	if (absolute) {
		if (pat) {
			diag_emit(pr_error(pt, ".absolute takes a numeric "
					   "address, as in kernel.statement"
					   "(0xffffffff81000000).absolute"));
			return 0;
		}
		return expand_absolute(w, addr);
	}
	if (!pat)
		pat = xasprintf("0x%llx", (unsigned long long)addr);
	if (!*pat) {
		diag_emit(pr_error(pt, "%s.statement needs a pattern", w->family));
		return 0;
	}
	w->wildcard = has_glob(pat);
	sb_init(&err);
	n = dw_find_statements(w->dw, pat, ks_found, w, &err);
	if (n == 0 && w->nearest)
		n = nearest_statement(w, pat);
	if (n < 0)
		diag_emit(pr_error(pt, "%s", sb_str(&err)));
	else if (w->added == 0) {
		struct diag *d = pr_error(pt, "no match for %s.statement(\"%s\")%s%s",
					  w->family, pat, sb_str(&err)[0] ? ": " : "",
					  sb_str(&err));
		char *fn = xstrdup(pat), *cut = strpbrk(fn, "@+");

		/* a misspelt function rather than a wrong line? */
		if (cut)
			*cut = 0;
		if (*fn && !has_glob(fn) && !(fn[0] >= '0' && fn[0] <= '9') &&
		    dw_find_functions(w->dw, fn, DW_FIND_INLINES, count_cb, NULL,
				      &err) == 0)
			suggest_functions(w->dw, d, fn);
		free(fn);
		diag_emit(d);
	}
	kf_soften_inlines(w);
	sb_free(&err);
	return w->added;
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
		copy->owner = c->dw;
		p->dw_func = copy;
	}
	return 1;
}

/* ---- module("NAME"): one opened debuginfo per module name ---- */

static struct hmap module_dw;

static struct dw_kernel *module_debuginfo(struct el_ctx *c,
					  struct pr_point *pt,
					  const char *name)
{
	struct dw_kernel *dw;
	struct strbuf err;

	if (hmap_get(&module_dw, name))
		return hmap_get(&module_dw, name);
	sb_init(&err);
	dw = dw_module_cached(name, c->s->release, &err);
	if (!dw) {
		struct diag *d = pr_error(pt, "no debuginfo for module '%s': %s",
					  name, sb_str(&err));

		diag_hint(d, "install linux-image-%s-dbg (it has "
			  "/usr/lib/debug/lib/modules/%s/kernel/.../%s.ko), or "
			  "for the guest kernel run 'runtime/vm/setup-deps "
			  "--module %s'", c->s->release, c->s->release, name,
			  name);
		diag_emit(d);
		sb_free(&err);
		return NULL;
	}
	sb_free(&err);
	hmap_put(&module_dw, xstrdup(name), dw);
	return dw;
}

static bool module_name_ok(const char *m)
{
	const char *s;

	if (!m || !*m)
		return false;
	for (s = m; *s; s++)
		if (!(*s == '_' || *s == '-' || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

static void unsupported(struct pr_point *pt)
{
	struct strbuf sb;
	struct diag *d;

	sb_init(&sb);
	pr_point_str(pt, 0, &sb);
	d = pr_error(pt, "probe point '%s' is not supported", sb_str(&sb));
	diag_hint(d, "supported: begin, end, error, never, timer.*, "
		  "kernel.function(\"...\")[.call|.return|.inline], "
		  "kernel.statement(\"...\"), module(\"name\").function/"
		  "statement(\"...\"), kernel.trace(\"...\")");
	diag_emit(d);
	sb_free(&sb);
}

int pr_kernel_expand(struct el_ctx *c, struct pr_point *pt)
{
	const char *first = pt->comps.v[0].name;
	const char *second = pt->comps.n > 1 ? pt->comps.v[1].name : "";
	struct kf_walk w = { 0 };
	int n = 0;

	w.c = c;
	w.pt = pt;
	w.dw = c->dw;
	w.family = "kernel";
	w.suffix = "";
	if (!strcmp(first, "kernel") && !strcmp(second, "trace"))
		return expand_trace(c, pt);
	if (!strcmp(first, "module")) {
		const char *m = str_arg(pt, 0);

		if (!module_name_ok(m) || has_glob(m)) {
			diag_emit(pr_error(pt, "module(\"NAME\") needs a module "
					   "name such as \"binfmt_misc\"%s",
					   m && has_glob(m) ?
					   " (wildcards are not supported)" : ""));
			return 0;
		}
		if (strcmp(second, "function") && strcmp(second, "statement")) {
			unsupported(pt);
			return 0;
		}
		if (missing_dwarf(c, pt))
			return 0;
		{
			/* the kernel names modules with '_' */
			char *mn = xstrdup(m), *q;

			for (q = mn; *q; q++)
				*q = *q == '-' ? '_' : *q;
			w.module = mn;
		}
		w.family = xasprintf("module(\"%s\")", m);
		w.dw = module_debuginfo(c, pt, m);
		if (!w.dw)
			return 0;
	} else if (strcmp(first, "kernel") ||
		   (strcmp(second, "function") && strcmp(second, "statement")) ||
		   pt->comps.v[0].arg) {
		unsupported(pt);
		return 0;
	} else if (missing_dwarf(c, pt)) {
		return 0;
	}
	if (!strcmp(second, "function")) {
		n = expand_function(&w, 1);
	} else {
		w.statement = true;
		n = expand_statement(&w, 1);
	}
	return n;
}
