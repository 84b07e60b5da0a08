/* The printed reading order: the text boxes of a page put back in the
 * order the magazine prints them, from evidence in the text itself (see
 * README, "Reading order"): numbering sequences (parse_numbering.c), the
 * extraction's habit of emitting a heading box after the body it heads,
 * which box completes a sentence left open at the foot of the page
 * before (parse_continuation.c) and where a document opens, under its
 * title and banner (parse_documents.c). Here: the costs of an order of a
 * page's boxes, the search for the least dear, and items emitted late put
 * back. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse_order_internal.h"
#include "xalloc.h"

/* A page of more boxes than this is not reordered (k! orders are tried). */
#define ORDER_MAX_BOXES 7
/* Moves tried in turn on a page of more boxes. */
#define ORDER_MOVES 3
/* The longest run of boxes moved as one, to come nearer the extraction's
 * order at the same cost. */
#define MOVE_RUN_MAX 2
/* Boxes looked at on one page at most. */
#define ORDER_COLLECT_BOXES 64
/* Items numbered up to this are put back when emitted late. */
#define LATE_MAX_NUMBER 99
/* Of two orders equally dear and equally far from the extraction's, the
 * one whose numbered headings stand over the text boxes that echo them
 * wins: the shares of each heading's Han pairs that the text box right
 * after it prints (parse_pairs_echoed), summed, in steps this large. */
#define ECHO_TIE_STEP 0.2

/* Returns non-zero when line i starts a numbering again (一、 (一) 1.
 * 第一条) with nothing before it in its box, lines [first, i), that heads
 * it (a heading of a higher kind): a heading emitted elsewhere may belong
 * right before it, inside what the extraction gave as one box. */
static int
parse_restarts_in_box(const Parse *p, size_t first, size_t i)
{
	int value;
	MarkKind mark = parse_line_mark(&p->lines[i], &value), before;
	size_t k = i;

	if (mark == MARK_NONE || value != 1)
		return 0;
	while (k-- > first) {
		before = parse_line_mark(&p->lines[k], &value);
		if (before == mark)
			return 1;
		if ((before != MARK_NONE && before < mark)
		    || (before == MARK_NONE && parse_line_kind(&p->lines[k]) == BLOCK_HEADING))
			return 0;
	}
	return i > first;
}

/* Returns non-zero when every line of the box is a heading. */
int
parse_box_is_heading(const Parse *p, const Box *b)
{
	size_t i;
	int value, zero;

	for (i = b->first; i < b->end; i++)
		if (p->lines[i].role == ROLE_TEXT && (parse_line_kind(&p->lines[i]) != BLOCK_HEADING
		    || parse_line_number(&p->lines[i], &value, &zero)))
			return 0;
	return 1;
}

/* Returns non-zero when an article's start, title or source line lies in
 * lines [from, to): boxes are never moved across one. */
int
parse_marks_article(const Parse *p, size_t from, size_t to)
{
	size_t k;

	for (k = 0; k < p->nentries; k++) {
		const Entry *e = &p->entries[k];

		if ((e->start != NO_LINE && e->start >= from && e->start < to)
		    || (e->title_line != NO_LINE && e->title_line >= from && e->title_line < to)
		    || (e->source_line != NO_LINE && e->source_line >= from && e->source_line < to))
			return 1;
	}
	return 0;
}

/* Returns non-zero when box a is a lone item heading "(三)…" and box b,
 * right below it on its page, a plain paragraph with no heading of a
 * higher rank in it: the item's text, one box;
 * with list, also when a is a first item and b opens its list ("(一)…"
 * then "1. …"). */
static int
parse_heads_box(const Parse *p, const Box *a, const Box *b, int list)
{
	size_t i;
	int value, below_value;
	MarkKind mark = parse_line_mark(&p->lines[a->first], &value), below;

	if (a->end - a->first != 1 || parse_line_kind(&p->lines[a->first]) != BLOCK_HEADING
	    || (mark != MARK_ITEM && mark != MARK_LIST)
	    || p->lines[a->first].page != p->lines[b->first].page
	    || parse_line_kind(&p->lines[b->first]) != BLOCK_PARAGRAPH)
		return 0;
	below = parse_line_mark(&p->lines[b->first], &below_value);
	if (below != MARK_NONE && !(list && mark == MARK_ITEM && value == 1 && below == MARK_LIST && below_value == 1))
		return 0;
	for (i = a->end; i < b->first; i++)
		if (p->lines[i].role != ROLE_BLANK)
			return 0;
	/* A box that holds a heading of a higher rank (三、 glued to its
	 * end) is no item's text. */
	for (i = b->first; i < b->end; i++)
		if (p->lines[i].role == ROLE_TEXT && (below = parse_line_mark(&p->lines[i], &below_value)) != MARK_NONE
		    && below < mark)
			return 0;
	return 1;
}

/* Returns non-zero when box a is a lone numbered heading of a lower
 * rank than the numbered heading box b below it ("3. …" then "(三)…"):
 * b was emitted after the items it heads, and the paragraph below b is
 * a's text, not b's. */
static int
parse_heads_lower(const Parse *p, const Box *a, const Box *b)
{
	int value;
	MarkKind above = parse_line_mark(&p->lines[a->first], &value);
	MarkKind below = parse_line_mark(&p->lines[b->first], &value);

	return a->end - a->first == 1 && parse_box_is_heading(p, a) && above != MARK_NONE && below != MARK_NONE
	    && above > below;
}

/* What the cost of an order of a page's boxes needs to know of them,
 * found once for all the orders tried. */
typedef struct PageFacts {
	/* box k and box k+1 read apart cost a gap each (a chapter heading
	 * emitted right before a box that opens with an item heads it; a
	 * lone item heading stays with the paragraph box below it, a first
	 * item "(一)" with the list below it when its chapter heading was
	 * emitted elsewhere) */
	unsigned char	together[ORDER_COLLECT_BOXES];
	unsigned char	chapter[ORDER_COLLECT_BOXES];	/* a chapter's heading box */
	unsigned char	heading[ORDER_COLLECT_BOXES];	/* every line a heading */
	/* box k and box k+1 are one box of the extraction, cut where its
	 * numbering starts again (parse_restarts_in_box): each text box
	 * read between them costs a gap */
	unsigned char	glued[ORDER_COLLECT_BOXES];
	size_t		chars[ORDER_COLLECT_BOXES];	/* characters of the box */
	/* a document's title box, the first chapter emitted before it and
	 * its banner (n for none) */
	size_t		title, first_chapter, banner;
	/* the box of the article's first chapter heading (一、 or 第一章) on a
	 * page where the article has read none yet (n for none): the page
	 * where a document opens */
	size_t		opening_chapter;
	/* a one-line heading with no numbering emitted last on that page (n
	 * for none): the banner over the document, which heads the page */
	size_t		late_banner;
	/* which question heading each paragraph of the page echoes */
	ParseAnswers	answers;
	/* the first text line after the boxes, or NULL */
	const Line	*after;
} PageFacts;

/* Finds which question heading each paragraph of boxes[0, n) echoes:
 * the state's and the page's own. */
static void
parse_find_answers(const Parse *p, const OrderState *st, const Box *boxes, size_t n, PageFacts *f)
{
	size_t k, i;

	parse_answers_start(&f->answers, boxes[0].first);
	for (k = 0; k < ANSWER_EARLIER; k++)
		parse_answers_add_question(&f->answers, st->earlier[k], n);
	parse_answers_add_question(&f->answers, st->heading, n);
	for (k = 0; k < n; k++)
		for (i = boxes[k].first; i < boxes[k].end; i++)
			if (p->lines[i].role == ROLE_TEXT)
				parse_answers_add_question(&f->answers, &p->lines[i], k);
	for (k = 0; k < n; k++)
		for (i = boxes[k].first; i < boxes[k].end; i++)
			if (p->lines[i].role == ROLE_TEXT)
				parse_answers_measure(&f->answers, p, i);
}

/* Finds the facts of boxes[0, n), read after state *st, into *f. */
static void
parse_page_facts(const Parse *p, const OrderState *st, const Box *boxes, size_t n, PageFacts *f)
{
	size_t k, j, chapter;
	int value, headed = 0;

	memset(f, 0, sizeof *f);
	f->opening_chapter = n;
	for (k = 0; k < n; k++) {
		f->heading[k] = (unsigned char)parse_box_is_heading(p, &boxes[k]);
		f->chars[k] = parse_box_chars(p, &boxes[k]);
		f->chapter[k] = f->heading[k] && parse_is_chapter(p->lines[boxes[k].first].text);
		if (f->chapter[k] && st->top == 0 && st->chapter == 0 && f->opening_chapter == n
		    && parse_line_mark(&p->lines[boxes[k].first], &value) != MARK_NONE && value == 1)
			f->opening_chapter = k;
	}
	for (k = 0; k + 1 < n; k++)
		f->glued[k] = boxes[k].end == boxes[k + 1].first;
	for (k = 0; k + 1 < n; k++) {
		for (j = boxes[k].first; j < boxes[k].end; j++)
			headed |= p->lines[j].role == ROLE_TEXT && parse_is_chapter(p->lines[j].text);
		f->together[k] = f->chapter[k] && parse_line_mark(&p->lines[boxes[k + 1].first], &value) == MARK_ITEM;
		/* An item that starts its numbering again with no chapter
		 * heading emitted before it keeps its list: the extraction
		 * moved the heading, not the item. */
		if (parse_heads_box(p, &boxes[k], &boxes[k + 1], !headed && !st->heading_since && st->item > 0)
		    && !(k > 0 && parse_heads_lower(p, &boxes[k - 1], &boxes[k])))
			f->together[k]++;
	}
	/* A banner box (规划全文) the extraction emitted after a document's
	 * title, last on the page or right after it, heads the title. */
	f->title = f->first_chapter = f->banner = n;
	for (k = 0; k + 1 < n; k++) {
		if (!parse_box_opens_document(p, boxes, n, k, &chapter))
			continue;
		if (parse_is_banner(p, &boxes[k + 1], &boxes[k]))
			f->banner = k + 1;
		else if (parse_box_opens_document(p, boxes, n, k + 1, &j) && parse_is_banner(p, &boxes[k], &boxes[k + 1]))
			continue;	/* k is the banner, the title follows */
		else if (parse_is_banner(p, &boxes[n - 1], &boxes[k]))
			f->banner = n - 1;
		f->title = k;
		f->first_chapter = chapter;
		break;
	}
	if (f->title < n)
		f->opening_chapter = n;	/* items before a title are the preface's */
	f->late_banner = n;
	if (f->opening_chapter < n && n > 1 && boxes[n - 1].end - boxes[n - 1].first == 1 && f->heading[n - 1]
	    && parse_title_shaped(&p->lines[boxes[n - 1].first]))
		f->late_banner = n - 1;
	parse_find_answers(p, st, boxes, n, f);
}

/* Returns non-zero when item heading box b, read last on its page, heads
 * nothing: the text after it, line after, is the next item ((二) after
 * (一)). */
static int
parse_heads_nothing(const Parse *p, const Box *b, const Line *after)
{
	int value, next;

	return after != NULL && parse_line_mark(&p->lines[b->first], &value) == MARK_ITEM
	    && parse_line_mark(after, &next) == MARK_ITEM && next == value + 1;
}

/* Returns the cost of reading boxes in the order perm from state *st,
 * or, as soon as it is past limit, a cost past limit: every part of it
 * adds, and an order dearer than the best so far is of no interest. */
static int
parse_order_cost(const Parse *p, const OrderState *st, const Box *boxes, const PageFacts *f, const size_t *perm,
    size_t n, int completing, int end_ok, int limit)
{
	OrderState s = *st;
	size_t k, i, at, j, place[ORDER_COLLECT_BOXES];
	int cost = 0;

	if (completing >= 0 && perm[0] != (size_t)completing)
		cost += COST_CONTINUATION;
	for (k = 0; k < n; k++)
		place[perm[k]] = k;
	for (k = 0; k < n; k++) {
		/* A box after a sentence left open must be able to carry it on. */
		if (k > 0 && s.open && !parse_may_continue(&p->lines[boxes[perm[k]].first]))
			cost += COST_GAP;
		for (i = boxes[perm[k]].first; i < boxes[perm[k]].end; i++) {
			if (p->lines[i].role != ROLE_TEXT)
				continue;
			cost += parse_order_read(&s, &p->lines[i]);
			/* A dead copy, dropped later, answers nothing. */
			if (!p->lines[i].copy)
				cost += COST_ANSWER * parse_answers_cost(&f->answers, i, perm[k], place, s.heading,
				    s.earlier, ANSWER_EARLIER);
			/* A document's title leaves no sentence open. */
			if (s.open && parse_opens_document(p, i))
				s.open = 0;
		}
		if (cost > limit)
			return cost;
	}
	for (k = 0; k + 1 < n; k++) {
		if (!f->together[k])
			continue;
		for (i = 0; i + 1 < n && perm[i] != k; i++)
			;
		if (i + 1 >= n || perm[i + 1] != k + 1)
			cost += COST_GAP * f->together[k];
	}
	/* The extraction puts no other text inside a box it emits: between
	 * the parts of one cut where its numbering starts again, only the
	 * headings that belong there. */
	for (k = 0; k + 1 < n; k++) {
		unsigned marks = 0;
		int value;

		if (!f->glued[k] || place[k + 1] < place[k])
			continue;
		for (j = place[k] + 1; j < place[k + 1]; j++) {
			MarkKind mark = f->heading[perm[j]] ? parse_line_mark(&p->lines[boxes[perm[j]].first], &value)
			    : MARK_NONE;

			/* One heading of a kind heads the numbering that
			 * starts again; a second one there heads nothing. */
			if (!f->heading[perm[j]] || (mark != MARK_NONE && (marks & 1u << mark)))
				cost += COST_GAP;
			marks |= 1u << mark;
		}
	}
	if (n > 1 && !end_ok && f->chapter[perm[n - 1]])
		cost += COST_HEADING_END;
	if (n > 1 && f->heading[perm[n - 1]] && parse_heads_nothing(p, &boxes[perm[n - 1]], f->after))
		cost += COST_HEADING_END;
	for (k = 0; f->late_banner < n && perm[k] != f->late_banner; k++)
		if (!f->heading[perm[k]])
			cost += COST_GAP;
	if (f->title == n)
		return cost;
	/* The title's banner goes right before it. Right after it, the two
	 * headings were emitted after the body they head: the paragraphs
	 * emitted before the title (its preamble) follow it. A first chapter
	 * emitted before the title follows it too, with its text. */
	for (at = 0; perm[at] != f->title; at++)
		;
	for (j = 0; f->first_chapter < n && j < at; j++)
		if (perm[j] == f->first_chapter)
			cost += COST_RESTART;
		else if (f->first_chapter < perm[j] && perm[j] < f->title)
			cost += COST_GAP;	/* the chapter's text */
	if (f->banner == n)
		return cost;
	if (at == 0 || perm[at - 1] != f->banner)
		cost += COST_HEADING_END;
	for (j = 0; f->banner == f->title + 1 && j < at; j++)
		if (perm[j] < f->title && !f->heading[perm[j]])
			cost += COST_GAP;
	return cost;
}

/* Returns how far order perm is from the extraction's: for each pair of
 * boxes it swaps, the characters of the shorter one (moving a heading
 * past a paragraph is nearer than moving the paragraph past it), twice
 * that when a heading is read after text emitted after it. The
 * extraction emits a heading after the items it heads, seldom before
 * text it does not head: where a restart may be mended by moving one
 * heading down or another up, the one moved up is the one it moved. */
static size_t
parse_order_distance(const PageFacts *f, const size_t *perm, size_t n)
{
	size_t a, b, d = 0, early, late, shorter;

	for (a = 0; a < n; a++)
		for (b = a + 1; b < n; b++) {
			if (perm[a] < perm[b])
				continue;
			early = perm[b], late = perm[a];
			shorter = f->chars[early] < f->chars[late] ? f->chars[early] : f->chars[late];
			d += f->heading[early] && !f->heading[late] ? 2 * shorter : shorter;
		}
	return d;
}

/* Steps perm to the next permutation in lexical order; returns 0 after
 * the last. */
static int
parse_next_permutation(size_t *perm, size_t n)
{
	size_t i, j, t;

	if (n < 2)
		return 0;
	for (i = n - 1; i > 0 && perm[i - 1] >= perm[i]; i--)
		;
	if (i == 0)
		return 0;
	for (j = n - 1; perm[j] <= perm[i - 1]; j--)
		;
	t = perm[i - 1], perm[i - 1] = perm[j], perm[j] = t;
	for (j = n - 1; i < j; i++, j--)
		t = perm[i], perm[i] = perm[j], perm[j] = t;
	return 1;
}

/* Fills echo[h][b], for each numbered heading box h and text box b of
 * boxes[0, n), with the share of h's Han pairs that b's first
 * COHESION_CHARS characters print; 0 elsewhere. */
static void
parse_heading_echoes(const Parse *p, const Box *boxes, const PageFacts *f, size_t n,
    double echo[ORDER_MAX_BOXES][ORDER_MAX_BOXES])
{
	ParsePairs heading;
	size_t h, b;
	int value;

	for (h = 0; h < n; h++) {
		for (b = 0; b < n; b++)
			echo[h][b] = 0;
		if (!f->heading[h] || parse_line_mark(&p->lines[boxes[h].first], &value) == MARK_NONE)
			continue;
		parse_pairs_collect(&p->lines[boxes[h].first], SIZE_MAX, &heading);
		for (b = 0; b < n; b++)
			if (!f->heading[b])
				echo[h][b] = parse_pairs_echoed(&heading, &p->lines[boxes[b].first], COHESION_CHARS);
		parse_pairs_free(&heading);
	}
}

/* Returns how much the text boxes that stand right after a numbered
 * heading in order perm echo it, in steps of ECHO_TIE_STEP. */
static long
parse_order_echo(const PageFacts *f, double echo[ORDER_MAX_BOXES][ORDER_MAX_BOXES], const size_t *perm, size_t n)
{
	double sum = 0;
	size_t k;

	for (k = 1; k < n; k++)
		if (f->heading[perm[k - 1]] && !f->heading[perm[k]])
			sum += echo[perm[k - 1]][perm[k]];
	return (long)(sum / ECHO_TIE_STEP);
}

/* Finds the best reading order of boxes[0, n) (n <= ORDER_MAX_BOXES)
 * after state *st into best, trying every one; returns its cost. The
 * extraction's own order wins every tie; of others, the nearest to it,
 * then the one whose headings stand over the text that echoes them.
 * end_ok: the text after the boxes opens with an item, which a heading
 * last on the page may head. */
static int
parse_best_permutation(const Parse *p, const OrderState *st, const Box *boxes, const PageFacts *f, size_t n,
    int completing, int end_ok, size_t *best)
{
	size_t perm[ORDER_MAX_BOXES + 1] = { 0 }, k;
	int best_cost, identity_cost;
	size_t best_distance = 0;
	double echo[ORDER_MAX_BOXES][ORDER_MAX_BOXES];
	long best_echo = -1;
	int echoes_known = 0;

	for (k = 0; k < n; k++)
		perm[k] = best[k] = k;
	best_cost = identity_cost = parse_order_cost(p, st, boxes, f, perm, n, completing, end_ok,
	    INT_MAX);
	/* The extraction's order stands when nothing in it is amiss. */
	while (identity_cost > 0 && parse_next_permutation(perm, n)) {
		int cost = parse_order_cost(p, st, boxes, f, perm, n, completing, end_ok,
		    best_cost);
		size_t distance;

		if (cost > best_cost)
			continue;
		distance = parse_order_distance(f, perm, n);
		if (cost == best_cost && distance == best_distance) {
			long e;

			/* Echoes are weighed only on such a tie. */
			if (!echoes_known)
				parse_heading_echoes(p, boxes, f, n, echo);
			echoes_known = 1;
			if (best_echo < 0)
				best_echo = parse_order_echo(f, echo, best, n);
			e = parse_order_echo(f, echo, perm, n);
			if (e > best_echo) {
				best_echo = e;
				memcpy(best, perm, n * sizeof *perm);
			}
			continue;
		}
		if (cost < best_cost || distance < best_distance) {
			best_cost = cost;
			best_distance = distance;
			best_echo = -1;
			memcpy(best, perm, n * sizeof *perm);
		}
	}
	return best_cost;
}

/* Writes into out order with its run of count boxes at from moved to
 * stand before the one at to (last, when to is n; to not inside the
 * run). */
static void
parse_move_run(const size_t *order, size_t n, size_t from, size_t count, size_t to, size_t *out)
{
	size_t x, y, at = 0;

	for (x = 0; x <= n; x++) {
		if (x == to)
			for (y = from; y < from + count; y++)
				out[at++] = order[y];
		if (x < n && (x < from || x >= from + count))
			out[at++] = order[x];
	}
}

/* Finds a good reading order of boxes[0, n) (any n up to
 * ORDER_COLLECT_BOXES) into best, too many to try every one: from the
 * extraction's order, the single move of one box to another place that
 * lowers the cost most (the nearest on a tie), again while one does, at
 * most ORDER_MOVES times in all. The extraction's habits each move one
 * box: a heading emitted after its items, a continuation after a decoy.
 * Once no move lowers the cost, while some is left, a move of one box or
 * of a run of up to MOVE_RUN_MAX that keeps it and comes nearer the
 * extraction's order is taken too: moving an item heading down under its
 * chapter heading may mend as much as moving the chapter heading up, and
 * put a continuation first besides, in one move; the chapter heading and
 * its item moved back as one undo that. Returns the cost. */
static int
parse_best_moves(const Parse *p, const OrderState *st, const Box *boxes, const PageFacts *f, size_t n,
    int completing, int end_ok, size_t *best)
{
	size_t perm[ORDER_COLLECT_BOXES], k, from, to, count, round, best_distance = 0;
	int cost;

	for (k = 0; k < n; k++)
		best[k] = k;
	cost = parse_order_cost(p, st, boxes, f, best, n, completing, end_ok, INT_MAX);
	for (round = 0; round < ORDER_MOVES && cost > 0; round++) {
		int round_cost = cost;
		size_t round_distance = best_distance, best_from = 0, best_to = 0, best_count = 0;

		/* A run moves only to come nearer at the same cost: not in the
		 * first round (the extraction's own order wins its ties), nor
		 * once a single move has lowered the cost. */
		for (count = 1; count <= MOVE_RUN_MAX && (count == 1 || (round > 0 && round_cost == cost)); count++)
			for (from = 0; from + count <= n; from++)
				for (to = 0; to <= n; to++) {
					size_t distance;
					int c;

					if (to >= from && to <= from + count)
						continue;
					parse_move_run(best, n, from, count, to, perm);
					c = parse_order_cost(p, st, boxes, f, perm, n, completing, end_ok,
					    round_cost);
					if (c > round_cost || (count > 1 && c < cost))
						continue;
					distance = parse_order_distance(f, perm, n);
					/* cheaper, or as cheap and nearer (in the first
					 * round, round_distance is 0 until a move lowers
					 * the cost) */
					if (c < round_cost || distance < round_distance) {
						round_cost = c;
						round_distance = distance;
						best_from = from;
						best_to = to;
						best_count = count;
					}
				}
		if (round_cost == cost && round_distance == best_distance)
			break;
		parse_move_run(best, n, best_from, best_count, best_to, perm);
		memcpy(best, perm, n * sizeof *perm);
		cost = round_cost;
		best_distance = round_distance;
	}
	return cost;
}

/* Returns non-zero when line after, the text after a page's boxes (NULL
 * for none), opens what a heading may head: a first item "(一)" (any next
 * item where items do not restart), or an article "第N条". */
static int
parse_item_follows(const Line *after, const OrderState *st)
{
	int value;
	MarkKind mark;

	if (after == NULL)
		return 0;
	mark = parse_line_mark(after, &value);
	return (mark == MARK_ITEM && (value == 1 || !st->restart_style)) || mark == MARK_ARTICLE;
}

/* Finds the best reading order of boxes[0, n) after state *st into best;
 * returns its cost. The extraction's own order wins every tie. end: the
 * line after the boxes. */
static int
parse_best_order(const Parse *p, const OrderState *st, const Box *boxes, size_t n, size_t end, size_t *best)
{
	size_t next = parse_next_text(p, end, p->body_end);
	const Line *after = next == NO_LINE ? NULL : &p->lines[next];
	int completing = -1, end_ok = parse_item_follows(after, st);
	PageFacts facts;

	if (st->open && st->last != NULL)
		completing = parse_completing_box(p, st->last, boxes, n);
	parse_page_facts(p, st, boxes, n, &facts);
	facts.after = after;
	if (n <= ORDER_MAX_BOXES)
		return parse_best_permutation(p, st, boxes, &facts, n, completing, end_ok, best);
	return parse_best_moves(p, st, boxes, &facts, n, completing, end_ok, best);
}

/* Rewrites lines [boxes[0].first, boxes[n-1].end) so that the boxes stand
 * in order perm, the lines between them after, and gives the boxes page. */
static void
parse_apply_order(Parse *p, const Box *boxes, size_t n, const size_t *perm, int page)
{
	size_t from = boxes[0].first, to = boxes[n - 1].end, k, i, at = 0;
	Line *copy = xreallocarray(NULL, to - from, sizeof *copy);
	char *in_box = xcalloc(to - from, 1);

	for (k = 0; k < n; k++)
		for (i = boxes[perm[k]].first; i < boxes[perm[k]].end; i++) {
			copy[at] = p->lines[i];
			copy[at++].page = page;
			in_box[i - from] = 1;
		}
	for (i = from; i < to; i++)
		if (!in_box[i - from]) {
			/* A blank line keeps boxes apart. */
			copy[at++] = p->lines[i];
		}
	memcpy(&p->lines[from], copy, (to - from) * sizeof *copy);
	free(copy);
	free(in_box);
}

/* Returns non-zero when line i, right below a text line of page, goes on
 * its box: a text line of the page, or a line printed twice (dropped as
 * the repeat) with one below it, which keeps the box one. */
static int
parse_box_goes_on(const Parse *p, size_t i, int page)
{
	if (p->lines[i].role == ROLE_DUPLICATE && i + 1 < p->body_end)
		i++;
	return p->lines[i].role == ROLE_TEXT && p->lines[i].page == page;
}

/* Collects the boxes of text lines from line i on while they stay on page
 * (and, with next_top, the heading boxes the next page opens with: the
 * extraction emits a page's last heading after its number, where the next
 * page's text begins, above its running head or above the text printed
 * before it). Returns the count; stops before max, furniture of another
 * kind or an article's start. *end is one past the last line looked at.
 * With merge, a lone item heading and the paragraph box below it are one
 * box. */
static size_t
parse_collect_boxes(const Parse *p, size_t i, int page, int next_top, int merge, Box *boxes, size_t max,
    size_t *end)
{
	size_t n = 0;

	while (i < p->body_end && n < max) {
		const Line *line = &p->lines[i];

		if (line->role == ROLE_BLANK || (line->role == ROLE_PAGE_NUMBER && next_top && line->page == page)
		    || ((line->role == ROLE_FURNITURE || line->role == ROLE_DUPLICATE) && line->page == page && n > 0)) {
			i++;
			continue;
		}
		if (line->role != ROLE_TEXT || (line->page != page && !(next_top && line->page == page + 1)))
			break;
		boxes[n].first = i;
		/* A box ends where its numbering starts again. */
		do
			i++;
		while (i < p->body_end && parse_box_goes_on(p, i, line->page)
		    && !parse_restarts_in_box(p, boxes[n].first, i));
		boxes[n].end = i;
		if (line->page != page && (!parse_box_is_heading(p, &boxes[n]) || (n > 0 && p->lines[boxes[n - 1].first].page != page))) {
			i = boxes[n].first;
			break;
		}
		if (parse_marks_article(p, boxes[n].first, boxes[n].end))
			break;
		if (merge && n > 0 && parse_heads_box(p, &boxes[n - 1], &boxes[n], 0)
		    && !(n > 1 && (parse_box_ends_open(p, &boxes[n - 2])
		    || parse_heads_lower(p, &boxes[n - 2], &boxes[n - 1]))))
			boxes[n - 1].end = boxes[n].end;
		else
			n++;
	}
	*end = i;
	return n;
}

/* Collects a page's boxes as parse_collect_boxes does: each lone item
 * heading one with its paragraph when every order of them can be tried,
 * apart when too many for that (moves of one box are tried then, and a
 * heading emitted after its items may leave the paragraph below it) or
 * when that paragraph is the one that completes open, the sentence left
 * open before the page (the extraction emitted it after the heading). */
static size_t
parse_page_boxes(const Parse *p, size_t i, int page, int next_top, const Line *open, Box *boxes, size_t *end)
{
	size_t n = parse_collect_boxes(p, i, page, next_top, 1, boxes, ORDER_COLLECT_BOXES, end), m, end2;
	Box apart[ORDER_COLLECT_BOXES];
	int c;

	if (n > ORDER_MAX_BOXES)
		return parse_collect_boxes(p, i, page, next_top, 0, boxes, ORDER_COLLECT_BOXES, end);
	if (open == NULL)
		return n;
	m = parse_collect_boxes(p, i, page, next_top, 0, apart, ORDER_COLLECT_BOXES, &end2);
	c = parse_completing_box(p, open, apart, m);
	if (m == n || c <= 0 || !parse_heads_box(p, &apart[c - 1], &apart[c], 0))
		return n;
	memcpy(boxes, apart, m * sizeof *apart);
	*end = end2;
	return m;
}

/* Returns the cost of the order into perm of the page's boxes, n of them
 * (parse_page_boxes()); if that costs something and the last box is a
 * lone item heading with the paragraph below it, which the page break
 * cuts, reads that heading apart too and takes that order, into boxes,
 * perm and *n, when it costs less, or as much and is nearer the
 * extraction's order. A heading the extraction emitted
 * after its items stands right above the paragraph it keeps last, the
 * one the page break cuts, which the heading may not head. */
static int
parse_order_apart(const Parse *p, const OrderState *st, Box *boxes, size_t *n, size_t end, size_t *perm)
{
	Box apart[ORDER_MAX_BOXES];
	size_t perm2[ORDER_MAX_BOXES], last = *n - 1, i;
	int cost = parse_best_order(p, st, boxes, *n, end, perm), cost2;

	if (cost == 0 || *n >= ORDER_MAX_BOXES)
		return cost;
	for (i = boxes[last].first; i < boxes[last].end && p->lines[i].role != ROLE_BLANK; i++)
		;
	if (i == boxes[last].end)
		return cost;
	memcpy(apart, boxes, *n * sizeof *boxes);
	apart[last].end = i;
	apart[last + 1].first = parse_next_text(p, i, boxes[last].end);
	apart[last + 1].end = boxes[last].end;
	if (apart[last + 1].first == NO_LINE || !parse_box_ends_open(p, &apart[last + 1]))
		return cost;
	cost2 = parse_best_order(p, st, apart, *n + 1, end, perm2);
	if (cost2 > cost)
		return cost;
	if (cost2 == cost) {
		/* As dear: the nearer the extraction's order. */
		PageFacts merged, split;

		parse_page_facts(p, st, boxes, *n, &merged);
		parse_page_facts(p, st, apart, *n + 1, &split);
		if (parse_order_distance(&split, perm2, *n + 1) >= parse_order_distance(&merged, perm, *n))
			return cost;
	}
	memcpy(boxes, apart, (*n + 1) * sizeof *apart);
	memcpy(perm, perm2, (*n + 1) * sizeof *perm2);
	(*n)++;
	return cost2;
}

/* Counts (一) items in lines [from, to): two or more mean the items
 * restart under each heading. */
static int
parse_items_restart(const Parse *p, size_t from, size_t to)
{
	size_t i;
	int value, count = 0;

	for (i = from; i < to; i++)
		if (p->lines[i].role == ROLE_TEXT && parse_line_mark(&p->lines[i], &value) == MARK_ITEM
		    && value == 1)
			count++;
	return count >= 2;
}

/* Returns one past the last line of the article that starts at line i. */
size_t
parse_article_end(const Parse *p, size_t i)
{
	size_t k, end = p->body_end;

	for (k = 0; k < p->nentries; k++)
		if (p->entries[k].start != NO_LINE && p->entries[k].start > i && p->entries[k].start < end)
			end = p->entries[k].start;
	return end;
}

/* Returns non-zero when order perm2 of a page's boxes more[0, m), which
 * adds headings emitted above the next page's running head, reads better
 * than order perm of its own boxes[0, n) (more's first n) at cost: at
 * less cost, or at the same with less moved when no document opens on the
 * page (a chapter heading emitted a page late leaves its first item to be
 * moved up under the chapter before, at no cost, but far; a banner at a
 * page's foot is placed by the page's own boxes). */
static int
parse_reads_better(const Parse *p, const OrderState *st, const Box *boxes, size_t n, const size_t *perm, int cost,
    const Box *more, size_t m, int cost2, const size_t *perm2)
{
	PageFacts own, with_more;

	if (cost2 != cost)
		return cost2 < cost;
	parse_page_facts(p, st, boxes, n, &own);
	if (own.title < n || own.late_banner < n)
		return 0;
	parse_page_facts(p, st, more, m, &with_more);
	return parse_order_distance(&with_more, perm2, m) < parse_order_distance(&own, perm, n);
}

/* Puts each page's text boxes in the printed reading order. */
void
parse_order_boxes(Parse *p)
{
	OrderState st;
	Box boxes[ORDER_COLLECT_BOXES];
	size_t perm[ORDER_COLLECT_BOXES], i, n, end, article_end = 0;

	memset(&st, 0, sizeof st);
	for (i = p->contents_end; i < p->body_end; i++)
		p->lines[i].copy = p->lines[i].role == ROLE_TEXT && parse_is_dead_copy(p, &p->lines[i]);
	for (i = p->contents_end; i < p->body_end; ) {
		const Line *line = &p->lines[i];

		if (i >= article_end) {
			/* Numbering starts again with each article. */
			article_end = parse_article_end(p, i);
			memset(&st, 0, sizeof st);
			st.restart_style = parse_items_restart(p, i, article_end);
		}
		if (line->role != ROLE_TEXT || line->page == 0 || parse_marks_article(p, i, i + 1)) {
			if (line->role == ROLE_TEXT)
				parse_order_read(&st, line);
			i++;
			continue;
		}
		n = parse_page_boxes(p, i, line->page, 0, st.open ? st.last : NULL, boxes, &end);
		if (n == 0) {
			parse_order_read(&st, line);
			i++;
			continue;
		}
		{
			int cost = parse_order_apart(p, &st, boxes, &n, end, perm);
			size_t m, end2, k;
			Box more[ORDER_COLLECT_BOXES];

			/* A heading the extraction emitted after the page's
			 * number, above the next page's running head, may
			 * belong to this page: only if it helps. */
			for (k = 0; k < n && perm[k] == k; k++)
				;
			if (cost > 0 || k < n) {
				size_t perm2[ORDER_COLLECT_BOXES];

				m = parse_page_boxes(p, i, line->page, 1, st.open ? st.last : NULL, more, &end2);
				if (m > n && parse_reads_better(p, &st, boxes, n, perm, cost, more, m,
				    parse_best_order(p, &st, more, m, end2, perm2), perm2)) {
					memcpy(boxes, more, m * sizeof *more);
					memcpy(perm, perm2, m * sizeof *perm2);
					n = m;
					end = end2;
				}
			}
			for (k = 0; k < n && perm[k] == k; k++)
				;
			if (k < n)
				parse_apply_order(p, boxes, n, perm, line->page);
		}
		for (; i < end; i++)
			if (p->lines[i].role == ROLE_TEXT)
				parse_order_read(&st, &p->lines[i]);
	}
}

/* Returns where line index i stands once lines [from, end) are moved to
 * stand before line to (to < from). */
static size_t
parse_moved_index(size_t i, size_t to, size_t from, size_t end)
{
	if (i == NO_LINE || i < to || i >= end)
		return i;
	if (i >= from)
		return i - (from - to);
	return i + (end - from);
}

/* Moves lines [from, end) to stand before line to (to < from), giving
 * them page; the contents entries' lines follow their lines. */
void
parse_move_lines(Parse *p, size_t to, size_t from, size_t end, int page)
{
	size_t n = end - from, i;
	Line *moved = xreallocarray(NULL, n, sizeof *moved);

	for (i = 0; i < p->nentries; i++) {
		Entry *e = &p->entries[i];

		e->title_line = parse_moved_index(e->title_line, to, from, end);
		e->title_last = parse_moved_index(e->title_last, to, from, end);
		e->source_line = parse_moved_index(e->source_line, to, from, end);
		e->start = parse_moved_index(e->start, to, from, end);
	}

	memcpy(moved, &p->lines[from], n * sizeof *moved);
	memmove(&p->lines[to + n], &p->lines[to], (from - to) * sizeof *moved);
	for (i = 0; i < n; i++) {
		moved[i].page = page;
		p->lines[to + i] = moved[i];
	}
	free(moved);
}

/* Puts back a box that opens with an item numbered below the items before
 * it ("15、" after "20、"), emitted on the next page: right after the box
 * of the item numbered one less, when that stands on its page or the one
 * before and the number is nowhere else. */
void
parse_order_late_items(Parse *p)
{
	size_t seen[2][LATE_MAX_NUMBER + 1], i, article_end = 0, k;
	int last[2] = { 0, 0 };

	for (i = p->contents_end; i < p->body_end; i++) {
		int value, kind;
		MarkKind mark;
		size_t j, end, to;

		if (i >= article_end) {
			article_end = parse_article_end(p, i);
			for (k = 0; k <= LATE_MAX_NUMBER; k++)
				seen[0][k] = seen[1][k] = NO_LINE;
			last[0] = last[1] = 0;
		}
		if (p->lines[i].role != ROLE_TEXT)
			continue;
		mark = parse_line_mark(&p->lines[i], &value);
		if ((mark != MARK_ITEM && mark != MARK_LIST) || value < 1 || value > LATE_MAX_NUMBER)
			continue;
		kind = mark == MARK_ITEM;
		j = value > 1 ? seen[kind][value - 1] : NO_LINE;
		if (value < last[kind] && j != NO_LINE && seen[kind][value] == NO_LINE
		    && p->lines[i - 1].role != ROLE_TEXT && p->lines[j].page + 1 >= p->lines[i].page) {
			for (end = i + 1; end < article_end && p->lines[end].role == ROLE_TEXT; end++)
				;
			for (to = j + 1; to < i && p->lines[to].role == ROLE_TEXT; to++)
				;
			if (to < i && !parse_marks_article(p, to, end)) {
				parse_move_lines(p, to, i, end, p->lines[j].page);
				seen[kind][value] = to;
				i = end - 1;
				continue;
			}
		}
		seen[kind][value] = i;
		last[kind] = value;
	}
}
