// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_chain.c - walk a member chain (->field, .field, [index]) over DWARF
 * types, and load the final scalar with the right width and sign.
 *
 * A struct dw_val is either "in memory at expr" or "the value expr"
 * (register or computed).  Each pointer dereference is one fault-checked
 * tapc_read_kernel(); '.' and '->' are interchangeable, as in stap.
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

int dw_val_kind(struct dw_val *v)
{
	Dwarf_Die s;

	if (!v->has_type || !dw_type_strip(&v->type, &s))
		return 0;	/* void */
	return dwarf_tag(&s);
}

static int dw_type_size(Dwarf_Die *t)
{
	Dwarf_Word sz;
	int tag = dwarf_tag(t);

	if (tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type)
		return 8;
	if (dwarf_aggregate_size(t, &sz) == 0)
		return (int)sz;
	return -1;
}

static bool dw_type_signed(Dwarf_Die *t)
{
	Dwarf_Attribute a;
	Dwarf_Word enc;
	Dwarf_Die u;

	if (dwarf_tag(t) == DW_TAG_enumeration_type) {
		if (dw_type_of(t, &u) && dw_type_strip(&u, &u))
			return dw_type_signed(&u);
		return false;
	}
	if (!dwarf_attr(t, DW_AT_encoding, &a) || dwarf_formudata(&a, &enc))
		return false;
	return enc == DW_ATE_signed || enc == DW_ATE_signed_char;
}

static char *dw_type_str(Dwarf_Die *t)
{
	struct strbuf sb;

	sb_init(&sb);
	dw_type_name(t, &sb);
	return sb_steal(&sb);
}

/* The value of a pointer-sized object (loading it if in memory). */
static char *dw_load_ptr(struct dw_tctx *t, struct dw_val *v)
{
	if (v->mem) {
		int tn = dw_emit_read(&t->e, v->expr, 8);

		return xasprintf("t%d", tn);
	}
	return xstrdup(v->expr);
}

static void dw_val_set(struct dw_val *v, bool mem, char *expr, Dwarf_Die *type)
{
	free(v->expr);
	v->mem = mem;
	v->expr = expr;
	if (type) {
		v->type = *type;
		v->has_type = true;
	} else {
		v->has_type = false;
	}
}

static bool dw_step_field(struct dw_tctx *t, struct dw_val *v,
			  const struct ast_tstep *s, const char *shown)
{
	Dwarf_Die st, m, mt;
	uint64_t off;
	int tag = dw_val_kind(v);

	dw_type_strip(&v->type, &st);
	if (tag == DW_TAG_pointer_type) {
		char *p = dw_load_ptr(t, v);
		Dwarf_Die pt;

		if (!dw_type_of(&st, &pt) || !dw_type_strip(&pt, &st)) {
			sb_printf(t->err, "%s is a void pointer: use @cast to give it a type",
				  shown);
			free(p);
			return false;
		}
		tag = dwarf_tag(&st);
		dw_val_set(v, true, p, &pt);
	}
	if ((tag == DW_TAG_structure_type || tag == DW_TAG_union_type) &&
	    dwarf_hasattr(&st, DW_AT_declaration) && dwarf_diename(&st)) {
		/* incomplete here: use a complete definition from elsewhere */
		char *spec = xasprintf("%s %s", tag == DW_TAG_union_type ?
				       "union" : "struct", dwarf_diename(&st));
		Dwarf_Die full;

		if (dw_find_type(t->dw, spec, NULL, &full))
			st = full;
		free(spec);
	}
	if (tag != DW_TAG_structure_type && tag != DW_TAG_union_type) {
		char *ts = dw_type_str(&v->type);

		sb_printf(t->err, "%s has type `%s`, which has no member `%s`",
			  shown, ts, s->field);
		free(ts);
		return false;
	}
	if (!dw_find_member(&st, s->field, &m, &off)) {
		struct strbuf sug;
		char *ts = dw_type_str(&st);

		sb_init(&sug);
		dw_member_suggest(&st, s->field, &sug);
		if (dwarf_child(&st, &mt) != 0)
			sb_printf(t->err, "`%s` is an incomplete type here; try @cast(..., \"%s\")",
				  ts, ts);
		else if (sug.len)
			sb_printf(t->err, "`%s` has no member `%s` (similar: %s)",
				  ts, s->field, sb_str(&sug));
		else
			sb_printf(t->err, "`%s` has no member `%s`", ts, s->field);
		free(ts);
		sb_free(&sug);
		return false;
	}
	if (!dw_type_of(&m, &mt)) {
		sb_printf(t->err, "member `%s` has no type", s->field);
		return false;
	}
	if (v->mem) {
		dw_val_set(v, true, xasprintf("(%s + %lluUL)", v->expr,
					      (unsigned long long)off), &mt);
	} else {
		dw_val_set(v, false, xasprintf("(%s >> %llu)", v->expr,
					       (unsigned long long)off * 8), &mt);
	}
	v->bit_size = 0;
	v->bit_off = 0;
	{
		Dwarf_Attribute a;
		Dwarf_Word bs, bo;

		if (dwarf_attr(&m, DW_AT_bit_size, &a) && !dwarf_formudata(&a, &bs)) {
			v->bit_size = (int)bs;
			if (dwarf_attr(&m, DW_AT_data_bit_offset, &a) &&
			    !dwarf_formudata(&a, &bo)) {
				v->bit_off = (int)bo;
			} else if (dwarf_attr(&m, DW_AT_bit_offset, &a) &&
				   !dwarf_formudata(&a, &bo)) {
				/* DWARF 2-4: counted from the MSB of the storage unit */
				Dwarf_Die ms;
				int bytes = dw_type_strip(&mt, &ms) ?
					    dw_type_size(&ms) : 4;

				v->bit_off = bytes * 8 - (int)bo - (int)bs;
			}
		}
	}
	return true;
}

static bool dw_step_index(struct dw_tctx *t, struct dw_val *v,
			  const struct ast_tstep *s, const char *shown)
{
	Dwarf_Die st, et, es;
	int tag = dw_val_kind(v), esz;
	char *idx, *base;

	dw_type_strip(&v->type, &st);
	if ((tag != DW_TAG_pointer_type && tag != DW_TAG_array_type) ||
	    !dw_type_of(&st, &et)) {
		char *ts = v->has_type ? dw_type_str(&v->type) : xstrdup("void");

		sb_printf(t->err, "%s has type `%s`, which cannot be subscripted",
			  shown, ts);
		free(ts);
		return false;
	}
	esz = dw_type_strip(&et, &es) ? dw_type_size(&es) : -1;
	if (esz <= 0) {
		sb_printf(t->err, "%s: element size unknown, cannot subscript", shown);
		return false;
	}
	if (s->index && s->index->kind == AST_NUM)
		idx = xasprintf("%lldLL", (long long)s->index->u.num.value);
	else
		idx = xasprintf("idx%d", t->nidx++);
	if (tag == DW_TAG_pointer_type) {
		base = dw_load_ptr(t, v);
	} else if (v->mem) {
		base = xstrdup(v->expr);
	} else {
		sb_printf(t->err, "%s is an array held in registers; cannot subscript",
			  shown);
		free(idx);
		return false;
	}
	dw_val_set(v, true, xasprintf("(%s + (unsigned long)(%s) * %d)", base,
				      idx, esz), &et);
	free(base);
	free(idx);
	return true;
}

bool dw_val_deref(struct dw_tctx *t, struct dw_val *v)
{
	Dwarf_Die st, pt;

	if (dw_val_kind(v) != DW_TAG_pointer_type)
		return false;
	dw_type_strip(&v->type, &st);
	if (!dw_type_of(&st, &pt))
		return false;
	dw_val_set(v, true, dw_load_ptr(t, v), &pt);
	return true;
}

bool dw_val_step(struct dw_tctx *t, struct dw_val *v,
		 const struct ast_tstep *s, const char *shown)
{
	if (v->bit_size) {
		sb_printf(t->err, "%s is a bitfield", shown);
		return false;
	}
	if (!v->has_type) {
		sb_printf(t->err, "%s has type void", shown);
		return false;
	}
	if (s->kind == TSTEP_FIELD)
		return dw_step_field(t, v, s, shown);
	return dw_step_index(t, v, s, shown);
}

static char *dw_bitfield(struct dw_tctx *t, struct dw_val *v, bool sign)
{
	int sh = v->bit_off % 8, bs = v->bit_size;
	int nbytes = (sh + bs + 7) / 8;
	char *addr, *raw;

	if (!v->mem) {
		raw = xasprintf("(%s >> %d)", v->expr, v->bit_off);
	} else {
		int tn;

		addr = xasprintf("(%s + %d)", v->expr, v->bit_off / 8);
		tn = dw_emit_read(&t->e, addr, nbytes);
		free(addr);
		raw = xasprintf("(t%d >> %d)", tn, sh);
	}
	if (sign) {
		char *r = xasprintf("((int64_t)(%s << %d) >> %d)", raw, 64 - bs,
				    64 - bs);

		free(raw);
		return r;
	}
	addr = xasprintf("(int64_t)(%s & 0x%llxULL)", raw,
			 (unsigned long long)(bs >= 64 ? ~0ULL : (1ULL << bs) - 1));
	free(raw);
	return addr;
}

char *dw_val_scalar(struct dw_tctx *t, struct dw_val *v, const char *shown)
{
	Dwarf_Die st;
	int tag = dw_val_kind(v), sz;
	bool sign;
	char *raw, *r;

	if (!tag) {
		sb_printf(t->err, "%s has type void", shown);
		return NULL;
	}
	dw_type_strip(&v->type, &st);
	switch (tag) {
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_array_type:
	case DW_TAG_subroutine_type:
		if (!v->mem) {
			sb_printf(t->err, "%s is held in registers; it has no address",
				  shown);
			return NULL;
		}
		return xasprintf("(int64_t)%s", v->expr);
	case DW_TAG_base_type:
	case DW_TAG_enumeration_type:
	case DW_TAG_pointer_type:
		break;
	default: {
		char *ts = dw_type_str(&v->type);

		sb_printf(t->err, "%s has unsupported type `%s`", shown, ts);
		free(ts);
		return NULL;
	}
	}
	if (tag == DW_TAG_base_type) {
		Dwarf_Attribute a;
		Dwarf_Word enc = 0;

		if (dwarf_attr(&st, DW_AT_encoding, &a))
			dwarf_formudata(&a, &enc);
		if (enc == DW_ATE_float || enc == DW_ATE_complex_float) {
			sb_printf(t->err, "%s is floating point, which is not supported",
				  shown);
			return NULL;
		}
	}
	sign = tag != DW_TAG_pointer_type && dw_type_signed(&st);
	if (v->bit_size)
		return dw_bitfield(t, v, sign);
	sz = dw_type_size(&st);
	if (sz != 1 && sz != 2 && sz != 4 && sz != 8) {
		sb_printf(t->err, "%s has unsupported size %d", shown, sz);
		return NULL;
	}
	if (v->mem) {
		int tn = dw_emit_read(&t->e, v->expr, sz);

		raw = xasprintf("t%d", tn);
	} else {
		raw = xstrdup(v->expr);
	}
	if (sz == 8)
		r = xasprintf("(int64_t)%s", raw);
	else
		r = xasprintf("(int64_t)(%sint%d_t)%s", sign ? "" : "u", sz * 8,
			      raw);
	free(raw);
	return r;
}
