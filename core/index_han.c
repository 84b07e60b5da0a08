/* The Han vocabulary of the index, as pinyin and initials read it: every
 * character, every pair and every triple of adjacent characters the
 * issues' text holds, as sorted keys stored delta-encoded (LEB128) in the
 * blobs of han_all, the union of all issues (index_han_update.c writes
 * it), with how many issues hold each key.
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
 * The union also counts how often each character and pair occurs (a
 * LEB128 count per pair, in the order of the pairs): pinyin and initials
 * weigh the strings they find by them, to put the words of the language
 * before the runs across words' edges. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "buffer.h"
#include "index_han.h"
#include "index_han_keys.h"
#include "index_internal.h"
#include "pinyin.h"
#include "xalloc.h"

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

/* Returns the union of kind over the index's issues, sorted and unique,
 * in keys, in *issues (the caller frees) how many issues hold each and,
 * when occurrences is not NULL, in *occurrences how often each occurs.
 * Empty when the index has none (an update writes it). */
static void
index_han_read(Index *index, int kind, HanKeys *keys, uint16_t **issues, uint32_t **occurrences)
{
	*issues = NULL;
	if (occurrences != NULL)
		*occurrences = NULL;
	index_han_keys_read_union(index->db, kind, keys, issues, occurrences);
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
