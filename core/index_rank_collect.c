/* The rows of a query of phrases ORed over every row, with each phrase's
 * counts (index_rank_collect.h). Most rows hold one or two of a pinyin
 * word's many strings: a row keeps the phrases it holds alone, side by
 * side in one array for all rows. */
#include "config.h"

#include <stdlib.h>

#include "index_rank_collect.h"
#include "xalloc.h"

/* A row added: where its phrases start in the array of all, and how many. */
typedef struct RankCollectEntry {
	sqlite3_int64	 rowid;
	sqlite3_int64	 tie;
	double		 length;
	size_t		 first;
	size_t		 count;
} RankCollectEntry;

struct RankCollect {
	int			 nphrases;
	sqlite3_int64		*holding;	/* per phrase, the rows that hold it */
	RankCollectEntry	*rows;
	size_t			 nrows;
	size_t			 rows_size;
	RankCollectPhrase	*phrases;	/* of every row, in the rows' order */
	size_t			 nphrases_kept;
	size_t			 phrases_size;
};

/* Returns an empty collection; see index_rank_collect.h. */
RankCollect *
index_rank_collect_new(int nphrases)
{
	RankCollect *c = xcalloc(1, sizeof *c);

	c->nphrases = nphrases > 0 ? nphrases : 0;
	c->holding = xcalloc((size_t)c->nphrases + 1, sizeof *c->holding);
	return c;
}

/* Adds a row with its phrases' counts; see index_rank_collect.h. */
void
index_rank_collect_add(RankCollect *c, sqlite3_int64 rowid, sqlite3_int64 tie, double length,
    const double *frequency, const int *present, size_t n)
{
	RankCollectEntry *row;
	size_t k;

	c->rows = xgrow(c->rows, &c->rows_size, c->nrows, sizeof *c->rows);
	row = &c->rows[c->nrows++];
	row->rowid = rowid;
	row->tie = tie;
	row->length = length;
	row->first = c->nphrases_kept;
	row->count = 0;
	for (k = 0; k < n; k++) {
		int i = present[k];
		RankCollectPhrase *p;

		if (i < 0 || i >= c->nphrases ||
		    (frequency[2 * i] <= 0.0 && frequency[2 * i + 1] <= 0.0))
			continue;	/* not held: adds nothing to a score */
		c->holding[i]++;
		c->phrases = xgrow(c->phrases, &c->phrases_size, c->nphrases_kept,
		    sizeof *c->phrases);
		p = &c->phrases[c->nphrases_kept++];
		p->phrase = i;
		p->frequency[0] = frequency[2 * i];
		p->frequency[1] = frequency[2 * i + 1];
		row->count++;
	}
}

/* Counts a row of phrase i not added; see index_rank_collect.h. */
void
index_rank_collect_hold(RankCollect *c, int i)
{
	if (i >= 0 && i < c->nphrases)
		c->holding[i]++;
}

/* Returns how many rows were added. */
size_t
index_rank_collect_count(const RankCollect *c)
{
	return c->nrows;
}

/* Returns how many rows added hold phrase i. */
sqlite3_int64
index_rank_collect_holding(const RankCollect *c, int i)
{
	return i >= 0 && i < c->nphrases ? c->holding[i] : 0;
}

/* Returns row at; its phrases stay owned by the collection. */
RankCollectRow
index_rank_collect_row(const RankCollect *c, size_t at)
{
	const RankCollectEntry *e = &c->rows[at];
	RankCollectRow row;

	row.rowid = e->rowid;
	row.tie = e->tie;
	row.length = e->length;
	row.phrases = c->phrases != NULL ? c->phrases + e->first : NULL;
	row.nphrases = e->count;
	return row;
}

/* Frees a collection. */
void
index_rank_collect_free(RankCollect *c)
{
	if (c == NULL)
		return;
	free(c->holding);
	free(c->rows);
	free(c->phrases);
	free(c);
}
