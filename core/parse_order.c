/* The printed reading order: the text boxes of a page put back in the
 * order the magazine prints them, from evidence in the text itself (see
 * README, "Reading order"): numbering sequences, the extraction's habit of
 * emitting a heading box after the body it heads, and which box completes
 * a sentence left open at the foot of the page before. Also the stray "?"
 * that stands for a lost thin space. */
#define _GNU_SOURCE	/* memmem */
#include "config.h"

#include <limits.h>
#include <math.h>

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "parse.h"
#include "xalloc.h"

/* A page of more boxes than this is not reordered (k! orders are tried). */
#define ORDER_MAX_BOXES 7
/* Headings before the last one whose answers are looked for under it. */
#define ANSWER_EARLIER	2
/* Moves of one box tried in turn on a page of more boxes. */
#define ORDER_MOVES 3
/* Boxes looked at on one page at most. */
#define ORDER_COLLECT_BOXES 64
/* Costs of what a reading order shows; the order with the least wins. */
/* An item numbered below the one before: plainer evidence than which box
 * completes a sentence left open, so dearer than COST_CONTINUATION (a
 * continuation weighed second best, emitted after later articles, is
 * read first rather than leave 第十八条 after 第二十三条). */
#define COST_INVERSION	6
#define COST_RESTART	3	/* (一) again with no heading before it */
#define COST_GAP	1	/* a number skipped */
#define COST_HEADING_END 2	/* a heading box last: it heads nothing */
#define COST_HEADINGS	2	/* two chapter headings in a row */
#define COST_CONTINUATION 5	/* the sentence left open is not completed first */
#define COST_ANSWER	2	/* a paragraph answers another question (parse_answers.c) */
/* Items numbered up to this are put back when emitted late. */
#define LATE_MAX_NUMBER 99
/* A document's title stands this many text lines above its first chapter
 * at most. */
#define DOCUMENT_OPENS_WITHIN 8
/* A document's title is no longer than this. */
#define DOCUMENT_TITLE_MAX_CHARS 40
/* A sentence left open with nothing to carry it on is looked for on its
 * page and this many pages after. */
#define FAR_JOIN_PAGES 2
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
#define COHESION_CHARS 120
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
/* Of two orders equally dear and equally far from the extraction's, the
 * one whose numbered headings stand over the text boxes that echo them
 * wins: the shares of each heading's Han pairs that the text box right
 * after it prints (parse_pairs_echoed), summed, in steps this large. */
#define ECHO_TIE_STEP 0.2

/* What the numbering of a line says. */
typedef enum MarkKind {
	MARK_NONE,
	MARK_CHAPTER,	/* 第三章 */
	MARK_ARTICLE,	/* 第十条 */
	MARK_TOP,	/* 三、 */
	MARK_ITEM,	/* (三) */
	MARK_LIST,	/* 3. or 3、 */
} MarkKind;

/* A run of text lines with no blank line between them: one text box. */
typedef struct Box {
	size_t	first;	/* its lines: [first, end) */
	size_t	end;
} Box;

/* What the reading so far leaves behind, for scoring what follows. */
typedef struct OrderState {
	int	chapter, article, top, item, list;	/* last numbers seen */
	int	heading_since;	/* a heading since the last item */
	int	list_heading;	/* a heading since the last list entry "3." */
	int	after_top;	/* the last line was a chapter heading "三、" */
	int	open;		/* the last line is a paragraph cut mid-sentence */
	int	restart_style;	/* items restart at (一) under each heading */
	int	list_restarts;	/* a list of paragraphs started again at 1. under a heading */
	int	list_under_top;	/* a list 1. right under 一、 or 第N章, before any (一) */
	int	item_since_top;	/* an item (一) since 一、 or 第N章 */
	int	top_since_list;	/* a chapter heading 三、 since the last list entry "3." */
	int	enumeration;	/* the last paragraph's 二是, 0 after a heading */
	ucs4_t	list_separator;	/* what follows the last list entry's number: . 、 ﹒ */
	const Line *last;	/* the last line read, or NULL */
	const Line *heading;	/* the last heading read, and those before */
	const Line *earlier[ANSWER_EARLIER];
} OrderState;

/* Returns the value of the Chinese numeral (or ASCII digits) at s, the
 * bytes it takes in *used; 0 when there is none. */
int
parse_numeral_value(const char *s, size_t *used)
{
	static const char *const digits[] = {
		"\xe9\x9b\xb6", "\xe4\xb8\x80", "\xe4\xba\x8c", "\xe4\xb8\x89", "\xe5\x9b\x9b",	/* 零一二三四 */
		"\xe4\xba\x94", "\xe5\x85\xad", "\xe4\xb8\x83", "\xe5\x85\xab", "\xe4\xb9\x9d",	/* 五六七八九 */
	};
	const char *p = s;
	int value = 0, unit = 0, d, found;

	if (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9' && value < 10000)
			value = value * 10 + (*p++ - '0');
		*used = (size_t)(p - s);
		return value;
	}
	for (;;) {
		found = 0;
		for (d = 0; d < 10; d++)
			if (strncmp(p, digits[d], 3) == 0) {
				unit = unit * 10 + d;
				p += 3;
				found = 1;
				break;
			}
		if (found)
			continue;
		if (strncmp(p, "\xe5\x8d\x81", 3) == 0) {		/* 十 */
			value += (unit == 0 ? 1 : unit) * 10;
			unit = 0;
			p += 3;
		} else if (strncmp(p, "\xe7\x99\xbe", 3) == 0) {	/* 百 */
			value += (unit == 0 ? 1 : unit) * 100;
			unit = 0;
			p += 3;
		} else
			break;
	}
	*used = (size_t)(p - s);
	return *used == 0 ? 0 : value + unit;
}

/* Returns what the numbering at the start of text is, with its value. An
 * item whose opening bracket the extraction lost ("七)") is still one. */
static MarkKind
parse_order_mark(const char *text, int *value)
{
	const char *s = text;
	size_t used;

	*value = 0;
	if (strncmp(s, "\xe7\xac\xac", 3) == 0) {		/* 第 */
		*value = parse_numeral_value(s + 3, &used);
		if (*value == 0)
			return MARK_NONE;
		s += 3 + used;
		while (*s == ' ')
			s++;
		if (strncmp(s, "\xe7\xab\xa0", 3) == 0)		/* 章 */
			return MARK_CHAPTER;
		return strncmp(s, "\xe6\x9d\xa1", 3) == 0 ? MARK_ARTICLE : MARK_NONE;	/* 条 */
	}
	if (*s == '(')
		s++;
	else if (strncmp(s, "\xef\xbc\x88", 3) == 0)		/* （ */
		s += 3;
	else
		s = text = parse_skip_label(text);
	if (*s >= '0' && *s <= '9') {
		if (s != text)
			return MARK_NONE;
		*value = parse_numeral_value(s, &used);
		s += used;
		if (used > 2)
			return MARK_NONE;
		if (strncmp(s, "\xe3\x80\x81", 3) == 0)	/* 、 */
			return MARK_LIST;
		/* "3." "3．" "3﹒" but not a decimal "3.5" */
		if (*s == '.')
			s += 1;
		else if (strncmp(s, "\xef\xbc\x8e", 3) == 0 || strncmp(s, "\xef\xb9\x92", 3) == 0)
			s += 3;
		else
			return MARK_NONE;
		return *s != '\0' && !(*s >= '0' && *s <= '9') ? MARK_LIST : MARK_NONE;
	}
	*value = parse_numeral_value(s, &used);
	if (*value == 0)
		return MARK_NONE;
	s += used;
	if (*s == ')' || strncmp(s, "\xef\xbc\x89", 3) == 0)	/* ） */
		return MARK_ITEM;
	if (s - text == (long)used && strncmp(s, "\xe3\x80\x81", 3) == 0)	/* 、 */
		return MARK_TOP;
	return MARK_NONE;
}

/* Returns the character after the number of line, a list entry (3. 3、
 * 3﹒, after a label as in 附件:1.), 0 when none follows; sets *after, when
 * not NULL, to the byte after it. */
static ucs4_t
parse_list_separator(const Line *line, const char **after)
{
	const char *s = parse_skip_label(line->text);
	const char *end = line->text + line->length;
	ucs4_t uc = 0;
	int n = 0;

	while (s < end && *s >= '0' && *s <= '9')
		s++;
	if (s < end && (n = u8_mbtouc(&uc, (const uint8_t *)s, (size_t)(end - s))) < 0)
		n = 1;
	if (after != NULL)
		*after = s + n;
	return uc;
}

/* Returns non-zero when the list number that opens line is closed by 、
 * (3、: tasks a document numbers on across its chapters), not by a full
 * stop (3.: a list under one heading). */
static int
parse_list_by_comma(const Line *line)
{
	return parse_list_separator(line, NULL) == 0x3001;	/* 、 */
}

/* Returns what the numbering of line is, with its value (found once:
 * an order's cost reads each line thousands of times). */
static MarkKind
parse_line_mark(const Line *line, int *value)
{
	if (line->mark < 0) {
		((Line *)line)->mark = (int)parse_order_mark(line->text, value);	/* a cache, not a change */
		((Line *)line)->mark_value = *value;
	}
	*value = line->mark_value;
	return (MarkKind)line->mark;
}

/* Returns non-zero when text opens a chapter: "三、…" or "第三章…". */
int
parse_is_chapter(const char *text)
{
	int value;
	MarkKind mark = parse_order_mark(text, &value);

	return mark == MARK_TOP || mark == MARK_CHAPTER;
}

/* Returns the cost of a number coming after last: 0 for the next one. */
static int
parse_sequence_cost(int value, int last)
{
	if (value == last + 1)
		return 0;
	return value > last ? COST_GAP : COST_INVERSION;
}

/* Returns the number of the enumeration that opens line (2 for 二是…),
 * 0 for none: a Chinese numeral (not digits: 2是 is none), then 是. Found
 * once, as the mark is. */
int
parse_line_enumeration(const Line *line)
{
	size_t used;
	int value = 0;

	if (line->enumeration >= 0)
		return line->enumeration;
	if ((unsigned char)line->text[0] >= 0x80) {
		value = parse_numeral_value(line->text, &used);
		if (value <= 0 || used >= line->length || strncmp(line->text + used, "\xe6\x98\xaf", 3) != 0)	/* 是 */
			value = 0;
	}
	((Line *)line)->enumeration = value;	/* a cache, not a change */
	return value;
}

/* Returns non-zero when line, numbered as a list entry (附件:1. or 2.),
 * has no punctuation but brackets and quotes after its number: a caption
 * or a name (2.全国一体化…技术架构图), which leaves no sentence open. */
static int
parse_is_bare_entry(const Line *line)
{
	const char *after, *end = line->text + line->length;
	const uint8_t *s;
	ucs4_t uc;
	int n;

	parse_list_separator(line, &after);
	for (s = (const uint8_t *)after; s < (const uint8_t *)end; s += n) {
		n = u8_mbtouc(&uc, s, (size_t)((const uint8_t *)end - s));
		if (n <= 0 || uc_is_general_category(uc, UC_CATEGORY_Po))
			return 0;
	}
	return 1;
}

/* Reads one line into the state; returns what it costs there. */
static int
parse_order_read(OrderState *st, const Line *line)
{
	int value, cost = 0, was_top = st->after_top, bare, enumeration;
	ucs4_t separator;
	MarkKind mark = parse_line_mark(line, &value);

	st->after_top = 0;
	if (mark != MARK_NONE && mark != MARK_LIST)
		st->list_heading = 1;
	switch (mark) {
	case MARK_CHAPTER:
		cost = parse_sequence_cost(value, st->chapter) + (was_top ? COST_HEADINGS : 0);
		st->chapter = value;
		st->top = st->list = 0;
		st->list_under_top = st->item_since_top = 0;
		st->heading_since = st->after_top = 1;
		break;
	case MARK_ARTICLE:
		cost = parse_sequence_cost(value, st->article);
		st->article = value;
		st->list = 0;
		st->heading_since = 1;
		break;
	case MARK_TOP:
		bare = parse_line_is_chapter_heading(line);
		if (value == 1 && st->heading_since)
			cost = 0;
		else
			cost = value == 1 && st->top > 0 ? COST_RESTART : parse_sequence_cost(value, st->top);
		/* A list of numbered paragraphs (一、组织宣贯培训。面向…)
		 * may start right under a heading, and heads nothing itself. */
		if (was_top && (bare || value != 1))
			cost += COST_HEADINGS;
		st->top = value;
		st->heading_since = st->top_since_list = 1;
		st->after_top = bare;
		st->list_under_top = st->item_since_top = 0;
		break;
	case MARK_ITEM:
		if (st->heading_since) {
			if (value == 1)
				cost = 0;
			else if (st->restart_style)
				cost = COST_RESTART;
			else
				cost = parse_sequence_cost(value, st->item);
		} else
			cost = value == 1 && st->item > 0 ? COST_RESTART : parse_sequence_cost(value, st->item);
		/* A chapter's items come before any list of its own: in
		 * 1. 2. (一) 1. the (一) was emitted late. */
		if (value == 1 && st->list_under_top && !st->item_since_top)
			cost += COST_RESTART;
		st->item_since_top = 1;
		st->item = value;
		/* lists may number on across items */
		st->heading_since = 0;
		break;
	case MARK_LIST:
		/* A list numbered in another style (2﹒ after 2.) is another
		 * list. */
		separator = parse_list_separator(line, NULL);
		if (st->list > 0 && separator != st->list_separator)
			st->list = 0;
		st->list_separator = separator;
		/* A list may start again under a heading; it may not run
		 * back. */
		if (value == 1 && !st->item_since_top)
			st->list_under_top = 1;
		if (value == 1) {
			cost = st->list > 0 && !st->list_heading ? COST_RESTART : 0;
			if (st->list > 0 && st->list_heading && parse_line_kind(line) == BLOCK_PARAGRAPH)
				st->list_restarts = 1;
		} else {
			cost = parse_sequence_cost(value, st->list);
			/* A list of paragraphs that started again under a
			 * heading does not number on across one (1. 2. (二)
			 * 3.); captions may (1.…架构图 (二) 2.…架构图). */
			if (st->list_heading && st->list_restarts && parse_line_kind(line) == BLOCK_PARAGRAPH)
				cost += COST_RESTART;
			/* Nor does a list 3. across a chapter heading: 3. 二、
			 * (一) 4. had its 二、 (一) emitted after 3. Tasks
			 * numbered 3、 may number on across chapters. */
			if (st->top_since_list && !parse_list_by_comma(line))
				cost += COST_GAP;
		}
		st->list = value;
		st->list_heading = st->top_since_list = 0;
		break;
	case MARK_NONE:
		if (parse_line_kind(line) == BLOCK_HEADING
		    && !parse_line_number(line, &value, &value))
			st->heading_since = st->list_heading = 1;
		break;
	}
	/* Paragraphs enumerated 一是, 二是… do not run back; the first of
	 * them may stand inside the paragraph before, but not when a
	 * heading stands there. A heading or a numbered line starts them
	 * again. A dead copy (Line.copy), dropped later, is none of them. */
	enumeration = mark == MARK_NONE && !line->copy ? parse_line_enumeration(line) : 0;
	if (enumeration > 1 && enumeration <= st->enumeration)
		cost += COST_INVERSION;
	else if (enumeration > 1 && st->last != NULL && parse_line_kind(st->last) == BLOCK_HEADING)
		cost += COST_GAP;
	if (enumeration > 0)
		st->enumeration = enumeration;
	else if (mark != MARK_NONE || parse_line_kind(line) == BLOCK_HEADING)
		st->enumeration = 0;
	if (parse_line_kind(line) == BLOCK_HEADING || parse_is_question(line)) {
		memmove(st->earlier + 1, st->earlier, (ANSWER_EARLIER - 1) * sizeof *st->earlier);
		st->earlier[0] = st->heading;
		st->heading = line;
	}
	st->open = parse_line_kind(line) == BLOCK_PARAGRAPH && parse_line_chars(line) >= 10
	    && !parse_line_ends_sentence(line) && !line->copy && !(mark == MARK_LIST && parse_is_bare_entry(line));
	st->last = line;
	return cost;
}

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
static int
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

/* Returns non-zero when the last text line of box b is a paragraph cut
 * mid-sentence. */
static int
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
 * mid-sentence, less by ENDS_OPEN_WEIGHT.
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
static int
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
		    - (parse_box_ends_open(p, &boxes[k]) ? ENDS_OPEN_WEIGHT : 0);
		if (best < 0 || weight > best_weight) {
			best = (int)k;
			best_weight = weight;
		}
	}
	parse_pairs_free(&words);
	return best;
}

/* Returns non-zero when an article's start, title or source line lies in
 * lines [from, to): boxes are never moved across one. */
static int
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

/* Returns non-zero when line has a document title's shape: short, no
 * comma, ends no sentence, no numbering and no lone number. */
int
parse_title_shaped(const Line *line)
{
	int value;

	return parse_line_chars(line) <= DOCUMENT_TITLE_MAX_CHARS && !parse_line_ends_sentence(line)
	    && !parse_is_numbered(line->text) && parse_line_mark(line, &value) == MARK_NONE
	    && !parse_line_number(line, &value, &value) && strstr(line->text, "\xef\xbc\x8c") == NULL
	    && strchr(line->text, ',') == NULL;
}

/* Returns non-zero when line i is a document's own title: a short line
 * with no comma that ends no sentence and is no numbered item, followed
 * within a few text lines by the document's first chapter ("一、" or
 * "第一章"). Not the start of a longer line printed again, cut short
 * (Line.copy), however much it looks like a title. Not when a sentence
 * closes on a later page before that
 * chapter and another such line follows it: line i is then a paragraph
 * cut at a page's foot (…、加强宣 | 传推广…。), and the later line, right
 * above the chapter, is the title. */
int
parse_opens_document(const Parse *p, size_t i)
{
	size_t j, seen = 0;
	int value, sentence_after = 0;

	if (!parse_title_shaped(&p->lines[i]) || p->lines[i].copy)
		return 0;
	for (j = i + 1; j < p->body_end && seen < DOCUMENT_OPENS_WITHIN; j++) {
		const Line *line = &p->lines[j];
		MarkKind mark;

		if (parse_marks_article(p, j, j + 1))
			return 0;	/* the next article's */
		if (line->role != ROLE_TEXT && line->role != ROLE_TITLE)
			continue;
		mark = parse_line_mark(line, &value);
		if ((mark == MARK_TOP || mark == MARK_CHAPTER) && value == 1)
			return 1;
		if (mark != MARK_NONE)
			return 0;
		if (sentence_after && parse_title_shaped(line))
			return 0;
		if (line->page > p->lines[i].page && parse_line_kind(line) == BLOCK_PARAGRAPH
		    && parse_line_ends_sentence(line))
			sentence_after = 1;
		seen++;
	}
	return 0;
}

/* Returns non-zero when box a is a lone item heading "(三)…" and box b,
 * right below it on its page, a plain paragraph: the item's text, one box;
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
	return 1;
}

/* Returns the characters of box b's lines. */
static size_t
parse_box_chars(const Parse *p, const Box *b)
{
	size_t i, n = 0;

	for (i = b->first; i < b->end; i++)
		n += parse_line_chars(&p->lines[i]);
	return n;
}

/* Returns non-zero when box b is the banner over the document whose title
 * is box title: headings with no numbering (规划全文), shorter than the
 * title. */
static int
parse_is_banner(const Parse *p, const Box *b, const Box *title)
{
	int value;

	return b != title && parse_box_is_heading(p, b) && parse_line_mark(&p->lines[b->first], &value) == MARK_NONE
	    && parse_box_chars(p, b) < parse_box_chars(p, title);
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

/* Returns non-zero when box k of a page's boxes[0, n) is a document's
 * own title: it opens the document (parse_opens_document), or it has a
 * title's shape and the document's first chapter (一、 or 第一章) was
 * emitted before it on the page, as box *chapter (else *chapter is n). */
static int
parse_box_opens_document(const Parse *p, const Box *boxes, size_t n, size_t k, size_t *chapter)
{
	size_t c;
	int value;
	MarkKind mark;

	*chapter = n;
	if (parse_opens_document(p, boxes[k].first))
		return 1;
	if (boxes[k].end - boxes[k].first != 1 || !parse_box_is_heading(p, &boxes[k])
	    || !parse_title_shaped(&p->lines[boxes[k].first]))
		return 0;
	for (c = 0; c < k; c++) {
		mark = parse_line_mark(&p->lines[boxes[c].first], &value);
		if ((mark == MARK_TOP || mark == MARK_CHAPTER) && value == 1) {
			*chapter = c;
			return 1;
		}
	}
	return 0;
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

/* Writes into out order with its box at from moved to stand before the
 * one at to (last, when to is n). */
static void
parse_move_box(const size_t *order, size_t n, size_t from, size_t to, size_t *out)
{
	size_t x, at = 0;

	for (x = 0; x <= n; x++) {
		if (x == to)
			out[at++] = order[from];
		if (x < n && x != from)
			out[at++] = order[x];
	}
}

/* Finds a good reading order of boxes[0, n) (any n up to
 * ORDER_COLLECT_BOXES) into best, too many to try every one: from the
 * extraction's order, the single move of one box to another place that
 * lowers the cost most (the nearest on a tie), again while one does, at
 * most ORDER_MOVES times. The extraction's habits each move one box: a
 * heading emitted after its items, a continuation after a decoy. Returns
 * the cost. */
static int
parse_best_moves(const Parse *p, const OrderState *st, const Box *boxes, const PageFacts *f, size_t n,
    int completing, int end_ok, size_t *best)
{
	size_t perm[ORDER_COLLECT_BOXES], k, from, to, round;
	int cost;

	for (k = 0; k < n; k++)
		best[k] = k;
	cost = parse_order_cost(p, st, boxes, f, best, n, completing, end_ok, INT_MAX);
	for (round = 0; round < ORDER_MOVES && cost > 0; round++) {
		int round_cost = cost;
		size_t round_distance = 0, best_from = 0, best_to = 0;

		for (from = 0; from < n; from++)
			for (to = 0; to <= n; to++) {
				size_t distance;
				int c;

				if (to == from || to == from + 1)
					continue;
				parse_move_box(best, n, from, to, perm);
				c = parse_order_cost(p, st, boxes, f, perm, n, completing, end_ok,
				    round_cost);
				if (c > round_cost)
					continue;
				distance = parse_order_distance(f, perm, n);
				if (c < round_cost || (c == round_cost && c < cost && distance < round_distance)) {
					round_cost = c;
					round_distance = distance;
					best_from = from;
					best_to = to;
				}
			}
		if (round_cost >= cost)
			break;
		parse_move_box(best, n, best_from, best_to, perm);
		memcpy(best, perm, n * sizeof *perm);
		cost = round_cost;
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

static int parse_box_is_heading(const Parse *, const Box *);

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
		while (i < p->body_end && p->lines[i].role == ROLE_TEXT && p->lines[i].page == line->page
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
static size_t
parse_article_end(const Parse *p, size_t i)
{
	size_t k, end = p->body_end;

	for (k = 0; k < p->nentries; k++)
		if (p->entries[k].start != NO_LINE && p->entries[k].start > i && p->entries[k].start < end)
			end = p->entries[k].start;
	return end;
}


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
static int
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
			int cost = parse_best_order(p, &st, boxes, n, end, perm);
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
static void
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

/* Returns non-zero when the clause of text ending at byte end asks a
 * question: it holds an interrogative word (什么, 哪, 怎, 何, 吗, 呢, 谁,
 * 几, 多少, 是否). */
static int
parse_clause_asks(const char *text, size_t end)
{
	static const char *const asking[] = {
		"\xe4\xbb\x80\xe4\xb9\x88", "\xe5\x93\xaa", "\xe6\x80\x8e", "\xe4\xbd\x95", "\xe5\x90\x97",
		"\xe5\x91\xa2", "\xe8\xb0\x81", "\xe5\x87\xa0", "\xe5\xa4\x9a\xe5\xb0\x91", "\xe6\x98\xaf\xe5\x90\xa6",
	};
	const uint8_t *start = (const uint8_t *)text, *s = start + end;
	ucs4_t uc;
	size_t k, from;

	/* Back to the clause's start: the last clause punctuation. */
	while (s > start && (s = u8_prev(&uc, s, start)) != NULL) {
		if (uc == 0x3002 || uc == 0xff0c || uc == ',' || uc == 0xff1b || uc == ';' || uc == 0xff01
		    || uc == '!' || uc == '?' || uc == 0xff1f) {
			s += u8_mblen(s, 4);
			break;
		}
	}
	from = s == NULL ? 0 : (size_t)(s - start);
	for (k = 0; k < sizeof asking / sizeof asking[0]; k++) {
		const char *hit = memmem(text + from, end - from, asking[k], strlen(asking[k]));

		if (hit != NULL)
			return 1;
	}
	return 0;
}

/* Returns non-zero for a Han character or an opening quote or bracket. */
static int
parse_is_han_or_opening(ucs4_t uc)
{
	return uc_is_property_ideographic(uc) || uc == 0x201c || uc == 0x2018 || uc == 0x300a
	    || uc == 0x300c || uc == 0xff08;
}

/* Returns non-zero when the "?" at byte q of line text stands for a lost
 * thin space, not a question: after a comma or a colon, beside a digit, or
 * inside a run of Han text (or after a Latin letter, "5G?网络") whose
 * clause asks nothing. A "?" that ends the
 * line is a question. */
int
parse_is_stray_question(const char *text, size_t len, size_t q)
{
	const uint8_t *start = (const uint8_t *)text;
	ucs4_t before, after;

	if (q == 0 || q + 1 >= len)
		return 0;
	if (u8_prev(&before, start + q, start) == NULL || u8_mbtouc(&after, start + q + 1, len - q - 1) <= 0)
		return 0;
	if (before == 0xff0c || before == ',' || before == 0x3001 || before == 0xff1a || before == ':')
		return 1;
	if ((before >= '0' && before <= '9') || (after >= '0' && after <= '9'))
		return 1;
	return (uc_is_property_ideographic(before) || (before < 0x80 && uc_is_alnum(before)))
	    && parse_is_han_or_opening(after) && !parse_clause_asks(text, q);
}

/* Drops each stray "?" (a lost thin space) from the text lines after the
 * contents; the lines shrink in place. */
void
parse_fix_stray_questions(Parse *p)
{
	size_t i, q, at;

	for (i = p->contents_end; i < p->nlines; i++) {
		Line *line = &p->lines[i];
		char *t = (char *)line->text, *original;

		if (line->role != ROLE_TEXT || memchr(t, '?', line->length) == NULL)
			continue;
		original = xstrdup(t);
		for (q = at = 0; q < line->length; q++) {
			if (original[q] == '?' && parse_is_stray_question(original, line->length, q))
				continue;
			t[at++] = original[q];
		}
		t[at] = '\0';
		line->length = at;
		/* counted again */
		line->chars = line->kind = line->mark = line->enumeration = line->ends = line->chapter = -1;
		free(original);
	}
}
