/* The articles that hold each character, as a token of its own, with how
 * often: per issue and character, a row of the chars table. A query of one
 * common character (数, 的) matches nearly every article of an archive,
 * and FTS5 would read the positions of every one to count them: the
 * counts stored here are what ranking needs, a few bytes an article
 * (index_rank.c scores them; only the best rows are then asked of FTS5
 * for their hits). Characters are the most common tokens by far: a word
 * of two or more is a phrase of pairs, which FTS5 answers fast enough.
 *
 * The counts are the FTS5 index's own: FTS5 shows the builder each token
 * of a row as it indexes it (index_fts_watch()), so they cannot disagree.
 * A row's blob: for each article holding the character, in order, the
 * LEB128 numbers of its index less the previous one's, of its count in the
 * body times two plus one when the title holds it too, and then of its
 * count in the title. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "buffer.h"
#include "index_fts.h"
#include "index_internal.h"
#include "varint.h"
#include "xalloc.h"

/* One character in one article. */
typedef struct CharCount {
	uint32_t	 ch;
	uint32_t	 article;
	uint32_t	 count[2];	/* title, body */
} CharCount;

/* A slot of the current article's hash of characters. */
typedef struct CharSlot {
	uint32_t	 ch;
	uint32_t	 article;	/* the slot's article + 1; 0: never used */
	size_t		 entry;		/* in counts */
} CharSlot;

struct IndexChars {
	CharCount	*counts;	/* every article's, in article order */
	size_t		 ncounts;
	size_t		 allocated;
	CharSlot	*slots;		/* a power of two of them */
	size_t		 nslots;
	size_t		 used;		/* by the current article */
	uint32_t	 article;
	int		 sorted;	/* counts by character (index_chars_sort()) */
};

#define INDEX_CHARS_INSERT_SQL \
	"INSERT INTO chars(ch, issue_id, articles) VALUES (?1, ?2, ?3)"
#define INDEX_CHARS_SELECT_SQL \
	"SELECT issue_id, articles FROM chars WHERE ch = ?1"
#define INDEX_CHARS_TOTALS_SQL \
	"SELECT shuzhi_totals(search) FROM search WHERE search MATCH ?1 LIMIT 1"

/* Returns an empty set of counts; free with index_chars_free. */
IndexChars *
index_chars_new(void)
{
	IndexChars *chars = xcalloc(1, sizeof *chars);

	chars->nslots = 1024;
	chars->slots = xcalloc(chars->nslots, sizeof *chars->slots);
	return chars;
}

/* Frees the counts. */
void
index_chars_free(IndexChars *chars)
{
	if (chars == NULL)
		return;
	free(chars->counts);
	free(chars->slots);
	free(chars);
}

/* Returns the slot of ch in the current article: its own, or the empty
 * one where it goes. */
static CharSlot *
index_chars_slot(IndexChars *chars, uint32_t ch)
{
	size_t mask = chars->nslots - 1, i = (ch * UINT32_C(2654435761)) & mask;

	while (chars->slots[i].article == chars->article + 1 && chars->slots[i].ch != ch)
		i = (i + 1) & mask;
	return &chars->slots[i];
}

/* Doubles the hash, keeping the current article's slots. */
static void
index_chars_grow(IndexChars *chars)
{
	CharSlot *old = chars->slots;
	size_t i, n = chars->nslots;

	chars->nslots *= 2;
	chars->slots = xcalloc(chars->nslots, sizeof *chars->slots);
	for (i = 0; i < n; i++)
		if (old[i].article == chars->article + 1)
			*index_chars_slot(chars, old[i].ch) = old[i];
	free(old);
}

/* Counts a token of the current article; see index_internal.h (and an
 * FtsTokenWatcher). */
void
index_chars_count(void *data, int column, const char *text, size_t length)
{
	IndexChars *chars = data;
	CharSlot *slot;
	ucs4_t ch;

	if (column < 0 || column > 1 || length == 0 ||
	    u8_mbtouc(&ch, (const uint8_t *)text, length) != (int)length)
		return;		/* not one character */
	slot = index_chars_slot(chars, ch);
	if (slot->article != chars->article + 1) {
		if (2 * (chars->used + 1) > chars->nslots) {
			index_chars_grow(chars);
			slot = index_chars_slot(chars, ch);
		}
		chars->counts = xgrow(chars->counts, &chars->allocated, chars->ncounts,
		    sizeof *chars->counts);
		memset(&chars->counts[chars->ncounts], 0, sizeof *chars->counts);
		chars->counts[chars->ncounts].ch = ch;
		chars->counts[chars->ncounts].article = chars->article;
		slot->ch = ch;
		slot->article = chars->article + 1;
		slot->entry = chars->ncounts++;
		chars->used++;
	}
	chars->counts[slot->entry].count[column]++;
}

/* Starts counting the tokens of article; see index_internal.h. */
void
index_chars_start(IndexChars *chars, size_t article)
{
	chars->article = (uint32_t)article;
	chars->used = 0;
}

/* Counts the tokens FTS5 is shown next, those of article; see
 * index_internal.h. */
void
index_chars_watch(IndexChars *chars, size_t article)
{
	index_chars_start(chars, article);
	index_fts_watch(index_chars_count, chars);
}

/* Orders counts by character, then article (for qsort). */
static int
index_chars_compare(const void *a, const void *b)
{
	const CharCount *x = a, *y = b;

	if (x->ch != y->ch)
		return x->ch < y->ch ? -1 : 1;
	return x->article < y->article ? -1 : x->article > y->article;
}

/* Orders the counts by character; see index_internal.h. */
void
index_chars_sort(IndexChars *chars)
{
	if (!chars->sorted && chars->ncounts > 1)
		qsort(chars->counts, chars->ncounts, sizeof *chars->counts, index_chars_compare);
	chars->sorted = 1;
}

/* Writes the issue's rows of the chars table; returns an SQLite code. */
int
index_chars_write(sqlite3 *db, IndexChars *chars, sqlite3_int64 issue_id)
{
	sqlite3_stmt *stmt = NULL;
	Buffer blob = { 0 };
	size_t i = 0, j;
	int rc;

	index_fts_watch(NULL, NULL);
	index_chars_sort(chars);
	rc = sqlite3_prepare_v2(db, INDEX_CHARS_INSERT_SQL, -1, &stmt, NULL);
	while (rc == SQLITE_OK && i < chars->ncounts) {
		uint32_t previous = 0;

		blob.len = 0;
		for (j = i; j < chars->ncounts && chars->counts[j].ch == chars->counts[i].ch; j++) {
			const CharCount *c = &chars->counts[j];

			varint_put(&blob, c->article - previous);
			varint_put(&blob, (uint64_t)c->count[1] << 1 | (c->count[0] > 0));
			if (c->count[0] > 0)
				varint_put(&blob, c->count[0]);
			previous = c->article;
		}
		sqlite3_bind_int64(stmt, 1, chars->counts[i].ch);
		sqlite3_bind_int64(stmt, 2, issue_id);
		sqlite3_bind_blob(stmt, 3, blob.data, (int)blob.len, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		rc = rc == SQLITE_DONE ? sqlite3_reset(stmt) : rc;
		i = j;
	}
	sqlite3_finalize(stmt);
	buffer_free(&blob);
	return rc;
}

/* Reads FTS5's row count and total size into top, asking with
 * expression (any that matches a row). Sets *found to 0 when none does.
 * Returns an SQLite code. */
static int
index_chars_totals(sqlite3 *db, const char *expression, RankTop *top, int *found)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*found = 0;
	rc = sqlite3_prepare_v2(db, INDEX_CHARS_TOTALS_SQL, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == 2 * sizeof(sqlite3_int64)) {
		sqlite3_int64 totals[2];

		memcpy(totals, sqlite3_column_blob(stmt, 0), sizeof totals);
		index_rank_top_totals(top, totals[0], totals[1]);
		*found = 1;
		rc = SQLITE_DONE;
	}
	return index_statement_done(stmt, rc);
}

/* Offers top the articles of one row of the chars table: those of issue
 * alone, or of every issue (INDEX_ALL_ISSUES); the others are only
 * counted. */
static void
index_chars_offer(Index *index, sqlite3_int64 issue_id, const unsigned char *p,
    const unsigned char *end, size_t issue, RankTop *top)
{
	sqlite3_int64 first = 0, last = -1;
	uint64_t article = 0, delta, body, title;
	size_t position;
	int offered;

	offered = index_issue_position(index, issue_id, &position) == 0 &&
	    (issue == INDEX_ALL_ISSUES || issue == position) &&
	    index_issue_rows(index, position, &first, &last) == 0;
	while (p < end) {
		varint_next(&p, end, &delta);
		varint_next(&p, end, &body);
		title = 0;
		if (body & 1)
			varint_next(&p, end, &title);
		article += delta;
		if (offered && first + (sqlite3_int64)article <= last)
			index_rank_top_offer(top, first + (sqlite3_int64)article, title, body >> 1);
		else
			index_rank_top_seen(top);
	}
}

/* Ranks the articles that hold one character; see index_query.h. */
int
index_chars_rank(Index *index, const char *expression, const char *text, size_t issue,
    RankTop *top)
{
	sqlite3 *db = index_database(index);
	sqlite3_stmt *stmt = NULL;
	ucs4_t ch;
	int rc, found;

	if (u8_mbtouc(&ch, (const uint8_t *)text, strlen(text)) != (int)strlen(text))
		return SQLITE_MISUSE;
	rc = index_chars_totals(db, expression, top, &found);
	if (rc != SQLITE_OK || !found)
		return rc;
	rc = sqlite3_prepare_v2(db, INDEX_CHARS_SELECT_SQL, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, ch);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const unsigned char *blob = sqlite3_column_blob(stmt, 1);

		index_chars_offer(index, sqlite3_column_int64(stmt, 0), blob,
		    blob + sqlite3_column_bytes(stmt, 1), issue, top);
	}
	return index_statement_done(stmt, rc);
}
