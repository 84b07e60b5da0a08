/* Ranking search results.
 *
 * shuzhi_rank(search, W) is W times FTS5's bm25(search, 1.0, 0.0) plus
 * bm25(search, 0.0, 1.0): the same formula and constants (k1 1.2, b 0.75,
 * IDF floored at 1e-6, the row's whole size against the average), in one
 * pass over the row's phrase positions (xPhraseFirst/xPhraseNext). The two
 * bm25() calls it replaces each walked FTS5's instance array and read
 * their weight arguments at every instance: on a common character in 100
 * issues, where every article matches with dozens of hits, that was most
 * of a query's time.
 *
 * Given a RankTop, it also keeps the best rows seen so far in a heap, each
 * with its hits, which are read from the row FTS5 is on: the caller needs
 * no ORDER BY and no second FTS5 query per result, which on an index of
 * several segments cost more than the ranking. A row that ends among the
 * best was among the best when it was seen, so its hits are always kept;
 * the hits of a row are read only when it enters the heap, a few times
 * the limit in all, not for each of thousands of matching rows.
 *
 * A query of many phrases (a pinyin word stands for every string that
 * reads so: shuju is 33 strings over 100 issues) matches most rows by one
 * or two of them, and asking FTS5 for every phrase's positions in every
 * row was most of its time. The pass that counts each phrase's rows for
 * its IDF also lists them, and a row asks only for the phrases whose
 * lists hold it (rows come in rowid order; out of order, it asks for
 * all).
 *
 * A query of one phrase over every row needs no such pass: the rows it
 * is given are those that hold the phrase, so they are scored at an IDF
 * of 1 (the same order as at any other) and counted, and the rows kept
 * are scored again with the IDF once all are seen. Nor does a query of
 * phrases ORed over every row (a pinyin word and its strings), whose
 * rows are all those that hold any phrase: that pass read every phrase's
 * rows once more, as long as the query itself (shuzijingji over 1,000
 * issues: 61 of 137 million instructions). Each row is kept with its
 * phrases' counts (index_rank_collect.c) and each phrase's rows counted
 * as they come; once all are seen the rows are scored with the IDFs, in
 * the same arithmetic, and the best kept. Their hits are read as the
 * rows come, for the best at an IDF of 1 (the same rows where each holds
 * the same one phrase, as most do): a row kept that was not among those
 * has its hits read by search.c afterwards, at a cost of a seek in each
 * of its phrases' terms' lists. (A phrase of one token is listed still:
 * its rows are one of FTS5's lists, read at little cost.)
 *
 * Rows can also be offered with the phrase's counts rather than by FTS5
 * (the chars table, index_chars.c), and are then scored the same way, to
 * the same bits.
 *
 * Positions are counted from the lists' bytes (index_rank_row.c,
 * index_poslist.c), not with a call of xPhraseNext() each. A query of
 * phrases ORed over every row may come with its phrases of several
 * tokens written as their tokens ANDed (index_rank_top_split(),
 * query_split.c), which FTS5 finds at a fraction of a phrase's cost: each
 * row it gives is matched here, and a row that holds one such phrase
 * alone and cannot be among the best is only checked for holding it, for
 * the IDF (index_rank_prune.c). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index_rank_internal.h"
#include "xalloc.h"


/* bm25's constants, as fts5_aux.c has them. */
#define INDEX_RANK_K1 1.2
#define INDEX_RANK_B 0.75

/* Queries of at least this many phrases list each phrase's rows. */
#define INDEX_RANK_LISTED 4



/* Returns an empty set of best rows; see index_rank.h. */
RankTop *
index_rank_top_new(size_t limit, double weight, int nphrases, const RankSizes *sizes,
    size_t nsizes)
{
	RankTop *top = xcalloc(1, sizeof *top);

	top->limit = limit;
	top->weight = weight;
	top->nphrases = nphrases;
	top->sizes = sizes;
	top->nsizes = nsizes;
	return top;
}

/* Returns non-zero when the issue s holds rowid. */
static int
index_rank_holds(const RankSizes *s, sqlite3_int64 rowid)
{
	return rowid >= s->first && rowid < s->first + (sqlite3_int64)s->count;
}

/* Returns the issue of top's sizes that holds rowid, or NULL. Rows come
 * in rowid order: the issue found last is tried first. */
const RankSizes *
index_rank_find(RankTop *top, sqlite3_int64 rowid)
{
	size_t lo = 0, hi = top != NULL ? top->nsizes : 0;

	if (top != NULL && top->found != NULL && index_rank_holds(top->found, rowid))
		return top->found;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const RankSizes *s = &top->sizes[mid];

		if (rowid < s->first)
			hi = mid;
		else if (!index_rank_holds(s, rowid))
			lo = mid + 1;
		else
			return top->found = s;
	}
	return NULL;
}

/* Sets *size to the FTS5 size of the current row, from top's sizes when
 * they have it, else from FTS5. Returns an SQLite code. */
static int
index_rank_size(RankTop *top, const Fts5ExtensionApi *api, Fts5Context *fts, int *size)
{
	sqlite3_int64 rowid = api->xRowid(fts);
	const RankSizes *s = index_rank_find(top, rowid);

	if (s == NULL || s->tokens == NULL)
		return api->xColumnSize(fts, -1, size);
	*size = (int)s->tokens[rowid - s->first];
	return SQLITE_OK;
}

/* Returns non-zero when row a ranks below row b. */
static int
index_rank_worse(const RankRow *a, const RankRow *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	return a->tie > b->tie;
}

/* Moves the row at i down the heap to its place. */
static void
index_rank_sift_down(RankTop *top, size_t i)
{
	for (;;) {
		size_t worst = i, l = 2 * i + 1, r = 2 * i + 2;
		RankRow swap;

		if (l < top->count && index_rank_worse(&top->rows[l], &top->rows[worst]))
			worst = l;
		if (r < top->count && index_rank_worse(&top->rows[r], &top->rows[worst]))
			worst = r;
		if (worst == i)
			return;
		swap = top->rows[i];
		top->rows[i] = top->rows[worst];
		top->rows[worst] = swap;
		i = worst;
	}
}

/* Moves the row at i up the heap to its place. */
static void
index_rank_sift_up(RankTop *top, size_t i)
{
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		RankRow swap;

		if (!index_rank_worse(&top->rows[i], &top->rows[parent]))
			return;
		swap = top->rows[i];
		top->rows[i] = top->rows[parent];
		top->rows[parent] = swap;
		i = parent;
	}
}

/* Returns a row's place between rows of equal score: by issue, then
 * article; a row of no known issue (s NULL) after all others. */
sqlite3_int64
index_rank_tie(const RankSizes *s, sqlite3_int64 rowid)
{
	return s != NULL ? ((sqlite3_int64)s->order << 32) + (rowid - s->first) :
	    ((sqlite3_int64)1 << 62) + rowid;
}

/* Returns non-zero when row would be among the best so far. */
int
index_rank_wanted(const RankTop *top, const RankRow *row)
{
	return top->limit > 0 &&
	    (top->count < top->limit || index_rank_worse(&top->rows[0], row));
}

/* Puts a wanted row among the best, in the place of the worst when they
 * are as many as the limit; top takes its hits. */
void
index_rank_push(RankTop *top, const RankRow *row)
{
	if (top->count == top->limit) {
		free(top->rows[0].hits);
		free(top->rows[0].held);
		top->rows[0] = *row;
		index_rank_sift_down(top, 0);
		return;
	}
	top->rows = xgrow(top->rows, &top->size, top->count, sizeof *top->rows);
	top->rows[top->count++] = *row;
	index_rank_sift_up(top, top->count - 1);
}

/* Keeps the current row when it is among the best so far; returns an
 * SQLite code. */
static int
index_rank_keep(RankTop *top, const Fts5ExtensionApi *api, Fts5Context *fts, double score,
    RankData *rank)
{
	const RankSizes *s;
	RankRow row;
	int rc;

	row.rowid = api->xRowid(fts);
	row.score = score;
	row.frequency[0] = rank->frequency[0];
	row.frequency[1] = rank->frequency[1];
	row.length = rank->length;
	row.hits = NULL;
	row.nhits = 0;
	row.held = NULL;
	row.nheld = 0;
	s = index_rank_find(top, row.rowid);
	row.tie = index_rank_tie(s, row.rowid);
	if (!index_rank_wanted(top, &row))
		return SQLITE_OK;
	/* Split, FTS5's phrases are tokens: the phrases are matched again;
	 * lists not read from their bytes, FTS5 gives the hits (when split,
	 * search.c asks it). */
	if (rank->bytes > 0)
		rc = index_rank_read_hits(rank, api, fts, top->nphrases, &row.hits, &row.nhits);
	else if (rank->offsets == NULL)
		rc = index_fts_row_hits(api, fts, top->nphrases, &row.hits, &row.nhits);
	else
		rc = SQLITE_OK;
	if (rc == SQLITE_OK)
		index_rank_push(top, &row);
	return rc;
}

/* Orders rows best first (for qsort). */
static int
index_rank_compare(const void *a, const void *b)
{
	if (index_rank_worse(a, b))
		return 1;
	return index_rank_worse(b, a) ? -1 : 0;
}

/* Counts the rows given to top for its query's IDF; see index_rank.h. */
void
index_rank_top_count_rows(RankTop *top)
{
	top->count_rows = 1;
}

/* Has top collect the rows of a query of phrases ORed; see index_rank.h. */
void
index_rank_top_ored(RankTop *top)
{
	top->ored = 1;
}

/* Has top match phrases written as their tokens; see index_rank.h. */
int
index_rank_top_split(RankTop *top, const size_t *ntokens, const size_t *terms,
    const size_t *offsets, size_t nterms)
{
	size_t total = 0, k;
	int i;

	for (i = 0; i < top->nphrases; i++) {
		if (ntokens[i] < 1 || ntokens[i] > INDEX_POSLIST_MAX_TOKENS ||
		    offsets[total] != 0)
			return -1;
		for (k = 0; k < ntokens[i]; k++)
			if (terms[total + k] >= nterms ||
			    (k > 0 && offsets[total + k] <= offsets[total + k - 1]))
				return -1;
		total += ntokens[i];
	}
	free(top->ntokens);
	free(top->terms);
	free(top->offsets);
	top->ntokens = xcalloc((size_t)top->nphrases + 1, sizeof *top->ntokens);
	for (i = 0; i < top->nphrases; i++)
		top->ntokens[i] = (int)ntokens[i];
	top->terms = xreallocarray(NULL, total + 1, sizeof *top->terms);
	memcpy(top->terms, terms, total * sizeof *terms);
	top->offsets = xreallocarray(NULL, total + 1, sizeof *top->offsets);
	memcpy(top->offsets, offsets, total * sizeof *offsets);
	top->nterms = nterms;
	return 0;
}

/* Takes FTS5's totals for rows offered; see index_rank.h. */
void
index_rank_top_totals(RankTop *top, sqlite3_int64 rows, sqlite3_int64 tokens)
{
	top->count_rows = 1;
	top->total = rows;
	top->average = rows > 0 ? (double)tokens / (double)rows : 1.0;
}

/* Counts a row that is not offered; see index_rank.h. */
void
index_rank_top_seen(RankTop *top)
{
	top->seen++;
}

/* Returns bm25's length term of a row of size tokens. */
static double
index_rank_length(int size, double average)
{
	return INDEX_RANK_K1 * (1.0 - INDEX_RANK_B + INDEX_RANK_B * (double)size / average);
}

/* Returns the IDF of a phrase that hits rows of total, as bm25 has it. */
static double
index_rank_idf(sqlite3_int64 total, sqlite3_int64 hits)
{
	double idf = log(((double)total - (double)hits + 0.5) / ((double)hits + 0.5));

	return idf > 0.0 ? idf : 1e-6;
}

/* Adds to score[] a phrase's part of a row's two column scores. */
void
index_rank_add(double score[2], double idf, const double frequency[2], double length)
{
	int column;

	for (column = 0; column < 2; column++) {
		double f = frequency[column];

		if (f > 0.0)
			score[column] += idf * (f * (INDEX_RANK_K1 + 1.0)) / (f + length);
	}
}

/* Offers a row with its phrase's counts; see index_rank.h. */
void
index_rank_top_offer(RankTop *top, sqlite3_int64 rowid, uint64_t title, uint64_t body)
{
	const RankSizes *s = index_rank_find(top, rowid);
	double score[2] = { 0.0, 0.0 };
	RankRow row;

	top->seen++;
	if (s == NULL || s->tokens == NULL)
		return;
	memset(&row, 0, sizeof row);
	row.rowid = rowid;
	row.frequency[0] = (double)title;
	row.frequency[1] = (double)body;
	row.length = index_rank_length((int)s->tokens[rowid - s->first], top->average);
	index_rank_add(score, 1.0, row.frequency, row.length);
	row.score = -1.0 * (top->weight * score[0] + score[1]);
	row.tie = index_rank_tie(s, rowid);
	if (index_rank_wanted(top, &row))
		index_rank_push(top, &row);
}

/* Gives the rows kept the hits that top->guess kept of the same rows. */
static void
index_rank_top_take_hits(RankTop *top)
{
	RankTop *guess = top->guess;
	size_t i, k;

	for (i = 0; guess != NULL && i < top->count; i++)
		for (k = 0; k < guess->count; k++)
			if (guess->rows[k].rowid == top->rows[i].rowid) {
				top->rows[i].hits = guess->rows[k].hits;
				top->rows[i].nhits = guess->rows[k].nhits;
				guess->rows[k].hits = NULL;
				break;
			}
}

/* Scores the rows collected, now that each phrase's rows are counted,
 * and keeps the best, with the hits top->guess kept of them (else
 * without); frees the collection and the guess. */
static void
index_rank_top_score_collected(RankTop *top)
{
	RankCollect *c = top->collect;
	double *idf = xcalloc((size_t)top->nphrases + 1, sizeof *idf);
	size_t n = index_rank_collect_count(c), i, k;
	int p;

	for (p = 0; p < top->nphrases; p++)
		idf[p] = index_rank_idf(top->total, index_rank_collect_holding(c, p));
	for (i = 0; i < n; i++) {
		RankCollectRow collected = index_rank_collect_row(c, i);
		double score[2] = { 0.0, 0.0 };
		RankRow row;

		/* As index_rank_score() adds them: the phrases in order. */
		for (k = 0; k < collected.nphrases; k++)
			index_rank_add(score, idf[collected.phrases[k].phrase],
			    collected.phrases[k].frequency, collected.length);
		memset(&row, 0, sizeof row);
		row.rowid = collected.rowid;
		row.score = -1.0 * (top->weight * score[0] + score[1]);
		row.length = collected.length;
		row.tie = collected.tie;
		if (!index_rank_wanted(top, &row))
			continue;
		row.held = xreallocarray(NULL, collected.nphrases + 1, sizeof *row.held);
		for (k = 0; k < collected.nphrases; k++)
			row.held[k] = collected.phrases[k].phrase;
		row.nheld = collected.nphrases;
		index_rank_push(top, &row);
	}
	free(idf);
	index_rank_top_take_hits(top);
	index_rank_collect_free(c);
	index_rank_top_free(top->guess);
	top->collect = NULL;
	top->guess = NULL;
	top->count_rows = 0;
}

/* Returns the rows kept, best first; owned by top. */
const RankRow *
index_rank_top_rows(RankTop *top, size_t *count)
{
	size_t i;

	if (top->collect != NULL)
		index_rank_top_score_collected(top);
	if (top->count_rows) {
		/* The rows were kept by their score at an IDF of 1: the same
		 * order as at any other, and now the phrase's rows are known. */
		double idf = index_rank_idf(top->total, top->seen);

		for (i = 0; i < top->count; i++) {
			RankRow *row = &top->rows[i];
			double score[2] = { 0.0, 0.0 };

			index_rank_add(score, idf, row->frequency, row->length);
			row->score = -1.0 * (top->weight * score[0] + score[1]);
		}
		top->count_rows = 0;
	}
	if (top->count > 1)
		qsort(top->rows, top->count, sizeof *top->rows, index_rank_compare);
	top->limit = top->count;	/* no longer a heap: keep nothing more */
	*count = top->count;
	return top->rows;
}

/* Frees the set and its rows. */
void
index_rank_top_free(RankTop *top)
{
	size_t i;

	if (top == NULL)
		return;
	for (i = 0; i < top->count; i++) {
		free(top->rows[i].hits);
		free(top->rows[i].held);
	}
	for (i = 0; top->alone != NULL && i < (size_t)top->nphrases; i++)
		index_rank_top_free(top->alone[i]);
	free(top->alone);
	free(top->rows);
	free(top->ntokens);
	free(top->terms);
	free(top->offsets);
	index_rank_collect_free(top->collect);
	index_rank_top_free(top->guess);
	free(top);
}

/* Counts the rows of xQueryPhrase(). */
static int
index_rank_count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *data)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)data)++;
	return SQLITE_OK;
}

/* Lists the rows of xQueryPhrase() in a RankRows. */
static int
index_rank_list_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *data)
{
	RankRows *rows = data;

	if (rows->count == rows->size) {
		rows->size = rows->size ? 2 * rows->size : 64;
		rows->rowids = xreallocarray(rows->rowids, rows->size, sizeof *rows->rowids);
	}
	rows->rowids[rows->count++] = api->xRowid(fts);
	return SQLITE_OK;
}

/* Returns non-zero when phrase i may occur in the row rowid: its list
 * holds the row, or it has none (then FTS5 is asked). */
static int
index_rank_may_hold(RankData *rank, int i, sqlite3_int64 rowid)
{
	RankRows *rows;

	if (rank->rows == NULL || !rank->rows[i].listed)
		return 1;
	rows = &rank->rows[i];
	while (rows->next < rows->count && rows->rowids[rows->next] < rowid)
		rows->next++;
	return rows->next < rows->count && rows->rowids[rows->next] == rowid;
}

/* Drops the query's lists of rows: FTS5 is asked for every phrase then. */
static void
index_rank_rows_free(RankData *rank)
{
	int i;

	for (i = 0; rank->rows != NULL && i < rank->nphrases; i++)
		free(rank->rows[i].rowids);
	free(rank->rows);
	rank->rows = NULL;
	index_rank_held_free(rank->held);
	rank->held = NULL;
}

/* Turns the lists of rows, when every phrase has one, into each row's
 * phrases (index_rank_held.c): a row then finds its phrases at once
 * rather than asking each list, a pinyin word's 27 of them. */
static void
index_rank_rows_held(RankData *rank)
{
	sqlite3_int64 **rowids;
	size_t *counts;
	int i;

	for (i = 0; rank->rows != NULL && i < rank->nphrases; i++)
		if (!rank->rows[i].listed)
			return;
	if (rank->rows == NULL)
		return;
	rowids = xcalloc((size_t)rank->nphrases + 1, sizeof *rowids);
	counts = xcalloc((size_t)rank->nphrases + 1, sizeof *counts);
	for (i = 0; i < rank->nphrases; i++) {
		rowids[i] = rank->rows[i].rowids;
		counts[i] = rank->rows[i].count;
	}
	rank->held = index_rank_held_new(rowids, counts, rank->nphrases);
	free(rowids);
	free(counts);
}

/* Frees a RankData. */
static void
index_rank_data_free(void *data)
{
	RankData *rank = data;

	int k;

	index_rank_rows_free(rank);
	free(rank->idf);
	free(rank->frequency);
	free(rank->present);
	free(rank->pending);
	free(rank->first);
	free(rank->ntokens);
	free(rank->lists_of_row);
	free(rank->asked);
	for (k = 0; k < INDEX_POSLIST_MAX_TOKENS; k++)
		free(rank->lists[k]);
	free(rank->check);
	free(rank->starts.at);
	free(rank);
}

/* Returns non-zero when phrase i is of more than one token. */
static int
index_rank_is_long(const RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts, int i)
{
	return rank->ntokens[i] > 1 || api->xPhraseSize(fts, index_rank_term(rank, i, 0)) > 1;
}

/* Returns non-zero when a phrase of the query has more than one token. */
static int
index_rank_has_long_phrase(const RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts)
{
	int i;

	for (i = 0; i < rank->nphrases; i++)
		if (index_rank_is_long(rank, api, fts, i))
			return 1;
	return 0;
}

/* Sets each phrase's tokens: its FTS5 phrases when top has them split
 * (then each FTS5 phrase's list in a row is kept once asked), else the
 * one of its number. Returns an SQLite code. */
static int
index_rank_phrases(RankData *rank, const RankTop *top, const Fts5ExtensionApi *api,
    Fts5Context *fts)
{
	int count = api->xPhraseCount(fts), i, at = 0, split = top != NULL && top->ntokens != NULL;

	rank->nphrases = split ? top->nphrases : count;
	rank->terms = split ? top->terms : NULL;
	rank->offsets = split ? top->offsets : NULL;
	rank->first = xcalloc((size_t)rank->nphrases + 1, sizeof *rank->first);
	rank->ntokens = xcalloc((size_t)rank->nphrases + 1, sizeof *rank->ntokens);
	for (i = 0; i < rank->nphrases; i++) {
		rank->first[i] = at;
		rank->ntokens[i] = split ? top->ntokens[i] : 1;
		rank->split |= rank->ntokens[i] > 1;
		at += rank->ntokens[i];
	}
	if (!split)
		return SQLITE_OK;
	rank->lists_of_row = xcalloc((size_t)count + 1, sizeof *rank->lists_of_row);
	rank->asked = xcalloc((size_t)count + 1, sizeof *rank->asked);
	return (size_t)count == top->nterms ? SQLITE_OK : SQLITE_MISUSE;
}

/* Returns the query's rank data, computing it on the first row: the
 * average row size and each phrase's IDF as fts5_aux.c's bm25 has them.
 * Returns NULL and sets *rc on a failure. */
static RankData *
index_rank_data(RankTop *top, const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
	RankData *rank = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, tokens = 0;
	int i, first;

	*rc = SQLITE_OK;
	if (rank != NULL)
		return rank;
	rank = xcalloc(1, sizeof *rank);
	*rc = index_rank_phrases(rank, top, api, fts);
	rank->idf = xcalloc((size_t)rank->nphrases + 1, sizeof *rank->idf);
	rank->frequency = xcalloc(2 * (size_t)rank->nphrases + 1, sizeof *rank->frequency);
	rank->present = xcalloc((size_t)rank->nphrases + 1, sizeof *rank->present);
	rank->pending = xcalloc((size_t)rank->nphrases + 1, sizeof *rank->pending);
	if (*rc == SQLITE_OK)
		*rc = api->xRowCount(fts, &rows);
	if (*rc == SQLITE_OK)
		*rc = api->xColumnTotalSize(fts, -1, &tokens);
	rank->average = rows > 0 ? (double)tokens / (double)rows : 1.0;
	if (top != NULL && top->count_rows && rank->nphrases == 1) {
		/* Every row the query gives holds the phrase: counted as
		 * they come (index_rank_top_rows), at an IDF of 1 until then. */
		top->total = rows;
		rank->idf[0] = 1.0;
	} else if (top != NULL && top->count_rows && top->ored && top->collect == NULL &&
	    index_rank_has_long_phrase(rank, api, fts)) {
		/* Every row that holds a phrase is given: each phrase's rows
		 * are counted as they come, and the rows scored at the end
		 * (index_rank_top_rows), not read once more beforehand. (With
		 * phrases of one token alone, listed as below, nothing would
		 * be spared.) */
		top->total = rows;
		top->collect = index_rank_collect_new(rank->nphrases);
		top->guess = index_rank_top_new(top->limit, top->weight, top->nphrases, top->sizes,
		    top->nsizes);
		if (rank->split)
			top->alone = xcalloc((size_t)rank->nphrases + 1, sizeof *top->alone);
	} else if (rank->split)
		*rc = SQLITE_MISUSE;	/* a split query is every row's, counted as it comes */
	else if (top != NULL)
		top->count_rows = 0;
	if (rank->nphrases >= INDEX_RANK_LISTED || (top != NULL && top->collect != NULL))
		rank->rows = xcalloc((size_t)rank->nphrases, sizeof *rank->rows);
	first = top != NULL && top->count_rows && top->collect == NULL ? 1 : 0;
	for (i = first; *rc == SQLITE_OK && i < rank->nphrases; i++) {
		sqlite3_int64 hits = 0;

		/* Collected, a phrase of one token is listed still (its rows
		 * are one list of FTS5's, read at little cost, and spare
		 * asking every row for it); a longer one, whose rows FTS5
		 * finds by matching positions, is counted as the rows come. */
		if (top != NULL && top->collect != NULL && index_rank_is_long(rank, api, fts, i))
			continue;
		if (rank->rows != NULL) {
			*rc = api->xQueryPhrase(fts, index_rank_term(rank, i, 0), &rank->rows[i],
			    index_rank_list_row);
			rank->rows[i].listed = 1;
			hits = (sqlite3_int64)rank->rows[i].count;
		} else
			*rc = api->xQueryPhrase(fts, index_rank_term(rank, i, 0), &hits,
			    index_rank_count_row);
		rank->idf[i] = index_rank_idf(rows, hits);
	}
	if (*rc == SQLITE_OK)
		index_rank_rows_held(rank);
	if (*rc == SQLITE_OK)
		*rc = api->xSetAuxdata(fts, rank, index_rank_data_free);
	else
		index_rank_data_free(rank);
	return *rc == SQLITE_OK ? rank : NULL;
}

/* Returns the current row's score (see index_rank.h), or for a query
 * collected (index_rank_top_ored()) its score at an IDF of 1, which the
 * guess ranks it by; sets *rc. */
static double
index_rank_score(RankTop *top, const Fts5ExtensionApi *api, Fts5Context *fts, double weight,
    RankData **data, int *matched, int *rc)
{
	RankData *rank = index_rank_data(top, api, fts, rc);
	double score[2] = { 0.0, 0.0 };
	sqlite3_int64 rowid;
	int size = 0, i, k, npresent = 0, npending = 0, pruned = 0, sized = 0;

	*matched = 0;
	if (*rc != SQLITE_OK)
		return 0.0;
	rowid = api->xRowid(fts);
	if (rowid < rank->last)
		index_rank_rows_free(rank);	/* out of rowid order: lists cannot follow */
	rank->last = rowid;
	if (rank->held != NULL) {
		size_t n;
		const int *phrases = index_rank_held_row(rank->held, rowid, &n);

		for (k = 0; *rc == SQLITE_OK && k < (int)n; k++)
			*rc = index_rank_phrase_counts(rank, api, fts, phrases[k], &npresent,
			    &npending);
	} else
		for (i = 0; *rc == SQLITE_OK && i < rank->nphrases; i++)
			if (index_rank_may_hold(rank, i, rowid))
				*rc = index_rank_phrase_counts(rank, api, fts, i, &npresent,
				    &npending);
	if (*rc != SQLITE_OK || (rank->split && npresent == 0 && npending == 0))
		return 0.0;	/* the tokens of a split phrase, not the phrase */
	if (top != NULL && npresent == 0 && npending == 1 &&
	    index_rank_may_prune(top, rank, rank->pending[0])) {
		*rc = index_rank_size(top, api, fts, &size);
		rank->length = index_rank_length(size, rank->average);
		if (*rc == SQLITE_OK)
			*rc = index_rank_prune(top, rank, api, fts, rank->pending[0], weight,
			    &pruned);
		sized = 1;
	}
	for (k = 0; *rc == SQLITE_OK && !pruned && k < npending; k++) {
		int count[2] = { 0, 0 };

		i = rank->pending[k];
		*rc = index_rank_phrase_match(rank, api, fts, i, count, NULL);
		rank->frequency[2 * i] = (double)count[INDEX_FTS_COLUMN(0)];
		rank->frequency[2 * i + 1] = (double)count[INDEX_FTS_COLUMN(1)];
		if (count[0] > 0 || count[1] > 0)
			index_rank_add_present(rank, i, &npresent);
	}
	if (*rc != SQLITE_OK || pruned || (rank->split && npresent == 0))
		return 0.0;
	if (!sized) {
		*rc = index_rank_size(top, api, fts, &size);
		if (*rc != SQLITE_OK)
			return 0.0;
		rank->length = index_rank_length(size, rank->average);
	}
	if (top != NULL && top->collect != NULL)
		index_rank_collect_add(top->collect, rowid,
		    index_rank_tie(index_rank_find(top, rowid), rowid), rank->length,
		    rank->frequency, rank->present, (size_t)npresent);
	for (k = 0; k < npresent; k++) {
		i = rank->present[k];
		index_rank_add(score, top != NULL && top->collect != NULL ? 1.0 : rank->idf[i],
		    &rank->frequency[2 * i], rank->length);
	}
	if (top != NULL)
		top->seen++;
	*data = rank;
	*matched = 1;
	if (top != NULL && top->alone != NULL && npresent == 1 && rank->ntokens[rank->present[0]] > 1)
		index_rank_rival(top, rank->present[0], rowid,
		    -1.0 * (weight * score[0] + score[1]));
	return -1.0 * (weight * score[0] + score[1]);
}

/* shuzhi_rank(table, W [, TOP]): see index_rank.h. */
static void
index_rank_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *result,
    int nargs, sqlite3_value **args)
{
	RankTop *top = NULL;
	RankData *rank = NULL;
	double score;
	int rc, matched;

	if (nargs != 1 && nargs != 2) {
		sqlite3_result_error(result, "shuzhi_rank: wrong number of arguments", -1);
		return;
	}
	if (nargs == 2)
		top = sqlite3_value_pointer(args[1], INDEX_RANK_TOP);
	score = index_rank_score(top, api, fts, sqlite3_value_double(args[0]), &rank, &matched,
	    &rc);
	if (rc == SQLITE_OK && top != NULL && matched &&
	    (top->collect == NULL || top->guess != NULL))
		rc = index_rank_keep(top->collect != NULL ? top->guess : top, api, fts, score, rank);
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(result, rc);
	else
		sqlite3_result_double(result, score);
}

/* shuzhi_totals(table): see index_rank.h. */
static void
index_rank_totals_function(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *result, int nargs, sqlite3_value **args)
{
	sqlite3_int64 totals[2] = { 0, 0 };
	int rc;

	(void)nargs;
	(void)args;
	rc = api->xRowCount(fts, &totals[0]);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &totals[1]);
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(result, rc);
	else
		sqlite3_result_blob(result, totals, sizeof totals, SQLITE_TRANSIENT);
}

/* Registers shuzhi_rank() and shuzhi_totals(); returns an SQLite code. */
int
index_rank_register(fts5_api *api)
{
	int rc = api->xCreateFunction(api, "shuzhi_rank", NULL, index_rank_function, NULL);

	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "shuzhi_totals", NULL, index_rank_totals_function,
		    NULL);
	return rc;
}
