/* Printed page numbers, running heads and template junk: the furniture of
 * a page, found by repetition and position rather than by a list. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "xalloc.h"

/* Copies of template junk stand at least this many pages apart. */
#define MIN_JUNK_DISTANCE 4

/* A chain's score: each number in it counts PAGE_STEP, and each page
 * number missing from it (its line lost or damaged) costs PAGE_MISSING:
 * a gap joins two runs of pages, even a first page to the rest, but a
 * stray number far off the sequence scores less than the pages it skips. */
#define PAGE_STEP	2
#define PAGE_MISSING	2

/* Returns the number of decimal digits of a page number. */
static int
parse_digits(int value)
{
	int digits = 1;

	while (value >= 10) {
		value /= 10;
		digits++;
	}
	return digits;
}

/* A lone number that may close a page, and the chain it ends. */
typedef struct PageCandidate {
	size_t	line;
	int	value;
	int	leading_zero;
	size_t	chain;		/* length of the best chain ending here */
	long	score;		/* its score (see PAGE_STEP) */
	size_t	previous;	/* index of the candidate before it, or NO_LINE */
} PageCandidate;

/* Returns the score of chain j continued by candidate n, or LONG_MIN when
 * n cannot follow it: a lower number, or one printed in another style
 * ("02" then "3": a section's number beside a page's). */
static long
parse_chain_score(const PageCandidate *c, size_t j, size_t n)
{
	if (c[j].value >= c[n].value)
		return LONG_MIN;
	if (c[j].leading_zero != c[n].leading_zero &&
	    parse_digits(c[j].value) == parse_digits(c[n].value))
		return LONG_MIN;
	return c[j].score + PAGE_STEP - (long)PAGE_MISSING * (c[n].value - c[j].value - 1);
}

/* Finds printed page numbers: the best run of lone numbers counting up by
 * one in text order, bridging a missing number (the page before it is
 * then longer). Sets every line's page and the body's bounds. */
void
parse_find_pages(Parse *p)
{
	PageCandidate *c = xreallocarray(NULL, p->nlines + 1, sizeof *c);
	size_t n = 0, i, j, best = NO_LINE, start = 0;
	int leading_zero = 0;

	for (i = start; i < p->nlines; i++) {
		int value, zero;

		if (p->lines[i].role != ROLE_TEXT || !parse_line_number(&p->lines[i], &value, &zero))
			continue;
		c[n].line = i;
		c[n].value = value;
		c[n].leading_zero = zero;
		c[n].chain = 1;
		c[n].score = PAGE_STEP;
		c[n].previous = NO_LINE;
		/* The latest predecessor wins a tie: a number closing a page
		 * comes after a lone number printed at the page's top. */
		for (j = 0; j < n; j++) {
			long score = parse_chain_score(c, j, n);

			if (score != LONG_MIN && score >= c[n].score) {
				c[n].chain = c[j].chain + 1;
				c[n].score = score;
				c[n].previous = j;
			}
		}
		if (best == NO_LINE || c[n].score > c[best].score)
			best = n;
		n++;
	}
	p->body_start = start;
	p->body_end = p->nlines;
	p->first_page_end = NO_LINE;
	if (best == NO_LINE || c[best].chain < 3) {
		p->first_page = p->last_page = 0;
		free(c);
		return;
	}

	/* Walk the chain back, giving each line the page it closes. */
	p->last_page = c[best].value;
	for (j = best; j != NO_LINE; j = c[j].previous) {
		size_t from = c[j].previous != NO_LINE ? c[c[j].previous].line + 1 : start;

		for (i = from; i <= c[j].line; i++)
			p->lines[i].page = c[j].value;
		p->lines[c[j].line].role = ROLE_PAGE_NUMBER;
		p->first_page = c[j].value;
		p->first_page_end = c[j].line;
		leading_zero |= c[j].leading_zero;
	}

	/* After the last page number the last page goes on (its number may be
	 * printed above its end) until a lone number printed like a page
	 * number but out of sequence: the back cover's. */
	for (i = c[best].line + 1; i < p->nlines; i++) {
		int value, zero;

		if (p->lines[i].role == ROLE_TEXT && parse_line_number(&p->lines[i], &value, &zero)
		    && zero == leading_zero && value != p->last_page + 1) {
			p->body_end = i;
			break;
		}
		p->lines[i].page = p->last_page;
	}
	for (i = p->body_end; i < p->nlines; i++)
		if (p->lines[i].role != ROLE_BLANK)
			p->lines[i].role = ROLE_BACK;
	free(c);
}

/* Returns the nearest non-blank line before (step -1) or after (+1) i
 * inside the body, or NO_LINE. */
static size_t
parse_neighbour(const Parse *p, size_t i, int step)
{
	for (;;) {
		if (step < 0 && i == p->body_start)
			return NO_LINE;
		i += (size_t)(long)step;
		if (i >= p->body_end)
			return NO_LINE;
		if (p->lines[i].role != ROLE_BLANK)
			return i;
	}
}

/* Returns non-zero when line i has a neighbour that is furniture, or that
 * is a copy of itself (template junk is often printed twice in a row). */
static int
parse_next_to_furniture(const Parse *p, size_t i)
{
	int step;

	for (step = -1; step <= 1; step += 2) {
		size_t k = parse_neighbour(p, i, step);

		if (k == NO_LINE)
			continue;
		if (p->lines[k].role == ROLE_FURNITURE)
			return 1;
		if (strcmp(p->lines[k].text, p->lines[i].text) == 0)
			return 1;
	}
	return 0;
}

/* Returns non-zero when line i stands right before or after a printed
 * page number. */
static int
parse_next_to_page_number(const Parse *p, size_t i)
{
	size_t before = parse_neighbour(p, i, -1), after = parse_neighbour(p, i, 1);

	return (before != NO_LINE && p->lines[before].role == ROLE_PAGE_NUMBER) ||
	    (after != NO_LINE && p->lines[after].role == ROLE_PAGE_NUMBER);
}

/* Returns non-zero when text reads like (part of) a contents title. */
static int
parse_like_a_title(const Parse *p, const char *text)
{
	size_t k;

	for (k = 0; k < p->nentries; k++)
		if (parse_title_similarity(text, p->entries[k].title) >= 0.5)
			return 1;
	return 0;
}

/* Marks running heads and template junk in the body as ROLE_FURNITURE:
 * lines repeated on many pages; lone numbers next to those (the section
 * number of a running head, not a numbered item); and lines repeated on a
 * few pages that always stand next to furniture. */
void
parse_find_furniture(Parse *p)
{
	Line **order;
	size_t n, i, g, end;
	int pages = p->last_page - p->first_page + 1, round, threshold;

	if (p->last_page == 0)
		return;
	threshold = pages / 12 > 3 ? pages / 12 : 3;
	n = parse_sorted_text_lines(p, &order);

	for (round = 0; round < 3; round++) {
		for (g = 0; g < n; g = end) {
			int distinct = 0, last = -1, value, zero, all_next = 1, spread = 0;
			const Line *first = order[g];

			for (end = g; end < n && strcmp(order[end]->text, first->text) == 0; end++) {
				if (order[end]->page != last) {
					if (last >= 0 && order[end]->page - last < MIN_JUNK_DISTANCE)
						spread = -1;
					else if (last >= 0 && spread == 0)
						spread = 1;
					distinct++;
				}
				last = order[end]->page;
				if (round > 0 && !parse_next_to_furniture(p, (size_t)(order[end] - p->lines)))
					all_next = 0;
			}
			if (first->role == ROLE_FURNITURE || parse_line_number(first, &value, &zero))
				continue;
			/* Template junk sits by furniture in places far apart; a
			 * repeated page repeats its neighbours close by. */
			/* A wrapped title's first line under a running head is no junk,
			 * nor a heading seen only a few times (a banner, 规划全文,
			 * over each full text): junk that short is seen on many
			 * pages. Nor is a numbered heading (五、保障措施, in
			 * many documents, may open a page in two): numbering is a
			 * document's own. */
			if ((round == 0 && distinct >= threshold)
			    || (round > 0 && distinct >= 2 && all_next && spread > 0
			    && !parse_like_a_title(p, first->text) && !parse_title_shaped(first)
			    && !parse_is_numbered(first->text)))
				for (i = g; i < end; i++)
					order[i]->role = ROLE_FURNITURE;
		}
		if (round == 0) {
			/* A lone number beside a running head is its section
			 * number; one beside a page number, in the page's foot
			 * or head, is no text either (a figure's label, the
			 * folio of a spread). */
			for (i = p->body_start; i < p->body_end; i++) {
				int value, zero;

				if (p->lines[i].role == ROLE_TEXT && parse_line_number(&p->lines[i], &value, &zero)
				    && (parse_next_to_furniture(p, i) || parse_next_to_page_number(p, i)))
					p->lines[i].role = ROLE_FURNITURE;
			}
		}
	}
	free(order);
}
