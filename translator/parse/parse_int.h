/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse_int.h - private interface between the pieces of pass 1:
 *
 *	lexer.l      raw tokens with locations (one flex scanner per buffer)
 *	preproc.c    %( %) conditionals, @define macros, $1/@1 arguments
 *	parse.c      entry points; the token feed between preproc and bison
 *	grammar.y    the grammar; every action calls one ast_*() builder
 *	ast_build.c  those builders (checks that need more than grammar)
 *	ast_print.c  the canonical -p1 printer
 *
 * Nothing outside translator/parse/ includes this file.
 */
#ifndef TAPC_PARSE_INT_H
#define TAPC_PARSE_INT_H

#include <stdint.h>

#include "parse.h"

/* The value part of a token (bison's semantic value for tokens). */
struct tok_val {
	const char *text;	/* spelling; decoded bytes for strings */
	size_t len;		/* length of text */
	int64_t num;		/* NUM value; AT_STAT: enum ast_stat_op */
};

/* A token as the preprocessor passes it around. */
struct pp_tok {
	int kind;		/* bison token kind, 0 = end of input */
	struct tok_val v;
	struct src_loc loc;
};

/* Head and tail of a list being built left-recursively (O(1) append). */
struct ast_list {
	struct ast_node *head, *tail;
};

/* foreach header under construction. */
struct ast_fe {
	struct ast_node *value;
	struct ast_list keys;
	struct ast_node *array, *slice;
	bool sort_by_stat;
	enum ast_stat_op sort_stat;
	int nkeys;
	int sort_key, sort_dir;
	bool bracketed;
	struct src_loc sort_loc;
};

struct lexer;
struct pp;

struct parse_bracket {
	struct src_loc loc;
	int errors;		/* p->errors when it was opened */
	int c;			/* '{', '(' or '[' */
};

/* Per-parse state, passed to yyparse, yylex and every builder. */
struct parser {
	const struct parse_env *env;
	struct src_file *file;
	struct ast_file *out;
	struct pp *pp;
	struct hmap local_macros;	/* @define in this file */
	bool macro_file;		/* .stpm: define into env->macros */
	int errors;			/* errors reported for this file */
	int max_errors;
	bool stopped;			/* cap reached: feed end of input */
	/* the token feed: open brackets, for "to close" notes */
	VEC(struct parse_bracket) braces;	/* '{' */
	VEC(struct parse_bracket) parens;	/* '(' and '[' */
	int inject;			/* synthetic '}' still to return */
	struct pp_tok held;		/* token delayed behind injections */
	bool have_held;
	struct pp_tok last;		/* last token handed to bison */
	bool last_close_unmatched;	/* ... a '}' with no '{' open */
	int wildcards;			/* '*' keys not yet checked */
	/* tails of the ast_file lists */
	struct ast_node *probes_tail, *aliases_tail, *funcs_tail,
		*globals_tail, *embedded_tail;
};

/* parse.c */
void parse_error(struct parser *p, const struct src_loc *loc,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Counts and emits d (or drops it when the per-file cap was reached). */
void parse_emit(struct parser *p, struct diag *d);
const struct src_loc *parse_loc_copy(const struct src_loc *loc);
struct src_file *parse_src_new(const char *name, const char *text,
			       size_t len);
const char *parse_token_desc(int kind, const struct tok_val *v, char *buf,
			     size_t sz);

/* lexer.l */
struct lexer *lex_open(struct parser *p, const struct src_file *f,
		       const struct src_loc *via, const char *via_what);
int lex_next(struct lexer *lx, struct pp_tok *t);
void lex_close(struct lexer *lx);
bool lex_is_keyword(int kind);

/* preproc.c */
struct pp *pp_new(struct parser *p, const struct src_file *f);
void pp_free(struct pp *pp);
/* Next fully expanded token (kind 0 at end of input). */
void pp_next(struct pp *pp, struct pp_tok *t);

#endif
