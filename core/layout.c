/* Text layout: line breaking by display width, and an article laid out as
 * screen lines. No terminal code here: the front end only paints. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "layout.h"
#include "text.h"
#include "xalloc.h"

/* Widths follow the terminal's idea in a UTF-8 locale: East Asian
 * ambiguous characters (“ ” · …) are narrow. */
#define LAYOUT_ENCODING "UTF-8"

/* Returns the code point at s (U+FFFD for invalid bytes) and sets *n to
 * the bytes it takes (at least 1). */
static ucs4_t
layout_decode(const uint8_t *s, size_t len, size_t *n)
{
	ucs4_t uc;
	int got = u8_mbtouc(&uc, s, len);

	*n = got > 0 ? (size_t)got : 1;
	return uc;
}

/* Returns the code point that ends just before byte i (i > 0). */
static ucs4_t
layout_char_before(const uint8_t *s, size_t i)
{
	ucs4_t uc = 0xfffd;

	if (u8_prev(&uc, s + i, s) == NULL)
		return 0xfffd;
	return uc;
}

/* Returns the columns of one code point; what cannot be shown takes none. */
static int
layout_char_width(ucs4_t uc)
{
	int w = uc_width(uc, LAYOUT_ENCODING);

	return w > 0 ? w : 0;
}

/* Returns the display width of UTF-8 text. Not libunistring's u8_width(),
 * which stops at a NUL and answers -1 for a whole text that holds one
 * control character: here what cannot be shown takes no column, and the
 * rest keeps its width. */
int
layout_width(const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t i = 0, n;
	int width = 0;

	while (i < len) {
		width += layout_char_width(layout_decode(s + i, len - i, &n));
		i += n;
	}
	return width;
}

/* Returns the end of the grapheme cluster at s (text_cluster_end()). */
static const uint8_t *
layout_cluster_end(const uint8_t *s, const uint8_t *end)
{
	const uint8_t *next = text_cluster_end(s, end);

	return next != NULL && next > s ? next : s + 1;
}

/* Returns the byte length of the grapheme at text and its width.
 * libunistring 1.0 predates two rules of UAX #29 that emoji need: a ZWJ
 * joins the pictograph after it (GB11) and regional indicators pair into a
 * flag (GB12, GB13); both are applied here on top of its clusters. */
size_t
layout_grapheme(const char *text, size_t len, int *width)
{
	const uint8_t *s = (const uint8_t *)text, *end = s + len, *next;
	ucs4_t first, last, after;
	size_t n;

	if (len == 0) {
		if (width != NULL)
			*width = 0;
		return 0;
	}
	first = layout_decode(s, len, &n);
	next = layout_cluster_end(s, end);
	while (next < end) {
		last = layout_char_before(s, (size_t)(next - s));
		after = layout_decode(next, (size_t)(end - next), &n);
		if (last == 0x200d && uc_is_property_extended_pictographic(after)) {
			next = layout_cluster_end(next, end);
		} else if (uc_is_property_regional_indicator(first) &&
		    (size_t)(next - s) == n && uc_is_property_regional_indicator(after)) {
			next = layout_cluster_end(next, end);
			break;
		} else
			break;
	}
	if (width != NULL)
		*width = layout_width(text, (size_t)(next - s));
	return (size_t)(next - s);
}

/* Returns how many bytes of whole graphemes fit in width columns. */
size_t
layout_fit(const char *text, size_t len, int width, int *used)
{
	size_t i = 0;
	int col = 0;

	while (i < len) {
		int w;
		size_t n = layout_grapheme(text + i, len - i, &w);

		if (col + w > width)
			break;
		col += w;
		i += n;
	}
	if (used != NULL)
		*used = col;
	return i;
}

/* Returns non-zero for characters laid out as East Asian (wide). */
static int
layout_is_east_asian(ucs4_t uc)
{
	return uc_width(uc, LAYOUT_ENCODING) == 2;
}

/* Returns non-zero for punctuation that must not start a line. */
static int
layout_no_start(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_Pe) ||
	    uc_is_general_category(uc, UC_CATEGORY_Pf) ||
	    uc_is_general_category(uc, UC_CATEGORY_Po);
}

/* Returns the bytes of punctuation that must not start a line at the
 * start of text. */
size_t
layout_skip_no_start(const char *text, size_t len)
{
	size_t at = 0;
	ucs4_t uc;
	int n;

	while (at < len && (n = u8_mbtouc(&uc, (const uint8_t *)text + at, len - at)) > 0 &&
	    layout_no_start(uc))
		at += (size_t)n;
	return at;
}

/* Returns non-zero for punctuation that must not end a line. */
static int
layout_no_end(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_Ps) ||
	    uc_is_general_category(uc, UC_CATEGORY_Pi);
}

/* Adjusts libunistring's break opportunities for Chinese text.
 *
 * libunistring (UAX #14 before Unicode 15.1) gives the quotes “ ” ‘ ’ the
 * class QU, whose direction is unknown, and forbids a break on either side
 * of them: 规划“好”的 cannot be broken at all. Unicode 15.1 (LB19, LB19a)
 * resolves them by their general category between East Asian characters:
 * a break may come before an opening quote (Pi) and after a closing one
 * (Pf). The middle dot of names (新江苏·中国) is ambiguous (AI, taken as
 * alphabetic) but must not start a Chinese line (CLREQ): no break before it.
 * Spaces around quotes (an extraction artifact: “十四五 ”时期) allow a break
 * after them (LB18 comes before LB19): not between a space and a closing
 * quote, nor after the spaces that follow an opening one. */
static void
layout_fix_breaks(const uint8_t *s, size_t len, char *brk)
{
	size_t i = 0, n;

	while (i < len) {
		ucs4_t uc = layout_decode(s + i, len - i, &n);
		size_t after = i + n;

		if (uc == 0x00b7 || uc == 0x2027) {
			brk[i] = UC_BREAK_PROHIBITED;
		} else if (uc_is_general_category(uc, UC_CATEGORY_Pf) && i > 0 &&
		    s[i - 1] == ' ') {
			brk[i] = UC_BREAK_PROHIBITED;
		} else if (uc_is_general_category(uc, UC_CATEGORY_Pi) && after < len &&
		    s[after] == ' ') {
			size_t j = after;

			while (j < len && s[j] == ' ')
				j++;
			if (j < len)
				brk[j] = UC_BREAK_PROHIBITED;
		} else if (i > 0 && after < len && brk[i] == UC_BREAK_PROHIBITED &&
		    uc_is_general_category(uc, UC_CATEGORY_Pi)) {
			size_t m;
			ucs4_t prev = layout_char_before(s, i);
			ucs4_t next = layout_decode(s + after, len - after, &m);

			if (layout_is_east_asian(prev) && !layout_no_end(prev) &&
			    layout_is_east_asian(next))
				brk[i] = UC_BREAK_POSSIBLE;
		} else if (i > 0 && after < len && brk[after] == UC_BREAK_PROHIBITED &&
		    uc_is_general_category(uc, UC_CATEGORY_Pf)) {
			size_t m;
			ucs4_t prev = layout_char_before(s, i);
			ucs4_t next = layout_decode(s + after, len - after, &m);

			if (layout_is_east_asian(prev) && layout_is_east_asian(next) &&
			    !layout_no_start(next) && next != 0x00b7 &&
			    !uc_is_general_category(next, UC_CATEGORY_Pd))
				brk[after] = UC_BREAK_POSSIBLE;
		}
		i = after;
	}
}

/* Growable list of lines while wrapping. */
typedef struct LineList {
	LayoutLine	*lines;
	size_t		 count;
	size_t		 size;
} LineList;

/* Appends the line text[start, end). */
static void
layout_push(LineList *list, const char *text, size_t start, size_t end)
{
	LayoutLine *line;

	if (list->count == list->size) {
		list->size = list->size ? list->size * 2 : 8;
		list->lines = xreallocarray(list->lines, list->size, sizeof *list->lines);
	}
	line = &list->lines[list->count++];
	line->start = start;
	line->end = end;
	line->width = layout_width(text + start, end - start);
}

/* Returns where to cut a line that holds no break opportunity, at or
 * before pos (a grapheme start after start): the last grapheme boundary
 * that keeps closing punctuation off the next line's start and opening
 * punctuation off this line's end, else pos itself. */
static size_t
layout_forced_cut(const char *text, size_t len, size_t start, size_t pos)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t *bounds = NULL, count = 0, size = 0, i, n, cut = pos;

	for (i = start; i < pos; i += layout_grapheme(text + i, len - i, NULL)) {
		if (count == size) {
			size = size ? size * 2 : 16;
			bounds = xreallocarray(bounds, size, sizeof *bounds);
		}
		bounds[count++] = i;
	}
	/* bounds[0] is start itself: a line needs at least one grapheme. */
	for (i = count; i > 0; i--) {
		size_t at = i == count ? pos : bounds[i];

		if (!layout_no_start(layout_decode(s + at, len - at, &n)) &&
		    !layout_no_end(layout_char_before(s, at))) {
			cut = at;
			break;
		}
	}
	free(bounds);
	return cut;
}

/* Bytes of text whose break opportunities a cursor computes at a time,
 * and the context kept on either side: line breaking looks a few
 * characters around a place, never more than this. */
#ifndef LAYOUT_WINDOW		/* the fuzz target's build makes them small */
#define LAYOUT_WINDOW	65536
#define LAYOUT_CONTEXT	512
#endif

/* Starts a cursor over text[start, stop) (no newline inside); brk, when
 * not NULL, holds the break opportunities of that whole run (brk[0] is
 * start's), else the cursor computes them a window at a time. */
void
layout_cursor_init(LayoutCursor *c, const char *text, size_t start, size_t stop, int width,
    const char *brk)
{
	memset(c, 0, sizeof *c);
	c->text = text;
	c->first = start;
	c->pos = start;
	c->stop = stop;
	c->width = width;
	c->brk = brk;
	c->window = start;
	c->trusted = brk != NULL ? stop : start;
}

/* Frees what a cursor computed. */
void
layout_cursor_free(LayoutCursor *c)
{
	free(c->own);
	c->own = NULL;
	c->brk = NULL;
}

/* Computes the break opportunities of a window that holds line_start and
 * reaches well past pos, with context before it. */
static void
layout_cursor_window(LayoutCursor *c, size_t line_start, size_t pos)
{
	const uint8_t *s = (const uint8_t *)c->text;
	size_t from = line_start, to;

	while (from > c->first && line_start - from < LAYOUT_CONTEXT)
		from--;
	while (from < line_start && (s[from] & 0xc0) == 0x80)
		from++;		/* a character's first byte */
	to = pos + LAYOUT_WINDOW < c->stop ? pos + LAYOUT_WINDOW : c->stop;
	while (to < c->stop && (s[to] & 0xc0) == 0x80)
		to++;
	free(c->own);
	c->own = xmalloc(to - from > 0 ? to - from : 1);
	if (to > from) {
		u8_possible_linebreaks(s + from, to - from, LAYOUT_ENCODING, c->own);
		layout_fix_breaks(s + from, to - from, c->own);
	}
	c->brk = c->own;
	c->window = from;
	/* What the window's end cannot see yet is computed again later. */
	c->trusted = to == c->stop ? to : to - LAYOUT_CONTEXT;
}

/* Returns non-zero when a line may break before pos. */
static int
layout_cursor_may_break(LayoutCursor *c, size_t line_start, size_t pos)
{
	if (pos >= c->trusted)
		layout_cursor_window(c, line_start, pos);
	return c->brk[pos - c->window] == UC_BREAK_POSSIBLE;
}

/* Sets [*start, *end) to the next line of the cursor's run, spaces at its
 * end not dropped; returns 0 when there is none. An empty run has one
 * empty line. */
int
layout_cursor_next(LayoutCursor *c, size_t *start, size_t *end)
{
	size_t line_start = c->pos, pos = c->pos, last_break = 0, cut = c->stop;
	int col = 0;

	if (c->done)
		return 0;
	*start = line_start;
	while (c->width > 0 && pos < c->stop) {
		int w;
		size_t n = layout_grapheme(c->text + pos, c->stop - pos, &w);

		if (pos > line_start && layout_cursor_may_break(c, line_start, pos))
			last_break = pos;
		/* Spaces hang in the margin: they never push a line over (a
		 * space a combining mark sits on is no space). */
		if (col + w > c->width && pos > line_start && (c->text[pos] != ' ' || n > 1)) {
			cut = last_break > line_start ? last_break :
			    layout_forced_cut(c->text, c->stop, line_start, pos);
			break;
		}
		col += w;
		pos += n;
	}
	c->pos = cut;
	c->done = cut == c->stop;
	/* The spaces at a break hang in the margin: not part of the line. */
	for (*end = cut; *end > line_start && c->text[*end - 1] == ' '; (*end)--)
		;
	return 1;
}

/* Breaks UTF-8 text into lines; the caller frees *lines. */
size_t
layout_wrap(const char *text, size_t len, int width, LayoutLine **lines)
{
	LineList list = { 0 };
	LayoutCursor cursor;
	size_t run = 0, i, start, end;
	char *brk = NULL;

	if (width > 0 && len > 0) {
		brk = xmalloc(len);
		u8_possible_linebreaks((const uint8_t *)text, len, LAYOUT_ENCODING, brk);
		layout_fix_breaks((const uint8_t *)text, len, brk);
	}
	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		layout_cursor_init(&cursor, text, run, i, width, brk != NULL ? brk + run : NULL);
		while (layout_cursor_next(&cursor, &start, &end))
			layout_push(&list, text, start, end);
		run = i + 1;
	}
	free(brk);
	*lines = list.lines;
	return list.count;
}

/* Returns the bytes of a run of Chinese numerals (han) or ASCII and
 * full-width digits (not han) at s, or 0. */
static size_t
layout_numeral_run(const uint8_t *s, size_t len, int han)
{
	size_t at = 0;
	ucs4_t uc;
	int n;

	while (at < len && (n = u8_mbtouc(&uc, s + at, len - at)) > 0) {
		if (han ? !text_is_han_numeral(uc) :
		    !((uc >= '0' && uc <= '9') || (uc >= 0xff10 && uc <= 0xff19)))
			break;
		at += (size_t)n;
	}
	return at;
}

/* Returns the character at s (0 at the end) and its length in *n. */
static ucs4_t
layout_char_at(const uint8_t *s, size_t len, int *n)
{
	ucs4_t uc = 0;

	*n = len > 0 ? u8_mbtouc(&uc, s, len) : 0;
	return *n > 0 ? uc : 0;
}

/* Returns the level of a heading from its numbering: 1 for 一、 and 第N章,
 * 2 for (一) and 第N条, 3 for 1. 1、 and (1); 1 when it has none. */
int
layout_heading_level(const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t run;
	ucs4_t uc;
	int n;

	uc = layout_char_at(s, len, &n);
	if (uc == '(' || uc == 0xff08) {	/* ( （ */
		int han = (run = layout_numeral_run(s + n, len - (size_t)n, 1)) > 0;

		if (!han)
			run = layout_numeral_run(s + n, len - (size_t)n, 0);
		if (run > 0) {
			uc = layout_char_at(s + n + run, len - (size_t)n - run, &n);
			if (uc == ')' || uc == 0xff09)
				return han ? 2 : 3;
		}
		return 1;
	}
	if (uc == 0x7b2c) {	/* 第N章, 第N条 */
		run = layout_numeral_run(s + n, len - (size_t)n, 1);
		if (run == 0)
			run = layout_numeral_run(s + n, len - (size_t)n, 0);
		uc = layout_char_at(s + n + run, len - (size_t)n - run, &n);
		return run > 0 && uc == 0x6761 ? 2 : 1;	/* 条 */
	}
	if ((run = layout_numeral_run(s, len, 0)) > 0) {
		uc = layout_char_at(s + run, len - run, &n);
		return uc == '.' || uc == 0xff0e || uc == 0x3001 ? 3 : 1;	/* . ． 、 */
	}
	return 1;
}

