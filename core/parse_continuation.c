/* Which box of a page completes the sentence left open at the foot of
 * the page before, for the printed reading order (parse_order.c): weighed
 * from the join, the words the box shares with the open line, the heading
 * it follows, how its first sentence runs and where it stands on its page
 * (see README, "Reading order"). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <unistr.h>

#include "parse_order_internal.h"

/* A sentence left open is carried on by one of the first boxes that may
 * carry it on; the first of them is the more likely by this much (the
 * natural logarithm of the odds: about 20 to 1), when nothing else says. */
#define JOIN_NEAR_BOXES 3
/* A box emitted after others carries the sentence on only with a run this
 * long across the join (parse_completing_box). The continuation is among
 * the first JOIN_FIRST_BOXES boxes of its page, headings counted: the
 * bundled issue's farthest is its fourth (1.14 p104, after 第四章 and
 * 第二十三条), bench/make-archive's its third. */
#define JOIN_EVIDENT_SPAN 3
#define JOIN_FIRST_BOXES 4
#define JOIN_FIRST_PRIOR 3.0
/* A box emitted JOIN_FAR_BOX or more boxes down its page, after
 * JOIN_FAR_MAY or more that may carry the sentence on, weighs this much
 * less for doing so: the extraction emits a continuation after one or two
 * boxes of text, or further only past headings (1.14 p104), which it
 * emits first. */
#define JOIN_FAR_BOX 3
#define JOIN_FAR_MAY 2
#define JOIN_FAR_PENALTY 3.0
#define OPENING_WEIGHT 0.5
/* A continuation goes on in the words of the sentence it completes: the
 * share of its first COHESION_CHARS characters' Han pairs that the open
 * line prints weighs this much (fitted with JOIN_FIRST_PRIOR on
 * bench/make-archive's issues, see README, "Reading order"). */
#define COHESION_WEIGHT 10.0
/* A box right after a heading is that heading's text, not a continuation,
 * the more it echoes the heading's words than the box after it does: the
 * difference of the shares of the heading's Han pairs each one's first
 * COHESION_CHARS characters print weighs this much. */
#define ECHO_WEIGHT 3.0
/* A box whose first sentence closes within SHORT_SENTENCE_CHARS characters
 * is most often the rest of a sentence a page break cut: it weighs this
 * much more. One whose first sentence runs past LONG_SENTENCE_CHARS, more
 * often a whole sentence that opens a paragraph, weighs less by the
 * base-2 logarithm of how much longer it is. */
#define SHORT_SENTENCE_CHARS 6
#define SHORT_SENTENCE_WEIGHT 3.0
#define LONG_SENTENCE_CHARS 30
/* Where the open line's paragraph opened with a lead sentence
 * (parse_lead_sentence) of LEAD_OPEN_MIN to LEAD_OPEN_MAX characters
 * (信息基础设施规模全球领先。), a box that opens with one of LEAD_BOX_MIN to
 * LEAD_BOX_MAX is more often the next paragraph of that run than the open
 * sentence's rest: it weighs this much less (fitted on bench/make-archive's
 * issues, see README, "Reading order"). */
#define LEAD_OPEN_MIN 6
#define LEAD_OPEN_MAX 20
#define LEAD_BOX_MIN 8
#define LEAD_BOX_MAX 16
#define LEAD_WEIGHT 1.5
/* A box that ends mid-sentence itself weighs this much less for carrying
 * a sentence on: it is most often the paragraph the page's own break cuts
 * (on generated issues 7 continuations in 2,770 contested joins end so,
 * 227 of the boxes they beat). */
#define ENDS_OPEN_WEIGHT 3.0
/* A box right after two heading boxes in a row (四、 then its (一)) is the
 * text they head: after a box that may carry the sentence on, it weighs
 * this much less for doing so itself (on generated issues such a box
 * beat the continuation emitted first four times, and never was it). */
#define UNDER_HEADINGS_WEIGHT 3.0

/* Returns non-zero when the last text line of box b is a paragraph cut
 * mid-sentence. */
int
parse_box_ends_open(const Parse *p, const Box *b)
{
	OrderState s;
	size_t i = b->end;

	memset(&s, 0, sizeof s);
	while (i > b->first && p->lines[i - 1].role != ROLE_TEXT)
		i--;
	if (i == b->first)
		return 0;
	parse_order_read(&s, &p->lines[i - 1]);
	return s.open;
}

/* Returns the weight of a run of span characters spanning a join that
 * the issue prints elsewhere (parse_join_span): the natural logarithm of
 * how much more often a run that long spans a true join than a join to a
 * box emitted next to the true one, as counted on generated issues
 * (bench/make-archive), taken at three tenths: the join's weight already
 * counts a run that takes no punctuation. */
static double
parse_span_weight(int span)
{
	static const double weights[] = { -0.44, -0.44, -0.44, 0.12, 0.56, 0.56, 0.96, 1.24, 1.68 };

	if ((size_t)span >= sizeof weights / sizeof weights[0])
		span = (int)(sizeof weights / sizeof weights[0]) - 1;
	return weights[span];
}

/* Returns non-zero when line first, opening a box, may carry on the
 * sentence left open by line open: not when it opens as open does, its
 * first PARSE_STARTS_PREFIX bytes or more the same (open printed again,
 * maybe cut short, which shares every word with it). */
static int
parse_may_complete(const Line *open, const Line *first)
{
	size_t same = open->length < first->length ? open->length : first->length;

	if (same >= PARSE_STARTS_PREFIX && memcmp(open->text, first->text, same) == 0)
		return 0;
	return parse_may_continue(first) && !parse_opens_alike(open, first) && !parse_opens_enumeration(open, first);
}

/* Returns how the length of the first sentence of line, which opens a
 * box, weighs for its carrying on a sentence left open (see
 * SHORT_SENTENCE_CHARS). A sentence ends at 。！？；; one that does not end
 * in the line is as long as the line. */
static double
parse_first_sentence_weight(const Line *line)
{
	const uint8_t *s = (const uint8_t *)line->text, *end = s + line->length;
	size_t chars = 0;
	ucs4_t uc;
	int n;

	for (; s < end; s += n) {
		n = u8_mbtouc(&uc, s, (size_t)(end - s));
		if (n <= 0)
			break;
		chars++;
		if (uc == 0x3002 || uc == 0xff01 || uc == 0xff1f || uc == 0xff1b || uc == '!' || uc == '?'
		    || uc == ';')
			break;
	}
	if (chars <= SHORT_SENTENCE_CHARS)
		return SHORT_SENTENCE_WEIGHT;
	if (chars > LONG_SENTENCE_CHARS)
		return -log2((double)chars / LONG_SENTENCE_CHARS);
	return 0;
}

/* Returns non-zero when line opens with a lead sentence
 * (parse_lead_sentence) of min to max characters. */
static int
parse_leads_within(const Line *line, size_t min, size_t max)
{
	size_t chars = parse_lead_sentence(line->text, line->length);

	return chars >= min && chars <= max;
}

/* Returns how much more of the words of the heading box right before
 * boxes[k] the box after boxes[k] echoes than boxes[k] does (-1 to 1): 0
 * when boxes[k] follows no heading, negative when it echoes the heading
 * most, as the text a heading heads does. */
static double
parse_echo_gap(const Parse *p, const Box *boxes, size_t n, size_t k)
{
	ParsePairs heading;
	double own, next = 0;

	if (k == 0 || !parse_box_is_heading(p, &boxes[k - 1]))
		return 0;
	parse_pairs_collect(&p->lines[boxes[k - 1].first], SIZE_MAX, &heading);
	own = parse_pairs_echoed(&heading, &p->lines[boxes[k].first], COHESION_CHARS);
	if (k + 1 < n && !parse_box_is_heading(p, &boxes[k + 1]))
		next = parse_pairs_echoed(&heading, &p->lines[boxes[k + 1].first], COHESION_CHARS);
	parse_pairs_free(&heading);
	return next - own;
}

/* Returns non-zero when boxes[k] comes right after two heading boxes. */
static int
parse_follows_headings(const Parse *p, const Box *boxes, size_t k)
{
	return k >= 2 && parse_box_is_heading(p, &boxes[k - 1]) && parse_box_is_heading(p, &boxes[k - 2]);
}

/* Returns the box among boxes[0, n) that completes the sentence left open
 * by line open, or -1: of the first JOIN_NEAR_BOXES that may carry it on
 * among the page's first JOIN_FIRST_BOXES (the extraction emits a
 * continuation near its page's top), the one the
 * evidence weighs most for: the join's weight (parse_join_weight), the
 * run spanning it (parse_span_weight), the words it shares with the open
 * line (parse_pairs_shared), for a box right after a heading how much
 * less of the heading it echoes than the box after it (parse_echo_gap),
 * how long its first sentence is (parse_first_sentence_weight) and, for
 * the first, JOIN_FIRST_PRIOR; for one far down, after boxes of text,
 * less by JOIN_FAR_PENALTY; for one that opens with a lead sentence where
 * the open line's paragraph did, less by LEAD_WEIGHT; for one that ends
 * mid-sentence, less by ENDS_OPEN_WEIGHT; for one right after two
 * headings, with a box before them that may carry it on, less by
 * UNDER_HEADINGS_WEIGHT.
 *
 * A box emitted after others takes the sentence only on evidence plainer
 * than for every box before it: a run spanning the join that the issue
 * prints elsewhere (parse_join_span), JOIN_EVIDENT_SPAN characters or
 * more and longer than the run to any box emitted before it. The
 * extraction emits a continuation late where the text gives it away; a
 * box before it that shows no such run is the continuation far more
 * often than a common word across the join (，建设, 推动…) says. The first
 * box shows no evidence of its own when it opens as the issue opens
 * lines (parse_opening_weight). When no box that may carry the sentence
 * on meets that (the first box is a heading, opens as the open line's
 * paragraph did or as the issue opens lines), the weights alone decide. */
int
parse_completing_box(const Parse *p, const Line *open, const Box *boxes, size_t n)
{
	int spans[JOIN_FIRST_BOXES], evident[JOIN_FIRST_BOXES], longest = -1, best = -1, any = 0, open_lead;
	size_t may_before[JOIN_FIRST_BOXES];	/* boxes before k that may carry it on */
	size_t k, seen = 0, scanned;
	double best_weight = 0;
	ParsePairs words;

	/* The runs to each box up to the last that may be taken. */
	for (k = 0; k < n && k < JOIN_FIRST_BOXES && seen < JOIN_NEAR_BOXES; k++) {
		const Line *first = &p->lines[boxes[k].first];

		spans[k] = parse_join_span(p, open, first);
		evident[k] = (k == 0 && parse_opening_weight(p, first) <= 0)
		    || (spans[k] >= JOIN_EVIDENT_SPAN && spans[k] > longest);
		if (spans[k] > longest)
			longest = spans[k];
		may_before[k] = seen;
		if (parse_may_complete(open, first)) {
			any |= evident[k];
			seen++;
		}
	}
	scanned = k;
	open_lead = parse_leads_within(open, LEAD_OPEN_MIN, LEAD_OPEN_MAX);
	parse_pairs_collect(open, SIZE_MAX, &words);
	for (k = 0; k < scanned; k++) {
		const Line *first = &p->lines[boxes[k].first];
		double weight;

		if (!parse_may_complete(open, first) || (any && !evident[k]))
			continue;
		weight = parse_join_weight(p, open, first) + parse_span_weight(spans[k])
		    - OPENING_WEIGHT * parse_opening_weight(p, first) + (k == 0 ? JOIN_FIRST_PRIOR : 0)
		    - (k >= JOIN_FAR_BOX && may_before[k] >= JOIN_FAR_MAY ? JOIN_FAR_PENALTY : 0)
		    + COHESION_WEIGHT * parse_pairs_shared(&words, first, COHESION_CHARS)
		    + ECHO_WEIGHT * parse_echo_gap(p, boxes, n, k) + parse_first_sentence_weight(first)
		    - (open_lead && parse_leads_within(first, LEAD_BOX_MIN, LEAD_BOX_MAX) ? LEAD_WEIGHT : 0)
		    - (parse_box_ends_open(p, &boxes[k]) ? ENDS_OPEN_WEIGHT : 0)
		    - (may_before[k] > 0 && parse_follows_headings(p, boxes, k) ? UNDER_HEADINGS_WEIGHT : 0);
		if (best < 0 || weight > best_weight) {
			best = (int)k;
			best_weight = weight;
		}
	}
	parse_pairs_free(&words);
	return best;
}
