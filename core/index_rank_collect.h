/* The rows of a query of phrases ORed over every row, kept with each
 * phrase's counts while FTS5 gives them, and scored once all are seen
 * (index_rank.c): each phrase's IDF is then its count of the rows, and
 * needs no pass of its own over the table beforehand. Inside the
 * ranking: not for the rest of the search. */
#ifndef SHUZHI_INDEX_RANK_COLLECT_H
#define SHUZHI_INDEX_RANK_COLLECT_H

#include <stddef.h>

#include <sqlite3.h>

typedef struct RankCollect RankCollect;

/* Returns an empty collection for a query of nphrases phrases. Free it
 * with index_rank_collect_free. */
RankCollect *index_rank_collect_new(int nphrases);

/* Adds a row: its rowid, its place between rows of equal score (tie), its
 * bm25 length term, and the n phrases present[] (in order) that it may
 * hold, phrase i with its counts in the title and the body at
 * frequency[2 * i] and frequency[2 * i + 1]; it holds those counted in
 * either. */
void index_rank_collect_add(RankCollect *c, sqlite3_int64 rowid, sqlite3_int64 tie,
    double length, const double *frequency, const int *present, size_t n);

/* Counts a row that holds phrase i, and no other, without adding it: a
 * row that cannot be among the best (index_rank.c) counts for the
 * phrase's IDF all the same. */
void index_rank_collect_hold(RankCollect *c, int i);

/* Returns how many rows were added. */
size_t index_rank_collect_count(const RankCollect *c);

/* Returns how many of the rows added hold phrase i. */
sqlite3_int64 index_rank_collect_holding(const RankCollect *c, int i);

/* A phrase a row holds, with its counts in the title and the body. */
typedef struct RankCollectPhrase {
	int	 phrase;
	double	 frequency[2];
} RankCollectPhrase;

/* One row added: its phrases with a count over 0, in their order. */
typedef struct RankCollectRow {
	sqlite3_int64		 rowid;
	sqlite3_int64		 tie;
	double			 length;
	const RankCollectPhrase	*phrases;	/* owned by the collection */
	size_t			 nphrases;
} RankCollectRow;

/* Returns row at (below index_rank_collect_count()). */
RankCollectRow index_rank_collect_row(const RankCollect *c, size_t at);

void index_rank_collect_free(RankCollect *c);

#endif
