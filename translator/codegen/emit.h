/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * emit.h - indentation-aware C writer.
 *
 * Codegen never writes tabs itself: emit_line() indents to the current
 * depth, emit_indent()/emit_outdent() change it.  The writer knows nothing
 * about the script language.
 */
#ifndef TAPC_CODEGEN_EMIT_H
#define TAPC_CODEGEN_EMIT_H

#include <stdio.h>

struct emit {
	FILE *out;
	int depth;
};

void emit_init(struct emit *e, FILE *out);
/* One line at the current depth (a trailing newline is added). */
void emit_line(struct emit *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "text {" then depth+1 / depth-1 then "}text" */
void emit_open(struct emit *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void emit_close(struct emit *e, const char *suffix);
void emit_indent(struct emit *e);
void emit_outdent(struct emit *e);
/* A label, one level left of the current depth (kernel style). */
void emit_label(struct emit *e, const char *name);
void emit_blank(struct emit *e);
/* Verbatim text (embedded C), newline-terminated. */
void emit_raw(struct emit *e, const char *text);

#endif
