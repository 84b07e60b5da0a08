/* Cutting an issue's text into lines and telling kinds of line apart. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "hash.h"
#include "parse.h"
#include "xalloc.h"

/* Returns non-zero for a space to trim: ASCII space or ideographic space. */
static int
parse_is_space_at(const char *s, size_t len, size_t *width)
{
	if (len >= 1 && s[0] == ' ') {
		*width = 1;
		return 1;
	}
	if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
		*width = 3;
		return 1;
	}
	return 0;
}

/* Cuts cleaned text (owned by p afterwards) into trimmed lines. */
void
parse_split_lines(Parse *p, const char *data, size_t len)
{
	size_t i, n = 0, size = 256;
	char *s = p->text;

	(void)data;
	(void)len;
	p->lines = xreallocarray(NULL, size, sizeof *p->lines);
	for (i = 1; ; i++) {
		char *end = strchr(s, '\n');
		size_t length, w;
		Line *line;

		if (end != NULL)
			*end = '\0';
		length = strlen(s);
		while (length > 0 && parse_is_space_at(s, length, &w))
			s += w, length -= w;
		while (length > 0) {
			if (s[length - 1] == ' ')
				length--;
			else if (length >= 3 && memcmp(s + length - 3, "\xe3\x80\x80", 3) == 0)
				length -= 3;
			else
				break;
		}
		s[length] = '\0';
		if (n == size) {
			size *= 2;
			p->lines = xreallocarray(p->lines, size, sizeof *p->lines);
		}
		line = &p->lines[n++];
		line->text = s;
		line->length = length;
		line->number = (int)i;
		line->page = 0;
		line->role = length == 0 ? ROLE_BLANK : ROLE_TEXT;
		line->chars = line->kind = line->mark = line->enumeration = line->ends = line->chapter = -1;
		line->joins = line->copy = 0;
		if (end == NULL)
			break;
		s = end + 1;
	}
	/* A final newline leaves an empty last line: drop it. */
	if (n > 1 && p->lines[n - 1].length == 0)
		n--;
	p->nlines = n;
}

/* Returns non-zero when the line holds only a number (1-4 ASCII digits);
 * sets *value and *leading_zero. */
int
parse_line_number(const Line *line, int *value, int *leading_zero)
{
	size_t i;
	int v = 0;

	if (line->length == 0 || line->length > 4)
		return 0;
	for (i = 0; i < line->length; i++) {
		if (line->text[i] < '0' || line->text[i] > '9')
			return 0;
		v = v * 10 + (line->text[i] - '0');
	}
	*value = v;
	*leading_zero = line->length > 1 && line->text[0] == '0';
	return 1;
}

/* Returns the code point that ends text[0, len), skipping closing quotes
 * and brackets, or 0 for an empty text. */
static ucs4_t
parse_last_char(const char *text, size_t len, int skip_closers)
{
	const uint8_t *start = (const uint8_t *)text;
	const uint8_t *s = start + len;
	ucs4_t uc = 0;

	while (s > start) {
		s = u8_prev(&uc, s, start);
		if (s == NULL)
			return 0;
		if (!skip_closers)
			return uc;
		if (uc == 0x201d || uc == 0x2019 || uc == '"' || uc == '\'' || uc == 0x300d
		    || uc == 0x300f || uc == ' ')
			continue;
		return uc;
	}
	return 0;
}

/* Returns non-zero when text ends a sentence (。！？；: … possibly inside
 * closing quotes) or a parenthetical note, so that a page break after it
 * cannot cut a paragraph. */
int
parse_ends_sentence(const char *text, size_t len)
{
	ucs4_t uc = parse_last_char(text, len, 1);

	switch (uc) {
	case 0x3002: case 0xff01: case 0xff1f: case 0xff1b: case 0xff1a:
	case '!': case '?': case ';': case ':': case '.': case 0x2026: case 0xff0e:
	case ')': case 0xff09: case 0x3015: case 0x3011:	/* ) ） 〕 】: a note closes it */
		return 1;
	default:
		return 0;
	}
}

/* Returns non-zero for a Chinese numeral character. */
static int
parse_is_chinese_numeral(ucs4_t uc)
{
	static const ucs4_t numerals[] = {
		0x3007, 0x96f6, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d,
		0x4e03, 0x516b, 0x4e5d, 0x5341, 0x767e, 0x5343, 0x4e24,
	};
	size_t i;

	for (i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
		if (uc == numerals[i])
			return 1;
	return 0;
}

/* A label before a list's numbering (附件:1.) is this long at most. */
#define LABEL_MAX_CHARS 4

/* Returns where a list's numbering starts after a short label and a
 * colon ("附件:1.…", "注：1.…"), or text when there is none. */
const char *
parse_skip_label(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	ucs4_t uc;
	int k, n;

	for (k = 0; k <= LABEL_MAX_CHARS; k++) {
		n = u8_strmbtouc(&uc, s);
		if (n <= 0)
			return text;
		if (uc == ':' || uc == 0xff1a)
			return k > 0 && s[n] >= '0' && s[n] <= '9' ? (const char *)s + n : text;
		if (!uc_is_property_ideographic(uc))
			return text;
		s += n;
	}
	return text;
}

/* Returns non-zero when text starts like a numbered heading or item:
 * "三、", "(二)", "1.", "3、", "第十条", "第二章", "——". */
int
parse_is_numbered(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	ucs4_t uc;
	int n, count = 0, digits = 0, bracket = 0;

	n = u8_strmbtouc(&uc, s);
	if (n <= 0)
		return 0;
	if (uc == 0x2014 && u8_strmbtouc(&uc, s + n) > 0 && uc == 0x2014)
		return 1;
	if (uc == '(' || uc == 0xff08) {
		bracket = 1;
		s += n;
	} else if (uc == 0x7b2c) {	/* 第 */
		s += n;
		while ((n = u8_strmbtouc(&uc, s)) > 0
		    && (parse_is_chinese_numeral(uc) || (uc >= '0' && uc <= '9') || uc == ' '))
			s += n, count++;
		return count > 0 && n > 0 && (uc == 0x6761 || uc == 0x7ae0 || uc == 0x8282);
	}
	while ((n = u8_strmbtouc(&uc, s)) > 0) {
		if (uc >= '0' && uc <= '9')
			digits++;
		else if (!parse_is_chinese_numeral(uc))
			break;
		s += n;
		count++;
	}
	if (count == 0 || n <= 0 || count > 4)
		return 0;
	if (bracket)
		return uc == ')' || uc == 0xff09;
	if (uc == 0x3001)	/* 、 */
		return 1;
	/* "1." and "1、" but not "2022." or a decimal "1.5" */
	if (digits == count && (uc == '.' || uc == 0xff0e || uc == 0xfe52)) {
		ucs4_t next;

		return u8_strmbtouc(&next, s + n) > 0 && !(next >= '0' && next <= '9');
	}
	return 0;
}

/* Returns the number of characters of a line, counted once. */
size_t
parse_line_chars(const Line *line)
{
	if (line->chars < 0)
		((Line *)line)->chars = (int)parse_char_count(line->text, line->length);
	return (size_t)line->chars;
}

/* Returns parse_ends_sentence() of a line's text, worked out once. */
int
parse_line_ends_sentence(const Line *line)
{
	if (line->ends < 0)
		((Line *)line)->ends = parse_ends_sentence(line->text, line->length);	/* a cache */
	return line->ends;
}

/* Returns the number of characters (code points) in text; used for
 * thresholds on how long a line is, never for display width. */
size_t
parse_char_count(const char *text, size_t len)
{
	return u8_mbsnlen((const uint8_t *)text, len);
}

/* Orders lines by their text, then by position. */
static int
parse_compare_lines(const void *a, const void *b)
{
	const Line *la = *(const Line *const *)a;
	const Line *lb = *(const Line *const *)b;
	int cmp = strcmp(la->text, lb->text);

	if (cmp != 0)
		return cmp;
	return la->number < lb->number ? -1 : la->number > lb->number;
}

/* Returns the number of the body's ROLE_TEXT lines and sets *out to them
 * sorted by text, then position, so copies of a line stand together. The
 * caller frees *out (not the lines). */
size_t
parse_sorted_text_lines(const Parse *p, Line ***out)
{
	Line **order = xreallocarray(NULL, p->body_end - p->body_start + 1, sizeof *order);
	size_t n = 0, i;

	for (i = p->body_start; i < p->body_end; i++)
		if (p->lines[i].role == ROLE_TEXT)
			order[n++] = &p->lines[i];
	qsort(order, n, sizeof *order, parse_compare_lines);
	*out = order;
	return n;
}

/* Returns the first line at or after i, before end, with role ROLE_TEXT,
 * or NO_LINE. */
size_t
parse_next_text(const Parse *p, size_t i, size_t end)
{
	for (; i < end && i < p->nlines; i++)
		if (p->lines[i].role == ROLE_TEXT)
			return i;
	return NO_LINE;
}


/* The body's text lines by the hash of their first PARSE_STARTS_PREFIX bytes,
 * to find the lines that start with a text: built on first use. Lines are
 * kept by their text, which stays put while the parser moves lines. */
struct ParseStarts {
	const char	**text;
	size_t		 *length;
	size_t		 *next;		/* the next in the bucket, or SIZE_MAX */
	size_t		 *buckets;
	size_t		  nbuckets;
};

/* Returns the bucket of the text starting at s. */
static size_t
parse_starts_bucket(const struct ParseStarts *starts, const char *s)
{
	return (size_t)hash_bytes(s, PARSE_STARTS_PREFIX) & (starts->nbuckets - 1);
}

/* Returns the index of the body's text lines by their first bytes. */
static struct ParseStarts *
parse_starts_new(const Parse *p)
{
	struct ParseStarts *starts = xcalloc(1, sizeof *starts);
	size_t n = p->body_end - p->body_start + 1, i, at = 0, b;

	starts->text = xreallocarray(NULL, n, sizeof *starts->text);
	starts->length = xreallocarray(NULL, n, sizeof *starts->length);
	starts->next = xreallocarray(NULL, n, sizeof *starts->next);
	for (starts->nbuckets = 256; starts->nbuckets < n; starts->nbuckets *= 2)
		;
	starts->buckets = xreallocarray(NULL, starts->nbuckets, sizeof *starts->buckets);
	for (b = 0; b < starts->nbuckets; b++)
		starts->buckets[b] = SIZE_MAX;
	for (i = p->body_start; i < p->body_end; i++) {
		const Line *line = &p->lines[i];

		if (line->role != ROLE_TEXT || line->length < PARSE_STARTS_PREFIX)
			continue;
		b = parse_starts_bucket(starts, line->text);
		starts->text[at] = line->text;
		starts->length[at] = line->length;
		starts->next[at] = starts->buckets[b];
		starts->buckets[b] = at++;
	}
	return starts;
}

/* Returns the index of the parse's lines by their first bytes, made on
 * first use. */
static const struct ParseStarts *
parse_starts(const Parse *p)
{
	if (p->starts == NULL)
		((Parse *)p)->starts = parse_starts_new(p);	/* a cache, not a change */
	return p->starts;
}

/* Returns the longest text line of the body other than except that text
 * (len bytes) starts with and goes on past, its length in *length; NULL
 * for none (or one shorter than PARSE_STARTS_PREFIX bytes). The text
 * belongs to the parse. */
const char *
parse_line_starting(const Parse *p, const char *text, size_t len, const char *except, size_t *length)
{
	const struct ParseStarts *starts;
	const char *best = NULL;
	size_t at;

	*length = 0;
	if (len < PARSE_STARTS_PREFIX)
		return NULL;
	starts = parse_starts(p);
	for (at = starts->buckets[parse_starts_bucket(starts, text)]; at != SIZE_MAX; at = starts->next[at])
		if (starts->text[at] != except && starts->length[at] < len && starts->length[at] > *length
		    && memcmp(starts->text[at], text, starts->length[at]) == 0) {
			best = starts->text[at];
			*length = starts->length[at];
		}
	return best;
}

/* Frees the index of the lines' starts. */
void
parse_starts_free(struct ParseStarts *starts)
{
	if (starts == NULL)
		return;
	free(starts->text);
	free(starts->length);
	free(starts->next);
	free(starts->buckets);
	free(starts);
}

/* Returns non-zero when a text line of the body other than the one whose
 * text is except starts with text (a box the extraction printed again,
 * maybe cut short, is such a start): with earlier, only a line that comes
 * before except in the extraction; with longer, a line that holds more
 * than text. Texts shorter than PARSE_STARTS_PREFIX bytes are never repeats. */
int
parse_text_is_repeated(const Parse *p, const char *text, size_t len, const char *except,
    int earlier, int longer)
{
	size_t length;

	return parse_text_repeated_by(p, text, len, except, earlier, longer, &length) != NULL;
}

/* Returns the first line parse_text_is_repeated() finds starting with
 * text, its length in *length; NULL for none. The text belongs to the
 * parse. */
const char *
parse_text_repeated_by(const Parse *p, const char *text, size_t len, const char *except,
    int earlier, int longer, size_t *length)
{
	const struct ParseStarts *starts;
	size_t at;

	if (len < PARSE_STARTS_PREFIX)
		return NULL;
	starts = parse_starts(p);
	for (at = starts->buckets[parse_starts_bucket(starts, text)]; at != SIZE_MAX;
	    at = starts->next[at])
		if (starts->text[at] != except && (!earlier || starts->text[at] < except)
		    && starts->length[at] >= len + (longer != 0)
		    && memcmp(starts->text[at], text, len) == 0) {
			*length = starts->length[at];
			return starts->text[at];
		}
	return NULL;
}
