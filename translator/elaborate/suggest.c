// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * suggest.c - "similar: a, b, c" hints for misspelt names: the closest
 * candidates by edit distance (at most a third of the name's length).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SUGGEST_MAX 3

void el_suggest(struct diag *d, const char *name, const char *const *cands,
		size_t n)
{
	const char *best[SUGGEST_MAX] = { 0 };
	int bestd[SUGGEST_MAX];
	int len = (int)strlen(name);
	/* one- and two-letter names are too short to be misspelt */
	int cap = len <= 2 ? 0 : len / 3 + 1;
	struct strbuf sb;
	size_t i;
	int k, j;

	for (k = 0; k < SUGGEST_MAX; k++)
		bestd[k] = cap + 1;
	for (i = 0; i < n; i++) {
		int dist;

		if (!cands[i] || !strcmp(cands[i], name))
			continue;
		dist = edit_distance(name, cands[i], cap);
		/* not similar if every letter of either had to change */
		if (dist > cap || dist >= (int)strlen(cands[i]) || dist >= len)
			continue;
		for (k = 0; k < SUGGEST_MAX; k++) {
			if (best[k] && !strcmp(best[k], cands[i]))
				break;
			if (dist < bestd[k]) {
				for (j = SUGGEST_MAX - 1; j > k; j--) {
					best[j] = best[j - 1];
					bestd[j] = bestd[j - 1];
				}
				best[k] = cands[i];
				bestd[k] = dist;
				break;
			}
		}
	}
	if (!best[0])
		return;
	sb_init(&sb);
	for (k = 0; k < SUGGEST_MAX && best[k]; k++)
		sb_printf(&sb, "%s%s", k ? ", " : "", best[k]);
	diag_hint(d, "similar: %s", sb_str(&sb));
	sb_free(&sb);
}
