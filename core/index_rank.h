/* Ranking search results: the shuzhi_rank() FTS5 function, and the best
 * rows of a query that it keeps with their hits, so that a search needs
 * nothing more of FTS5 afterwards. */
#ifndef SHUZHI_INDEX_RANK_H
#define SHUZHI_INDEX_RANK_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "index_fts.h"

/* The type name of the pointer shuzhi_rank() takes (sqlite3_bind_pointer). */
#define INDEX_RANK_TOP "shuzhi_rank_top"

/* One of the best rows. */
typedef struct RankRow {
	sqlite3_int64	 rowid;
	double		 score;		/* lower is better */
	double		 frequency[2];	/* of a counted query's phrase: title, body */
	double		 length;	/* and the row's bm25 length term */
	sqlite3_int64	 tie;		/* between equal scores, lower is better: by ID */
	FtsHit		*hits;		/* of the positive phrases, by column and position */
	size_t		 nhits;
	int		*held;		/* kept without hits (collected): the phrases
					 * the row holds, in order; else NULL */
	size_t		 nheld;
} RankRow;

typedef struct RankTop RankTop;

/* An issue's rows first..first+count-1: its place among the issues in ID
 * order, which breaks ties between equal scores (a cache's rowids depend
 * on the order its issues were indexed in), and their FTS5 sizes: what
 * xColumnSize(-1) gives them, which it reads with a statement a row (half
 * the time of a query on a common character in 100 issues), or NULL. */
typedef struct RankSizes {
	sqlite3_int64	 first;
	size_t		 count;
	size_t		 order;
	const uint32_t	*tokens;
} RankSizes;

/* Returns an empty set of at most limit best rows, which keeps the hits
 * of phrases 0..nphrases-1 of each; weight is the title's, as given to
 * shuzhi_rank(); the nsizes sizes (sorted by first, not overlapping, owned
 * by the caller until index_rank_top_free) give rows their size, else
 * FTS5 does. Free with index_rank_top_free. */
RankTop *index_rank_top_new(size_t limit, double weight, int nphrases, const RankSizes *sizes,
    size_t nsizes);

/* Tells top that its query is one phrase over every row: shuzhi_rank()
 * then counts the rows it is given for the phrase's IDF, rather than
 * reading the phrase's rows once more beforehand, and scores the rows
 * kept with it when they are asked for. Its own results are then not
 * scores: only the rows kept are. */
void index_rank_top_count_rows(RankTop *top);

/* Tells top, given index_rank_top_count_rows() too, that its query is
 * phrases ORed (Query.ored): every row that holds a phrase is given.
 * shuzhi_rank() then counts each phrase's rows as they come, rather than
 * reading them once more beforehand, and keeps every row's counts; the
 * rows are scored and the best picked when they are asked for. Meanwhile
 * it keeps the hits of the best rows at an IDF of 1 (mostly the best at
 * the IDFs: most rows hold one phrase alone); a row kept that was not
 * among those has no hits (NULL), and .held says its phrases. */
void index_rank_top_ored(RankTop *top);

/* Tells top, given index_rank_top_count_rows() too, that its query's
 * phrases were written as their tokens ANDed (query_split_ored()): phrase
 * i (of the nphrases top was made for) has ntokens[i] tokens, which are,
 * counted on from the sum of those before it, FTS5's phrases terms[] (of
 * nterms, shared by phrases when the same token is written once for
 * them) at offsets[] in the phrase (0 for the first, the others rising).
 * shuzhi_rank() then matches each phrase of more than one in the rows
 * FTS5 gives (index_poslist.c), as FTS5 would, and passes over the rows
 * that hold none: the rows kept and their scores are the phrases' own.
 * Returns 0, or -1 (nothing done) when a phrase has more tokens than
 * INDEX_POSLIST_MAX_TOKENS or none, or a term is not below nterms. */
int index_rank_top_split(RankTop *top, const size_t *ntokens, const size_t *terms,
    const size_t *offsets, size_t nterms);

/* Gives top FTS5's count of rows and of tokens in all, for a query of one
 * phrase whose rows are offered with index_rank_top_offer() and
 * index_rank_top_seen() rather than by shuzhi_rank(); as
 * index_rank_top_count_rows(), the rows kept are scored when asked for. */
void index_rank_top_totals(RankTop *top, sqlite3_int64 rows, sqlite3_int64 tokens);

/* Offers top a row of that phrase with the phrase's counts in its title
 * and body; it is kept, without hits, when among the best. A row of no
 * issue of top's sizes is only counted. */
void index_rank_top_offer(RankTop *top, sqlite3_int64 rowid, uint64_t title, uint64_t body);

/* Counts a row of that phrase that is not offered (of another issue). */
void index_rank_top_seen(RankTop *top);

/* Returns the rows kept, best first (by score, then issue and article), and their
 * number in *count. Owned by top. */
const RankRow *index_rank_top_rows(RankTop *top, size_t *count);

void index_rank_top_free(RankTop *top);

/* Registers shuzhi_rank(table, W [, TOP]) with FTS5: W times the row's
 * bm25 score for the title (column 0) plus its bm25 score for the body,
 * negative as bm25's. Given TOP (a RankTop bound as a pointer of type
 * INDEX_RANK_TOP), it also keeps the row in TOP, with its hits, when it is
 * among the best so far. Also shuzhi_totals(table): the table's count of
 * rows and of tokens in all, as two native-endian 64-bit integers.
 * Returns an SQLite code. */
int index_rank_register(fts5_api *api);

#endif
