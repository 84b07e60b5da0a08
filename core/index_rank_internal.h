/* Inside the ranking (index_rank.c): the best rows kept, the query's
 * data, and what the files of the ranking share: the current row's
 * phrases read from their lists (index_rank_row.c) and the rows passed
 * over by a bound (index_rank_prune.c). Not for the rest of the index. */
#ifndef SHUZHI_INDEX_RANK_INTERNAL_H
#define SHUZHI_INDEX_RANK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "index_fts.h"
#include "index_poslist.h"
#include "index_rank.h"
#include "index_rank_collect.h"
#include "index_rank_held.h"

/* The best rows of a query so far (index_rank.h). */
struct RankTop {
	size_t		 limit;
	int		 nphrases;
	const RankSizes	*sizes;
	size_t		 nsizes;
	const RankSizes	*found;		/* by index_rank_find() last */
	RankRow		*rows;		/* a heap, the worst row first, until sorted */
	size_t		 count;
	size_t		 size;
	int		 count_rows;	/* index_rank_top_count_rows() */
	int		 ored;		/* index_rank_top_ored() */
	RankCollect	*collect;	/* the rows of phrases ORed, until scored */
	RankTop		*guess;		/* and the best of them at an IDF of 1, with hits */
	RankTop		**alone;	/* split and collected: per phrase, the best
					 * rows that hold it alone, at an IDF of 1 */
	sqlite3_int64	 seen;		/* then the rows given, */
	sqlite3_int64	 total;		/* of this many in the table */
	double		 weight;	/* the title's */
	double		 average;	/* tokens in a row, for rows offered */
	int		*ntokens;	/* index_rank_top_split(): per phrase, its
					 * tokens; else NULL */
	size_t		*terms;		/* per token of each phrase, its FTS5 phrase */
	size_t		*offsets;	/* and its place in its phrase */
	size_t		 nterms;	/* FTS5 phrases */
};

/* The rows one phrase matches, in rowid order, and where the rows scored
 * so far have got to in them. */
typedef struct RankRows {
	sqlite3_int64	*rowids;
	size_t		 count;
	size_t		 size;
	size_t		 next;
	int		 listed;	/* else the phrase is asked of every row */
} RankRows;

/* What shuzhi_rank() computes once per query (FTS5 auxiliary data). */
typedef struct RankData {
	int		 nphrases;
	double		 average;	/* tokens in a row, on average */
	double		*idf;		/* per phrase */
	double		*frequency;	/* per phrase and column: scratch for one row */
	int		*present;	/* the phrases in the row: scratch for one row */
	int		*pending;	/* split phrases whose tokens the row holds: scratch */
	size_t		 bounded;	/* rows index_rank_prune() weighed, */
	size_t		 pruned;	/* and passed over */
	RankRows	*rows;		/* per phrase, or NULL: none listed */
	RankHeld	*held;		/* every phrase listed: each row's, or NULL */
	sqlite3_int64	 last;		/* the row scored before */
	double		 length;	/* the current row's bm25 length term */
	int		 bytes;		/* lists read from their bytes: 1 yes, 0 not
					 * checked yet, -1 no (xPhraseNext) */
	int		*first;		/* per phrase, its first token in terms */
	int		*ntokens;	/* and how many (split: more than 1) */
	const size_t	*terms;		/* per token, its FTS5 phrase (RankTop's);
					 * NULL: phrase i is FTS5's phrase i */
	const size_t	*offsets;	/* per token, its place in its phrase */
	Poslist		*lists_of_row;	/* split: per FTS5 phrase, its list in the
					 * row (column -1: none), once asked */
	sqlite3_int64	*asked;		/* and the row it was asked for, + 1 */
	int		 split;		/* some phrase is split (index_rank_top_split) */
	uint64_t	*lists[INDEX_POSLIST_MAX_TOKENS];	/* a split phrase's tokens'
					 * positions in the row: scratch */
	size_t		 lengths[INDEX_POSLIST_MAX_TOKENS];
	size_t		 sizes[INDEX_POSLIST_MAX_TOKENS];
	uint64_t	*check;		/* a list read both ways: scratch */
	size_t		 check_size;
	PoslistStarts	 starts;	/* a kept row's phrases' starts: scratch */
} RankData;

/* Returns the FTS5 phrase of token k of phrase i. */
static inline int
index_rank_term(const RankData *rank, int i, int k)
{
	return rank->terms != NULL ? (int)rank->terms[rank->first[i] + k] : rank->first[i] + k;
}

/* Returns the issue of top's sizes that holds rowid, or NULL. */
const RankSizes *index_rank_find(RankTop *top, sqlite3_int64 rowid);

/* Returns a row's place between rows of equal score (s: its issue). */
sqlite3_int64 index_rank_tie(const RankSizes *s, sqlite3_int64 rowid);

/* Returns non-zero when row would be among top's best so far. */
int index_rank_wanted(const RankTop *top, const RankRow *row);

/* Puts a wanted row among top's best; top takes its hits. */
void index_rank_push(RankTop *top, const RankRow *row);

/* Adds to score[] a phrase's part of a row's two column scores. */
void index_rank_add(double score[2], double idf, const double frequency[2], double length);

/* Asks FTS5 for the list of index_rank_list() (index_rank_row.c). */
int index_rank_list_ask(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts, int t,
    Poslist *list);

/* Sets *list to the current row's list of FTS5 phrase t (column -1: the
 * row has none), asking FTS5 once a row when the phrases are split (a
 * token shared by a pinyin word's strings): a row asks its tokens a few
 * times each, here without a call. Returns an SQLite code. */
static inline int
index_rank_list(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts, int t,
    Poslist *list)
{
	if (rank->asked != NULL && rank->asked[t] == rank->last + 1) {
		*list = rank->lists_of_row[t];
		return SQLITE_OK;
	}
	return index_rank_list_ask(rank, api, fts, t, list);
}

/* Reads the current row's hits of phrases 0..wanted-1 into *hits (the
 * caller frees) as shuzhi_hits() gives them (index_rank_row.c). */
int index_rank_read_hits(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts,
    int wanted, FtsHit **hits, size_t *nhits);

/* Counts per FTS5 column where the current row holds split phrase i,
 * appending its starts to starts unless NULL (index_rank_row.c). */
int index_rank_phrase_match(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts,
    int i, int count[2], PoslistStarts *starts);

/* Counts phrase i in the current row, or sets a split one aside in
 * rank->pending (index_rank_row.c). */
int index_rank_phrase_counts(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts,
    int i, int *npresent, int *npending);

/* Adds phrase i to the current row's phrases, in order (index_rank_row.c). */
void index_rank_add_present(RankData *rank, int i, int *npresent);

/* Returns non-zero while rows are weighed against a bound
 * (index_rank_prune.c). */
int index_rank_bounding(const RankData *rank);

/* Keeps a row that holds split phrase i alone among the phrase's rivals
 * when among their best (index_rank_prune.c). */
void index_rank_rival(RankTop *top, int i, sqlite3_int64 rowid, double score);

/* Returns non-zero when a row of split phrase i alone may be weighed
 * against a bound (index_rank_prune.c). */
int index_rank_may_prune(RankTop *top, const RankData *rank, int i);

/* Weighs a row of split phrase i alone; sets *pruned when it cannot be
 * among the best and was only counted (index_rank_prune.c). */
int index_rank_prune(RankTop *top, RankData *rank, const Fts5ExtensionApi *api,
    Fts5Context *fts, int i, double weight, int *pruned);

#endif
