// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dwarf_tool.c - command-line driver for translator/dwarf/, used by the
 * DWARF unit tests (testsuite/unit/dwarf_test.sh, tapc.dwarf/dwarf.exp).
 *
 *   dwarf_tool ELF|-k find PATTERN [inlines]   one line per match
 *   dwarf_tool ELF|-k stmt PATTERN             statement probe matches
 *   dwarf_tool ELF|-k target FUNC EXPR [return|entry]   the C, or the error
 *   dwarf_tool ELF|-k vars FUNC                      -L style listing
 *   dwarf_tool ELF|-k tp EVENT                       tracepoint arguments
 *   dwarf_tool ELF gen SPEC OUT.c                    value-check harness C
 *
 * "-k" opens the default cached kernel vmlinux, "kernel:PATH" a given one,
 * "module:NAME" a module's debuginfo (dw_open_module, default release).  EXPR is a tiny subset of
 * the script syntax: [&]$name{->f|.f|[N]|[i]}[$|$$], $$parms...,
 * @cast(p, "type"[, "module"]){...} and @var("name[@file]"[, "module"]){...}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "dwarf/dwarf.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char *kind_name(enum dw_func_kind k)
{
	return k == DW_FUNC_SYMBOL ? "symbol" :
	       k == DW_FUNC_INLINE ? "inline" : "inline-only";
}

static int print_func(const struct dw_func *f, void *arg)
{
	printf("%s name=%s symbol=%s clone=%d entry=0x%llx probe=+%llu file=%s:%d exported=%d",
	       kind_name(f->kind), f->name, f->symbol ? f->symbol : "-",
	       f->is_clone, (unsigned long long)f->entry,
	       (unsigned long long)f->probe_offset,
	       f->decl_file ? f->decl_file : "?", f->decl_line, f->exported);
	if (f->src_file)
		printf(" pc=0x%llx stmt=%s:%d", (unsigned long long)f->probe_addr,
		       f->src_file, f->src_line);
	printf("\n");
	return 0;
}

static int first_func(const struct dw_func *f, void *arg)
{
	struct dw_func *out = arg;

	if (out->name && out->kind == DW_FUNC_SYMBOL)
		return 0;
	*out = *f;
	return 0;
}

/* Parses the EXPR subset into an AST_TARGET node. */
struct ast_node *dwarf_parse_expr(const char *s);
struct ast_node *dwarf_parse_expr(const char *s)
{
	struct ast_node *n = xcalloc(1, sizeof(*n));
	struct ast_tstep **tail = &n->u.target.steps;
	const char *p = s;
	int nidx = 0;

	n->kind = AST_TARGET;
	if (*p == '&') {
		n->u.target.addr_of = true;
		p++;
	}
	if (!strncmp(p, "@cast(", 6) || !strncmp(p, "@var(", 5)) {
		const char *q = strchr(p, '"'), *e = q ? strchr(q + 1, '"') : NULL;

		if (!e)
			return NULL;
		n->u.target.tkind = p[1] == 'c' ? TARGET_CAST : TARGET_ATVAR;
		n->u.target.name = xstrndup(q + 1, e - q - 1);
		p = e + 1 + strspn(e + 1, " ");
		if (*p == ',') {	/* "module" */
			q = strchr(p, '"');
			e = q ? strchr(q + 1, '"') : NULL;
			if (!e)
				return NULL;
			n->u.target.module = xstrndup(q + 1, e - q - 1);
			p = e + 1;
		}
		p = strchr(p, ')');
		if (!p)
			return NULL;
		p++;
	} else if (!strncmp(p, "$$", 2)) {
		size_t l = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz");

		n->u.target.tkind = TARGET_CONTEXT;
		n->u.target.name = xstrndup(p + 2, l);
		p += 2 + l;
	} else if (*p == '$') {
		size_t l = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

		n->u.target.tkind = TARGET_VAR;
		n->u.target.name = xstrndup(p + 1, l);
		p += 1 + l;
	} else {
		return NULL;
	}
	while (*p) {
		struct ast_tstep *st = xcalloc(1, sizeof(*st));
		size_t l;

		if (!strncmp(p, "->", 2) || *p == '.') {
			st->arrow = *p == '-';
			p += st->arrow ? 2 : 1;
			l = strspn(p, "abcdefghijklmnopqrstuvwxyz"
				   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			st->kind = TSTEP_FIELD;
			st->field = xstrndup(p, l);
			p += l;
		} else if (*p == '[') {
			struct ast_node *ix = xcalloc(1, sizeof(*ix));

			st->kind = TSTEP_INDEX;
			if (p[1] >= '0' && p[1] <= '9') {
				ix->kind = AST_NUM;
				ix->u.num.value = strtoll(p + 1, NULL, 0);
			} else {
				ix->kind = AST_IDENT;	/* runtime subscript */
				nidx++;
			}
			st->index = ix;
			p = strchr(p, ']') + 1;
		} else if (*p == '$') {
			free(st);
			n->u.target.pretty = !strcmp(p, "$$") ? 2 : 1;
			break;
		} else {
			return NULL;
		}
		*tail = st;
		tail = &st->next;
	}
	return n;
}

static struct dw_kernel *open_target(const char *arg)
{
	if (!strcmp(arg, "-k"))
		return dw_open_kernel(NULL, NULL);
	if (!strncmp(arg, "kernel:", 7))
		return dw_open_kernel(arg + 7, NULL);
	if (!strncmp(arg, "module:", 7)) {
		struct strbuf err;
		struct dw_kernel *dw;

		sb_init(&err);
		dw = dw_open_module(arg + 7, NULL, &err);
		if (!dw)
			fprintf(stderr, "ERROR: %s\n", sb_str(&err));
		sb_free(&err);
		return dw;
	}
	return dw_open_elf(arg);
}

static bool lookup_func(struct dw_kernel *dw, const char *name,
			struct dw_func *f)
{
	struct strbuf err;

	sb_init(&err);
	memset(f, 0, sizeof(*f));
	dw_find_functions(dw, name, 0, first_func, f, &err);
	sb_free(&err);
	if (!f->name)
		printf("ERROR: no function %s\n", name);
	return f->name != NULL;
}

static int cmd_target(struct dw_kernel *dw, int argc, char **argv)
{
	struct dw_func f;
	struct dw_target_req req = { 0 };
	struct el_target out;
	struct strbuf err;
	struct ast_node *n;

	if (argc < 2 || !lookup_func(dw, argv[0], &f))
		return 1;
	n = dwarf_parse_expr(argv[1]);
	if (!n) {
		printf("ERROR: cannot parse %s\n", argv[1]);
		return 1;
	}
	req.func = &f;
	req.node = n;
	req.at_return = argc > 2 && !strcmp(argv[2], "return");
	req.pc = argc > 2 && !strcmp(argv[2], "entry") ? f.entry : 0;
	sb_init(&err);
	if (!dw_resolve_target(dw, &req, &out, &err)) {
		printf("ERROR: %s\n", sb_str(&err));
		return 1;
	}
	printf("/* %s type=%s nindex=%d */\n%s", out.desc,
	       out.type == TYPE_STRING ? "string" : "long", out.nindex, out.code);
	return 0;
}

static void print_var(const char *name, const char *ctype, bool is_param,
		      void *arg)
{
	printf("%s $%s:%s\n", is_param ? "param" : "local", name, ctype);
}

static int cmd_tp(struct dw_kernel *dw, const char *event)
{
	struct dw_tracepoint tp;
	struct strbuf err;
	int i;

	sb_init(&err);
	if (!dw_find_tracepoint(dw, event, &tp, &err)) {
		printf("ERROR: %s\n", sb_str(&err));
		return 1;
	}
	printf("tracepoint %s nargs=%d\n", tp.event, tp.nargs);
	for (i = 0; i < tp.nargs; i++)
		printf("arg%d $%s:%s\n", i, tp.arg_names[i], tp.arg_types[i]);
	return 0;
}

int dwarf_gen(struct dw_kernel *dw, const char *spec, const char *outc);

/* bench FUNC:EXPR[:return]...: resolve each, print the elapsed time */
static int cmd_bench(struct dw_kernel *dw, int argc, char **argv, double t0)
{
	int i, bad = 0;

	for (i = 0; i < argc; i++) {
		char *a = xstrdup(argv[i]);
		char *e = strchr(a, ':'), *r;
		struct dw_func f;
		struct dw_target_req req = { 0 };
		struct el_target out;
		struct strbuf err;

		if (!e)
			return 2;
		*e++ = 0;
		r = strchr(e, ':');
		if (r)
			*r++ = 0;
		if (!lookup_func(dw, a, &f)) {
			bad++;
			continue;
		}
		req.func = &f;
		req.node = dwarf_parse_expr(e);
		req.at_return = r && !strcmp(r, "return");
		sb_init(&err);
		if (!dw_resolve_target(dw, &req, &out, &err)) {
			printf("ERROR: %s\n", sb_str(&err));
			bad++;
		}
		free(a);
	}
	printf("bench %d accesses %.1f ms\n", argc, now_ms() - t0);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct dw_kernel *dw;
	double t0 = now_ms();
	int rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: see dwarf_tool.c\n");
		return 2;
	}
	dw = open_target(argv[1]);
	if (!dw)
		return 2;
	if (!strcmp(argv[2], "find") && argc > 3) {
		struct strbuf err;
		int n;

		sb_init(&err);
		n = dw_find_functions(dw, argv[3],
				      argc > 4 && !strcmp(argv[4], "inlines") ?
				      DW_FIND_INLINES : 0, print_func, NULL, &err);
		if (n < 0)
			printf("ERROR: %s\n", sb_str(&err));
		printf("matches %d\n", n);
	} else if (!strcmp(argv[2], "stmt") && argc > 3) {
		struct strbuf err;
		int n;

		sb_init(&err);
		n = dw_find_statements(dw, argv[3], print_func, NULL, &err);
		if (n <= 0 && err.len)
			printf("ERROR: %s\n", sb_str(&err));
		printf("matches %d\n", n);
	} else if (!strcmp(argv[2], "target")) {
		rc = cmd_target(dw, argc - 3, argv + 3);
	} else if (!strcmp(argv[2], "vars") && argc > 3) {
		struct dw_func f;

		if (lookup_func(dw, argv[3], &f))
			dw_list_vars(dw, &f, 0, print_var, NULL);
	} else if (!strcmp(argv[2], "tp") && argc > 3) {
		rc = cmd_tp(dw, argv[3]);
	} else if (!strcmp(argv[2], "bench")) {
		rc = cmd_bench(dw, argc - 3, argv + 3, t0);
	} else if (!strcmp(argv[2], "gen") && argc > 4) {
		rc = dwarf_gen(dw, argv[3], argv[4]);
	} else {
		fprintf(stderr, "dwarf_tool: bad command\n");
		rc = 2;
	}
	if (getenv("DWARF_TOOL_TIME"))
		fprintf(stderr, "time %.1f ms\n", now_ms() - t0);
	dw_close(dw);
	return rc;
}
