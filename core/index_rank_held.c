/* Which phrases each row holds (index_rank_held.h): the phrases' lists of
 * rows counting-sorted by row, each row's phrases side by side in one
 * array, ascending as the lists are read in order. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "index_rank_held.h"
#include "xalloc.h"

struct RankHeld {
	sqlite3_int64	 base;		/* the lowest row */
	size_t		 span;		/* rows base..base+span-1 */
	size_t		*first;		/* per row: where its phrases start in phrases */
	int		*phrases;
	size_t		 total;
};

/* Turns the lists into each row's phrases; see index_rank_held.h. */
RankHeld *
index_rank_held_new(sqlite3_int64 *const *rowids, const size_t *counts, int nphrases)
{
	sqlite3_int64 low = INT64_MAX, high = INT64_MIN;
	size_t total = 0, k, r;
	RankHeld *held;
	int i;

	for (i = 0; i < nphrases; i++) {
		if (counts[i] == 0)
			continue;
		total += counts[i];
		low = rowids[i][0] < low ? rowids[i][0] : low;
		high = rowids[i][counts[i] - 1] > high ? rowids[i][counts[i] - 1] : high;
	}
	/* Rows of an archive are dense; a table of every row between is
	 * worth it while it is not far larger than the lists. */
	if (total == 0 || (uint64_t)(high - low) >= 4 * (uint64_t)total + 65536)
		return NULL;
	held = xcalloc(1, sizeof *held);
	held->base = low;
	held->span = (size_t)(high - low) + 1;
	held->total = total;
	held->first = xcalloc(held->span + 1, sizeof *held->first);
	held->phrases = xreallocarray(NULL, total, sizeof *held->phrases);
	/* Each row's count, summed up to it: where its phrases end. */
	for (i = 0; i < nphrases; i++)
		for (k = 0; k < counts[i]; k++)
			held->first[rowids[i][k] - low]++;
	for (r = 1; r < held->span; r++)
		held->first[r] += held->first[r - 1];
	/* Placed from the last phrase back, each from its row's end down:
	 * each row's phrases ascend, and first[r] ends at the row's first. */
	for (i = nphrases - 1; i >= 0; i--)
		for (k = counts[i]; k-- > 0;)
			held->phrases[--held->first[rowids[i][k] - low]] = i;
	return held;
}

/* Returns the phrases that hold rowid; see index_rank_held.h. */
const int *
index_rank_held_row(const RankHeld *held, sqlite3_int64 rowid, size_t *n)
{
	size_t r, last;

	*n = 0;
	if (rowid < held->base || (uint64_t)(rowid - held->base) >= held->span)
		return NULL;
	r = (size_t)(rowid - held->base);
	last = r + 1 < held->span ? held->first[r + 1] : held->total;
	*n = last - held->first[r];
	return held->phrases + held->first[r];
}

/* Frees the rows' phrases. */
void
index_rank_held_free(RankHeld *held)
{
	if (held == NULL)
		return;
	free(held->first);
	free(held->phrases);
	free(held);
}
