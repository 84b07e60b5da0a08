/* Where a query's hits are in a text. FTS5 says at which token positions
 * the phrases were found; tokenizing the one stored block again (the same
 * tokenizer, so the same positions) gives each position's byte range. */
#include "config.h"

#include <stdlib.h>

#include "hits.h"
#include "tokenize.h"
#include "xalloc.h"

/* The byte ranges of a text's positions. */
typedef struct HitsPositions {
	Span	*ranges;
	size_t		 count;
	size_t		 size;
	size_t		 needed;	/* positions past the last hit: stop there */
} HitsPositions;

/* Records the byte range of a position's first token (a TokenHandler). */
static int
hits_note_position(void *data, const Token *token)
{
	HitsPositions *p = data;

	if (token->colocated)
		return 0;
	if (p->count == p->size) {
		p->size = p->size ? p->size * 2 : 64;
		p->ranges = xreallocarray(p->ranges, p->size, sizeof *p->ranges);
	}
	p->ranges[p->count].start = token->start;
	p->ranges[p->count].length = token->end - token->start;
	p->count++;
	return p->count >= p->needed;
}

/* Returns the positions a hit covers: its phrase's, at least one. */
static size_t
hits_covered(const FtsHit *hit, const Query *query)
{
	if (hit->phrase >= 0 && (size_t)hit->phrase < query->nphrases &&
	    query->phrases[hit->phrase].positions > 0)
		return query->phrases[hit->phrase].positions;
	return 1;
}

/* Returns the byte ranges of the hits in the text; see hits.h. */
size_t
hits_in_text(const char *text, size_t len, size_t first, const FtsHit *hits, size_t nhits,
    int column, const Query *query, Span **spans)
{
	HitsPositions positions = { NULL, 0, 0, 0 };
	Span *out = NULL;
	size_t i, j, count = 0;

	*spans = NULL;
	for (i = 0; i < nhits; i++)
		if (hits[i].column == column && hits[i].position >= 0 &&
		    (size_t)hits[i].position >= first)
			break;
	if (i == nhits)
		return 0;
	/* Tokenize no further than the last hit needs. */
	for (j = i; j < nhits; j++) {
		size_t end;

		if (hits[j].column != column || hits[j].position < 0 ||
		    (size_t)hits[j].position < first)
			continue;
		end = (size_t)hits[j].position - first + hits_covered(&hits[j], query);
		if (end > positions.needed)
			positions.needed = end;
	}
	tokenize(text, len, 0, hits_note_position, &positions);
	for (; i < nhits; i++) {
		const FtsHit *hit = &hits[i];
		size_t at, last, end;

		if (hit->column != column || hit->position < 0 || (size_t)hit->position < first)
			continue;
		at = (size_t)hit->position - first;
		if (at >= positions.count)
			break;
		last = at + hits_covered(hit, query) - 1;
		if (last >= positions.count)
			last = positions.count - 1;
		end = positions.ranges[last].start + positions.ranges[last].length;
		if (count > 0 && positions.ranges[at].start < out[count - 1].start +
		    out[count - 1].length) {
			/* Overlaps the span before: merge. */
			if (end > out[count - 1].start + out[count - 1].length)
				out[count - 1].length = end - out[count - 1].start;
			continue;
		}
		out = xreallocarray(out, count + 1, sizeof *out);
		out[count].start = positions.ranges[at].start;
		out[count].length = end - out[count].start;
		count++;
	}
	free(positions.ranges);
	*spans = out;
	return count;
}
