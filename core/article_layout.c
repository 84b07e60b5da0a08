/* An article laid out as screen lines, lazily: lines are made in order
 * as far as somebody asks for them (a screen, the line of a place), so
 * that opening or re-laying a long article after a resize costs what the
 * screen shows, not the article's length. A paragraph of 50 MB is wrapped
 * a window at a time (layout_cursor_next). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "xalloc.h"

/* Lines made by one step of the layout at most. */
#define ARTICLE_LAYOUT_STEP	256

/* A piece of the article to lay out: its title, its source, a blank line
 * before a block, a block. */
typedef struct ArticlePiece {
	ArticleLineKind	 kind;
	const char	*base;		/* the article's text, or its title or source */
	size_t		 start;		/* bytes of base: [start, end) */
	size_t		 end;
	size_t		 at;		/* the place of lines not in the text */
	int		 page;
	int		 level;
} ArticlePiece;

struct ArticleLayout {
	const Article	*article;
	int		 width;
	ArticleLine	*lines;		/* made so far */
	size_t		 count;
	size_t		 size;
	ArticlePiece	*pieces;
	size_t		 npieces;
	size_t		 next;		/* the piece the cursor is in, or the next one */
	LayoutCursor	 cursor;
	int		 started;	/* the cursor is on pieces[next] */
};

/* Appends a line to the layout and returns it. */
static ArticleLine *
article_layout_add(ArticleLayout *layout, const ArticlePiece *piece, size_t start, size_t end)
{
	ArticleLine *line;
	int body = piece->base == layout->article->text;

	if (layout->count == layout->size) {
		layout->size = layout->size ? layout->size * 2 : 64;
		layout->lines = xreallocarray(layout->lines, layout->size, sizeof *line);
	}
	line = &layout->lines[layout->count++];
	line->kind = piece->kind;
	line->base = piece->base;
	line->start = start;
	line->end = end;
	line->width = layout_width(piece->base + start, end - start);
	line->offset = body && piece->kind != ARTICLE_LINE_BLANK ? start : piece->at;
	line->in_text = body;
	line->page = piece->page;
	line->level = piece->level;
	return line;
}

/* Adds a piece to lay out. */
static void
article_layout_piece(ArticleLayout *layout, ArticleLineKind kind, const char *base,
    size_t start, size_t end, size_t at, int page)
{
	ArticlePiece *p;

	layout->pieces = xreallocarray(layout->pieces, layout->npieces + 1, sizeof *p);
	p = &layout->pieces[layout->npieces++];
	p->kind = kind;
	p->base = base;
	p->start = start;
	p->end = end;
	p->at = at;
	p->page = page;
	p->level = kind == ARTICLE_LINE_HEADING ? layout_heading_level(base + start, end - start) : 0;
}

/* Makes up to ARTICLE_LAYOUT_STEP more lines; returns 0 when the layout
 * is complete. */
static int
article_layout_step(ArticleLayout *layout)
{
	size_t made = 0, start, end;

	while (layout->next < layout->npieces && made < ARTICLE_LAYOUT_STEP) {
		const ArticlePiece *p = &layout->pieces[layout->next];

		if (p->kind == ARTICLE_LINE_BLANK) {
			article_layout_add(layout, p, p->start, p->end);
			layout->next++;
			made++;
			continue;
		}
		if (!layout->started) {
			layout_cursor_init(&layout->cursor, p->base, p->start, p->end, layout->width,
			    NULL);
			layout->started = 1;
		}
		while (made < ARTICLE_LAYOUT_STEP && layout_cursor_next(&layout->cursor, &start, &end)) {
			article_layout_add(layout, p, start, end);
			made++;
		}
		if (layout->cursor.done) {
			layout_cursor_free(&layout->cursor);
			layout->started = 0;
			layout->next++;
		}
	}
	return layout->next < layout->npieces;
}

/* Makes lines until there are at least n, or all; returns how many there
 * are then. */
size_t
article_layout_extent(ArticleLayout *layout, size_t n)
{
	while (layout->count < n && article_layout_step(layout))
		;
	return layout->count;
}

/* Starts the layout of an article; the caller frees the result. */
ArticleLayout *
article_layout_new(const Article *article, int width)
{
	ArticleLayout *layout = xcalloc(1, sizeof *layout);
	const char *source = article->source;
	size_t i, blank;

	layout->article = article;
	layout->width = width;
	article_layout_piece(layout, ARTICLE_LINE_TITLE, article->title, 0, strlen(article->title),
	    0, article->page);
	for (i = 0; source == NULL && i < article->nblocks; i++)
		if (article->blocks[i].kind == BLOCK_SOURCE)
			source = article->blocks[i].text;
	if (source != NULL)
		article_layout_piece(layout, ARTICLE_LINE_SOURCE, source, 0, strlen(source), 0,
		    article->page);
	for (i = 0; i < article->nblocks; i++) {
		const Block *b = &article->blocks[i];
		ArticleLineKind kind = ARTICLE_LINE_PARAGRAPH;

		if (b->kind == BLOCK_SOURCE && strcmp(b->text, source) == 0)
			continue;
		if (b->kind == BLOCK_HEADING)
			kind = ARTICLE_LINE_HEADING;
		else if (b->kind == BLOCK_SOURCE)
			kind = ARTICLE_LINE_SOURCE;
		/* The blank line before a block shows the newline that ends
		 * the block before, so that a place on it comes back to it. */
		blank = b->offset > 0 ? b->offset - 1 : 0;
		article_layout_piece(layout, ARTICLE_LINE_BLANK, article->text, b->offset, b->offset,
		    blank, b->page);
		article_layout_piece(layout, kind, article->text, b->offset, b->offset + b->length,
		    b->offset, b->page);
	}
	/* The title: a layout has at least one line. */
	article_layout_extent(layout, 1);
	return layout;
}

/* Frees a layout. */
void
article_layout_free(ArticleLayout *layout)
{
	if (layout == NULL)
		return;
	layout_cursor_free(&layout->cursor);
	free(layout->pieces);
	free(layout->lines);
	free(layout);
}

/* Returns the article the layout shows. */
const Article *
article_layout_article(const ArticleLayout *layout)
{
	return layout->article;
}

/* Returns the width the layout was made for. */
int
article_layout_width(const ArticleLayout *layout)
{
	return layout->width;
}

/* Returns the number of lines, laying out the whole article. */
size_t
article_layout_count(ArticleLayout *layout)
{
	return article_layout_extent(layout, SIZE_MAX);
}

/* Returns line i or NULL; owned by the layout. */
const ArticleLine *
article_layout_line(ArticleLayout *layout, size_t i)
{
	article_layout_extent(layout, i < SIZE_MAX ? i + 1 : i);
	return i < layout->count ? &layout->lines[i] : NULL;
}

/* Returns the line showing offset: the last text line starting at or
 * before it, the title for offset 0. Lays out as far as the line after. */
size_t
article_layout_find(ArticleLayout *layout, size_t offset)
{
	size_t lo = 0, hi, found = 0;

	if (offset == 0)
		return 0;
	while (layout->lines[layout->count - 1].offset <= offset && article_layout_step(layout))
		;
	/* Lines' offsets never decrease: binary search the last <= offset. */
	hi = layout->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (layout->lines[mid].offset <= offset) {
			found = mid;
			lo = mid + 1;
		} else
			hi = mid;
	}
	return found;
}
