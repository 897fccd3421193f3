// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * map.c - fixed-capacity hash maps (see map.h).
 */

static size_t tapc_vsize(enum tapc_vtype t, const struct tapc_stat_desc *sd)
{
	switch (t) {
	case TAPC_V_LONG: return sizeof(int64_t);
	case TAPC_V_STR: return MAXSTRINGLEN;
	case TAPC_V_STAT: return tapc_stat_size(sd);
	}
	return sizeof(int64_t);
}

struct tapc_map *tapc_map_new(const char *name, int nkeys, u32 strmask,
			      enum tapc_vtype vtype,
			      const struct tapc_stat_desc *sd, u32 cap,
			      bool wrap)
{
	struct tapc_map *m = kzalloc(sizeof(*m), GFP_KERNEL);
	size_t off = 0;
	int i;

	if (!m)
		return NULL;
	m->name = name;
	m->cap = cap ? cap : 1;
	m->nkeys = nkeys;
	m->strmask = strmask;
	m->vtype = vtype;
	m->sd = sd;
	m->wrap = wrap;
	for (i = 0; i < nkeys; i++) {
		m->koff[i] = off;
		off += (strmask & (1u << i)) ? MAXSTRINGLEN : sizeof(int64_t);
		off = ALIGN(off, 8);
	}
	m->voff = off;
	off += tapc_vsize(vtype, sd);
	m->esize = ALIGN(sizeof(struct tapc_map_ent) + off, 8);
	m->nhash = roundup_pow_of_two(m->cap);
	m->hash = kvcalloc(m->nhash, sizeof(u32), GFP_KERNEL);
	m->order = kvcalloc(m->cap, sizeof(u32), GFP_KERNEL);
	m->ents = kvzalloc((size_t)m->cap * m->esize, GFP_KERNEL);
	if (!m->hash || !m->order || !m->ents) {
		tapc_map_free(m);
		return NULL;
	}
	tapc_map_clear(m);
	return m;
}

void tapc_map_free(struct tapc_map *m)
{
	if (!m)
		return;
	kvfree(m->hash);
	kvfree(m->order);
	kvfree(m->ents);
	kfree(m);
}

void tapc_map_clear(struct tapc_map *m)
{
	u32 i;

	memset(m->hash, 0, m->nhash * sizeof(u32));
	for (i = 0; i < m->cap; i++)
		tapc_map_ent(m, i + 1)->hnext = i + 2 <= m->cap ? i + 2 : 0;
	m->free = 1;
	m->head = m->tail = 0;
	m->count = 0;
}

static u32 tapc_key_hash(struct tapc_map *m, const struct tapc_key *k)
{
	u32 h = 0x7a9c;
	int i;

	for (i = 0; i < m->nkeys; i++) {
		if (m->strmask & (1u << i))
			h = jhash(k->s[i], strnlen(k->s[i], MAXSTRINGLEN - 1),
				  h);
		else
			h = jhash_2words((u32)k->n[i], (u32)(k->n[i] >> 32),
					 h);
	}
	return h;
}

static bool tapc_key_eq(struct tapc_map *m, struct tapc_map_ent *e,
			const struct tapc_key *k)
{
	int i;

	for (i = 0; i < m->nkeys; i++) {
		if (m->strmask & (1u << i)) {
			if (strncmp(tapc_map_key_str(m, e, i), k->s[i],
				    MAXSTRINGLEN - 1))
				return false;
		} else if (tapc_map_key_long(m, e, i) != k->n[i]) {
			return false;
		}
	}
	return true;
}

static struct tapc_map_ent *tapc_map_lookup(struct tapc_map *m,
					    const struct tapc_key *k, u32 h,
					    u32 **link)
{
	u32 *l = &m->hash[h & (m->nhash - 1)];
	struct tapc_map_ent *e;

	for (; *l; l = &e->hnext) {
		e = tapc_map_ent(m, *l);
		if (e->hash == h && tapc_key_eq(m, e, k)) {
			if (link)
				*link = l;
			return e;
		}
	}
	return NULL;
}

void *tapc_map_find(struct tapc_map *m, const struct tapc_key *k)
{
	struct tapc_map_ent *e = tapc_map_lookup(m, k, tapc_key_hash(m, k),
						 NULL);

	return e ? tapc_map_val(m, e) : NULL;
}

static void tapc_map_unlink(struct tapc_map *m, struct tapc_map_ent *e,
			    u32 *link)
{
	u32 idx = *link;

	*link = e->hnext;
	if (e->prev)
		tapc_map_ent(m, e->prev)->next = e->next;
	else
		m->head = e->next;
	if (e->next)
		tapc_map_ent(m, e->next)->prev = e->prev;
	else
		m->tail = e->prev;
	e->hnext = m->free;
	m->free = idx;
	m->count--;
}

static void tapc_map_evict_oldest(struct tapc_map *m)
{
	struct tapc_map_ent *e = tapc_map_ent(m, m->head);
	u32 *l = &m->hash[e->hash & (m->nhash - 1)];

	while (*l != m->head)
		l = &tapc_map_ent(m, *l)->hnext;
	tapc_map_unlink(m, e, l);
}

void *tapc_map_set(struct tapc_map *m, const struct tapc_key *k)
{
	u32 h = tapc_key_hash(m, k), idx, *bucket;
	struct tapc_map_ent *e = tapc_map_lookup(m, k, h, NULL);
	int i;

	if (e)
		return tapc_map_val(m, e);
	if (!m->free) {
		if (!m->wrap || !m->head)
			return NULL;
		tapc_map_evict_oldest(m);
	}
	idx = m->free;
	e = tapc_map_ent(m, idx);
	m->free = e->hnext;
	memset(e->data, 0, m->esize - sizeof(*e));
	for (i = 0; i < m->nkeys; i++) {
		if (m->strmask & (1u << i))
			strscpy(e->data + m->koff[i], k->s[i], MAXSTRINGLEN);
		else
			*(int64_t *)(e->data + m->koff[i]) = k->n[i];
	}
	e->hash = h;
	bucket = &m->hash[h & (m->nhash - 1)];
	e->hnext = *bucket;
	*bucket = idx;
	e->next = 0;
	e->prev = m->tail;
	if (m->tail)
		tapc_map_ent(m, m->tail)->next = idx;
	else
		m->head = idx;
	m->tail = idx;
	m->count++;
	return tapc_map_val(m, e);
}

void tapc_map_del(struct tapc_map *m, const struct tapc_key *k)
{
	u32 *link;
	struct tapc_map_ent *e = tapc_map_lookup(m, k, tapc_key_hash(m, k),
						 &link);

	if (e)
		tapc_map_unlink(m, e, link);
}

void tapc_map_ent_key(struct tapc_map *m, struct tapc_map_ent *e,
		      struct tapc_key *k)
{
	int i;

	for (i = 0; i < m->nkeys; i++) {
		if (m->strmask & (1u << i))
			k->s[i] = tapc_map_key_str(m, e, i);
		else
			k->n[i] = tapc_map_key_long(m, e, i);
	}
}

/* ---- sorting (heapsort on m->order: bounded, no recursion) ---- */

static int tapc_map_cmp(struct tapc_map *m, u32 a, u32 b, int col)
{
	struct tapc_map_ent *ea = tapc_map_ent(m, a), *eb = tapc_map_ent(m, b);
	int64_t x, y;

	if (col == 0) {
		if (m->vtype == TAPC_V_STR)
			return strcmp(tapc_map_val(m, ea), tapc_map_val(m, eb));
		if (m->vtype == TAPC_V_STAT) {
			x = ((struct tapc_stat *)tapc_map_val(m, ea))->count;
			y = ((struct tapc_stat *)tapc_map_val(m, eb))->count;
		} else {
			x = *(int64_t *)tapc_map_val(m, ea);
			y = *(int64_t *)tapc_map_val(m, eb);
		}
	} else if (m->strmask & (1u << (col - 1))) {
		return strcmp(tapc_map_key_str(m, ea, col - 1),
			      tapc_map_key_str(m, eb, col - 1));
	} else {
		x = tapc_map_key_long(m, ea, col - 1);
		y = tapc_map_key_long(m, eb, col - 1);
	}
	return x < y ? -1 : x > y;
}

static void tapc_sift(struct tapc_map *m, u32 *o, u32 root, u32 n, int col,
		      int dir)
{
	u32 child, t;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n &&
		    dir * tapc_map_cmp(m, o[child], o[child + 1], col) < 0)
			child++;
		if (dir * tapc_map_cmp(m, o[root], o[child], col) >= 0)
			return;
		t = o[root];
		o[root] = o[child];
		o[child] = t;
		root = child;
	}
}

u32 tapc_map_sort(struct tapc_map *m, int col, int dir)
{
	u32 n = 0, i, t, idx;

	for (idx = m->head; idx; idx = tapc_map_ent(m, idx)->next)
		m->order[n++] = idx;
	for (i = n / 2; i-- > 0;)
		tapc_sift(m, m->order, i, n, col, dir);
	for (i = n; i-- > 1;) {
		t = m->order[0];
		m->order[0] = m->order[i];
		m->order[i] = t;
		tapc_sift(m, m->order, 0, i, col, dir);
	}
	m->norder = n;
	return n;
}

/* ---- aggregate arrays ---- */

int tapc_pmap_init(struct tapc_pmap *p, const char *name, int nkeys,
		   u32 strmask, const struct tapc_stat_desc *sd, u32 cap)
{
	int cpu;

	p->cpu = kcalloc(nr_cpu_ids, sizeof(*p->cpu), GFP_KERNEL);
	if (!p->cpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		p->cpu[cpu] = tapc_map_new(name, nkeys, strmask, TAPC_V_STAT,
					   sd, cap, false);
		if (!p->cpu[cpu])
			goto fail;
	}
	p->agg = tapc_map_new(name, nkeys, strmask, TAPC_V_STAT, sd, cap,
			      false);
	if (!p->agg)
		goto fail;
	return 0;
fail:
	tapc_pmap_free(p);
	return -ENOMEM;
}

void tapc_pmap_free(struct tapc_pmap *p)
{
	int cpu;

	if (p->cpu)
		for_each_possible_cpu(cpu)
			tapc_map_free(p->cpu[cpu]);
	kfree(p->cpu);
	tapc_map_free(p->agg);
	p->cpu = NULL;
	p->agg = NULL;
}

struct tapc_map *tapc_pmap_merge(struct tapc_pmap *p)
{
	struct tapc_map_ent *e;
	struct tapc_key k;
	struct tapc_stat *dst;
	int cpu;

	tapc_map_clear(p->agg);
	for_each_possible_cpu(cpu) {
		struct tapc_map *m = p->cpu[cpu];

		for (e = tapc_map_first(m); e; e = tapc_map_next(m, e)) {
			tapc_map_ent_key(m, e, &k);
			dst = tapc_map_set(p->agg, &k);
			if (dst)
				tapc_stat_merge(dst, tapc_map_val(m, e),
						p->agg->sd);
		}
	}
	return p->agg;
}

/*
 * The merged element k, refreshed from every CPU.  An element already in
 * p->agg is cleared and refilled in place, never deleted and re-added:
 * a foreach over the merged map (which reads @sum(arr[k]) in its body)
 * would otherwise lose its place.
 */
struct tapc_stat *tapc_pmap_get(struct tapc_pmap *p, const struct tapc_key *k)
{
	struct tapc_stat *dst = tapc_map_find(p->agg, k), *src;
	bool any = false;
	int cpu;

	if (dst)
		tapc_stat_clear(dst, p->agg->sd);
	for_each_possible_cpu(cpu) {
		src = tapc_map_find(p->cpu[cpu], k);
		if (!src)
			continue;
		if (!dst)
			dst = tapc_map_set(p->agg, k);
		if (!dst)
			return NULL;
		tapc_stat_merge(dst, src, p->agg->sd);
		any = true;
	}
	if (!any && dst) {	/* gone from every CPU: gone here too */
		tapc_map_del(p->agg, k);
		return NULL;
	}
	return dst;
}

void tapc_pmap_del(struct tapc_pmap *p, const struct tapc_key *k)
{
	int cpu;

	for_each_possible_cpu(cpu)
		tapc_map_del(p->cpu[cpu], k);
	tapc_map_del(p->agg, k);
}

void tapc_pmap_clear(struct tapc_pmap *p)
{
	int cpu;

	for_each_possible_cpu(cpu)
		tapc_map_clear(p->cpu[cpu]);
	tapc_map_clear(p->agg);
}
