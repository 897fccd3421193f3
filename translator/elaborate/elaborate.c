// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * elaborate.c - pass 2 in order: index the tapsets, expand and resolve
 * the probes (pulling tapset files in as needed), resolve target
 * variables, infer types, check, and keep only what is used.
 */
#include "internal.h"

static struct el_ctx *ctx_new(const struct session *s,
			      const struct parse_env *env, struct dw_kernel *dw)
{
	struct el_ctx *c = xcalloc(1, sizeof(*c));

	c->s = s;
	c->env = env;
	c->dw = dw;
	c->prog = xcalloc(1, sizeof(*c->prog));
	c->prog->kernel_release = s->release;
	c->prog->guru = s->guru;
	hmap_init(&c->funcs);
	hmap_init(&c->globals);
	hmap_init(&c->global_files);
	hmap_init(&c->func_syms);
	return c;
}

struct el_program *elaborate(const struct session *s,
			     const struct parse_env *env,
			     struct ast_file *script, struct dw_kernel *dw)
{
	struct el_ctx *c = ctx_new(s, env, dw);
	struct el_file *f = xcalloc(1, sizeof(*f));
	int errs = diag_errors();

	f->path = script->src ? script->src->name : "<script>";
	f->ast = script;
	f->is_script = true;
	ti_add_file(c, f);
	ti_use_file(c, f);
	ti_load(c);

	rs_resolve_all(c);
	if (diag_errors() > errs)
		return NULL;
	if (!c->prog->probes.n) {
		diag_error(NULL, "no probes found in %s", f->path);
		return NULL;
	}
	tg_resolve_all(c);
	ty_infer_all(c);
	ck_check_all(c);
	if (diag_errors() > errs)
		return NULL;
	if (ap_add_display(c))
		ty_infer_all(c);
	if (diag_errors() > errs)
		return NULL;
	op_dead_stores(c);
	op_prune(c);
	return c->prog;
}
