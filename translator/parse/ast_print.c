// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ast_print.c - the canonical printer behind -p1.
 *
 * The output is a valid script that parses back to the same tree, so
 * printing it again gives identical text (the testsuite checks this
 * round trip for every case).  Three rules make that hold:
 *
 *  - parentheses are re-derived from operator precedence, never copied;
 *  - every simple statement ends in ';' and every item starts a line;
 *  - an 'if' without 'else' inside an 'if' with 'else' is braced, so
 *    the 'else' cannot move.
 *
 * Top-level items are printed in source order, whatever list holds them.
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* Binding strength, loosest first; mirrors the table in grammar.y. */
enum {
	PREC_ASSIGN = 1, PREC_TERNARY, PREC_LOR, PREC_LAND, PREC_BOR,
	PREC_BXOR, PREC_BAND, PREC_IN, PREC_EQ, PREC_REL, PREC_SHIFT,
	PREC_CAT, PREC_ADD, PREC_MUL, PREC_UNARY, PREC_POSTFIX, PREC_PRIMARY,
};

static void print_expr(const struct ast_node *e, FILE *out, int min);
static void print_stmt(const struct ast_node *s, FILE *out, int indent);

static void indent_to(FILE *out, int indent)
{
	for (int i = 0; i < indent; i++)
		fputc('\t', out);
}

static void print_string(const char *s, unsigned long len, FILE *out)
{
	fputc('"', out);
	for (unsigned long i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (c < ' ' || c == 127)
				fprintf(out, "\\%03o", c);
			else
				fputc(c, out);
		}
	}
	fputc('"', out);
}

static int binop_prec(int op)
{
	switch (op) {
	case OP_LOR: return PREC_LOR;
	case OP_LAND: return PREC_LAND;
	case '|': return PREC_BOR;
	case '^': return PREC_BXOR;
	case '&': return PREC_BAND;
	case OP_EQ: case OP_NE: case OP_MATCH: case OP_NOMATCH: return PREC_EQ;
	case '<': case '>': case OP_LE: case OP_GE: return PREC_REL;
	case OP_SHL: case OP_SHR: case OP_USHR: return PREC_SHIFT;
	case '.': return PREC_CAT;
	case '+': case '-': return PREC_ADD;
	default: return PREC_MUL;
	}
}

static int expr_prec(const struct ast_node *e)
{
	switch (e->kind) {
	case AST_ASSIGN: return PREC_ASSIGN;
	case AST_TERNARY: return PREC_TERNARY;
	case AST_BINARY: return binop_prec(e->u.op.op);
	case AST_IN:
		return PREC_IN;
	case AST_UNARY:
	case AST_PREINC: return PREC_UNARY;
	case AST_POSTINC: return PREC_POSTFIX;
	case AST_TARGET:
	case AST_AUTOCAST:
		return e->u.target.addr_of ? PREC_UNARY : PREC_PRIMARY;
	default: return PREC_PRIMARY;
	}
}

static void print_list(const struct ast_node *l, FILE *out)
{
	for (; l; l = l->next) {
		print_expr(l, out, PREC_ASSIGN);
		if (l->next)
			fputs(", ", out);
	}
}

static void print_target(const struct ast_node *e, FILE *out)
{
	if (e->u.target.addr_of)
		fputc('&', out);
	if (e->kind == AST_AUTOCAST) {
		/* the values the grammar takes bare before '->' */
		const struct ast_node *v = e->u.target.cast_expr;
		bool bare = v->kind == AST_IDENT || v->kind == AST_CALL ||
			    v->kind == AST_INDEX;

		if (!bare)
			fputc('(', out);
		print_expr(v, out, PREC_ASSIGN);
		if (!bare)
			fputc(')', out);
	} else switch (e->u.target.tkind) {
	case TARGET_VAR:
		fprintf(out, "$%s", e->u.target.name);
		break;
	case TARGET_CONTEXT:
		fprintf(out, "$$%s", e->u.target.name);
		break;
	case TARGET_CAST:
		fputs("@cast(", out);
		print_expr(e->u.target.cast_expr, out, PREC_ASSIGN);
		fputs(", ", out);
		print_string(e->u.target.name, strlen(e->u.target.name), out);
		if (e->u.target.module) {
			fputs(", ", out);
			print_string(e->u.target.module,
				     strlen(e->u.target.module), out);
		}
		fputc(')', out);
		break;
	case TARGET_ATVAR:
		fputs("@var(", out);
		print_string(e->u.target.name, strlen(e->u.target.name), out);
		if (e->u.target.module) {
			fputs(", ", out);
			print_string(e->u.target.module,
				     strlen(e->u.target.module), out);
		}
		fputc(')', out);
		break;
	}
	for (const struct ast_tstep *s = e->u.target.steps; s; s = s->next) {
		if (s->kind == TSTEP_FIELD) {
			fprintf(out, "->%s", s->field);
		} else {
			fputc('[', out);
			print_expr(s->index, out, PREC_ASSIGN);
			fputc(']', out);
		}
	}
	if (e->u.target.pretty)
		fputs(e->u.target.pretty == 2 ? "$$" : "$", out);
}

/* Would printing e right after a unary 'op' glue two tokens together? */
static bool glues(int op, const struct ast_node *e)
{
	if (op == '!')	/* "! ~x" must not become "!~x" */
		return e->kind == AST_UNARY && e->u.op.op == '~';
	if (op != '-' && op != '+')
		return false;
	if ((e->kind == AST_UNARY && e->u.op.op == op) ||
	    (e->kind == AST_PREINC &&
	     e->u.op.op == (op == '-' ? OP_DEC : OP_INC)))
		return true;
	return e->kind == AST_NUM && e->u.num.text && e->u.num.text[0] == op;
}

static void print_expr_inner(const struct ast_node *e, FILE *out)
{
	int p = expr_prec(e);

	switch (e->kind) {
	case AST_NUM:
		if (e->u.num.text)
			fputs(e->u.num.text, out);
		else
			fprintf(out, "%lld", (long long)e->u.num.value);
		break;
	case AST_STR:
		print_string(e->u.str.value, e->u.str.len, out);
		break;
	case AST_IDENT:
		fputs(e->u.ident.name, out);
		break;
	case AST_INDEX:
		fprintf(out, "%s[", e->u.index.base->u.ident.name);
		print_list(e->u.index.keys, out);
		fputc(']', out);
		break;
	case AST_CALL:
	case AST_ATOP:
		fprintf(out, "%s(", e->u.call.name);
		print_list(e->u.call.args, out);
		fputc(')', out);
		break;
	case AST_WILDCARD:
		fputc('*', out);
		break;
	case AST_IN:
		/* stap reads "[k1, k2] in a" only where 'in' binds, so it
		 * is parenthesised like "k in a" as an operand */
		if (e->u.index.keys->next ||
		    e->u.index.keys->kind == AST_WILDCARD) {
			fputc('[', out);
			print_list(e->u.index.keys, out);
			fputc(']', out);
		} else {
			print_expr(e->u.index.keys, out, PREC_IN);
		}
		fprintf(out, " in %s", e->u.index.base->u.ident.name);
		break;
	case AST_UNARY:
		fputs(ast_op_name(e->u.op.op), out);
		if (glues(e->u.op.op, e->u.op.lhs)) {
			fputc('(', out);
			print_expr(e->u.op.lhs, out, PREC_ASSIGN);
			fputc(')', out);
		} else {
			print_expr(e->u.op.lhs, out, PREC_UNARY);
		}
		break;
	case AST_PREINC:
		fputs(ast_op_name(e->u.op.op), out);
		print_expr(e->u.op.lhs, out, PREC_UNARY);
		break;
	case AST_POSTINC:
		print_expr(e->u.op.lhs, out, PREC_POSTFIX);
		fputs(ast_op_name(e->u.op.op), out);
		break;
	case AST_BINARY:
		print_expr(e->u.op.lhs, out, p);
		fprintf(out, " %s ", ast_op_name(e->u.op.op));
		print_expr(e->u.op.rhs, out, p + 1);
		break;
	case AST_TERNARY:
		print_expr(e->u.op.lhs, out, PREC_TERNARY + 1);
		fputs(" ? ", out);
		print_expr(e->u.op.rhs, out, PREC_ASSIGN);
		fputs(" : ", out);
		print_expr(e->u.op.third, out, PREC_TERNARY);
		break;
	case AST_ASSIGN:
		print_expr(e->u.op.lhs, out, PREC_POSTFIX);
		if (e->u.op.op == '=')
			fputs(" = ", out);
		else if (e->u.op.op == OP_AGG)
			fputs(" <<< ", out);
		else
			fprintf(out, " %s= ", ast_op_name(e->u.op.op));
		print_expr(e->u.op.rhs, out, PREC_ASSIGN);
		break;
	case AST_TARGET:
	case AST_AUTOCAST:
		print_target(e, out);
		break;
	case AST_STAT:
		fprintf(out, "@%s(", ast_stat_name(e->u.stat.sop));
		print_expr(e->u.stat.expr, out, PREC_ASSIGN);
		if (e->u.stat.params) {
			fputs(", ", out);
			print_list(e->u.stat.params, out);
		}
		fputc(')', out);
		break;
	case AST_DEFINED:
	case AST_ENTRY:
	case AST_PROBEWRITE:
		fprintf(out, "@%s(", e->kind == AST_DEFINED ? "defined" :
			e->kind == AST_ENTRY ? "entry" : "probewrite");
		print_expr(e->u.unary_stmt.expr, out, PREC_ASSIGN);
		fputc(')', out);
		break;
	case AST_EMBEDDED_STMT:
		fprintf(out, "%%{%s%%}", e->u.embedded.code);
		break;
	default:
		fprintf(out, "/* %s */", ast_kind_name(e->kind));
		break;
	}
}

static void print_expr(const struct ast_node *e, FILE *out, int min)
{
	bool paren = expr_prec(e) < min;

	if (paren)
		fputc('(', out);
	print_expr_inner(e, out);
	if (paren)
		fputc(')', out);
}

/* A condition that is an assignment keeps its own parentheses, so the
 * re-parse does not warn about it. */
static void print_cond(const struct ast_node *c, FILE *out)
{
	bool assign = c->kind == AST_ASSIGN && c->u.op.op == '=';

	if (assign)
		fputc('(', out);
	print_expr(c, out, PREC_ASSIGN);
	if (assign)
		fputc(')', out);
}

/* Prints the body of if/while/for/foreach after its header. */
static void print_body(const struct ast_node *s, FILE *out, int indent)
{
	if (s->kind == AST_BLOCK) {
		fputc(' ', out);
		print_stmt(s, out, indent);
		return;
	}
	fputc('\n', out);
	indent_to(out, indent + 1);
	print_stmt(s, out, indent + 1);
}

static void print_block(const struct ast_node *b, FILE *out, int indent)
{
	fputs("{\n", out);
	for (const struct ast_node *s = b->u.block.stmts; s; s = s->next) {
		indent_to(out, indent + 1);
		print_stmt(s, out, indent + 1);
	}
	indent_to(out, indent);
	fputs("}\n", out);
}

static void print_foreach(const struct ast_node *s, FILE *out, int indent)
{
	int key = 1, sk = s->u.foreach.sort_key;
	const char *mark = s->u.foreach.sort_dir > 0 ? "+" : "-";
	bool br = s->u.foreach.keys_bracketed;

	bool stat = s->u.foreach.sort_by_stat;

	fputs("foreach (", out);
	if (s->u.foreach.value)
		fprintf(out, "%s%s = ", s->u.foreach.value->u.ident.name,
			sk == -1 && !stat ? mark : "");
	if (br)
		fputc('[', out);
	for (const struct ast_node *k = s->u.foreach.keys; k; k = k->next) {
		fprintf(out, "%s%s%s", k->u.ident.name, sk == key ? mark : "",
			k->next ? ", " : "");
		key++;
	}
	if (br)
		fputc(']', out);
	fprintf(out, " in %s", s->u.foreach.array->u.ident.name);
	if (s->u.foreach.slice) {
		fputc('[', out);
		print_list(s->u.foreach.slice, out);
		fputc(']', out);
	}
	if (stat)
		fprintf(out, " @%s%s", ast_stat_name(s->u.foreach.sort_stat),
			mark);
	else if (sk == -1 && !s->u.foreach.value)
		fputs(mark, out);
	if (s->u.foreach.limit) {
		fputs(" limit ", out);
		print_expr(s->u.foreach.limit, out, PREC_ASSIGN);
	}
	fputc(')', out);
	print_body(s->u.foreach.body, out, indent);
}

static void print_if(const struct ast_node *s, FILE *out, int indent)
{
	const struct ast_node *then = s->u.ctl.then;
	bool brace = s->u.ctl.els && then->kind == AST_IF &&
		     !then->u.ctl.els;

	fputs("if (", out);
	print_cond(s->u.ctl.cond, out);
	fputc(')', out);
	if (brace) {
		fputs(" {\n", out);
		indent_to(out, indent + 1);
		print_stmt(then, out, indent + 1);
		indent_to(out, indent);
		fputs("}\n", out);
	} else {
		print_body(then, out, indent);
	}
	if (!s->u.ctl.els)
		return;
	indent_to(out, indent);
	fputs("else", out);
	if (s->u.ctl.els->kind == AST_IF) {
		fputc(' ', out);
		print_stmt(s->u.ctl.els, out, indent);
	} else {
		print_body(s->u.ctl.els, out, indent);
	}
}

static void print_stmt(const struct ast_node *s, FILE *out, int indent)
{
	switch (s->kind) {
	case AST_BLOCK:
		print_block(s, out, indent);
		break;
	case AST_NULL_STMT:
		fputs(";\n", out);
		break;
	case AST_EXPR_STMT:
		print_expr(s->u.unary_stmt.expr, out, PREC_ASSIGN);
		fputs(";\n", out);
		break;
	case AST_IF:
		print_if(s, out, indent);
		break;
	case AST_WHILE:
		fputs("while (", out);
		print_cond(s->u.ctl.cond, out);
		fputc(')', out);
		print_body(s->u.ctl.then, out, indent);
		break;
	case AST_FOR:
		fputs("for (", out);
		if (s->u.ctl.init)
			print_expr(s->u.ctl.init, out, PREC_ASSIGN);
		fputs("; ", out);
		if (s->u.ctl.cond)
			print_cond(s->u.ctl.cond, out);
		fputs("; ", out);
		if (s->u.ctl.incr)
			print_expr(s->u.ctl.incr, out, PREC_ASSIGN);
		fputc(')', out);
		print_body(s->u.ctl.then, out, indent);
		break;
	case AST_FOREACH:
		print_foreach(s, out, indent);
		break;
	case AST_BREAK:
		fputs("break;\n", out);
		break;
	case AST_CONTINUE:
		fputs("continue;\n", out);
		break;
	case AST_NEXT:
		fputs("next;\n", out);
		break;
	case AST_RETURN:
		fputs("return", out);
		if (s->u.unary_stmt.expr) {
			fputc(' ', out);
			print_expr(s->u.unary_stmt.expr, out, PREC_ASSIGN);
		}
		fputs(";\n", out);
		break;
	case AST_DELETE:
		fputs("delete ", out);
		print_expr(s->u.unary_stmt.expr, out, PREC_ASSIGN);
		fputs(";\n", out);
		break;
	case AST_TRY:
		fputs("try ", out);
		print_block(s->u.try_.body, out, indent);
		indent_to(out, indent);
		fputs("catch ", out);
		if (s->u.try_.catch_var)
			fprintf(out, "(%s) ",
				s->u.try_.catch_var->u.ident.name);
		print_block(s->u.try_.catch_body, out, indent);
		break;
	case AST_EMBEDDED_STMT:
		fprintf(out, "%%{%s%%}\n", s->u.embedded.code);
		break;
	default:
		print_expr(s, out, PREC_ASSIGN);
		fputs(";\n", out);
		break;
	}
}

static void point_str(const struct ast_node *pt, struct strbuf *sb)
{
	for (const struct ast_node *c = pt->u.point.comps; c; c = c->next) {
		const struct ast_node *a = c->u.comp.arg;

		sb_puts(sb, c->u.comp.name);
		if (c->u.comp.has_parens) {
			sb_putc(sb, '(');
			if (a && a->kind == AST_NUM)
				sb_puts(sb, a->u.num.text);
			else if (a && a->kind == AST_STR) {
				char *buf;
				size_t len;
				FILE *m = open_memstream(&buf, &len);

				print_string(a->u.str.value, a->u.str.len, m);
				fclose(m);
				sb_putn(sb, buf, len);
				free(buf);
			}
			sb_putc(sb, ')');
		}
		if (c->next)
			sb_putc(sb, '.');
	}
	if (pt->u.point.optional)
		sb_putc(sb, '?');
	if (pt->u.point.sufficient)
		sb_putc(sb, '!');
}

void ast_point_str(const struct ast_node *point, struct strbuf *out)
{
	point_str(point, out);
}

static void print_points(const struct ast_node *pts, FILE *out)
{
	struct strbuf sb;

	sb_init(&sb);
	for (; pts; pts = pts->next) {
		sb_reset(&sb);
		point_str(pts, &sb);
		fputs(sb_str(&sb), out);
		if (pts->u.point.cond) {
			fputs(" if (", out);
			print_expr(pts->u.point.cond, out, PREC_ASSIGN);
			fputc(')', out);
		}
		if (pts->next)
			fputs(", ", out);
	}
	sb_free(&sb);
}

static void print_params(const struct ast_param *a, FILE *out)
{
	for (; a; a = a->next) {
		fputs(a->name, out);
		if (a->type != TYPE_UNKNOWN)
			fprintf(out, ":%s", ast_type_name(a->type));
		if (a->next)
			fputs(", ", out);
	}
}

static void print_top(const struct ast_node *n, FILE *out)
{
	switch (n->kind) {
	case AST_PROBE:
	case AST_ALIAS:
		if (n->u.probe.is_private)
			fputs("private ", out);
		fputs("probe ", out);
		if (n->kind == AST_ALIAS) {
			print_points(n->u.probe.names, out);
			fputs(n->u.probe.epilogue ? " += " : " = ", out);
		}
		print_points(n->u.probe.points, out);
		fputc(' ', out);
		print_block(n->u.probe.body, out, 0);
		break;
	case AST_FUNCTION:
		if (n->u.func.is_private)
			fputs("private ", out);
		fprintf(out, "function %s", n->u.func.name);
		if (n->u.func.ret != TYPE_UNKNOWN)
			fprintf(out, ":%s", ast_type_name(n->u.func.ret));
		fputc('(', out);
		print_params(n->u.func.params, out);
		fputs(") ", out);
		print_stmt(n->u.func.body, out, 0);
		break;
	case AST_GLOBAL:
		if (n->u.global.is_private)
			fputs("private ", out);
		fprintf(out, "global %s", n->u.global.name);
		if (n->u.global.wrap)
			fputc('%', out);
		if (n->u.global.is_array)
			fprintf(out, "[%lld]", (long long)n->u.global.size);
		if (n->u.global.init) {
			fputs(" = ", out);
			print_expr(n->u.global.init, out, PREC_ASSIGN);
		}
		fputc('\n', out);
		break;
	case AST_EMBEDDED:
		fprintf(out, "%%{%s%%}\n", n->u.embedded.code);
		break;
	default:
		print_stmt(n, out, 0);
		break;
	}
}

void ast_print_node(const struct ast_node *n, FILE *out, int indent)
{
	switch (n->kind) {
	case AST_PROBE: case AST_ALIAS: case AST_FUNCTION: case AST_GLOBAL:
	case AST_EMBEDDED:
		print_top(n, out);
		break;
	case AST_POINT:
		print_points(n, out);
		break;
	case AST_BLOCK: case AST_NULL_STMT: case AST_EXPR_STMT: case AST_IF:
	case AST_WHILE: case AST_FOR: case AST_FOREACH: case AST_BREAK:
	case AST_CONTINUE: case AST_NEXT: case AST_RETURN: case AST_DELETE:
	case AST_TRY:
		indent_to(out, indent);
		print_stmt(n, out, indent);
		break;
	default:
		print_expr(n, out, PREC_ASSIGN);
		break;
	}
}

static int loc_cmp(const void *a, const void *b)
{
	const struct ast_node *x = *(const struct ast_node *const *)a;
	const struct ast_node *y = *(const struct ast_node *const *)b;

	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	return x < y ? -1 : x > y;	/* keep list order for ties */
}

void ast_print_file(const struct ast_file *f, FILE *out)
{
	const struct ast_node *lists[] = { f->embedded, f->globals,
					   f->functions, f->aliases,
					   f->probes };
	const struct ast_node **items;
	size_t n = 0, k = 0;

	for (size_t i = 0; i < 5; i++)
		n += (size_t)ast_list_len(lists[i]);
	items = xcalloc(n + 1, sizeof(*items));
	for (size_t i = 0; i < 5; i++)
		for (const struct ast_node *x = lists[i]; x; x = x->next)
			items[k++] = x;
	qsort(items, n, sizeof(*items), loc_cmp);
	for (size_t i = 0; i < n; i++) {
		/* consecutive globals stay together; other items get air */
		if (i && !(items[i]->kind == AST_GLOBAL &&
			   items[i - 1]->kind == AST_GLOBAL))
			fputc('\n', out);
		print_top(items[i], out);
	}
	free(items);
}
