/* A 64-bit hash of bytes: the key of the index cache. */
#ifndef SHUZHI_HASH_H
#define SHUZHI_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Returns the 64-bit FNV-1a hash of len bytes. */
uint64_t hash_bytes(const void *data, size_t len);

#endif
