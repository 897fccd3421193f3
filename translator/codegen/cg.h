/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cg.h - codegen internals shared by the files of translator/codegen.
 *
 * Generated-code conventions (see also runtime/runtime.h):
 *
 *   c		struct tapc_ctx * of the running handler (CONTEXT in embedded C)
 *   l		the running probe's locals: struct tapc_pl_<index> *
 *   f		the running script function's frame: struct tapc_fr_<cname> *
 *   gv_<cname>	a global's storage; gl_<cname> its rwlock
 *   gsd_<cname> an aggregate's histogram descriptor
 *   _t<N>	unique temporaries inside statement expressions
 *   <base>->__tmp<N>  string temporaries (char[MAXSTRINGLEN]) in l or f
 *
 * Expressions translate to one C expression (GCC statement expressions
 * where they need temporaries or error checks); long values are int64_t,
 * strings are const char * into storage the current frame owns.  Errors
 * record themselves with tapc_ctx_error() and "goto <err label>", which
 * is "out" or the catch label of the innermost try.
 */
#ifndef TAPC_CODEGEN_CG_H
#define TAPC_CODEGEN_CG_H

#include <stdbool.h>
#include <stdio.h>

#include "../elaborate/program.h"
#include "../util/util.h"
#include "codegen.h"
#include "emit.h"

/* Histogram kind chosen for an aggregate by the extractors used on it. */
struct cg_agg {
	const struct el_sym *sym;
	int kind;			/* 0 none, 1 log, 2 linear */
	int64_t lo, hi, step;
};

/* foreach (v = [k] in agg): the local v stands for an element of agg. */
struct cg_stat_alias {
	const struct el_sym *local, *array;
};

/* Globals a handler touches and how (read or write lock). */
struct cg_lockset {
	unsigned char *mode;		/* per global index: 0, 'r', 'w' */
};

struct cg {
	const struct el_program *p;
	const struct codegen_opts *o;
	struct emit *e;			/* current output */
	int errors;

	/* the function being translated */
	const struct el_probe *probe;	/* probe body, or NULL */
	const struct el_func *func;	/* script function, or NULL */
	const char *base;		/* "l" or "f" */
	const char *err_label;		/* where errors jump */
	bool in_entry;			/* kretprobe entry handler */
	int ntmp;			/* string temporaries used */
	int nuniq;			/* _t<N> counter (whole file) */
	int nlabel;			/* try/catch label counter */

	VEC(struct cg_agg) aggs;
	VEC(struct cg_stat_alias) stat_alias;
	struct hmap global_index;	/* cname -> (index + 1) */
	unsigned char **func_locks;	/* per func: cached lock modes */
	bool *func_locks_done;
};

/* translate_expr.c */
char *cg_expr(struct cg *g, struct ast_node *n);	/* caller frees */
char *cg_lvalue_scalar(struct cg *g, struct el_sym *s);
char *cg_where(const struct src_loc *loc);		/* "\"f:l:c\"" */
char *cg_cstr(const char *s, size_t len);		/* C literal */
int cg_tmp(struct cg *g);				/* new string tmp */
int cg_uniq(struct cg *g);

/* slices.c: arr[*, k] in foreach, 'in' and delete */
bool cg_has_wildcard(const struct ast_node *keys);
char *cg_slice_eval(struct cg *g, const struct el_sym *s,
		    struct ast_node *keys, int u);
char *cg_slice_match(const struct el_sym *s, struct ast_node *keys, int u,
		     const char *map, const char *ent);
char *cg_slice_in(struct cg *g, const struct el_sym *s, struct ast_node *keys);
void cg_slice_delete(struct cg *g, const struct el_sym *s,
		     struct ast_node *keys);
char *cg_key_build(struct cg *g, struct el_sym *s, struct ast_node *keys,
		   const char *kvar);
struct el_func *cg_call_target(struct cg *g, struct ast_node *call);
const char *cg_gname(const struct el_sym *s);	/* "gv_<cname>" */
bool cg_is_builtin_call(struct ast_node *n);

/* translate_stmt.c */
void cg_stmt(struct cg *g, struct ast_node *n);
void cg_block_counted(struct cg *g, struct ast_node *n);
void cg_marker(struct cg *g, const struct src_loc *loc);
void cg_zero_locals(struct cg *g, const void *vec_of_syms_v, size_t n);

/* printf.c */
bool cg_print_stmt(struct cg *g, struct ast_node *call);
char *cg_sprint_expr(struct cg *g, struct ast_node *call);

/* aggregates.c */
void cg_aggs_collect(struct cg *g);
struct cg_agg *cg_agg_of(struct cg *g, const struct el_sym *s);
/* The aggregate a stats symbol is (a foreach value local: its array). */
const struct el_sym *cg_stat_sym(struct cg *g, const struct el_sym *s);
void cg_agg_desc_init(struct cg *g, const struct cg_agg *a);
char *cg_stat_expr(struct cg *g, struct ast_node *n);
char *cg_stat_ptr(struct cg *g, struct ast_node *agg, bool *is_elem);

/* locks.c */
unsigned char *cg_probe_locks(struct cg *g, const struct el_probe *pr);
void cg_lock_enter(struct cg *g, const unsigned char *mode);
void cg_lock_leave(struct cg *g, const unsigned char *mode);
bool cg_has_locks(struct cg *g, const unsigned char *mode);

/* probes_*.c */
void cg_probe_body(struct cg *g, const struct el_probe *pr);
void cg_probes_begin_end(struct cg *g);
void cg_probes_kprobe(struct cg *g);
void cg_probes_timer(struct cg *g);
void cg_probes_tracepoint(struct cg *g);
int cg_count_kind(struct cg *g, enum el_probe_kind k);

/* probes_kprobe.c: byte offset (C expression) of an @entry save in
 * ri->data, or NULL; *type gets its type.  Also the total size. */
char *cg_entry_offset(const struct el_probe *pr, const struct ast_node *n,
		      enum ast_type *type);
char *cg_entry_size(const struct el_probe *pr);
void cg_entry_saves(struct cg *g, const struct el_probe *pr);

/* module.c */
void cg_module_hooks(struct cg *g);

/* Report a codegen error at loc. */
void cg_error(struct cg *g, const struct src_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
