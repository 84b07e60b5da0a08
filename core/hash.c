/* A 64-bit hash of bytes: the key of the index cache.
 *
 * FNV-1a on 64-bit words, in four lanes: a few lines, no dependency. The
 * hash only tells a cached index from a stale one (the cache also checks
 * the text's length); it never has to resist an attacker, so a crypto
 * library would add a dependency and startup time for nothing. A warm
 * search hashes the whole text: the classic loop, one multiplication per
 * byte in a single chain, cost half a millisecond on the bundled issue, a
 * fifth of the whole search; words in four independent chains take a
 * twentieth of that. Each step is a bijection of its lane, and so is each
 * step of folding the lanes together, so a change within any one word
 * always changes the hash; the final mix spreads the high bits, which
 * multiplications only carry upwards, over all 64. */
#include "config.h"

#include <string.h>

#include "hash.h"

#define FNV_OFFSET_BASIS	UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME		UINT64_C(0x100000001b3)
#define HASH_BLOCK		32	/* four lanes of eight bytes */

/* Starts a hash. */
void
hash_start(HashState *state)
{
	size_t i;

	for (i = 0; i < 4; i++)
		state->lanes[i] = FNV_OFFSET_BASIS + i;
	state->length = 0;
}

/* Adds len bytes; every piece but the last is a multiple of 32 bytes. */
void
hash_add(HashState *state, const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t a = state->lanes[0], b = state->lanes[1], c = state->lanes[2];
	uint64_t d = state->lanes[3], word[4];

	while (end - p >= HASH_BLOCK) {
		memcpy(word, p, sizeof word);
		a = (a ^ word[0]) * FNV_PRIME;
		b = (b ^ word[1]) * FNV_PRIME;
		c = (c ^ word[2]) * FNV_PRIME;
		d = (d ^ word[3]) * FNV_PRIME;
		p += HASH_BLOCK;
	}
	while (p < end)
		a = (a ^ *p++) * FNV_PRIME;
	state->lanes[0] = a;
	state->lanes[1] = b;
	state->lanes[2] = c;
	state->lanes[3] = d;
	state->length += len;
}

/* Returns the hash of everything added: the lanes and the length folded
 * together, then the high bits spread over all 64. */
uint64_t
hash_finish(const HashState *state)
{
	uint64_t hash = state->lanes[0];
	size_t i;

	for (i = 1; i < 4; i++)
		hash = (hash ^ state->lanes[i]) * FNV_PRIME;
	hash = (hash ^ state->length) * FNV_PRIME;
	hash ^= hash >> 29;
	hash *= UINT64_C(0xbf58476d1ce4e5b9);
	hash ^= hash >> 32;
	return hash;
}

/* Returns the 64-bit hash of len bytes. */
uint64_t
hash_bytes(const void *data, size_t len)
{
	HashState state;

	hash_start(&state);
	hash_add(&state, data, len);
	return hash_finish(&state);
}

/* Returns the FNV-1a 64-bit hash of s, a byte at a time. */
uint64_t
hash_string(const char *s)
{
	uint64_t hash = FNV_OFFSET_BASIS;

	for (; *s != '\0'; s++)
		hash = (hash ^ (unsigned char)*s) * FNV_PRIME;
	return hash;
}
