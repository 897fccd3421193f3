/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diag.h - source locations and diagnostics shared by every pass.
 *
 * A diagnostic is built, decorated with hints and notes, then emitted:
 *
 *	struct diag *d = diag_new(DIAG_ERROR, &tok->loc, "expected ';'");
 *	diag_hint(d, "did you mean '=='?");
 *	diag_note(d, &open->loc, "to close '{' opened here");
 *	diag_emit(d);
 *
 * Rendering (to stderr):
 *
 *	file.stp:3:7: error: expected ';', got identifier 'x'
 *	    3 | probe begin { x = 1 y }
 *	      |       ^~~~~
 *	hint: did you mean '=='?
 *	file.stp:1:1: note: to close '{' opened here
 *	...
 *	in expansion of macro 'foo' at file.stp:9:3   (origin chain)
 *
 * The sink is process-wide (tapc is one compilation per process); counts
 * are kept per severity so passes can ask diag_errors() whether to stop.
 */
#ifndef TAPC_DIAG_H
#define TAPC_DIAG_H

#include <stdbool.h>

/* One source buffer: a script, a tapset file, an -e string, a macro body. */
struct src_file {
	const char *name;	/* path as given, or "<command line>" */
	const char *text;	/* whole contents, NUL-terminated */
	unsigned long len;
};

/*
 * A source range.  Lines and columns are 1-based; columns count bytes.
 * end_col is the column of the last character (inclusive).  'via' is the
 * location of the macro invocation or %( %) branch this text was expanded
 * from (NULL for ordinary text), so errors can show the origin chain.
 */
struct src_loc {
	const struct src_file *file;
	int line, col;
	int end_line, end_col;
	const struct src_loc *via;
	const char *via_what;	/* e.g. "macro 'foo'", or NULL */
};

enum diag_sev { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

struct diag;

struct diag *diag_new(enum diag_sev sev, const struct src_loc *loc,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_hint(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void diag_note(struct diag *d, const struct src_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_emit(struct diag *d);

/* Shorthands: build and emit in one go. */
void diag_error(const struct src_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void diag_warn(const struct src_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Location-less messages: "tapc: error: ..." */
void diag_fatal_noloc(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

int diag_errors(void);
int diag_warnings(void);
void diag_reset_counts(void);
/* Errors beyond this many are counted but not printed (0 = no cap). */
void diag_set_max_errors(int n);
/* Suppress warnings (-w). */
void diag_set_no_warnings(bool off);
/* Mute everything (used when probing optional alternatives). */
void diag_push_mute(void);
void diag_pop_mute(void);
/* Inside a push/pop pair: callers skip their own stderr summaries. */
bool diag_muted(void);
/* Use colour when stderr is a tty and NO_COLOR is unset. */
void diag_set_color(int on);

/* Merge two locations into one range from a's start to b's end. */
struct src_loc src_loc_span(const struct src_loc *a, const struct src_loc *b);

#endif
