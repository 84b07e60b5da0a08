/* Text printed twice, once the boxes are in reading order: which of the
 * two is read. parse_mark_duplicates() keeps the one the extraction
 * printed first; the reading order may bring the other one before it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse_order_internal.h"
#include "xalloc.h"

/* Lines moved to the box they were printed in, at most, in one issue. */
#define REPEAT_MOVES_MAX 64

/* Orders lines by their text, then by where they now stand. */
static int
parse_compare_placed_lines(const void *a, const void *b)
{
	const Line *la = *(const Line *const *)a;
	const Line *lb = *(const Line *const *)b;
	int cmp = strcmp(la->text, lb->text);

	if (cmp != 0)
		return cmp;
	return la < lb ? -1 : la > lb;
}

/* Returns where line i is read from: the text line the extraction
 * printed right before it in its box (no blank line between), if that
 * one now stands before it on its page; else i itself. */
static size_t
parse_read_from(const Parse *p, size_t i)
{
	size_t k;

	for (k = i; k > p->body_start && p->lines[k - 1].page == p->lines[i].page; k--)
		if (p->lines[k - 1].number == p->lines[i].number - 1)
			return p->lines[k - 1].role == ROLE_TEXT ? k - 1 : i;
	return i;
}

/* Moves line from to stand right after line after (after < from). */
static void
parse_move_line_up(Parse *p, size_t from, size_t after)
{
	Line moved = p->lines[from];

	memmove(&p->lines[after + 2], &p->lines[after + 1], (from - after - 1) * sizeof *p->lines);
	moved.page = p->lines[after].page;
	p->lines[after + 1] = moved;
}

/* Reads, of each long line printed twice in an article, the copy whose
 * box the reading order reads first. The extraction may print a
 * paragraph again a few boxes later, and then print the continuation of
 * a page break after that repeat, with the paragraph below it in the
 * same box: once the continuation is read at the break, the paragraph
 * below it comes before the repeat. Returns non-zero when it moved a
 * line to stand below the line it was printed under (the lines sorted
 * no longer hold then: call again); 0 when done. */
static int
parse_read_repeats_once(Parse *p)
{
	Line **order = xreallocarray(NULL, p->body_end - p->body_start + 1, sizeof *order);
	size_t n = 0, i, g, end;
	int moved = 0;

	for (i = p->body_start; i < p->body_end; i++)
		if ((p->lines[i].role == ROLE_TEXT || p->lines[i].role == ROLE_DUPLICATE)
		    && parse_line_chars(&p->lines[i]) >= DUPLICATE_MIN_CHARS)
			order[n++] = &p->lines[i];
	qsort(order, n, sizeof *order, parse_compare_placed_lines);
	for (g = 0; g < n && !moved; g = end) {
		size_t kept, repeat, mate;

		for (end = g + 1; end < n && strcmp(order[end]->text, order[g]->text) == 0; end++)
			;
		/* Printed twice: one kept, the other dropped as its repeat. */
		if (end - g != 2 || order[g]->role == order[g + 1]->role)
			continue;
		kept = (size_t)(order[order[g]->role == ROLE_TEXT ? g : g + 1] - p->lines);
		repeat = (size_t)(order[order[g]->role == ROLE_TEXT ? g + 1 : g] - p->lines);
		/* The repeat is read first where the box it stands in is
		 * read before the kept one's, in the same article. */
		mate = parse_read_from(p, repeat);
		if (mate == repeat || mate >= parse_read_from(p, kept)
		    || parse_marks_article(p, mate + 1, (kept > repeat ? kept : repeat) + 1))
			continue;
		p->lines[kept].role = ROLE_DUPLICATE;
		p->lines[repeat].role = ROLE_TEXT;
		if (repeat != mate + 1) {
			parse_move_line_up(p, repeat, mate);
			moved = 1;
		}
	}
	free(order);
	return moved;
}

/* Reads each long line printed twice in an article where the reading
 * order puts the box that carries it; a line moved to its box at most
 * REPEAT_MOVES_MAX times (each move sorts the lines again). */
void
parse_read_repeats_in_order(Parse *p)
{
	int moves = 0;

	while (moves++ < REPEAT_MOVES_MAX && parse_read_repeats_once(p))
		;
}
