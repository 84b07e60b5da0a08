/* Rows that cannot be among the best, passed over by a bound (see
 * index_rank_prune()): matched only for whether they hold their phrase,
 * and counted for its IDF. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "index_rank_internal.h"

/* Returns non-zero while rows are weighed against their rivals
 * (index_rank_prune()): a bound that passes over few rows costs more
 * than it spares ("数据 安全": two common words, each often without the
 * other), and after 64 rows it is weighed only while it passed over a
 * quarter of them. */
int
index_rank_bounding(const RankData *rank)
{
	return rank->bounded < 64 || rank->pruned >= rank->bounded / 4;
}

/* Returns the best rows that the current row is weighed against, when it
 * holds split phrase i alone: those of the query when it is that phrase
 * alone, else those that hold phrase i alone (top->alone); NULL when
 * there are none. */
static RankTop *
index_rank_rivals(RankTop *top, int i, int make)
{
	if (top->collect == NULL)
		return top;
	if (top->alone == NULL)
		return NULL;
	if (top->alone[i] == NULL && make)
		top->alone[i] = index_rank_top_new(top->limit, top->weight, top->nphrases,
		    top->sizes, top->nsizes);
	return top->alone[i];
}

/* Keeps a row that holds split phrase i alone, of score at an IDF of 1,
 * among the phrase's rivals (index_rank_rivals()) when among their best. */
void
index_rank_rival(RankTop *top, int i, sqlite3_int64 rowid, double score)
{
	RankTop *rivals = index_rank_rivals(top, i, 1);
	RankRow row;

	memset(&row, 0, sizeof row);
	row.rowid = rowid;
	row.score = score;
	row.tie = index_rank_tie(index_rank_find(top, rowid), rowid);
	if (index_rank_wanted(rivals, &row))
		index_rank_push(rivals, &row);
}

/* Returns non-zero when a row that holds split phrase i alone may be
 * passed over (index_rank_prune()): its rivals are as many as the limit,
 * and the bound has passed over enough rows so far. */
int
index_rank_may_prune(RankTop *top, const RankData *rank, int i)
{
	RankTop *rivals = index_rank_rivals(top, i, 0);

	return rivals != NULL && rivals->limit > 0 && rivals->count == rivals->limit &&
	    index_rank_bounding(rank);
}

/* Decides whether the current row, whose one phrase of its own is split
 * phrase i, can be among the best: its score at an IDF of 1 is at most
 * that of the counts of the rarest of its tokens (each instance of the
 * phrase starts one of them), and when that is below the worst of a full
 * set of rivals (index_rank_rivals(), ranked at an IDF of 1 too, by a
 * margin past rounding), it cannot: a phrase of one row in a thousand
 * among the best. Then the row is only looked at for whether it holds
 * the phrase at all, and counted for its IDF; sets *pruned. Returns an
 * SQLite code. */
int
index_rank_prune(RankTop *top, RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts,
    int i, double weight, int *pruned)
{
	Poslist lists[INDEX_POSLIST_MAX_TOKENS];
	RankTop *rivals = index_rank_rivals(top, i, 0);
	double score[2] = { 0.0, 0.0 }, bound, worst, frequency[2];
	int k, n = rank->ntokens[i], rarest = 0, count[2] = { 0, 0 }, holds, rc = SQLITE_OK;

	*pruned = 0;
	if (!index_rank_may_prune(top, rank, i))
		return SQLITE_OK;
	rank->bounded++;
	for (k = 0; rc == SQLITE_OK && k < n; k++) {
		rc = index_rank_list(rank, api, fts, index_rank_term(rank, i, k), &lists[k]);
		if (lists[k].b - lists[k].a < lists[rarest].b - lists[rarest].a)
			rarest = k;
	}
	if (rc != SQLITE_OK || index_poslist_count(&lists[rarest], count) != 0)
		return rc != SQLITE_OK ? rc : SQLITE_CORRUPT;
	frequency[0] = (double)count[INDEX_FTS_COLUMN(0)];
	frequency[1] = (double)count[INDEX_FTS_COLUMN(1)];
	index_rank_add(score, 1.0, frequency, rank->length);
	bound = -1.0 * (weight * score[0] + score[1]);
	worst = rivals->rows[0].score;
	if (!(bound > worst + 1e-9 * fabs(worst)))
		return SQLITE_OK;
	if (index_poslist_holds(lists, rank->offsets + rank->first[i], (size_t)n, &holds) != 0)
		return SQLITE_CORRUPT;
	if (holds && top->collect != NULL)
		index_rank_collect_hold(top->collect, i);
	else if (holds)
		top->seen++;
	rank->pruned++;
	*pruned = 1;
	return SQLITE_OK;
}
