/* Sorted lists of Han keys (characters, pairs, triples: index_han.h's
 * INDEX_HAN_KEY and INDEX_HAN_TRIPLE), their LEB128 blobs, and the union
 * han_all keeps of every issue's lists with how many issues hold each key.
 * Shared by the vocabulary's reader (index_han.c) and its writer
 * (index_han_update.c); inside the index only. */
#ifndef SHUZHI_INDEX_HAN_KEYS_H
#define SHUZHI_INDEX_HAN_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "buffer.h"

/* Keys being gathered or read. */
typedef struct HanKeys {
	uint64_t	*items;
	size_t		 count;
	size_t		 size;
} HanKeys;

/* The kinds of han_all's rows. */
enum { INDEX_HAN_PAIRS, INDEX_HAN_TRIPLES };

/* How a pair's count travels with its key while lists are merged: in the
 * low bits of the key shifted up (a pair key has 42 bits), so that one
 * radix sort orders both. */
#define INDEX_HAN_COUNT_BITS 20
#define INDEX_HAN_COUNT_MAX ((UINT64_C(1) << INDEX_HAN_COUNT_BITS) - 1)

/* Appends a key. */
void index_han_keys_add(HanKeys *keys, uint64_t key);

/* Sorts n keys (a radix sort). */
void index_han_keys_radix(uint64_t *keys, size_t n);

/* Sorts keys and drops repeats; returns the new count. */
size_t index_han_keys_sort(uint64_t *keys, size_t n);

/* Drops the repeats of sorted keys[0, n) and returns how many are left;
 * *times (the caller frees) says how often each was there, at most
 * UINT16_MAX. */
size_t index_han_keys_count(uint64_t *keys, size_t n, uint16_t **times);

/* Encodes sorted, unique keys as LEB128 deltas into blob. */
void index_han_keys_encode(const HanKeys *keys, Buffer *blob);

/* Appends n counts to blob as LEB128: small's, or large's when small is
 * NULL. */
void index_han_keys_encode_counts(const uint16_t *small, const uint32_t *large, size_t n,
    Buffer *blob);

/* Appends the keys of a blob to keys. */
void index_han_keys_decode(HanKeys *keys, const unsigned char *p, size_t len);

/* Appends the pairs of a blob to keys, each shifted up with its count
 * from the parallel blob counts in the low bits (INDEX_HAN_COUNT_BITS). */
void index_han_keys_decode_counted(HanKeys *keys, const unsigned char *p, size_t len,
    const unsigned char *counts, size_t counts_len);

/* Sorts and counts a batch of lists (each list's keys unique; pairs
 * carry their counts when occurrences is not NULL) and adds them to the
 * union keys, with how many lists hold each key in *issues and how often
 * it occurs in *occurrences; or, when sign is negative, takes them out
 * of it, dropping a key no list holds any more. Empties the batch. */
void index_han_keys_merge_batch(HanKeys *batch, HanKeys *keys, uint16_t **issues,
    uint32_t **occurrences, int sign);

/* Reads han_all's union of kind into keys (emptied first), with *issues
 * and, when occurrences is not NULL, *occurrences, which must be NULL or
 * the caller's to free (the caller frees them, and keys->items): returns
 * 0, or -1 with all three empty (not NULL) when there is none or it does
 * not add up. */
int index_han_keys_read_union(sqlite3 *db, int kind, HanKeys *keys, uint16_t **issues,
    uint32_t **occurrences);

#endif
