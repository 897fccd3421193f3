/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * map.h - fixed-capacity hash maps for script arrays.
 *
 * Every map is allocated at module init with room for 'cap' entries
 * (MAXMAPENTRIES or the declared size); probe context never allocates.
 * Keys are up to TAPC_MAXKEYS longs/strings (bit i of strmask set: key i
 * is a string).  Values are a long, a string or a struct tapc_stat.
 * Entries sit on an age list (insertion order): unsorted foreach walks
 * it, and a '%' (wrap) array evicts its head when full.
 *
 * Locking is the caller's: the generated code holds the global's rwlock
 * (write mode for anything that inserts, deletes or sorts).
 *
 * An aggregate array (struct tapc_pmap) is one map per CPU plus a merge
 * map filled by extraction.
 */
#ifndef TAPC_MAP_H
#define TAPC_MAP_H

#define TAPC_MAXKEYS 9

enum tapc_vtype { TAPC_V_LONG, TAPC_V_STR, TAPC_V_STAT };

/* A lookup key built by generated code (strings are not copied). */
struct tapc_key {
	int64_t n[TAPC_MAXKEYS];
	const char *s[TAPC_MAXKEYS];
};

struct tapc_map_ent {
	u32 hnext;		/* hash chain / free list: index + 1, 0 = end */
	u32 prev, next;		/* age list: index + 1, 0 = end */
	u32 hash;
	char data[];		/* keys, then the value */
};

struct tapc_map {
	const char *name;
	u32 cap, count;
	int nkeys;
	u32 strmask;
	enum tapc_vtype vtype;
	bool wrap;
	const struct tapc_stat_desc *sd;	/* TAPC_V_STAT */
	u32 esize, voff, koff[TAPC_MAXKEYS];
	u32 nhash, *hash;
	char *ents;
	u32 free, head, tail;
	u32 *order, norder;	/* sorted foreach scratch */
};

struct tapc_map *tapc_map_new(const char *name, int nkeys, u32 strmask,
			      enum tapc_vtype vtype,
			      const struct tapc_stat_desc *sd, u32 cap,
			      bool wrap);
void tapc_map_free(struct tapc_map *m);

/* Value pointer for key, or NULL if absent. */
void *tapc_map_find(struct tapc_map *m, const struct tapc_key *k);
/* Value pointer for key, inserting a zeroed value; NULL if full. */
void *tapc_map_set(struct tapc_map *m, const struct tapc_key *k);
void tapc_map_del(struct tapc_map *m, const struct tapc_key *k);
void tapc_map_clear(struct tapc_map *m);

static __always_inline struct tapc_map_ent *tapc_map_ent(struct tapc_map *m,
							 u32 idx1)
{
	return idx1 ? (struct tapc_map_ent *)(m->ents +
					      (size_t)(idx1 - 1) * m->esize) :
		      NULL;
}

static __always_inline struct tapc_map_ent *tapc_map_first(struct tapc_map *m)
{
	return tapc_map_ent(m, m->head);
}

static __always_inline struct tapc_map_ent *
tapc_map_next(struct tapc_map *m, struct tapc_map_ent *e)
{
	return tapc_map_ent(m, e->next);
}

static __always_inline void *tapc_map_val(struct tapc_map *m,
					  struct tapc_map_ent *e)
{
	return e->data + m->voff;
}

static __always_inline int64_t tapc_map_key_long(struct tapc_map *m,
						 struct tapc_map_ent *e, int i)
{
	return *(int64_t *)(e->data + m->koff[i]);
}

static __always_inline const char *tapc_map_key_str(struct tapc_map *m,
						    struct tapc_map_ent *e,
						    int i)
{
	return e->data + m->koff[i];
}

void tapc_map_ent_key(struct tapc_map *m, struct tapc_map_ent *e,
		      struct tapc_key *k);
/* Fill m->order with entry indices sorted on column col (0: the value,
 * 1..nkeys: a key), dir +1 ascending / -1 descending; returns the count. */
u32 tapc_map_sort(struct tapc_map *m, int col, int dir);

/* Aggregate arrays. */
struct tapc_pmap {
	struct tapc_map **cpu;		/* nr_cpu_ids maps */
	struct tapc_map *agg;		/* merged by tapc_pmap_merge */
};

int tapc_pmap_init(struct tapc_pmap *p, const char *name, int nkeys,
		   u32 strmask, const struct tapc_stat_desc *sd, u32 cap);
void tapc_pmap_free(struct tapc_pmap *p);
/* This CPU's stat for key (inserted if new); NULL if full.  raw_: begin
 * and end probes run preemptible, but alone (see context.h). */
static __always_inline struct tapc_stat *tapc_pmap_add(struct tapc_pmap *p,
						       const struct tapc_key *k)
{
	return tapc_map_set(p->cpu[raw_smp_processor_id()], k);
}
/* Merge every CPU into p->agg and return it. */
struct tapc_map *tapc_pmap_merge(struct tapc_pmap *p);
/* Merged stat of one key, or NULL if no CPU has it. */
struct tapc_stat *tapc_pmap_get(struct tapc_pmap *p, const struct tapc_key *k);
void tapc_pmap_del(struct tapc_pmap *p, const struct tapc_key *k);
void tapc_pmap_clear(struct tapc_pmap *p);

#endif
