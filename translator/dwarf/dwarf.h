/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf.h - DWARF queries for pass 2, on top of elfutils libdw/libdwfl.
 *
 * One struct dw_kernel is one opened ELF file with its debuginfo: the
 * kernel's vmlinux, a module, or (for the testsuite and later uprobes) any
 * user-space binary.  It answers three questions:
 *
 *   - which functions match a probe point pattern, where to arm the kprobe
 *     (ELF symbol + offset, compiler clones mapped back to source names),
 *     and which exist only as inlined copies      (dw_find_functions);
 *   - how to read a $target variable, member chain, @cast or $$vars at a
 *     probe address, as a self-contained C function (dw_resolve_target);
 *   - which arguments a tracepoint callback gets      (dw_find_tracepoint).
 *
 * Exact names never walk all compilation units: they go through the ELF
 * symbol table and dwfl_module_addrdie().  Names that are not in the
 * symbol table (inline-only functions), globs without a symbol match and
 * @cast type names use an index of every CU's top-level DIEs, built once
 * (about 1 s for vmlinux) and cached per build-id under
 * $TAPC_CACHE/dwarf/<build-id>.idx.
 *
 * GENERATED C CONTRACT (for runtime/ and codegen/).  Target-variable
 * access functions have one of two shapes:
 *
 *	static int tapc_tv_N(struct tapc_ctx *c, int64_t *out
 *			     [, int64_t idx0, int64_t idx1 ...])
 *	static int tapc_tv_N(struct tapc_ctx *c, char *out, size_t outlen)
 *
 * They return 0, or -EFAULT when a read faults (out is then untouched).
 * An integer, enum or pointer $var held in memory or in one register
 * (and $return) also gets a guru-mode writer in the same code text,
 *
 *	static __maybe_unused int tapc_tv_N_w(struct tapc_ctx *c,
 *					      int64_t val [, int64_t idx0 ...])
 *
 * storing val truncated to the variable's size through
 *	int tapc_write_kernel(unsigned long addr, const void *src, size_t n)
 *	int tapc_dwarf_reg_set(struct pt_regs *regs, int dwarf_regno,
 *			       unsigned long v)   (never rsp/rip)
 * Bitfields, computed values and pieces have none.  All of them use
 * only:
 *
 *   c->regs        struct pt_regs * of the probe hit (kprobe pre-handler
 *                  regs; kretprobe handler regs in .return probes)
 *   c->tp_args[i]  unsigned long: i-th argument of a tracepoint callback,
 *                  not counting the leading 'void *__data' (i from 0)
 *   unsigned long tapc_dwarf_reg(struct pt_regs *regs, int dwarf_regno)
 *                  value of x86_64 DWARF register dwarf_regno: 0 rax,
 *                  1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi, 6 rbp, 7 rsp,
 *                  8..15 r8..r15, 16 rip (7 must give the probed
 *                  context's stack pointer, i.e. kernel_stack_pointer())
 *   int tapc_read_kernel(void *dst, unsigned long addr, size_t n)
 *                  fault-safe copy of n bytes (copy_from_kernel_nofault);
 *                  0 or -EFAULT
 *   unsigned long tapc_return_value(struct pt_regs *regs)   ($return)
 *   unsigned long tapc_module_sym(const char *module, const char *symbol)
 *                  run-time address of a loaded module's symbol, or 0:
 *                  module globals and statics are their symbol + offset
 *                  (the generated C declares it before use)
 *   init_task      (exported): with dw_open_kernel() debuginfo every
 *                  DW_OP_addr (globals, statics, @var) is relocated for
 *                  KASLR as link_addr + (&init_task - init_task's link
 *                  address); the generated C declares it
 *   unsigned long tapc_kernel_reloc(unsigned long link_addr)
 *                  the same, for debuginfo without an init_task symbol
 *                  (the fixtures with dw_set_reloc(dw, true))
 *   snprintf, and the types int64_t, uint64_t, int32_t, ... (linux/types.h)
 *   and EFAULT, ENOENT.
 *
 * Values: integers are sign- or zero-extended from their DWARF base type
 * to int64_t; pointers, arrays, structs and unions yield their address
 * (so "char *" and "char[]" give an address for kernel_string()).
 */
#ifndef TAPC_DWARF_H
#define TAPC_DWARF_H

#include <stdbool.h>
#include <stdint.h>

#include "../elaborate/program.h"
#include "../parse/ast.h"
#include "../util/util.h"

struct dw_kernel;

/* ---- opening ------------------------------------------------------------ */

/*
 * Opens a kernel's vmlinux (with DWARF).  vmlinux_path may be NULL: then
 * $cache/kernels/<kver>/vmlinux is used (kver NULL = kernels/default).
 * On failure reports a diagnostic naming the missing file and the Debian
 * package that provides it, and returns NULL.
 */
struct dw_kernel *dw_open_kernel(const char *vmlinux_path, const char *kver);
/* Opens any ELF file with DWARF (fixtures, modules, user binaries). */
struct dw_kernel *dw_open_elf(const char *path);
/*
 * Opens the debuginfo of kernel module name ("binfmt_misc"; '-' and '_'
 * are the same) for release kver, trying in order
 *	$cache/kernels/<kver>/debug/<name>.ko  (runtime/vm/setup-deps --module)
 *	/usr/lib/debug/lib/modules/<kver>/ ** /<name>.ko   (linux-image-*-dbg)
 *	/lib/modules/<kver>/ ** /<name>.ko, with its DWARF found through the
 *	build-id (/usr/lib/debug/.build-id/...) if it has none itself
 * Returns NULL with err set to what was tried.  Module debuginfo is
 * ET_REL: generated C cannot use its link-time addresses, so DW_OP_addr
 * (module globals, @var) fails with a clear message.
 */
struct dw_kernel *dw_open_module(const char *name, const char *kver,
				 struct strbuf *err);
/* dw_open_module() once per (kver, name); the result stays open. */
struct dw_kernel *dw_module_cached(const char *name, const char *kver,
				   struct strbuf *err);
/*
 * Whether generated C wraps link-time addresses in tapc_kernel_reloc():
 * on after dw_open_kernel(), off after dw_open_elf() (tests turn it on).
 */
void dw_set_reloc(struct dw_kernel *dw, bool on);
void dw_close(struct dw_kernel *dw);
/* Hex build-id, or "" if the file has none. */
const char *dw_build_id(const struct dw_kernel *dw);
/* ${TAPC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tapc}; caller frees. */
char *dw_cache_root(void);

/* ---- functions ---------------------------------------------------------- */

enum dw_func_kind {
	DW_FUNC_SYMBOL,		/* out-of-line body with an ELF symbol */
	DW_FUNC_INLINE,		/* one inlined copy (no symbol): .inline */
	DW_FUNC_INLINE_ONLY,	/* exists only inlined; nothing to kprobe
				 * unless inline instances are requested */
};

/*
 * One match.  Strings are interned (live until exit), so callers may copy
 * the struct by value and keep it for dw_resolve_target().
 */
struct dw_func {
	enum dw_func_kind kind;
	const char *name;	/* source name: "do_execveat_common" */
	const char *symbol;	/* ELF symbol to arm: "do_execveat_common.isra.0".
				 * DW_FUNC_INLINE: the out-of-line function
				 * (or its .cold part) that holds the copy;
				 * NULL for DW_FUNC_INLINE_ONLY */
	bool is_clone;		/* symbol is a .isra/.constprop/.part clone */
	uint64_t entry;		/* symbol value / inline instance entry pc */
	uint64_t probe_addr;	/* where the probe fires: entry after the
				 * prologue (== entry if unsure); the
				 * instance entry for DW_FUNC_INLINE; the
				 * statement's pc for dw_find_statements() */
	uint64_t probe_offset;	/* probe_addr - sym_addr: arm the kprobe at
				 * symbol+probe_offset (KASLR-safe) */
	uint64_t sym_addr;	/* link-time value of symbol, or 0 */
	uint64_t size;		/* bytes of the out-of-line body, or 0 */
	const char *decl_file;	/* "kernel/exit.c", or NULL */
	int decl_line;
	const char *cu_name;	/* name of the CU holding the body */
	bool exported;		/* EXPORT_SYMBOL'd (__ksymtab_<name>) */
	bool external;		/* DW_AT_external (not static) */
	const char *src_file;	/* dw_find_statements(): file and line of */
	int src_line;		/* the statement at probe_addr; else NULL/0 */

	/* for dw_resolve_target: DIE offsets in .debug_info */
	uint64_t die_off;	/* concrete subprogram / inlined_subroutine */
	uint64_t cu_off;
	/* the debuginfo the DIE offsets belong to (vmlinux or a module);
	 * set by callers that juggle several, NULL = the one at hand */
	struct dw_kernel *owner;
};

enum {
	DW_FIND_INLINES = 1,	/* also report each inlined copy (.inline) */
	DW_FIND_NO_SYMBOLS = 2,	/* only inlined copies (stap .inline) */
};

typedef int (*dw_func_cb)(const struct dw_func *f, void *arg);

/*
 * Calls cb for every function matching pattern:
 *	"name"  "vfs_*"  "name@kernel/exit.c"  "name@exit.c:812"
 *	"*@kernel/sched/ *.c" (no space)
 * A name that matches only inlined copies is reported once as
 * DW_FUNC_INLINE_ONLY (unless DW_FIND_INLINES is set, then as its
 * instances).  cb returning non-zero stops the walk.  Returns the number
 * of reports, or -1 (with err set) on a malformed pattern.
 */
int dw_find_functions(struct dw_kernel *dw, const char *pattern, int flags,
		      dw_func_cb cb, void *arg, struct strbuf *err);

/*
 * Calls cb once per source name of a function symbol (clones under their
 * source name), for "similar: ..." suggestions.
 */
void dw_function_names(struct dw_kernel *dw,
		       void (*cb)(const char *name, void *arg), void *arg);

/*
 * Statement probes, kernel.statement(PATTERN):
 *	"func@file:line"  "*@file:line"  "func*@file:line"
 *	"func" / "func@file"  (the function's first instruction, no
 *			       prologue skip)
 *	"func+0x1a"         (symbol-relative; func may be an ELF name
 *			       such as "foo.isra.0")
 *	"0xffffffff81234567" (a link-time address, e.g. from System.map:
 *			       reported as its containing symbol + offset)
 * For a line, the line table rows of that file and line with is_stmt set
 * are grouped by the function instance (out-of-line body or inlined copy)
 * they belong to, and the lowest address of each instance is reported
 * once.  Each report is a struct dw_func whose
 *	kind        DW_FUNC_SYMBOL (out-of-line) or DW_FUNC_INLINE (a copy
 *		    inlined into symbol)
 *	name        the source function the statement belongs to
 *	symbol, sym_addr, probe_offset   arm the kprobe at symbol+probe_offset
 *	probe_addr  the statement's link-time pc: pass it as
 *		    dw_target_req.pc (or pc = 0) so $vars resolve there
 *	src_file, src_line   the statement
 * Returns the number of reports, or -1 with err set on a malformed
 * pattern.  When it returns 0, err explains why if it can ("no line
 * records for kernel/exit.c:811 (nearest lines with code: 810 812)").
 */
int dw_find_statements(struct dw_kernel *dw, const char *pattern,
		       dw_func_cb cb, void *arg, struct strbuf *err);

/* ---- target variables --------------------------------------------------- */

/* Everything about one $target access except where it occurs. */
struct dw_target_req {
	const struct dw_func *func;	/* the probed function */
	uint64_t pc;			/* probe address (0 = func->probe_addr) */
	bool at_return;			/* in a .return probe */
	int tp_nargs;			/* > 0: tracepoint mode, see
					 * dw_find_tracepoint(); 0 otherwise */
	const struct ast_node *node;	/* the AST_TARGET node */
	const char *cast_module;	/* unused: node->u.target.module is
					 * used for @cast/@var modules */
	const char *fn_name;		/* C name to give the function */
};

/*
 * Resolves node (AST_TARGET: $var, $$vars/$$parms/$$locals/$$return,
 * @cast, @var) at req->pc in req->func and fills out (program.h) with a
 * complete C function definition.  req->func may be NULL for @cast and
 * @var (e.g. in a timer probe or a script function).
 *
 * @var("name") / @var("name@file"): a global or file-static variable,
 * optionally only from CUs/declarations whose file matches (same rules
 * as "func@file"); member chains, subscripts, '&' and $/$$ pretty
 * suffixes apply as for $vars.  @cast/@var module argument: NULL or
 * "kernel" (or dw's own module), or another module, whose debuginfo is
 * then opened with dw_module_cached().  Returns false and writes a readable
 * message to err ("unable to find `$cod` in do_exit (alternatives:
 * $code)") on failure.  @cast's pointer expression is not evaluated here:
 * a cast access function takes it as the first runtime argument idx0
 * (out->nindex counts it), followed by runtime subscripts.
 */
bool dw_resolve_target(struct dw_kernel *dw, const struct dw_target_req *req,
		       struct el_target *out, struct strbuf *err);

/* ---- listing (tapc -L) -------------------------------------------------- */

typedef void (*dw_var_cb)(const char *name, const char *ctype, bool is_param,
			  void *arg);
/* Parameters then locals visible at pc (0 = probe_addr). */
void dw_list_vars(struct dw_kernel *dw, const struct dw_func *f, uint64_t pc,
		  dw_var_cb cb, void *arg);

/* ---- tracepoints -------------------------------------------------------- */

#define DW_TP_MAX_ARGS 12

struct dw_tracepoint {
	const char *event;		/* "sched_process_fork" */
	int nargs;			/* callback args after void *__data */
	const char *arg_names[DW_TP_MAX_ARGS];
	const char *arg_types[DW_TP_MAX_ARGS];	/* C type strings */
	struct dw_func iter;		/* __traceiter_<event>: pass as
					 * dw_target_req.func with
					 * tp_nargs = nargs */
};

/*
 * Looks up event (no system prefix) through the DWARF of
 * __traceiter_<event>.  Returns false with err set if unknown.
 * Access functions in tracepoint mode read argument i from c->tp_args[i].
 */
bool dw_find_tracepoint(struct dw_kernel *dw, const char *event,
			struct dw_tracepoint *tp, struct strbuf *err);
/* Calls cb(event, arg) for each tracepoint whose event matches the glob. */
int dw_list_tracepoints(struct dw_kernel *dw, const char *glob,
			void (*cb)(const char *event, void *arg), void *arg);

#endif
