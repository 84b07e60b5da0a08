/* The article pane: the open article's lines from core's layout, scrolled
 * by lines and pages, hits highlighted; the place is the article and the
 * offset of the text at the top. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "paint.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

/* Returns the rows the article pane shows (at least 1), as if visible. */
static int
article_view_height(const Reader *r)
{
	int h = r->geometry.article.height;

	if (h <= 0)
		h = r->geometry.contents.height;
	return h > 0 ? h : 1;
}

/* Returns the last top line that still fills the pane, the line that
 * tells where Space goes next included; the layout is made only as far
 * as it takes to tell whether that is past want (SIZE_MAX: exactly). */
static size_t
article_view_max_top(const Reader *r, size_t want)
{
	size_t h = (size_t)article_view_height(r), count;

	count = article_layout_extent(r->layout, want < SIZE_MAX - h ? want + h : SIZE_MAX) + 1;
	return count > h ? count - h : 0;
}

/* Makes the layout fit the article and the text width, keeping the place. */
void
article_view_relayout(Reader *r)
{
	const Article *a = issue_article(r->issue, r->place.article);
	int width = r->geometry.text_width;

	if (a == NULL || width <= 0)
		return;
	if (r->layout == NULL || article_layout_article(r->layout) != a ||
	    article_layout_width(r->layout) != width) {
		article_layout_free(r->layout);
		r->layout = article_layout_new(a, width);
	}
	r->top = article_layout_find(r->layout, r->place.offset);
	r->dirty |= DIRTY_ARTICLE | DIRTY_STATUS;
}

/* Forgets the layout: the issue it was made for is no longer open. */
void
article_view_close(Reader *r)
{
	article_layout_free(r->layout);
	r->layout = NULL;
}

/* Opens an article with the text at offset on top; -1: no such article. */
int
article_view_open(Reader *r, size_t article, size_t offset)
{
	const Article *a = issue_article(r->issue, article);

	if (a == NULL)
		return -1;
	if (offset > a->text_length)
		offset = a->text_length;
	r->place = reader_place(r, article, offset);
	article_view_relayout(r);
	r->dirty |= DIRTY_ARTICLE | DIRTY_STATUS | DIRTY_CONTENTS;
	return 0;
}

/* Puts line on top and makes its text the place. */
static void
article_view_set_top(Reader *r, size_t line)
{
	const ArticleLine *l;

	if (r->layout == NULL)
		return;
	if (line >= article_layout_extent(r->layout, line + 1))
		line = article_layout_extent(r->layout, line + 1) - 1;
	l = article_layout_line(r->layout, line);
	r->top = line;
	r->place.offset = l->offset;
	r->dirty |= DIRTY_ARTICLE | DIRTY_STATUS;
}

/* Scrolls by delta lines, no further than the last full page. */
static void
article_view_scroll(Reader *r, long delta)
{
	long top = (long)r->top + delta;
	size_t max;

	if (r->layout == NULL)
		return;
	max = article_view_max_top(r, top > 0 ? (size_t)top : 0);
	if (delta > 0 && r->top >= max)
		return;		/* already at the end (or past it after a resize) */
	if (top < 0)
		top = 0;
	if (delta > 0 && (size_t)top > max)
		top = (long)max;
	if ((size_t)top != r->top)
		article_view_set_top(r, (size_t)top);
}

/* Returns non-zero when the line holding offset is on the screen. */
int
article_view_line_visible(const Reader *r, size_t offset)
{
	size_t line;

	if (r->layout == NULL)
		return 0;
	line = article_layout_find(r->layout, offset);
	return line >= r->top && line < r->top + (size_t)article_view_height(r);
}

/* Shows the line holding offset with context lines above it. */
void
article_view_show(Reader *r, size_t offset, int context)
{
	size_t line;

	if (r->layout == NULL)
		return;
	line = article_layout_find(r->layout, offset);
	article_view_set_top(r, line > (size_t)context ? line - (size_t)context : 0);
}

/* Returns the printed page of the text at the top. */
int
article_view_page(const Reader *r)
{
	const ArticleLine *l;

	if (r->layout == NULL || (l = article_layout_line(r->layout, r->top)) == NULL)
		return 0;
	return l->page;
}

/* Returns how far the bottom of the screen is into the article's text, in
 * percent: 100 when its end is on the screen. By bytes, not lines, which
 * would need the whole article laid out. */
int
article_view_percent(const Reader *r)
{
	const Article *a;
	const ArticleLine *l;
	size_t bottom;

	if (r->layout == NULL)
		return 0;
	a = article_layout_article(r->layout);
	bottom = r->top + (size_t)article_view_height(r);
	if ((l = article_layout_line(r->layout, bottom)) == NULL)
		return 100;
	return a->text_length > 0 ? (int)((uintmax_t)l->offset * 100 / a->text_length) : 0;
}

/* Fills marks with the hits (or NULL) on a line; returns how many. */
static size_t
article_view_line_marks(const ArticleLine *l, const HitMarks *hits, PaintMark *marks, size_t size)
{
	size_t i, n = 0;

	if (!l->in_text || hits == NULL)
		return 0;
	for (i = 0; i < hits->count && n < size; i++) {
		const Span *s = &hits->spans[i];
		size_t start = s->start, end = s->start + s->length;

		if (end <= l->start || start >= l->end)
			continue;
		marks[n].start = (start > l->start ? start : l->start) - l->start;
		marks[n].end = (end < l->end ? end : l->end) - l->start;
		marks[n].attr = terminal_attr(i == hits->current ? STYLE_HIT_CURRENT : STYLE_HIT);
		n++;
	}
	return n;
}

/* Returns the style a line is painted in. */
static Style
article_view_style(const ArticleLine *l)
{
	switch (l->kind) {
	case ARTICLE_LINE_TITLE:
		return STYLE_TITLE;
	case ARTICLE_LINE_SOURCE:
		return STYLE_SOURCE;
	case ARTICLE_LINE_HEADING:
		return l->level > 1 ? STYLE_HEADING_MINOR : STYLE_HEADING;
	default:
		return STYLE_TEXT;
	}
}

/* Paints the line after the article's last: where Space goes next. */
static void
article_view_draw_end(Reader *r, int y)
{
	const Article *next = issue_article(r->issue, r->place.article + 1);
	char *text;

	if (next != NULL)
		text = xasprintf("— end · Space: %s %s —", next->id, next->title);
	else
		text = xstrdup("— end of the issue —");
	paint_cut(y, r->geometry.text_x, r->geometry.text_width, text, terminal_attr(STYLE_FRAME));
	free(text);
}

/* Returns non-zero when a line falls in the selected blocks (NULL: none). */
static int
article_view_selected(const Reader *r, const ArticleLine *l, const BlockRange *selected)
{
	const Article *a;
	size_t block;

	if (selected == NULL || !l->in_text ||
	    (a = issue_article(r->issue, r->place.article)) == NULL)
		return 0;
	block = article_block_at(a, l->offset);
	return block >= selected->first && block <= selected->last;
}

/* Paints the article pane, the hits (or NULL) marked, the selected
 * blocks (or NULL) as selected. */
void
article_view_draw(Reader *r, const HitMarks *hits, const BlockRange *selected)
{
	const Region *region = &r->geometry.article;
	PaintMark marks[64];
	int row;

	if (region->width <= 0 || region->height <= 0 || r->layout == NULL)
		return;
	for (row = 0; row < region->height; row++) {
		size_t i = r->top + (size_t)row;
		const ArticleLine *l = article_layout_line(r->layout, i);
		int y = region->y + row;

		paint_blank(y, region->x, region->width, terminal_attr(STYLE_TEXT));
		if (l == NULL) {
			if (i == article_layout_extent(r->layout, i + 1))
				article_view_draw_end(r, y);
			continue;
		}
		paint_marked(y, r->geometry.text_x, r->geometry.text_width, l->base + l->start,
		    l->end - l->start, terminal_attr(article_view_selected(r, l, selected) ? STYLE_SELECTED :
		    article_view_style(l)), marks,
		    article_view_line_marks(l, hits, marks, sizeof marks / sizeof marks[0]));
	}
}

/* Asks for the next or previous article at its top (a jump). */
static Request
article_view_step(Reader *r, int forward)
{
	size_t n = issue_article_count(r->issue);
	Request req = { 0 };

	if (forward && r->place.article + 1 >= n) {
		reader_say(r, "This is the last article.");
		return req;
	}
	if (!forward && r->place.article == 0) {
		reader_say(r, "This is the first article.");
		return req;
	}
	req.what = REQUEST_JUMP;
	req.place = reader_place(r, forward ? r->place.article + 1 : r->place.article - 1, 0);
	return req;
}

/* Acts on a key's action while the article has the focus; returns what
 * else it takes: another article, a jump. */
Request
article_view_action(Reader *r, Action action)
{
	long page = article_view_height(r) > 2 ? article_view_height(r) - 1 : 1;
	Request req = { 0 };

	if (r->layout == NULL)
		return req;
	switch (action) {
	case ACTION_LINE_DOWN:
		article_view_scroll(r, 1);
		break;
	case ACTION_LINE_UP:
		article_view_scroll(r, -1);
		break;
	case ACTION_PAGE_DOWN_ON:
		if (r->top >= article_view_max_top(r, r->top) &&
		    r->place.article + 1 < issue_article_count(r->issue)) {
			req.what = REQUEST_OPEN;
			req.place = reader_place(r, r->place.article + 1, 0);
			break;
		}
		article_view_scroll(r, page);
		break;
	case ACTION_PAGE_DOWN:
		article_view_scroll(r, page);
		break;
	case ACTION_PAGE_UP:
		article_view_scroll(r, -page);
		break;
	case ACTION_HALF_DOWN:
		article_view_scroll(r, (page + 1) / 2);
		break;
	case ACTION_HALF_UP:
		article_view_scroll(r, -(page + 1) / 2);
		break;
	case ACTION_TOP:
		if (r->top != 0) {
			req.what = REQUEST_JUMP;
			req.place = reader_place(r, r->place.article, 0);
		}
		break;
	case ACTION_END:
		if (r->top != article_view_max_top(r, SIZE_MAX)) {
			req.what = REQUEST_JUMP;
			req.place = reader_place(r, r->place.article,
			    article_layout_line(r->layout, article_view_max_top(r, SIZE_MAX))->offset);
		}
		break;
	case ACTION_NEXT_ARTICLE:
		return article_view_step(r, 1);
	case ACTION_PREVIOUS_ARTICLE:
		return article_view_step(r, 0);
	default:
		break;
	}
	return req;
}
