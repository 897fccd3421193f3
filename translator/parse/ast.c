// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ast.c - node allocation, list helpers, names, walk and deep copy.
 *
 * Nodes, decoded strings and the source buffers they point into are
 * carved from one arena.  The arena is reachable from a static until
 * exit, which matches the "AST lives until exit" policy in util.h; the
 * fuzzer calls ast_arena_free_all() between inputs.
 */
#include <stdlib.h>
#include <string.h>

#include "ast.h"

#define ARENA_CHUNK (64 * 1024)

struct arena_chunk {
	struct arena_chunk *prev;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

static struct arena_chunk *arena;

void *ast_alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!arena || arena->cap - arena->used < n) {
		size_t cap = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		struct arena_chunk *c = xmalloc(sizeof(*c) + cap);

		c->cap = cap;
		c->used = 0;
		if (n > ARENA_CHUNK / 4 && arena) {
			/* big block: keep the current chunk on top */
			c->prev = arena->prev;
			arena->prev = c;
			c->used = n;
			memset(c->data, 0, n);
			return c->data;
		}
		c->prev = arena;
		arena = c;
	}
	void *p = arena->data + arena->used;

	arena->used += n;
	memset(p, 0, n);
	return p;
}

char *ast_strndup(const char *s, size_t n)
{
	char *p = ast_alloc(n + 1);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void ast_arena_free_all(void)
{
	while (arena) {
		struct arena_chunk *c = arena;

		arena = c->prev;
		free(c);
	}
}

struct ast_node *ast_new(enum ast_kind kind, const struct src_loc *loc)
{
	struct ast_node *n = ast_alloc(sizeof(*n));

	n->kind = kind;
	if (loc)
		n->loc = *loc;
	return n;
}

struct ast_node *ast_append(struct ast_node *a, struct ast_node *b)
{
	struct ast_node *t;

	if (!a)
		return b;
	for (t = a; t->next; t = t->next)
		;
	t->next = b;
	return a;
}

bool ast_int_literal(const struct ast_node *n, int64_t *v)
{
	if (n && n->kind == AST_NUM) {
		*v = n->u.num.value;
		return true;
	}
	if (n && n->kind == AST_UNARY && n->u.op.op == '-' &&
	    n->u.op.lhs->kind == AST_NUM) {
		*v = -n->u.op.lhs->u.num.value;
		return true;
	}
	return false;
}

int ast_list_len(const struct ast_node *list)
{
	int n = 0;

	for (; list; list = list->next)
		n++;
	return n;
}

const char *ast_kind_name(enum ast_kind k)
{
	static const char *const names[] = {
		[AST_PROBE] = "probe", [AST_ALIAS] = "alias",
		[AST_FUNCTION] = "function", [AST_GLOBAL] = "global",
		[AST_EMBEDDED] = "embedded code", [AST_POINT] = "probe point",
		[AST_COMPONENT] = "probe point component",
		[AST_BLOCK] = "block", [AST_NULL_STMT] = "null statement",
		[AST_EXPR_STMT] = "expression statement", [AST_IF] = "if",
		[AST_WHILE] = "while", [AST_FOR] = "for",
		[AST_FOREACH] = "foreach", [AST_BREAK] = "break",
		[AST_CONTINUE] = "continue", [AST_NEXT] = "next",
		[AST_RETURN] = "return", [AST_DELETE] = "delete",
		[AST_TRY] = "try", [AST_EMBEDDED_STMT] = "embedded code",
		[AST_NUM] = "number", [AST_STR] = "string",
		[AST_IDENT] = "identifier", [AST_INDEX] = "array index",
		[AST_CALL] = "function call", [AST_UNARY] = "unary operator",
		[AST_PREINC] = "pre-increment", [AST_POSTINC] = "post-increment",
		[AST_BINARY] = "binary operator", [AST_TERNARY] = "ternary",
		[AST_ASSIGN] = "assignment", [AST_IN] = "array membership",
		[AST_TARGET] = "target variable", [AST_STAT] = "statistic",
		[AST_DEFINED] = "@defined", [AST_ENTRY] = "@entry",
		[AST_PROBEWRITE] = "@probewrite",
		[AST_WILDCARD] = "'*' wildcard index",
		[AST_ATOP] = "@ operator",
		[AST_AUTOCAST] = "autocast",
	};

	if ((unsigned)k < sizeof(names) / sizeof(names[0]) && names[k])
		return names[k];
	return "?";
}

const char *ast_op_name(int op)
{
	static char single[64][2];

	switch (op) {
	case OP_NONE: return "";
	case OP_EQ: return "==";
	case OP_NE: return "!=";
	case OP_LE: return "<=";
	case OP_GE: return ">=";
	case OP_SHL: return "<<";
	case OP_SHR: return ">>";
	case OP_LAND: return "&&";
	case OP_LOR: return "||";
	case OP_MATCH: return "=~";
	case OP_NOMATCH: return "!~";
	case OP_AGG: return "<<<";
	case OP_INC: return "++";
	case OP_DEC: return "--";
	case OP_USHR: return ">>>";
	}
	if (op > ' ' && op < 127) {
		/* printable ASCII: a static one-char string per character */
		char *s = single[op & 63];

		if (s[0] != op) {
			s[0] = (char)op;
			s[1] = '\0';
		}
		return s;
	}
	return "?";
}

const char *ast_type_name(enum ast_type t)
{
	switch (t) {
	case TYPE_LONG: return "long";
	case TYPE_STRING: return "string";
	case TYPE_STATS: return "stats";
	case TYPE_VOID: return "void";
	default: return "unknown";
	}
}

const char *ast_stat_name(enum ast_stat_op s)
{
	static const char *const names[] = {
		[STAT_COUNT] = "count", [STAT_SUM] = "sum",
		[STAT_MIN] = "min", [STAT_MAX] = "max", [STAT_AVG] = "avg",
		[STAT_VARIANCE] = "variance", [STAT_HIST_LOG] = "hist_log",
		[STAT_HIST_LINEAR] = "hist_linear",
	};

	if ((unsigned)s < sizeof(names) / sizeof(names[0]))
		return names[s];
	return "?";
}

/* Collects the child pointers of n into kids[] (at most 8). */
static int ast_children(struct ast_node *n, struct ast_node ***kids)
{
	int k = 0;

#define KID(x) (kids[k++] = &(x))
	switch (n->kind) {
	case AST_PROBE:
	case AST_ALIAS:
		KID(n->u.probe.names);
		KID(n->u.probe.points);
		KID(n->u.probe.body);
		break;
	case AST_FUNCTION:
		KID(n->u.func.body);
		break;
	case AST_GLOBAL:
		KID(n->u.global.init);
		break;
	case AST_POINT:
		KID(n->u.point.comps);
		KID(n->u.point.cond);
		break;
	case AST_COMPONENT:
		KID(n->u.comp.arg);
		break;
	case AST_BLOCK:
		KID(n->u.block.stmts);
		break;
	case AST_EXPR_STMT:
	case AST_RETURN:
	case AST_DELETE:
	case AST_DEFINED:
	case AST_ENTRY:
	case AST_PROBEWRITE:
		KID(n->u.unary_stmt.expr);
		break;
	case AST_IF:
	case AST_WHILE:
	case AST_FOR:
		KID(n->u.ctl.init);
		KID(n->u.ctl.cond);
		KID(n->u.ctl.incr);
		KID(n->u.ctl.then);
		KID(n->u.ctl.els);
		break;
	case AST_FOREACH:
		KID(n->u.foreach.value);
		KID(n->u.foreach.keys);
		KID(n->u.foreach.array);
		KID(n->u.foreach.limit);
		KID(n->u.foreach.body);
		KID(n->u.foreach.slice);
		break;
	case AST_TRY:
		KID(n->u.try_.body);
		KID(n->u.try_.catch_var);
		KID(n->u.try_.catch_body);
		break;
	case AST_INDEX:
	case AST_IN:
		KID(n->u.index.base);
		KID(n->u.index.keys);
		break;
	case AST_CALL:
	case AST_ATOP:
		KID(n->u.call.args);
		break;
	case AST_UNARY:
	case AST_PREINC:
	case AST_POSTINC:
	case AST_BINARY:
	case AST_TERNARY:
	case AST_ASSIGN:
		KID(n->u.op.lhs);
		KID(n->u.op.rhs);
		KID(n->u.op.third);
		break;
	case AST_TARGET:
	case AST_AUTOCAST:
		KID(n->u.target.cast_expr);
		break;
	case AST_STAT:
		KID(n->u.stat.expr);
		KID(n->u.stat.params);
		break;
	default:
		break;
	}
#undef KID
	return k;
}

void ast_walk(struct ast_node *n, bool (*fn)(struct ast_node *, void *),
	      void *arg)
{
	struct ast_node **kids[8];

	if (!n || !fn(n, arg))
		return;
	int k = ast_children(n, kids);

	for (int i = 0; i < k; i++)
		for (struct ast_node *c = *kids[i]; c; c = c->next)
			ast_walk(c, fn, arg);
	/* target index steps hold expressions too */
	if (n->kind == AST_TARGET || n->kind == AST_AUTOCAST) {
		for (struct ast_tstep *s = n->u.target.steps; s; s = s->next)
			ast_walk(s->index, fn, arg);
	}
}

static struct ast_node *clone_list(const struct ast_node *n);

static struct ast_node *clone_one(const struct ast_node *n)
{
	struct ast_node *c = ast_alloc(sizeof(*c));
	struct ast_node **kids[8];

	*c = *n;
	c->next = NULL;
	int k = ast_children(c, kids);

	for (int i = 0; i < k; i++)
		*kids[i] = clone_list(*kids[i]);
	if (c->kind == AST_TARGET || c->kind == AST_AUTOCAST) {
		struct ast_tstep **tail = &c->u.target.steps;

		for (const struct ast_tstep *s = n->u.target.steps; s;
		     s = s->next) {
			struct ast_tstep *t = ast_alloc(sizeof(*t));

			*t = *s;
			t->next = NULL;
			t->index = clone_list(s->index);
			*tail = t;
			tail = &t->next;
		}
	}
	return c;
}

static struct ast_node *clone_list(const struct ast_node *n)
{
	struct ast_node *head = NULL, **tail = &head;

	for (; n; n = n->next) {
		*tail = clone_one(n);
		tail = &(*tail)->next;
	}
	return head;
}

struct ast_node *ast_clone(const struct ast_node *n)
{
	if (!n)
		return NULL;
	return clone_one(n);
}
