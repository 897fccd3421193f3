// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * translate_expr.c - script expressions to C expressions.
 *
 * Every function here returns a malloc'd C expression.  Long values have
 * type int64_t; strings are const char * pointing into storage owned by
 * the current frame (a local, a global, a literal or a __tmp slot), so the
 * value survives the evaluation of later operands.  Anything that can fail
 * becomes a statement expression that records the error on the context
 * and jumps to g->err_label.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

int cg_tmp(struct cg *g)
{
	return g->ntmp++;
}

int cg_uniq(struct cg *g)
{
	return ++g->nuniq;
}

char *cg_cstr(const char *s, size_t len)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_putc(&sb, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = s[i];

		switch (ch) {
		case '"': sb_puts(&sb, "\\\""); break;
		case '\\': sb_puts(&sb, "\\\\"); break;
		case '\n': sb_puts(&sb, "\\n"); break;
		case '\t': sb_puts(&sb, "\\t"); break;
		case '\r': sb_puts(&sb, "\\r"); break;
		case '?': sb_puts(&sb, "\\?"); break;	/* no trigraphs */
		default:
			if (ch < 0x20 || ch >= 0x7f)
				sb_printf(&sb, "\\%03o", ch);
			else
				sb_putc(&sb, ch);
		}
	}
	sb_putc(&sb, '"');
	return sb_steal(&sb);
}

char *cg_where(const struct src_loc *loc)
{
	char *w, *q;

	if (!loc || !loc->file)
		return xstrdup("\"\"");
	w = xasprintf("%s:%d:%d", loc->file->name, loc->line, loc->col);
	q = cg_cstr(w, strlen(w));
	free(w);
	return q;
}

void cg_error(struct cg *g, const struct src_loc *loc, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_error(loc, "%s", msg);
	free(msg);
	g->errors++;
}

static const char *sym_cname(const struct el_sym *s)
{
	return s->cname ? s->cname : s->name;
}

const char *cg_gname(const struct el_sym *s)
{
	return intern(xasprintf("gv_%s", sym_cname(s)));
}

/* Storage of a scalar variable as a C lvalue (char array for strings). */
char *cg_lvalue_scalar(struct cg *g, struct el_sym *s)
{
	if (s->kind == SYM_GLOBAL)
		return xstrdup(cg_gname(s));
	if (s->kind == SYM_PARAM && g->func && g->func->embedded)
		return xasprintf("%s->%s", g->base, s->name);
	return xasprintf("%s->%s", g->base, sym_cname(s));
}

static char *num_lit(int64_t v)
{
	if (v == INT64_MIN)
		return xstrdup("(-9223372036854775807LL - 1)");
	return xasprintf("%" PRId64 "LL", v);
}

static char *err_jump(struct cg *g, const char *set)
{
	return xasprintf("{ %s; goto %s; }", set, g->err_label);
}

/* "struct tapc_key K; K.n[0] = ...; K.s[1] = ...;" */
char *cg_key_build(struct cg *g, struct el_sym *s, struct ast_node *keys,
		   const char *kvar)
{
	struct strbuf sb;
	int i = 0;

	sb_init(&sb);
	sb_printf(&sb, "struct tapc_key %s; ", kvar);
	for (struct ast_node *k = keys; k; k = k->next, i++) {
		char *ke = cg_expr(g, k);
		bool str = k->type == TYPE_STRING;

		if (i >= s->arity || (s->key_types[i] == TYPE_STRING) != str)
			if (s->key_types[i] != TYPE_UNKNOWN && i < s->arity)
				cg_error(g, &k->loc,
					 "key %d of array '%s' has the wrong type",
					 i + 1, s->name);
		sb_printf(&sb, "%s.%c[%d] = %s; ", kvar, str ? 's' : 'n', i,
			  ke);
		free(ke);
	}
	if (i != s->arity)
		cg_error(g, keys ? &keys->loc : NULL,
			 "array '%s' takes %d keys, %d given", s->name,
			 s->arity, i);
	return sb_steal(&sb);
}

static char *full_error(struct cg *g, struct el_sym *s, const char *where)
{
	char *set, *j;

	if (s->max_entries)
		set = xasprintf("tapc_ctx_errorf(c, %s, \"array '%s' full "
				"(limit %" PRId64 ")\")", where, s->name,
				s->max_entries);
	else
		set = xasprintf("tapc_ctx_errorf(c, %s, \"array '%s' full "
				"(limit MAXMAPENTRIES=%%d)\", MAXMAPENTRIES)",
				where, s->name);
	j = err_jump(g, set);
	free(set);
	return j;
}

/* Pointer (int64_t * or char *) to the storage of an lvalue node;
 * for array elements the element is created (error if the array is
 * full). */
static char *lvalue_ptr(struct cg *g, struct ast_node *n)
{
	struct el_sym *s = n->sym;
	const char *ct = n->type == TYPE_STRING ? "char" : "int64_t";
	char *r, *kb, *fe, *w;
	int u;

	if (!s) {
		cg_error(g, &n->loc, "cannot assign to this expression");
		return xstrdup("((void *)0)");
	}
	if (n->kind == AST_IDENT && s->arity == 0) {
		char *lv = cg_lvalue_scalar(g, s);

		r = n->type == TYPE_STRING ? lv : xasprintf("&%s", lv);
		if (r != lv)
			free(lv);
		return r;
	}
	if (n->kind != AST_INDEX) {
		cg_error(g, &n->loc, "cannot assign to a whole array");
		return xstrdup("((void *)0)");
	}
	u = cg_uniq(g);
	r = xasprintf("_t%dk", u);
	kb = cg_key_build(g, s, n->u.index.keys, r);
	free(r);
	w = cg_where(&n->loc);
	fe = full_error(g, s, w);
	r = xasprintf("({ %s%s *_t%d = tapc_map_set(%s, &_t%dk); "
		      "if (unlikely(!_t%d)) %s _t%d; })",
		      kb, ct, u, cg_gname(s), u, u, fe, u);
	free(kb);
	free(fe);
	free(w);
	return r;
}

static char *arith(struct cg *g, int op, const char *a, const char *b,
		   const struct src_loc *loc)
{
	char *w, *set, *j, *r;
	int u;

	switch (op) {
	case '/':
	case '%':
		u = cg_uniq(g);
		w = cg_where(loc);
		set = xasprintf("tapc_ctx_error(c, \"division by zero near "
				"operator '%c'\", %s)", op, w);
		j = err_jump(g, set);
		r = xasprintf("({ int64_t _t%da = %s, _t%db = %s; "
			      "if (unlikely(!_t%db)) %s tapc_%s(_t%da, _t%db); })",
			      u, a, u, b, u, j, op == '/' ? "div" : "mod", u,
			      u);
		free(w);
		free(set);
		free(j);
		return r;
	case OP_SHL:
		return xasprintf("((int64_t)((uint64_t)(%s) << ((%s) & 63)))",
				 a, b);
	case OP_SHR:
		return xasprintf("((%s) >> ((%s) & 63))", a, b);
	case OP_USHR:
		return xasprintf("((int64_t)((uint64_t)(%s) >> ((%s) & 63)))",
				 a, b);
	case '+': case '-': case '*': case '&': case '|': case '^':
		return xasprintf("((%s) %c (%s))", a, op, b);
	}
	return xasprintf("((%s) %s (%s))", a, ast_op_name(op), b);
}

static const char *cmp_op(int op)
{
	switch (op) {
	case '<': return "<";
	case '>': return ">";
	case OP_LE: return "<=";
	case OP_GE: return ">=";
	case OP_EQ: return "==";
	case OP_NE: return "!=";
	}
	return NULL;
}

static char *binary(struct cg *g, struct ast_node *n)
{
	struct ast_node *L = n->u.op.lhs, *R = n->u.op.rhs;
	int op = n->u.op.op;
	char *a = cg_expr(g, L), *b = cg_expr(g, R), *r;

	if (op == '.') {
		r = xasprintf("tapc_concat(%s->__tmp%d, %s, %s)", g->base,
			      cg_tmp(g), a, b);
	} else if (op == OP_MATCH || op == OP_NOMATCH) {
		int u = cg_uniq(g);
		char *w = cg_where(&n->loc), *set, *j;

		set = xasprintf("tapc_ctx_error(c, \"regular expression too "
				"complex\", %s)", w);
		j = err_jump(g, set);
		r = xasprintf("({ int _t%d = tapc_regex_match_ctx(c, %s, %s); "
			      "if (unlikely(_t%d < 0)) %s (int64_t)(%s_t%d); })",
			      u, a, b, u, j, op == OP_NOMATCH ? "!" : "", u);
		free(w);
		free(set);
		free(j);
	} else if (op == OP_LAND || op == OP_LOR) {
		r = xasprintf("((int64_t)((%s) %s (%s)))", a,
			      op == OP_LAND ? "&&" : "||", b);
	} else if (cmp_op(op)) {
		if (L->type == TYPE_STRING)
			r = xasprintf("((int64_t)(strcmp(%s, %s) %s 0))", a, b,
				      cmp_op(op));
		else
			r = xasprintf("((int64_t)((%s) %s (%s)))", a,
				      cmp_op(op), b);
	} else {
		r = arith(g, op, a, b, &n->loc);
	}
	free(a);
	free(b);
	return r;
}

static char *target_write(struct cg *g, struct ast_node *L, int op,
			  char *rhs, const struct src_loc *loc, bool post);

/* lhs op= rhs, lhs++, ... for long and string lvalues. */
static char *assign(struct cg *g, struct ast_node *n)
{
	struct ast_node *L = n->u.op.lhs, *R = n->u.op.rhs;
	int op = n->u.op.op, u;
	char *p, *rhs, *r, *upd;

	if (op == OP_AGG)
		return cg_stat_expr(g, n);
	if (L->kind == AST_TARGET)
		return target_write(g, L, op, cg_expr(g, R), &n->loc, false);
	rhs = cg_expr(g, R);
	u = cg_uniq(g);
	if (L->type == TYPE_STRING) {
		p = lvalue_ptr(g, L);
		if (op == '=')
			r = xasprintf("({ const char *_t%dr = %s; char *_t%d = %s; "
				      "tapc_strcpy(_t%d, _t%dr); })",
				      u, rhs, u, p, u, u);
		else if (op == '.')
			r = xasprintf("({ const char *_t%dr = %s; char *_t%d = %s; "
				      "tapc_concat(_t%d, _t%d, _t%dr); })",
				      u, rhs, u, p, u, u, u);
		else {
			cg_error(g, &n->loc, "operator '%s=' on a string",
				 ast_op_name(op));
			r = xstrdup("\"\"");
		}
		free(p);
		free(rhs);
		return r;
	}
	p = lvalue_ptr(g, L);
	if (op == '=') {
		upd = xasprintf("_t%dr", u);
	} else {
		char *cur = xasprintf("(*_t%d)", u), *rv = xasprintf("_t%dr", u);

		upd = arith(g, op, cur, rv, &n->loc);
		free(cur);
		free(rv);
	}
	r = xasprintf("({ int64_t _t%dr = %s; int64_t *_t%d = %s; "
		      "*_t%d = %s; })", u, rhs, u, p, u, upd);
	free(p);
	free(rhs);
	free(upd);
	return r;
}

static char *incdec(struct cg *g, struct ast_node *n)
{
	char *p, *r;
	const char *o = n->u.op.op == OP_DEC ? "--" : "++";
	int u;

	if (n->u.op.lhs->kind == AST_TARGET)
		return target_write(g, n->u.op.lhs, n->u.op.op == OP_DEC ?
				    '-' : '+', xstrdup("1LL"), &n->loc,
				    n->kind != AST_PREINC);
	p = lvalue_ptr(g, n->u.op.lhs);
	u = cg_uniq(g);

	if (n->kind == AST_PREINC)
		r = xasprintf("({ int64_t *_t%d = %s; %s*_t%d; })", u, p, o, u);
	else
		r = xasprintf("({ int64_t *_t%d = %s; (*_t%d)%s; })", u, p, u,
			      o);
	free(p);
	return r;
}

static char *index_read(struct cg *g, struct ast_node *n)
{
	struct el_sym *s = n->sym;
	bool str = n->type == TYPE_STRING;
	int u = cg_uniq(g);
	char *kv = xasprintf("_t%dk", u), *kb, *r;

	if (!s || s->arity == 0) {
		cg_error(g, &n->loc, "indexing a non-array");
		free(kv);
		return xstrdup("0");
	}
	kb = cg_key_build(g, s, n->u.index.keys, kv);
	if (str)
		r = xasprintf("({ %sconst char *_t%d = tapc_map_find(%s, &%s); "
			      "_t%d ? _t%d : \"\"; })", kb, u, cg_gname(s), kv,
			      u, u);
	else
		r = xasprintf("({ %sconst int64_t *_t%d = tapc_map_find(%s, &%s); "
			      "_t%d ? *_t%d : 0; })", kb, u, cg_gname(s), kv,
			      u, u);
	free(kv);
	free(kb);
	return r;
}

static char *in_expr(struct cg *g, struct ast_node *n)
{
	struct el_sym *s = n->sym ? n->sym : n->u.index.base->sym;
	int u = cg_uniq(g);
	char *kv = xasprintf("_t%dk", u), *kb, *r;

	if (!s) {
		cg_error(g, &n->loc, "'in' needs an array");
		free(kv);
		return xstrdup("0");
	}
	if (cg_has_wildcard(n->u.index.keys)) {
		free(kv);
		return cg_slice_in(g, s, n->u.index.keys);
	}
	kb = cg_key_build(g, s, n->u.index.keys, kv);
	if (s->type == TYPE_STATS)
		r = xasprintf("({ %s(int64_t)(tapc_pmap_get(&%s, &%s) != NULL); })",
			      kb, cg_gname(s), kv);
	else
		r = xasprintf("({ %s(int64_t)(tapc_map_find(%s, &%s) != NULL); })",
			      kb, cg_gname(s), kv);
	free(kv);
	free(kb);
	return r;
}

/* Subscript arguments of a target access: the @cast pointer, then each
 * non-literal [index] (see el_target.nindex). */
static char *target_args(struct cg *g, struct ast_node *n,
			 const struct el_target *t)
{
	struct strbuf sb;
	int given = 0, nonlit = 0;
	bool all;

	for (struct ast_tstep *st = n->u.target.steps; st; st = st->next)
		if (st->kind == TSTEP_INDEX && st->index->kind != AST_NUM)
			nonlit++;
	sb_init(&sb);
	if (n->u.target.tkind == TARGET_CAST && n->u.target.cast_expr &&
	    given < t->nindex) {
		char *a = cg_expr(g, n->u.target.cast_expr);

		sb_printf(&sb, ", %s", a);
		free(a);
		given++;
	}
	all = given + nonlit < t->nindex;
	for (struct ast_tstep *st = n->u.target.steps; st; st = st->next) {
		if (st->kind != TSTEP_INDEX || given >= t->nindex)
			continue;
		if (!all && st->index->kind == AST_NUM)
			continue;
		char *a = cg_expr(g, st->index);

		sb_printf(&sb, ", %s", a);
		free(a);
		given++;
	}
	return sb_steal(&sb);
}

static char *target(struct cg *g, struct ast_node *n)
{
	const struct el_target *t = n->aux;
	char *w, *set, *j, *args, *r, *desc;
	int u;

	if (!t) {
		cg_error(g, &n->loc, "unresolved target variable");
		return xstrdup("0");
	}
	u = cg_uniq(g);
	w = cg_where(&n->loc);
	desc = xasprintf("%s: read fault", t->desc ? t->desc : t->fn);
	r = cg_cstr(desc, strlen(desc));
	set = xasprintf("tapc_ctx_error(c, %s, %s)", r, w);
	free(r);
	free(desc);
	j = err_jump(g, set);
	args = target_args(g, n, t);
	if (t->type == TYPE_STRING) {
		int k = cg_tmp(g);

		r = xasprintf("({ if (unlikely(%s(c, %s->__tmp%d, MAXSTRINGLEN%s) < 0)) "
			      "%s (const char *)%s->__tmp%d; })",
			      t->fn, g->base, k, args, j, g->base, k);
	} else {
		r = xasprintf("({ int64_t _t%d; if (unlikely(%s(c, &_t%d%s) < 0)) "
			      "%s _t%d; })", u, t->fn, u, args, j, u);
	}
	free(w);
	free(set);
	free(j);
	free(args);
	return r;
}

/*
 * Guru-mode write of a target variable ($var = v, $var += v, ...).  The
 * DWARF pass may give an access function FN a writer, defined in the
 * same code text:
 *
 *	static int FN_w(struct tapc_ctx *c, int64_t val [, int64_t idxN]...)
 *
 * which stores val (truncated to the variable's size) through
 * tapc_write_kernel() for a memory location or tapc_dwarf_reg_set() for
 * a register, and returns 0, -EFAULT or -EINVAL.  A location it cannot
 * write (a computed value, a piece, rsp) has no writer: that is an error
 * here, never a silent no-op.
 */
static char *target_write(struct cg *g, struct ast_node *L, int op,
			  char *rhs, const struct src_loc *loc, bool post)
{
	const struct el_target *t = L->aux;
	char *wfn, *call, *cur = NULL, *upd, *w, *desc, *msg, *args, *r;
	int u;

	if (!t) {
		cg_error(g, loc, "unresolved target variable");
		free(rhs);
		return xstrdup("0");
	}
	/* guru mode was checked in pass 2 */
	wfn = xasprintf("%s_w(", t->fn);
	if (t->type != TYPE_LONG || !t->code || !strstr(t->code, wfn)) {
		cg_error(g, loc, "cannot write %s: only integer variables "
			 "held in memory or in a register can be written",
			 t->desc ? t->desc : t->fn);
		free(wfn);
		free(rhs);
		return xstrdup("0");
	}
	u = cg_uniq(g);
	if (op == '=') {
		upd = xasprintf("_t%dr", u);
	} else {
		char *rv = xasprintf("_t%dr", u), *co = xasprintf("_t%dc", u);

		cur = target(g, L);
		upd = arith(g, op, co, rv, loc);
		free(rv);
		free(co);
	}
	w = cg_where(loc);
	desc = xasprintf("%s: write fault", t->desc ? t->desc : t->fn);
	msg = cg_cstr(desc, strlen(desc));
	args = target_args(g, L, t);
	call = xasprintf("%s_w(c, _t%dv%s)", t->fn, u, args);
	r = xasprintf("({ int64_t _t%dr = %s; int64_t _t%dc = %s; "
		      "int64_t _t%dv = %s; (void)_t%dc; "
		      "if (unlikely(%s)) { tapc_ctx_error(c, %s, %s); goto %s; } "
		      "_t%d%c; })", u, rhs, u, cur ? cur : "0", u, upd, u,
		      call, msg, w, g->err_label, u, post ? 'c' : 'v');
	free(cur);
	free(wfn);
	free(rhs);
	free(upd);
	free(w);
	free(desc);
	free(msg);
	free(args);
	free(call);
	return r;
}

/* @entry(expr) in a .return probe: the value saved by the entry handler. */
static char *entry(struct cg *g, struct ast_node *n)
{
	enum ast_type t;
	char *off, *r;

	if (!g->probe || g->probe->kind != PROBE_KRETPROBE ||
	    !(off = cg_entry_offset(g->probe, n, &t))) {
		cg_error(g, &n->loc, "@entry is only valid in .return probes");
		return xstrdup("0");
	}
	if (t == TYPE_STRING)
		r = xasprintf("((const char *)(c->ri->data + %s))", off);
	else
		r = xasprintf("(*(int64_t *)(c->ri->data + %s))", off);
	free(off);
	return r;
}

struct el_func *cg_call_target(struct cg *g, struct ast_node *call)
{
	(void)g;
	/* pass 2 binds each call (overloads by arity) in node->aux */
	return call->aux;
}

static const char *param_field(const struct el_func *fn,
			       const struct el_sym *s)
{
	return fn->embedded ? s->name : sym_cname(s);
}

/*
 * Calls fn with the nargs values _t<u>a<k> in a fresh frame, leaving its
 * value in _t<u>r; if fn ran 'next', the same arguments go to the next
 * overload, in a block nested inside this one.
 */
static void call_overloads(struct cg *g, struct strbuf *sb,
			   const struct el_func *fn, int u, int nargs)
{
	int tmp = fn->ret == TYPE_STRING ? cg_tmp(g) : -1;
	int depth = 0;

	for (const struct el_func *o = fn; o; o = o->overload_next, depth++) {
		sb_printf(sb, "{ struct tapc_fr_%s *_t%df = (struct tapc_fr_%s *)"
			  "(c->frames + c->nesting * TAPC_FRAME_SIZE); ",
			  o->cname, u, o->cname);
		for (int k = 0; k < nargs && (size_t)k < o->params.n; k++) {
			const struct el_sym *ps = o->params.v[k];

			if (ps->type == TYPE_STRING)
				sb_printf(sb, "tapc_strcpy(_t%df->%s, _t%da%d); ",
					  u, param_field(o, ps), u, k);
			else
				sb_printf(sb, "_t%df->%s = _t%da%d; ", u,
					  param_field(o, ps), u, k);
		}
		sb_printf(sb, "c->nesting++; tapc_fn_%s(c); c->nesting--; "
			  "if (unlikely(c->last_error)) goto %s; ", o->cname,
			  g->err_label);
		if (o->overload_next)
			sb_printf(sb, "if (!_t%df->__next) ", u);
		if (fn->ret == TYPE_STRING)
			sb_printf(sb, "_t%dr = tapc_strcpy(%s->__tmp%d, "
				  "_t%df->__retvalue); ", u, g->base, tmp, u);
		else if (fn->ret == TYPE_LONG)
			sb_printf(sb, "_t%dr = _t%df->__retvalue; ", u, u);
		else if (o->overload_next)
			sb_puts(sb, "; ");
		if (o->overload_next)
			sb_puts(sb, "else ");
	}
	while (depth--)
		sb_puts(sb, "} ");
}

/* A call to a script or embedded-C function through the frame stack. */
static char *func_call(struct cg *g, struct ast_node *n, struct el_func *fn)
{
	struct strbuf sb;
	struct ast_node *a = n->u.call.args;
	int u = cg_uniq(g), i = 0;
	char *w = cg_where(&n->loc);

	sb_init(&sb);
	sb_puts(&sb, "({ ");
	for (; a; a = a->next, i++) {
		char *ae = cg_expr(g, a);

		if ((size_t)i >= fn->params.n) {
			cg_error(g, &a->loc, "too many arguments to '%s'",
				 fn->name);
			free(ae);
			break;
		}
		sb_printf(&sb, "%s _t%da%d = %s; ",
			  a->type == TYPE_STRING ? "const char *" : "int64_t",
			  u, i, ae);
		free(ae);
	}
	if ((size_t)i < fn->params.n)
		cg_error(g, &n->loc, "too few arguments to '%s'", fn->name);
	if (fn->ret == TYPE_STRING)
		sb_printf(&sb, "const char *_t%dr = \"\"; ", u);
	else if (fn->ret == TYPE_LONG)
		sb_printf(&sb, "int64_t _t%dr = 0; ", u);
	sb_printf(&sb, "if (unlikely(c->nesting >= MAXNESTING)) { "
		  "tapc_ctx_errorf(c, %s, \"MAXNESTING exceeded (limit %%d) "
		  "calling '%s'\", MAXNESTING); goto %s; } ",
		  w, fn->name, g->err_label);
	call_overloads(g, &sb, fn, u, i);
	if (fn->ret != TYPE_VOID && fn->ret != TYPE_UNKNOWN)
		sb_printf(&sb, "_t%dr; })", u);
	else
		sb_puts(&sb, "(void)0; })");
	free(w);
	return sb_steal(&sb);
}

static struct ast_node *arg_n(struct ast_node *call, int i)
{
	struct ast_node *a = call->u.call.args;

	while (a && i--)
		a = a->next;
	return a;
}

/* kernel_long() & co: name, bits, signed */
static const struct {
	const char *name;
	int bits;
	bool sign;
} kreads[] = {
	{ "kernel_long", 64, true },
	{ "kernel_pointer", 64, false },
	{ "kernel_int", 32, true },
	{ "kernel_short", 16, true },
	{ "kernel_char", 8, true },
};

/*
 * A fault-safe read of one bits-wide integer at addr, kernel memory or
 * user memory; a fault stops the handler with "kernel read fault at
 * 0x... WHERE" (where: "near function 'kernel_long'", "in @kderef").
 */
static char *int_read(struct cg *g, const char *w, const char *addr,
		      int bits, bool sign, bool user, const char *where)
{
	int u = cg_uniq(g);
	char *rd = user ?
		xasprintf("copy_from_user_nofault(&_t%dv, (const void __user *)"
			  "(unsigned long)_t%d, sizeof(_t%dv))", u, u, u) :
		xasprintf("tapc_kread_u%d(_t%d, &_t%dv)", bits, u, u);
	char *r = xasprintf("({ int64_t _t%d = %s; u%d _t%dv = 0; "
			    "if (unlikely(%s)) { tapc_ctx_errorf(c, %s, \"%s read "
			    "fault at 0x%%llx %s\", (unsigned long long)_t%d); "
			    "goto %s; } (int64_t)(%s%d)_t%dv; })",
			    u, addr, bits, u, rd, w, user ? "user" : "kernel",
			    where, u, g->err_label, sign ? "s" : "u", bits, u);

	free(rd);
	return r;
}

static char *builtin_call(struct cg *g, struct ast_node *n)
{
	const char *name = n->u.call.name;
	struct ast_node *a0 = arg_n(n, 0), *a1 = arg_n(n, 1), *a2 = arg_n(n, 2);
	char *x = a0 ? cg_expr(g, a0) : NULL;
	char *y = a1 ? cg_expr(g, a1) : NULL;
	char *z = a2 ? cg_expr(g, a2) : NULL;
	char *w = cg_where(&n->loc), *r = NULL;
	int u = cg_uniq(g);

	if (!strcmp(name, "exit")) {
		r = xstrdup("({ tapc_session_request_exit(); (void)0; })");
	} else if (!strcmp(name, "error") && x) {
		r = xasprintf("({ tapc_ctx_error(c, %s, NULL); goto %s; (void)0; })",
			      x, g->err_label);
	} else if (!strcmp(name, "warn") && x) {
		r = xasprintf("({ const char *_t%d = %s; tapc_transport_write("
			      "TAPC_REC_WARN, _t%d, strnlen(_t%d, MAXSTRINGLEN)); "
			      "(void)0; })", u, x, u, u);
	} else if (!strcmp(name, "strlen") && x) {
		r = xasprintf("((int64_t)strnlen(%s, MAXSTRINGLEN))", x);
	} else if (!strcmp(name, "substr") && z) {
		r = xasprintf("((const char *)tapc_substr(%s->__tmp%d, %s, %s, %s))",
			      g->base, cg_tmp(g), x, y, z);
	} else if (!strcmp(name, "isinstr") && y) {
		r = xasprintf("((int64_t)(strstr(%s, %s) != NULL))", x, y);
	} else if (!strcmp(name, "strtol") && x) {
		r = xasprintf("tapc_strtol(%s, %s)", x, y ? y : "10");
	} else if ((!strcmp(name, "kernel_string") ||
		    !strcmp(name, "kernel_string_n") ||
		    !strcmp(name, "user_string") ||
		    !strcmp(name, "user_string_n")) && x) {
		bool user = name[0] == 'u';
		int k = cg_tmp(g);
		char *sz = y ? xasprintf("min_t(int64_t, MAXSTRINGLEN, "
					 "max_t(int64_t, 0, %s) + 1)", y) :
			       xstrdup("MAXSTRINGLEN");

		r = xasprintf("({ int64_t _t%d = %s; if (unlikely(tapc_%sstring("
			      "%s->__tmp%d, _t%d, %s) < 0)) { tapc_ctx_errorf(c, %s, "
			      "\"%s read fault at 0x%%llx near function '%s'\", "
			      "(unsigned long long)_t%d); goto %s; } "
			      "(const char *)%s->__tmp%d; })",
			      u, x, user ? "u" : "k", g->base, k, u, sz, w,
			      user ? "user string" : "kernel", name, u,
			      g->err_label, g->base, k);
		free(sz);
	} else {
		for (size_t i = 0; i < sizeof(kreads) / sizeof(kreads[0]); i++) {
			if (strcmp(name, kreads[i].name) || !x)
				continue;
			char *where = xasprintf("near function '%s'", name);

			r = int_read(g, w, x, kreads[i].bits, kreads[i].sign,
				     false, where);
			free(where);
		}
	}
	if (!r) {
		char *sp = cg_sprint_expr(g, n);

		r = sp ? sp : NULL;
	}
	if (!r) {
		cg_error(g, &n->loc, "bad call to builtin '%s'", name);
		r = xstrdup("0");
	}
	free(x);
	free(y);
	free(z);
	free(w);
	return r;
}

/*
 * @kregister(n) / @uregister(n): DWARF register n of the probed context
 * or of the current task's user registers; @kderef(size, addr) /
 * @uderef(size, addr): an unsigned integer read fault-safely; @const
 * ("NAME"): the C constant NAME (guru mode, checked in pass 2).
 */
static char *atop(struct cg *g, struct ast_node *n)
{
	const char *op = n->u.call.name + 1;
	struct ast_node *a0 = n->u.call.args, *a1 = a0 ? a0->next : NULL;
	char *w = cg_where(&n->loc), *r, *x;
	int u = cg_uniq(g);

	if (!strcmp(op, "kregister") || !strcmp(op, "uregister")) {
		bool user = op[0] == 'u';

		r = xasprintf("({ struct pt_regs *_t%d = %s; if (unlikely(!_t%d)) "
			      "{ tapc_ctx_errorf(c, %s, \"@%s: no registers "
			      "here\"); goto %s; } (int64_t)tapc_dwarf_reg(_t%d, "
			      "%d); })", u, user ? "(current->mm ? "
			      "task_pt_regs(current) : NULL)" : "c->regs", u, w,
			      op, g->err_label, u, (int)a0->u.num.value);
	} else if (!strcmp(op, "kderef") || !strcmp(op, "uderef")) {
		char *where = xasprintf("in @%s", op);

		x = cg_expr(g, a1);
		r = int_read(g, w, x, 8 * (int)a0->u.num.value, false,
			     op[0] == 'u', where);
		free(where);
		free(x);
	} else if (!strcmp(op, "const")) {
		r = xasprintf("((int64_t)(%.*s))", (int)a0->u.str.len,
			      a0->u.str.value);
	} else {
		cg_error(g, &n->loc, "@%s is not supported", op);
		r = xstrdup("0");
	}
	free(w);
	return r;
}

static char *call(struct cg *g, struct ast_node *n)
{
	/* pass 2 binds script and tapset functions first: they may define
	 * a name codegen also knows (user_string with an err_msg, say) */
	struct el_func *fn = cg_call_target(g, n);

	if (!fn && codegen_is_builtin(n->u.call.name))
		return builtin_call(g, n);
	if (!fn) {
		cg_error(g, &n->loc, "unresolved function '%s'",
			 n->u.call.name);
		return xstrdup("0");
	}
	return func_call(g, n, fn);
}

char *cg_expr(struct cg *g, struct ast_node *n)
{
	char *a, *b, *c3, *r;

	switch (n->kind) {
	case AST_NUM:
		return num_lit(n->u.num.value);
	case AST_STR:
		return cg_cstr(n->u.str.value, n->u.str.len);
	case AST_IDENT:
		if (!n->sym) {
			cg_error(g, &n->loc, "unresolved identifier '%s'",
				 n->u.ident.name);
			return xstrdup("0");
		}
		if (n->sym->arity || n->sym->type == TYPE_STATS) {
			cg_error(g, &n->loc, "'%s' is not a scalar value",
				 n->sym->name);
			return xstrdup("0");
		}
		r = cg_lvalue_scalar(g, n->sym);
		if (n->sym->type == TYPE_STRING) {
			a = xasprintf("((const char *)%s)", r);
			free(r);
			return a;
		}
		return r;
	case AST_INDEX:
		return index_read(g, n);
	case AST_CALL:
		return call(g, n);
	case AST_UNARY:
		a = cg_expr(g, n->u.op.lhs);
		if (n->u.op.op == '!')
			r = xasprintf("((int64_t)!(%s))", a);
		else if (n->u.op.op == '-')
			r = xasprintf("((int64_t)-(uint64_t)(%s))", a);
		else
			r = xasprintf("(%c(%s))", n->u.op.op, a);
		free(a);
		return r;
	case AST_PREINC:
	case AST_POSTINC:
		return incdec(g, n);
	case AST_BINARY:
		return binary(g, n);
	case AST_TERNARY:
		a = cg_expr(g, n->u.op.lhs);
		b = cg_expr(g, n->u.op.rhs);
		c3 = cg_expr(g, n->u.op.third);
		r = xasprintf("((%s) ? (%s) : (%s))", a, b, c3);
		free(a);
		free(b);
		free(c3);
		return r;
	case AST_ASSIGN:
		return assign(g, n);
	case AST_IN:
		return in_expr(g, n);
	case AST_TARGET:
		return target(g, n);
	case AST_STAT:
		return cg_stat_expr(g, n);
	case AST_DEFINED:
		return xstrdup(n->u.unary_stmt.expr &&
			       n->u.unary_stmt.expr->aux ? "1LL" : "0LL");
	case AST_ENTRY:
		return entry(g, n);
	case AST_ATOP:
		return atop(g, n);
	default:
		cg_error(g, &n->loc, "cannot translate %s here",
			 ast_kind_name(n->kind));
		return xstrdup("0");
	}
}
