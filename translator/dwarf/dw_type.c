// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dw_type.c - DWARF type helpers: follow DW_AT_type, strip typedefs and
 * qualifiers, print C type names, find struct members (through anonymous
 * structs and unions) and look up types by name for @cast.
 */
#include <stdlib.h>
#include <string.h>

#include "dw_internal.h"

Dwarf_Die *dw_type_of(Dwarf_Die *die, Dwarf_Die *mem)
{
	Dwarf_Attribute a;

	if (!dwarf_attr_integrate(die, DW_AT_type, &a))
		return NULL;
	return dwarf_formref_die(&a, mem);
}

Dwarf_Die *dw_type_strip(Dwarf_Die *type, Dwarf_Die *mem)
{
	Dwarf_Die cur = *type;

	for (;;) {
		int tag = dwarf_tag(&cur);

		if (tag != DW_TAG_typedef && tag != DW_TAG_const_type &&
		    tag != DW_TAG_volatile_type &&
		    tag != DW_TAG_restrict_type && tag != DW_TAG_atomic_type)
			break;
		if (!dw_type_of(&cur, &cur)) {
			/* "const void" */
			return NULL;
		}
	}
	*mem = cur;
	return mem;
}

static void dw_type_name_rec(Dwarf_Die *type, struct strbuf *sb, int depth)
{
	Dwarf_Die sub;
	const char *name = dwarf_diename(type);
	int tag = dwarf_tag(type);
	bool has_sub = dw_type_of(type, &sub) != NULL;

	if (depth > 8) {
		sb_puts(sb, "...");
		return;
	}
	switch (tag) {
	case DW_TAG_structure_type:
		sb_printf(sb, "struct %s", name ? name : "{...}");
		return;
	case DW_TAG_union_type:
		sb_printf(sb, "union %s", name ? name : "{...}");
		return;
	case DW_TAG_enumeration_type:
		sb_printf(sb, "enum %s", name ? name : "{...}");
		return;
	case DW_TAG_pointer_type:
		if (has_sub && dwarf_tag(&sub) == DW_TAG_subroutine_type) {
			sb_puts(sb, "void (*)()");
			return;
		}
		if (has_sub)
			dw_type_name_rec(&sub, sb, depth + 1);
		else
			sb_puts(sb, "void");
		sb_puts(sb, " *");
		return;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
		/* a qualified pointer: "const char * const *" */
		if (has_sub && dwarf_tag(&sub) == DW_TAG_pointer_type) {
			dw_type_name_rec(&sub, sb, depth + 1);
			sb_puts(sb, tag == DW_TAG_const_type ? " const" :
				" volatile");
			return;
		}
		sb_puts(sb, tag == DW_TAG_const_type ? "const " : "volatile ");
		if (has_sub)
			dw_type_name_rec(&sub, sb, depth + 1);
		else
			sb_puts(sb, "void");
		return;
	case DW_TAG_array_type: {
		Dwarf_Die r;
		Dwarf_Word n = 0;

		if (has_sub)
			dw_type_name_rec(&sub, sb, depth + 1);
		if (dwarf_child(type, &r) == 0) {
			Dwarf_Attribute a;

			if (dwarf_attr(&r, DW_AT_count, &a) &&
			    dwarf_formudata(&a, &n) == 0)
				sb_printf(sb, "[%llu]", (unsigned long long)n);
			else if (dwarf_attr(&r, DW_AT_upper_bound, &a) &&
				 dwarf_formudata(&a, &n) == 0)
				sb_printf(sb, "[%llu]", (unsigned long long)n + 1);
			else
				sb_puts(sb, "[]");
		}
		return;
	}
	default:
		sb_puts(sb, name ? name : "?");
	}
}

void dw_type_name(Dwarf_Die *type, struct strbuf *sb)
{
	if (!type) {
		sb_puts(sb, "void");
		return;
	}
	dw_type_name_rec(type, sb, 0);
}

static bool dw_member_offset(Dwarf_Die *m, uint64_t *off)
{
	Dwarf_Attribute a;
	Dwarf_Word w;

	*off = 0;
	if (!dwarf_attr(m, DW_AT_data_member_location, &a))
		return true;	/* union members, bitfields with bit offset */
	if (dwarf_formudata(&a, &w) != 0)
		return false;	/* location expression: not in C */
	*off = w;
	return true;
}

bool dw_find_member(Dwarf_Die *agg, const char *name, Dwarf_Die *member,
		    uint64_t *byte_off)
{
	Dwarf_Die m;

	if (dwarf_child(agg, &m) != 0)
		return false;
	do {
		const char *mn;
		uint64_t off;
		Dwarf_Die t, ts;

		if (dwarf_tag(&m) != DW_TAG_member)
			continue;
		mn = dwarf_diename(&m);
		if (!dw_member_offset(&m, &off))
			continue;
		if (mn && !strcmp(mn, name)) {
			*member = m;
			*byte_off = off;
			return true;
		}
		if (!mn && dw_type_of(&m, &t) && dw_type_strip(&t, &ts) &&
		    dw_find_member(&ts, name, member, byte_off)) {
			*byte_off += off;
			return true;
		}
	} while (dwarf_siblingof(&m, &m) == 0);
	return false;
}

static void dw_suggest_rec(Dwarf_Die *agg, const char *name,
			   struct strbuf *sb, int *n)
{
	Dwarf_Die m, t, ts;

	if (dwarf_child(agg, &m) != 0)
		return;
	do {
		const char *mn;

		if (dwarf_tag(&m) != DW_TAG_member)
			continue;
		mn = dwarf_diename(&m);
		if (!mn) {
			if (dw_type_of(&m, &t) && dw_type_strip(&t, &ts))
				dw_suggest_rec(&ts, name, sb, n);
			continue;
		}
		int cap = strlen(name) / 3 ? (int)strlen(name) / 3 : 1;

		if (*n < 6 && (edit_distance(name, mn, cap) <= cap ||
			       (strlen(name) >= 3 && strstr(mn, name)))) {
			sb_printf(sb, "%s%s", *n ? ", " : "", mn);
			(*n)++;
		}
	} while (dwarf_siblingof(&m, &m) == 0);
}

void dw_member_suggest(Dwarf_Die *agg, const char *name, struct strbuf *sb)
{
	int n = 0;

	dw_suggest_rec(agg, name, sb, &n);
}

static int dw_parse_type_name(const char *s, const char **name)
{
	static const struct {
		const char *kw;
		int tag;
	} kws[] = {
		{ "struct ", DW_TAG_structure_type },
		{ "union ", DW_TAG_union_type },
		{ "enum ", DW_TAG_enumeration_type },
	};
	size_t i;

	while (*s == ' ')
		s++;
	for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		if (!strncmp(s, kws[i].kw, strlen(kws[i].kw))) {
			*name = s + strlen(kws[i].kw);
			return kws[i].tag;
		}
	*name = s;
	return 0;	/* typedef or base type */
}

static bool dw_type_tag_ok(int want, int tag)
{
	if (want)
		return tag == want;
	/* a bare name, as in @cast(p, "task_struct"): any named type */
	return tag == DW_TAG_typedef || tag == DW_TAG_base_type ||
	       tag == DW_TAG_structure_type || tag == DW_TAG_union_type ||
	       tag == DW_TAG_enumeration_type;
}

/* Looks in one CU's top level for a complete definition. */
static bool dw_find_type_cu(Dwarf_Die *cu, int want, const char *name,
			    Dwarf_Die *out)
{
	Dwarf_Die d;

	if (dwarf_child(cu, &d) != 0)
		return false;
	do {
		const char *n;

		if (!dw_type_tag_ok(want, dwarf_tag(&d)))
			continue;
		n = dwarf_diename(&d);
		if (n && !strcmp(n, name) &&
		    !dwarf_hasattr(&d, DW_AT_declaration)) {
			*out = d;
			return true;
		}
	} while (dwarf_siblingof(&d, &d) == 0);
	return false;
}

bool dw_find_type(struct dw_kernel *dw, const char *spec, Dwarf_Die *cu_hint,
		  Dwarf_Die *out)
{
	const char *name;
	int want = dw_parse_type_name(spec, &name);
	char *nm = xstrdup(name);
	size_t len = strlen(nm);
	struct dw_index *ix;
	long i;
	bool ok = false;

	while (len && nm[len - 1] == ' ')
		nm[--len] = 0;
	if (cu_hint && dw_find_type_cu(cu_hint, want, nm, out)) {
		ok = true;
		goto out;
	}
	ix = dw_index_get(dw);
	for (i = dw_index_first(ix, intern(nm)); i >= 0;
	     i = dw_index_next(ix, i))
		if (dw_type_tag_ok(want, ix->v[i].tag) &&
		    dwarf_offdie(dw->dbg, ix->v[i].die_off, out)) {
			ok = true;
			break;
		}
out:
	free(nm);
	return ok;
}
