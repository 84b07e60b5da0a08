/* The outline overlay (o): the open article's headings indented by depth
 * over everything but the status line, the heading the reader is in
 * marked, j/k to choose and Enter to jump. Also names the current heading
 * for the status line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "paint.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

#define OUTLINE_INDENT 2	/* columns per level of depth */
#define OUTLINE_MARK "▸ "	/* before the heading the reader is in */
#define OUTLINE_MARK_WIDTH 2

/* Returns the outline of the open article, built on first use; the reader
 * owns it. */
const Outline *
outline_view_get(Reader *r)
{
	const Article *a = issue_article(r->issue, r->place.article);

	if (r->outline != NULL && r->outline_issue == r->issue_at &&
	    r->outline_article == r->place.article)
		return r->outline;
	outline_free(r->outline);
	r->outline = NULL;
	if (a == NULL)
		return NULL;
	r->outline = outline_build(a);
	r->outline_issue = r->issue_at;
	r->outline_article = r->place.article;
	return r->outline;
}

/* Returns the heading the text at the top falls under, or NULL; owned by
 * the outline. */
const char *
outline_view_heading(Reader *r)
{
	const Outline *o = outline_view_get(r);
	size_t at;

	if (o == NULL || (at = outline_at(o, r->place.offset)) == OUTLINE_NO_ENTRY)
		return NULL;
	return outline_entry(o, at)->text;
}

/* Returns the rows of the overlay's list: all above the status line but
 * its title row (at least 1). */
static size_t
outline_view_rows(const Reader *r)
{
	return r->geometry.status_y > 2 ? (size_t)r->geometry.status_y - 1 : 1;
}

/* Keeps the cursor on the screen. */
static void
outline_view_scroll_to_cursor(Reader *r)
{
	size_t rows = outline_view_rows(r);

	if (r->outline_cursor < r->outline_top)
		r->outline_top = r->outline_cursor;
	else if (r->outline_cursor >= r->outline_top + rows)
		r->outline_top = r->outline_cursor - rows + 1;
}

/* Opens the overlay on the heading the reader is in (from the contents,
 * the reader opens the article under the cursor first). */
void
outline_view_open(Reader *r)
{
	const Outline *o = outline_view_get(r);
	size_t at;

	if (o == NULL || outline_count(o) == 0) {
		reader_say(r, "This article has no headings.");
		return;
	}
	at = outline_at(o, r->place.offset);
	r->outline_cursor = at == OUTLINE_NO_ENTRY ? 0 : at;
	r->outline_top = 0;
	outline_view_scroll_to_cursor(r);
	r->mode = MODE_OUTLINE;
	r->dirty |= DIRTY_ALL;
}

/* Paints one entry at row y. */
static void
outline_view_draw_entry(Reader *r, int y, size_t i, size_t here)
{
	const OutlineEntry *e = outline_entry(r->outline, i);
	int width = COLS, indent = e->depth * OUTLINE_INDENT, page_width, x;
	attr_t attr = terminal_attr(i == r->outline_cursor ? STYLE_SELECTED :
	    e->depth == 0 ? STYLE_HEADING : STYLE_TEXT);
	char *page = e->page > 0 ? xasprintf(" %d ", e->page) : xstrdup(" ");

	page_width = (int)strlen(page);
	/* Narrow screens: indent no more than a third of the width. */
	if (indent > width / 3)
		indent = width / 3;
	paint_blank(y, 0, width, attr);
	if (i == here)
		paint_text(y, 1, OUTLINE_MARK_WIDTH, OUTLINE_MARK, strlen(OUTLINE_MARK), attr);
	x = 1 + OUTLINE_MARK_WIDTH + indent;
	if (width - page_width - x > 0)
		paint_cut(y, x, width - page_width - x, e->text, attr);
	paint_text(y, width - page_width, page_width, page, strlen(page), attr);
	free(page);
}

/* Paints the overlay over everything but the status line. */
void
outline_view_draw(Reader *r)
{
	const Article *a = issue_article(r->issue, r->place.article);
	size_t rows = outline_view_rows(r), i, here;
	char *title;
	int y;

	if (outline_view_get(r) == NULL || a == NULL)
		return;
	outline_view_scroll_to_cursor(r);	/* the window may have shrunk */
	here = outline_at(r->outline, r->place.offset);
	title = xasprintf("Outline of %s (Enter jumps, Esc closes): %s", a->id, a->title);
	paint_blank(0, 0, COLS, terminal_attr(STYLE_TITLE));
	paint_cut(0, 1, COLS - 2, title, terminal_attr(STYLE_TITLE));
	free(title);
	for (y = 1; (size_t)y <= rows && y < r->geometry.status_y; y++) {
		i = r->outline_top + (size_t)y - 1;
		if (i < outline_count(r->outline))
			outline_view_draw_entry(r, y, i, here);
		else
			paint_blank(y, 0, COLS, terminal_attr(STYLE_TEXT));
	}
}

/* Closes the overlay; the panes come back (a request). */
static Request
outline_view_close(Reader *r)
{
	Request req = { .what = REQUEST_RELAYOUT };

	r->mode = MODE_READING;
	r->dirty |= DIRTY_ALL;
	return req;
}

/* Handles a key in the overlay: moving, jumping, closing. Returns what
 * else it takes. */
Request
outline_view_key(Reader *r, int key)
{
	Request req = { 0 };
	Action action = keys_action(KEYS_READING, key);
	size_t count = outline_view_get(r) != NULL ? outline_count(r->outline) : 0;
	size_t rows = outline_view_rows(r), page = rows > 2 ? rows - 1 : 1;
	const OutlineEntry *e;

	if (count == 0)
		return outline_view_close(r);
	switch (action) {
	case ACTION_ESCAPE:
	case ACTION_QUIT:
	case ACTION_OUTLINE:
		return outline_view_close(r);
	case ACTION_OPEN:
		e = outline_entry(r->outline, r->outline_cursor);
		req = outline_view_close(r);
		r->focus = FOCUS_ARTICLE;
		req.what |= REQUEST_JUMP;
		req.place = reader_place(r, r->place.article, e->offset);
		return req;
	case ACTION_LINE_DOWN:
		if (r->outline_cursor + 1 < count)
			r->outline_cursor++;
		break;
	case ACTION_LINE_UP:
		if (r->outline_cursor > 0)
			r->outline_cursor--;
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_DOWN_ON:
	case ACTION_HALF_DOWN:
		r->outline_cursor = r->outline_cursor + page < count ? r->outline_cursor + page :
		    count - 1;
		break;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP:
		r->outline_cursor = r->outline_cursor > page ? r->outline_cursor - page : 0;
		break;
	case ACTION_TOP:
		r->outline_cursor = 0;
		break;
	case ACTION_END:
		r->outline_cursor = count - 1;
		break;
	default:
		break;
	}
	outline_view_scroll_to_cursor(r);
	r->dirty |= DIRTY_ARTICLE;
	return req;
}

/* Frees the outline. */
void
outline_view_free(Reader *r)
{
	outline_free(r->outline);
	r->outline = NULL;
}
