// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ast_build.c - the builders behind every grammar action.
 *
 * The grammar decides shape; these functions fill nodes and make the
 * few checks the grammar cannot express (assignable left-hand sides,
 * argument counts of @hist_linear, one sort marker per foreach, known
 * type names).  A failed check reports an error and still returns a
 * usable node, so parsing goes on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast_build.h"

struct src_loc ast_loc_after(const loc_t *prev)
{
	struct src_loc l = *prev;

	l.line = l.end_line;
	l.col = l.end_col + 1;
	l.end_col = l.col;
	return l;
}

struct ast_list ast_list_none(void)
{
	struct ast_list l = { NULL, NULL };

	return l;
}

struct ast_list ast_list_one(struct ast_node *n)
{
	struct ast_list l = { n, n };

	return l;
}

struct ast_list ast_list_add(struct ast_list *l, struct ast_node *n)
{
	struct ast_list r = *l;

	if (!n)
		return r;
	if (!r.head)
		r.head = n;
	else
		r.tail->next = n;
	r.tail = n;
	return r;
}

struct tok_val ast_no_tok(void)
{
	struct tok_val t = { NULL, 0, 0 };

	return t;
}

/* ---- top level ---------------------------------------------------- */

static void file_add(struct ast_node **head, struct ast_node **tail,
		     struct ast_node *n)
{
	if (*tail)
		(*tail)->next = n;
	else
		*head = n;
	while (n->next)
		n = n->next;
	*tail = n;
}

static bool wild_check(struct ast_node *n, void *arg);

/* Checks the subscripts of a slice: '*' itself is fine there. */
static void wild_keys(struct parser *p, struct ast_node *keys)
{
	for (struct ast_node *k = keys; k; k = k->next)
		if (k->kind != AST_WILDCARD)
			ast_walk(k, wild_check, p);
}

/* A '*' subscript means "any key": it only makes sense where a set of
 * elements is wanted (delete, 'in', foreach), never as a value. */
static bool wild_check(struct ast_node *n, void *arg)
{
	struct parser *p = arg;
	struct ast_node *e = n->u.unary_stmt.expr;

	switch (n->kind) {
	case AST_DELETE:
		if (!e || e->kind != AST_INDEX)
			return true;
		wild_keys(p, e->u.index.keys);
		return false;
	case AST_IN:
		wild_keys(p, n->u.index.keys);
		return false;
	case AST_FOREACH:
		wild_keys(p, n->u.foreach.slice);
		ast_walk(n->u.foreach.limit, wild_check, p);
		ast_walk(n->u.foreach.body, wild_check, p);
		return false;
	case AST_WILDCARD: {
		struct diag *d = diag_new(DIAG_ERROR, &n->loc,
					  "'*' (any key) is not a value");

		diag_hint(d, "a '*' subscript is allowed in 'delete a[*, k]', '[*, k] in a' and 'foreach ([x, y] in a[*, k])'");
		parse_emit(p, d);
		return false;
	}
	default:
		return true;
	}
}

void ast_toplevel(struct parser *p, struct ast_node *n, bool is_private)
{
	struct ast_file *f = p->out;

	if (!n)
		return;
	if (p->wildcards) {
		ast_walk(n, wild_check, p);
		p->wildcards = 0;
	}
	switch (n->kind) {
	case AST_PROBE:
		if (is_private)
			parse_error(p, &n->loc,
				    "'private' applies to globals, functions and probe aliases, not to probes");
		file_add(&f->probes, &p->probes_tail, n);
		break;
	case AST_ALIAS:
		n->u.probe.is_private = is_private;
		file_add(&f->aliases, &p->aliases_tail, n);
		break;
	case AST_FUNCTION:
		n->u.func.is_private = is_private;
		file_add(&f->functions, &p->funcs_tail, n);
		break;
	case AST_EMBEDDED:
		file_add(&f->embedded, &p->embedded_tail, n);
		break;
	default:
		break;
	}
}

void ast_globals(struct parser *p, struct ast_list *l, bool is_private)
{
	if (!l->head)
		return;
	for (struct ast_node *g = l->head; g; g = g->next)
		g->u.global.is_private = is_private;
	file_add(&p->out->globals, &p->globals_tail, l->head);
}

void ast_recovered(struct parser *p)
{
	(void)p;	/* the error was reported when it was detected */
}

void ast_empty_item(struct parser *p)
{
	(void)p;	/* stap ignores ';' between top-level items */
}

struct ast_node *ast_probe(struct parser *p, const loc_t *loc,
			   struct ast_node *points, struct ast_node *body)
{
	struct ast_node *n = ast_new(AST_PROBE, loc);

	n->u.probe.points = points;
	n->u.probe.body = body;
	return n;
}

struct ast_node *ast_alias(struct parser *p, const loc_t *loc,
			   struct ast_node *names, struct ast_node *points,
			   struct ast_node *body, bool epilogue)
{
	struct ast_node *n = ast_new(AST_ALIAS, loc);

	for (struct ast_node *a = names; a; a = a->next) {
		if (a->u.point.cond || a->u.point.optional ||
		    a->u.point.sufficient)
			parse_error(p, &a->loc,
				    "a probe alias name cannot be optional, sufficient or conditional");
	}
	n->u.probe.names = names;
	n->u.probe.points = points;
	n->u.probe.body = body;
	n->u.probe.epilogue = epilogue;
	return n;
}

struct ast_node *ast_point(struct parser *p, const loc_t *loc,
			   struct ast_node *comps, int marks,
			   struct ast_node *cond)
{
	struct ast_node *n = ast_new(AST_POINT, loc);

	n->u.point.comps = comps;
	n->u.point.optional = marks & 1;
	n->u.point.sufficient = (marks & 2) != 0;
	n->u.point.cond = cond;
	return n;
}

int ast_mark(struct parser *p, const loc_t *loc, int marks, int bit)
{
	if (marks & bit)
		parse_error(p, loc, "duplicate '%c' on probe point",
			    bit == 1 ? '?' : '!');
	return marks | bit;
}

struct ast_node *ast_component(struct parser *p, const loc_t *loc,
			       const struct tok_val *name,
			       struct ast_node *arg, bool parens)
{
	struct ast_node *n = ast_new(AST_COMPONENT, loc);

	n->u.comp.name = intern(name->text ? name->text : "");
	n->u.comp.arg = arg;
	n->u.comp.has_parens = parens;
	return n;
}

struct tok_val ast_name_join(struct parser *p, const struct tok_val *a,
			     const char *b)
{
	struct tok_val t = { NULL, 0, 0 };
	size_t la = a && a->text ? strlen(a->text) : 0, lb = strlen(b);
	char *s = ast_alloc(la + lb + 1);

	if (la)
		memcpy(s, a->text, la);
	memcpy(s + la, b, lb + 1);
	t.text = s;
	t.len = la + lb;
	return t;
}

static enum ast_type type_from_name(struct parser *p, const loc_t *loc,
				    const struct tok_val *t)
{
	if (!t || !t->text)
		return TYPE_UNKNOWN;
	if (!strcmp(t->text, "long"))
		return TYPE_LONG;
	if (!strcmp(t->text, "string"))
		return TYPE_STRING;
	struct diag *d = diag_new(DIAG_ERROR, loc, "unknown type '%s'",
				  t->text);

	diag_hint(d, "the types are 'long' and 'string'");
	parse_emit(p, d);
	return TYPE_UNKNOWN;
}

struct ast_node *ast_function(struct parser *p, const loc_t *loc,
			      const struct tok_val *name,
			      const loc_t *type_loc,
			      const struct tok_val *type,
			      struct ast_param *params, struct ast_node *body)
{
	struct ast_node *n = ast_new(AST_FUNCTION, loc);

	n->u.func.name = intern(name->text);
	n->u.func.ret = type_from_name(p, type_loc, type);
	n->u.func.params = params;
	n->u.func.body = body;
	return n;
}

struct ast_param *ast_param_new(struct parser *p, const loc_t *loc,
				const struct tok_val *name,
				const struct tok_val *type)
{
	struct ast_param *a = ast_alloc(sizeof(*a));

	a->name = intern(name->text);
	a->loc = *loc;
	a->type = type_from_name(p, loc, type);
	return a;
}

struct ast_param *ast_param_add(struct parser *p, struct ast_param *list,
				struct ast_param *param)
{
	struct ast_param *t = list;

	for (;; t = t->next) {
		if (t->name == param->name) {
			struct diag *d = diag_new(DIAG_ERROR, &param->loc,
						  "duplicate parameter '%s'",
						  param->name);

			diag_note(d, &t->loc, "'%s' was declared here",
				  t->name);
			parse_emit(p, d);
		}
		if (!t->next)
			break;
	}
	t->next = param;
	return list;
}

struct ast_node *ast_global(struct parser *p, const loc_t *loc,
			    const struct tok_val *name)
{
	struct ast_node *n = ast_new(AST_GLOBAL, loc);

	n->u.global.name = intern(name->text);
	return n;
}

struct ast_node *ast_global_wrap(struct parser *p, struct ast_node *g,
				 const loc_t *loc)
{
	if (g->u.global.wrap)
		parse_error(p, loc, "duplicate '%%' on global '%s'",
			    g->u.global.name);
	g->u.global.wrap = true;
	return g;
}

struct ast_node *ast_global_size(struct parser *p, struct ast_node *g,
				 const loc_t *loc, const struct tok_val *n)
{
	if (g->u.global.is_array)
		parse_error(p, loc, "global '%s' already has a size",
			    g->u.global.name);
	else if (n->num <= 0)
		parse_error(p, loc, "array size must be positive, not %s",
			    n->text);
	g->u.global.size = n->num > 0 ? n->num : 0;
	g->u.global.is_array = true;
	return g;
}

struct ast_node *ast_global_init(struct parser *p, struct ast_node *g,
				 struct ast_node *init)
{
	if (g->u.global.is_array)
		parse_error(p, &init->loc,
			    "array '%s' cannot have an initial value",
			    g->u.global.name);
	g->u.global.init = init;
	return g;
}

struct ast_node *ast_embedded(struct parser *p, const loc_t *loc,
			      const struct tok_val *code, enum ast_kind kind)
{
	struct ast_node *n = ast_new(kind, loc);

	n->u.embedded.code = code->text;
	return n;
}

/* ---- statements --------------------------------------------------- */

struct ast_node *ast_block(struct parser *p, const loc_t *loc,
			   struct ast_node *stmts)
{
	struct ast_node *n = ast_new(AST_BLOCK, loc);

	n->u.block.stmts = stmts;
	return n;
}

struct ast_node *ast_stmt(struct parser *p, enum ast_kind kind,
			  const loc_t *loc, struct ast_node *expr)
{
	struct ast_node *n = ast_new(kind, loc);

	n->u.unary_stmt.expr = expr;
	return n;
}

/* "if (x = 1)" is legal, and usually a typo for "if (x == 1)". */
static void cond_check(struct parser *p, const struct ast_node *c,
		       const char *what)
{
	struct diag *d;

	if (!c || c->kind != AST_ASSIGN || c->u.op.op != '=' ||
	    c->parenthesized)
		return;
	d = diag_new(DIAG_WARNING, &c->loc,
		     "assignment used as the condition of '%s'", what);
	diag_hint(d, "to compare, write '=='; to assign and test, add parentheses: %s",
		  what[0] == 'f' ? "for (...; (x = ...); ...)" :
		  what[0] == 'i' ? "if ((x = ...))" : "while ((x = ...))");
	diag_emit(d);
}

struct ast_node *ast_if(struct parser *p, const loc_t *loc,
			struct ast_node *cond, struct ast_node *then,
			struct ast_node *els)
{
	struct ast_node *n = ast_new(AST_IF, loc);

	cond_check(p, cond, "if");
	n->u.ctl.cond = cond;
	n->u.ctl.then = then;
	n->u.ctl.els = els;
	return n;
}

struct ast_node *ast_while(struct parser *p, const loc_t *loc,
			   struct ast_node *cond, struct ast_node *body)
{
	struct ast_node *n = ast_new(AST_WHILE, loc);

	cond_check(p, cond, "while");
	n->u.ctl.cond = cond;
	n->u.ctl.then = body;
	return n;
}

struct ast_node *ast_for(struct parser *p, const loc_t *loc,
			 struct ast_node *init, struct ast_node *cond,
			 struct ast_node *incr, struct ast_node *body)
{
	struct ast_node *n = ast_new(AST_FOR, loc);

	cond_check(p, cond, "for");
	n->u.ctl.init = init;
	n->u.ctl.cond = cond;
	n->u.ctl.incr = incr;
	n->u.ctl.then = body;
	return n;
}

static void fe_sort(struct parser *p, struct ast_fe *fe, const loc_t *loc,
		    int key, int sort)
{
	if (!sort)
		return;
	if (fe->sort_dir) {
		struct diag *d = diag_new(DIAG_ERROR, loc,
					  "only one sort marker is allowed in foreach");

		diag_note(d, &fe->sort_loc, "first sort marker here");
		parse_emit(p, d);
		return;
	}
	fe->sort_key = key;
	fe->sort_dir = sort;
	fe->sort_loc = *loc;
}

struct ast_fe *ast_fe_key(struct parser *p, struct ast_fe *fe,
			  const loc_t *loc, const struct tok_val *name,
			  int sort)
{
	if (!fe)
		fe = ast_alloc(sizeof(*fe));
	fe->keys = ast_list_add(&fe->keys, ast_ident(p, loc, name));
	fe->nkeys++;
	fe_sort(p, fe, loc, fe->nkeys, sort);
	return fe;
}

struct ast_fe *ast_fe_bracket(struct parser *p, struct ast_fe *fe)
{
	fe->bracketed = true;
	return fe;
}

struct ast_fe *ast_fe_value(struct parser *p, struct ast_fe *fe,
			    const loc_t *loc, const struct tok_val *name,
			    int sort)
{
	fe->value = ast_ident(p, loc, name);
	fe_sort(p, fe, loc, -1, sort);
	return fe;
}

/* "in arr[slice] @stat sort": what follows 'in' in a foreach header */
struct ast_fe *ast_fe_array(struct parser *p, struct ast_fe *fe,
			    const loc_t *arr_loc, const struct tok_val *arr,
			    struct ast_node *slice, const loc_t *stat_loc,
			    const struct tok_val *stat, int sort)
{
	int nslice = ast_list_len(slice);

	fe->array = ast_ident(p, arr_loc, arr);
	fe->slice = slice;
	if (slice && nslice != fe->nkeys) {
		struct diag *d = diag_new(DIAG_ERROR, &slice->loc,
					  "the slice of '%s' has %d index%s but the loop has %d key%s",
					  arr->text, nslice, nslice == 1 ? "" : "es",
					  fe->nkeys, fe->nkeys == 1 ? "" : "s");

		diag_hint(d, "write one index (or '*') for each key: foreach ([a, b] in %s[*, x])",
			  arr->text);
		parse_emit(p, d);
	}
	if (stat->text) {
		enum ast_stat_op sop = (enum ast_stat_op)stat->num;

		if (sop == STAT_HIST_LOG || sop == STAT_HIST_LINEAR)
			parse_error(p, stat_loc,
				    "foreach can sort by @count, @sum, @min, @max, @avg or @variance, not @%s",
				    ast_stat_name(sop));
		else if (!sort) {
			struct diag *d = diag_new(DIAG_ERROR, stat_loc,
						  "@%s in foreach must be followed by a sort marker",
						  ast_stat_name(sop));

			diag_hint(d, "write 'in %s @%s+' (ascending) or 'in %s @%s-' (descending)",
				  arr->text, ast_stat_name(sop), arr->text,
				  ast_stat_name(sop));
			parse_emit(p, d);
		}
		fe->sort_by_stat = true;
		fe->sort_stat = sop;
	}
	fe_sort(p, fe, arr_loc, -1, sort);
	return fe;
}

struct ast_node *ast_foreach(struct parser *p, const loc_t *loc,
			     struct ast_fe *fe, struct ast_node *limit,
			     struct ast_node *body)
{
	struct ast_node *n = ast_new(AST_FOREACH, loc);

	n->u.foreach.value = fe->value;
	n->u.foreach.keys = fe->keys.head;
	n->u.foreach.array = fe->array;
	n->u.foreach.slice = fe->slice;
	n->u.foreach.sort_by_stat = fe->sort_by_stat;
	n->u.foreach.sort_stat = fe->sort_stat;
	n->u.foreach.limit = limit;
	n->u.foreach.body = body;
	n->u.foreach.sort_key = fe->sort_dir ? fe->sort_key : 0;
	n->u.foreach.sort_dir = fe->sort_dir;
	n->u.foreach.keys_bracketed = fe->bracketed;
	return n;
}

struct ast_node *ast_try(struct parser *p, const loc_t *loc,
			 struct ast_node *body, const loc_t *var_loc,
			 const struct tok_val *var, struct ast_node *handler)
{
	struct ast_node *n = ast_new(AST_TRY, loc);

	n->u.try_.body = body;
	n->u.try_.catch_var = var ? ast_ident(p, var_loc, var) : NULL;
	n->u.try_.catch_body = handler;
	return n;
}

/* ---- expressions -------------------------------------------------- */

#define AST_MAX_DEPTH 1000

/* Sets n's depth from its operands; reports the first overflow only. */
static struct ast_node *deep(struct parser *p, struct ast_node *n,
			     const struct ast_node *a,
			     const struct ast_node *b,
			     const struct ast_node *c)
{
	int d = 0;

	if (a && a->depth > d)
		d = a->depth;
	if (b && b->depth > d)
		d = b->depth;
	if (c && c->depth > d)
		d = c->depth;
	n->depth = d + 1;
	if (n->depth == AST_MAX_DEPTH + 1)
		parse_error(p, &n->loc,
			    "too many nested operators (limit is %d) in an expression",
			    AST_MAX_DEPTH);
	return n;
}

static int list_depth(const struct ast_node *l)
{
	int d = 0;

	for (; l; l = l->next)
		if (l->depth > d)
			d = l->depth;
	return d;
}

struct ast_node *ast_num(struct parser *p, const loc_t *loc,
			 const struct tok_val *t, bool negate)
{
	struct ast_node *n = ast_new(AST_NUM, loc);

	n->u.num.value = negate ? (int64_t)(0 - (uint64_t)t->num) : t->num;
	if (negate) {
		size_t len = strlen(t->text);
		char *s = ast_alloc(len + 2);

		s[0] = '-';
		memcpy(s + 1, t->text, len + 1);
		n->u.num.text = s;
	} else {
		n->u.num.text = t->text;
	}
	return n;
}

struct ast_node *ast_str(struct parser *p, const loc_t *loc,
			 const struct tok_val *t)
{
	struct ast_node *n = ast_new(AST_STR, loc);

	n->u.str.value = t->text;
	n->u.str.len = t->len;
	return n;
}

struct ast_node *ast_str_join(struct parser *p, const loc_t *loc,
			      struct ast_node *s, const struct tok_val *t)
{
	size_t len = s->u.str.len + t->len;
	char *v = ast_alloc(len + 1);

	memcpy(v, s->u.str.value, s->u.str.len);
	memcpy(v + s->u.str.len, t->text, t->len);
	s->u.str.value = v;
	s->u.str.len = len;
	s->loc = *loc;
	return s;
}

struct ast_node *ast_ident(struct parser *p, const loc_t *loc,
			   const struct tok_val *t)
{
	struct ast_node *n = ast_new(AST_IDENT, loc);

	n->u.ident.name = intern(t->text);
	return n;
}

struct ast_node *ast_call(struct parser *p, const loc_t *loc,
			  const struct tok_val *name, struct ast_node *args)
{
	struct ast_node *n = ast_new(AST_CALL, loc);

	n->u.call.name = intern(name->text);
	n->u.call.args = args;
	n->depth = list_depth(args);
	return deep(p, n, NULL, NULL, NULL);
}

struct ast_node *ast_index(struct parser *p, const loc_t *loc,
			   const loc_t *name_loc, const struct tok_val *name,
			   struct ast_node *keys)
{
	struct ast_node *n = ast_new(AST_INDEX, loc);

	n->u.index.base = ast_ident(p, name_loc, name);
	n->u.index.keys = keys;
	n->depth = list_depth(keys);
	return deep(p, n, NULL, NULL, NULL);
}

struct ast_node *ast_paren(struct parser *p, const loc_t *loc,
			   struct ast_node *e)
{
	/* the printer re-derives parentheses from precedence; the flag
	 * only says "if ((x = f()))" meant the assignment */
	e->parenthesized = true;
	return e;
}

static bool is_lvalue(const struct ast_node *e, bool allow_target)
{
	return e->kind == AST_IDENT || e->kind == AST_INDEX ||
	       (allow_target && e->kind == AST_TARGET &&
		!e->u.target.addr_of && !e->u.target.pretty &&
		e->u.target.tkind != TARGET_CONTEXT);
}

struct ast_node *ast_assign(struct parser *p, const loc_t *loc, int op,
			    struct ast_node *lhs, struct ast_node *rhs,
			    const loc_t *op_loc)
{
	struct ast_node *n = ast_new(AST_ASSIGN, loc);

	if (!is_lvalue(lhs, op != OP_AGG)) {
		struct diag *d = diag_new(DIAG_ERROR, &lhs->loc,
					  "the left side of '%s%s' is not assignable (%s)",
					  op == '=' || op == OP_AGG ? "" :
					  ast_op_name(op),
					  op == OP_AGG ? "<<<" : "=",
					  ast_kind_name(lhs->kind));

		if (op == '=')
			diag_hint(d, "did you mean '==' (comparison)?");
		parse_emit(p, d);
	}
	n->u.op.op = op;
	n->u.op.lhs = lhs;
	n->u.op.rhs = rhs;
	return deep(p, n, lhs, rhs, NULL);
}

struct ast_node *ast_ternary(struct parser *p, const loc_t *loc,
			     struct ast_node *c, struct ast_node *a,
			     struct ast_node *b)
{
	struct ast_node *n = ast_new(AST_TERNARY, loc);

	n->u.op.op = '?';
	n->u.op.lhs = c;
	n->u.op.rhs = a;
	n->u.op.third = b;
	return deep(p, n, c, a, b);
}

struct ast_node *ast_binop(struct parser *p, const loc_t *loc, int op,
			   struct ast_node *a, struct ast_node *b)
{
	struct ast_node *n = ast_new(AST_BINARY, loc);

	n->u.op.op = op;
	n->u.op.lhs = a;
	n->u.op.rhs = b;
	return deep(p, n, a, b, NULL);
}

struct ast_node *ast_unop(struct parser *p, const loc_t *loc, int op,
			  struct ast_node *e)
{
	struct ast_node *n = ast_new(AST_UNARY, loc);

	n->u.op.op = op;
	n->u.op.lhs = e;
	return deep(p, n, e, NULL, NULL);
}

struct ast_node *ast_incdec(struct parser *p, const loc_t *loc,
			    enum ast_kind kind, int op, struct ast_node *e)
{
	struct ast_node *n = ast_new(kind, loc);

	if (!is_lvalue(e, true))
		parse_error(p, &e->loc, "the operand of '%s' is not assignable (%s)",
			    ast_op_name(op), ast_kind_name(e->kind));
	n->u.op.op = op;
	n->u.op.lhs = e;
	return deep(p, n, e, NULL, NULL);
}

struct ast_node *ast_in(struct parser *p, const loc_t *loc,
			struct ast_node *key, const loc_t *arr_loc,
			const struct tok_val *arr)
{
	struct ast_node *n = ast_new(AST_IN, loc);

	n->u.index.base = ast_ident(p, arr_loc, arr);
	n->u.index.keys = key;
	n->depth = list_depth(key);
	return deep(p, n, NULL, NULL, NULL);
}

struct ast_node *ast_in_multi(struct parser *p, const loc_t *loc,
			      struct ast_node *keys, const loc_t *arr_loc,
			      const struct tok_val *arr)
{
	return ast_in(p, loc, keys, arr_loc, arr);
}

struct ast_node *ast_stat(struct parser *p, const loc_t *loc,
			  const struct tok_val *op, struct ast_node *e,
			  struct ast_node *params)
{
	struct ast_node *n = ast_new(AST_STAT, loc);
	enum ast_stat_op sop = (enum ast_stat_op)op->num;
	int want = sop == STAT_HIST_LINEAR ? 3 : 0;
	int got = ast_list_len(params);

	if (sop == STAT_VARIANCE && got == 1) {
		/* @variance(s, bit_shift): a precision, a literal 0..62 */
		if (params->kind != AST_NUM || params->u.num.value < 0 ||
		    params->u.num.value > 62)
			parse_error(p, &params->loc,
				    "the precision of @variance must be a number from 0 to 62");
		want = 1;
	}
	if (sop == STAT_VARIANCE && got > 1)
		parse_error(p, loc, "@variance takes 1 or 2 arguments, not %d",
			    got + 1);
	else if (got != want)
		parse_error(p, loc, "@%s takes %d argument%s, not %d",
			    ast_stat_name(sop), want + 1, want ? "s" : "",
			    got + 1);
	n->u.stat.sop = sop;
	n->u.stat.expr = e;
	n->u.stat.params = params;
	n->depth = list_depth(params);
	return deep(p, n, e, NULL, NULL);
}

struct ast_node *ast_wildcard(struct parser *p, const loc_t *loc)
{
	p->wildcards++;
	return ast_new(AST_WILDCARD, loc);
}

/* @kregister(n) @uregister(n) @kderef(size, addr) @uderef(size, addr)
 * @const("NAME") @perf("counter"): check the operands' shape. */
struct ast_node *ast_atop(struct parser *p, const loc_t *loc,
			  const struct tok_val *name, struct ast_node *args)
{
	struct ast_node *n = ast_new(AST_ATOP, loc);
	const char *s = name->text;
	const char *want;
	char buf[32];
	int nargs = ast_list_len(args);
	bool ok;

	if (!strcmp(s, "kregister") || !strcmp(s, "uregister")) {
		want = "a register number: @%s(0)";
		ok = nargs == 1 && args->kind == AST_NUM &&
		     args->u.num.value >= 0;
	} else if (!strcmp(s, "kderef") || !strcmp(s, "uderef")) {
		want = "a size in bytes (1, 2, 4 or 8) and an address: @%s(4, addr)";
		ok = nargs == 2 && args->kind == AST_NUM &&
		     (args->u.num.value == 1 || args->u.num.value == 2 ||
		      args->u.num.value == 4 || args->u.num.value == 8);
	} else {
		want = !strcmp(s, "const") ?
		       "one non-empty string, a C constant: @%s(\"O_RDONLY\")" :
		       "one non-empty string, a perf counter name: @%s(\"cycles\")";
		ok = nargs == 1 && args->kind == AST_STR && args->u.str.len;
	}
	if (!ok) {
		struct diag *d = diag_new(DIAG_ERROR, loc, "bad operands for @%s",
					  s);

		char *h = xasprintf(want, s);

		diag_hint(d, "it takes %s", h);
		free(h);
		parse_emit(p, d);
	}
	snprintf(buf, sizeof(buf), "@%s", s);
	n->u.call.name = intern(buf);
	n->u.call.args = args;
	n->depth = list_depth(args);
	return deep(p, n, NULL, NULL, NULL);
}

struct ast_node *ast_wrap1(struct parser *p, const loc_t *loc,
			   enum ast_kind kind, struct ast_node *e)
{
	struct ast_node *n = ast_new(kind, loc);

	if (kind == AST_PROBEWRITE && e->kind != AST_IDENT)
		parse_error(p, &e->loc, "@probewrite takes a variable name");
	n->u.unary_stmt.expr = e;
	return deep(p, n, e, NULL, NULL);
}

/* @choose_defined(a, b) is sugar for @defined(a) ? a : b */
struct ast_node *ast_choose_defined(struct parser *p, const loc_t *loc,
				    struct ast_node *a, struct ast_node *b)
{
	struct ast_node *test = ast_wrap1(p, loc, AST_DEFINED, a);

	return ast_ternary(p, loc, test, ast_clone(a), b);
}

static const char *const context_vars[] = {
	"vars", "parms", "locals", "return",
};

struct ast_node *ast_target(struct parser *p, const loc_t *loc,
			    enum ast_target_kind kind,
			    const struct tok_val *name)
{
	struct ast_node *n = ast_new(AST_TARGET, loc);

	n->u.target.tkind = kind;
	n->u.target.name = intern(name->text);
	if (kind == TARGET_CONTEXT) {
		size_t i, nv = sizeof(context_vars) / sizeof(context_vars[0]);

		for (i = 0; i < nv; i++)
			if (!strcmp(name->text, context_vars[i]))
				break;
		if (i == nv) {
			struct diag *d = diag_new(DIAG_ERROR, loc,
						  "unknown context variable '$$%s'",
						  name->text);

			diag_hint(d, "expected $$vars, $$parms, $$locals or $$return");
			parse_emit(p, d);
		}
	}
	return n;
}

struct ast_node *ast_target_cast(struct parser *p, const loc_t *loc,
				 struct ast_node *e, struct ast_node *type,
				 struct ast_node *module)
{
	struct ast_node *n = ast_new(AST_TARGET, loc);

	n->u.target.tkind = TARGET_CAST;
	n->u.target.cast_expr = e;
	deep(p, n, e, NULL, NULL);
	n->u.target.name = type->u.str.value;
	n->u.target.module = module ? module->u.str.value : NULL;
	if (!type->u.str.len)
		parse_error(p, &type->loc, "@cast needs a type name");
	return n;
}

struct ast_node *ast_target_atvar(struct parser *p, const loc_t *loc,
				  struct ast_node *name,
				  struct ast_node *module)
{
	struct ast_node *n = ast_new(AST_TARGET, loc);

	n->u.target.tkind = TARGET_ATVAR;
	n->u.target.name = name->u.str.value;
	n->u.target.module = module ? module->u.str.value : NULL;
	if (!name->u.str.len)
		parse_error(p, &name->loc, "@var needs a variable name");
	return n;
}

static struct ast_tstep *target_step(struct ast_node *t, const loc_t *loc)
{
	struct ast_tstep *s = ast_alloc(sizeof(*s)), **tail;

	s->loc = *loc;
	for (tail = &t->u.target.steps; *tail; tail = &(*tail)->next)
		;
	*tail = s;
	return s;
}

static bool target_open(struct parser *p, struct ast_node *t,
			const loc_t *loc, const char *what)
{
	if (t->u.target.pretty) {
		parse_error(p, loc, "%s after a pretty-print suffix", what);
		return false;
	}
	return true;
}

/* "value->field": pass 2 finds the type the value points to */
struct ast_node *ast_autocast(struct parser *p, const loc_t *loc,
			      struct ast_node *value, const loc_t *field_loc,
			      const struct tok_val *field)
{
	struct ast_node *n = ast_new(AST_AUTOCAST, loc);

	n->u.target.name = "";
	n->u.target.cast_expr = value;
	deep(p, n, value, NULL, NULL);
	return ast_target_field(p, loc, n, field_loc, field);
}

struct ast_node *ast_target_field(struct parser *p, const loc_t *loc,
				  struct ast_node *t, const loc_t *field_loc,
				  const struct tok_val *field)
{
	if (target_open(p, t, field_loc, "member access")) {
		struct ast_tstep *s = target_step(t, field_loc);

		s->kind = TSTEP_FIELD;
		s->field = intern(field->text);
		s->arrow = true;
	}
	t->loc = *loc;
	return t;
}

struct ast_node *ast_target_index(struct parser *p, const loc_t *loc,
				  struct ast_node *t, struct ast_node *e)
{
	if (target_open(p, t, &e->loc, "subscript")) {
		struct ast_tstep *s = target_step(t, &e->loc);

		s->kind = TSTEP_INDEX;
		s->index = e;
		if (e->depth > t->depth)
			t->depth = e->depth;
	}
	t->loc = *loc;
	return t;
}

struct ast_node *ast_target_pretty(struct parser *p, const loc_t *loc,
				   struct ast_node *t, int level)
{
	t->u.target.pretty = level;
	t->loc = *loc;
	return t;
}

struct ast_node *ast_target_addr(struct parser *p, const loc_t *loc,
				 struct ast_node *t)
{
	if (t->u.target.pretty || t->u.target.tkind == TARGET_CONTEXT)
		parse_error(p, loc, "cannot take the address of '%s'",
			    t->u.target.pretty ? "a pretty-printed value" :
			    "a context variable");
	t->u.target.addr_of = true;
	t->loc = *loc;
	return t;
}
