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
index_poslist_match(const uint64_t *const *lists, const size_t *lengths, const size_t *offsets,
    size_t n, int count[2])
{
	size_t next[INDEX_POSLIST_MAX_TOKENS] = { 0 }, i, k, total = 0;

	if (n == 0 || n > INDEX_POSLIST_MAX_TOKENS)
		return 0;
	for (i = 0; i < lengths[0]; i++) {
		uint64_t p = lists[0][i];

		for (k = 1; k < n; k++) {
			/* Token k at p + its offset, in p's column (offsets stay
			 * far below 2^32). */
			uint64_t want = p + offsets[k];

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

/* A list of bytes being read position by position. */
typedef struct PoslistCursor {
	const unsigned char	*p;
	const unsigned char	*end;
	uint64_t		 at;	/* the position read last */
} PoslistCursor;

/* Reads the cursor's next position, of more than one byte or in a new
 * column, into c->at; returns 0, 1 at the end of the list, -1 when it is
 * not a list. */
static int
index_poslist_next_long(PoslistCursor *c)
{
	uint32_t v, column;

	if (c->p >= c->end)
		return 1;
	if (index_poslist_varint(&c->p, c->end, &v) != 0)
		return -1;
	if (v == 1) {
		if (index_poslist_varint(&c->p, c->end, &column) != 0 ||
		    index_poslist_varint(&c->p, c->end, &v) != 0)
			return -1;
		c->at = INDEX_POSLIST_AT(column, 0);
	}
	c->at += v - 2;
	return 0;
}

/* Reads the cursor's next position into c->at; returns as
 * index_poslist_next_long(). Most offsets are of one byte: read here. */
static inline int
index_poslist_next(PoslistCursor *c)
{
	if (c->p < c->end && *c->p < 0x80 && *c->p != 0x01) {
		c->at += (uint64_t)*c->p++ - 2;
		return 0;
	}
	return index_poslist_next_long(c);
}

/* Reads cursor c up to the first position at or past want; returns 0, 1
 * when the list ends before, -1 when it is not a list. */
static inline int
index_poslist_reach(PoslistCursor *c, uint64_t want)
{
	while (c->at < want) {
		const unsigned char *p = c->p, *end = c->end;
		uint64_t at = c->at;
		int rc;

		/* One-byte offsets in a tight loop, in registers. */
		while (at < want && p < end && *p < 0x80 && *p != 0x01)
			at += (uint64_t)*p++ - 2;
		c->p = p;
		c->at = at;
		if (at >= want)
			break;
		if ((rc = index_poslist_next_long(c)) != 0)
			return rc;
	}
	return 0;
}

/* Counts where n lists of bytes hold a phrase's tokens in turn, as
 * index_poslist_match_bytes(); with stop, up to the first place only. */
static int
index_poslist_walk(const Poslist *lists, const size_t *offsets, size_t n, int count[2],
    PoslistStarts *starts, int stop)
{
	PoslistCursor cursors[INDEX_POSLIST_MAX_TOKENS];
	size_t order[INDEX_POSLIST_MAX_TOKENS], k, j, shortest;
	int rc;

	if (n == 0 || n > INDEX_POSLIST_MAX_TOKENS)
		return 0;
	/* The lists by length, shortest first (an insertion sort of a few). */
	for (k = 0; k < n; k++) {
		cursors[k].p = lists[k].a;
		cursors[k].end = lists[k].b;
		cursors[k].at = INDEX_POSLIST_AT(lists[k].column, lists[k].offset);
		for (j = k; j > 0 && lists[order[j - 1]].b - lists[order[j - 1]].a >
		    lists[k].b - lists[k].a; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	shortest = order[0];
	/* Each phrase start the shortest list gives, the others read up to
	 * it, the shorter first: a common token's long list is read only as
	 * far as a start the rarer ones agree on, once, without a store. */
	for (rc = 0; rc == 0; rc = index_poslist_next(&cursors[shortest])) {
		uint64_t start = cursors[shortest].at - offsets[shortest];
		int column;

		if ((uint32_t)cursors[shortest].at < offsets[shortest])
			continue;	/* the phrase would start before its column */
		for (j = 1; j < n; j++) {
			int more;

			k = order[j];
			more = index_poslist_reach(&cursors[k], start + offsets[k]);
			if (more < 0)
				return -1;
			if (more > 0)
				return 0;	/* list k ends before: no more */
			if (cursors[k].at != start + offsets[k])
				break;
		}
		if (j < n)
			continue;
		column = INDEX_POSLIST_COLUMN(start);
		if (column == 0 || column == 1)
			count[column]++;
		if (starts != NULL) {
			starts->at = xgrow(starts->at, &starts->size, starts->count,
			    sizeof *starts->at);
			starts->at[starts->count++] = start;
		}
		if (stop)
			return 0;
	}
	return rc < 0 ? -1 : 0;
}

/* Counts where n lists of bytes hold a phrase's tokens in turn; see
 * index_poslist.h. */
int
index_poslist_match_bytes(const Poslist *lists, const size_t *offsets, size_t n, int count[2],
    PoslistStarts *starts)
{
	return index_poslist_walk(lists, offsets, n, count, starts, 0);
}

/* Tells whether n lists of bytes hold a phrase's tokens in turn; see
 * index_poslist.h. */
int
index_poslist_holds(const Poslist *lists, const size_t *offsets, size_t n, int *holds)
{
	int count[2] = { 0, 0 }, rc = index_poslist_walk(lists, offsets, n, count, NULL, 1);

	*holds = count[0] + count[1] > 0;
	return rc;
}
