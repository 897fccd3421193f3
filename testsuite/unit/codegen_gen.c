// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * codegen_gen.c - build small el_programs by hand (no parser or elaborate
 * pass needed), run pass 3 on them and write one module source per case:
 *
 *	codegen_gen OUTDIR		writes OUTDIR/<case>/<case>.c + Kbuild
 *
 * codegen_test.sh builds them against the kernel headers and runs them in
 * the guest with taprun, comparing with the expected output of each case.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codegen/codegen.h"
#include "elaborate/program.h"

static struct src_file src = { .name = "unit.stp", .text = "", .len = 0 };
static int line = 1;
static struct el_program *P;
static struct el_probe *PR;	/* probe being built: locals go here */
static struct el_func *FN;	/* function being built */

static struct src_loc L(void)
{
	struct src_loc l = { .file = &src, .line = line, .col = 1,
			     .end_line = line, .end_col = 1 };
	return l;
}

static struct ast_node *nd(enum ast_kind k, enum ast_type t)
{
	struct src_loc l = L();
	struct ast_node *n = ast_new(k, &l);

	n->type = t;
	return n;
}

static struct ast_node *num(int64_t v)
{
	struct ast_node *n = nd(AST_NUM, TYPE_LONG);

	n->u.num.value = v;
	return n;
}

static struct ast_node *str(const char *s)
{
	struct ast_node *n = nd(AST_STR, TYPE_STRING);

	n->u.str.value = s;
	n->u.str.len = strlen(s);
	return n;
}

static int nsym;

static struct el_sym *sym(enum el_sym_kind k, const char *name,
			  enum ast_type t)
{
	struct el_sym *s = xcalloc(1, sizeof(*s));

	s->kind = k;
	s->name = name;
	s->cname = xasprintf("%s_%d", name, nsym++);
	s->type = t;
	return s;
}

static struct el_sym *global(const char *name, enum ast_type t, int arity,
			     enum ast_type kt)
{
	struct el_sym *s = sym(SYM_GLOBAL, name, t);

	s->arity = arity;
	for (int i = 0; i < arity; i++)
		s->key_types[i] = kt;
	vec_push(&P->globals, s);
	return s;
}

static struct el_sym *local(const char *name, enum ast_type t)
{
	struct el_sym *s = sym(SYM_LOCAL, name, t);

	if (FN)
		vec_push(&FN->locals, s);
	else
		vec_push(&PR->locals, s);
	return s;
}

static struct ast_node *id(struct el_sym *s)
{
	struct ast_node *n = nd(AST_IDENT, s->type);

	n->u.ident.name = s->name;
	n->sym = s;
	return n;
}

static struct ast_node *list(struct ast_node *first, va_list ap)
{
	struct ast_node *head = first, *tail = first, *x;

	while (tail && (x = va_arg(ap, struct ast_node *))) {
		tail->next = x;
		tail = x;
	}
	return head;
}

static struct ast_node *idx(struct el_sym *s, struct ast_node *k, ...)
{
	struct ast_node *n = nd(AST_INDEX, s->type);
	va_list ap;

	va_start(ap, k);
	n->u.index.base = id(s);
	n->u.index.keys = list(k, ap);
	va_end(ap);
	n->sym = s;
	return n;
}

static struct ast_node *call(const char *name, enum ast_type t, ...)
{
	struct ast_node *n = nd(AST_CALL, t);
	va_list ap;

	va_start(ap, t);
	n->u.call.name = name;
	n->u.call.args = list(va_arg(ap, struct ast_node *), ap);
	va_end(ap);
	for (size_t i = 0; i < P->funcs.n; i++)
		if (!strcmp(P->funcs.v[i]->name, name))
			n->aux = P->funcs.v[i];
	return n;
}

static struct ast_node *bin(int op, struct ast_node *a, struct ast_node *b)
{
	struct ast_node *n = nd(AST_BINARY, TYPE_LONG);

	n->u.op.op = op;
	n->u.op.lhs = a;
	n->u.op.rhs = b;
	if (op == '.')
		n->type = TYPE_STRING;
	return n;
}

static struct ast_node *asg(int op, struct ast_node *a, struct ast_node *b)
{
	struct ast_node *n = nd(AST_ASSIGN, a->type);

	n->u.op.op = op;
	n->u.op.lhs = a;
	n->u.op.rhs = b;
	return n;
}

static struct ast_node *inc(struct ast_node *a)
{
	struct ast_node *n = nd(AST_POSTINC, TYPE_LONG);

	n->u.op.op = OP_INC;
	n->u.op.lhs = a;
	return n;
}

static struct ast_node *st(struct ast_node *e)
{
	struct ast_node *n;

	if (e->kind < AST_NUM)
		return e;
	n = nd(AST_EXPR_STMT, TYPE_UNKNOWN);
	n->u.unary_stmt.expr = e;
	line++;
	return n;
}

static struct ast_node *block(struct ast_node *first, ...)
{
	struct ast_node *n = nd(AST_BLOCK, TYPE_UNKNOWN);
	va_list ap;

	va_start(ap, first);
	n->u.block.stmts = list(first, ap);
	va_end(ap);
	return n;
}

static struct ast_node *ctl(enum ast_kind k, struct ast_node *init,
			    struct ast_node *cond, struct ast_node *incr,
			    struct ast_node *then, struct ast_node *els)
{
	struct ast_node *n = nd(k, TYPE_UNKNOWN);

	n->u.ctl.init = init;
	n->u.ctl.cond = cond;
	n->u.ctl.incr = incr;
	n->u.ctl.then = then;
	n->u.ctl.els = els;
	line++;
	return n;
}

static struct ast_node *sx(enum ast_stat_op op, struct ast_node *agg,
			     struct ast_node *params)
{
	struct ast_node *n = nd(AST_STAT, TYPE_LONG);

	n->u.stat.sop = op;
	n->u.stat.expr = agg;
	n->u.stat.params = params;
	return n;
}

static struct ast_node *try_(struct ast_node *body, struct el_sym *var,
			     struct ast_node *cbody)
{
	struct ast_node *n = nd(AST_TRY, TYPE_UNKNOWN);

	n->u.try_.body = body;
	n->u.try_.catch_var = var ? id(var) : NULL;
	n->u.try_.catch_body = cbody;
	return n;
}

static struct ast_node *ret(struct ast_node *e)
{
	struct ast_node *n = nd(AST_RETURN, TYPE_UNKNOWN);

	n->u.unary_stmt.expr = e;
	return n;
}

#define PRINTF(...) st(call("printf", TYPE_VOID, __VA_ARGS__, NULL))

static struct el_probe *probe(enum el_probe_kind k, const char *pp)
{
	struct el_probe *p = xcalloc(1, sizeof(*p));

	p->kind = k;
	p->pp = pp;
	p->index = (int)P->probes.n;
	vec_push(&P->probes, p);
	PR = p;
	FN = NULL;
	return p;
}

static struct el_func *func(const char *name, enum ast_type ret_t,
			    const char *embedded)
{
	struct el_func *f = xcalloc(1, sizeof(*f));

	f->name = name;
	f->cname = xasprintf("%s_%d", name, nsym++);
	f->ret = ret_t;
	f->decl = nd(AST_FUNCTION, TYPE_UNKNOWN);
	f->decl->u.func.name = name;
	if (embedded) {
		f->embedded = true;
		f->embedded_code = embedded;
	}
	f->used = true;
	vec_push(&P->funcs, f);
	FN = f;
	return f;
}

static struct el_sym *param(const char *name, enum ast_type t)
{
	struct el_sym *s = sym(SYM_PARAM, name, t);

	vec_push(&FN->params, s);
	return s;
}

static struct ast_node *exit_stmt(void)
{
	return st(call("exit", TYPE_VOID, NULL));
}

/* ---- cases ---- */

/* begin: printf, locals, functions (script + embedded), loops, strings,
 * try/catch. */
static void case_basic(void)
{
	struct el_sym *n = global("n", TYPE_LONG, 0, 0);
	struct el_sym *gs = global("gs", TYPE_STRING, 0, 0);
	struct el_sym *a, *b, *x, *i, *s, *e, *r;
	struct el_func *add, *pidf, *fact;

	gs->init = str("hi");
	add = func("add", TYPE_LONG, NULL);
	a = param("a", TYPE_LONG);
	b = param("b", TYPE_LONG);
	add->decl->u.func.body = block(ret(bin('+', id(a), id(b))), NULL);
	pidf = func("mypid", TYPE_LONG, "\tSTAP_RETVALUE = 42 + THIS->k + STAP_ARG_k;\n");
	param("k", TYPE_LONG);
	fact = func("fact", TYPE_LONG, NULL);
	a = param("k", TYPE_LONG);
	fact->decl->u.func.body = block(
		ctl(AST_IF, NULL, bin(OP_LE, id(a), num(1)), NULL,
		    ret(num(1)), NULL),
		ret(bin('*', id(a), call("fact", TYPE_LONG,
					 bin('-', id(a), num(1)), NULL))),
		NULL);
	(void)pidf;

	probe(PROBE_BEGIN, "begin");
	x = local("x", TYPE_LONG);
	i = local("i", TYPE_LONG);
	s = local("s", TYPE_STRING);
	e = local("e", TYPE_STRING);
	r = local("r", TYPE_LONG);
	PR->body = block(
		st(asg('=', id(x), num(5))),
		st(asg('=', id(n), call("add", TYPE_LONG, id(x), num(3), NULL))),
		PRINTF(str("n=%d gs=%s x=%5d|%-4s|%04x|%#o|%c|%+d\n"), id(n),
		       id(gs), id(x), str("ab"), num(255), num(8), num('Z'),
		       num(7)),
		ctl(AST_FOR, st(asg('=', id(i), num(0))),
		    bin('<', id(i), num(3)), inc(id(i)), st(inc(id(n))), NULL),
		st(asg('=', id(s), bin('.', id(gs), str(" there")))),
		st(asg('.', id(s), str("!"))),
		PRINTF(str("n=%d s=%s len=%d mypid=%d fact=%d\n"), id(n), id(s),
		       call("strlen", TYPE_LONG, id(s), NULL),
		       call("mypid", TYPE_LONG, num(1), NULL),
		       call("fact", TYPE_LONG, num(10), NULL)),
		ctl(AST_WHILE, NULL, bin('>', id(x), num(0)), NULL,
		    block(st(asg('-', id(x), num(2))),
			  ctl(AST_IF, NULL, bin(OP_EQ, id(x), num(1)), NULL,
			      block(nd(AST_BREAK, TYPE_UNKNOWN), NULL), NULL),
			  NULL), NULL),
		try_(block(st(asg('=', id(r), bin('/', num(10), bin('-', id(x), num(1))))),
			   PRINTF(str("not reached\n")), NULL), e,
		     block(PRINTF(str("caught: %s\n"), id(e)), NULL)),
		st(call("println", TYPE_VOID,
			call("sprintf", TYPE_STRING, str("%s-%d"), str("sp"),
			     num(-12), NULL),
			NULL)),
		PRINTF(str("substr=%s isinstr=%d strtol=%d cmp=%d\n"),
		       call("substr", TYPE_STRING, str("abcdef"), num(2),
			    num(3), NULL),
		       call("isinstr", TYPE_LONG, str("abcdef"), str("cd"),
			    NULL),
		       call("strtol", TYPE_LONG, str("0x1f"), num(16), NULL),
		       bin('<', str("abc"), str("abd"))),
		exit_stmt(),
		NULL);
}

/* kprobe + kretprobe on __x64_sys_getppid, a global counter. */
static void case_kprobe(void)
{
	struct el_sym *n = global("hits", TYPE_LONG, 0, 0);
	struct el_sym *rets = global("rets", TYPE_LONG, 0, 0);
	struct el_sym *sum = global("retsum", TYPE_LONG, 0, 0);
	struct el_target *t = xcalloc(1, sizeof(*t));
	struct ast_node *tn;
	struct el_entry_save es;
	struct ast_node *en;

	probe(PROBE_KPROBE, "kernel.function(\"__x64_sys_getppid\")");
	PR->u.kp.symbol = "__x64_sys_getppid";
	PR->body = block(st(inc(id(n))), NULL);

	probe(PROBE_KRETPROBE, "kernel.function(\"__x64_sys_getppid\").return");
	PR->u.kp.symbol = "__x64_sys_getppid";
	t->fn = "tapc_tv_ret";
	t->code = "static int tapc_tv_ret(struct tapc_ctx *c, int64_t *out)\n"
		  "{\n\t*out = (int64_t)regs_return_value(c->regs);\n\treturn 0;\n}\n";
	t->type = TYPE_LONG;
	t->desc = "$return";
	vec_push(&P->targets, t);
	tn = nd(AST_TARGET, TYPE_LONG);
	tn->u.target.name = "return";
	tn->aux = t;
	en = nd(AST_ENTRY, TYPE_LONG);
	en->u.unary_stmt.expr = bin('+', num(7), num(1000));
	es.expr = en;
	es.slot = 0;
	vec_push(&PR->entry_saves, es);
	PR->body = block(st(inc(id(rets))),
			 st(asg('+', id(sum), bin('-', tn, tn))),
			 ctl(AST_IF, NULL, bin(OP_NE, en, num(1007)), NULL,
			     block(PRINTF(str("bad entry\n")), NULL), NULL),
			 NULL);

	probe(PROBE_END, "end");
	PR->body = block(PRINTF(str("hits>=3 %d rets>=3 %d sum %d\n"),
				bin(OP_GE, id(n), num(3)),
				bin(OP_GE, id(rets), num(3)), id(sum)),
			 NULL);
}

/* arrays, foreach (sorted, limit), delete, in, aggregates, hist_log,
 * aggregate arrays */
static void case_arrays(void)
{
	struct el_sym *a = global("a", TYPE_LONG, 1, TYPE_STRING);
	struct el_sym *ag = global("ag", TYPE_STATS, 0, 0);
	struct el_sym *aa = global("aa", TYPE_STATS, 1, TYPE_LONG);
	struct el_sym *k, *v, *i;
	struct ast_node *fe;

	probe(PROBE_BEGIN, "begin");
	i = local("i", TYPE_LONG);
	k = local("k", TYPE_STRING);
	v = local("v", TYPE_LONG);
	fe = nd(AST_FOREACH, TYPE_UNKNOWN);
	fe->u.foreach.value = id(v);
	fe->u.foreach.keys = id(k);
	fe->u.foreach.array = id(a);
	fe->u.foreach.sort_key = -1;
	fe->u.foreach.sort_dir = -1;
	fe->u.foreach.limit = num(3);
	fe->sym = a;
	fe->u.foreach.body = block(PRINTF(str("%s=%d\n"), id(k), id(v)), NULL);
	{
		struct ast_node *ke = nd(AST_FOREACH, TYPE_UNKNOWN);
		struct ast_node *in = nd(AST_IN, TYPE_LONG);
		struct ast_node *del = nd(AST_DELETE, TYPE_UNKNOWN);
		struct ast_node *fa = nd(AST_FOREACH, TYPE_UNKNOWN);
		struct ast_node *in2 = nd(AST_IN, TYPE_LONG);

		in2->u.index.base = id(a);
		in2->u.index.keys = str("two");
		in2->sym = a;

		ke->u.foreach.keys = id(k);
		ke->u.foreach.array = id(a);
		ke->u.foreach.sort_key = 1;
		ke->u.foreach.sort_dir = 1;
		ke->sym = a;
		ke->u.foreach.body = block(PRINTF(str("key %s\n"), id(k)), NULL);
		in->u.index.base = id(a);
		in->u.index.keys = str("two");
		in->sym = a;
		del->u.unary_stmt.expr = idx(a, str("two"), NULL);
		fa->u.foreach.keys = id(i);
		fa->u.foreach.array = id(aa);
		fa->u.foreach.sort_key = 1;
		fa->u.foreach.sort_dir = 1;
		fa->sym = aa;
		fa->u.foreach.body = block(
			PRINTF(str("aa[%d] count=%d sum=%d\n"), id(i),
			       sx(STAT_COUNT, idx(aa, id(i), NULL), NULL),
			       sx(STAT_SUM, idx(aa, id(i), NULL), NULL)),
			NULL);
		PR->body = block(
			st(asg('=', idx(a, str("one"), NULL), num(1))),
			st(asg('=', idx(a, str("two"), NULL), num(2))),
			st(asg('=', idx(a, str("three"), NULL), num(3))),
			st(asg('=', idx(a, str("four"), NULL), num(4))),
			st(inc(idx(a, str("four"), NULL))),
			fe, ke,
			PRINTF(str("in=%d\n"), in), del,
			PRINTF(str("after delete in=%d a[two]=%d\n"), in2,
			       idx(a, str("two"), NULL)),
			ctl(AST_FOR, st(asg('=', id(i), num(0))),
			    bin('<', id(i), num(100)), inc(id(i)),
			    block(st(asg(OP_AGG, id(ag), id(i))),
				  st(asg(OP_AGG, idx(aa, bin('%', id(i), num(3)), NULL),
					 id(i))), NULL), NULL),
			PRINTF(str("count=%d sum=%d min=%d max=%d avg=%d\n"),
			       sx(STAT_COUNT, id(ag), NULL),
			       sx(STAT_SUM, id(ag), NULL),
			       sx(STAT_MIN, id(ag), NULL),
			       sx(STAT_MAX, id(ag), NULL),
			       sx(STAT_AVG, id(ag), NULL)),
			st(call("print", TYPE_VOID,
				sx(STAT_HIST_LOG, id(ag), NULL), NULL)),
			fa,
			exit_stmt(), NULL);
	}
}

/* a timer and a tracepoint */
static void case_timer(void)
{
	struct el_sym *t = global("ticks", TYPE_LONG, 0, 0);
	struct el_sym *sw = global("switches", TYPE_LONG, 0, 0);

	probe(PROBE_TIMER, "timer.ms(10)");
	PR->u.timer.period_ns = 10000000;
	PR->body = block(st(inc(id(t))),
			 ctl(AST_IF, NULL, bin(OP_GE, id(t), num(5)), NULL,
			     exit_stmt(), NULL), NULL);
	probe(PROBE_TRACEPOINT, "kernel.trace(\"sched:sched_switch\")");
	PR->u.tp.system = "sched";
	PR->u.tp.event = "sched_switch";
	PR->body = block(st(inc(id(sw))), NULL);
	probe(PROBE_END, "end");
	PR->body = block(PRINTF(str("ticks=%d switches>0=%d\n"), id(t),
				bin('>', id(sw), num(0))), NULL);
}

/* limits: one probe per error, chosen by a module parameter */
static void lim_case(const char *pp, struct ast_node *body)
{
	probe(PROBE_BEGIN, pp);
	PR->body = body;
}

static void case_maxaction(void)
{
	lim_case("begin", block(ctl(AST_WHILE, NULL, num(1), NULL,
				    block(nd(AST_NULL_STMT, 0), NULL), NULL),
				NULL));
}

static void case_divzero(void)
{
	struct el_sym *z;

	probe(PROBE_BEGIN, "begin");
	z = local("z", TYPE_LONG);
	PR->body = block(PRINTF(str("%d\n"), bin('/', num(1), id(z))), NULL);
}

static void case_badread(void)
{
	lim_case("begin", block(PRINTF(str("%s\n"),
				       call("kernel_string", TYPE_STRING, num(0),
					    NULL)), NULL));
}

static void case_nesting(void)
{
	struct el_func *f = func("rec", TYPE_LONG, NULL);
	struct el_sym *k = param("k", TYPE_LONG);

	f->decl->u.func.body = block(ret(call("rec", TYPE_LONG,
					      bin('+', id(k), num(1)), NULL)),
				     NULL);
	probe(PROBE_BEGIN, "begin");
	PR->body = block(PRINTF(str("%d\n"), call("rec", TYPE_LONG, num(0),
						  NULL)), NULL);
}

static void case_full(void)
{
	struct el_sym *a = global("full", TYPE_LONG, 1, TYPE_LONG);
	struct el_sym *i;

	probe(PROBE_BEGIN, "begin");
	i = local("i", TYPE_LONG);
	PR->body = block(ctl(AST_FOR, st(asg('=', id(i), num(0))),
			     bin('<', id(i), num(100)), inc(id(i)),
			     block(st(asg('=', idx(a, id(i), NULL), id(i))), NULL),
			     NULL), NULL);
}

static void case_strlen(void)
{
	struct el_sym *s;

	probe(PROBE_BEGIN, "begin");
	s = local("s", TYPE_STRING);
	PR->body = block(st(asg('=', id(s), str("0123456789abcdef"))),
			 PRINTF(str("%s %d\n"), id(s),
				call("strlen", TYPE_LONG, id(s), NULL)),
			 exit_stmt(), NULL);
}

static const struct {
	const char *name;
	void (*fn)(void);
	const char *defines;
} cases[] = {
	{ "basic", case_basic, NULL },
	{ "kprobe", case_kprobe, NULL },
	{ "arrays", case_arrays, NULL },
	{ "timer", case_timer, NULL },
	{ "maxaction", case_maxaction, NULL },
	{ "divzero", case_divzero, NULL },
	{ "badread", case_badread, NULL },
	{ "nesting", case_nesting, NULL },
	{ "full", case_full, "MAXMAPENTRIES=16" },
	{ "strlen", case_strlen, "MAXSTRINGLEN=8" },
};

int main(int argc, char **argv)
{
	int fails = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: codegen_gen OUTDIR\n");
		return 2;
	}
	mkdir(argv[1], 0755);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *dir = xasprintf("%s/%s", argv[1], cases[i].name);
		char *path = xasprintf("%s/cg_%s.c", dir, cases[i].name);
		char *mod = xasprintf("cg_%s", cases[i].name);
		const char *defs[1] = { cases[i].defines };
		struct codegen_opts o = { .module_name = mod,
					  .script_name = cases[i].name,
					  .defines = defs,
					  .ndefines = cases[i].defines ? 1 : 0 };
		FILE *f;

		mkdir(dir, 0755);
		P = xcalloc(1, sizeof(*P));
		line = 1;
		cases[i].fn();
		f = fopen(path, "w");
		if (!f || codegen_program(P, &o, f) != 0) {
			fprintf(stderr, "codegen failed for %s\n", cases[i].name);
			fails++;
		}
		if (f)
			fclose(f);
	}
	return fails ? 1 : 0;
}
