/* FTS5 position lists read from their bytes (index_poslist.h). The format
 * is FTS5's own, on disk and in what xPhraseFirst() hands back: a list of
 * SQLite varints, a value v >= 2 an offset v - 2 past the one before, the
 * value 1 followed by the varint of a new column whose offsets start
 * again from 0. index_rank.c checks each query's first list against
 * xPhraseNext() before trusting these. */
#include "config.h"

#include <stdlib.h>

#include "index_poslist.h"
#include "xalloc.h"

/* Reads the varint at *p (before end) into *value, as FTS5's
 * fts5GetVarint32 does for the values of a position list; returns 0, or
 * -1 when it runs past end. */
static int
index_poslist_varint(const unsigned char **p, const unsigned char *end, uint32_t *value)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 5 && *p < end; i++) {
		unsigned char c = *(*p)++;

		v = v << 7 | (c & 0x7f);
		if ((c & 0x80) == 0) {
			*value = v;
			return 0;
		}
	}
	return -1;
}

/* Counts a list's positions per FTS5 column; see index_poslist.h. A
 * position is a varint, whose last byte is the one below 0x80: those are
 * counted, in a loop of a few instructions a byte. */
int
index_poslist_count(const Poslist *list, int count[2])
{
	const unsigned char *p = list->a, *end = list->b;
	int column = list->column, n = 1, start = 1;

	while (p < end) {
		unsigned char c = *p++;

		if (start && c == 0x01) {
			uint32_t v;

			/* A new column: the positions so far were the last one's. */
			if (index_poslist_varint(&p, end, &v) != 0 || p >= end)
				return -1;
			if (column == 0 || column == 1)
				count[column] += n;
			column = (int)v;
			n = 0;
			continue;
		}
		start = c < 0x80;
		n += start;
	}
	if (!start)
		return -1;	/* the last varint runs past the end */
	if (column == 0 || column == 1)
		count[column] += n;
	return 0;
}

/* Lists a list's positions; see index_poslist.h. */
int
index_poslist_read(const Poslist *list, uint64_t **at, size_t *n, size_t *size)
{
	const unsigned char *p = list->a, *end = list->b;
	uint32_t column = (uint32_t)list->column, offset = (uint32_t)list->offset, v;

	*at = xgrow(*at, size, *n, sizeof **at);
	(*at)[(*n)++] = INDEX_POSLIST_AT(column, offset);
	while (p < end) {
		if (index_poslist_varint(&p, end, &v) != 0)
			return -1;
		if (v == 1) {
			if (index_poslist_varint(&p, end, &column) != 0 ||
			    index_poslist_varint(&p, end, &v) != 0)
				return -1;
			offset = 0;
		}
		offset += v - 2;
		*at = xgrow(*at, size, *n, sizeof **at);
		(*at)[(*n)++] = INDEX_POSLIST_AT(column, offset);
	}
	return 0;
}

/* Counts where n lists hold a phrase's tokens in turn; see
 * index_poslist.h. */
size_t
index_poslist_match(const uint64_t *const *lists, const size_t *lengths, size_t n,
    int count[2])
{
	size_t next[16] = { 0 }, i, k, total = 0;

	if (n == 0 || n > sizeof next / sizeof next[0])
		return 0;
	for (i = 0; i < lengths[0]; i++) {
		uint64_t p = lists[0][i];

		for (k = 1; k < n; k++) {
			/* Token k at p + k, in p's column (offsets stay below 2^32). */
			uint64_t want = p + k;

			while (next[k] < lengths[k] && lists[k][next[k]] < want)
				next[k]++;
			if (next[k] == lengths[k])
				return total;
			if (lists[k][next[k]] != want)
				break;
		}
		if (k == n) {
			int column = INDEX_POSLIST_COLUMN(p);

			if (column == 0 || column == 1)
				count[column]++;
			total++;
		}
	}
	return total;
}
