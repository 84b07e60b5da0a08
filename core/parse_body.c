/* The articles' blocks: duplicates dropped, paragraphs cut by a page
 * break rejoined, headings printed after the items they head put back. */
#define _GNU_SOURCE	/* memmem */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "buffer.h"
#include "issue_build.h"
#include "parse.h"
#include "xalloc.h"

/* A line this short without closing punctuation is a heading. */
#define HEADING_MAX_CHARS 20
/* A paragraph cut by a page break at an article's end is this long. */
#define CUT_PARAGRAPH_MIN_CHARS 40
/* A line this short right below a line cut mid-sentence in the same box
 * is the rest of it. */
#define CUT_FRAGMENT_MAX_CHARS 8
/* A line left open at a page's foot that starts as another, longer one
 * is that paragraph printed again, unless the next page opens with this
 * many characters of how the longer one goes on. */
#define CUT_SAME_CHARS 2
/* A numbered line this short is a heading ("(一)指导思想。"). */
#define NUMBERED_HEADING_MAX_CHARS 30
/* A chapter's heading with no full stop is this long at most. */
#define CHAPTER_HEADING_MAX_CHARS 60

/* A block while it is assembled. */
typedef struct Unit {
	size_t		line;	/* its first line */
	int		page;	/* page of its first line */
	int		last_page;
	BlockKind	kind;
	Buffer		text;
	size_t		joined_at;	/* where a line brought from a later page
					 * starts in text (a far join), or 0 */
} Unit;

/* Marks text printed twice as ROLE_DUPLICATE (the later copies): long
 * lines seen before, and short lines seen before that stand between two
 * such copies (the headings of a repeated page). */
void
parse_mark_duplicates(Parse *p)
{
	Line **order;
	size_t n = parse_sorted_text_lines(p, &order), g, end;
	for (g = 0; g < n; g = end) {
		int long_line = parse_line_chars(order[g]) >= DUPLICATE_MIN_CHARS;

		for (end = g + 1; end < n && strcmp(order[end]->text, order[g]->text) == 0; end++)
			if (long_line)
				order[end]->role = ROLE_DUPLICATE;
	}
	for (g = 0; g < n; g = end) {
		for (end = g + 1; end < n && strcmp(order[end]->text, order[g]->text) == 0; end++) {
			size_t at = (size_t)(order[end] - p->lines), before, after;

			before = at;
			while (before > p->body_start && p->lines[before - 1].role != ROLE_TEXT
			    && p->lines[before - 1].role != ROLE_DUPLICATE)
				before--;
			after = at + 1;
			while (after < p->body_end && p->lines[after].role != ROLE_TEXT
			    && p->lines[after].role != ROLE_DUPLICATE)
				after++;
			if (before > p->body_start && after < p->body_end
			    && p->lines[before - 1].role == ROLE_DUPLICATE && p->lines[after].role == ROLE_DUPLICATE)
				order[end]->role = ROLE_DUPLICATE;
		}
	}
	free(order);
}

/* Returns non-zero when text ends with a comma or an enumeration comma:
 * a fragment of a sentence, not a heading. */
static int
parse_ends_with_comma(const char *text, size_t len)
{
	if (len >= 1 && text[len - 1] == ',')
		return 1;
	return len >= 3 && (memcmp(text + len - 3, "\xef\xbc\x8c", 3) == 0	/* ， */
	    || memcmp(text + len - 3, "\xe3\x80\x81", 3) == 0);		/* 、 */
}

/* Returns non-zero when a full stop 。 stands before the end of text: the
 * line is a heading followed by its paragraph. */
static int
parse_has_inner_stop(const char *text, size_t len)
{
	const char *stop = strstr(text, "\xe3\x80\x82");

	return stop != NULL && (size_t)(stop - text) + 3 < len;
}

/* Returns non-zero when text (len bytes) is a chapter's heading however
 * long: "三、…" or "第三章…", up to CHAPTER_HEADING_MAX_CHARS, with no full
 * stop in it (四、优化…功能和方式,为企业和群众提供…服务). It leaves no
 * sentence for the next page to carry on. */
int
parse_is_chapter_heading(const char *text, size_t len)
{
	return parse_is_chapter(text) && parse_char_count(text, len) <= CHAPTER_HEADING_MAX_CHARS
	    && !parse_has_inner_stop(text, len);
}

/* Returns parse_is_chapter_heading() of a line's text, worked out once:
 * the search for the printed order asks it of each line thousands of
 * times. */
int
parse_line_is_chapter_heading(const Line *line)
{
	if (line->chapter < 0)	/* a cache, not a change */
		((Line *)line)->chapter = parse_is_chapter_heading(line->text, line->length);
	return line->chapter;
}

/* Works out the kind of block a line of body text is. */
static BlockKind
parse_line_kind_of(const Line *line)
{
	size_t chars = parse_line_chars(line);
	int value, zero;

	/* A lone number inside a page is no heading (a page number is furniture). */
	if (parse_line_number(line, &value, &zero))
		return BLOCK_PARAGRAPH;
	if (strncmp(line->text, "\xe6\x9d\xa5\xe6\xba\x90", 6) == 0 && chars <= 60)	/* 来源 */
		return BLOCK_SOURCE;
	if (parse_is_numbered(line->text))
		return chars <= NUMBERED_HEADING_MAX_CHARS && !parse_has_inner_stop(line->text, line->length)
		    && !parse_ends_with_comma(line->text, line->length) ? BLOCK_HEADING : BLOCK_PARAGRAPH;
	if (chars > HEADING_MAX_CHARS || parse_line_ends_sentence(line)
	    || parse_ends_with_comma(line->text, line->length))
		return BLOCK_PARAGRAPH;
	return BLOCK_HEADING;
}

/* Returns the kind of block a line of body text is (found once). */
BlockKind
parse_line_kind(const Line *line)
{
	if (line->kind < 0)
		((Line *)line)->kind = (int)parse_line_kind_of(line);	/* a cache, not a change */
	return (BlockKind)line->kind;
}

/* Returns non-zero when the line may carry on a paragraph from the page
 * before: body text that does not open a numbered item (after a label,
 * 附件:1.…, too) or a heading. */
int
parse_may_continue(const Line *line)
{
	return !parse_is_numbered(line->text) && !parse_is_numbered(parse_skip_label(line->text))
	    && parse_line_kind(line) == BLOCK_PARAGRAPH && parse_line_chars(line) >= 8;
}

/* Returns the line of page-top text starting at line top that carries on
 * a paragraph from the page before: the page's first text, or else the
 * first text after a running head printed below it. NO_LINE if none. */
static size_t
parse_continuation(const Parse *p, size_t top)
{
	size_t i;
	int page = p->lines[top].page, seen_furniture = 0;

	if (parse_may_continue(&p->lines[top]))
		return top;
	for (i = top + 1; i < p->body_end && p->lines[i].page == page; i++) {
		if (p->lines[i].role == ROLE_FURNITURE)
			seen_furniture = 1;
		else if (p->lines[i].role == ROLE_TEXT && seen_furniture)
			return parse_may_continue(&p->lines[i]) ? i : NO_LINE;
	}
	return NO_LINE;
}

/* Returns non-zero when unit u is a paragraph left open at a page's end. */
static int
parse_is_open_paragraph(const Unit *u)
{
	return u->kind == BLOCK_PARAGRAPH && parse_char_count(u->text.data, u->text.len) >= 10
	    && !parse_ends_sentence(u->text.data, u->text.len) && !parse_is_chapter_heading(u->text.data, u->text.len);
}

/* Orders units by text, then by position. */
static int
parse_compare_units(const void *a, const void *b)
{
	const Unit *ua = *(const Unit *const *)a;
	const Unit *ub = *(const Unit *const *)b;
	int cmp = strcmp(ua->text.data, ub->text.data);

	if (cmp != 0)
		return cmp;
	return ua->line < ub->line ? -1 : ua->line > ub->line;
}

/* Drops a paragraph whose text, once rejoined across a page break, is a
 * copy of an earlier one (a page that repeats another's introduction), or
 * the start of another one. Dropped units get kind -1. */
static void
parse_drop_repeated_units(Unit *units, size_t n)
{
	Unit **order = xreallocarray(NULL, n + 1, sizeof *order);
	size_t i;

	for (i = 0; i < n; i++)
		order[i] = &units[i];
	qsort(order, n, sizeof *order, parse_compare_units);
	for (i = 1; i < n; i++)
		if (strcmp(order[i]->text.data, order[i - 1]->text.data) == 0
		    && parse_char_count(order[i]->text.data, order[i]->text.len) >= DUPLICATE_MIN_CHARS)
			order[i]->kind = (BlockKind)-1;
	/* A paragraph that is the start of another (a repeated box cut
	 * short) goes too: a prefix sorts right before what extends it. */
	for (i = 0; i + 1 < n; i++)
		if (order[i]->kind == BLOCK_PARAGRAPH && order[i + 1]->kind == BLOCK_PARAGRAPH
		    && order[i]->text.len < order[i + 1]->text.len
		    && strncmp(order[i]->text.data, order[i + 1]->text.data, order[i]->text.len) == 0
		    && parse_char_count(order[i]->text.data, order[i]->text.len) >= DUPLICATE_MIN_CHARS)
			order[i]->kind = (BlockKind)-1;
	free(order);
	/* A line brought from a later page to complete a sentence may have
	 * been printed again on its own: that copy is inside the joined
	 * paragraph, not its start. */
	for (i = 0; i < n; i++) {
		size_t k;

		if (units[i].joined_at == 0 || units[i].kind != BLOCK_PARAGRAPH)
			continue;
		for (k = 0; k < n; k++)
			if (k != i && units[k].kind == BLOCK_PARAGRAPH
			    && units[k].text.len <= units[i].text.len - units[i].joined_at
			    && parse_char_count(units[k].text.data, units[k].text.len) >= DUPLICATE_MIN_CHARS
			    && memmem(units[i].text.data + units[i].joined_at,
			    units[i].text.len - units[i].joined_at, units[k].text.data,
			    units[k].text.len) != NULL)
				units[k].kind = (BlockKind)-1;
	}
}

/* Drops a chapter heading ("三、…", "第四章…") printed again in the same
 * article: a box the extraction repeated. */
static void
parse_drop_repeated_headings(Unit *units, const size_t *owner, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (units[i].kind != BLOCK_HEADING || !parse_is_chapter(units[i].text.data))
			continue;
		for (j = 0; j < i; j++)
			if (owner[j] == owner[i] && units[j].kind == BLOCK_HEADING
			    && strcmp(units[j].text.data, units[i].text.data) == 0) {
				units[i].kind = (BlockKind)-1;
				break;
			}
	}
}

/* Returns the entry line i belongs to: the last one starting at or before
 * it (an entry whose title was not found starts nowhere). */
static size_t
parse_entry_of(const Parse *p, size_t i)
{
	size_t k, owner = 0;

	for (k = 1; k < p->nentries; k++)
		if (p->entries[k].start != NO_LINE && p->entries[k].start <= i)
			owner = k;
	return owner;
}

/* Returns non-zero when an article starts after line from, at or before
 * line to. */
static int
parse_starts_between(const Parse *p, size_t from, size_t to)
{
	size_t k;

	for (k = 0; k < p->nentries; k++)
		if (p->entries[k].start != NO_LINE && p->entries[k].start > from && p->entries[k].start <= to)
			return 1;
	return 0;
}

/* Returns non-zero when line i is the start of a paragraph a page break
 * cut printed again past the break (the reading order's dead copy,
 * Line.copy: the whole line left open, then the start of the line that
 * carries it on), the line it starts with on its page or the one before. */
static int
parse_is_copy_past_break(const Parse *p, size_t i)
{
	const char *head;
	size_t length, k;

	if (!p->lines[i].copy)
		return 0;
	head = parse_line_starting(p, p->lines[i].text, p->lines[i].length, p->lines[i].text, &length);
	for (k = i; head != NULL && k-- > p->body_start && p->lines[k].page + 1 >= p->lines[i].page; )
		if (p->lines[k].text == head)
			return 1;
	return 0;
}

/* Returns non-zero when text (len bytes) opens with the first chars
 * characters of other (other_len bytes), all there. */
static int
parse_opens_with_chars(const char *text, size_t len, const char *other, size_t other_len, int chars)
{
	const uint8_t *s = (const uint8_t *)other, *end = s + other_len;
	int k, n;

	for (k = 0; k < chars; k++, s += n)
		if (s >= end || (n = u8_mblen(s, (size_t)(end - s))) <= 0)
			return 0;
	return (size_t)(s - (const uint8_t *)other) <= len && memcmp(text, other, (size_t)(s - (const uint8_t *)other)) == 0;
}

/* Returns non-zero when text is that of a line near line i: on its page
 * or the one either side (lines stand in reading order by now). */
static int
parse_text_near(const Parse *p, size_t i, const char *text)
{
	size_t k;

	for (k = i + 1; k < p->body_end && p->lines[k].page <= p->lines[i].page + 1; k++)
		if (p->lines[k].text == text)
			return 1;
	for (k = i; k-- > p->body_start && p->lines[k].page + 1 >= p->lines[i].page; )
		if (p->lines[k].text == text)
			return 1;
	return 0;
}

/* Returns the longer line whose start unit u's text is, its length in
 * *length: one the extraction printed before u, or, when the reading
 * order found u's line a dead copy (Line.copy: nothing carries it on),
 * one near it (on its page or the one either side) printed after it.
 * Further off, a paragraph that begins with another's words (以习近平…)
 * is no copy of it. NULL for none; the text belongs to the parse. */
static const char *
parse_copied_line(const Parse *p, const Unit *u, size_t *length)
{
	const Line *line = &p->lines[u->line];
	const char *original = parse_text_repeated_by(p, u->text.data, u->text.len, line->text, 1, 1, length);

	if (original != NULL || u->text.len != line->length || !line->copy)
		return original;
	original = parse_text_repeated_by(p, u->text.data, u->text.len, line->text, 0, 1, length);
	return original != NULL && parse_text_near(p, u->line, original) ? original : NULL;
}

/* Returns non-zero when unit u, left open at a page's end, is a box
 * printed again cut short after the paragraph it copies was shown whole,
 * and line next (the next page's first text) is not how that paragraph
 * goes on: the copy carries nothing on and goes as a copy. So is the
 * start of a paragraph a page break cut, printed again past the break
 * (parse_is_copy_past_break). */
static int
parse_is_cut_copy(const Parse *p, const Unit *u, size_t next)
{
	const char *own = p->lines[u->line].text, *original;
	Buffer joined = { 0 };
	size_t length;
	int copy;

	if (u->text.len == p->lines[u->line].length && parse_is_copy_past_break(p, u->line))
		return 1;
	original = parse_copied_line(p, u, &length);
	if (original == NULL)
		return 0;
	/* Next opens as the paragraph it would copy goes on, its first
	 * CUT_SAME_CHARS characters the same (以习近平…全会精|神,): a
	 * paragraph that begins with another's words, cut there. */
	if (parse_opens_with_chars(p->lines[next].text, p->lines[next].length, original + u->text.len,
	    length - u->text.len, CUT_SAME_CHARS))
		return 0;
	/* Printed after it: nothing of it stood before to go on from. */
	if (original > own)
		return 1;
	buffer_append(&joined, u->text.data, u->text.len);
	buffer_append(&joined, p->lines[next].text, p->lines[next].length);
	copy = !parse_text_is_repeated(p, joined.data, joined.len, own, 1, 0);
	buffer_free(&joined);
	return copy;
}

/* Gathers the body's text lines into units, rejoining a paragraph cut by
 * a page break. Returns the count; *out is allocated (caller frees). */
static size_t
parse_gather_units(Parse *p, Unit **out)
{
	Unit *units = xreallocarray(NULL, p->body_end - p->body_start + 1, sizeof *units);
	size_t n = 0, i, open = NO_LINE, continuation = NO_LINE, target = NO_LINE, before_open = NO_LINE;
	int page = -1;

	for (i = p->body_start; i < p->body_end; i++) {
		const Line *line = &p->lines[i];
		Unit *u;

		if (line->role != ROLE_TEXT)
			continue;
		if (line->joins && open != NO_LINE && open + 1 == n) {
			/* Brought from a later page to complete the sentence. */
			if (units[open].joined_at == 0)
				units[open].joined_at = units[open].text.len;
			buffer_append(&units[open].text, line->text, line->length);
			if (line->page > units[open].last_page)
				units[open].last_page = line->page;
			open = parse_is_open_paragraph(&units[open]) ? open : NO_LINE;
			continue;
		}
		if (line->page != page) {
			page = line->page;
			continuation = open != NO_LINE && units[open].last_page == page - 1
			    ? parse_continuation(p, i) : NO_LINE;
			target = open;
			/* Across an article's start, only a long paragraph cut
			 * mid-sentence carries on (not a caption or a list line). */
			if (continuation != NO_LINE && parse_starts_between(p, units[open].line, continuation)
			    && parse_char_count(units[open].text.data, units[open].text.len) < CUT_PARAGRAPH_MIN_CHARS)
				continuation = NO_LINE;
			/* A copy cut short carries nothing on; the paragraph
			 * left open before it may. */
			if (continuation != NO_LINE && parse_is_cut_copy(p, &units[open], continuation)) {
				if (before_open != NO_LINE && units[before_open].last_page == page - 1
				    && !parse_is_cut_copy(p, &units[before_open], continuation))
					target = before_open;
				else
					continuation = NO_LINE;
			}
		}
		/* A line cut mid-word inside a box ("…支撑服" / "务体系。")
		 * goes on with the next line of the box. */
		if (i != continuation && open != NO_LINE && open + 1 == n && i > 0 && line->page == page
		    && p->lines[i - 1].role == ROLE_TEXT && units[open].last_page == page
		    && !parse_is_numbered(line->text) && parse_line_kind(line) == BLOCK_PARAGRAPH
		    && parse_line_chars(line) < CUT_FRAGMENT_MAX_CHARS) {
			buffer_append(&units[open].text, line->text, line->length);
			open = parse_is_open_paragraph(&units[open]) ? open : NO_LINE;
			continue;
		}
		if (i == continuation) {
			/* It carries on the paragraph left open at the end of
			 * the page before. */
			buffer_append(&units[target].text, line->text, line->length);
			units[target].last_page = line->page;
			open = continuation = target = NO_LINE;
			continue;
		}
		u = &units[n];
		memset(u, 0, sizeof *u);
		u->line = i;
		u->page = u->last_page = line->page;
		u->kind = parse_opens_document(p, i) ? BLOCK_HEADING : parse_line_kind(line);
		buffer_append(&u->text, line->text, line->length);
		if (u->kind == BLOCK_PARAGRAPH) {
			before_open = open;
			open = parse_is_open_paragraph(u) ? n : NO_LINE;
		}
		n++;
	}
	*out = units;
	return n;
}

/* Builds the sections and articles of the issue from the body. An entry
 * with no text (the issue was cut short before it) is left out. */
void
parse_build_articles(Parse *p, Issue *issue)
{
	Unit *units;
	size_t n, i, k, *article, *owner, *count;

	for (i = 0; i < p->nsections; i++) {
		ContentsSection *s = &p->sections[i];
		char *id = xasprintf("%d", s->number);

		issue_add_section(issue, id, s->title, s->subtitle, s->first_page, s->last_page);
		free(id);
	}
	n = parse_gather_units(p, &units);
	parse_drop_repeated_units(units, n);
	if (p->nentries == 0) {
		for (i = 0; i < n; i++)
			buffer_free(&units[i].text);
		free(units);
		return;
	}

	owner = xreallocarray(NULL, n + 1, sizeof *owner);
	count = xcalloc(p->nentries, sizeof *count);
	for (i = 0; i < n; i++) {
		owner[i] = parse_entry_of(p, units[i].line);
		if (units[i].kind != (BlockKind)-1)
			count[owner[i]]++;
	}
	parse_drop_repeated_headings(units, owner, n);
	article = xreallocarray(NULL, p->nentries + 1, sizeof *article);
	for (k = 0; k < p->nentries; k++) {
		Entry *e = &p->entries[k];
		char *id;

		article[k] = NO_LINE;
		if (count[k] == 0)
			continue;
		id = xasprintf("%d.%d", p->sections[e->section].number, e->number);
		article[k] = issue_add_article(issue, id, e->title, e->section);
		free(id);
	}

	/* The article's own source line opens it. */
	for (k = 0; k < p->nentries; k++) {
		size_t src = p->entries[k].source_line;

		for (i = 0; src != NO_LINE && article[k] != NO_LINE && i < n; i++) {
			if (units[i].line == src && units[i].kind != (BlockKind)-1) {
				issue_set_source(issue, article[k], units[i].text.data);
				issue_add_block(issue, article[k], BLOCK_SOURCE, units[i].page, units[i].last_page,
				    p->lines[units[i].line].number, units[i].text.data, units[i].text.len);
				units[i].kind = (BlockKind)-1;
				break;
			}
		}
	}
	for (i = 0; i < n; i++) {
		if (units[i].kind != (BlockKind)-1)
			issue_add_block(issue, article[owner[i]], units[i].kind, units[i].page, units[i].last_page,
			    p->lines[units[i].line].number, units[i].text.data, units[i].text.len);
		buffer_free(&units[i].text);
	}
	free(units);
	free(owner);
	free(count);
	free(article);
}
