// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dump.c - the -p2 listing: globals with types, functions with
 * signatures, and each concrete probe with the alias chain it came from,
 * where it is armed, its locals and its body.  Stable and plain, so tests
 * can compare it.
 */
#include <inttypes.h>
#include <string.h>

#include "internal.h"

static const char *kind_name(enum el_probe_kind k)
{
	switch (k) {
	case PROBE_BEGIN: return "begin";
	case PROBE_END: return "end";
	case PROBE_ERROR: return "error";
	case PROBE_NEVER: return "never";
	case PROBE_TIMER: return "timer";
	case PROBE_PROFILE: return "profile";
	case PROBE_KPROBE: return "kprobe";
	case PROBE_KRETPROBE: return "kretprobe";
	case PROBE_TRACEPOINT: return "tracepoint";
	}
	return "?";
}

static void dump_sym(const struct el_sym *s, FILE *out)
{
	int i;

	fprintf(out, "%s:%s", s->name, ast_type_name(s->type));
	if (s->arity > 0) {
		fputs(" [", out);
		for (i = 0; i < s->arity && i < EL_MAX_KEYS; i++)
			fprintf(out, "%s%s", i ? ", " : "",
				ast_type_name(s->key_types[i]));
		fputc(']', out);
	}
}

/* A "tapset context.stp" comment for definitions pulled from the library
 * (the file name only, so the listing does not depend on where the
 * library is installed). */
static void dump_from(const struct ast_node *decl, bool from_tapset, FILE *out)
{
	const char *path, *slash;

	if (!from_tapset || !decl || !decl->loc.file || !decl->loc.file->name)
		return;
	path = decl->loc.file->name;
	slash = strrchr(path, '/');
	fprintf(out, " /* tapset %s */", slash ? slash + 1 : path);
}

static void dump_syms(const char *what, void *vec, FILE *out)
{
	VEC(struct el_sym *) *v = vec;
	size_t i;

	if (!v->n)
		return;
	fprintf(out, "  %s:", what);
	for (i = 0; i < v->n; i++) {
		fputc(' ', out);
		dump_sym(v->v[i], out);
	}
	fputc('\n', out);
}

static void dump_probe(const struct el_probe *p, FILE *out)
{
	const struct el_origin *o;

	fprintf(out, "probe %s /* %s", p->pp, kind_name(p->kind));
	if ((p->kind == PROBE_KPROBE || p->kind == PROBE_KRETPROBE) &&
	    p->u.kp.symbol)
		fprintf(out, " %s+0x%" PRIx64, p->u.kp.symbol, p->u.kp.offset);
	else if (p->kind == PROBE_KPROBE)	/* .absolute: a raw address */
		fprintf(out, " 0x%" PRIx64, p->u.kp.addr);
	if (p->kind == PROBE_TIMER)
		fprintf(out, " period=%" PRId64 "ns", p->u.timer.period_ns);
	if (p->optional)
		fputs(" optional", out);
	fputs(" */\n", out);
	if (p->origin && p->origin->next) {
		fputs("  from:", out);
		for (o = p->origin; o; o = o->next)
			fprintf(out, " %s%s", o->point, o->next ? " ->" : "");
		fputc('\n', out);
	}
	if (p->cond) {
		fputs("  if: ", out);
		ast_print_node(p->cond, out, 0);
		fputc('\n', out);
	}
	dump_syms("locals", (void *)&p->locals, out);
	if (p->entry_saves.n)
		fprintf(out, "  entry saves: %zu\n", p->entry_saves.n);
	ast_print_node(p->body, out, 1);
	fputc('\n', out);
}

void el_dump_program(const struct el_program *p, FILE *out)
{
	size_t i, j;

	if (p->globals.n)
		fputs("# globals\n", out);
	for (i = 0; i < p->globals.n; i++) {
		dump_sym(p->globals.v[i], out);
		dump_from(p->globals.v[i]->decl, p->globals.v[i]->from_tapset,
			  out);
		fputc('\n', out);
	}
	if (p->funcs.n)
		fputs("# functions\n", out);
	for (i = 0; i < p->funcs.n; i++) {
		const struct el_func *fn = p->funcs.v[i];

		fprintf(out, "%s:%s (", fn->name, ast_type_name(fn->ret));
		for (j = 0; j < fn->params.n; j++) {
			fputs(j ? ", " : "", out);
			dump_sym(fn->params.v[j], out);
		}
		fputs(")", out);
		if (fn->embedded)
			fputs(" %{ embedded-C %}", out);
		dump_from(fn->decl, fn->from_tapset, out);
		fputc('\n', out);
		dump_syms("locals", (void *)&fn->locals, out);
	}
	fputs("# probes\n", out);
	for (i = 0; i < p->probes.n; i++)
		dump_probe(p->probes.v[i], out);
}
