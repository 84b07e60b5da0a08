/* The numbering of the text's lines, for the printed reading order
 * (parse_order.c): what numbers a line (第三章 第十条 三、 (三) 3.), the
 * enumerations 一是, 二是…, and what each line costs where the numbering
 * read so far leaves off (see README, "Reading order"). */
#include "config.h"

#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "parse_order_internal.h"

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
MarkKind
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
int
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
