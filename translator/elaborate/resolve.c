// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * resolve.c - bind every identifier and call of the program.
 *
 * An identifier is a local of its probe or function unless a global of
 * that name is declared by the script or by a tapset file (which is then
 * pulled in).  Arrays are always globals.  A call binds to a script
 * function first, then a tapset function with the same number of
 * arguments (pulling its file in), then a builtin handled by codegen.
 * Functions are resolved as they become used, through a worklist.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct rs_scope {
	struct el_ctx *c;
	struct hmap locals;		/* name -> el_sym */
	void *out;			/* VEC(struct el_sym *) of the owner */
	struct el_probe *probe;		/* NULL inside functions */
	struct el_func *func;		/* NULL inside probes */
	const char *owner;		/* "probe kernel.function(...)" for messages */
};

struct el_sym *rs_new_sym(struct el_ctx *c, enum el_sym_kind kind,
			  const char *name, struct ast_node *decl)
{
	struct el_sym *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	s->name = intern(name);
	s->decl = decl;
	s->cname = xasprintf("%s_%s_%d",
			     kind == SYM_GLOBAL ? "g" : kind == SYM_PARAM ? "a" : "l",
			     name, c->unique++);
	return s;
}

/* ---- globals ---- */

static struct ast_node *find_global_decl(struct el_file *f, const char *name)
{
	struct ast_node *g;

	for (g = f->ast ? f->ast->globals : NULL; g; g = g->next)
		if (intern(g->u.global.name) == name)
			return g;
	return NULL;
}

static struct el_sym *global_from_decl(struct el_ctx *c, struct ast_node *g,
				       struct el_file *f)
{
	struct el_sym *s = rs_new_sym(c, SYM_GLOBAL, g->u.global.name, g);

	s->init = g->u.global.init;
	s->max_entries = g->u.global.size;
	s->wrap = g->u.global.wrap;
	s->from_tapset = !f->is_script;
	if (g->u.global.is_array)
		s->arity = -1;	/* an array; key count from first use */
	hmap_put(&c->globals, s->name, s);
	vec_push(&c->all_globals, s);
	return s;
}

/* The global called name, pulling in the tapset file declaring it. */
static struct el_sym *lookup_global(struct el_ctx *c, const char *name)
{
	struct el_sym *s = hmap_get(&c->globals, name);
	struct el_file *f;
	struct ast_node *g;

	if (s)
		return s;
	f = hmap_get(&c->global_files, name);
	if (!f || !(g = find_global_decl(f, name)))
		return NULL;
	ti_use_file(c, f);
	return global_from_decl(c, g, f);
}

/* ---- functions ---- */

struct el_func *rs_func_for(struct el_ctx *c, struct ast_node *def,
			    struct el_file *f)
{
	char key[32];
	struct el_func *fn;
	struct ast_param *p;

	snprintf(key, sizeof(key), "%p", (void *)def);
	fn = hmap_get(&c->func_syms, intern(key));
	if (fn)
		return fn;
	fn = xcalloc(1, sizeof(*fn));
	fn->name = def->u.func.name;
	fn->cname = xasprintf("f_%s_%d", def->u.func.name, c->unique++);
	fn->decl = def;
	fn->ret = def->u.func.ret;
	fn->from_tapset = !f->is_script;
	fn->embedded = def->u.func.body &&
		       def->u.func.body->kind == AST_EMBEDDED_STMT;
	if (fn->embedded) {
		fn->embedded_code = def->u.func.body->u.embedded.code;
		fn->pure = strstr(fn->embedded_code, "/* pure */") != NULL;
		/* an embedded function without a declared type returns nothing */
		if (fn->ret == TYPE_UNKNOWN)
			fn->ret = TYPE_VOID;
	}
	for (p = def->u.func.params; p; p = p->next) {
		struct el_sym *s = rs_new_sym(c, SYM_PARAM, p->name, NULL);

		s->type = p->type;
		vec_push(&fn->params, s);
	}
	hmap_put(&c->func_syms, intern(key), fn);
	vec_push(&c->all_funcs, fn);
	ti_use_file(c, f);
	return fn;
}

static void collect_func_names(struct el_ctx *c, void *vec)
{
	VEC(const char *) *names = vec;
	const char *k;
	void *v;
	size_t it = 0;

	while (hmap_next(&c->funcs, &it, &k, &v))
		vec_push(names, k);
}

static int param_count(const struct ast_node *def)
{
	const struct ast_param *p;
	int n = 0;

	for (p = def->u.func.params; p; p = p->next)
		n++;
	return n;
}

static bool has_next(struct ast_node *n, void *arg)
{
	if (n->kind == AST_NEXT)
		*(bool *)arg = true;
	return true;
}

static bool def_has_next(struct ast_node *def)
{
	bool nx = false;

	if (def->u.func.body && def->u.func.body->kind != AST_EMBEDDED_STMT)
		ast_walk(def->u.func.body, has_next, &nx);
	return nx;
}

/*
 * Definitions after defs[first] with the same number of parameters form
 * its runtime overload chain: 'next' in one passes the call on to the
 * next (script definitions first, then tapsets, in the order read).
 * The chain ends at the first definition without 'next'.
 */
static void link_overloads(struct el_ctx *c, struct el_fdefs *defs,
			   size_t first, struct el_func *fn)
{
	int argc = param_count(defs->defs.v[first]);
	struct el_func *prev = fn;

	if (fn->overload_next)
		return;
	for (size_t j = first + 1; j < defs->defs.n && def_has_next(prev->decl);
	     j++) {
		struct el_func *o;

		if (param_count(defs->defs.v[j]) != argc)
			continue;
		o = rs_func_for(c, defs->defs.v[j], defs->files.v[j]);
		if (o == fn || o->overload_next || o == prev)
			break;
		prev->overload_next = o;
		o->used = true;
		prev = o;
	}
}

static void resolve_call(struct rs_scope *sc, struct ast_node *n)
{
	struct el_ctx *c = sc->c;
	const char *name = intern(n->u.call.name);
	struct el_fdefs *defs = hmap_get(&c->funcs, name);
	int argc = ast_list_len(n->u.call.args);
	const struct el_builtin *b;
	size_t i;

	for (i = 0; defs && i < defs->defs.n; i++) {
		struct ast_node *def = defs->defs.v[i];
		if (param_count(def) == argc) {
			struct el_func *fn = rs_func_for(c, def, defs->files.v[i]);

			link_overloads(c, defs, i, fn);
			n->aux = fn;
			fn->used = true;
			return;
		}
	}
	b = rs_builtin(name);
	if (b && argc >= b->min_args && (b->max_args < 0 || argc <= b->max_args)) {
		n->aux = NULL;
		return;
	}
	if (defs || b) {
		struct diag *d = diag_new(DIAG_ERROR, &n->loc,
			"no function '%s' takes %d argument%s", name, argc,
			argc == 1 ? "" : "s");

		for (i = 0; defs && i < defs->defs.n; i++)
			diag_note(d, &defs->defs.v[i]->loc, "'%s' is defined "
				  "here with %d parameter(s)", name,
				  param_count(defs->defs.v[i]));
		if (b && b->max_args < 0)
			diag_hint(d, "builtin %s takes at least %d argument%s",
				  bi_signature(name), b->min_args,
				  b->min_args == 1 ? "" : "s");
		else if (b && b->min_args == b->max_args)
			diag_hint(d, "builtin %s takes %s%d argument%s",
				  bi_signature(name), b->min_args ? "exactly " :
				  "", b->min_args, b->min_args == 1 ? "" : "s");
		else if (b)
			diag_hint(d, "builtin %s takes %d to %d arguments",
				  bi_signature(name), b->min_args, b->max_args);
		diag_note(d, NULL, "in %s", sc->owner);
		diag_emit(d);
		return;
	} else {
		VEC(const char *) names = { 0 };
		struct diag *d = diag_new(DIAG_ERROR, &n->loc,
					  "unresolved function '%s'", name);

		collect_func_names(c, &names);
		rs_builtin_names(&names);
		el_suggest(d, name, names.v, names.n);
		diag_note(d, NULL, "in %s", sc->owner);
		diag_emit(d);
		vec_free(&names);
	}
}

/* ---- variables ---- */

static struct el_sym *local_for(struct rs_scope *sc, const char *name,
				struct ast_node *n)
{
	VEC(struct el_sym *) *out = sc->out;
	struct el_sym *s = hmap_get(&sc->locals, name);

	if (s)
		return s;
	s = rs_new_sym(sc->c, SYM_LOCAL, name, n);
	hmap_put(&sc->locals, s->name, s);
	vec_push(out, s);
	return s;
}

static struct el_sym *resolve_name(struct rs_scope *sc, struct ast_node *n,
				   const char *raw)
{
	const char *name = intern(raw);
	struct el_sym *s = hmap_get(&sc->locals, name);

	if (s)
		return s;
	s = lookup_global(sc->c, name);
	if (s)
		return s;
	return local_for(sc, name, n);
}

static void resolve_array(struct rs_scope *sc, struct ast_node *base, int keys)
{
	const char *name = intern(base->u.ident.name);
	struct el_sym *s = hmap_get(&sc->locals, name);

	if (!s)
		s = lookup_global(sc->c, name);
	if (!s || s->kind != SYM_GLOBAL) {
		struct diag *d = diag_new(DIAG_ERROR, &base->loc,
			"'%s' is not a global array", name);

		diag_hint(d, "declare it with 'global %s' (arrays are "
			  "always global)", name);
		diag_note(d, NULL, "in %s", sc->owner);
		diag_emit(d);
		return;
	}
	base->sym = s;
	if (keys > EL_MAX_KEYS) {
		diag_error(&base->loc, "array '%s' used with %d indexes; at "
			   "most %d are allowed", name, keys, EL_MAX_KEYS);
		return;
	}
	if (keys > 0 && s->arity <= 0) {
		s->arity = keys;
	} else if (keys > 0 && s->arity != keys) {
		struct diag *d = diag_new(DIAG_ERROR, &base->loc,
			"array '%s' used with %d index%s here", name, keys,
			keys == 1 ? "" : "es");

		diag_note(d, s->decl ? &s->decl->loc : NULL,
			  "but with %d index%s elsewhere", s->arity,
			  s->arity == 1 ? "" : "es");
		diag_emit(d);
	}
}

static bool resolve_node(struct ast_node *n, void *arg)
{
	struct rs_scope *sc = arg;

	switch (n->kind) {
	case AST_IDENT:
		if (!n->sym)
			n->sym = resolve_name(sc, n, n->u.ident.name);
		break;
	case AST_INDEX:
	case AST_IN:
		resolve_array(sc, n->u.index.base, ast_list_len(n->u.index.keys));
		n->sym = n->u.index.base->sym;
		break;
	case AST_FOREACH:
		resolve_array(sc, n->u.foreach.array,
			      ast_list_len(n->u.foreach.keys));
		n->sym = n->u.foreach.array->sym;
		break;
	case AST_STAT:
		/* @count(arr[k]) or @count(x): base resolved by the walk */
		break;
	case AST_CALL:
		resolve_call(sc, n);
		break;
	case AST_DELETE:
		if (n->u.unary_stmt.expr->kind == AST_IDENT) {
			struct ast_node *e = n->u.unary_stmt.expr;
			struct el_sym *s = resolve_name(sc, e, e->u.ident.name);

			e->sym = s;
		}
		break;
	default:
		break;
	}
	return true;
}

static void scope_init(struct rs_scope *sc, struct el_ctx *c, void *out,
		       const char *owner)
{
	memset(sc, 0, sizeof(*sc));
	sc->c = c;
	sc->out = out;
	sc->owner = owner;
	hmap_init(&sc->locals);
}

static void resolve_probe(struct el_ctx *c, struct el_probe *p)
{
	struct rs_scope sc;

	scope_init(&sc, c, &p->locals, ck_probe_owner(p));
	sc.probe = p;
	tg_fold_probe(c, p);
	if (p->cond)
		ast_walk(p->cond, resolve_node, &sc);
	ast_walk(p->body, resolve_node, &sc);
	hmap_free(&sc.locals);
}

static void resolve_func(struct el_ctx *c, struct el_func *fn)
{
	struct rs_scope sc;
	size_t i;

	scope_init(&sc, c, &fn->locals, xasprintf("function %s()", fn->name));
	sc.func = fn;
	for (i = 0; i < fn->params.n; i++)
		hmap_put(&sc.locals, fn->params.v[i]->name, fn->params.v[i]);
	if (!fn->embedded && fn->decl->u.func.body)
		ast_walk(fn->decl->u.func.body, resolve_node, &sc);
	hmap_free(&sc.locals);
}

/* Declares the script's globals (all of them, used or not: -u keeps them). */
static void declare_script_globals(struct el_ctx *c)
{
	struct el_file *f = c->files.v[0];
	struct ast_node *g;

	for (g = f->ast->globals; g; g = g->next) {
		const char *name = intern(g->u.global.name);

		if (hmap_get(&c->globals, name)) {
			struct diag *d = diag_new(DIAG_ERROR, &g->loc,
				"duplicate global '%s'", name);

			diag_note(d, &((struct el_sym *)hmap_get(&c->globals,
				  name))->decl->loc, "first declared here");
			diag_emit(d);
			continue;
		}
		global_from_decl(c, g, f);
	}
}

/*
 * Every script function is resolved and typed, used or not (an unused
 * one is then dropped with a warning, or kept by -u).  Two definitions
 * with the same name and number of parameters are an error unless the
 * earlier one can pass control on with 'next' (overloading).
 */
static void declare_script_funcs(struct el_ctx *c)
{
	struct el_file *f = c->files.v[0];
	struct ast_node *fn, *prev;

	for (fn = f->ast->functions; fn; fn = fn->next) {
		for (prev = f->ast->functions; prev != fn; prev = prev->next) {
			if (strcmp(prev->u.func.name, fn->u.func.name) ||
			    param_count(prev) != param_count(fn))
				continue;
			if (!def_has_next(prev)) {
				struct diag *d = diag_new(DIAG_ERROR, &fn->loc,
					"duplicate function '%s' with %d "
					"parameter(s)", fn->u.func.name,
					param_count(fn));

				diag_note(d, &prev->loc, "first defined here");
				diag_hint(d, "overloads need a different number "
					  "of parameters, or 'next' in the "
					  "earlier one");
				diag_emit(d);
				break;
			}
		}
		rs_func_for(c, fn, f);
	}
}

/*
 * Resolves every probe, then every function that became used, until the
 * worklists are empty.  New probes may appear when a pulled-in tapset file
 * has probes of its own, so probes are expanded again in between.
 */
void rs_resolve_more(struct el_ctx *c)
{
	size_t *np = &c->resolved_probes, *nf = &c->resolved_funcs;

	for (;;) {
		pr_expand_all(c);
		if (*np == c->prog->probes.n && *nf == c->all_funcs.n)
			break;
		for (; *np < c->prog->probes.n; (*np)++)
			resolve_probe(c, c->prog->probes.v[*np]);
		for (; *nf < c->all_funcs.n; (*nf)++)
			resolve_func(c, c->all_funcs.v[*nf]);
	}
}

void rs_resolve_all(struct el_ctx *c)
{
	declare_script_globals(c);
	declare_script_funcs(c);
	rs_resolve_more(c);
}
