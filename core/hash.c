/* A 64-bit hash of bytes: the key of the index cache.
 *
 * FNV-1a is a dozen lines, public domain, and good enough here: the hash
 * only tells a cached index from a stale one (the cache also checks the
 * text's length), it never has to resist an attacker, and a collision
 * would cost at worst a wrong cache hit for a text the user edited into
 * exactly the same hash. Linking a crypto library for that would add a
 * dependency and startup time for nothing. */
#include "config.h"

#include "hash.h"

#define FNV_OFFSET_BASIS	UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME		UINT64_C(0x100000001b3)

/* Returns the 64-bit FNV-1a hash of len bytes. */
uint64_t
hash_bytes(const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t hash = FNV_OFFSET_BASIS;

	while (p < end) {
		hash ^= *p++;
		hash *= FNV_PRIME;
	}
	return hash;
}
