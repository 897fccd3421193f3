/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dw_internal.h - what the files of translator/dwarf/ share: the opened
 * module, its symbol map and CU index, and the small helpers each file
 * exports to the others.  Not for use outside translator/dwarf/.
 */
#ifndef TAPC_DW_INTERNAL_H
#define TAPC_DW_INTERNAL_H

#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <dwarf.h>

#include "dwarf.h"

/* One ELF symbol, chained with others of the same source (base) name. */
struct dw_sym {
	const char *name;	/* ELF name: "do_execveat_common.isra.0" */
	const char *base;	/* source name: "do_execveat_common" */
	uint64_t addr, size;
	bool func;		/* STT_FUNC */
	bool global;		/* STB_GLOBAL / STB_WEAK */
	struct dw_sym *next;	/* next with the same base */
};

/* One top-level DIE of some CU (functions and named types). */
struct dw_ient {
	const char *name;	/* interned */
	uint64_t die_off, cu_off;
	unsigned char tag;	/* DW_TAG_subprogram, DW_TAG_structure_type... */
	unsigned char flags;	/* DW_IENT_* */
};

enum {
	DW_IENT_INLINE = 1,	/* DW_AT_inline: an abstract instance */
	DW_IENT_HAS_PC = 2,	/* has a body of its own (low_pc / ranges) */
	DW_IENT_DECL = 4,	/* declaration only */
	DW_IENT_EXTERNAL = 8,
};

struct dw_index {
	struct dw_ient *v;	/* sorted by name, then DIE offset */
	size_t n;
	char *text;		/* the loaded cache file; names point into it */
	VEC(uint64_t) cus;	/* every CU's DIE offset */
	VEC(const char *) cu_names;
};

struct dw_kernel {
	Dwfl *dwfl;
	Dwfl_Module *mod;
	Dwarf *dbg;
	Dwarf_Addr bias;
	const char *path;
	char build_id[128];
	const char *kver;		/* release, for module lookups */
	const char *modname;		/* a module's name, else NULL */

	bool syms_loaded;
	struct dw_sym *syms;
	size_t nsyms;
	struct hmap sym_by_base;	/* base name -> struct dw_sym * */

	struct dw_index *idx;		/* NULL until first needed */
	Dwarf_CFI *cfi;			/* NULL until first needed */
	bool cfi_tried;
	int tv_count;			/* default tapc_tv_N numbering */
	bool reloc;			/* wrap link-time addresses in
					 * tapc_kernel_reloc() */
	bool is_module;			/* ET_REL kernel module: no
					 * usable DW_OP_addr */
};

/* dw_sym.c */
/* Link-time address of the kernel's init_task, or 0 (see dw_loc.c). */
uint64_t dw_kaslr_anchor(struct dw_kernel *dw);
void dw_syms_load(struct dw_kernel *dw);
struct dw_sym *dw_sym_lookup(struct dw_kernel *dw, const char *base);
struct dw_sym *dw_sym_by_name(struct dw_kernel *dw, const char *name);
const char *dw_sym_basename(const char *name, bool *is_clone);

/* dw_index.c */
struct dw_index *dw_index_get(struct dw_kernel *dw);
/* Entries named name: for (i = dw_index_first(); i >= 0; i = next) */
long dw_index_first(struct dw_index *ix, const char *name);
long dw_index_next(struct dw_index *ix, long i);
/* The first entry of the next name after entry i's (i = -1: the first
 * name); -1 at the end.  Walks every distinct name once. */
long dw_index_next_name(struct dw_index *ix, long i);

/* dw_stmt.c: function instances around addr (bias-free), outermost
 * first; returns how many (at most 32) */
int dw_instances(Dwarf_Die *cu, Dwarf_Addr addr, Dwarf_Die *out);

/* dw_files.c: can cu hold functions/lines of a file matching pat? */
bool dw_cu_has_file(struct dw_kernel *dw, Dwarf_Die *cu, const char *pat);

/* dw_type.c */
Dwarf_Die *dw_type_of(Dwarf_Die *die, Dwarf_Die *mem);
Dwarf_Die *dw_type_strip(Dwarf_Die *type, Dwarf_Die *mem);
void dw_type_name(Dwarf_Die *type, struct strbuf *sb);
bool dw_find_type(struct dw_kernel *dw, const char *name, Dwarf_Die *cu_hint,
		  Dwarf_Die *out);
bool dw_find_member(Dwarf_Die *agg, const char *name, Dwarf_Die *member,
		    uint64_t *byte_off);
void dw_member_suggest(Dwarf_Die *agg, const char *name, struct strbuf *sb);

/* dw_funcs.c */
bool dw_func_die(struct dw_kernel *dw, const struct dw_func *f,
		 Dwarf_Die *die);
bool dw_fill_func(struct dw_kernel *dw, Dwarf_Die *die, struct dw_func *f);
bool dw_die_entry(Dwarf_Die *die, Dwarf_Addr *pc);
bool dw_file_matches(const char *pat, const char *file);
bool dw_containing_symbol(struct dw_kernel *dw, uint64_t pc, struct dw_func *f);

/* dw_loc.c: one DWARF location, translated to C */
enum dw_loc_kind {
	DW_LOC_NONE,		/* optimised out / not available at pc */
	DW_LOC_MEM,		/* object lives at address expr */
	DW_LOC_REG,		/* object is in DWARF register reg */
	DW_LOC_VALUE,		/* expr is the object's value */
};

struct dw_loc {
	enum dw_loc_kind kind;
	int reg;
	char *expr;		/* C expression (unsigned long), or NULL */
};

/* Code emission state of one access function. */
struct dw_emit {
	struct strbuf body;	/* statements, one tab of indent */
	int ntemps;		/* unsigned long t0..t<n-1> */
	const char *fail;	/* statement run on a fault ("return -EFAULT;") */
	int fail_uses;		/* how many times fail was emitted */
	bool uses_err;		/* pretty mode: declares 'int err' */
};

int dw_emit_temp(struct dw_emit *e);
void dw_emit_decls(struct dw_emit *e, struct strbuf *sb);
/* Emits a fault-checked read of size bytes at addr into a new temp. */
int dw_emit_read(struct dw_emit *e, const char *addr, int size);

bool dw_loc_translate(struct dw_kernel *dw, Dwarf_Attribute *attr,
		      uint64_t pc, Dwarf_Die *func, uint64_t func_entry,
		      struct dw_emit *e, struct dw_loc *loc,
		      struct strbuf *err);

/* dw_target.c: one access being built */
struct dw_val {
	bool mem;		/* expr is the object's address, else its value */
	char *expr;		/* C expression (unsigned long) */
	Dwarf_Die type;		/* as declared (typedefs not stripped) */
	bool has_type;
	int bit_size;		/* bitfield width, 0 if not a bitfield */
	int bit_off;		/* bitfield: bits from expr (little endian) */
};

struct dw_tctx {
	struct dw_kernel *dw;
	const struct dw_target_req *req;
	struct dw_emit e;
	struct strbuf *err;
	Dwarf_Die func;		/* concrete subprogram / inlined_subroutine */
	bool has_func;		/* false: @cast / @var outside a function */
	bool global_var;	/* dw_var_value() of an @var variable */
	Dwarf_Die outer;	/* out-of-line subprogram holding pc (frame
				 * base); == func unless func is inlined */
	uint64_t outer_entry;	/* its entry pc (biased) */
	uint64_t pc;
	int nidx;		/* runtime int64_t idxN arguments */
	const char *fname;	/* source name of the probed function */
};

bool dw_var_find(struct dw_tctx *t, const char *name, Dwarf_Die *var);
bool dw_var_value(struct dw_tctx *t, Dwarf_Die *var, const char *shown,
		  struct dw_val *v);
bool dw_val_step(struct dw_tctx *t, struct dw_val *v,
		 const struct ast_tstep *s, const char *shown);
/* Pointer -> the object it points to (one fault-checked read). */
bool dw_val_deref(struct dw_tctx *t, struct dw_val *v);
/* C expression (int64_t) of a scalar value; NULL + err if not scalar. */
char *dw_val_scalar(struct dw_tctx *t, struct dw_val *v, const char *shown);
int dw_val_kind(struct dw_val *v);	/* DW_TAG_* of the stripped type */
typedef void (*dw_scope_cb)(Dwarf_Die *var, bool is_param, void *arg);
void dw_vars_at(struct dw_tctx *t, dw_scope_cb cb, void *arg);

/* dw_atvar.c: @var("name[@file]") -> its DIE */
bool dw_atvar_find(struct dw_tctx *t, const char *spec, Dwarf_Die *var);

/* "$p->parent->pid" for messages; caller frees */
char *dw_shown(const struct ast_node *n);

/* dw_pretty.c */
bool dw_pretty(struct dw_tctx *t, const struct ast_node *node,
	       struct el_target *out);

#endif
