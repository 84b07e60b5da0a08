/* The current row's phrases, read from their FTS5 position lists for the
 * ranking (index_rank.c): counted from the lists' bytes
 * (index_poslist.c) once a query's first list has been read both ways
 * alike, split phrases matched from their tokens' lists, and the hits of
 * the rows kept read the same way. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "index_rank_internal.h"
#include "xalloc.h"

/* Starts *iter on the current row's list of FTS5 phrase t and gives
 * *list its first position and the bytes after it (list->column < 0: not
 * in the row). Returns an SQLite code. */
static int
index_rank_list_first(const Fts5ExtensionApi *api, Fts5Context *fts, int t, Fts5PhraseIter *iter,
    Poslist *list)
{
	int rc = api->xPhraseFirst(fts, t, iter, &list->column, &list->offset);

	list->a = iter->a;
	list->b = iter->b;
	return rc;
}

/* Asks FTS5 for the current row's list of FTS5 phrase t, as
 * index_rank_list() (index_rank_internal.h) when it has not yet. */
int
index_rank_list_ask(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts, int t,
    Poslist *list)
{
	Fts5PhraseIter iter;
	int rc = index_rank_list_first(api, fts, t, &iter, list);

	if (rc == SQLITE_OK && rank->asked != NULL) {
		rank->asked[t] = rank->last + 1;
		rank->lists_of_row[t] = *list;
	}
	return rc;
}

/* Counts the positions of the current row's phrase i, per FTS5 column 0
 * and 1, into count[] (zeroed by the caller). A common word has hundreds
 * of positions in a long article, and a call of xPhraseNext() each was
 * most of such a query's time: the list's bytes are read instead
 * (index_poslist.c), once a query's first list has been read both ways
 * to the same counts (else xPhraseNext() it is). Returns an SQLite
 * code. */
static int
index_rank_phrase_count(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts, int i,
    int count[2])
{
	Fts5PhraseIter iter;
	Poslist list;
	int slow[3] = { 0, 0, 0 };
	int rc = index_rank_list_first(api, fts, i, &iter, &list), column = list.column,
	    offset = list.offset;

	if (rc != SQLITE_OK || column < 0)
		return rc;
	if (rank->bytes > 0)
		return index_poslist_count(&list, count) == 0 ? SQLITE_OK : SQLITE_CORRUPT;
	while (column >= 0) {
		slow[column < 2 ? column : 2]++;
		api->xPhraseNext(fts, &iter, &column, &offset);
	}
	if (rank->bytes == 0)
		rank->bytes = index_poslist_count(&list, count) == 0 && count[0] == slow[0] &&
		    count[1] == slow[1] ? 1 : -1;
	count[0] = slow[0];
	count[1] = slow[1];
	return SQLITE_OK;
}

/* Lists the positions (INDEX_POSLIST_AT) of the current row's FTS5
 * phrase in *at, of *n (set) and *size; from the list's bytes once they
 * are checked, as index_rank_phrase_count(). Returns an SQLite code. */
static int
index_rank_phrase_read(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts,
    int phrase, uint64_t **at, size_t *n, size_t *size)
{
	Fts5PhraseIter iter;
	Poslist list;
	size_t checked = 0;
	int rc = index_rank_list_first(api, fts, phrase, &iter, &list), column = list.column,
	    offset = list.offset;

	*n = 0;
	if (rc != SQLITE_OK || column < 0)
		return rc;
	if (rank->bytes > 0)
		return index_poslist_read(&list, at, n, size) == 0 ? SQLITE_OK : SQLITE_CORRUPT;
	for (; column >= 0; api->xPhraseNext(fts, &iter, &column, &offset)) {
		*at = xgrow(*at, size, *n, sizeof **at);
		(*at)[(*n)++] = INDEX_POSLIST_AT(column, offset);
	}
	if (rank->bytes == 0)
		rank->bytes = index_poslist_read(&list, &rank->check, &checked,
		    &rank->check_size) == 0 && checked == *n &&
		    memcmp(rank->check, *at, *n * sizeof **at) == 0 ? 1 : -1;
	return SQLITE_OK;
}

/* Counts where the current row holds split phrase i (its tokens in turn,
 * each at its offset), per FTS5 column 0 and 1, into count[] (zeroed by
 * the caller), as FTS5 would match the phrase: from the lists' bytes once
 * a list has been read both ways alike, and then with the phrase's starts
 * appended to starts (unless NULL); else from xPhraseNext(). Returns an
 * SQLite code. */
int
index_rank_phrase_match(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts, int i,
    int count[2], PoslistStarts *starts)
{
	Poslist lists[INDEX_POSLIST_MAX_TOKENS];
	const size_t *offsets = rank->offsets + rank->first[i];
	int k, n = rank->ntokens[i], rc = SQLITE_OK;

	if (rank->bytes == 0)
		rc = index_rank_phrase_read(rank, api, fts, index_rank_term(rank, i, 0),
		    &rank->lists[0], &rank->lengths[0], &rank->sizes[0]);
	for (k = 0; rc == SQLITE_OK && rank->bytes > 0 && k < n; k++) {
		rc = index_rank_list(rank, api, fts, index_rank_term(rank, i, k), &lists[k]);
		if (rc != SQLITE_OK || lists[k].column < 0)
			return rc;	/* a token not in the row */
	}
	if (rc != SQLITE_OK)
		return rc;
	if (rank->bytes > 0)
		return index_poslist_match_bytes(lists, offsets, (size_t)n, count, starts) == 0 ?
		    SQLITE_OK : SQLITE_CORRUPT;
	for (k = 0; rc == SQLITE_OK && k < n; k++) {
		rc = index_rank_phrase_read(rank, api, fts, index_rank_term(rank, i, k),
		    &rank->lists[k], &rank->lengths[k], &rank->sizes[k]);
		if (rank->lengths[k] == 0)
			return rc;	/* a token not in the row */
	}
	if (rc == SQLITE_OK)
		index_poslist_match((const uint64_t *const *)rank->lists, rank->lengths, offsets,
		    (size_t)n, count);
	return rc;
}

/* Returns how many of a phrase's starts are in FTS5's column 0 (the
 * body), which come first. */
static size_t
index_rank_body_hits(const PoslistStarts *starts)
{
	size_t n = 0;

	while (n < starts->count && INDEX_POSLIST_COLUMN(starts->at[n]) == 0)
		n++;
	return n;
}

/* Reads the current row's hits of phrases 0..wanted-1 into *hits (the
 * caller frees; NULL when none) and their number into *nhits, as
 * index_fts_row_hits() reads those of the query unsplit, from the lists'
 * bytes (rank->bytes > 0): each phrase's positions, or the starts
 * matched from its tokens' lists when split (index_rank_top_split()).
 * xInstCount() would read every phrase's list: a pinyin word's 27 for
 * each row kept. Returns an SQLite code. */
int
index_rank_read_hits(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts, int wanted,
    FtsHit **hits, size_t *nhits)
{
	PoslistStarts *starts = &rank->starts;
	size_t k, before, body;
	int i, rc = SQLITE_OK, phrases = 0;

	*hits = NULL;
	*nhits = 0;
	for (i = 0; rc == SQLITE_OK && i < rank->nphrases && i < wanted; i++) {
		int count[2] = { 0, 0 };

		starts->count = 0;
		if (rank->ntokens[i] > 1)
			rc = index_rank_phrase_match(rank, api, fts, i, count, starts);
		else
			rc = index_rank_phrase_read(rank, api, fts, index_rank_term(rank, i, 0), &starts->at,
			    &starts->count, &starts->size);
		if (rc != SQLITE_OK || starts->count == 0)
			continue;
		before = *nhits;
		*nhits += starts->count;
		*hits = xreallocarray(*hits, *nhits, sizeof **hits);
		/* FTS5 lists the body (its column 0) first: the title's hits
		 * (FTS5's 1, our 0) go first, each column's in order. */
		body = index_rank_body_hits(starts);
		for (k = 0; k < starts->count; k++) {
			FtsHit *hit = &(*hits)[before + k];
			size_t at = (k + body) % starts->count;

			hit->column = INDEX_FTS_COLUMN(INDEX_POSLIST_COLUMN(starts->at[at]));
			hit->position = (int)(uint32_t)starts->at[at];
			hit->phrase = i;
		}
		phrases++;
	}
	if (rc != SQLITE_OK) {
		free(*hits);
		*hits = NULL;
		*nhits = 0;
	} else if (phrases > 1)
		qsort(*hits, *nhits, sizeof **hits, index_fts_compare_hits);
	return rc;
}

/* Adds phrase i to the current row's phrases, in order: split phrases are
 * matched after the others. */
void
index_rank_add_present(RankData *rank, int i, int *npresent)
{
	int k = (*npresent)++;

	for (; k > 0 && rank->present[k - 1] > i; k--)
		rank->present[k] = rank->present[k - 1];
	rank->present[k] = i;
}

/* Counts phrase i in the current row into rank->frequency and, when it
 * occurs, adds it to rank->present (*npresent of them); a split phrase
 * whose tokens the row holds goes to rank->pending (*npending of them)
 * instead, to be matched (index_rank_prune()). Returns an SQLite code. */
int
index_rank_phrase_counts(RankData *rank, const Fts5ExtensionApi *api, Fts5Context *fts, int i,
    int *npresent, int *npending)
{
	int count[2] = { 0, 0 }, rc, k;

	if (rank->ntokens[i] > 1 && rank->bytes > 0 && index_rank_bounding(rank)) {
		/* Matched later, unless the row cannot be among the best. */
		for (k = 0; k < rank->ntokens[i]; k++) {
			Poslist list;

			rc = index_rank_list(rank, api, fts, index_rank_term(rank, i, k), &list);
			if (rc != SQLITE_OK || list.column < 0)
				return rc;	/* a token not in the row */
		}
		rank->pending[(*npending)++] = i;
		return SQLITE_OK;
	}
	if (rank->ntokens[i] > 1)
		rc = index_rank_phrase_match(rank, api, fts, i, count, NULL);
	else
		rc = index_rank_phrase_count(rank, api, fts, index_rank_term(rank, i, 0), count);
	rank->frequency[2 * i] = (double)count[INDEX_FTS_COLUMN(0)];
	rank->frequency[2 * i + 1] = (double)count[INDEX_FTS_COLUMN(1)];
	if (count[0] > 0 || count[1] > 0)
		rank->present[(*npresent)++] = i;	/* else it adds nothing */
	return rc;
}
