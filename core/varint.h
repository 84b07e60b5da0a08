/* Numbers of a few bytes: LEB128, seven bits a byte, low first, the high
 * bit set on all but the last. The index's blobs are made of them. */
#ifndef SHUZHI_VARINT_H
#define SHUZHI_VARINT_H

#include <stdint.h>

#include "buffer.h"

/* Appends v to blob. */
void varint_put(Buffer *blob, uint64_t v);

/* Reads a number at *p (before end) into *v and moves *p past it; a
 * number cut short by end is read as far as it goes. */
void varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v);

/* varint_get(), with a number of one byte (most counts and gaps) read
 * inline: for loops over long lists of small numbers. */
static inline void
varint_next(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	if (*p < end && **p < 0x80)
		*v = *(*p)++;
	else
		varint_get(p, end, v);
}

#endif
