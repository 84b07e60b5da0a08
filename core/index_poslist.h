/* FTS5 position lists read from their bytes: what xPhraseNext() walks one
 * call a position, counted or listed in a loop of our own (index_rank.c
 * counts a common word's hundreds of positions in a row this way), and
 * phrases matched from their tokens' lists. */
#ifndef SHUZHI_INDEX_POSLIST_H
#define SHUZHI_INDEX_POSLIST_H

#include <stddef.h>
#include <stdint.h>

/* A position as a number that sorts as FTS5 lists them: the FTS5 column
 * in the high half, the token offset in the low. */
#define INDEX_POSLIST_AT(column, offset) \
	((uint64_t)(uint32_t)(column) << 32 | (uint32_t)(offset))
#define INDEX_POSLIST_COLUMN(at) ((int)((at) >> 32))

/* The rest of a position list after its first position (column, offset),
 * as xPhraseFirst() leaves it: bytes a..b-1 of FTS5 varints, each an
 * offset's distance from the one before plus 2, or 1 followed by a new
 * column (then an offset from 0). */
typedef struct Poslist {
	const unsigned char	*a;
	const unsigned char	*b;
	int			 column;
	int			 offset;
} Poslist;

/* Adds the list's positions (its first one too) to count[column] for FTS5
 * columns 0 and 1 (others are not counted). Returns 0, or -1 when the
 * bytes are not a position list (a varint runs past the end). */
int index_poslist_count(const Poslist *list, int count[2]);

/* Appends the list's positions (INDEX_POSLIST_AT) to the array *at of *n
 * used and *size allocated (grown as index_rank.c's arrays are; the
 * caller frees it). Returns 0, or -1 as index_poslist_count(). */
int index_poslist_read(const Poslist *list, uint64_t **at, size_t *n, size_t *size);

/* The most lists index_poslist_match() matches. */
#define INDEX_POSLIST_MAX_TOKENS 16

/* Counts, per FTS5 column 0 and 1 into count[], the positions p at which
 * each of n lists holds a token at p + offsets[k] (list k, sorted
 * positions, of length lengths[k]; offsets[0] 0, the others rising):
 * where the phrase of those tokens occurs, as FTS5 matches a phrase.
 * Returns the total (0 when n is 0 or above INDEX_POSLIST_MAX_TOKENS). */
size_t index_poslist_match(const uint64_t *const *lists, const size_t *lengths,
    const size_t *offsets, size_t n, int count[2]);

/* Phrase starts (INDEX_POSLIST_AT), as index_poslist_match_bytes()
 * lists them: at[0..count-1] of size allocated (the owner frees at). */
typedef struct PoslistStarts {
	uint64_t	*at;
	size_t		 count;
	size_t		 size;
} PoslistStarts;

/* The same, of n lists of bytes (none empty): the shortest is read
 * position by position, the others along it, as far as it goes; each
 * phrase start is appended to starts too, unless it is NULL. Returns 0,
 * or -1 as index_poslist_count(). */
int index_poslist_match_bytes(const Poslist *lists, const size_t *offsets, size_t n,
    int count[2], PoslistStarts *starts);

/* Sets *holds to non-zero when n lists of bytes hold the phrase, in FTS5
 * column 0 or 1 (index_poslist_match_bytes() stopped at its first place).
 * Returns 0, or -1 as index_poslist_count(). */
int index_poslist_holds(const Poslist *lists, const size_t *offsets, size_t n, int *holds);

#endif
