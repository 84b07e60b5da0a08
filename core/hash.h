/* 64-bit hashes: of bytes, the key of the index cache; of a string, the
 * name of a place file. */
#ifndef SHUZHI_HASH_H
#define SHUZHI_HASH_H

#include <stddef.h>
#include <stdint.h>

/* A hash being computed over data given in pieces. */
typedef struct HashState {
	uint64_t	lanes[4];
	uint64_t	length;
} HashState;

/* Starts a hash. */
void hash_start(HashState *state);

/* Adds len bytes to the hash. Every piece but the last must be a
 * multiple of 32 bytes long. */
void hash_add(HashState *state, const void *data, size_t len);

/* Returns the hash of everything added. */
uint64_t hash_finish(const HashState *state);

/* Returns the 64-bit hash of len bytes (FNV-1a on four lanes of words). */
uint64_t hash_bytes(const void *data, size_t len);

/* Returns the plain FNV-1a 64-bit hash of the string s: the hash in the
 * names of the files that keep the reader's place (state.c), which must
 * not change while those files exist. */
uint64_t hash_string(const char *s);

#endif
