/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ast_build.h - the builders grammar.y calls, one per grammar action.
 * Each takes the parser (for diagnostics) and the rule's source range.
 * Private to translator/parse/.
 */
#ifndef TAPC_AST_BUILD_H
#define TAPC_AST_BUILD_H

#include "parse_int.h"

#define AST_EXPECT_EXPR		1
#define AST_EXPECT_IDENT	2
#define AST_EXPECT_NUM		4
#define AST_EXPECT_STR		8
#define AST_EXPECT_KEYWORD	16	/* keywords allowed as names */
#define AST_EXPECT_GLOBAL	32	/* 'global' (top level, or a name) */

typedef struct src_loc loc_t;

struct src_loc ast_loc_after(const loc_t *prev);
struct ast_list ast_list_none(void);
struct ast_list ast_list_one(struct ast_node *n);
struct ast_list ast_list_add(struct ast_list *l, struct ast_node *n);
struct tok_val ast_no_tok(void);

/* top level */
void ast_toplevel(struct parser *p, struct ast_node *n, bool is_private);
void ast_globals(struct parser *p, struct ast_list *l, bool is_private);
void ast_recovered(struct parser *p);
void ast_empty_item(struct parser *p);
struct ast_node *ast_probe(struct parser *p, const loc_t *loc,
			   struct ast_node *points, struct ast_node *body);
struct ast_node *ast_alias(struct parser *p, const loc_t *loc,
			   struct ast_node *names, struct ast_node *points,
			   struct ast_node *body, bool epilogue);
struct ast_node *ast_point(struct parser *p, const loc_t *loc,
			   struct ast_node *comps, int marks,
			   struct ast_node *cond);
int ast_mark(struct parser *p, const loc_t *loc, int marks, int bit);
struct ast_node *ast_component(struct parser *p, const loc_t *loc,
			       const struct tok_val *name,
			       struct ast_node *arg, bool parens);
struct tok_val ast_name_join(struct parser *p, const struct tok_val *a,
			     const char *b);
struct ast_node *ast_function(struct parser *p, const loc_t *loc,
			      const struct tok_val *name,
			      const loc_t *type_loc,
			      const struct tok_val *type,
			      struct ast_param *params, struct ast_node *body);
struct ast_param *ast_param_new(struct parser *p, const loc_t *loc,
				const struct tok_val *name,
				const struct tok_val *type);
struct ast_param *ast_param_add(struct parser *p, struct ast_param *list,
				struct ast_param *param);
struct ast_node *ast_global(struct parser *p, const loc_t *loc,
			    const struct tok_val *name);
struct ast_node *ast_global_wrap(struct parser *p, struct ast_node *g,
				 const loc_t *loc);
struct ast_node *ast_global_size(struct parser *p, struct ast_node *g,
				 const loc_t *loc, const struct tok_val *n);
struct ast_node *ast_global_init(struct parser *p, struct ast_node *g,
				 struct ast_node *init);
struct ast_node *ast_embedded(struct parser *p, const loc_t *loc,
			      const struct tok_val *code, enum ast_kind kind);

/* statements */
struct ast_node *ast_block(struct parser *p, const loc_t *loc,
			   struct ast_node *stmts);
struct ast_node *ast_stmt(struct parser *p, enum ast_kind kind,
			  const loc_t *loc, struct ast_node *expr);
struct ast_node *ast_if(struct parser *p, const loc_t *loc,
			struct ast_node *cond, struct ast_node *then,
			struct ast_node *els);
struct ast_node *ast_while(struct parser *p, const loc_t *loc,
			   struct ast_node *cond, struct ast_node *body);
struct ast_node *ast_for(struct parser *p, const loc_t *loc,
			 struct ast_node *init, struct ast_node *cond,
			 struct ast_node *incr, struct ast_node *body);
struct ast_fe *ast_fe_key(struct parser *p, struct ast_fe *fe,
			  const loc_t *loc, const struct tok_val *name,
			  int sort);
struct ast_fe *ast_fe_bracket(struct parser *p, struct ast_fe *fe);
struct ast_fe *ast_fe_value(struct parser *p, struct ast_fe *fe,
			    const loc_t *loc, const struct tok_val *name,
			    int sort);
struct ast_fe *ast_fe_array(struct parser *p, struct ast_fe *fe,
			    const loc_t *arr_loc, const struct tok_val *arr,
			    struct ast_node *slice, const loc_t *stat_loc,
			    const struct tok_val *stat, int sort);
struct ast_node *ast_foreach(struct parser *p, const loc_t *loc,
			     struct ast_fe *fe, struct ast_node *limit,
			     struct ast_node *body);
struct ast_node *ast_try(struct parser *p, const loc_t *loc,
			 struct ast_node *body, const loc_t *var_loc,
			 const struct tok_val *var, struct ast_node *handler);

/* expressions */
struct ast_node *ast_num(struct parser *p, const loc_t *loc,
			 const struct tok_val *t, bool negate);
struct ast_node *ast_str(struct parser *p, const loc_t *loc,
			 const struct tok_val *t);
struct ast_node *ast_str_join(struct parser *p, const loc_t *loc,
			      struct ast_node *s, const struct tok_val *t);
struct ast_node *ast_ident(struct parser *p, const loc_t *loc,
			   const struct tok_val *t);
struct ast_node *ast_call(struct parser *p, const loc_t *loc,
			  const struct tok_val *name, struct ast_node *args);
struct ast_node *ast_index(struct parser *p, const loc_t *loc,
			   const loc_t *name_loc, const struct tok_val *name,
			   struct ast_node *keys);
struct ast_node *ast_paren(struct parser *p, const loc_t *loc,
			   struct ast_node *e);
struct ast_node *ast_assign(struct parser *p, const loc_t *loc, int op,
			    struct ast_node *lhs, struct ast_node *rhs,
			    const loc_t *op_loc);
struct ast_node *ast_ternary(struct parser *p, const loc_t *loc,
			     struct ast_node *c, struct ast_node *a,
			     struct ast_node *b);
struct ast_node *ast_binop(struct parser *p, const loc_t *loc, int op,
			   struct ast_node *a, struct ast_node *b);
struct ast_node *ast_unop(struct parser *p, const loc_t *loc, int op,
			  struct ast_node *e);
struct ast_node *ast_incdec(struct parser *p, const loc_t *loc,
			    enum ast_kind kind, int op, struct ast_node *e);
struct ast_node *ast_in(struct parser *p, const loc_t *loc,
			struct ast_node *key, const loc_t *arr_loc,
			const struct tok_val *arr);
struct ast_node *ast_in_multi(struct parser *p, const loc_t *loc,
			      struct ast_node *keys, const loc_t *arr_loc,
			      const struct tok_val *arr);
struct ast_node *ast_stat(struct parser *p, const loc_t *loc,
			  const struct tok_val *op, struct ast_node *e,
			  struct ast_node *params);
struct ast_node *ast_wildcard(struct parser *p, const loc_t *loc);
struct ast_node *ast_atop(struct parser *p, const loc_t *loc,
			  const struct tok_val *name, struct ast_node *args);
struct ast_node *ast_wrap1(struct parser *p, const loc_t *loc,
			   enum ast_kind kind, struct ast_node *e);
struct ast_node *ast_choose_defined(struct parser *p, const loc_t *loc,
				    struct ast_node *a, struct ast_node *b);
struct ast_node *ast_target(struct parser *p, const loc_t *loc,
			    enum ast_target_kind kind,
			    const struct tok_val *name);
struct ast_node *ast_target_cast(struct parser *p, const loc_t *loc,
				 struct ast_node *e, struct ast_node *type,
				 struct ast_node *module);
struct ast_node *ast_target_atvar(struct parser *p, const loc_t *loc,
				  struct ast_node *name,
				  struct ast_node *module);
struct ast_node *ast_autocast(struct parser *p, const loc_t *loc,
			      struct ast_node *value, const loc_t *field_loc,
			      const struct tok_val *field);
struct ast_node *ast_target_field(struct parser *p, const loc_t *loc,
				  struct ast_node *t, const loc_t *field_loc,
				  const struct tok_val *field);
struct ast_node *ast_target_index(struct parser *p, const loc_t *loc,
				  struct ast_node *t, struct ast_node *e);
struct ast_node *ast_target_pretty(struct parser *p, const loc_t *loc,
				   struct ast_node *t, int level);
struct ast_node *ast_target_addr(struct parser *p, const loc_t *loc,
				 struct ast_node *t);

/* bison's syntax errors, worded for people (parse.c) */
void ast_syntax_error(struct parser *p, const loc_t *loc, const char *got,
		      const char *const *expected, int n, int flags);

#endif
