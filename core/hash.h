/* A 64-bit hash of bytes: the key of the index cache. */
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

#endif
