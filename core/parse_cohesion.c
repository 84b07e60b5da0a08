/* Which words a line shares with another: a paragraph cut by a page break
 * goes on in the words it started with (see README, "Reading order").
 * Words are taken as pairs of Han characters side by side, the unit the
 * issue's own counts use (parse_joins.c); no dictionary needed. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <unictype.h>
#include <unistr.h>

#include "parse.h"
#include "xalloc.h"

/* Returns the slot of pairs->keys where key is, or the free slot where
 * it goes. */
static size_t
parse_pairs_slot(const ParsePairs *pairs, uint64_t key)
{
	size_t mask = pairs->size - 1, slot = (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 20) & mask;

	while (pairs->keys[slot] != 0 && pairs->keys[slot] != key)
		slot = (slot + 1) & mask;
	return slot;
}

/* Adds key to *pairs; returns non-zero when it was not there yet. */
static int
parse_pairs_add(ParsePairs *pairs, uint64_t key)
{
	size_t slot, k, old_size = pairs->size;
	uint64_t *old = pairs->keys;

	if (2 * (pairs->count + 1) > pairs->size) {
		pairs->size = pairs->size == 0 ? 64 : pairs->size * 2;
		pairs->keys = xcalloc(pairs->size, sizeof *pairs->keys);
		for (k = 0; k < old_size; k++)
			if (old[k] != 0)
				pairs->keys[parse_pairs_slot(pairs, old[k])] = old[k];
		free(old);
	}
	slot = parse_pairs_slot(pairs, key);
	if (pairs->keys[slot] != 0)
		return 0;
	pairs->keys[slot] = key;
	pairs->count++;
	return 1;
}

/* Returns non-zero when *pairs holds key. */
static int
parse_pairs_hold(const ParsePairs *pairs, uint64_t key)
{
	return pairs->count > 0 && pairs->keys[parse_pairs_slot(pairs, key)] == key;
}

/* Collects the distinct pairs of Han characters side by side among the
 * first max_chars characters of line into *pairs (freed with
 * parse_pairs_free()); with shared, counts into *shared those that
 * another line's pairs, *shared_with, hold. */
static void
parse_pairs_read(const Line *line, size_t max_chars, ParsePairs *pairs, const ParsePairs *shared_with,
    size_t *shared)
{
	const uint8_t *s = (const uint8_t *)line->text, *end = s + line->length;
	ucs4_t uc, last = 0;
	size_t chars = 0;
	int n;

	pairs->keys = NULL;
	pairs->count = pairs->size = 0;
	for (; s < end && chars < max_chars; s += n, chars++) {
		n = u8_mbtouc(&uc, s, (size_t)(end - s));
		if (n <= 0)
			break;
		if (!uc_is_property_ideographic(uc)) {
			last = 0;
			continue;
		}
		if (last != 0) {
			uint64_t key = ((uint64_t)last << 21) | uc;

			if (parse_pairs_add(pairs, key) && shared_with != NULL && parse_pairs_hold(shared_with, key))
				(*shared)++;
		}
		last = uc;
	}
}

/* Collects the distinct pairs of Han characters side by side among the
 * first max_chars characters of line into *pairs; the caller frees them
 * with parse_pairs_free(). */
void
parse_pairs_collect(const Line *line, size_t max_chars, ParsePairs *pairs)
{
	parse_pairs_read(line, max_chars, pairs, NULL, NULL);
}

/* Frees what parse_pairs_collect() keeps. */
void
parse_pairs_free(ParsePairs *pairs)
{
	free(pairs->keys);
	pairs->keys = NULL;
	pairs->count = pairs->size = 0;
}

/* Counts the distinct Han pairs among the first max_chars characters of
 * line into *own, and returns how many of them *with holds. */
static size_t
parse_pairs_common(const ParsePairs *with, const Line *line, size_t max_chars, size_t *own)
{
	ParsePairs pairs;
	size_t shared = 0;

	parse_pairs_read(line, max_chars, &pairs, with, &shared);
	*own = pairs.count;
	parse_pairs_free(&pairs);
	return shared;
}

/* Returns the share (0 to 1) of the distinct Han pairs among the first
 * max_chars characters of line that *with holds: 0 when line has none. */
double
parse_pairs_shared(const ParsePairs *with, const Line *line, size_t max_chars)
{
	size_t own, shared = parse_pairs_common(with, line, max_chars, &own);

	return own == 0 ? 0 : (double)shared / (double)own;
}

/* Returns the share (0 to 1) of the pairs of *with that the first
 * max_chars characters of line hold: how much of a heading a paragraph
 * echoes. 0 when *with has none. */
double
parse_pairs_echoed(const ParsePairs *with, const Line *line, size_t max_chars)
{
	size_t own, shared = parse_pairs_common(with, line, max_chars, &own);

	return with->count == 0 ? 0 : (double)shared / (double)with->count;
}
