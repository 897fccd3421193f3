/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * program.h - the elaborated program: what pass 2 hands to pass 3.
 *
 * After elaboration every probe is concrete (one arming location, aliases
 * expanded, body copied and joined with alias prologues/epilogues), every
 * name is bound to an el_sym or el_func, every expression has a type, and
 * every target variable ($var, @cast, ...) has a DWARF access (struct
 * el_target, reached through node->aux) holding the C it compiles to.
 *
 * Codegen only reads this structure; it never looks at tapsets or DWARF.
 */
#ifndef TAPC_PROGRAM_H
#define TAPC_PROGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "../parse/ast.h"
#include "../util/util.h"

#define EL_MAX_KEYS 9	/* array keys per element (stap allows 9) */

enum el_sym_kind { SYM_GLOBAL, SYM_LOCAL, SYM_PARAM };

/* A variable: global, probe/function local, or function parameter. */
struct el_sym {
	enum el_sym_kind kind;
	const char *name;		/* as written */
	const char *cname;		/* unique C identifier for codegen */
	enum ast_type type;		/* value type (STATS for aggregates) */
	int arity;			/* 0 scalar, n = array with n keys */
	enum ast_type key_types[EL_MAX_KEYS];
	int64_t max_entries;		/* array size hint, 0 = MAXMAPENTRIES */
	bool wrap;			/* '%': overwrite oldest when full */
	struct ast_node *init;		/* global initialiser literal or NULL */
	struct ast_node *decl;		/* declaring node (for diagnostics) */
	bool is_read, is_written;	/* seen as rvalue / lvalue */
	bool from_tapset;
};

/* A script or tapset function, after overload resolution. */
struct el_func {
	const char *name;		/* as written */
	const char *cname;		/* unique C identifier */
	struct ast_node *decl;		/* AST_FUNCTION */
	enum ast_type ret;		/* TYPE_VOID if no value returned */
	VEC(struct el_sym *) params;
	VEC(struct el_sym *) locals;
	bool embedded;			/* body is %{ %} */
	const char *embedded_code;	/* the C text (THIS->arg / STAP_ARG_x
					 * / STAP_RETVALUE rewritten by codegen) */
	bool pure;			/* embedded with pragma pure */
	bool from_tapset;
	bool used;			/* reachable from some probe */
	/* Runtime overloading: the next definition with the same name and
	 * number of parameters, tried when this one executes 'next'. */
	struct el_func *overload_next;
};

enum el_probe_kind {
	PROBE_BEGIN,
	PROBE_END,
	PROBE_ERROR,
	PROBE_NEVER,
	PROBE_TIMER,		/* timer.s/ms/us/ns/hz/jiffies */
	PROBE_PROFILE,		/* timer.profile */
	PROBE_KPROBE,		/* kernel.function / module().function entry,
				 * kernel.statement */
	PROBE_KRETPROBE,	/* .return */
	PROBE_TRACEPOINT,	/* kernel.trace("sys:event") */
};

/* One step of how a probe came to be: the user's point, then each alias. */
struct el_origin {
	const char *point;		/* the point as written at this step */
	const struct src_loc *loc;	/* where it was written */
	struct el_origin *next;		/* the step it expanded into */
};

/* Values saved at entry for use in a return probe (@entry, and $params
 * referenced in .return probes, which stap evaluates at entry). */
struct el_entry_save {
	struct ast_node *expr;		/* the AST_ENTRY node */
	int slot;			/* index in the kretprobe instance data */
};

/* One concrete, armable probe with its own copy of the body. */
struct el_probe {
	int index;			/* 0.. in program order */
	enum el_probe_kind kind;
	const char *pp;			/* pp(): fully expanded point */
	struct el_origin *origin;	/* user point -> alias chain */
	struct ast_node *body;		/* AST_BLOCK: prologues + body + epilogues */
	struct ast_node *cond;		/* probe condition or NULL */
	VEC(struct el_sym *) locals;
	bool optional;			/* '?': failure to arm is not fatal */
	int64_t priority;		/* begin(N)/end(N)/error(N): lower runs
					 * first, ties in program order */

	union {
		struct {
			const char *symbol;	/* ELF symbol to arm, e.g. "bprm_execve" */
			uint64_t offset;	/* from symbol (statement probes) */
			uint64_t addr;		/* link-time address (informational) */
			const char *module;	/* NULL for vmlinux */
			int maxactive;		/* kretprobe instances, 0 = default */
		} kp;
		struct {
			int64_t period_ns;	/* timer period */
			int64_t randomize_ns;	/* +/- jitter, 0 = none */
			bool jiffies;		/* expressed in jiffies (period = n) */
			int64_t hz;		/* timer.hz(n): n, else 0 */
		} timer;
		struct {
			const char *system;	/* "sched" */
			const char *event;	/* "sched_process_fork" */
		} tp;
	} u;

	VEC(struct el_entry_save) entry_saves;	/* KRETPROBE only */
	int tp_nargs;			/* TRACEPOINT: callback args after __data */
	const void *dw_func;		/* pass-2 private: struct dw_func */
};

/*
 * A resolved target-variable access, attached to AST_TARGET nodes as
 * node->aux.  The DWARF pass writes one C function per access:
 *
 *	static int <fn>(struct tapc_ctx *c, int64_t *out <, int64_t idxN>...)
 *
 * which returns 0 and stores the value (an integer, or an address for
 * pointers, arrays and structs), or a negative errno on a read fault.
 * Pretty-printing accesses ($var$, $$vars) instead have the signature
 *
 *	static int <fn>(struct tapc_ctx *c, char *out, size_t outlen)
 *
 * and produce a string.
 */
struct el_target {
	const char *fn;			/* C function name */
	char *code;			/* its full C definition */
	enum ast_type type;		/* TYPE_LONG, or TYPE_STRING for pretty */
	int nindex;			/* runtime subscripts passed as idx args */
	const char *desc;		/* "$filename->name in bprm_execve", for
					 * error messages */
	bool is_return_value;		/* $return: codegen may read directly */
};

/* The whole elaborated program. */
struct el_program {
	VEC(struct el_probe *) probes;
	VEC(struct el_func *) funcs;		/* used functions only (unless -u) */
	VEC(struct el_sym *) globals;		/* used globals only (unless -u) */
	VEC(const char *) embedded;		/* top-level %{ %} blocks, in order */
	VEC(struct el_target *) targets;	/* every target access, for codegen */
	const char *kernel_release;		/* -r KVER */
	bool guru;
};

#endif
