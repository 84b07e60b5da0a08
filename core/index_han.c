/* The Han vocabulary of the index: per issue, every character, every
 * pair and every triple of adjacent characters its text holds, as sorted
 * keys stored delta-encoded (LEB128) in blobs of the han table, and
 * whether the issue is printed in traditional characters.
 *
 * FTS5 holds the same pairs, but its vocabulary cannot be listed without
 * reading every position list; pinyin and initials need only to know
 * which pairs exist, to walk from a character to the characters that
 * follow it in the text (core/search_reading.c); the triples prune the
 * walk (a third character follows a pair only where the text holds the
 * three in a row), where pairs alone let through thousands of strings the
 * text never holds. For the bundled issue the pairs take 45 KB and
 * the triples 150 KB (0.1 and 0.3 bytes per byte of text); each is read
 * once, on the first query that needs it, and kept with the index.
 *
 * Each issue also counts how often each character and pair occurs (a
 * LEB128 count per pair, in the order of the pairs: 24 KB for the bundled
 * issue), and an archive's union sums them: pinyin and initials weigh
 * the strings they find by them, to put the words of the language before
 * the runs across words' edges. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "buffer.h"
#include "index_han.h"
#include "index_internal.h"
#include "pinyin.h"
#include "tokenize.h"
#include "varint.h"
#include "xalloc.h"

/* How a pair's count travels with its key while issues' pairs are
 * merged: in the low bits of the key shifted up (a pair key has 42 bits),
 * so that one radix sort orders both. */
#define INDEX_HAN_COUNT_BITS 20
#define INDEX_HAN_COUNT_MAX ((UINT64_C(1) << INDEX_HAN_COUNT_BITS) - 1)

/* An issue counts as traditional when at least one Han character in this
 * many is a traditional form (a simplified text has next to none). */
#define INDEX_HAN_TRADITIONAL_SHARE 20

struct IndexHan {
	Index		*index;		/* the index it belongs to */
	uint64_t	*keys;		/* sorted, unique */
	uint16_t	*key_issues;	/* how many issues hold each key */
	uint32_t	*key_occurrences;	/* how often each occurs in all */
	uint32_t	*key_initials;	/* of each second character; 0: not yet */
	size_t		 nkeys;
	uint32_t	*chars;		/* the characters alone, most frequent first */
	size_t		 nchars;
	uint32_t	*initials_chars;	/* a hash of the characters: 0 empty */
	uint32_t	*initials;	/* what pinyin_initials() says of each */
	size_t		 initials_size;	/* a power of two */
	uint32_t	*pairs_from;	/* per slot of the hash: where the keys
					 * its character starts begin */
	uint32_t	*pairs_count;	/* and how many there are */
	uint32_t	*most_after;	/* per slot of the hash and letter:
					 * index_han_most_after() + 1; 0 not yet */
	uint64_t	*triples;	/* sorted, unique; read on first use */
	uint16_t	*triple_issues;	/* how many issues hold each triple */
	uint32_t	*triple_initials;	/* of each last character; 0: not yet */
	uint32_t	*pair_triples;	/* per key, where its triples start */
	size_t		 ntriples;
	int		 triples_loaded;
	sqlite3_int64	*ids;		/* the issues the keys were read for */
	size_t		 nids;
	int		 loaded;
	HanConv		*conv;
};

/* Keys being gathered from text. */
typedef struct HanKeys {
	uint64_t	*items;
	size_t		 count;
	size_t		 size;
} HanKeys;

/* What is gathered from an issue's text. */
typedef struct HanText {
	HanKeys		 pairs;		/* characters and pairs */
	HanKeys		 triples;	/* runs of three characters */
	uint64_t	 last_pair;	/* the pair before, at last_position */
	size_t		 last_position;
	size_t		 chars;		/* Han characters seen */
	size_t		 traditional;	/* of which traditional forms */
} HanText;

/* Adds a key. */
static void
index_han_add(HanKeys *keys, uint64_t key)
{
	if (keys->count == keys->size) {
		keys->size = keys->size ? 2 * keys->size : 4096;
		keys->items = xreallocarray(keys->items, keys->size, sizeof *keys->items);
	}
	keys->items[keys->count++] = key;
}

/* Takes the characters, pairs and triples of the text's tokens (a
 * TokenHandler). */
static int
index_han_take(void *data, const Token *token)
{
	HanText *text = data;
	const uint8_t *s = (const uint8_t *)token->text;
	ucs4_t a, b = 0;
	int n;

	if (token->kind == TOKEN_WORD)
		return 0;
	n = u8_mbtouc(&a, s, token->length);
	if (token->kind == TOKEN_PAIR) {
		uint64_t pair;

		u8_mbtouc(&b, s + n, token->length - (size_t)n);
		pair = INDEX_HAN_KEY(a, b);
		/* The pair before ended with a, one position earlier. */
		if (text->last_pair != 0 && text->last_position + 1 == token->position &&
		    INDEX_HAN_SECOND(text->last_pair) == a)
			index_han_add(&text->triples, text->last_pair << 21 | b);
		text->last_pair = pair;
		text->last_position = token->position;
	} else {
		text->chars++;
		text->traditional += pinyin_is_traditional(a) != 0;
	}
	index_han_add(&text->pairs, INDEX_HAN_KEY(a, b));
	return 0;
}

/* Sorts n keys by a radix sort of their bytes, lowest first, skipping a
 * byte all keys share (the high bytes of pairs): a third of an issue's
 * index build went to qsort's comparisons of a few hundred thousand keys. */
static void
index_han_radix(uint64_t *keys, size_t n)
{
	uint64_t *from = keys, *to = xreallocarray(NULL, n, sizeof *keys), *swap;
	size_t count[256], i, shift;

	for (shift = 0; shift < 64; shift += 8) {
		size_t at = 0, k;

		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xff]++;
		if (count[(from[0] >> shift) & 0xff] == n)
			continue;	/* one value: the order stands */
		for (k = 0; k < 256; k++) {
			size_t c = count[k];

			count[k] = at;
			at += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xff]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != keys)
		memcpy(keys, from, n * sizeof *keys);
	free(from == keys ? to : from);
}

/* Sorts keys and drops repeats; returns the new count. */
static size_t
index_han_sort(uint64_t *keys, size_t n)
{
	size_t i, kept = 0;

	if (n == 0)
		return 0;	/* keys may be NULL */
	index_han_radix(keys, n);
	for (i = 0; i < n; i++)
		if (kept == 0 || keys[kept - 1] != keys[i])
			keys[kept++] = keys[i];
	return kept;
}

/* Drops the repeats of sorted keys[0, n), and returns how many are left;
 * *issues (the caller frees) says how many times each was there: the
 * number of issues that hold it, when each issue gave its keys once. */
static size_t
index_han_count(uint64_t *keys, size_t n, uint16_t **issues)
{
	size_t i, kept = 0;

	*issues = xreallocarray(NULL, n + 1, sizeof **issues);
	for (i = 0; i < n; i++) {
		if (kept > 0 && keys[kept - 1] == keys[i]) {
			if ((*issues)[kept - 1] < UINT16_MAX)
				(*issues)[kept - 1]++;
			continue;
		}
		keys[kept] = keys[i];
		(*issues)[kept++] = 1;
	}
	return kept;
}

/* Appends n counts to blob as LEB128 (most are small): small's, or
 * large's when small is NULL. */
static void
index_han_encode_counts(const uint16_t *small, const uint32_t *large, size_t n, Buffer *blob)
{
	size_t i;

	buffer_append(blob, "", 0);
	for (i = 0; i < n; i++)
		varint_put(blob, small != NULL ? small[i] : large[i]);
}

/* Encodes keys, sorted and unique, as LEB128 deltas into blob. */
static void
index_han_encode(const HanKeys *keys, Buffer *blob)
{
	uint64_t last = 0;
	size_t i;

	buffer_append(blob, "", 0);
	for (i = 0; i < keys->count; i++) {
		varint_put(blob, keys->items[i] - last);
		last = keys->items[i];
	}
}

/* Gathers the characters, pairs and triples of one string. */
static void
index_han_gather(HanText *text, const char *s, size_t len)
{
	text->last_pair = 0;
	tokenize(s, len, 0, index_han_take, text);
}

struct IndexHanRow {
	int		 traditional;
	Buffer		 pairs;
	Buffer		 triples;
	Buffer		 counts;
};

/* Makes the han row of an issue; see index_han.h. */
IndexHanRow *
index_han_row(const Issue *issue)
{
	IndexHanRow *row = xcalloc(1, sizeof *row);
	HanText text;
	uint16_t *occurrences = NULL;
	size_t i, n = issue_article_count(issue);

	memset(&text, 0, sizeof text);
	for (i = 0; i < n; i++) {
		const Article *a = issue_article(issue, i);

		if (a->title != NULL)
			index_han_gather(&text, a->title, strlen(a->title));
		if (a->text != NULL)
			index_han_gather(&text, a->text, a->text_length);
	}
	if (text.pairs.count > 0)
		index_han_radix(text.pairs.items, text.pairs.count);
	text.pairs.count = index_han_count(text.pairs.items, text.pairs.count, &occurrences);
	text.triples.count = index_han_sort(text.triples.items, text.triples.count);
	index_han_encode(&text.pairs, &row->pairs);
	index_han_encode(&text.triples, &row->triples);
	index_han_encode_counts(occurrences, NULL, text.pairs.count, &row->counts);
	row->traditional = text.traditional * INDEX_HAN_TRADITIONAL_SHARE > text.chars;
	free(occurrences);
	free(text.pairs.items);
	free(text.triples.items);
	return row;
}

/* Frees a han row. */
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

/* Writes the han row of an issue; returns an SQLite code. */
int
index_han_write(sqlite3 *db, const IndexHanRow *row, sqlite3_int64 id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "INSERT INTO han(issue_id, traditional, pairs, triples,"
	    " pair_counts) VALUES(?1, ?2, ?3, ?4, ?5)", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int(stmt, 2, row->traditional);
		sqlite3_bind_blob(stmt, 3, row->pairs.data, (int)row->pairs.len, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 4, row->triples.data, (int)row->triples.len, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 5, row->counts.data, (int)row->counts.len, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Returns the index's Han state, made on first use. */
static IndexHan *
index_han_of(Index *index)
{
	if (index->han == NULL) {
		index->han = xcalloc(1, sizeof *index->han);
		index->han->index = index;
	}
	return index->han;
}

/* Returns non-zero when the vocabulary was read for the index's issues
 * as they are now. */
static int
index_han_is_current(const IndexHan *han, const Index *index)
{
	size_t i;

	if (!han->loaded || han->nids != index->nissues)
		return 0;
	for (i = 0; i < han->nids; i++)
		if (han->ids[i] != index->issues[i].id)
			return 0;
	return 1;
}

/* Appends the keys of one blob to keys. */
static void
index_han_decode(HanKeys *keys, const unsigned char *p, size_t len)
{
	const unsigned char *end = p + len;
	uint64_t key = 0, delta;

	while (p < end) {
		varint_get(&p, end, &delta);
		key += delta;
		index_han_add(keys, key);
	}
}

/* Appends the pairs of one blob to keys, each shifted up with its count
 * from the parallel blob counts in the low bits (INDEX_HAN_COUNT_BITS). */
static void
index_han_decode_counted(HanKeys *keys, const unsigned char *p, size_t len,
    const unsigned char *counts, size_t counts_len)
{
	const unsigned char *end = p + len, *counts_end = counts + counts_len;
	uint64_t key = 0, delta, count;

	while (p < end) {
		varint_get(&p, end, &delta);
		key += delta;
		count = 1;
		if (counts != NULL && counts < counts_end)
			varint_get(&counts, counts_end, &count);
		if (count > INDEX_HAN_COUNT_MAX)
			count = INDEX_HAN_COUNT_MAX;
		index_han_add(keys, key << INDEX_HAN_COUNT_BITS | count);
	}
}

/* Like index_han_count() for sorted pairs that carry their counts
 * (index_han_decode_counted()): leaves the bare keys, and sets
 * *occurrences (the caller frees) to the sum of each key's counts. */
static size_t
index_han_count_packed(uint64_t *packed, size_t n, uint16_t **issues, uint32_t **occurrences)
{
	size_t i, kept = 0;

	*issues = xreallocarray(NULL, n + 1, sizeof **issues);
	*occurrences = xreallocarray(NULL, n + 1, sizeof **occurrences);
	for (i = 0; i < n; i++) {
		uint64_t key = packed[i] >> INDEX_HAN_COUNT_BITS;
		uint32_t count = (uint32_t)(packed[i] & INDEX_HAN_COUNT_MAX);

		if (kept > 0 && packed[kept - 1] == key) {
			if ((*issues)[kept - 1] < UINT16_MAX)
				(*issues)[kept - 1]++;
			(*occurrences)[kept - 1] += count < UINT32_MAX - (*occurrences)[kept - 1] ?
			    count : UINT32_MAX - (*occurrences)[kept - 1];
			continue;
		}
		packed[kept] = key;
		(*issues)[kept] = 1;
		(*occurrences)[kept++] = count;
	}
	return kept;
}

/* The han table's columns; their union over the issues is han_all's row
 * of the same kind. */
enum { INDEX_HAN_PAIRS, INDEX_HAN_TRIPLES };
/* The update a database is at (index_sync.c counts them). */
#define INDEX_HAN_GENERATION \
	"(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation')"
static const char *const index_han_columns[] = { "pairs, pair_counts", "triples, NULL" };

/* How many issues' rows are sorted together before they join the union
 * of those before: sorting them all at once held every issue's keys in
 * memory, 780 MB for the triples of 1,000 issues. */
#define INDEX_HAN_BATCH_ROWS 32

/* Returns a + b, at most max. */
static uint32_t
index_han_add_counts(uint32_t a, uint32_t b, uint32_t max)
{
	return b < max - a ? a + b : max;
}

/* Merges a sorted, counted batch (its keys unique, with how many issues
 * hold each and, when occurrences is not NULL, how often each occurs)
 * into the union gathered so far, summing the counts of a key in both. */
static void
index_han_union(HanKeys *keys, uint16_t **issues, uint32_t **occurrences, const HanKeys *batch,
    const uint16_t *batch_issues, const uint32_t *batch_occurrences)
{
	size_t n = keys->count + batch->count, i = 0, j = 0, k = 0;
	uint64_t *items = xreallocarray(NULL, n + 1, sizeof *items);
	uint16_t *held = xreallocarray(NULL, n + 1, sizeof *held);
	uint32_t *sums = occurrences != NULL ? xreallocarray(NULL, n + 1, sizeof *sums) : NULL;

	while (i < keys->count || j < batch->count) {
		int from_union = j == batch->count ||
		    (i < keys->count && keys->items[i] <= batch->items[j]);
		int from_batch = i == keys->count ||
		    (j < batch->count && batch->items[j] <= keys->items[i]);

		items[k] = from_union ? keys->items[i] : batch->items[j];
		held[k] = (uint16_t)index_han_add_counts(from_union ? (*issues)[i] : 0,
		    from_batch ? batch_issues[j] : 0, UINT16_MAX);
		if (sums != NULL)
			sums[k] = index_han_add_counts(from_union ? (*occurrences)[i] : 0,
			    from_batch ? batch_occurrences[j] : 0, UINT32_MAX);
		i += from_union;
		j += from_batch;
		k++;
	}
	free(keys->items);
	free(*issues);
	keys->items = items;
	keys->count = k;
	keys->size = n + 1;
	*issues = held;
	if (occurrences != NULL) {
		free(*occurrences);
		*occurrences = sums;
	}
}

/* Sorts and counts the keys of a batch of rows (the pairs carry their
 * counts), adds them to the union and empties the batch. */
static void
index_han_take_batch(HanKeys *batch, size_t rows, HanKeys *keys, uint16_t **issues,
    uint32_t **occurrences)
{
	uint16_t *batch_issues = NULL;
	uint32_t *batch_occurrences = NULL;

	if (rows > 1 && batch->count > 0)
		index_han_radix(batch->items, batch->count);
	if (occurrences != NULL)
		batch->count = index_han_count_packed(batch->items, batch->count, &batch_issues,
		    &batch_occurrences);
	else
		batch->count = index_han_count(batch->items, batch->count, &batch_issues);
	index_han_union(keys, issues, occurrences, batch, batch_issues, batch_occurrences);
	free(batch_issues);
	free(batch_occurrences);
	batch->count = 0;
}

/* Reads column kind of the han table's rows for the issues ids (every row
 * when ids is NULL) into keys, sorted and unique, in *issues (the caller
 * frees) how many issues hold each and, when occurrences is not NULL (the
 * pairs), in *occurrences how often each occurs in all. Returns an
 * SQLite code. */
static int
index_han_gather_rows(sqlite3 *db, int kind, const sqlite3_int64 *ids, size_t nids,
    HanKeys *keys, uint16_t **issues, uint32_t **occurrences)
{
	sqlite3_stmt *stmt = NULL;
	HanKeys batch = { NULL, 0, 0 };
	char *sql = xasprintf("SELECT %s FROM han%s", index_han_columns[kind],
	    ids != NULL ? " WHERE issue_id = ?1" : "");
	size_t i, rows = 0;
	int rc;

	keys->count = 0;
	*issues = xcalloc(1, sizeof **issues);
	if (occurrences != NULL)
		*occurrences = xcalloc(1, sizeof **occurrences);
	rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	free(sql);
	for (i = 0; rc == SQLITE_OK && (ids == NULL || i < nids); i++) {
		if (ids != NULL)
			sqlite3_bind_int64(stmt, 1, ids[i]);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW && occurrences != NULL) {
			index_han_decode_counted(&batch, sqlite3_column_blob(stmt, 0),
			    (size_t)sqlite3_column_bytes(stmt, 0), sqlite3_column_blob(stmt, 1),
			    (size_t)sqlite3_column_bytes(stmt, 1));
			rows++;
			rc = SQLITE_OK;
		} else if (rc == SQLITE_ROW) {
			index_han_decode(&batch, sqlite3_column_blob(stmt, 0),
			    (size_t)sqlite3_column_bytes(stmt, 0));
			rows++;
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE)
			rc = ids != NULL ? SQLITE_OK : SQLITE_DONE;
		if (ids != NULL)
			sqlite3_reset(stmt);
		if (rows == INDEX_HAN_BATCH_ROWS) {
			index_han_take_batch(&batch, rows, keys, issues, occurrences);
			rows = 0;
		}
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(stmt);
	if (rows > 0)
		index_han_take_batch(&batch, rows, keys, issues, occurrences);
	free(batch.items);
	return rc;
}

/* Reads n LEB128 counts from the blob of column column of stmt into
 * small (saturating) or, when small is NULL, large; returns 0, or -1 when
 * the blob holds another number of them. */
static int
index_han_decode_counts(sqlite3_stmt *stmt, int column, size_t n, uint16_t *small,
    uint32_t *large)
{
	const unsigned char *p = sqlite3_column_blob(stmt, column);
	const unsigned char *end = p + sqlite3_column_bytes(stmt, column);
	size_t i;

	for (i = 0; i < n && p < end; i++) {
		uint64_t v;

		varint_get(&p, end, &v);
		if (small != NULL)
			small[i] = (uint16_t)(v < UINT16_MAX ? v : UINT16_MAX);
		else
			large[i] = (uint32_t)(v < UINT32_MAX ? v : UINT32_MAX);
	}
	return i == n && p == end ? 0 : -1;
}

/* Reads han_all's union of kind, with *issues and, when occurrences is
 * not NULL, *occurrences (the caller frees both): returns 0, or -1 when
 * the index has none of its current update (one issue's index, an
 * archive updated since, or a row that does not add up). */
static int
index_han_read_union(sqlite3 *db, int kind, HanKeys *keys, uint16_t **issues,
    uint32_t **occurrences)
{
	sqlite3_stmt *stmt = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "SELECT keys, issues, occurrences FROM han_all WHERE kind = ?1"
	    " AND generation = " INDEX_HAN_GENERATION, -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_int(stmt, 1, kind);
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			size_t bytes = (size_t)sqlite3_column_bytes(stmt, 0);

			/* At least a byte a key: one allocation holds them all. */
			keys->size = bytes + 1;
			keys->items = xreallocarray(NULL, keys->size, sizeof *keys->items);
			index_han_decode(keys, sqlite3_column_blob(stmt, 0), bytes);
			*issues = xreallocarray(NULL, keys->count + 1, sizeof **issues);
			rc = index_han_decode_counts(stmt, 1, keys->count, *issues, NULL);
			if (occurrences != NULL) {
				*occurrences = xreallocarray(NULL, keys->count + 1,
				    sizeof **occurrences);
				if (rc == 0)
					rc = index_han_decode_counts(stmt, 2, keys->count, NULL,
					    *occurrences);
			}
			if (rc != 0) {
				free(*issues);
				*issues = NULL;
				if (occurrences != NULL) {
					free(*occurrences);
					*occurrences = NULL;
				}
				keys->count = 0;
			}
		}
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Rewrites han_all's row of kind from the han table, stamped with the
 * current update, unless it is of that update already; returns an SQLite
 * code. */
static int
index_han_merge_kind(sqlite3 *db, int kind)
{
	sqlite3_stmt *stmt = NULL;
	HanKeys keys = { NULL, 0, 0 };
	Buffer blob = { 0 }, counts = { 0 }, sums = { 0 };
	uint16_t *issues = NULL;
	uint32_t *occurrences = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT 1 FROM han_all WHERE kind = ?1 AND generation = "
	    INDEX_HAN_GENERATION, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(stmt, 1, kind);
		rc = sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (rc == SQLITE_ROW)
		return SQLITE_OK;	/* merged for this update already */
	if (rc != SQLITE_DONE)
		return rc;
	rc = index_han_gather_rows(db, kind, NULL, 0, &keys, &issues,
	    kind == INDEX_HAN_PAIRS ? &occurrences : NULL);
	index_han_encode(&keys, &blob);
	index_han_encode_counts(issues, NULL, keys.count, &counts);
	if (occurrences != NULL)
		index_han_encode_counts(NULL, occurrences, keys.count, &sums);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO han_all(kind, generation, keys,"
		    " issues, occurrences) VALUES(?1, " INDEX_HAN_GENERATION ", ?2, ?3, ?4)", -1,
		    &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(stmt, 1, kind);
		sqlite3_bind_blob(stmt, 2, blob.data, (int)blob.len, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 3, counts.data, (int)counts.len, SQLITE_STATIC);
		if (occurrences != NULL)
			sqlite3_bind_blob(stmt, 4, sums.data, (int)sums.len, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	buffer_free(&blob);
	buffer_free(&counts);
	buffer_free(&sums);
	free(keys.items);
	free(issues);
	free(occurrences);
	return rc;
}

/* Brings han_all up to the current update; see index_han.h. */
int
index_han_merge(sqlite3 *db)
{
	int rc = index_han_merge_kind(db, INDEX_HAN_PAIRS);

	return rc == SQLITE_OK ? index_han_merge_kind(db, INDEX_HAN_TRIPLES) : rc;
}

/* Brings han_all's row of kind up to the current update when this
 * process may write the index at once (not a shared index, nobody else
 * writing): one process merges after an update, those after it read.
 * Returns 0 when it did. */
static int
index_han_refresh(sqlite3 *db, int kind)
{
	int rc;

	if (sqlite3_db_readonly(db, "main") != 0)
		return -1;
	sqlite3_busy_timeout(db, 0);
	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		rc = index_han_merge_kind(db, kind);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_busy_timeout(db, INDEX_BUSY_MILLISECONDS);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Returns the keys of column kind over the index's issues, sorted and
 * unique, in keys, in *issues (the caller frees) how many issues hold
 * each and, when occurrences is not NULL, in *occurrences how often each
 * occurs: han_all's union for an archive (made now when an update left it
 * behind and the index can be written), else merged from the issues'
 * rows. */
static void
index_han_read(Index *index, int kind, HanKeys *keys, uint16_t **issues, uint32_t **occurrences)
{
	size_t i;
	sqlite3_int64 *ids;

	if (index->nissues > 1 &&
	    (index_han_read_union(index->db, kind, keys, issues, occurrences) == 0 ||
	    (index_han_refresh(index->db, kind) == 0 &&
	    index_han_read_union(index->db, kind, keys, issues, occurrences) == 0)))
		return;
	ids = xreallocarray(NULL, index->nissues + 1, sizeof *ids);
	for (i = 0; i < index->nissues; i++)
		ids[i] = index->issues[i].id;
	index_han_gather_rows(index->db, kind, ids, index->nissues, keys, issues, occurrences);
	free(ids);
}

/* Orders two characters by how often they occur, most first, then by code
 * point (for qsort of (occurrences, character) pairs). */
static int
index_han_compare_frequent(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return (*x < *y) - (*x > *y);
}

/* Puts han's characters, each with how often it occurs in order (caller's
 * scratch, as many), in the order of how often they occur, most first: a
 * walk that meets the words of the language first can pass over what
 * occurs far less often (core/search_walk.c). */
static void
index_han_order_chars(IndexHan *han, uint64_t *order)
{
	size_t i;

	for (i = 0; i < han->nchars; i++)
		order[i] = order[i] << 32 | (UINT32_MAX - han->chars[i]);
	if (han->nchars > 1)
		qsort(order, han->nchars, sizeof *order, index_han_compare_frequent);
	for (i = 0; i < han->nchars; i++)
		han->chars[i] = UINT32_MAX - (uint32_t)order[i];
}

/* Returns the slot of character c in han's hash of initials: its own,
 * or the empty one where it would go. */
static size_t
index_han_initials_slot(const IndexHan *han, uint32_t c)
{
	size_t mask = han->initials_size - 1, i = (size_t)(c * UINT32_C(2654435761)) & mask;

	while (han->initials_chars[i] != 0 && han->initials_chars[i] != c)
		i = (i + 1) & mask;
	return i;
}

/* Hashes the initials of han's characters: the walks of pinyin and
 * initials ask for them at every step, and the table of readings is a
 * binary search away. */
static void
index_han_hash_initials(IndexHan *han)
{
	size_t i;

	han->initials_size = 16;
	while (han->initials_size < 2 * han->nchars)
		han->initials_size *= 2;
	han->initials_chars = xcalloc(han->initials_size, sizeof *han->initials_chars);
	han->initials = xcalloc(han->initials_size, sizeof *han->initials);
	for (i = 0; i < han->nchars; i++) {
		size_t slot = index_han_initials_slot(han, han->chars[i]);

		han->initials_chars[slot] = han->chars[i];
		han->initials[slot] = pinyin_initials(han->chars[i]);
	}
}

/* Returns the first position of keys[0..n) not below key. */
static size_t
index_han_lower_bound(const uint64_t *keys, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Returns the keys of keys[0..n) from first up to (not with) last, and
 * their number in *count. */
static const uint64_t *
index_han_range(const uint64_t *keys, size_t n, uint64_t first, uint64_t last, size_t *count)
{
	size_t from = index_han_lower_bound(keys, n, first);

	*count = index_han_lower_bound(keys + from, n - from, last);
	return keys + from;
}

/* Notes, by each character's slot of the hash, where the keys it starts
 * lie (itself alone, then its pairs): a pair is then looked up among the
 * few hundred keys of its first character, side by side, and not by a
 * binary search of them all, which misses the cache at every step. */
static void
index_han_hash_pairs(IndexHan *han)
{
	size_t i, from = 0;

	if (han->nkeys >= UINT32_MAX || han->initials_size == 0)
		return;
	han->pairs_from = xcalloc(han->initials_size, sizeof *han->pairs_from);
	han->pairs_count = xcalloc(han->initials_size, sizeof *han->pairs_count);
	for (i = 1; i <= han->nkeys; i++) {
		uint32_t c = (uint32_t)(han->keys[from] >> 21);
		size_t slot;

		if (i < han->nkeys && han->keys[i] >> 21 == c)
			continue;
		slot = index_han_initials_slot(han, c);
		if (han->initials_chars[slot] == c) {
			han->pairs_from[slot] = (uint32_t)from;
			han->pairs_count[slot] = (uint32_t)(i - from);
		}
		from = i;
	}
}

/* Returns the keys character c starts (c alone first, when the text
 * holds it), *n of them. */
static const uint64_t *
index_han_keys_of(const IndexHan *han, uint32_t c, size_t *n)
{
	size_t slot;

	if (han->pairs_from != NULL && c != 0) {
		slot = index_han_initials_slot(han, c);
		if (han->initials_chars[slot] == c) {
			*n = han->pairs_count[slot];
			return han->keys + han->pairs_from[slot];
		}
	}
	return index_han_range(han->keys, han->nkeys, INDEX_HAN_KEY(c, 0), INDEX_HAN_KEY(c + 1, 0),
	    n);
}

/* Returns where the pair a, b is among the keys, or han->nkeys when it is
 * none of them. */
static size_t
index_han_find_pair(const IndexHan *han, uint32_t a, uint32_t b)
{
	uint64_t key = INDEX_HAN_KEY(a, b);
	size_t n, i;
	const uint64_t *keys = index_han_keys_of(han, a, &n);

	i = index_han_lower_bound(keys, n, key);
	return i < n && keys[i] == key ? (size_t)(keys - han->keys) + i : han->nkeys;
}

/* Returns the letters c's readings start with; see index_han.h. */
uint32_t
index_han_initials(const IndexHan *han, uint32_t c)
{
	size_t slot;

	if (han->initials_size == 0 || c == 0)
		return 0;
	slot = index_han_initials_slot(han, c);
	return han->initials_chars[slot] == c ? han->initials[slot] : pinyin_initials(c);
}

/* Marks an entry of key_initials or triple_initials as computed (no initial is bit 31). */
#define INDEX_HAN_INITIALS_KNOWN (UINT32_C(1) << 31)

/* Returns the initials of the last characters of a list of pairs or
 * triples; see index_han.h. */
const uint32_t *
index_han_last_initials(IndexHan *han, const uint64_t *keys, size_t n)
{
	uint32_t *initials;
	size_t i;

	if (han->key_initials != NULL && keys >= han->keys && keys + n <= han->keys + han->nkeys)
		initials = han->key_initials + (keys - han->keys);
	else if (han->triple_initials != NULL && keys >= han->triples &&
	    keys + n <= han->triples + han->ntriples)
		initials = han->triple_initials + (keys - han->triples);
	else
		return NULL;
	/* A list is worked out whole: its ends tell whether it was. */
	if (n == 0 || (initials[0] != 0 && initials[n - 1] != 0))
		return initials;
	for (i = 0; i < n; i++)
		if (initials[i] == 0)
			initials[i] = INDEX_HAN_INITIALS_KNOWN |
			    index_han_initials(han, INDEX_HAN_SECOND(keys[i]));
	return initials;
}

/* Frees han's vocabulary and empties it. */
static void
index_han_drop(IndexHan *han)
{
	free(han->keys);
	free(han->key_issues);
	free(han->key_occurrences);
	free(han->key_initials);
	free(han->chars);
	free(han->initials_chars);
	free(han->initials);
	free(han->triples);
	free(han->triple_issues);
	free(han->triple_initials);
	free(han->pair_triples);
	free(han->ids);
	free(han->most_after);
	free(han->pairs_from);
	free(han->pairs_count);
	memset(&han->keys, 0, offsetof(IndexHan, conv) - offsetof(IndexHan, keys));
}

/* The letters a reading may start with, a to z. */
#define INDEX_HAN_LETTERS 26

/* Returns how often the most frequent pair occurs that c starts with a
 * character whose readings start with letter; see index_han.h. */
unsigned
index_han_most_after(IndexHan *han, uint32_t c, unsigned letter)
{
	const uint64_t *keys;
	const uint32_t *initials;
	uint32_t *most;
	size_t slot, n, i;
	unsigned l;

	if (han->initials_size == 0 || c == 0 || letter >= INDEX_HAN_LETTERS)
		return 0;
	slot = index_han_initials_slot(han, c);
	if (han->initials_chars[slot] != c)
		return 0;	/* not in the text: it starts no pair */
	if (han->most_after == NULL)
		han->most_after = xcalloc(han->initials_size * INDEX_HAN_LETTERS,
		    sizeof *han->most_after);
	most = han->most_after + slot * INDEX_HAN_LETTERS;
	if (most[0] == 0) {	/* all the letters at once: one pass */
		for (l = 0; l < INDEX_HAN_LETTERS; l++)
			most[l] = 1;
		keys = index_han_pairs_after(han, c, &n);
		initials = index_han_last_initials(han, keys, n);
		for (i = 0; initials != NULL && i < n; i++) {
			uint32_t count = index_han_pair_occurrences(han, keys, i);

			uint32_t letters = initials[i] & ((UINT32_C(1) << INDEX_HAN_LETTERS) - 1);

			count = count < UINT32_MAX ? count + 1 : count;
			for (; letters != 0; letters &= letters - 1) {
				l = (unsigned)ffs((int)letters) - 1;
				if (count > most[l])
					most[l] = count;
			}
		}
	}
	return most[letter] - 1;
}

/* Reads the characters and pairs of the index's issues into han. */
static void
index_han_load(IndexHan *han, Index *index)
{
	HanKeys keys = { NULL, 0, 0 };
	uint64_t *order;
	size_t i;

	index_han_drop(han);
	han->loaded = 1;
	han->ids = xreallocarray(NULL, index->nissues + 1, sizeof *han->ids);
	for (i = 0; i < index->nissues; i++)
		han->ids[han->nids++] = index->issues[i].id;
	index_han_read(index, INDEX_HAN_PAIRS, &keys, &han->key_issues, &han->key_occurrences);
	han->keys = keys.items;
	han->nkeys = keys.count;
	han->chars = xreallocarray(NULL, keys.count + 1, sizeof *han->chars);
	order = xreallocarray(NULL, keys.count + 1, sizeof *order);
	for (i = 0; i < keys.count; i++)
		if (INDEX_HAN_SECOND(keys.items[i]) == 0) {
			order[han->nchars] = han->key_occurrences != NULL ? han->key_occurrences[i] : 0;
			han->chars[han->nchars++] = (uint32_t)(keys.items[i] >> 21);
		}
	index_han_order_chars(han, order);
	free(order);
	index_han_hash_initials(han);
	index_han_hash_pairs(han);
	han->key_initials = xcalloc(han->nkeys + 1, sizeof *han->key_initials);
}

/* Returns the vocabulary, read when the issues changed since; see
 * index_han.h. */
IndexHan *
index_han_vocabulary(Index *index)
{
	IndexHan *han = index_han_of(index);

	if (!index_han_is_current(han, index))
		index_han_load(han, index);
	return han;
}

/* Returns the vocabulary's Han characters; see index_han.h. */
const uint32_t *
index_han_chars(const IndexHan *han, size_t *n)
{
	*n = han->nchars;
	return han->chars;
}

/* Returns how many issues hold the key at keys[i] of a list the
 * vocabulary handed out; see index_han.h. */
unsigned
index_han_issues(const IndexHan *han, const uint64_t *keys, size_t i)
{
	if (keys >= han->keys && keys < han->keys + han->nkeys)
		return han->key_issues[(size_t)(keys - han->keys) + i];
	if (keys >= han->triples && keys < han->triples + han->ntriples)
		return han->triple_issues[(size_t)(keys - han->triples) + i];
	return 0;
}

/* Returns how often the pair keys[i] of a list of pairs the vocabulary
 * handed out occurs; see index_han.h. */
unsigned
index_han_pair_occurrences(const IndexHan *han, const uint64_t *keys, size_t i)
{
	if (han->key_occurrences != NULL && keys >= han->keys && keys < han->keys + han->nkeys)
		return han->key_occurrences[(size_t)(keys - han->keys) + i];
	return 0;
}

/* Returns how often the pair a, b occurs; see index_han.h. */
unsigned
index_han_occurrences(const IndexHan *han, uint32_t a, uint32_t b, unsigned *issues)
{
	size_t i = index_han_find_pair(han, a, b);

	*issues = 0;
	if (han->key_occurrences == NULL || i == han->nkeys)
		return 0;
	*issues = han->key_issues[i];
	return han->key_occurrences[i];
}

/* Returns the pairs character c starts; see index_han.h. */
const uint64_t *
index_han_pairs_after(const IndexHan *han, uint32_t c, size_t *n)
{
	const uint64_t *keys = index_han_keys_of(han, c, n);

	if (*n > 0 && INDEX_HAN_SECOND(keys[0]) == 0) {	/* c alone */
		keys++;
		(*n)--;
	}
	return keys;
}

/* Reads the triples on first use, and where each pair's triples start. */
static void
index_han_load_triples(IndexHan *han)
{
	HanKeys keys = { NULL, 0, 0 };
	size_t i, t = 0;

	if (han->triples_loaded)
		return;
	index_han_read(han->index, INDEX_HAN_TRIPLES, &keys, &han->triple_issues, NULL);
	han->triples = keys.items;
	han->ntriples = keys.count;
	han->triple_initials = xcalloc(han->ntriples + 1, sizeof *han->triple_initials);
	han->triples_loaded = 1;
	if (han->ntriples >= UINT32_MAX)
		return;	/* searched for alone */
	/* Both lists are sorted, and a triple's first two characters are a
	 * pair of the list: one walk of both. */
	han->pair_triples = xreallocarray(NULL, han->nkeys + 1, sizeof *han->pair_triples);
	for (i = 0; i <= han->nkeys; i++) {
		while (t < han->ntriples && (i == han->nkeys || (han->triples[t] >> 21) < han->keys[i]))
			t++;
		han->pair_triples[i] = (uint32_t)t;
	}
}

/* Returns the triples the pair han->keys[at] starts, *n of them. */
static const uint64_t *
index_han_triples_at(const IndexHan *han, size_t at, size_t *n)
{
	*n = han->pair_triples[at + 1] - han->pair_triples[at];
	return han->triples + han->pair_triples[at];
}

/* Returns the triples the pair a, b starts; see index_han.h. */
const uint64_t *
index_han_triples_after(IndexHan *han, uint32_t a, uint32_t b, size_t *n)
{
	uint64_t pair = INDEX_HAN_KEY(a, b);
	size_t i;

	index_han_load_triples(han);
	if (han->pair_triples == NULL)
		return index_han_range(han->triples, han->ntriples, pair << 21,
		    INDEX_HAN_KEY(a, b + 1) << 21, n);
	/* The pairs are 20 times fewer than the triples: find the pair. */
	i = index_han_find_pair(han, a, b);
	if (i == han->nkeys) {
		*n = 0;
		return han->triples;
	}
	return index_han_triples_at(han, i, n);
}

/* Returns non-zero when an issue of the index is traditional. */
int
index_han_has_traditional(Index *index)
{
	sqlite3_stmt *stmt = NULL;
	int found = 0;

	if (sqlite3_prepare_v2(index->db, "SELECT 1 FROM han WHERE traditional LIMIT 1", -1, &stmt,
	    NULL) == SQLITE_OK)
		found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return found;
}

/* Returns the index's converter. */
HanConv *
index_han_converter(Index *index)
{
	IndexHan *han = index_han_of(index);

	if (han->conv == NULL)
		han->conv = hanconv_new();
	return han->conv;
}

/* Frees the index's Han state. */
void
index_han_free(IndexHan *han)
{
	if (han == NULL)
		return;
	index_han_drop(han);
	hanconv_free(han->conv);
	free(han);
}
