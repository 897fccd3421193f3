// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * emit.c - indentation-aware C writer (see emit.h).
 */
#include <stdarg.h>
#include <string.h>

#include "emit.h"

void emit_init(struct emit *e, FILE *out)
{
	e->out = out;
	e->depth = 0;
}

static void emit_tabs(struct emit *e, int n)
{
	for (int i = 0; i < n; i++)
		fputc('\t', e->out);
}

static void emit_vline(struct emit *e, const char *fmt, va_list ap)
{
	emit_tabs(e, e->depth);
	vfprintf(e->out, fmt, ap);
	fputc('\n', e->out);
}

void emit_line(struct emit *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit_vline(e, fmt, ap);
	va_end(ap);
}

void emit_open(struct emit *e, const char *fmt, ...)
{
	va_list ap;
	int n;

	emit_tabs(e, e->depth);
	va_start(ap, fmt);
	n = vfprintf(e->out, fmt, ap);
	va_end(ap);
	fputs(n > 0 ? " {\n" : "{\n", e->out);
	e->depth++;
}

void emit_close(struct emit *e, const char *suffix)
{
	emit_outdent(e);
	emit_line(e, "}%s", suffix ? suffix : "");
}

void emit_indent(struct emit *e)
{
	e->depth++;
}

void emit_outdent(struct emit *e)
{
	if (e->depth > 0)
		e->depth--;
}

void emit_label(struct emit *e, const char *name)
{
	emit_tabs(e, e->depth > 0 ? e->depth - 1 : 0);
	fprintf(e->out, "%s: __attribute__((unused));\n", name);
}

void emit_blank(struct emit *e)
{
	fputc('\n', e->out);
}

void emit_raw(struct emit *e, const char *text)
{
	size_t n = strlen(text);

	fputs(text, e->out);
	if (n == 0 || text[n - 1] != '\n')
		fputc('\n', e->out);
}
