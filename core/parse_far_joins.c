/* Sentences left open far from what carries them on: the start of a
 * longer line printed again and cut short (a dead copy), which leaves no
 * sentence open, and a sentence left open mid-page, completed by the box
 * on a later page that the extraction emitted apart. */
#include "config.h"

#include <string.h>

#include "parse_order_internal.h"

/* A sentence left open with nothing to carry it on is looked for on its
 * page and this many pages after. */
#define FAR_JOIN_PAGES 2

/* Returns non-zero when a text line after line, on its page or the
 * FAR_JOIN_PAGES after it (where what carries it on stands), starts with
 * text (len bytes, too short for the index of the lines' starts). */
static int
parse_line_carried_by(const Parse *p, const Line *line, const char *text, size_t len)
{
	size_t i;

	for (i = (size_t)(line - p->lines) + 1; i < p->body_end && p->lines[i].page <= line->page + FAR_JOIN_PAGES; i++)
		if (p->lines[i].role == ROLE_TEXT && p->lines[i].length >= len
		    && memcmp(p->lines[i].text, text, len) == 0)
			return 1;
	return 0;
}

/* Returns non-zero when line is the start of a longer line, printed
 * again and cut short (before or after it), which no line carries on (the
 * rest of what it copies starts no line; a rest of a few bytes, no line
 * soon after it): it leaves no sentence open. A
 * copy of a paragraph a page break cut is one too: a whole line left open,
 * then the start of the line that carries it on. */
int
parse_is_dead_copy(const Parse *p, const Line *line)
{
	size_t length, rest, cut = 0, copied = line->length;
	const char *original = parse_text_repeated_by(p, line->text, line->length, line->text, 0, 1, &length);

	if (original == NULL) {
		const char *head = parse_line_starting(p, line->text, line->length, line->text, &cut);

		if (head == NULL || parse_ends_sentence(head, cut))
			return 0;
		copied = line->length - cut;
		original = parse_text_repeated_by(p, line->text + cut, copied, line->text, 0, 1, &length);
		if (original == NULL)
			return 0;
	}
	rest = length - copied;
	if (rest > 0 && rest < PARSE_STARTS_PREFIX)
		return !parse_line_carried_by(p, line, original + copied, rest);
	return !parse_text_is_repeated(p, original + copied, rest, original, 0, 0);
}

/* Returns non-zero when line i is a paragraph cut mid-sentence (a
 * numbered line without a full stop is a heading; a dead copy carries
 * nothing on). */
static int
parse_line_is_open(const Parse *p, size_t i)
{
	const Line *line = &p->lines[i];

	return line->role == ROLE_TEXT && !line->copy && !parse_is_numbered(line->text)
	    && parse_line_kind(line) == BLOCK_PARAGRAPH && parse_line_chars(line) >= 10
	    && !parse_line_ends_sentence(line);
}

/* Returns non-zero when the page break after text line i will carry it on:
 * it is its page's last text and the next page's first text may continue
 * it (what parse_gather_units joins). */
static int
parse_break_continues(const Parse *p, size_t i)
{
	size_t next = parse_next_text(p, i + 1, p->body_end);

	return next != NO_LINE && p->lines[next].page > p->lines[i].page
	    && parse_may_continue(&p->lines[next]);
}

/* Returns the line among [from, end) that best completes the sentence
 * open at the end of line i: the first line of a box, on i's page or the
 * FAR_JOIN_PAGES after it, that may carry a sentence on, is carried on
 * from no page break, and makes with line i's last characters the
 * longest run the issue prints elsewhere (none: NO_LINE). */
static size_t
parse_far_continuation(const Parse *p, size_t i, size_t from, size_t end)
{
	size_t k, best = NO_LINE;
	int best_score = 0;

	for (k = from; k < end; k++) {
		const Line *c = &p->lines[k];
		size_t before;
		int score;

		if (c->page > p->lines[i].page + FAR_JOIN_PAGES)
			break;
		if (c->role != ROLE_TEXT || p->lines[k - 1].role == ROLE_TEXT || !parse_may_continue(c)
		    || parse_text_is_repeated(p, c->text, c->length, c->text, 0, 0))
			continue;
		before = k;
		while (before > p->body_start && p->lines[before - 1].role != ROLE_TEXT)
			before--;
		if (before > p->body_start && parse_line_is_open(p, before - 1)
		    && p->lines[before - 1].page < c->page)
			continue;	/* a page break carries something else on */
		score = parse_join_score(p, &p->lines[i], c);
		if (score > best_score) {
			best = k;
			best_score = score;
		}
	}
	return best;
}

/* Completes a sentence left open mid-page, with nothing after it to carry
 * it on, by the box that does so on a later page: the extraction emitted
 * it apart (the word cut, 技术创|新, is printed elsewhere whole). The line
 * is moved right after the open one and marked to join it. */
void
parse_order_far_joins(Parse *p)
{
	size_t i, next, article_end = 0;

	for (i = p->contents_end; i < p->body_end; i++) {
		if (i >= article_end)
			article_end = parse_article_end(p, i);
		if (!parse_line_is_open(p, i) || p->lines[i].page == 0
		    || (i + 1 < p->body_end && p->lines[i + 1].role == ROLE_TEXT)
		    || parse_break_continues(p, i) || parse_opens_document(p, i)
		    || parse_text_is_repeated(p, p->lines[i].text, p->lines[i].length,
		    p->lines[i].text, 0, 0))
			continue;
		next = parse_far_continuation(p, i, i + 1, article_end);
		if (next == NO_LINE)
			continue;
		parse_move_lines(p, i + 1, next, next + 1, p->lines[next].page);
		/* The next turn looks at the line joined, which may leave
		 * the sentence open in its turn. */
		p->lines[i + 1].joins = 1;
	}
}
