// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * autoprint.c - as in stap, a script global that is written but never
 * read is printed when the script ends, after the script's own end
 * probes:
 *
 *	count=42                      a long
 *	name="bash"                   a string
 *	hits["cat",3]=7               an array (longs: largest value first)
 *	lat @count=5 @min=1 ...       an aggregate (or lat @count=0)
 *
 * The display is written as script text, parsed as a file of its own
 * ("<end of run display>") and elaborated like any other probe, so it
 * goes through the same resolution, types and code generation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/parse.h"
#include "internal.h"

/* Globals written by code a probe can reach (not by dead functions). */
struct ap_walk {
	struct hmap written;		/* el_sym cname -> el_sym */
	struct hmap seen_funcs;		/* el_func cname -> el_func */
};

static bool mark_writes(struct ast_node *n, void *arg)
{
	struct ap_walk *w = arg;
	struct ast_node *lhs = NULL;

	switch (n->kind) {
	case AST_ASSIGN:
	case AST_PREINC:
	case AST_POSTINC:
		lhs = n->u.op.lhs;
		break;
	case AST_CALL:
		for (struct el_func *fn = n->aux; fn; fn = fn->overload_next) {
			if (hmap_get(&w->seen_funcs, intern(fn->cname)))
				continue;
			hmap_put(&w->seen_funcs, intern(fn->cname), fn);
			if (!fn->embedded)
				ast_walk(fn->decl->u.func.body, mark_writes, w);
		}
		break;
	default:
		break;
	}
	if (lhs && lhs->kind == AST_INDEX)
		lhs = lhs->u.index.base;
	if (lhs && lhs->kind == AST_IDENT && lhs->sym &&
	    lhs->sym->kind == SYM_GLOBAL)
		hmap_put(&w->written, intern(lhs->sym->cname), lhs->sym);
	return true;
}

static bool wants_display(const struct ap_walk *w, const struct el_sym *g)
{
	return !g->from_tapset && !g->is_read && g->type != TYPE_UNKNOWN &&
	       hmap_get(&w->written, intern(g->cname));
}

/*
 * "[%s,%d]" for the keys and ", k1, k2" for printf's arguments.  Key
 * variables are named per global (__tapc_<global>_k<i>): the locals of
 * one probe share their types.
 */
static void keys(const struct el_sym *g, struct strbuf *fmt,
		 struct strbuf *args)
{
	sb_putc(fmt, '[');
	for (int i = 0; i < g->arity && i < EL_MAX_KEYS; i++) {
		bool str = g->key_types[i] == TYPE_STRING;

		sb_printf(fmt, "%s%s", i ? "," : "", str ? "\\\"%s\\\"" : "%d");
		sb_printf(args, ", __tapc_%s_k%d", g->name, i);
	}
	sb_putc(fmt, ']');
}

static void key_list(const struct el_sym *g, struct strbuf *sb)
{
	for (int i = 0; i < g->arity && i < EL_MAX_KEYS; i++)
		sb_printf(sb, "%s__tapc_%s_k%d", i ? ", " : "", g->name, i);
}

static void stats_line(struct strbuf *out, const char *name,
		       const char *fmt_keys, const char *args, const char *elem)
{
	sb_printf(out, "\t\tif (@count(%s))\n", elem);
	sb_printf(out, "\t\t\tprintf(\"%s%s @count=%%d @min=%%d @max=%%d "
		  "@sum=%%d @avg=%%d\\n\"%s, @count(%s), @min(%s), @max(%s), "
		  "@sum(%s), @avg(%s))\n", name, fmt_keys, args, elem, elem,
		  elem, elem, elem);
	sb_printf(out, "\t\telse\n\t\t\tprintf(\"%s%s @count=0\\n\"%s)\n",
		  name, fmt_keys, args);
}

static void display_one(const struct el_sym *g, struct strbuf *out)
{
	const char *n = g->name;
	struct strbuf fmt, args, ks;
	bool str = g->type == TYPE_STRING;

	if (!g->arity) {
		if (g->type == TYPE_STATS)
			stats_line(out, n, "", "", n);
		else
			sb_printf(out, "\t\tprintf(\"%s=%s\\n\", %s)\n", n,
				  str ? "\\\"%s\\\"" : "%d", n);
		return;
	}
	sb_init(&fmt);
	sb_init(&args);
	sb_init(&ks);
	keys(g, &fmt, &args);
	key_list(g, &ks);
	sb_printf(out, "\t\tforeach ([%s] in %s%s)\n", sb_str(&ks), n,
		  g->type == TYPE_LONG ? "-" : "");
	if (g->type == TYPE_STATS) {
		char *elem = xasprintf("%s[%s]", n, sb_str(&ks));

		stats_line(out, n, sb_str(&fmt), sb_str(&args), elem);
		free(elem);
	} else {
		sb_printf(out, "\t\t\tprintf(\"%s%s=%s\\n\"%s, %s[%s])\n", n,
			  sb_str(&fmt), str ? "\\\"%s\\\"" : "%d", sb_str(&args),
			  n, sb_str(&ks));
	}
	sb_free(&fmt);
	sb_free(&args);
	sb_free(&ks);
}

bool ap_add_display(struct el_ctx *c)
{
	struct strbuf text;
	struct el_file *f;
	size_t first = c->prog->probes.n, n = 0;

	struct ap_walk w;

	hmap_init(&w.written);
	hmap_init(&w.seen_funcs);
	for (size_t i = 0; i < c->prog->probes.n; i++) {
		ast_walk(c->prog->probes.v[i]->cond, mark_writes, &w);
		ast_walk(c->prog->probes.v[i]->body, mark_writes, &w);
	}
	sb_init(&text);
	sb_puts(&text, "probe end {\n");
	for (size_t i = 0; i < c->all_globals.n; i++) {
		const struct el_sym *g = c->all_globals.v[i];

		if (!wants_display(&w, g))
			continue;
		display_one(g, &text);
		n++;
	}
	sb_puts(&text, "}\n");
	hmap_free(&w.written);
	hmap_free(&w.seen_funcs);
	if (!n) {
		sb_free(&text);
		return false;
	}
	f = xcalloc(1, sizeof(*f));
	f->path = "<end of run display>";
	f->ast = parse_string(c->env, f->path, xstrdup(sb_str(&text)), true);
	sb_free(&text);
	if (!f->ast)
		return false;
	ti_add_file(c, f);
	ti_use_file(c, f);
	rs_resolve_more(c);
	/* after every end probe of the script, whatever its priority */
	for (size_t i = first; i < c->prog->probes.n; i++)
		c->prog->probes.v[i]->priority = INT64_MAX;
	return c->prog->probes.n > first;
}
