// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_loc.c - translate one DWARF location description, selected by the
 * probe pc from a location list, into straight-line C.
 *
 * The DWARF stack is evaluated at translation time with C expressions as
 * its elements; only memory reads (DW_OP_deref*) become statements, each a
 * fault-checked tapc_read_kernel() into a fresh temporary.  The frame base
 * DW_OP_call_frame_cfa is rsp + 8 at the entry pc and comes from the CFI
 * (.debug_frame / .eh_frame) elsewhere.
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

#define DW_STACK_MAX 16

int dw_emit_temp(struct dw_emit *e)
{
	return e->ntemps++;
}

int dw_emit_read(struct dw_emit *e, const char *addr, int size)
{
	int t = dw_emit_temp(e);

	sb_printf(&e->body,
		  "\tif (tapc_read_kernel(&t%d, (unsigned long)(%s), %d))\n\t\t%s\n",
		  t, addr, size, e->fail);
	e->fail_uses++;
	return t;
}

struct dw_eval {
	struct dw_kernel *dw;
	struct dw_emit *e;
	struct strbuf *err;
	uint64_t pc, entry;	/* bias-free addresses */
	Dwarf_Die *func;
	Dwarf_Attribute *attr_cur;	/* attribute being evaluated */
	char *st[DW_STACK_MAX];
	int sp;
	int depth;
};

static void dw_push(struct dw_eval *ev, char *s)
{
	if (ev->sp < DW_STACK_MAX)
		ev->st[ev->sp++] = s;
	else
		free(s);
}

static char *dw_pop(struct dw_eval *ev)
{
	return ev->sp ? ev->st[--ev->sp] : xstrdup("0UL");
}

static char *dw_reg(int r)
{
	return xasprintf("tapc_dwarf_reg(c->regs, %d)", r);
}

static bool dw_eval_ops(struct dw_eval *ev, Dwarf_Op *ops, size_t n,
			struct dw_loc *loc);

static bool dw_cfa(struct dw_eval *ev)
{
	Dwarf_Addr bias;
	Dwarf_Frame *frame = NULL;
	Dwarf_Op *ops;
	size_t nops;
	struct dw_loc sub = { 0 };
	bool ok;

	if (ev->pc == ev->entry && ev->func) {
		dw_push(ev, xstrdup("(tapc_dwarf_reg(c->regs, 7) + 8)"));
		return true;
	}
	if (!ev->dw->cfi_tried) {
		ev->dw->cfi_tried = true;
		ev->dw->cfi = dwfl_module_dwarf_cfi(ev->dw->mod, &bias);
		if (!ev->dw->cfi)
			ev->dw->cfi = dwfl_module_eh_cfi(ev->dw->mod, &bias);
	}
	if (!ev->dw->cfi ||
	    dwarf_cfi_addrframe(ev->dw->cfi, ev->pc, &frame) != 0 ||
	    dwarf_frame_cfa(frame, &ops, &nops) != 0) {
		free(frame);
		sb_puts(ev->err, "no call frame information at the probe address");
		return false;
	}
	ok = ev->depth < 2 && (ev->depth++, dw_eval_ops(ev, ops, nops, &sub));
	free(frame);
	if (ok && sub.kind == DW_LOC_MEM) {
		dw_push(ev, sub.expr);
		return true;
	}
	free(sub.expr);
	if (ok)
		sb_puts(ev->err, "unsupported CFA rule");
	return false;
}

static bool dw_frame_base(struct dw_eval *ev)
{
	Dwarf_Attribute a;
	Dwarf_Op *ops;
	size_t n;
	struct dw_loc sub = { 0 };

	if (!ev->func || !dwarf_attr_integrate(ev->func, DW_AT_frame_base, &a) ||
	    dwarf_getlocation_addr(&a, ev->pc, &ops, &n, 1) != 1) {
		sb_puts(ev->err, "no frame base at the probe address");
		return false;
	}
	{
		Dwarf_Attribute *saved = ev->attr_cur;
		bool ok;

		ev->attr_cur = &a;
		ok = ev->depth++ <= 2 && dw_eval_ops(ev, ops, n, &sub);
		ev->attr_cur = saved;
		if (!ok)
			return false;
	}
	if (sub.kind == DW_LOC_REG) {
		dw_push(ev, dw_reg(sub.reg));
		return true;
	}
	if (sub.kind == DW_LOC_MEM) {	/* the address is the frame base */
		dw_push(ev, sub.expr);
		return true;
	}
	free(sub.expr);
	sb_puts(ev->err, "unsupported frame base");
	return false;
}

static void dw_binop(struct dw_eval *ev, const char *op)
{
	char *b = dw_pop(ev), *a = dw_pop(ev);

	dw_push(ev, xasprintf("(%s %s %s)", a, op, b));
	free(a);
	free(b);
}

static bool dw_entry_value(struct dw_eval *ev, Dwarf_Attribute *a)
{
	Dwarf_Op *ops;
	size_t n;

	if (ev->func && ev->pc == ev->entry &&
	    dwarf_getlocation(a, &ops, &n) == 0 &&
	    n == 1 && ((ops[0].atom >= DW_OP_reg0 && ops[0].atom <= DW_OP_reg31) ||
		       ops[0].atom == DW_OP_regx)) {
		int r = ops[0].atom == DW_OP_regx ? (int)ops[0].number :
						    ops[0].atom - DW_OP_reg0;

		dw_push(ev, dw_reg(r));
		return true;
	}
	sb_puts(ev->err, "its value is only known at function entry");
	return false;
}

static bool dw_eval_op(struct dw_eval *ev, Dwarf_Attribute *attr,
		       Dwarf_Op *op, size_t i, size_t n, struct dw_loc *loc)
{
	uint8_t at = op->atom;
	char *a;
	int t;

	if (at >= DW_OP_lit0 && at <= DW_OP_lit31) {
		dw_push(ev, xasprintf("%dUL", at - DW_OP_lit0));
		return true;
	}
	if (at >= DW_OP_breg0 && at <= DW_OP_breg31) {
		dw_push(ev, xasprintf("(tapc_dwarf_reg(c->regs, %d) + (%lld))",
				      at - DW_OP_breg0, (long long)op->number));
		return true;
	}
	if ((at >= DW_OP_reg0 && at <= DW_OP_reg31) || at == DW_OP_regx) {
		loc->kind = DW_LOC_REG;
		loc->reg = at == DW_OP_regx ? (int)op->number : at - DW_OP_reg0;
		return true;
	}
	switch (at) {
	case DW_OP_bregx:
		dw_push(ev, xasprintf("(tapc_dwarf_reg(c->regs, %d) + (%lld))",
				      (int)op->number, (long long)op->number2));
		return true;
	case DW_OP_addr:
		if (ev->dw->is_module) {
			/* ET_REL: found by name in the loaded module */
			GElf_Sym sym;
			GElf_Off off = 0;
			const char *name = dwfl_module_addrinfo(ev->dw->mod,
				op->number + ev->dw->bias, &off, &sym, NULL,
				NULL, NULL);

			if (!name) {
				sb_puts(ev->err, "it lives at a module address "
					"with no symbol to find it by");
				return false;
			}
			dw_push(ev, xasprintf("(tapc_module_sym(\"%s\", \"%s\") + "
					      "%lluUL)", ev->dw->modname, name,
					      (unsigned long long)off));
			return true;
		}
		if (ev->dw->reloc && dw_kaslr_anchor(ev->dw)) {
			/* KASLR: the run-time minus link-time address of the
			 * exported init_task (kaslr_offset() needs _text,
			 * which modules cannot link against) */
			dw_push(ev, xasprintf("(0x%llxUL + ((unsigned long)&init_task"
					      " - 0x%llxUL))",
					      (unsigned long long)(op->number +
								   ev->dw->bias),
					      (unsigned long long)dw_kaslr_anchor(ev->dw)));
			return true;
		}
		dw_push(ev, xasprintf(ev->dw->reloc ? "tapc_kernel_reloc(0x%llxUL)" :
				      "0x%llxUL",
				      (unsigned long long)(op->number + ev->dw->bias)));
		return true;
	case DW_OP_const1u: case DW_OP_const2u: case DW_OP_const4u:
	case DW_OP_const8u: case DW_OP_constu:
		dw_push(ev, xasprintf("0x%llxUL", (unsigned long long)op->number));
		return true;
	case DW_OP_const1s: case DW_OP_const2s: case DW_OP_const4s:
	case DW_OP_const8s: case DW_OP_consts:
		dw_push(ev, xasprintf("(unsigned long)(%lldLL)",
				      (long long)op->number));
		return true;
	case DW_OP_plus_uconst:
		a = dw_pop(ev);
		dw_push(ev, xasprintf("(%s + %lluUL)", a,
				      (unsigned long long)op->number));
		free(a);
		return true;
	case DW_OP_plus: dw_binop(ev, "+"); return true;
	case DW_OP_minus: dw_binop(ev, "-"); return true;
	case DW_OP_mul: dw_binop(ev, "*"); return true;
	case DW_OP_and: dw_binop(ev, "&"); return true;
	case DW_OP_or: dw_binop(ev, "|"); return true;
	case DW_OP_xor: dw_binop(ev, "^"); return true;
	case DW_OP_shl: dw_binop(ev, "<<"); return true;
	case DW_OP_shr: dw_binop(ev, ">>"); return true;
	case DW_OP_neg: case DW_OP_not:
		a = dw_pop(ev);
		dw_push(ev, xasprintf("(%s%s)", at == DW_OP_neg ? "-" : "~", a));
		free(a);
		return true;
	case DW_OP_dup:
		a = dw_pop(ev);
		dw_push(ev, xstrdup(a));
		dw_push(ev, a);
		return true;
	case DW_OP_drop:
		free(dw_pop(ev));
		return true;
	case DW_OP_deref:
	case DW_OP_deref_size:
		a = dw_pop(ev);
		t = dw_emit_read(ev->e, a, at == DW_OP_deref ? 8 : (int)op->number);
		free(a);
		dw_push(ev, xasprintf("t%d", t));
		return true;
	case DW_OP_fbreg:
		if (!dw_frame_base(ev))
			return false;
		a = dw_pop(ev);
		dw_push(ev, xasprintf("(%s + (%lld))", a, (long long)op->number));
		free(a);
		return true;
	case DW_OP_call_frame_cfa:
		return dw_cfa(ev);
	case DW_OP_stack_value:
		loc->kind = DW_LOC_VALUE;
		loc->expr = dw_pop(ev);
		return true;
	case DW_OP_implicit_value: {
		Dwarf_Block b;
		uint64_t v = 0;

		if (dwarf_getlocation_implicit_value(attr, op, &b) != 0 ||
		    b.length > 8) {
			sb_puts(ev->err, "unsupported implicit value");
			return false;
		}
		memcpy(&v, b.data, b.length);
		loc->kind = DW_LOC_VALUE;
		loc->expr = xasprintf("0x%llxUL", (unsigned long long)v);
		return true;
	}
	case DW_OP_entry_value:
	case DW_OP_GNU_entry_value: {
		Dwarf_Attribute sub;

		if (dwarf_getlocation_attr(attr, op, &sub) != 0) {
			sb_puts(ev->err, "bad DW_OP_entry_value");
			return false;
		}
		return dw_entry_value(ev, &sub);
	}
	case DW_OP_piece:	/* handled by dw_eval_ops() */
		sb_puts(ev->err, "unexpected DW_OP_piece");
		return false;
	case DW_OP_nop:
		return true;
	default:
		sb_printf(ev->err, "unsupported DWARF operation 0x%x", at);
		return false;
	}
}

/* One simple location (no DW_OP_piece). */
static bool dw_eval_seq(struct dw_eval *ev, Dwarf_Op *ops, size_t n,
			struct dw_loc *loc)
{
	size_t i;

	loc->kind = DW_LOC_MEM;
	loc->expr = NULL;
	for (i = 0; i < n; i++) {
		if (!dw_eval_op(ev, ev->attr_cur, &ops[i], i, n, loc))
			return false;
		if (loc->kind == DW_LOC_REG || loc->kind == DW_LOC_VALUE)
			return true;
	}
	if (!ev->sp) {
		loc->kind = DW_LOC_NONE;
		return true;
	}
	loc->expr = dw_pop(ev);
	return true;
}

/*
 * A composite location ("reg0 piece 4 reg4 piece 4"): each piece is read
 * (register, memory or computed value), masked to its size and shifted
 * into place, giving one integer value of at most 8 bytes.
 */
static bool dw_eval_pieces(struct dw_eval *ev, Dwarf_Op *ops, size_t n,
			   struct dw_loc *loc)
{
	size_t i, start = 0;
	unsigned total = 0;
	struct strbuf v;

	sb_init(&v);
	for (i = 0; i < n; i++) {
		struct dw_loc sub = { 0 };
		unsigned size;
		char *val = NULL;

		if (ops[i].atom != DW_OP_piece)
			continue;
		size = (unsigned)ops[i].number;
		if (size == 0 || total + size > 8) {
			sb_puts(ev->err, "value is split across registers/memory (DW_OP_piece) and larger than 8 bytes");
			goto fail;
		}
		while (ev->sp)
			free(dw_pop(ev));
		if (i == start || !dw_eval_seq(ev, ops + start, i - start, &sub) ||
		    sub.kind == DW_LOC_NONE) {
			if (i == start || sub.kind == DW_LOC_NONE)
				sb_puts(ev->err, "part of the value is optimised out");
			free(sub.expr);
			goto fail;
		}
		switch (sub.kind) {
		case DW_LOC_REG:
			val = dw_reg(sub.reg);
			break;
		case DW_LOC_MEM: {
			int t = dw_emit_read(ev->e, sub.expr, (int)size);

			val = xasprintf("t%d", t);
			break;
		}
		default:
			val = xstrdup(sub.expr);
			break;
		}
		free(sub.expr);
		sb_printf(&v, "%s(((%s) & 0x%llxUL) << %u)", total ? " | " : "",
			  val, size >= 8 ? ~0ULL : (1ULL << (8 * size)) - 1,
			  8 * total);
		free(val);
		total += size;
		start = i + 1;
	}
	if (start != n) {
		sb_puts(ev->err, "unsupported DW_OP_piece layout");
		goto fail;
	}
	loc->kind = DW_LOC_VALUE;
	loc->expr = xasprintf("(%s)", sb_str(&v));
	sb_free(&v);
	return true;
fail:
	sb_free(&v);
	return false;
}

static bool dw_eval_ops(struct dw_eval *ev, Dwarf_Op *ops, size_t n,
			struct dw_loc *loc)
{
	size_t i, npieces = 0;

	for (i = 0; i < n; i++)
		npieces += ops[i].atom == DW_OP_piece;
	/* a lone trailing piece covering the value is the value itself */
	if (npieces == 1 && ops[n - 1].atom == DW_OP_piece)
		n--;
	else if (npieces)
		return dw_eval_pieces(ev, ops, n, loc);
	return dw_eval_seq(ev, ops, n, loc);
}

bool dw_loc_translate(struct dw_kernel *dw, Dwarf_Attribute *attr,
		      uint64_t pc, Dwarf_Die *func, uint64_t func_entry,
		      struct dw_emit *e, struct dw_loc *loc, struct strbuf *err)
{
	struct dw_eval ev = { .dw = dw, .e = e, .err = err, .func = func,
			      .pc = pc - dw->bias, .entry = func_entry - dw->bias,
			      .attr_cur = attr };
	Dwarf_Op *ops;
	size_t n;
	int r = dwarf_getlocation_addr(attr, pc - dw->bias, &ops, &n, 1);
	bool ok;

	memset(loc, 0, sizeof(*loc));
	if (r == 0) {
		/*
		 * gcc describes the parameters of an inlined copy at its entry
		 * with empty ranges [pc, pc) qualified by location views: the
		 * value holds before the instruction at pc runs, which is
		 * exactly when a kprobe there fires.
		 */
		Dwarf_Addr base, start, end;
		ptrdiff_t off = 0;

		while ((off = dwarf_getlocations(attr, off, &base, &start, &end,
						 &ops, &n)) > 0)
			if (start == end && start == pc - dw->bias) {
				r = 1;
				break;
			}
	}
	if (r == 0) {
		loc->kind = DW_LOC_NONE;
		return true;
	}
	if (r < 0) {
		sb_printf(err, "bad location: %s", dwarf_errmsg(-1));
		return false;
	}
	ok = n ? dw_eval_ops(&ev, ops, n, loc) : (loc->kind = DW_LOC_NONE, true);
	while (ev.sp)
		free(dw_pop(&ev));
	return ok;
}
