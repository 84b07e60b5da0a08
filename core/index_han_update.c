/* Writing the Han vocabulary (index_han.c reads it): an issue's
 * characters, pairs and triples gathered from its text, and han_all, the
 * union of every issue's, which each update brings up to date itself.
 *
 * Only the union is stored: an issue's own lists were most of the
 * vocabulary's size (its triples alone a third of a byte per byte of
 * text) and served only to make the union again. An issue taken out of
 * the index gives its lists back from its stored text, which is the text
 * they were gathered from (index_remove.c), so the union subtracts them
 * exactly: an update costs a read and a write of the union, however many
 * issues the archive holds, and the union equals a whole build's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "buffer.h"
#include "index_han.h"
#include "index_han_keys.h"
#include "pinyin.h"
#include "text.h"
#include "tokenize.h"
#include "xalloc.h"

/* An issue counts as traditional when at least one Han character in this
 * many is a traditional form (a simplified text has next to none). */
#define INDEX_HAN_TRADITIONAL_SHARE 20

/* How many issues' lists are sorted together before they join the union
 * (or leave it): sorting them all at once held every issue's keys in
 * memory, 780 MB for the triples of 1,000 issues. */
#define INDEX_HAN_BATCH_ROWS 32

/* Keys counted as they are met: an open-addressing table, a power of two
 * of slots, key 0 marking an empty one (no Han key is 0). An issue's text
 * holds each pair ten times on average: counting them in place sorts a
 * tenth of the keys that sorting every occurrence did. */
typedef struct HanCounter {
	uint64_t	*keys;
	uint32_t	*counts;
	size_t		 size;
	size_t		 used;
} HanCounter;

/* What is gathered from an issue's text. */
struct IndexHanText {
	HanCounter	 pairs;		/* characters and pairs, counted */
	HanCounter	 triples;	/* runs of three characters */
	uint64_t	 last_pair;	/* the pair before, at last_position */
	size_t		 last_position;
};

struct IndexHanRow {
	int		 traditional;
	Buffer		 pairs;
	Buffer		 triples;
	Buffer		 counts;
};

/* Lists on their way into the union or out of it. */
typedef struct HanBatch {
	HanKeys		 keys[2];	/* INDEX_HAN_PAIRS (counted), INDEX_HAN_TRIPLES */
	size_t		 rows;
} HanBatch;

struct IndexHanUpdate {
	sqlite3		*db;
	int		 read;		/* the union has been read */
	int		 changed;
	HanKeys		 keys[2];	/* the union, per kind */
	uint16_t	*issues[2];	/* how many issues hold each key */
	uint32_t	*occurrences;	/* how often each pair occurs */
	HanBatch	 adding;
	HanBatch	 removing;
};

/* Returns the slot of key in the counter: its own, or the empty one where
 * it goes. */
static size_t
index_han_counter_slot(const HanCounter *counter, uint64_t key)
{
	size_t mask = counter->size - 1;
	size_t i = (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 32) & mask;

	while (counter->keys[i] != 0 && counter->keys[i] != key)
		i = (i + 1) & mask;
	return i;
}

/* Counts one occurrence of key, growing the table at half full. */
static void
index_han_counter_add(HanCounter *counter, uint64_t key)
{
	size_t i;

	if (2 * (counter->used + 1) > counter->size) {
		HanCounter grown = { NULL, NULL, counter->size ? 2 * counter->size : 4096, 0 };
		size_t k;

		grown.keys = xcalloc(grown.size, sizeof *grown.keys);
		grown.counts = xcalloc(grown.size, sizeof *grown.counts);
		for (k = 0; k < counter->size; k++) {
			if (counter->keys[k] == 0)
				continue;
			i = index_han_counter_slot(&grown, counter->keys[k]);
			grown.keys[i] = counter->keys[k];
			grown.counts[i] = counter->counts[k];
		}
		grown.used = counter->used;
		free(counter->keys);
		free(counter->counts);
		*counter = grown;
	}
	i = index_han_counter_slot(counter, key);
	if (counter->keys[i] == 0) {
		counter->keys[i] = key;
		counter->used++;
	}
	if (counter->counts[i] < UINT32_MAX)
		counter->counts[i]++;
}

/* Reads the character at s (of len bytes) into *uc; returns its length. */
static int
index_han_decode(ucs4_t *uc, const uint8_t *s, size_t len)
{
	return text_three_byte_char(s, len, uc) ? 3 : u8_mbtouc(uc, s, len);
}

/* Takes the characters, pairs and triples of one token; see index_han.h. */
int
index_han_text_token(void *data, const Token *token)
{
	IndexHanText *text = data;
	const uint8_t *s = (const uint8_t *)token->text;
	ucs4_t a, b = 0;
	int n;

	if (token->kind == TOKEN_WORD)
		return 0;
	n = index_han_decode(&a, s, token->length);
	if (token->kind == TOKEN_PAIR) {
		uint64_t pair;

		index_han_decode(&b, s + n, token->length - (size_t)n);
		pair = INDEX_HAN_KEY(a, b);
		/* The pair before ended with a, one position earlier. */
		if (text->last_pair != 0 && text->last_position + 1 == token->position &&
		    INDEX_HAN_SECOND(text->last_pair) == a)
			index_han_counter_add(&text->triples, text->last_pair << 21 | b);
		text->last_pair = pair;
		text->last_position = token->position;
	}
	index_han_counter_add(&text->pairs, INDEX_HAN_KEY(a, b));
	return 0;
}

/* Starts gathering an issue's text; see index_han.h. */
IndexHanText *
index_han_text_new(void)
{
	return xcalloc(1, sizeof (IndexHanText));
}

/* Starts a string of the issue: no run goes on from the last one. */
void
index_han_text_begin(IndexHanText *text)
{
	text->last_pair = 0;
}

/* Gathers the characters, pairs and triples of one string of the issue. */
void
index_han_text_add(IndexHanText *text, const char *s, size_t len)
{
	index_han_text_begin(text);
	tokenize(s, len, 0, index_han_text_token, text);
}

/* Returns the counter's keys, sorted, each shifted up with its count
 * (at most UINT16_MAX) in the low INDEX_HAN_COUNT_BITS when counted is
 * non-zero; frees the counter. */
static HanKeys
index_han_counter_take(HanCounter *counter, int counted)
{
	HanKeys keys = { NULL, 0, 0 };
	size_t i;

	keys.size = counter->used + 1;
	keys.items = xreallocarray(NULL, keys.size, sizeof *keys.items);
	for (i = 0; i < counter->size; i++)
		if (counter->keys[i] != 0)
			keys.items[keys.count++] = !counted ? counter->keys[i] :
			    counter->keys[i] << INDEX_HAN_COUNT_BITS |
			    (counter->counts[i] < UINT16_MAX ? counter->counts[i] : UINT16_MAX);
	index_han_keys_radix(keys.items, keys.count);
	free(counter->keys);
	free(counter->counts);
	return keys;
}

/* Makes the issue's lists of what was gathered, and frees text; see
 * index_han.h. */
IndexHanRow *
index_han_text_finish(IndexHanText *text)
{
	IndexHanRow *row = xcalloc(1, sizeof *row);
	size_t chars = 0, traditional = 0, i;
	HanKeys pairs, triples;
	uint16_t *counts;

	/* Whether the issue is traditional, from each character's count. */
	for (i = 0; i < text->pairs.size; i++) {
		uint64_t key = text->pairs.keys[i];

		if (key == 0 || INDEX_HAN_SECOND(key) != 0)
			continue;
		chars += text->pairs.counts[i];
		if (pinyin_is_traditional((uint32_t)(key >> 21)))
			traditional += text->pairs.counts[i];
	}
	row->traditional = traditional * INDEX_HAN_TRADITIONAL_SHARE > chars;
	pairs = index_han_counter_take(&text->pairs, 1);
	triples = index_han_counter_take(&text->triples, 0);
	counts = xreallocarray(NULL, pairs.count + 1, sizeof *counts);
	for (i = 0; i < pairs.count; i++) {
		counts[i] = (uint16_t)(pairs.items[i] & INDEX_HAN_COUNT_MAX);
		pairs.items[i] >>= INDEX_HAN_COUNT_BITS;
	}
	index_han_keys_encode(&pairs, &row->pairs);
	index_han_keys_encode(&triples, &row->triples);
	index_han_keys_encode_counts(counts, NULL, pairs.count, &row->counts);
	free(counts);
	free(pairs.items);
	free(triples.items);
	free(text);
	return row;
}

/* Frees an issue's lists. */
void
index_han_row_free(IndexHanRow *row)
{
	if (row == NULL)
		return;
	buffer_free(&row->pairs);
	buffer_free(&row->triples);
	buffer_free(&row->counts);
	free(row);
}

/* Writes the han row of an issue (whether it is traditional); returns an
 * SQLite code. */
int
index_han_write(sqlite3 *db, const IndexHanRow *row, sqlite3_int64 id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "INSERT INTO han(issue_id, traditional) VALUES(?1, ?2)", -1,
	    &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int(stmt, 2, row->traditional);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Starts an update of db's union; see index_han.h. */
IndexHanUpdate *
index_han_update_start(sqlite3 *db)
{
	IndexHanUpdate *update = xcalloc(1, sizeof *update);

	update->db = db;
	return update;
}

/* Reads the union on first need. */
static void
index_han_update_read(IndexHanUpdate *update)
{
	if (update->read)
		return;
	update->read = 1;
	index_han_keys_read_union(update->db, INDEX_HAN_PAIRS, &update->keys[INDEX_HAN_PAIRS],
	    &update->issues[INDEX_HAN_PAIRS], &update->occurrences);
	index_han_keys_read_union(update->db, INDEX_HAN_TRIPLES, &update->keys[INDEX_HAN_TRIPLES],
	    &update->issues[INDEX_HAN_TRIPLES], NULL);
}

/* Merges a batch into the union: adds it, or takes it out when sign is
 * negative. */
static void
index_han_update_flush(IndexHanUpdate *update, HanBatch *batch, int sign)
{
	if (batch->rows == 0)
		return;
	index_han_update_read(update);
	index_han_keys_merge_batch(&batch->keys[INDEX_HAN_PAIRS], &update->keys[INDEX_HAN_PAIRS],
	    &update->issues[INDEX_HAN_PAIRS], &update->occurrences, sign);
	index_han_keys_merge_batch(&batch->keys[INDEX_HAN_TRIPLES],
	    &update->keys[INDEX_HAN_TRIPLES], &update->issues[INDEX_HAN_TRIPLES], NULL, sign);
	batch->rows = 0;
}

/* Puts an issue's lists in a batch, which joins the union when full. */
static void
index_han_update_take(IndexHanUpdate *update, HanBatch *batch, const IndexHanRow *row, int sign)
{
	index_han_keys_decode_counted(&batch->keys[INDEX_HAN_PAIRS],
	    (const unsigned char *)row->pairs.data, row->pairs.len,
	    (const unsigned char *)row->counts.data, row->counts.len);
	index_han_keys_decode(&batch->keys[INDEX_HAN_TRIPLES],
	    (const unsigned char *)row->triples.data, row->triples.len);
	update->changed = 1;
	if (++batch->rows == INDEX_HAN_BATCH_ROWS)
		index_han_update_flush(update, batch, sign);
}

/* Adds an issue's lists to the union; see index_han.h. */
void
index_han_update_add(IndexHanUpdate *update, const IndexHanRow *row)
{
	/* In any order with removals: what leaves was in the union when
	 * the update started. */
	index_han_update_take(update, &update->adding, row, 1);
}

/* Takes an issue's lists out of the union; see index_han.h. */
void
index_han_update_remove(IndexHanUpdate *update, const IndexHanRow *row)
{
	index_han_update_take(update, &update->removing, row, -1);
}

/* Writes the union's row of kind, stamped with the current update;
 * returns an SQLite code. */
static int
index_han_update_write(IndexHanUpdate *update, int kind)
{
	sqlite3_stmt *stmt = NULL;
	Buffer blob = { 0 }, counts = { 0 }, sums = { 0 };
	int rc;

	index_han_keys_encode(&update->keys[kind], &blob);
	index_han_keys_encode_counts(update->issues[kind], NULL, update->keys[kind].count, &counts);
	if (kind == INDEX_HAN_PAIRS)
		index_han_keys_encode_counts(NULL, update->occurrences, update->keys[kind].count,
		    &sums);
	rc = sqlite3_prepare_v2(update->db, "INSERT OR REPLACE INTO han_all(kind, generation, keys,"
	    " issues, occurrences) VALUES(?1, (SELECT CAST(value AS INTEGER) FROM meta"
	    " WHERE key = 'generation'), ?2, ?3, ?4)", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(stmt, 1, kind);
		sqlite3_bind_blob(stmt, 2, blob.data, (int)blob.len, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 3, counts.data, (int)counts.len, SQLITE_STATIC);
		if (kind == INDEX_HAN_PAIRS)
			sqlite3_bind_blob(stmt, 4, sums.data, (int)sums.len, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	buffer_free(&blob);
	buffer_free(&counts);
	buffer_free(&sums);
	return rc;
}

/* Writes the union, when anything changed, and frees the update; see
 * index_han.h. */
int
index_han_update_finish(IndexHanUpdate *update)
{
	int rc = SQLITE_OK;

	if (update == NULL)
		return SQLITE_OK;
	if (update->changed) {
		index_han_update_flush(update, &update->removing, -1);
		index_han_update_flush(update, &update->adding, 1);
		rc = index_han_update_write(update, INDEX_HAN_PAIRS);
		if (rc == SQLITE_OK)
			rc = index_han_update_write(update, INDEX_HAN_TRIPLES);
	}
	index_han_update_free(update);
	return rc;
}

/* Frees an update without writing it. */
void
index_han_update_free(IndexHanUpdate *update)
{
	int kind;

	if (update == NULL)
		return;
	for (kind = 0; kind < 2; kind++) {
		free(update->keys[kind].items);
		free(update->issues[kind]);
		free(update->adding.keys[kind].items);
		free(update->removing.keys[kind].items);
	}
	free(update->occurrences);
	free(update);
}
