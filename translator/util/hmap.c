// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hmap.c - open-addressing (linear probing) hash table keyed by strings.
 * There is no delete, which keeps probing simple: an empty slot always
 * ends a search.  The table is kept at most half full.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t hash_str(const char *s)
{
	size_t h = 14695981039346656037ULL;	/* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	/*
	 * FNV's low bits depend only on the low bits of each byte; the table
	 * masks with cap - 1, so fold the high bits down (murmur3's fmix64).
	 */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

void hmap_init(struct hmap *h)
{
	h->ents = NULL;
	h->cap = h->n = 0;
}

void hmap_free(struct hmap *h)
{
	free(h->ents);
	hmap_init(h);
}

static struct hmap_ent *hmap_slot(struct hmap_ent *ents, size_t cap,
				  const char *key, size_t hash)
{
	size_t i = hash & (cap - 1);

	while (ents[i].key && (ents[i].hash != hash ||
			       (ents[i].key != key && strcmp(ents[i].key, key))))
		i = (i + 1) & (cap - 1);
	return &ents[i];
}

static void hmap_rehash(struct hmap *h)
{
	size_t cap = h->cap ? 2 * h->cap : 16;
	struct hmap_ent *ents = xcalloc(cap, sizeof(*ents));

	for (size_t i = 0; i < h->cap; i++) {
		if (h->ents[i].key)
			*hmap_slot(ents, cap, h->ents[i].key,
				   h->ents[i].hash) = h->ents[i];
	}
	free(h->ents);
	h->ents = ents;
	h->cap = cap;
}

void hmap_reserve(struct hmap *h, size_t n)
{
	size_t cap = 16;

	if (h->cap)
		return;
	while (cap < 2 * n)
		cap *= 2;
	h->ents = xcalloc(cap, sizeof(*h->ents));
	h->cap = cap;
}

void *hmap_get(const struct hmap *h, const char *key)
{
	if (!h->cap)
		return NULL;
	return hmap_slot(h->ents, h->cap, key, hash_str(key))->val;
}

void *hmap_put(struct hmap *h, const char *key, void *val)
{
	size_t hash = hash_str(key);
	struct hmap_ent *e;
	void *old;

	if (2 * (h->n + 1) > h->cap)
		hmap_rehash(h);
	e = hmap_slot(h->ents, h->cap, key, hash);
	if (!e->key) {
		e->key = key;
		e->hash = hash;
		h->n++;
	}
	old = e->val;
	e->val = val;
	return old;
}

bool hmap_next(const struct hmap *h, size_t *it, const char **key, void **val)
{
	while (*it < h->cap) {
		struct hmap_ent *e = &h->ents[(*it)++];

		if (e->key) {
			if (key)
				*key = e->key;
			if (val)
				*val = e->val;
			return true;
		}
	}
	return false;
}
