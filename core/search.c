/* Search over an index: ranked results per article with snippets, and
 * every hit inside one article for highlighting. Everything comes from
 * the database; the issue is never parsed here.
 *
 * Ranking: one FTS5 row per article, scored with bm25 once per column and
 * the two summed with the title weighted INDEX_TITLE_WEIGHT times the body
 * (shuzhi_rank(), index_rank.c). A single bm25 call with column weights
 * adds the weighted counts before saturating them, so one hit in a title
 * would weigh no more than a dozen in a long body; scoring the columns
 * apart keeps a title hit above any number of body hits of the same terms.
 *
 * The ranked query reads nothing but the score of each matching row, and
 * shuzhi_rank() keeps the best few (the limit) with their hits as it goes
 * (index_rank.c): in an archive a common word matches thousands of
 * articles, and only those few need their article row and a snippet,
 * which are looked up for them alone afterwards. A query of one character
 * alone is ranked from the chars table instead (index_chars.c: no
 * positions to read), and FTS5 gives the hits of the best rows alone. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unistr.h>

#include "hits.h"
#include "index_fts.h"
#include "index_query.h"
#include "query.h"
#include "search.h"
#include "search_reading.h"
#include "snippet.h"
#include "tokenize.h"
#include "varint.h"
#include "xalloc.h"

#define SEARCH_RANKED_SQL \
	"SELECT shuzhi_rank(search, ?2, ?3) FROM search" \
	" WHERE search MATCH ?1 AND rowid BETWEEN ?4 AND ?5"

#define SEARCH_ARTICLE_SQL \
	"SELECT id, title, page, issue_id, article_index," \
	" (SELECT positions FROM positions WHERE positions.article_rowid = ?1)" \
	" FROM articles WHERE article_rowid = ?1"

#define SEARCH_BLOCK_SQL \
	"SELECT page, start, position, text FROM blocks WHERE block_rowid = ?1"

#define SEARCH_ARTICLE_HITS_SQL \
	"SELECT shuzhi_hits(search, ?2) FROM search WHERE search MATCH ?1 AND rowid = ?3"

#define SEARCH_ARTICLE_BLOCKS_SQL \
	"SELECT start, position, text, lead(position) OVER (ORDER BY block_rowid)" \
	" FROM blocks WHERE block_rowid BETWEEN ?1 AND ?2 ORDER BY block_rowid"

/* Returns the place in its article of the block that holds body position
 * position: the last whose first position is at most that, read from the
 * article's blob of its blocks' first positions (index_schema.c); -1 when
 * none is. */
static sqlite3_int64
search_block_at(const unsigned char *positions, size_t len, size_t position)
{
	const unsigned char *end = positions + len;
	sqlite3_int64 at = -1, i = 0;
	uint64_t first = 0;

	while (positions < end) {
		uint64_t delta;

		varint_get(&positions, end, &delta);
		first += delta;
		if (first > position)
			break;
		at = i++;
	}
	return at;
}

/* Returns the first hit in the body, else the first hit, of a row's hits. */
static const FtsHit *
search_first_hit(const FtsHit *hits, size_t nhits)
{
	size_t i;

	for (i = 0; i < nhits; i++)
		if (hits[i].column == 1)
			return &hits[i];
	return nhits > 0 ? &hits[0] : NULL;
}

/* Fills a result's snippet, marks, page and offset from the text holding
 * its first hit: a block of the body, or the title. */
static void
search_fill_snippet(SearchResult *r, const char *text, size_t len, size_t first_position,
    const FtsHit *hits, size_t nhits, int column, const Query *query)
{
	Span *spans;
	size_t nspans = hits_in_text(text, len, first_position, hits, nhits, column, query, &spans);

	r->snippet = snippet_make(text, len, spans, nspans, 0, &r->marks, &r->nmarks);
	r->offset += nspans > 0 ? spans[0].start : 0;
	free(spans);
}

/* Finds the block of a result's first body hit (positions: the
 * article's blob of its blocks' first positions) and makes the snippet
 * from it, or from the title when the hits are all in the title. Returns
 * an SQLite code. */
static int
search_locate(sqlite3_stmt *block, SearchResult *r, sqlite3_int64 rowid, const char *title,
    const unsigned char *positions, size_t npositions, const FtsHit *hits, size_t nhits,
    const Query *query)
{
	const FtsHit *hit = search_first_hit(hits, nhits);
	sqlite3_int64 at;
	size_t near;
	int rc;

	if (hit == NULL || hit->column != 1) {
		r->offset = 0;
		search_fill_snippet(r, title, strlen(title), 0, hits, nhits, 0, query);
		return SQLITE_OK;
	}
	/* The snippet can only mark hits that start within its width after
	 * the first: every position takes at least one column. */
	nhits -= (size_t)(hit - hits);
	hits = hit;
	for (near = 0; near < nhits; near++)
		if (hits[near].column != 1 ||
		    hits[near].position > hit->position + SNIPPET_COLUMNS)
			break;
	nhits = near;
	at = search_block_at(positions, npositions, (size_t)hit->position);
	if (at < 0)
		return SQLITE_CORRUPT;	/* a body hit with no block */
	sqlite3_bind_int64(block, 1, INDEX_FIRST_BLOCK(rowid) + at);
	rc = sqlite3_step(block);
	if (rc == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(block, 3);
		size_t len = (size_t)sqlite3_column_bytes(block, 3);

		r->page = sqlite3_column_int(block, 0);
		r->offset = (size_t)sqlite3_column_int64(block, 1);
		search_fill_snippet(r, text != NULL ? text : "", len,
		    (size_t)sqlite3_column_int64(block, 2), hits, nhits, 1, query);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		/* A body hit with no block: the index contradicts itself. */
		rc = SQLITE_CORRUPT;
	}
	sqlite3_reset(block);
	return rc;
}

/* Copies the article's hits of the n phrases of expression, as
 * shuzhi_hits() gives them, into *hits (the caller frees) and their number
 * into *count (0 when the article holds none); phrase k of expression is
 * phrase numbers[k] of the query (NULL: phrase k). *stmt is the statement
 * that asks, prepared at the first call and kept for the next (the
 * caller finalizes it): a search asks it for each result shown. Returns
 * an SQLite code. */
static int
search_expression_hits(sqlite3 *db, sqlite3_stmt **stmt_kept, const char *expression, size_t n,
    const int *numbers, sqlite3_int64 rowid, FtsHit **hits, size_t *count)
{
	sqlite3_stmt *stmt;
	size_t i;
	int rc;

	*hits = NULL;
	*count = 0;
	if (*stmt_kept == NULL) {
		rc = sqlite3_prepare_v2(db, SEARCH_ARTICLE_HITS_SQL, -1, stmt_kept, NULL);
		if (rc != SQLITE_OK)
			return rc;
	}
	stmt = *stmt_kept;
	sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)n);
	sqlite3_bind_int64(stmt, 3, rowid);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*count = (size_t)sqlite3_column_bytes(stmt, 0) / sizeof **hits;
		if (*count > 0) {
			*hits = xreallocarray(NULL, *count, sizeof **hits);
			memcpy(*hits, sqlite3_column_blob(stmt, 0), *count * sizeof **hits);
		}
		/* In the order of phrase numbers: the hits' order stays. */
		for (i = 0; numbers != NULL && i < *count; i++)
			(*hits)[i].phrase = numbers[(*hits)[i].phrase];
		rc = SQLITE_DONE;
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Copies the article's body hits of the positive phrases, as
 * shuzhi_hits() gives them, into *hits (the caller frees) and their number
 * into *count (0 when the article holds none). Returns an SQLite code. */
static int
search_article_fts_hits(sqlite3 *db, sqlite3_stmt **stmt, const Query *query, sqlite3_int64 rowid,
    FtsHit **hits, size_t *count)
{
	return search_expression_hits(db, stmt, query->positive, query->nphrases, NULL, rowid, hits,
	    count);
}

/* The same, of a row kept without hits (a query of phrases ORed,
 * index_rank_top_ored()), from the phrases it holds alone: asking for
 * every phrase of a pinyin word at one row costs FTS5 a seek in each of
 * their terms' lists. Returns an SQLite code. */
static int
search_held_hits(sqlite3 *db, sqlite3_stmt **stmt, const Query *query, const RankRow *row,
    FtsHit **hits, size_t *count)
{
	char *expression;
	int rc;

	if (row->nheld == 0) {
		*hits = NULL;
		*count = 0;
		return SQLITE_OK;
	}
	expression = query_phrases_ored(query, row->held, row->nheld);
	rc = search_expression_hits(db, stmt, expression, row->nheld, row->held, row->rowid, hits,
	    count);
	free(expression);
	return rc;
}

/* Adds the result of one of the best rows, unless it is of an issue this
 * index does not know (added by another process since the open); article
 * is SEARCH_ARTICLE_SQL, block SEARCH_BLOCK_SQL, *hits_stmt kept for
 * search_expression_hits(). Returns an SQLite code. */
static int
search_add_result(Index *index, sqlite3_stmt *article, sqlite3_stmt *block,
    sqlite3_stmt **hits_stmt, SearchResults *results, const RankRow *row, const Query *query)
{
	const FtsHit *hits = row->hits;
	FtsHit *read = NULL;
	size_t issue, nhits = row->nhits;
	SearchResult *r;
	int rc;

	sqlite3_bind_int64(article, 1, row->rowid);
	rc = sqlite3_step(article);
	if (rc == SQLITE_ROW &&
	    index_issue_position(index, sqlite3_column_int64(article, 3), &issue) == 0) {
		const char *id = index_column_text(article, 0);
		const char *title = index_column_text(article, 1);

		if (hits == NULL) {
			/* Ranked from the chars table, or collected (phrases
			 * ORed): FTS5 gives this row's hits. */
			if (row->held != NULL)
				rc = search_held_hits(index_database(index), hits_stmt, query, row,
				    &read, &nhits);
			else
				rc = search_article_fts_hits(index_database(index), hits_stmt,
				    query, row->rowid, &read, &nhits);
			hits = read;
			if (rc != SQLITE_OK)
				goto out;
		}

		results->items = xreallocarray(results->items, results->count + 1, sizeof *r);
		r = &results->items[results->count++];
		memset(r, 0, sizeof *r);
		r->issue = issue;
		r->score = row->score;
		r->article_index = (size_t)sqlite3_column_int64(article, 4);
		r->article_id = index_is_archive(index) ? xasprintf("%s/%s",
		    index_issue_info(index, issue)->prefix, id) : xstrdup(id);
		r->page = sqlite3_column_int(article, 2);
		rc = search_locate(block, r, row->rowid, title, sqlite3_column_blob(article, 5),
		    (size_t)sqlite3_column_bytes(article, 5), hits, nhits, query);
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;		/* of another issue, or removed since */
out:
	sqlite3_reset(article);
	free(read);
	return rc;
}

/* Binds the article rowids of issue (or of every issue) to ?lo and ?hi. */
static void
search_bind_issue(Index *index, sqlite3_stmt *stmt, int lo, int hi, size_t issue)
{
	sqlite3_int64 first, last;

	if (index_issue_rows(index, issue, &first, &last) == 0) {
		sqlite3_bind_int64(stmt, lo, first);
		sqlite3_bind_int64(stmt, hi, last);
	} else {
		sqlite3_bind_int64(stmt, lo, 0);
		sqlite3_bind_int64(stmt, hi, INT64_MAX);
	}
}

/* Collects the one token of a one-character query (a TokenHandler). */
static int
search_character_token(void *data, const Token *token)
{
	char **text = data;

	if (*text != NULL || token->colocated) {
		free(*text);
		*text = xstrdup("");	/* more than one: not a character */
		return 0;
	}
	*text = xstrndup(token->text, token->length);
	return 0;
}

/* Returns the token of a query that is one character, alone (the caller
 * frees it), else NULL: a query the chars table answers
 * (index_chars.c). */
static char *
search_one_character(const Query *query)
{
	const char *term;
	char *quoted, *text = NULL;
	ucs4_t ch;

	if (query->nphrases != 1)
		return NULL;
	term = query->phrases[0].text;
	/* Nothing excluded, no prefix: the expression is the term quoted. */
	quoted = xasprintf("\"%s\"", term);
	if (strchr(term, '"') == NULL && strcmp(quoted, query->expression) == 0)
		tokenize(term, strlen(term), TOKENIZE_QUERY, search_character_token, &text);
	free(quoted);
	if (text != NULL && (text[0] == '\0' ||
	    u8_mbtouc(&ch, (const uint8_t *)text, strlen(text)) != (int)strlen(text))) {
		free(text);
		text = NULL;
	}
	return text;
}

/* Returns the split of a query of phrases ORed over every issue
 * (query_split_ored()), its phrases of several tokens written as their
 * tokens ANDed, which top then matches itself (index_rank_top_split()),
 * or NULL when none is; free it with query_split_free. */
static QuerySplit *
search_split(const Query *query, RankTop *top)
{
	QuerySplit *split = query_split_ored(query);

	if (split != NULL &&
	    index_rank_top_split(top, split->ntokens, split->terms, split->offsets,
	    split->nterms) != 0) {
		query_split_free(split);
		split = NULL;
	}
	return split;
}

/* Runs the ranked query into top; returns an SQLite code. */
static int
search_rank(Index *index, const Query *query, size_t issue, RankTop *top)
{
	sqlite3_stmt *ranked = NULL;
	char *character = search_one_character(query);
	QuerySplit *split = NULL;
	int rc;

	if (character != NULL) {
		rc = index_chars_rank(index, query->expression, character, issue, top);
		free(character);
		return rc;
	}
	if (issue == SEARCH_ALL_ISSUES && query->ored)
		split = search_split(query, top);
	rc = sqlite3_prepare_v2(index_database(index), SEARCH_RANKED_SQL, -1, &ranked, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(ranked, 1, split != NULL ? split->expression : query->expression,
		    -1, SQLITE_STATIC);
		sqlite3_bind_double(ranked, 2, INDEX_TITLE_WEIGHT);
		sqlite3_bind_pointer(ranked, 3, top, INDEX_RANK_TOP, NULL);
		search_bind_issue(index, ranked, 4, 5, issue);
		if (issue == SEARCH_ALL_ISSUES) {
			index_rank_top_count_rows(top);
			if (query->ored)
				index_rank_top_ored(top);
		}
		while ((rc = sqlite3_step(ranked)) == SQLITE_ROW)
			;
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(ranked);
	query_split_free(split);
	return rc;
}

/* Runs a query into results, in one read transaction; returns an SQLite
 * code and sets *cause on failure. */
static int
search_ranked(Index *index, const Query *query, size_t issue, size_t limit,
    SearchResults *results, char **cause)
{
	sqlite3 *db = index_database(index);
	size_t nsizes;
	RankSizes *sizes = index_rank_sizes(index, &nsizes);
	RankTop *top = index_rank_top_new(limit, INDEX_TITLE_WEIGHT, (int)query->nphrases, sizes,
	    nsizes);
	sqlite3_stmt *article = NULL, *block = NULL, *hits = NULL;
	const RankRow *rows;
	size_t nrows, i;
	int rc;

	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = search_rank(index, query, issue, top);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, SEARCH_ARTICLE_SQL, -1, &article, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, SEARCH_BLOCK_SQL, -1, &block, NULL);
	rows = index_rank_top_rows(top, &nrows);
	for (i = 0; rc == SQLITE_OK && i < nrows; i++)
		rc = search_add_result(index, article, block, &hits, results, &rows[i], query);
	if (rc != SQLITE_OK && cause != NULL)
		*cause = xasprintf("searching the index: %s", sqlite3_errmsg(db));
	sqlite3_finalize(article);
	sqlite3_finalize(block);
	sqlite3_finalize(hits);
	if (sqlite3_get_autocommit(db) == 0)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	index_rank_top_free(top);
	free(sizes);
	return rc;
}

/* Frees the items of results, leaving it empty. */
static void
search_results_clear(SearchResults *results)
{
	size_t i;

	for (i = 0; i < results->count; i++) {
		free(results->items[i].article_id);
		free(results->items[i].snippet);
		free(results->items[i].marks);
	}
	free(results->items);
	results->items = NULL;
	results->count = 0;
}

/* Runs a query in one issue or all; see search.h. */
int
search_run_in(Index *index, const char *text, size_t issue, size_t limit, SearchResults **out,
    char **cause)
{
	return search_run_flags(index, text, 0, issue, limit, out, cause);
}

/* Runs a query parsed with flags in one issue or all; see search.h. */
int
search_run_flags(Index *index, const char *text, int flags, size_t issue, size_t limit,
    SearchResults **out, char **cause)
{
	Query *query = search_reading_parse(index, text, flags, NULL);
	SearchResults *results = xcalloc(1, sizeof *results);
	char *failure = NULL;
	int rc = SQLITE_OK;

	*out = NULL;
	if (query->too_long) {
		failure = xasprintf("query too long: more than %d different terms", QUERY_MAX_TERMS);
		rc = -1;
	} else if (query->expression != NULL && limit > 0) {
		rc = search_ranked(index, query, issue, limit, results, &failure);
		if (index_is_damage(rc)) {
			/* The cache was damaged after it was checked: rebuild it
			 * and ask again. */
			search_results_clear(results);
			free(failure);
			failure = NULL;
			if (index_recover(index, &failure) == 0)
				rc = search_ranked(index, query, issue, limit, results, &failure);
		}
	}
	query_free(query);
	if (rc != SQLITE_OK || failure != NULL) {
		search_results_free(results);
		if (cause != NULL)
			*cause = failure;
		else
			free(failure);
		return -1;
	}
	*out = results;
	return 0;
}

/* Runs a query over every issue; see search.h. */
int
search_run(Index *index, const char *text, size_t limit, SearchResults **out, char **cause)
{
	return search_run_in(index, text, SEARCH_ALL_ISSUES, limit, out, cause);
}

/* Frees search results. */
void
search_results_free(SearchResults *results)
{
	if (results == NULL)
		return;
	search_results_clear(results);
	free(results);
}

/* Appends to *spans (*count of them) the hits inside each block of the
 * article that has some. Returns an SQLite code. */
static int
search_article_block_hits(sqlite3 *db, const Query *query, sqlite3_int64 rowid,
    const FtsHit *hits, size_t nhits, Span **spans, size_t *count)
{
	sqlite3_stmt *stmt = NULL;
	size_t next = 0;
	int rc;

	rc = sqlite3_prepare_v2(db, SEARCH_ARTICLE_BLOCKS_SQL, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, INDEX_FIRST_BLOCK(rowid));
	sqlite3_bind_int64(stmt, 2, INDEX_LAST_BLOCK(rowid));
	while (next < nhits && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		size_t start = (size_t)sqlite3_column_int64(stmt, 0);
		size_t position = (size_t)sqlite3_column_int64(stmt, 1);
		const char *text;
		size_t len, n, i;
		Span *found;

		while (next < nhits && (hits[next].column != 1 ||
		    (size_t)hits[next].position < position))
			next++;
		if (next == nhits)
			break;
		if (sqlite3_column_type(stmt, 3) != SQLITE_NULL &&
		    hits[next].position >= sqlite3_column_int64(stmt, 3))
			continue;	/* no hit in this block */
		text = index_column_text(stmt, 2);
		len = (size_t)sqlite3_column_bytes(stmt, 2);
		n = hits_in_text(text, len, position, hits + next, nhits - next, 1, query, &found);
		if (n == 0)
			continue;
		*spans = xreallocarray(*spans, *count + n, sizeof **spans);
		for (i = 0; i < n; i++) {
			(*spans)[*count + i].start = start + found[i].start;
			(*spans)[*count + i].length = found[i].length;
		}
		*count += n;
		free(found);
	}
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;	/* every hit placed before the last block */
	return index_statement_done(stmt, rc);
}

/* Finds every hit of the query's positive terms in an article of an
 * issue; see search.h. */
int
search_article_hits(Index *index, const char *text, int flags, size_t issue,
    size_t article_index, Span **spans, size_t *count, char **cause)
{
	Query *query;
	sqlite3 *db = index_database(index);
	FtsHit *hits = NULL;
	sqlite3_int64 rowid, last;
	size_t nhits = 0;
	int rc = SQLITE_OK;

	*spans = NULL;
	*count = 0;
	if (index_issue_rows(index, issue, &rowid, &last) != 0 ||
	    (sqlite3_int64)article_index > last - rowid) {
		*cause = xasprintf("no article %zu in issue %zu", article_index + 1, issue + 1);
		return -1;
	}
	rowid += (sqlite3_int64)article_index;
	query = search_reading_parse(index, text, flags, NULL);
	if (query->positive != NULL) {
		sqlite3_stmt *stmt = NULL;

		rc = search_article_fts_hits(db, &stmt, query, rowid, &hits, &nhits);
		sqlite3_finalize(stmt);
	}
	if (rc == SQLITE_OK && nhits > 0)
		rc = search_article_block_hits(db, query, rowid, hits, nhits, spans, count);
	free(hits);
	query_free(query);
	if (rc != SQLITE_OK) {
		free(*spans);
		*spans = NULL;
		*count = 0;
		*cause = xasprintf("finding the hits: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}
