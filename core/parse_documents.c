/* Where a document (a full text) opens on a page, for the printed
 * reading order (parse_order.c): its own title, told by its shape and the
 * first chapter below it, and the banner over it (规划全文). */
#include "config.h"

#include <string.h>

#include "parse_order_internal.h"

/* A document's title stands this many text lines above its first chapter
 * at most. */
#define DOCUMENT_OPENS_WITHIN 8
/* A document's title is no longer than this. */
#define DOCUMENT_TITLE_MAX_CHARS 40

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

/* Returns the characters of box b's lines. */
size_t
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
int
parse_is_banner(const Parse *p, const Box *b, const Box *title)
{
	int value;

	return b != title && parse_box_is_heading(p, b) && parse_line_mark(&p->lines[b->first], &value) == MARK_NONE
	    && parse_box_chars(p, b) < parse_box_chars(p, title);
}

/* Returns non-zero when box k of a page's boxes[0, n) is a document's
 * own title: it opens the document (parse_opens_document), or it has a
 * title's shape and the document's first chapter (一、 or 第一章) was
 * emitted before it on the page, as box *chapter (else *chapter is n). */
int
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
