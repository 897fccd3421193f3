// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dwarf_gen.c - turns a check spec into generated access functions plus a
 * table for dwarf_runner.c, and runs the checks that need no process
 * (function lookup, error messages) directly.  Spec lines:
 *
 *   FUNC WHERE EXPR long N          value at WHERE (entry|probe) == N
 *   FUNC WHERE EXPR str TEXT        kernel_string-style: address of TEXT
 *   FUNC WHERE EXPR pretty TEXT     pretty-print output == TEXT
 *   FUNC WHERE EXPR prettyhas TEXT  pretty-print output contains TEXT
 *   FUNC WHERE EXPR error TEXT      resolution fails, message has TEXT
 *   FUNC WHERE EXPR code TEXT       generated C contains TEXT
 *   find PATTERN - match TEXT       some match line contains TEXT
 *   find PATTERN - nomatch TEXT     no match line contains TEXT
 *   stmt PATTERN - match|nomatch|error TEXT   dw_find_statements()
 *
 * FUNC is a function name, "stmt=PATTERN" (the first statement match,
 * WHERE ignored: its pc) or "inline=NAME" (the first inlined copy, at
 * its entry).  For those two the runner also checks that the reported
 * symbol + probe_offset is the probe address (when the symbol is
 * dynamic).  Link-time addresses go through tapc_kernel_reloc().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dwarf/dwarf.h"

struct ast_node *dwarf_parse_expr(const char *s);
int dwarf_gen(struct dw_kernel *dw, const char *spec, const char *outc);

struct gen {
	struct dw_kernel *dw;
	FILE *out;
	struct strbuf table;
	int nchecks, failures, id;
};

static void result(struct gen *g, bool ok, const char *what, const char *why)
{
	printf("%s: %s%s%.300s\n", ok ? "PASS" : "FAIL", what, ok ? "" : ": ",
	       ok ? "" : why);
	if (!ok)
		g->failures++;
}

struct find_acc {
	struct strbuf lines;
};

static int find_cb(const struct dw_func *f, void *arg)
{
	struct find_acc *a = arg;

	sb_printf(&a->lines, "%s name=%s symbol=%s clone=%d file=%s:%d probe=+%llu",
		  f->kind == DW_FUNC_SYMBOL ? "symbol" :
		  f->kind == DW_FUNC_INLINE ? "inline" : "inline-only",
		  f->name, f->symbol ? f->symbol : "-", f->is_clone,
		  f->decl_file ? f->decl_file : "?", f->decl_line,
		  (unsigned long long)f->probe_offset);
	if (f->src_file)
		sb_printf(&a->lines, " stmt=%s:%d", f->src_file, f->src_line);
	sb_puts(&a->lines, "\n");
	return 0;
}

static void check_find(struct gen *g, const char *pat, const char *kind,
		       const char *text, bool is_stmt)
{
	struct find_acc a;
	struct strbuf err;
	char *what = xasprintf("%s %s %s '%s'", is_stmt ? "stmt" : "find", pat,
			       kind, text);
	bool has;

	sb_init(&a.lines);
	sb_init(&err);
	if (is_stmt)
		dw_find_statements(g->dw, pat, find_cb, &a, &err);
	else
		dw_find_functions(g->dw, pat, strstr(kind, "inl") ?
				  DW_FIND_INLINES : 0, find_cb, &a, &err);
	if (!strcmp(kind, "error")) {
		result(g, strstr(sb_str(&err), text) != NULL, what,
		       err.len ? sb_str(&err) : sb_str(&a.lines));
		goto out;
	}
	has = strstr(sb_str(&a.lines), text) != NULL;
	result(g, !strncmp(kind, "nomatch", 7) ? !has : has, what, sb_str(&a.lines));
out:
	free(what);
	sb_free(&a.lines);
	sb_free(&err);
}

static int pick_symbol(const struct dw_func *f, void *arg)
{
	struct dw_func *out = arg;

	if (f->kind == DW_FUNC_SYMBOL && !out->name)
		*out = *f;
	return 0;
}

static const char *pick_sym;	/* "inline=NAME/SYMBOL": copy in SYMBOL */

static int pick_first(const struct dw_func *f, void *arg)
{
	struct dw_func *out = arg;

	if (!out->name && f->kind != DW_FUNC_INLINE_ONLY &&
	    (!pick_sym || (f->symbol && !strcmp(f->symbol, pick_sym))))
		*out = *f;
	return 0;
}

/* C string literal body of s (quotes and backslashes escaped) */
static char *cstr(const char *s)
{
	struct strbuf sb;

	sb_init(&sb);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_putc(&sb, '\\');
		sb_putc(&sb, *s);
	}
	return sb_steal(&sb);
}

static void check_target(struct gen *g, char **fld, const char *text)
{
	struct dw_func f = { 0 };
	struct dw_target_req req = { 0 };
	struct el_target tv;
	struct strbuf err;
	struct ast_node *n = dwarf_parse_expr(fld[2]);
	char *what = xasprintf("%s %s %s %s", fld[0], fld[1], fld[2], fld[3]);
	char *fn = xasprintf("chk_%d", g->id++);
	bool ok, armable = false;
	char *desc, *ctext;

	sb_init(&err);
	if (!strncmp(fld[0], "stmt=", 5)) {
		dw_find_statements(g->dw, fld[0] + 5, pick_first, &f, &err);
		req.pc = f.probe_addr;
		armable = true;
	} else if (!strncmp(fld[0], "inline=", 7)) {
		char *nm = xstrdup(fld[0] + 7), *sl = strchr(nm, '/');

		if (sl)
			*sl++ = 0;
		pick_sym = sl;
		dw_find_functions(g->dw, nm, DW_FIND_INLINES | DW_FIND_NO_SYMBOLS,
				  pick_first, &f, &err);
		pick_sym = NULL;
		free(nm);
		req.pc = f.entry;
		armable = true;
	} else {
		dw_find_functions(g->dw, fld[0], 0, pick_symbol, &f, &err);
		req.pc = !strcmp(fld[1], "entry") ? f.entry : f.probe_addr;
	}
	if (!f.name || !n) {
		result(g, false, what, err.len ? sb_str(&err) :
		       "no such function or bad expression");
		goto out;
	}
	if (armable && (!f.symbol || f.sym_addr + f.probe_offset != req.pc)) {
		result(g, false, what, "symbol+probe_offset is not the probe pc");
		goto out;
	}
	req.func = &f;
	req.node = n;
	req.fn_name = fn;
	ok = dw_resolve_target(g->dw, &req, &tv, &err);
	if (!strcmp(fld[3], "error")) {
		result(g, !ok && strstr(sb_str(&err), text), what,
		       ok ? "resolved" : sb_str(&err));
		goto out;
	}
	if (!ok) {
		result(g, false, what, sb_str(&err));
		goto out;
	}
	if (!strcmp(fld[3], "code")) {
		result(g, strstr(tv.code, text) != NULL, what, tv.code);
		goto out;
	}
	fprintf(g->out, "/* %s */\n%s\n", tv.desc, tv.code);
	desc = cstr(tv.desc);
	ctext = cstr(text);
	sb_printf(&g->table, "\t{ \"%s at %s: %s %s\", 0x%llxUL, %s, %s, %s, %lldLL, \"%s\", %s%s%s, 0x%llxUL },\n",
		  desc, armable ? "pc" : fld[1], fld[3], ctext,
		  (unsigned long long)req.pc,
		  !strcmp(fld[3], "pretty") ? "CHK_PRETTY" :
		  !strcmp(fld[3], "prettyhas") ? "CHK_PRETTY_HAS" :
		  !strcmp(fld[3], "str") ? "CHK_STR" : "CHK_LONG",
		  tv.type == TYPE_STRING ? "NULL" : fn,
		  tv.type == TYPE_STRING ? fn : "NULL",
		  strtoll(text, NULL, 0), ctext,
		  armable ? "\"" : "", armable ? f.symbol : "NULL",
		  armable ? "\"" : "", (unsigned long long)f.probe_offset);
	free(desc);
	free(ctext);
	g->nchecks++;
out:
	free(what);
	free(fn);
	sb_free(&err);
}

int dwarf_gen(struct dw_kernel *dw, const char *spec, const char *outc)
{
	struct gen g = { .dw = dw };
	FILE *in = fopen(spec, "r");
	char line[1024];

	g.out = fopen(outc, "w");
	if (!in || !g.out) {
		perror("dwarf_gen");
		return 2;
	}
	sb_init(&g.table);
	dw_set_reloc(dw, true);
	fprintf(g.out, "/* generated by dwarf_tool gen %s */\n#include \"dwarf_harness.h\"\n\n",
		spec);
	while (fgets(line, sizeof(line), in)) {
		char *fld[4], *p = line, *text;
		int i;

		line[strcspn(line, "\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		for (i = 0; i < 4; i++) {
			p += strspn(p, " \t");
			fld[i] = p;
			p += strcspn(p, " \t");
			if (*p)
				*p++ = 0;
		}
		text = p + strspn(p, " \t");
		if (!strcmp(fld[0], "find") || !strcmp(fld[0], "stmt"))
			check_find(&g, fld[1], fld[3], text, fld[0][0] == 's');
		else
			check_target(&g, fld, text);
	}
	fprintf(g.out, "const struct tapc_check tapc_checks[] = {\n%s\t{ 0 }\n};\nconst int tapc_nchecks = %d;\n",
		sb_str(&g.table), g.nchecks);
	fclose(g.out);
	fclose(in);
	return g.failures ? 1 : 0;
}
