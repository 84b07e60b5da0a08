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
 * once, on the first query that needs it, and kept with the index. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "buffer.h"
#include "index_han.h"
#include "index_internal.h"
#include "pinyin.h"
#include "tokenize.h"
#include "xalloc.h"

/* An issue counts as traditional when at least one Han character in this
 * many is a traditional form (a simplified text has next to none). */
#define INDEX_HAN_TRADITIONAL_SHARE 20

struct IndexHan {
	Index		*index;		/* the index it belongs to */
	uint64_t	*keys;		/* sorted, unique */
	uint16_t	*key_issues;	/* how many issues hold each key */
	size_t		 nkeys;
	uint32_t	*chars;		/* the characters alone, sorted */
	size_t		 nchars;
	uint64_t	*triples;	/* sorted, unique; read on first use */
	uint16_t	*triple_issues;	/* how many issues hold each triple */
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

/* Appends v to blob as LEB128: seven bits a byte, low first, the high
 * bit set on all but the last. */
static void
index_han_put_varint(Buffer *blob, uint64_t v)
{
	unsigned char byte;

	do {
		byte = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			byte |= 0x80;
		buffer_append(blob, (const char *)&byte, 1);
	} while (v != 0);
}

/* Reads a LEB128 number at *p (before end) into *v and moves *p past it. */
static void
index_han_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		*v |= (uint64_t)(**p & 0x7f) << shift;
		shift += 7;
		if (!(*(*p)++ & 0x80))
			break;
	}
}

/* Encodes keys, sorted and unique, as LEB128 deltas into blob. */
static void
index_han_encode(const HanKeys *keys, Buffer *blob)
{
	uint64_t last = 0;
	size_t i;

	buffer_append(blob, "", 0);
	for (i = 0; i < keys->count; i++) {
		index_han_put_varint(blob, keys->items[i] - last);
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

/* Writes the han row of an issue; returns an SQLite code. */
int
index_han_build(sqlite3 *db, const Issue *issue, sqlite3_int64 id)
{
	HanText text;
	Buffer pairs = { 0 }, triples = { 0 };
	sqlite3_stmt *stmt = NULL;
	size_t i, n = issue_article_count(issue);
	int rc;

	memset(&text, 0, sizeof text);
	for (i = 0; i < n; i++) {
		const Article *a = issue_article(issue, i);

		if (a->title != NULL)
			index_han_gather(&text, a->title, strlen(a->title));
		if (a->text != NULL)
			index_han_gather(&text, a->text, a->text_length);
	}
	text.pairs.count = index_han_sort(text.pairs.items, text.pairs.count);
	text.triples.count = index_han_sort(text.triples.items, text.triples.count);
	index_han_encode(&text.pairs, &pairs);
	index_han_encode(&text.triples, &triples);
	rc = sqlite3_prepare_v2(db, "INSERT INTO han(issue_id, traditional, pairs, triples)"
	    " VALUES(?1, ?2, ?3, ?4)", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int(stmt, 2, text.traditional * INDEX_HAN_TRADITIONAL_SHARE > text.chars);
		sqlite3_bind_blob(stmt, 3, pairs.data, (int)pairs.len, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 4, triples.data, (int)triples.len, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	buffer_free(&pairs);
	buffer_free(&triples);
	free(text.pairs.items);
	free(text.triples.items);
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
		index_han_get_varint(&p, end, &delta);
		key += delta;
		index_han_add(keys, key);
	}
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

/* The han table's columns; their union over the issues is han_all's row
 * of the same kind. */
enum { INDEX_HAN_PAIRS, INDEX_HAN_TRIPLES };
/* The update a database is at (index_sync.c counts them). */
#define INDEX_HAN_GENERATION \
	"(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation')"
static const char *const index_han_columns[] = { "pairs", "triples" };

/* Reads column kind of the han table's rows for the issues ids (every row
 * when ids is NULL) into keys, sorted and unique, and in *issues (the
 * caller frees) how many issues hold each. Returns an SQLite code. */
static int
index_han_gather_rows(sqlite3 *db, int kind, const sqlite3_int64 *ids, size_t nids,
    HanKeys *keys, uint16_t **issues)
{
	sqlite3_stmt *stmt = NULL;
	char *sql = xasprintf("SELECT %s FROM han%s", index_han_columns[kind],
	    ids != NULL ? " WHERE issue_id = ?1" : "");
	size_t i, rows = 0;
	int rc;

	rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	free(sql);
	for (i = 0; rc == SQLITE_OK && (ids == NULL || i < nids); i++) {
		if (ids != NULL)
			sqlite3_bind_int64(stmt, 1, ids[i]);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			index_han_decode(keys, sqlite3_column_blob(stmt, 0),
			    (size_t)sqlite3_column_bytes(stmt, 0));
			rows++;
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE)
			rc = ids != NULL ? SQLITE_OK : SQLITE_DONE;
		if (ids != NULL)
			sqlite3_reset(stmt);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(stmt);
	if (rows > 1 && keys->count > 0)
		index_han_radix(keys->items, keys->count);
	keys->count = index_han_count(keys->items, keys->count, issues);
	return rc;
}

/* Reads han_all's union of kind: returns 0, or -1 when the index has
 * none of its current update (one issue's index, an archive updated
 * since, or a row that does not add up). */
static int
index_han_read_union(sqlite3 *db, int kind, HanKeys *keys, uint16_t **issues)
{
	sqlite3_stmt *stmt = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "SELECT keys, issues FROM han_all WHERE kind = ?1 AND"
	    " generation = " INDEX_HAN_GENERATION, -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_int(stmt, 1, kind);
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			const unsigned char *p = sqlite3_column_blob(stmt, 1);
			const unsigned char *end = p + sqlite3_column_bytes(stmt, 1);
			size_t i, bytes = (size_t)sqlite3_column_bytes(stmt, 0);

			/* At least a byte a key: one allocation holds them all. */
			keys->size = bytes + 1;
			keys->items = xreallocarray(NULL, keys->size, sizeof *keys->items);
			index_han_decode(keys, sqlite3_column_blob(stmt, 0), bytes);
			*issues = xreallocarray(NULL, keys->count + 1, sizeof **issues);
			for (i = 0; i < keys->count && p < end; i++) {
				uint64_t v;

				index_han_get_varint(&p, end, &v);
				(*issues)[i] = (uint16_t)(v < UINT16_MAX ? v : UINT16_MAX);
			}
			if (i == keys->count && p == end)
				rc = 0;
			else {
				free(*issues);
				*issues = NULL;
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
	Buffer blob = { 0 }, counts = { 0 };
	uint16_t *issues = NULL;
	size_t i;
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
	rc = index_han_gather_rows(db, kind, NULL, 0, &keys, &issues);
	index_han_encode(&keys, &blob);
	/* The counts as LEB128 too: most are small. */
	buffer_append(&counts, "", 0);
	for (i = 0; i < keys.count; i++)
		index_han_put_varint(&counts, issues[i]);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO han_all(kind, generation, keys,"
		    " issues) VALUES(?1, " INDEX_HAN_GENERATION ", ?2, ?3)", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(stmt, 1, kind);
		sqlite3_bind_blob(stmt, 2, blob.data, (int)blob.len, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 3, counts.data, (int)counts.len, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	buffer_free(&blob);
	buffer_free(&counts);
	free(keys.items);
	free(issues);
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
 * unique, in keys, and in *issues (the caller frees) how many issues hold
 * each: han_all's union for an archive (made now when an update left it
 * behind and the index can be written), else merged from the issues'
 * rows. */
static void
index_han_read(Index *index, int kind, HanKeys *keys, uint16_t **issues)
{
	size_t i;
	sqlite3_int64 *ids;

	if (index->nissues > 1 && (index_han_read_union(index->db, kind, keys, issues) == 0 ||
	    (index_han_refresh(index->db, kind) == 0 &&
	    index_han_read_union(index->db, kind, keys, issues) == 0)))
		return;
	ids = xreallocarray(NULL, index->nissues + 1, sizeof *ids);
	for (i = 0; i < index->nissues; i++)
		ids[i] = index->issues[i].id;
	index_han_gather_rows(index->db, kind, ids, index->nissues, keys, issues);
	free(ids);
}

/* Reads the characters and pairs of the index's issues into han. */
static void
index_han_load(IndexHan *han, Index *index)
{
	HanKeys keys = { NULL, 0, 0 };
	size_t i;

	free(han->keys);
	free(han->key_issues);
	free(han->chars);
	free(han->triples);
	free(han->triple_issues);
	free(han->ids);
	memset(&han->keys, 0, offsetof(IndexHan, conv) - offsetof(IndexHan, keys));
	han->loaded = 1;
	han->ids = xreallocarray(NULL, index->nissues + 1, sizeof *han->ids);
	for (i = 0; i < index->nissues; i++)
		han->ids[han->nids++] = index->issues[i].id;
	index_han_read(index, INDEX_HAN_PAIRS, &keys, &han->key_issues);
	han->keys = keys.items;
	han->nkeys = keys.count;
	han->chars = xreallocarray(NULL, keys.count + 1, sizeof *han->chars);
	for (i = 0; i < keys.count; i++)
		if (INDEX_HAN_SECOND(keys.items[i]) == 0)
			han->chars[han->nchars++] = (uint32_t)(keys.items[i] >> 21);
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

/* Returns the pairs character c starts; see index_han.h. */
const uint64_t *
index_han_pairs_after(const IndexHan *han, uint32_t c, size_t *n)
{
	return index_han_range(han->keys, han->nkeys, INDEX_HAN_KEY(c, 1), INDEX_HAN_KEY(c + 1, 0),
	    n);
}

/* Returns the triples the pair a, b starts; see index_han.h. */
const uint64_t *
index_han_triples_after(IndexHan *han, uint32_t a, uint32_t b, size_t *n)
{
	if (!han->triples_loaded) {
		HanKeys keys = { NULL, 0, 0 };

		index_han_read(han->index, INDEX_HAN_TRIPLES, &keys, &han->triple_issues);
		han->triples = keys.items;
		han->ntriples = keys.count;
		han->triples_loaded = 1;
	}
	return index_han_range(han->triples, han->ntriples, INDEX_HAN_KEY(a, b) << 21,
	    INDEX_HAN_KEY(a, b + 1) << 21, n);
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
	free(han->keys);
	free(han->key_issues);
	free(han->chars);
	free(han->triples);
	free(han->triple_issues);
	free(han->ids);
	hanconv_free(han->conv);
	free(han);
}
