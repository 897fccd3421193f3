/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ast.h - the abstract syntax tree of a SystemTap script or tapset file.
 *
 * Every node carries its source range (loc).  Lists are singly linked
 * through 'next'.  Nodes are built only through the ast_*() constructors in
 * ast.c (the grammar actions call nothing else) and are never freed.
 *
 * The elaborate pass annotates nodes in place (the fields after the
 * "filled by pass 2" marker); the parser leaves them zero.
 */
#ifndef TAPC_AST_H
#define TAPC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "../diag.h"
#include "../util/util.h"

enum ast_kind {
	/* top level: struct ast_file holds lists of these */
	AST_PROBE,		/* probe P1, P2 { body } */
	AST_ALIAS,		/* probe N1, N2 = P1, P2 { body }  or  += */
	AST_FUNCTION,		/* function name:type (params) { body } */
	AST_GLOBAL,		/* global name[size] = init */
	AST_EMBEDDED,		/* top-level %{ ... %} */

	/* probe points */
	AST_POINT,		/* a.b("x").c ? ! if (cond) */
	AST_COMPONENT,		/* one dotted component, with optional arg */

	/* statements */
	AST_BLOCK,		/* { stmts } */
	AST_NULL_STMT,		/* ; */
	AST_EXPR_STMT,		/* expr */
	AST_IF,			/* if (cond) then else */
	AST_WHILE,		/* while (cond) body */
	AST_FOR,		/* for (init; cond; incr) body */
	AST_FOREACH,		/* foreach ([k1, k2] in arr- limit n) body */
	AST_BREAK,
	AST_CONTINUE,
	AST_NEXT,
	AST_RETURN,		/* return [expr] */
	AST_DELETE,		/* delete expr */
	AST_TRY,		/* try { } catch (var) { } */
	AST_EMBEDDED_STMT,	/* function body %{ ... %} */

	/* expressions */
	AST_NUM,		/* 42, 0x2a, 052, 'c' */
	AST_STR,		/* "text" (escapes decoded; adjacent joined) */
	AST_IDENT,		/* local, global or (elaborated) alias var */
	AST_INDEX,		/* arr[k1, k2] */
	AST_CALL,		/* f(a, b) */
	AST_UNARY,		/* op: '-', '+', '!', '~' */
	AST_PREINC,		/* ++x / --x (op: TOK_INC / TOK_DEC) */
	AST_POSTINC,		/* x++ / x-- */
	AST_BINARY,		/* arithmetic, bitwise, comparison, logic,
				 * '.', =~, !~ (op says which) */
	AST_TERNARY,		/* c ? a : b */
	AST_ASSIGN,		/* lhs op= rhs; op '=' for plain, '<<<' agg */
	AST_IN,			/* [k1, k2] in arr  /  k in arr */
	AST_TARGET,		/* $var..., @cast(...)..., @var(...)..., $$vars */
	AST_STAT,		/* @count(x) @sum @min @max @avg @variance
				 * @hist_log(x) @hist_linear(x, lo, hi, step) */
	AST_DEFINED,		/* @defined(expr) */
	AST_ENTRY,		/* @entry(expr) */
	AST_PROBEWRITE,		/* @probewrite(var) */
	AST_WILDCARD,		/* '*' index of a slice: delete a[*, k],
				 * [*, k] in a, foreach (.. in a[*, k]) */
	AST_ATOP,		/* @kregister(n) @uregister(n) @kderef(size, addr)
				 * @uderef(size, addr) @const("NAME")
				 * @perf("counter"): u.call, name with '@' */
	AST_AUTOCAST,		/* value->field... (stap 2.6+ autocast): u.target
				 * with the value in cast_expr, no type name */
};

/* Operator codes for AST_UNARY / AST_BINARY / AST_ASSIGN.  Single-char
 * operators use the character itself ('+', '<', '.', ...). */
enum ast_op {
	OP_NONE = 0,
	OP_EQ = 256,	/* == */
	OP_NE,		/* != */
	OP_LE,		/* <= */
	OP_GE,		/* >= */
	OP_SHL,		/* << */
	OP_SHR,		/* >> */
	OP_LAND,	/* && */
	OP_LOR,		/* || */
	OP_MATCH,	/* =~ */
	OP_NOMATCH,	/* !~ */
	OP_AGG,		/* <<< (AST_ASSIGN only) */
	OP_INC,		/* ++ (AST_PREINC / AST_POSTINC) */
	OP_DEC,		/* -- */
	OP_USHR,	/* >>> (unsigned shift of the 64-bit value) */
};

/* Value types, filled in by elaborate/types.c. */
enum ast_type {
	TYPE_UNKNOWN = 0,
	TYPE_LONG,
	TYPE_STRING,
	TYPE_STATS,	/* an aggregate (only <<< and @extractors) */
	TYPE_VOID,	/* function without a return value */
};

enum ast_stat_op {
	STAT_COUNT, STAT_SUM, STAT_MIN, STAT_MAX, STAT_AVG, STAT_VARIANCE,
	STAT_HIST_LOG, STAT_HIST_LINEAR,
};

/* One step of a target-variable chain: ->name, .name, [index] */
enum ast_tstep_kind { TSTEP_FIELD, TSTEP_INDEX };

struct ast_tstep {
	enum ast_tstep_kind kind;
	const char *field;	/* TSTEP_FIELD: member name */
	struct ast_node *index;	/* TSTEP_INDEX: subscript expression */
	bool arrow;		/* written '->' (true) or '.' (false) */
	struct src_loc loc;
	struct ast_tstep *next;
};

/* Kinds of AST_TARGET base. */
enum ast_target_kind {
	TARGET_VAR,	/* $name                                   */
	TARGET_CONTEXT,	/* $$vars $$parms $$locals $$return          */
	TARGET_CAST,	/* @cast(expr, "type" [, "module"])         */
	TARGET_ATVAR,	/* @var("name[@file]" [, "module"])          */
};

struct ast_node;

/* A function parameter or typed name: name[:type] */
struct ast_param {
	const char *name;
	enum ast_type type;	/* TYPE_UNKNOWN if not written */
	struct src_loc loc;
	struct ast_param *next;
};

struct ast_node {
	enum ast_kind kind;
	struct src_loc loc;
	struct ast_node *next;	/* next in a list (statements, args, ...) */

	union {
		/* AST_PROBE / AST_ALIAS */
		struct {
			struct ast_node *names;	 /* ALIAS: AST_POINT list of new names */
			struct ast_node *points; /* AST_POINT list */
			struct ast_node *body;	 /* AST_BLOCK */
			bool epilogue;		 /* ALIAS: '+=' */
			bool is_private;
		} probe;
		/* AST_FUNCTION */
		struct {
			const char *name;
			enum ast_type ret;	/* TYPE_UNKNOWN if not written */
			struct ast_param *params;
			struct ast_node *body;	/* AST_BLOCK or AST_EMBEDDED_STMT */
			bool is_private;
		} func;
		/* AST_GLOBAL */
		struct {
			const char *name;
			struct ast_node *init;	/* literal or NULL */
			int64_t size;		/* array size hint, 0 if none */
			bool wrap;		/* '%' suffix */
			bool is_private;
			bool is_array;		/* written with [size] */
		} global;
		/* AST_EMBEDDED, AST_EMBEDDED_STMT */
		struct {
			const char *code;	/* text between %{ and %} */
		} embedded;
		/* AST_POINT */
		struct {
			struct ast_node *comps;	/* AST_COMPONENT list */
			struct ast_node *cond;	/* 'if (cond)' or NULL */
			bool optional;		/* '?' */
			bool sufficient;	/* '!' */
		} point;
		/* AST_COMPONENT */
		struct {
			const char *name;	/* may contain '*' */
			struct ast_node *arg;	/* AST_NUM/AST_STR or NULL */
			bool has_parens;	/* 'name()' */
		} comp;
		/* AST_BLOCK */
		struct {
			struct ast_node *stmts;
		} block;
		/* AST_EXPR_STMT, AST_RETURN (expr may be NULL), AST_DELETE,
		 * AST_DEFINED, AST_ENTRY, AST_PROBEWRITE */
		struct {
			struct ast_node *expr;
		} unary_stmt;
		/* AST_IF, AST_WHILE, AST_FOR */
		struct {
			struct ast_node *init;	/* FOR only */
			struct ast_node *cond;	/* may be NULL in FOR */
			struct ast_node *incr;	/* FOR only */
			struct ast_node *then;	/* body */
			struct ast_node *els;	/* IF only */
		} ctl;
		/* AST_FOREACH */
		struct {
			struct ast_node *value;	/* AST_IDENT bound to the value, or NULL */
			struct ast_node *keys;	/* AST_IDENT list */
			struct ast_node *array;	/* AST_IDENT (or AST_INDEX-less name) */
			struct ast_node *limit;	/* or NULL */
			struct ast_node *body;
			struct ast_node *slice;	/* in a[k1, *]: expr or AST_WILDCARD
						 * list, NULL if no slice */
			int sort_key;		/* 0 none, -1 the value, k = k-th key (1-based) */
			int sort_dir;		/* +1 ascending, -1 descending */
			bool keys_bracketed;	/* written [k] rather than k */
			bool sort_by_stat;	/* 'in a @sum -': sort the value
						 * by sort_stat of the aggregate */
			enum ast_stat_op sort_stat;
		} foreach;
		/* AST_TRY */
		struct {
			struct ast_node *body;
			struct ast_node *catch_var;	/* AST_IDENT or NULL */
			struct ast_node *catch_body;
		} try_;
		/* AST_NUM */
		struct {
			int64_t value;
			const char *text;	/* as written, for -p1 (may be NULL) */
		} num;
		/* AST_STR */
		struct {
			const char *value;	/* decoded bytes, NUL-terminated */
			unsigned long len;
		} str;
		/* AST_IDENT */
		struct {
			const char *name;
		} ident;
		/* AST_INDEX, AST_IN */
		struct {
			struct ast_node *base;	/* AST_IDENT */
			struct ast_node *keys;	/* expr list (>= 1) */
		} index;
		/* AST_CALL, AST_ATOP */
		struct {
			const char *name;
			struct ast_node *args;
		} call;
		/* AST_UNARY, AST_PREINC, AST_POSTINC, AST_BINARY, AST_ASSIGN,
		 * AST_TERNARY (cond = lhs, then = rhs, else = third) */
		struct {
			int op;			/* enum ast_op or a character */
			struct ast_node *lhs;
			struct ast_node *rhs;
			struct ast_node *third;
		} op;
		/* AST_TARGET, AST_AUTOCAST */
		struct {
			enum ast_target_kind tkind;
			const char *name;	/* VAR: "filename" (no '$');
						 * CONTEXT: "vars", "parms", ...;
						 * CAST: the type string;
						 * ATVAR: "name@file" */
			struct ast_node *cast_expr;	/* CAST: the pointer */
			const char *module;	/* CAST/ATVAR module, or NULL */
			struct ast_tstep *steps;
			int pretty;		/* 0, 1 ('$' suffix), 2 ('$$') */
			bool addr_of;		/* '&' prefix */
		} target;
		/* AST_STAT */
		struct {
			enum ast_stat_op sop;
			struct ast_node *expr;		/* the aggregate */
			struct ast_node *params;	/* hist_linear lo, hi, step */
		} stat;
	} u;

	/* expression nesting depth (the parser caps it, so recursive
	 * walks in later passes stay within the stack) */
	int depth;
	bool parenthesized;	/* written inside its own ( ) */

	/* ---- filled by pass 2 (elaborate) ---- */
	enum ast_type type;	/* expression type */
	struct el_sym *sym;	/* IDENT/INDEX/IN/FOREACH: the variable */
	void *aux;		/* CALL: struct el_func * (NULL = builtin);
				 * TARGET: struct el_target * */
};

/* A parsed file: what a script or tapset defines, in source order. */
struct ast_file {
	const struct src_file *src;
	struct ast_node *probes;	/* AST_PROBE list */
	struct ast_node *aliases;	/* AST_ALIAS list */
	struct ast_node *functions;	/* AST_FUNCTION list */
	struct ast_node *globals;	/* AST_GLOBAL list */
	struct ast_node *embedded;	/* AST_EMBEDDED list */
	bool is_tapset;			/* came from the tapset library */
	bool had_errors;		/* parse errors were reported */
	struct ast_file *next;
};

/*
 * AST memory: nodes and the strings they own come from one arena that
 * lives until exit.  ast_arena_free_all() releases everything (only the
 * fuzzer and unit tests call it: every AST built so far becomes invalid).
 */
void *ast_alloc(size_t n);		/* zeroed */
char *ast_strndup(const char *s, size_t n);
void ast_arena_free_all(void);

/* ---- constructors (ast.c); the grammar calls only these ---- */
struct ast_node *ast_new(enum ast_kind kind, const struct src_loc *loc);
/* Appends list b after list a; either may be NULL.  Returns the head. */
struct ast_node *ast_append(struct ast_node *a, struct ast_node *b);
int ast_list_len(const struct ast_node *list);
/* An integer literal, possibly negated (-5): its value in *v. */
bool ast_int_literal(const struct ast_node *n, int64_t *v);

/* Human-readable names, for -p1, -p2 and diagnostics. */
const char *ast_kind_name(enum ast_kind k);
const char *ast_op_name(int op);
const char *ast_type_name(enum ast_type t);
const char *ast_stat_name(enum ast_stat_op s);

/* Writes a probe point as stap spells it: kernel.function("f").return? */
void ast_point_str(const struct ast_node *point, struct strbuf *out);

/*
 * Generic walk: calls fn(node, arg) for n and every node below it
 * (pre-order).  If fn returns false, the children of that node are
 * skipped.  Used by every later pass.
 */
void ast_walk(struct ast_node *n, bool (*fn)(struct ast_node *, void *),
	      void *arg);
/* Deep copy of a subtree (alias bodies are copied into each probe). */
struct ast_node *ast_clone(const struct ast_node *n);

#endif
