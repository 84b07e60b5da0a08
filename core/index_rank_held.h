/* Which phrases each row holds, from the phrases' lists of rows: a query
 * of many phrases (a pinyin word and its 26 strings) asks this once a row
 * rather than each phrase's list whether it holds the row. Inside the
 * ranking (index_rank.c). */
#ifndef SHUZHI_INDEX_RANK_HELD_H
#define SHUZHI_INDEX_RANK_HELD_H

#include <stddef.h>

#include <sqlite3.h>

typedef struct RankHeld RankHeld;

/* Returns the rows of nphrases phrases, phrase i's rows being rowids[i]
 * (counts[i] of them, ascending), turned into each row's phrases; NULL
 * when they spread over far more rowids than they hold (then ask the
 * lists). Free it with index_rank_held_free. */
RankHeld *index_rank_held_new(sqlite3_int64 *const *rowids, const size_t *counts,
    int nphrases);

/* Returns the phrases that hold rowid, ascending, and their number in *n
 * (0: none); owned by held. */
const int *index_rank_held_row(const RankHeld *held, sqlite3_int64 rowid, size_t *n);

void index_rank_held_free(RankHeld *held);

#endif
