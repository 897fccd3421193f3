/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * internal.h - state shared by the files of pass 2 (not used elsewhere).
 */
#ifndef TAPC_ELABORATE_INTERNAL_H
#define TAPC_ELABORATE_INTERNAL_H

#include "elaborate.h"

/* A tapset or script file known to pass 2. */
struct el_file {
	const char *path;
	struct ast_file *ast;		/* NULL if it could not be read */
	bool used;			/* pulled in by the script */
	bool is_script;
	bool expanded;			/* its probes were expanded */
};

/* One alias name: `probe kprocess.exec = ...` indexes "kprocess.exec". */
struct el_alias {
	struct ast_node *def;		/* AST_ALIAS */
	struct ast_node *name;		/* AST_POINT among def->u.probe.names */
	struct el_file *file;
};

/* Builtin functions handled by codegen (print, printf, exit, ...). */
struct el_builtin {
	const char *name;
	int min_args, max_args;		/* max -1: variadic */
	enum ast_type ret;
	enum ast_type arg;		/* type every fixed arg must have, or
					 * TYPE_UNKNOWN for "any" */
	bool format;			/* first arg is a printf format */
};

struct el_ctx {
	const struct session *s;
	const struct parse_env *env;
	struct dw_kernel *dw;
	struct el_program *prog;

	VEC(struct el_file *) files;	/* script first, then tapsets */
	struct hmap funcs;		/* name -> VEC of AST_FUNCTION via el_fdefs */
	struct hmap globals;		/* name -> el_sym (declared, maybe unused) */
	struct hmap global_files;	/* name -> el_file defining it */
	VEC(struct el_alias) aliases;

	struct hmap func_syms;		/* AST_FUNCTION node ptr (as key) -> el_func */
	VEC(struct el_func *) all_funcs;
	VEC(struct el_sym *) all_globals;

	size_t resolved_probes;		/* rs_resolve_more() progress */
	size_t resolved_funcs;
	int unique;			/* counter for C names */
	bool changed;			/* type inference made progress */
};

/* All definitions of one function name (overloads by arity). */
struct el_fdefs {
	VEC(struct ast_node *) defs;
	VEC(struct el_file *) files;
};

/* tapset_index.c */
void ti_load(struct el_ctx *c);
void ti_use_file(struct el_ctx *c, struct el_file *f);
void ti_add_file(struct el_ctx *c, struct el_file *f);

/* probes.c */
void pr_expand_all(struct el_ctx *c);
int pr_list(struct el_ctx *c, const char *pattern, bool with_vars, FILE *out);


/* resolve.c */
void rs_resolve_all(struct el_ctx *c);
/* Resolves probes and functions added since the last call (new files). */
void rs_resolve_more(struct el_ctx *c);
struct el_func *rs_func_for(struct el_ctx *c, struct ast_node *def,
			    struct el_file *f);
const struct el_builtin *rs_builtin(const char *name);

/* builtins.c: "substr(string s, long start, long length):string" */
const char *bi_signature(const char *name);
enum ast_type bi_arg_type(const char *name, int i);
void rs_builtin_names(void *vec);	/* appends to a VEC(const char *) */
struct el_sym *rs_new_sym(struct el_ctx *c, enum el_sym_kind kind,
			  const char *name, struct ast_node *decl);

/* types.c */
void ty_infer_all(struct el_ctx *c);
bool ty_reachable(struct el_ctx *c, const struct el_func *fn);

/* targets.c */
void tg_resolve_all(struct el_ctx *c);
void tg_fold_probe(struct el_ctx *c, struct el_probe *p);

/* check.c */
void ck_check_all(struct el_ctx *c);
const char *ck_probe_owner(const struct el_probe *p);	/* "probe a -> b" */

/* autoprint.c: end-of-run display of written-only script globals */
bool ap_add_display(struct el_ctx *c);	/* true if it added a probe */

/* deadstore.c: assignments to unread probe locals with pure values */
void op_dead_stores(struct el_ctx *c);

/* optimize.c */
void op_prune(struct el_ctx *c);

/* suggest.c: "similar: a, b" hints */
void el_suggest(struct diag *d, const char *name, const char *const *cands,
		size_t n);

#endif
