/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * grammar.y - the SystemTap script grammar (pass 1).
 *
 * Tokens come from parse_lex() in parse.c, already preprocessed (no %( %),
 * @define, $1 or @1 ever reaches this file).  Every action calls exactly
 * one ast_*() builder from ast_build.c; checks that need more than the
 * grammar (lvalues, literal ranges, sort markers) live there.
 *
 * Statements need no ';' between them, as in stap.  That makes the end of
 * an expression ambiguous ("x = a -b" is one statement, not two), and the
 * ambiguity is resolved the way stap resolves it: an expression continues
 * as long as it can.  The LOWEST precedence below encodes exactly that.
 */
%require "3.8"
%define api.pure full
%define api.location.type {struct src_loc}
%define parse.error custom
%locations
%param {struct parser *p}

%code requires {
#include "parse_int.h"
#include "ast_build.h"
}

%code {
int yylex(YYSTYPE *lval, YYLTYPE *lloc, struct parser *p);
static void yyerror(const YYLTYPE *loc, struct parser *p, const char *msg);

/* A rule's range runs from its first to its last symbol; an empty rule
 * sits just after the previous symbol. */
#define YYLLOC_DEFAULT(cur, rhs, n)					\
	do {								\
		if (n)							\
			(cur) = src_loc_span(&YYRHSLOC(rhs, 1),		\
					     &YYRHSLOC(rhs, n));	\
		else							\
			(cur) = ast_loc_after(&YYRHSLOC(rhs, 0));	\
	} while (0)
}

%union {
	struct tok_val tok;
	struct ast_node *node;
	struct ast_list list;
	struct ast_param *param;
	struct ast_fe *fe;
	int i;
}

%token END 0 "end of input"
%token <tok> IDENT "identifier" NUM "number" STRING "string"
%token <tok> EMBEDDED "embedded code"
%token <tok> TVAR "target variable" TCONTEXT "context variable"
%token PRETTY1 "'$'" PRETTY2 "'$$'"
%token <tok> PROBE "'probe'" GLOBAL "'global'" FUNCTION "'function'"
%token <tok> PRIVATE "'private'" IF "'if'" ELSE "'else'" WHILE "'while'"
%token <tok> FOR "'for'" FOREACH "'foreach'" IN "'in'" LIMIT "'limit'"
%token <tok> RETURN "'return'" DELETE "'delete'" BREAK "'break'"
%token <tok> CONTINUE "'continue'" NEXT "'next'" TRY "'try'" CATCH "'catch'"
%token <tok> AT_CAST "'@cast'" AT_VAR "'@var'" AT_DEFINED "'@defined'"
%token <tok> AT_CHOOSE "'@choose_defined'" AT_ENTRY "'@entry'"
%token <tok> AT_PROBEWRITE "'@probewrite'" AT_STAT "statistic operator"
%token <tok> AT_OP "'@' operator"
/* preprocessor tokens: consumed by preproc.c, never seen by the grammar */
%token <tok> AT_MACRO "macro" AT_ARG "'@N'" ARG "'$N'" ARGC "'$#'"
%token <tok> AT_DEFINE "'@define'"
%token PP_OPEN "'%('" PP_THEN "'%?'" PP_ELSE "'%:'" PP_CLOSE "'%)'"
%token EQ "'=='" NE "'!='" LE "'<='" GE "'>='" SHL "'<<'" SHR "'>>'"
%token LAND "'&&'" LOR "'||'" MATCH "'=~'" NOMATCH "'!~'" AGG "'<<<'"
%token USHR "'>>>'" USHREQ "'>>>='"
%token INC "'++'" DEC "'--'" ARROW "'->'"
%token ADDEQ "'+='" SUBEQ "'-='" MULEQ "'*='" DIVEQ "'/='" MODEQ "'%='"
%token SHLEQ "'<<='" SHREQ "'>>='" ANDEQ "'&='" XOREQ "'^='" OREQ "'|='"
%token CATEQ "'.='"

/* lowest first */
%precedence LOWEST
%precedence IDENT NUM STRING TVAR TCONTEXT EMBEDDED AT_CAST AT_VAR
	    AT_DEFINED AT_CHOOSE AT_ENTRY AT_PROBEWRITE AT_STAT AT_OP '!' '~' ';'
%precedence IFX
%precedence ELSE
%right '=' ADDEQ SUBEQ MULEQ DIVEQ MODEQ SHLEQ SHREQ ANDEQ XOREQ OREQ CATEQ
       USHREQ AGG
%right '?' ':'
%left LOR
%left LAND
%left '|'
%left '^'
%left '&'
%precedence IN
%left EQ NE MATCH NOMATCH
%left '<' '>' LE GE
%left SHL SHR USHR
%left '.'
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY
%precedence INC DEC
%precedence '(' '['

%type <node> probe_def func_def point component comp_arg global_var gname
%type <node> global_init block stmt simple_stmt opt_expr expr primary
%type <node> string_lit target_expr target_chain target_base key acbase
%type <list> points comps stmts exprs opt_exprs global_list keys fe_slice
%type <param> params opt_params param
%type <tok> comp_name comp_word wild anyword keyword opt_type
%type <fe> fe_head fe_keys fe_keylist
%type <i> marks fe_sort assign_op
%type <tok> fe_stat

%%

/* file -> top_item* */
file:
	  %empty
	| file top_item
	;

/* top_item -> probe | [private] function | [private] global ... | %{ %} */
top_item:
	  probe_def			{ ast_toplevel(p, $1, false); }
	| PRIVATE probe_def		{ ast_toplevel(p, $2, true); }
	| func_def			{ ast_toplevel(p, $1, false); }
	| PRIVATE func_def		{ ast_toplevel(p, $2, true); }
	| GLOBAL global_list		{ ast_globals(p, &$2, false); }
	| PRIVATE GLOBAL global_list	{ ast_globals(p, &$3, true); }
	| EMBEDDED	{ ast_toplevel(p, ast_embedded(p, &@1, &$1, AST_EMBEDDED), false); }
	| ';'				{ ast_empty_item(p); }
	| error				{ ast_recovered(p); }
	;

/* probe -> 'probe' points block | 'probe' points ('=' | '+=') points block */
probe_def:
	  PROBE points block		{ $$ = ast_probe(p, &@$, $2.head, $3); }
	| PROBE points '=' points block	{ $$ = ast_alias(p, &@$, $2.head, $4.head, $5, false); }
	| PROBE points ADDEQ points block { $$ = ast_alias(p, &@$, $2.head, $4.head, $5, true); }
	;

points:
	  point				{ $$ = ast_list_one($1); }
	| points ',' point		{ $$ = ast_list_add(&$1, $3); }
	;

/* point -> component ('.' component)* ['?' | '!']* ['if' '(' expr ')'] */
point:
	  comps marks			{ $$ = ast_point(p, &@$, $1.head, $2, NULL); }
	| comps marks IF '(' expr ')'	{ $$ = ast_point(p, &@$, $1.head, $2, $5); }
	;

marks:
	  %empty			{ $$ = 0; }
	| marks '?'			{ $$ = ast_mark(p, &@2, $1, 1); }
	| marks '!'			{ $$ = ast_mark(p, &@2, $1, 2); }
	;

comps:
	  component			{ $$ = ast_list_one($1); }
	| comps '.' component		{ $$ = ast_list_add(&$1, $3); }
	;

/* component -> name ['(' [literal] ')'] */
component:
	  comp_name			{ $$ = ast_component(p, &@$, &$1, NULL, false); }
	| comp_name '(' ')'		{ $$ = ast_component(p, &@$, &$1, NULL, true); }
	| comp_name '(' comp_arg ')'	{ $$ = ast_component(p, &@$, &$1, $3, true); }
	;

comp_arg:
	  NUM				{ $$ = ast_num(p, &@$, &$1, false); }
	| '-' NUM			{ $$ = ast_num(p, &@$, &$2, true); }
	| string_lit
	;

/* A name is a word, or words and '*' written together: sys_*, *_open */
comp_name:
	  comp_word
	| wild
	;

wild:
	  '*'				{ $$ = ast_name_join(p, NULL, "*"); }
	| comp_word '*'			{ $$ = ast_name_join(p, &$1, "*"); }
	| wild '*'			{ $$ = ast_name_join(p, &$1, "*"); }
	| wild IDENT			{ $$ = ast_name_join(p, &$1, $2.text); }
	;

comp_word:
	  IDENT
	| keyword
	;

anyword:
	  IDENT
	| keyword
	;

keyword:
	  PROBE | GLOBAL | FUNCTION | PRIVATE | IF | ELSE | WHILE | FOR
	| FOREACH | IN | LIMIT | RETURN | DELETE | BREAK | CONTINUE | NEXT
	| TRY | CATCH
	;

/* function -> 'function' name [':' type] '(' params ')' (block | %{ %}) */
func_def:
	  FUNCTION IDENT opt_type '(' opt_params ')' block
			{ $$ = ast_function(p, &@$, &$2, &@3, &$3, $5, $7); }
	| FUNCTION IDENT opt_type '(' opt_params ')' EMBEDDED
			{ $$ = ast_function(p, &@$, &$2, &@3, &$3, $5,
					    ast_embedded(p, &@7, &$7, AST_EMBEDDED_STMT)); }
	;

opt_type:
	  %empty			{ $$ = ast_no_tok(); }
	| ':' IDENT			{ $$ = $2; }
	;

opt_params:
	  %empty			{ $$ = NULL; }
	| params
	;

params:
	  param
	| params ',' param		{ $$ = ast_param_add(p, $1, $3); }
	;

param:
	  IDENT opt_type		{ $$ = ast_param_new(p, &@$, &$1, &$2); }
	;

/* global -> 'global' var (',' var)* ; var -> name ['%'] ['[' N ']'] ['=' literal] */
global_list:
	  global_var			{ $$ = ast_list_one($1); }
	| global_list ',' global_var	{ $$ = ast_list_add(&$1, $3); }
	;

global_var:
	  gname
	| gname '=' global_init		{ $$ = ast_global_init(p, $1, $3); }
	;

gname:
	  IDENT				{ $$ = ast_global(p, &@$, &$1); }
	| gname '%'			{ $$ = ast_global_wrap(p, $1, &@2); }
	| gname '[' NUM ']'		{ $$ = ast_global_size(p, $1, &@3, &$3); }
	;

global_init:
	  NUM				{ $$ = ast_num(p, &@$, &$1, false); }
	| '-' NUM			{ $$ = ast_num(p, &@$, &$2, true); }
	| string_lit
	;

/* block -> '{' stmt* '}' */
block:
	  '{' stmts '}'			{ $$ = ast_block(p, &@$, $2.head); }
	;

stmts:
	  %empty			{ $$ = ast_list_none(); }
	| stmts stmt			{ $$ = ast_list_add(&$1, $2); }
	;

stmt:
	  block
	| ';'				{ $$ = ast_stmt(p, AST_NULL_STMT, &@$, NULL); }
	| simple_stmt %prec LOWEST
	| simple_stmt ';'
	| IF '(' expr ')' stmt %prec IFX
					{ $$ = ast_if(p, &@$, $3, $5, NULL); }
	| IF '(' expr ')' stmt ELSE stmt
					{ $$ = ast_if(p, &@$, $3, $5, $7); }
	| WHILE '(' expr ')' stmt	{ $$ = ast_while(p, &@$, $3, $5); }
	| FOR '(' opt_expr ';' opt_expr ';' opt_expr ')' stmt
					{ $$ = ast_for(p, &@$, $3, $5, $7, $9); }
	| FOREACH '(' fe_head IN IDENT fe_slice fe_stat fe_sort ')' stmt
			{ $$ = ast_foreach(p, &@$, ast_fe_array(p, $3, &@5, &$5, $6.head, &@7, &$7, $8), NULL, $10); }
	| FOREACH '(' fe_head IN IDENT fe_slice fe_stat fe_sort LIMIT expr ')' stmt
			{ $$ = ast_foreach(p, &@$, ast_fe_array(p, $3, &@5, &$5, $6.head, &@7, &$7, $8), $10, $12); }
	| TRY block CATCH block		{ $$ = ast_try(p, &@$, $2, NULL, NULL, $4); }
	| TRY block CATCH '(' IDENT ')' block
					{ $$ = ast_try(p, &@$, $2, &@5, &$5, $7); }
	| error				{ $$ = ast_stmt(p, AST_NULL_STMT, &@$, NULL); }
	;

simple_stmt:
	  expr %prec LOWEST		{ $$ = ast_stmt(p, AST_EXPR_STMT, &@$, $1); }
	| RETURN %prec LOWEST		{ $$ = ast_stmt(p, AST_RETURN, &@$, NULL); }
	| RETURN expr %prec LOWEST	{ $$ = ast_stmt(p, AST_RETURN, &@$, $2); }
	| BREAK				{ $$ = ast_stmt(p, AST_BREAK, &@$, NULL); }
	| CONTINUE			{ $$ = ast_stmt(p, AST_CONTINUE, &@$, NULL); }
	| NEXT				{ $$ = ast_stmt(p, AST_NEXT, &@$, NULL); }
	| DELETE expr %prec LOWEST	{ $$ = ast_stmt(p, AST_DELETE, &@$, $2); }
	;

opt_expr:
	  %empty			{ $$ = NULL; }
	| expr
	;

/* foreach head: [value [sort] '='] (key [sort] | '[' key [sort], ... ']') */
fe_head:
	  fe_keys
	| IDENT fe_sort '=' fe_keys	{ $$ = ast_fe_value(p, $4, &@1, &$1, $2); }
	;

fe_keys:
	  IDENT fe_sort			{ $$ = ast_fe_key(p, NULL, &@1, &$1, $2); }
	| '[' fe_keylist ']'		{ $$ = ast_fe_bracket(p, $2); }
	;

fe_keylist:
	  IDENT fe_sort			{ $$ = ast_fe_key(p, NULL, &@1, &$1, $2); }
	| fe_keylist ',' IDENT fe_sort	{ $$ = ast_fe_key(p, $1, &@3, &$3, $4); }
	;

/* foreach (k in arr[*, v]): iterate over a slice */
fe_slice:
	  %empty			{ $$ = ast_list_none(); }
	| '[' keys ']'			{ $$ = $2; }
	;

/* foreach (k in arr @sum -): sort by a statistic of the values */
fe_stat:
	  %empty			{ $$ = ast_no_tok(); }
	| AT_STAT
	;

fe_sort:
	  %empty			{ $$ = 0; }
	| '+'				{ $$ = 1; }
	| '-'				{ $$ = -1; }
	;

/* expressions, loosest first; see the precedence table above */
expr:
	  expr assign_op expr %prec '='	{ $$ = ast_assign(p, &@$, $2, $1, $3, &@2); }
	| expr '?' expr ':' expr	{ $$ = ast_ternary(p, &@$, $1, $3, $5); }
	| expr LOR expr			{ $$ = ast_binop(p, &@$, OP_LOR, $1, $3); }
	| expr LAND expr		{ $$ = ast_binop(p, &@$, OP_LAND, $1, $3); }
	| expr '|' expr			{ $$ = ast_binop(p, &@$, '|', $1, $3); }
	| expr '^' expr			{ $$ = ast_binop(p, &@$, '^', $1, $3); }
	| expr '&' expr			{ $$ = ast_binop(p, &@$, '&', $1, $3); }
	| expr IN IDENT			{ $$ = ast_in(p, &@$, $1, &@3, &$3); }
	| expr EQ expr			{ $$ = ast_binop(p, &@$, OP_EQ, $1, $3); }
	| expr NE expr			{ $$ = ast_binop(p, &@$, OP_NE, $1, $3); }
	| expr MATCH expr		{ $$ = ast_binop(p, &@$, OP_MATCH, $1, $3); }
	| expr NOMATCH expr		{ $$ = ast_binop(p, &@$, OP_NOMATCH, $1, $3); }
	| expr '<' expr			{ $$ = ast_binop(p, &@$, '<', $1, $3); }
	| expr '>' expr			{ $$ = ast_binop(p, &@$, '>', $1, $3); }
	| expr LE expr			{ $$ = ast_binop(p, &@$, OP_LE, $1, $3); }
	| expr GE expr			{ $$ = ast_binop(p, &@$, OP_GE, $1, $3); }
	| expr SHL expr			{ $$ = ast_binop(p, &@$, OP_SHL, $1, $3); }
	| expr SHR expr			{ $$ = ast_binop(p, &@$, OP_SHR, $1, $3); }
	| expr USHR expr		{ $$ = ast_binop(p, &@$, OP_USHR, $1, $3); }
	| expr '.' expr			{ $$ = ast_binop(p, &@$, '.', $1, $3); }
	| expr '+' expr			{ $$ = ast_binop(p, &@$, '+', $1, $3); }
	| expr '-' expr			{ $$ = ast_binop(p, &@$, '-', $1, $3); }
	| expr '*' expr			{ $$ = ast_binop(p, &@$, '*', $1, $3); }
	| expr '/' expr			{ $$ = ast_binop(p, &@$, '/', $1, $3); }
	| expr '%' expr			{ $$ = ast_binop(p, &@$, '%', $1, $3); }
	| '!' expr %prec UNARY		{ $$ = ast_unop(p, &@$, '!', $2); }
	| '~' expr %prec UNARY		{ $$ = ast_unop(p, &@$, '~', $2); }
	| '-' expr %prec UNARY		{ $$ = ast_unop(p, &@$, '-', $2); }
	| '+' expr %prec UNARY		{ $$ = ast_unop(p, &@$, '+', $2); }
	| INC expr %prec UNARY		{ $$ = ast_incdec(p, &@$, AST_PREINC, OP_INC, $2); }
	| DEC expr %prec UNARY		{ $$ = ast_incdec(p, &@$, AST_PREINC, OP_DEC, $2); }
	| expr INC			{ $$ = ast_incdec(p, &@$, AST_POSTINC, OP_INC, $1); }
	| expr DEC			{ $$ = ast_incdec(p, &@$, AST_POSTINC, OP_DEC, $1); }
	| '&' target_expr %prec UNARY	{ $$ = ast_target_addr(p, &@$, $2); }
	| '[' keys ']' IN IDENT		{ $$ = ast_in_multi(p, &@$, $2.head, &@5, &$5); }
	| primary
	;

assign_op:
	  '='	{ $$ = '='; }	| ADDEQ	{ $$ = '+'; }	| SUBEQ	{ $$ = '-'; }
	| MULEQ	{ $$ = '*'; }	| DIVEQ	{ $$ = '/'; }	| MODEQ	{ $$ = '%'; }
	| SHLEQ	{ $$ = OP_SHL; } | SHREQ { $$ = OP_SHR; } | ANDEQ { $$ = '&'; }
	| USHREQ { $$ = OP_USHR; }
	| XOREQ	{ $$ = '^'; }	| OREQ	{ $$ = '|'; }	| CATEQ	{ $$ = '.'; }
	| AGG	{ $$ = OP_AGG; }
	;

primary:
	  NUM				{ $$ = ast_num(p, &@$, &$1, false); }
	| string_lit %prec LOWEST
	| IDENT %prec LOWEST		{ $$ = ast_ident(p, &@$, &$1); }
	| IDENT '(' opt_exprs ')'	{ $$ = ast_call(p, &@$, &$1, $3.head); }
	| IDENT '[' keys ']'		{ $$ = ast_index(p, &@$, &@1, &$1, $3.head); }
	| '(' expr ')'			{ $$ = ast_paren(p, &@$, $2); }
	| target_expr
	| AT_STAT '(' expr ')'		{ $$ = ast_stat(p, &@$, &$1, $3, NULL); }
	| AT_STAT '(' expr ',' exprs ')' { $$ = ast_stat(p, &@$, &$1, $3, $5.head); }
	| AT_DEFINED '(' expr ')'	{ $$ = ast_wrap1(p, &@$, AST_DEFINED, $3); }
	| AT_ENTRY '(' expr ')'		{ $$ = ast_wrap1(p, &@$, AST_ENTRY, $3); }
	| AT_PROBEWRITE '(' expr ')'	{ $$ = ast_wrap1(p, &@$, AST_PROBEWRITE, $3); }
	| AT_CHOOSE '(' expr ',' expr ')' { $$ = ast_choose_defined(p, &@$, $3, $5); }
	| AT_OP '(' opt_exprs ')'	{ $$ = ast_atop(p, &@$, &$1, $3.head); }
	| EMBEDDED			{ $$ = ast_embedded(p, &@$, &$1, AST_EMBEDDED_STMT); }
	;

string_lit:
	  STRING			{ $$ = ast_str(p, &@$, &$1); }
	| string_lit STRING		{ $$ = ast_str_join(p, &@$, $1, &$2); }
	;

exprs:
	  expr				{ $$ = ast_list_one($1); }
	| exprs ',' expr		{ $$ = ast_list_add(&$1, $3); }
	;

/* array subscripts; '*' (any key) is checked by the statement using it */
keys:
	  key				{ $$ = ast_list_one($1); }
	| keys ',' key			{ $$ = ast_list_add(&$1, $3); }
	;

key:
	  expr
	| '*'				{ $$ = ast_wildcard(p, &@$); }
	;

opt_exprs:
	  %empty			{ $$ = ast_list_none(); }
	| exprs
	;

/* autocast (stap 2.6+): '->' on a plain value, typed by pass 2 */
acbase:
	  IDENT				{ $$ = ast_ident(p, &@$, &$1); }
	| IDENT '(' opt_exprs ')'	{ $$ = ast_call(p, &@$, &$1, $3.head); }
	| IDENT '[' keys ']'		{ $$ = ast_index(p, &@$, &@1, &$1, $3.head); }
	| '(' expr ')'			{ $$ = ast_paren(p, &@$, $2); }
	;

/* target -> base ('->' field | '[' expr ']')* ['$' | '$$'] */
target_expr:
	  target_chain %prec LOWEST
	| target_chain PRETTY1		{ $$ = ast_target_pretty(p, &@$, $1, 1); }
	| target_chain PRETTY2		{ $$ = ast_target_pretty(p, &@$, $1, 2); }
	;

target_chain:
	  target_base
	| target_chain ARROW anyword	{ $$ = ast_target_field(p, &@$, $1, &@3, &$3); }
	| target_chain '[' expr ']'	{ $$ = ast_target_index(p, &@$, $1, $3); }
	;

target_base:
	  TVAR				{ $$ = ast_target(p, &@$, TARGET_VAR, &$1); }
	| acbase ARROW anyword		{ $$ = ast_autocast(p, &@$, $1, &@3, &$3); }
	| TCONTEXT			{ $$ = ast_target(p, &@$, TARGET_CONTEXT, &$1); }
	| AT_CAST '(' expr ',' string_lit ')'
					{ $$ = ast_target_cast(p, &@$, $3, $5, NULL); }
	| AT_CAST '(' expr ',' string_lit ',' string_lit ')'
					{ $$ = ast_target_cast(p, &@$, $3, $5, $7); }
	| AT_VAR '(' string_lit ')'	{ $$ = ast_target_atvar(p, &@$, $3, NULL); }
	| AT_VAR '(' string_lit ',' string_lit ')'
					{ $$ = ast_target_atvar(p, &@$, $3, $5); }
	;

%%

/* Hands bison's view of a syntax error to parse.c, which words it. */
static int yyreport_syntax_error(const yypcontext_t *ctx, struct parser *p)
{
	enum { MAXEXP = 64 };
	yysymbol_kind_t exp[MAXEXP];
	const char *names[MAXEXP];
	int n = yypcontext_expected_tokens(ctx, exp, MAXEXP);
	yysymbol_kind_t got = yypcontext_token(ctx);
	int flags = 0;

	if (n < 0)
		n = 0;
	for (int i = 0; i < n; i++) {
		names[i] = yysymbol_name(exp[i]);
		if (exp[i] == YYSYMBOL_NUM)
			flags |= AST_EXPECT_NUM;
		if (exp[i] == YYSYMBOL_STRING)
			flags |= AST_EXPECT_STR;
		if (exp[i] == YYSYMBOL_PROBE)
			flags |= AST_EXPECT_KEYWORD;
		if (exp[i] == YYSYMBOL_GLOBAL)
			flags |= AST_EXPECT_GLOBAL;
		if (exp[i] == YYSYMBOL_TVAR)
			flags |= AST_EXPECT_EXPR;
		if (exp[i] == YYSYMBOL_IDENT)
			flags |= AST_EXPECT_IDENT;
		if (exp[i] == YYSYMBOL_YYUNDEF)	/* not a real choice */
			names[i] = NULL;
	}
	ast_syntax_error(p, yypcontext_location(ctx),
			 got == YYSYMBOL_YYEMPTY ? NULL : yysymbol_name(got),
			 names, n, flags);
	return 0;
}

/* Only bison's own failures end up here (its stack limit). */
static void yyerror(const YYLTYPE *loc, struct parser *p, const char *msg)
{
	parse_error(p, loc, "%s: the script is nested too deeply (limit is %d levels)",
		    msg, YYMAXDEPTH);
}
