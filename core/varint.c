/* LEB128 numbers; see varint.h. */
#include "config.h"

#include "varint.h"

/* Appends v to blob as LEB128. */
void
varint_put(Buffer *blob, uint64_t v)
{
	unsigned char byte;

	do {
		byte = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			byte |= 0x80;
		buffer_append(blob, (const char *)&byte, 1);
	} while (v != 0);
}

/* Reads a LEB128 number at *p (before end) into *v and moves *p past it. */
void
varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		*v |= (uint64_t)(**p & 0x7f) << shift;
		shift += 7;
		if (!(*(*p)++ & 0x80))
			break;
	}
}
