/* An article's outline: headings found by their numbering, nested by the
 * order of the numbering kinds (a stack of the kinds open above), the
 * un-numbered headings as roots. See outline.h and README. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "outline.h"
#include "text.h"
#include "xalloc.h"

/* A numbered paragraph's first sentence is its run-in title when it is at
 * most this many characters ("(一)指导思想。以……"); longer, it is text. */
#define OUTLINE_RUN_IN_MAX_CHARS 30
/* Lists restarted inside lists nest no deeper than this; a deeper one
 * continues its list. Each kind is open once otherwise, so the entries
 * open never outnumber it. */
#define OUTLINE_MAX_DEPTH (2 * OUTLINE_NONE)
/* Numbers longer than this are not heading numbers (一百二十三 has 5). */
#define OUTLINE_NUMBER_MAX_CHARS 6

struct Outline {
	OutlineEntry	*entries;
	size_t		 count;
	size_t		 size;
};

/* Returns the value of a Chinese digit (零 to 九, 两), or -1. */
static int
outline_han_digit(ucs4_t uc)
{
	static const ucs4_t digits[] = {
		0x96f6, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d, 0x4e03, 0x516b, 0x4e5d,
	};
	int d;

	if (uc == 0x3007)	/* 〇 */
		return 0;
	if (uc == 0x4e24)	/* 两 */
		return 2;
	for (d = 0; d < 10; d++)
		if (digits[d] == uc)
			return d;
	return -1;
}

/* Reads the character at *at (below end) into *uc and moves past it;
 * returns 0, or -1 at the end or on an invalid byte. */
static int
outline_next(const char *text, size_t len, size_t *at, ucs4_t *uc)
{
	int n;

	if (*at >= len)
		return -1;
	n = u8_mbtouc(uc, (const uint8_t *)text + *at, len - *at);
	if (n <= 0 || *uc == 0xfffd)
		return -1;
	*at += (size_t)n;
	return 0;
}

/* Skips the number at *at: Chinese numerals (han) or ASCII digits.
 * Returns how many characters it has (0: none). */
static size_t
outline_skip_number(const char *text, size_t len, size_t *at, int han, int spaces)
{
	size_t count = 0, next = *at;
	ucs4_t uc;

	while (outline_next(text, len, &next, &uc) == 0) {
		if (han ? !text_is_han_numeral(uc) : !(uc >= '0' && uc <= '9')) {
			if (!(spaces && uc == ' '))
				break;
		} else
			count++;
		*at = next;
	}
	return count <= OUTLINE_NUMBER_MAX_CHARS ? count : 0;
}

/* Skips spaces (ASCII and ideographic) at *at. */
static void
outline_skip_spaces(const char *text, size_t len, size_t *at)
{
	size_t next = *at;
	ucs4_t uc;

	while (outline_next(text, len, &next, &uc) == 0 && (uc == ' ' || uc == 0x3000))
		*at = next;
}

/* Classifies 第N章 and its kin after the 第 at *at; OUTLINE_NONE when not. */
static OutlineKind
outline_ordinal(const char *text, size_t len, size_t *at)
{
	size_t next = *at;
	ucs4_t uc;

	if (outline_skip_number(text, len, &next, 1, 1) == 0 &&
	    outline_skip_number(text, len, &next, 0, 1) == 0)
		return OUTLINE_NONE;
	if (outline_next(text, len, &next, &uc) != 0)
		return OUTLINE_NONE;
	*at = next;
	switch (uc) {
	case 0x7f16:	/* 编 */
		return OUTLINE_PART;
	case 0x7ae0:	/* 章 */
		return OUTLINE_CHAPTER;
	case 0x8282:	/* 节 */
		return OUTLINE_SECTION;
	case 0x6761:	/* 条 */
		return OUTLINE_CLAUSE;
	default:
		return OUTLINE_NONE;
	}
}

/* Classifies the numbering that opens text. */
OutlineKind
outline_numbering(const char *text, size_t len, size_t *marker)
{
	size_t at = 0, after;
	ucs4_t uc, first;
	OutlineKind kind = OUTLINE_NONE;
	int paren;

	*marker = 0;
	if (outline_next(text, len, &at, &first) != 0)
		return OUTLINE_NONE;
	if (first == 0x7b2c) {		/* 第 */
		kind = outline_ordinal(text, len, &at);
	} else {
		paren = first == '(' || first == 0xff08;
		if (!paren)
			at = 0;
		after = at;
		if (outline_skip_number(text, len, &at, 1, 0) > 0) {
			if (outline_next(text, len, &at, &uc) != 0)
				return OUTLINE_NONE;
			/* The opening bracket is lost in places ("七)推进……"). */
			if (uc == ')' || uc == 0xff09)
				kind = OUTLINE_HAN_PAREN;
			else if (uc == 0x3001 && !paren)	/* 、 */
				kind = OUTLINE_HAN;
		} else if (at = after, outline_skip_number(text, len, &at, 0, 0) > 0) {
			if (outline_next(text, len, &at, &uc) != 0)
				return OUTLINE_NONE;
			if (paren && (uc == ')' || uc == 0xff09))
				kind = OUTLINE_ARABIC_PAREN;
			else if (!paren && (uc == '.' || uc == 0xff0e || uc == 0x3001)) {
				size_t peek = at;

				/* "1.5倍" is a number, not "1." */
				if (outline_next(text, len, &peek, &uc) == 0 && uc >= '0' && uc <= '9')
					return OUTLINE_NONE;
				kind = OUTLINE_ARABIC;
			}
		}
	}
	if (kind == OUTLINE_NONE)
		return OUTLINE_NONE;
	outline_skip_spaces(text, len, &at);
	if (at >= len)
		return OUTLINE_NONE;	/* a number alone names nothing */
	*marker = at;
	return kind;
}

/* Returns the value of the first number in text. */
int
outline_number_value(const char *text, size_t len)
{
	size_t at = 0;
	ucs4_t uc;
	int total = 0, digit = 0, d, unit;
	enum { NONE, HAN, ASCII } in = NONE;

	while (outline_next(text, len, &at, &uc) == 0 && total <= 100000) {
		if (uc >= '0' && uc <= '9' && in != HAN) {
			in = ASCII;
			total = total * 10 + (int)(uc - '0');
		} else if (in == ASCII) {
			break;
		} else if ((d = outline_han_digit(uc)) >= 0) {
			digit = d;
			in = HAN;
		} else if (uc == 0x5341 || uc == 0x767e || uc == 0x5343) {	/* 十 百 千 */
			unit = uc == 0x5341 ? 10 : uc == 0x767e ? 100 : 1000;
			total += (digit == 0 && in == NONE ? 1 : digit) * unit;
			digit = 0;
			in = HAN;
		} else if (in == HAN)
			break;
	}
	return total + digit;
}

/* Returns the byte length of text's first stretch up to (not including)
 * the first character of stops (code points, 0-terminated) at or after
 * byte from, or len when none; sets *stop to that character (0: none) and
 * *chars to the characters from from to it. */
static size_t
outline_until(const char *text, size_t len, size_t from, const ucs4_t *stops, ucs4_t *stop,
    size_t *chars)
{
	size_t at = from, before, i;
	ucs4_t uc;

	*stop = 0;
	*chars = 0;
	for (;;) {
		before = at;
		if (outline_next(text, len, &at, &uc) != 0)
			return len;
		for (i = 0; stops[i] != 0; i++)
			if (stops[i] == uc) {
				*stop = uc;
				return before;
			}
		(*chars)++;
	}
}

/* The characters that end a sentence or a clause. */
static const ucs4_t outline_sentence_stops[] = {
	0x3002, 0xff01, 0xff1f, 0xff1b, 0xff1a, ';', ':', '!', '?', 0,	/* 。!?;: */
};
static const ucs4_t outline_clause_stops[] = {
	0x3002, 0xff01, 0xff1f, 0xff1b, 0xff1a, 0xff0c, ';', ':', '!', '?', ',', 0,
};

/* Returns the heading a numbered block gives, or NULL when it is not one:
 * a heading block's whole text, unless it ends like an item of a list; a
 * clause's number and first phrase; a paragraph's short run-in title. The
 * caller frees it. */
static char *
outline_numbered_text(const Block *b, OutlineKind kind, size_t marker)
{
	ucs4_t stop, last = 0;
	size_t chars, end, at;

	if (kind == OUTLINE_CLAUSE || (kind < OUTLINE_CLAUSE && b->kind == BLOCK_PARAGRAPH)) {
		end = outline_until(b->text, b->length, marker, outline_clause_stops, &stop, &chars);
		return xstrndup(b->text, end);
	}
	if (b->kind == BLOCK_HEADING) {
		for (at = 0; at < b->length;)
			if (outline_next(b->text, b->length, &at, &last) != 0)
				break;
		if (last == 0xff1b || last == ';' || last == 0xff0c || last == ',' || last == 0x3001)
			return NULL;
		/* "(一)发展现状。" heads its text as "(一)发展现状" would. */
		if (last == 0x3002 && b->length > marker + 3)
			return xstrndup(b->text, b->length - 3);
		return xstrndup(b->text, b->length);
	}
	end = outline_until(b->text, b->length, marker, outline_sentence_stops, &stop, &chars);
	if (stop != 0x3002 || chars == 0 || chars > OUTLINE_RUN_IN_MAX_CHARS ||
	    end + strlen("\xe3\x80\x82") >= b->length)
		return NULL;
	return xstrndup(b->text, end);
}

/* Returns non-zero when text is only ASCII digits: a number printed on a
 * line of its own ("01" before a heading, a figure's label). */
static int
outline_only_digits(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] < '0' || text[i] > '9')
			return 0;
	return len > 0;
}

/* Returns non-zero when an un-numbered heading is a line of a signature
 * rather than a title: a date ("2021年12月18日") or "职务:姓名". */
static int
outline_is_signature(const char *text, size_t len)
{
	static const ucs4_t colons[] = { 0xff1a, ':', 0 };
	static const char day[] = "\xe6\x97\xa5";	/* 日 */
	ucs4_t stop;
	size_t chars;

	outline_until(text, len, 0, colons, &stop, &chars);
	if (stop != 0)
		return 1;
	return len > 3 && text[0] >= '0' && text[0] <= '9' && memcmp(text + len - 3, day, 3) == 0;
}

/* Appends an entry (taking text). */
static void
outline_add(Outline *o, OutlineKind kind, int depth, size_t parent, const Article *a,
    size_t block, char *text)
{
	OutlineEntry *e;

	if (o->count == o->size) {
		o->size = o->size ? o->size * 2 : 16;
		o->entries = xreallocarray(o->entries, o->size, sizeof *o->entries);
	}
	e = &o->entries[o->count];
	e->kind = kind;
	e->depth = depth;
	e->number = kind == OUTLINE_TITLE ? 0 : outline_number_value(text, strlen(text));
	e->parent = parent;
	e->page = a->blocks[block].page;
	e->block = block;
	e->offset = a->blocks[block].offset;
	e->text = text;		/* owned: outline_free frees it */
	o->count++;
}

/* Returns how many of the open entries (open, nopen of them, outermost
 * first) stay open above a new heading of kind numbered number: those of
 * outer kinds; of its own kind, those above the one it follows (number - 1)
 * or, without one, above the innermost, unless the new one restarts a
 * list at 1 inside it (the answers 一、二、 to a question 六、). */
static size_t
outline_place(const Outline *o, const size_t *open, size_t nopen, OutlineKind kind, int number)
{
	size_t depth = nopen, d;

	while (depth > 0 && o->entries[open[depth - 1]].kind > kind)
		depth--;
	if (depth == 0 || o->entries[open[depth - 1]].kind != kind)
		return depth;
	for (d = depth; d > 0 && o->entries[open[d - 1]].kind == kind; d--)
		if (o->entries[open[d - 1]].number == number - 1)
			return d - 1;
	if (number == 1 && o->entries[open[depth - 1]].number > 1 && depth < OUTLINE_MAX_DEPTH)
		return depth;
	return depth - 1;
}

/* Returns non-zero when a numbered entry with this text is in the outline. */
static int
outline_repeats(const Outline *o, const char *text)
{
	size_t i;

	for (i = 0; i < o->count; i++)
		if (o->entries[i].kind != OUTLINE_TITLE && strcmp(o->entries[i].text, text) == 0)
			return 1;
	return 0;
}

/* Builds the outline of an article. */
Outline *
outline_build(const Article *a)
{
	Outline *o = xcalloc(1, sizeof *o);
	size_t open[OUTLINE_MAX_DEPTH];	/* the entries open, outermost first */
	size_t nopen = 0, root = OUTLINE_NO_ENTRY, i, marker, depth;

	for (i = 0; i < a->nblocks; i++) {
		const Block *b = &a->blocks[i];
		OutlineKind kind;
		size_t start = i;
		char *text;

		if (b->kind == BLOCK_SOURCE)
			continue;
		kind = outline_numbering(b->text, b->length, &marker);
		if (kind == OUTLINE_NONE) {
			if (b->kind != BLOCK_HEADING || b->length == 0 ||
			    outline_is_signature(b->text, b->length))
				continue;
			if (outline_only_digits(b->text, b->length)) {
				const Block *next = i + 1 < a->nblocks ? &a->blocks[i + 1] : NULL;

				/* "01" over its heading numbers it; alone it is a label. */
				if (next == NULL || next->kind != BLOCK_HEADING ||
				    outline_numbering(next->text, next->length, &marker) != OUTLINE_NONE)
					continue;
				text = xasprintf("%s %s", b->text, next->text);
				i++;
			} else
				text = xstrndup(b->text, b->length);
			outline_add(o, OUTLINE_TITLE, 0, OUTLINE_NO_ENTRY, a, start, text);
			root = o->count - 1;
			nopen = 0;
			continue;
		}
		if ((text = outline_numbered_text(b, kind, marker)) == NULL)
			continue;
		depth = outline_place(o, open, nopen, kind, outline_number_value(text, strlen(text)));
		if (depth >= OUTLINE_MAX_DEPTH)
			depth = OUTLINE_MAX_DEPTH - 1;
		/* The items inside an article of a law are its text; a numbered
		 * heading printed again word for word is a running head. */
		if ((depth > 0 && o->entries[open[depth - 1]].kind == OUTLINE_CLAUSE) ||
		    outline_repeats(o, text)) {
			free(text);
			continue;
		}
		nopen = depth;
		outline_add(o, kind, (int)nopen + 1, nopen > 0 ? open[nopen - 1] : root, a, i, text);
		open[nopen++] = o->count - 1;
	}
	return o;
}

/* Frees an outline. */
void
outline_free(Outline *o)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->count; i++)
		free((char *)o->entries[i].text);
	free(o->entries);
	free(o);
}

/* Returns the number of entries. */
size_t
outline_count(const Outline *o)
{
	return o->count;
}

/* Returns entry i (owned by the outline), or NULL. */
const OutlineEntry *
outline_entry(const Outline *o, size_t i)
{
	return i < o->count ? &o->entries[i] : NULL;
}

/* Returns the last entry starting at or before offset, or OUTLINE_NO_ENTRY. */
size_t
outline_at(const Outline *o, size_t offset)
{
	size_t lo = 0, hi = o->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->entries[mid].offset <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : OUTLINE_NO_ENTRY;
}
