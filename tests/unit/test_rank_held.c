/* Unit tests of each row's phrases made from the phrases' lists of rows
 * (core/index_rank_held.c), against asking every list. */
#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "index_rank_held.h"
#include "tap.h"

#define NPHRASES 9

/* Returns non-zero when list (count rowids) holds rowid. */
static int
list_holds(const sqlite3_int64 *list, size_t count, sqlite3_int64 rowid)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (list[i] == rowid)
			return 1;
	return 0;
}

/* Lists of random rows, one of them nearly every row, some empty: each
 * row's phrases are those whose lists hold it, ascending. */
static void
test_random(void)
{
	sqlite3_int64 *rowids[NPHRASES];
	size_t counts[NPHRASES], same = 0, rows = 0;
	sqlite3_int64 rowid;
	RankHeld *held;
	int i;

	srand(11);
	for (i = 0; i < NPHRASES; i++) {
		rowids[i] = malloc(3000 * sizeof **rowids);
		counts[i] = 0;
		for (rowid = 100; rowid < 3100 && rowids[i] != NULL; rowid++)
			if (i != 4 && rand() % (i == 0 ? 2 : 40 * i) == 0)
				rowids[i][counts[i]++] = rowid;
	}
	rowids[NPHRASES - 1][counts[NPHRASES - 1]++] = 3100;	/* the last row */
	held = index_rank_held_new(rowids, counts, NPHRASES);
	if (!ok(held != NULL, "the rows of %d lists are turned", NPHRASES))
		goto out;
	for (rowid = 90; rowid < 3110; rowid++) {
		size_t n, k = 0;
		const int *phrases = index_rank_held_row(held, rowid, &n);
		int good = 1;

		for (i = 0; i < NPHRASES; i++)
			if (list_holds(rowids[i], counts[i], rowid) && (k >= n || phrases[k++] != i))
				good = 0;
		if (k != n)
			good = 0;
		same += good;
		rows++;
	}
	ok(same == rows, "each of %zu rows has the phrases whose lists hold it, in order (%zu)",
	    rows, same);
out:
	index_rank_held_free(held);
	for (i = 0; i < NPHRASES; i++)
		free(rowids[i]);
}

/* Lists spread over far more rows than they hold are left to be asked. */
static void
test_sparse(void)
{
	sqlite3_int64 a[] = { 1, 2 }, b[] = { 5000000 }, *rowids[] = { a, b };
	size_t counts[] = { 2, 1 }, none[] = { 0, 0 };

	ok(index_rank_held_new(rowids, counts, 2) == NULL, "sparse lists are not turned");
	ok(index_rank_held_new(rowids, none, 2) == NULL, "empty lists are not turned");
}

/* Runs the tests and prints their plan; returns non-zero when one failed. */
int
main(void)
{
	test_random();
	test_sparse();
	return done_testing();
}
