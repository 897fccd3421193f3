// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * diag.c - collect and render diagnostics.
 *
 * A diagnostic is printed when emitted (tapc is one compilation per
 * process, so there is nothing to sort or merge).  Rendering follows the
 * compiler convention users already know:
 *
 *	file:line:col: error: message
 *	    12 | source line
 *	       |     ^~~~
 *	hint: ...
 *	file:line:col: note: ...
 *	file:line:col: note: in expansion of macro 'm'
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "util/util.h"

#define DIAG_MAX_EXTRA 8

struct diag_note {
	struct src_loc loc;
	bool has_loc;
	char *msg;
};

struct diag {
	enum diag_sev sev;
	struct src_loc loc;
	bool has_loc;
	char *msg;
	char *hints[DIAG_MAX_EXTRA];
	int nhints;
	struct diag_note notes[DIAG_MAX_EXTRA];
	int nnotes;
};

static int n_errors, n_warnings, max_errors, mute_depth;
static bool no_warnings;
static int use_color;

static const char *sev_name[] = { "error", "warning", "note" };
static const char *sev_color[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };

struct diag *diag_new(enum diag_sev sev, const struct src_loc *loc,
		      const char *fmt, ...)
{
	struct diag *d = xcalloc(1, sizeof(*d));
	va_list ap;

	d->sev = sev;
	if (loc && loc->file) {
		d->loc = *loc;
		d->has_loc = true;
	}
	va_start(ap, fmt);
	d->msg = xvasprintf(fmt, ap);
	va_end(ap);
	return d;
}

void diag_hint(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	if (d->nhints == DIAG_MAX_EXTRA)
		return;
	va_start(ap, fmt);
	d->hints[d->nhints++] = xvasprintf(fmt, ap);
	va_end(ap);
}

void diag_note(struct diag *d, const struct src_loc *loc, const char *fmt, ...)
{
	struct diag_note *n;
	va_list ap;

	if (d->nnotes == DIAG_MAX_EXTRA)
		return;
	n = &d->notes[d->nnotes++];
	n->has_loc = loc && loc->file;
	if (n->has_loc)
		n->loc = *loc;
	va_start(ap, fmt);
	n->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Finds line 'line' (1-based) of f; sets *len.  NULL if out of range. */
static const char *src_line(const struct src_file *f, int line, size_t *len)
{
	const char *p, *end;

	if (!f->text || line < 1)
		return NULL;
	p = f->text;
	end = f->text + f->len;
	for (int l = 1; l < line; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			return NULL;
		p++;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((nl ? nl : end) - p);
	if (*len && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

static void print_head(FILE *out, const struct src_loc *loc, bool has_loc,
		       enum diag_sev sev)
{
	if (has_loc)
		fprintf(out, "%s:%d:%d: ", loc->file->name, loc->line,
			loc->col);
	else
		fprintf(out, "tapc: ");
	if (use_color)
		fprintf(out, "%s%s:\033[0m ", sev_color[sev], sev_name[sev]);
	else
		fprintf(out, "%s: ", sev_name[sev]);
}

/* Prints the source line and a caret with a ~~~ underline. */
static void print_snippet(FILE *out, const struct src_loc *loc)
{
	size_t len;
	const char *line = src_line(loc->file, loc->line, &len);
	int width, col, last;

	if (!line)
		return;
	if (len > 400)
		len = 400;
	width = fprintf(out, "%5d | ", loc->line) - 2;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		fputc(c == '\t' || c >= ' ' ? c : ' ', out);
	}
	fputc('\n', out);
	fprintf(out, "%*s| ", width, "");
	col = loc->col < 1 ? 1 : loc->col;
	last = loc->end_line == loc->line ? loc->end_col : (int)len;
	if (last < col)
		last = col;
	for (int i = 1; i < col && (size_t)i <= len; i++)
		fputc(line[i - 1] == '\t' ? '\t' : ' ', out);
	if (use_color)
		fputs("\033[1;32m", out);
	fputc('^', out);
	for (int i = col + 1; i <= last && (size_t)i <= len; i++)
		fputc('~', out);
	if (use_color)
		fputs("\033[0m", out);
	fputc('\n', out);
}

static void print_origin(FILE *out, const struct src_loc *loc)
{
	int depth = 0;

	for (const struct src_loc *v = loc->via; v && v->file; v = v->via) {
		if (++depth > 16) {
			fprintf(out, "note: ... (further expansions omitted)\n");
			break;
		}
		fprintf(out, "%s:%d:%d: note: in expansion of %s\n",
			v->file->name, v->line, v->col,
			loc->via_what ? loc->via_what : "macro");
		loc = v;
	}
}

static void diag_free(struct diag *d)
{
	for (int i = 0; i < d->nhints; i++)
		free(d->hints[i]);
	for (int i = 0; i < d->nnotes; i++)
		free(d->notes[i].msg);
	free(d->msg);
	free(d);
}

void diag_emit(struct diag *d)
{
	FILE *out = stderr;
	bool show = mute_depth == 0;

	/* muted diagnostics (probing an optional alternative, parsing the
	 * tapset library quietly) are neither shown nor counted */
	if (mute_depth) {
		diag_free(d);
		return;
	}
	if (d->sev == DIAG_ERROR) {
		n_errors++;
		if (max_errors && n_errors > max_errors)
			show = false;
	} else if (d->sev == DIAG_WARNING) {
		n_warnings++;
		if (no_warnings)
			show = false;
	}
	if (show) {
		print_head(out, &d->loc, d->has_loc, d->sev);
		fprintf(out, "%s\n", d->msg);
		if (d->has_loc) {
			print_snippet(out, &d->loc);
			print_origin(out, &d->loc);
		}
		for (int i = 0; i < d->nhints; i++)
			fprintf(out, "hint: %s\n", d->hints[i]);
		for (int i = 0; i < d->nnotes; i++) {
			struct diag_note *n = &d->notes[i];

			print_head(out, &n->loc, n->has_loc, DIAG_NOTE);
			fprintf(out, "%s\n", n->msg);
		}
	}
	diag_free(d);
}

/* A one-line diagnostic of the given severity, with no notes or hints. */
static void diag_simple(enum diag_sev lvl, const struct src_loc *loc,
			const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);

	diag_emit(diag_new(lvl, loc, "%s", msg));
	free(msg);
}

void diag_error(const struct src_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_simple(DIAG_ERROR, loc, fmt, ap);
	va_end(ap);
}

void diag_warn(const struct src_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_simple(DIAG_WARNING, loc, fmt, ap);
	va_end(ap);
}

void diag_fatal_noloc(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_simple(DIAG_ERROR, NULL, fmt, ap);
	va_end(ap);
}

int diag_errors(void)
{
	return n_errors;
}

int diag_warnings(void)
{
	return n_warnings;
}

void diag_reset_counts(void)
{
	n_errors = n_warnings = 0;
}

void diag_set_max_errors(int n)
{
	max_errors = n;
}

void diag_set_no_warnings(bool off)
{
	no_warnings = off;
}

void diag_push_mute(void)
{
	mute_depth++;
}

void diag_pop_mute(void)
{
	if (mute_depth > 0)
		mute_depth--;
}

bool diag_muted(void)
{
	return mute_depth > 0;
}

void diag_set_color(int on)
{
	if (on < 0)
		on = isatty(2) && !getenv("NO_COLOR");
	use_color = on;
}

struct src_loc src_loc_span(const struct src_loc *a, const struct src_loc *b)
{
	struct src_loc r = *a;

	if (b && b->file == a->file &&
	    (b->end_line > a->line ||
	     (b->end_line == a->line && b->end_col >= a->col))) {
		r.end_line = b->end_line;
		r.end_col = b->end_col;
	}
	return r;
}
