/* Sorted lists of Han keys, their blobs, and han_all's union of them; see
 * index_han_keys.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "buffer.h"
#include "index_han_keys.h"
#include "varint.h"
#include "xalloc.h"

/* Appends a key. */
void
index_han_keys_add(HanKeys *keys, uint64_t key)
{
	if (keys->count == keys->size) {
		keys->size = keys->size ? 2 * keys->size : 4096;
		keys->items = xreallocarray(keys->items, keys->size, sizeof *keys->items);
	}
	keys->items[keys->count++] = key;
}

/* Sorts n keys by a radix sort of their bytes, lowest first, skipping a
 * byte all keys share (the high bytes of pairs): a third of an issue's
 * index build went to qsort's comparisons of a few hundred thousand keys. */
void
index_han_keys_radix(uint64_t *keys, size_t n)
{
	uint64_t *from = keys, *to, *swap;
	size_t count[256], i, shift;

	if (n < 2)
		return;
	to = xreallocarray(NULL, n, sizeof *keys);
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
size_t
index_han_keys_sort(uint64_t *keys, size_t n)
{
	size_t i, kept = 0;

	index_han_keys_radix(keys, n);
	for (i = 0; i < n; i++)
		if (kept == 0 || keys[kept - 1] != keys[i])
			keys[kept++] = keys[i];
	return kept;
}

/* Drops the repeats of sorted keys and counts them; see index_han_keys.h. */
size_t
index_han_keys_count(uint64_t *keys, size_t n, uint16_t **times)
{
	size_t i, kept = 0;

	*times = xreallocarray(NULL, n + 1, sizeof **times);
	for (i = 0; i < n; i++) {
		if (kept > 0 && keys[kept - 1] == keys[i]) {
			if ((*times)[kept - 1] < UINT16_MAX)
				(*times)[kept - 1]++;
			continue;
		}
		keys[kept] = keys[i];
		(*times)[kept++] = 1;
	}
	return kept;
}

/* Appends n counts to blob as LEB128 (most are small). */
void
index_han_keys_encode_counts(const uint16_t *small, const uint32_t *large, size_t n, Buffer *blob)
{
	size_t i;

	buffer_append(blob, "", 0);
	for (i = 0; i < n; i++)
		varint_put(blob, small != NULL ? small[i] : large[i]);
}

/* Encodes keys, sorted and unique, as LEB128 deltas into blob. */
void
index_han_keys_encode(const HanKeys *keys, Buffer *blob)
{
	uint64_t last = 0;
	size_t i;

	buffer_append(blob, "", 0);
	for (i = 0; i < keys->count; i++) {
		varint_put(blob, keys->items[i] - last);
		last = keys->items[i];
	}
}

/* Appends the keys of one blob to keys. */
void
index_han_keys_decode(HanKeys *keys, const unsigned char *p, size_t len)
{
	const unsigned char *end = p + len;
	uint64_t key = 0, delta;

	while (p < end) {
		varint_get(&p, end, &delta);
		key += delta;
		index_han_keys_add(keys, key);
	}
}

/* Appends the pairs of one blob to keys with their counts; see
 * index_han_keys.h. */
void
index_han_keys_decode_counted(HanKeys *keys, const unsigned char *p, size_t len,
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
		index_han_keys_add(keys, key << INDEX_HAN_COUNT_BITS | count);
	}
}

/* Like index_han_keys_count() for sorted pairs that carry their counts
 * (index_han_keys_decode_counted()): leaves the bare keys, and sets
 * *occurrences (the caller frees) to the sum of each key's counts. */
static size_t
index_han_keys_count_packed(uint64_t *packed, size_t n, uint16_t **issues,
    uint32_t **occurrences)
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

/* Returns a + sign * b, within [0, max]. */
static uint32_t
index_han_keys_combine(uint32_t a, uint32_t b, int sign, uint32_t max)
{
	if (sign < 0)
		return b < a ? a - b : 0;
	return b < max - a ? a + b : max;
}

/* Merges a sorted, counted batch (its keys unique, with how many lists
 * hold each and, when occurrences is not NULL, how often each occurs)
 * into the union, adding its counts, or subtracting them when sign is
 * negative: a key whose count of lists falls to 0 is dropped, and a key
 * the union lacks is not taken out of it. */
static void
index_han_keys_union(HanKeys *keys, uint16_t **issues, uint32_t **occurrences,
    const HanKeys *batch, const uint16_t *batch_issues, const uint32_t *batch_occurrences,
    int sign)
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

		if (!from_union && sign < 0) {
			j++;	/* not in the union: nothing to take out */
			continue;
		}
		items[k] = from_union ? keys->items[i] : batch->items[j];
		held[k] = (uint16_t)index_han_keys_combine(from_union ? (*issues)[i] : 0,
		    from_batch ? batch_issues[j] : 0, sign, UINT16_MAX);
		if (sums != NULL)
			sums[k] = index_han_keys_combine(from_union ? (*occurrences)[i] : 0,
			    from_batch ? batch_occurrences[j] : 0, sign, UINT32_MAX);
		i += from_union;
		j += from_batch;
		if (held[k] > 0)
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

/* Adds a batch to the union, or takes it out; see index_han_keys.h. */
void
index_han_keys_merge_batch(HanKeys *batch, HanKeys *keys, uint16_t **issues,
    uint32_t **occurrences, int sign)
{
	uint16_t *batch_issues = NULL;
	uint32_t *batch_occurrences = NULL;

	index_han_keys_radix(batch->items, batch->count);
	if (occurrences != NULL)
		batch->count = index_han_keys_count_packed(batch->items, batch->count,
		    &batch_issues, &batch_occurrences);
	else
		batch->count = index_han_keys_count(batch->items, batch->count, &batch_issues);
	index_han_keys_union(keys, issues, occurrences, batch, batch_issues, batch_occurrences,
	    sign);
	free(batch_issues);
	free(batch_occurrences);
	batch->count = 0;
}

/* Reads n LEB128 counts from the blob of column column of stmt into
 * small (saturating) or, when small is NULL, large; returns 0, or -1 when
 * the blob holds another number of them. */
static int
index_han_keys_decode_counts(sqlite3_stmt *stmt, int column, size_t n, uint16_t *small,
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

/* Reads han_all's union of kind; see index_han_keys.h. */
int
index_han_keys_read_union(sqlite3 *db, int kind, HanKeys *keys, uint16_t **issues,
    uint32_t **occurrences)
{
	sqlite3_stmt *stmt = NULL;
	int rc = -1;

	keys->count = 0;
	if (sqlite3_prepare_v2(db, "SELECT keys, issues, occurrences FROM han_all WHERE kind = ?1",
	    -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_int(stmt, 1, kind);
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			size_t bytes = (size_t)sqlite3_column_bytes(stmt, 0);

			/* At least a byte a key: one allocation holds them all. */
			keys->size = keys->count + bytes + 1;
			keys->items = xreallocarray(keys->items, keys->size, sizeof *keys->items);
			index_han_keys_decode(keys, sqlite3_column_blob(stmt, 0), bytes);
			*issues = xreallocarray(NULL, keys->count + 1, sizeof **issues);
			rc = index_han_keys_decode_counts(stmt, 1, keys->count, *issues, NULL);
			if (occurrences != NULL) {
				*occurrences = xreallocarray(NULL, keys->count + 1,
				    sizeof **occurrences);
				if (rc == 0)
					rc = index_han_keys_decode_counts(stmt, 2, keys->count,
					    NULL, *occurrences);
			}
		}
	}
	sqlite3_finalize(stmt);
	if (rc != 0) {
		free(*issues);
		*issues = xcalloc(1, sizeof **issues);
		if (occurrences != NULL) {
			free(*occurrences);
			*occurrences = xcalloc(1, sizeof **occurrences);
		}
		keys->count = 0;
	}
	return rc;
}
