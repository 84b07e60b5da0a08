/* Text layout: breaks a paragraph into screen lines by display width,
 * without touching the terminal. Used by the reader and by --width. */
#ifndef SHUZHI_LAYOUT_H
#define SHUZHI_LAYOUT_H

#include <stddef.h>

#include "issue.h"

typedef struct LayoutLine {
	size_t	start;	/* byte offset of the line in the text */
	size_t	end;	/* byte offset just past the line (spaces at a break dropped) */
	int	width;	/* display columns of text[start, end) */
} LayoutLine;

/* Breaks UTF-8 text into lines of at most width display columns, following
 * Unicode line breaking (libunistring) with the Chinese rules: no line starts
 * with closing punctuation nor ends with opening punctuation, and a grapheme
 * is never split. width <= 0 means no wrapping (one line per newline-separated
 * line). A grapheme wider than width gets a line of its own.
 * Returns the number of lines; *lines is allocated and the caller frees it.
 * An empty text gives one empty line. */
size_t layout_wrap(const char *text, size_t len, int width, LayoutLine **lines);

/* Wrapping a line at a time, for what is too long to wrap whole (see
 * article_layout.c): the same lines as layout_wrap, as far as asked. */
typedef struct LayoutCursor {
	const char	*text;
	size_t		 first;		/* the run: text[first, stop), no newline inside */
	size_t		 stop;
	size_t		 pos;		/* where the next line starts */
	int		 width;
	int		 done;		/* the last line was given */
	const char	*brk;		/* break opportunities from text[window] on */
	size_t		 window;
	size_t		 trusted;	/* brk is right before this */
	char		*own;		/* brk when the cursor computed it */
} LayoutCursor;

/* Starts a cursor over text[start, stop) for lines of width columns;
 * brk, when not NULL, holds the run's break opportunities, else the
 * cursor computes them a window at a time. */
void layout_cursor_init(LayoutCursor *c, const char *text, size_t start, size_t stop, int width,
    const char *brk);
/* Sets [*start, *end) to the next line (spaces at its end dropped); returns 0
 * when there is none. An empty run has one empty line. */
int layout_cursor_next(LayoutCursor *c, size_t *start, size_t *end);
/* Frees what a cursor computed. */
void layout_cursor_free(LayoutCursor *c);

/* Returns the display width of UTF-8 text (East Asian wide = 2 columns;
 * characters that cannot be shown count 0). */
int layout_width(const char *text, size_t len);

/* Returns the byte length of the grapheme cluster that starts text (at
 * least 1 when len > 0) and sets *width (optional) to its display columns. */
size_t layout_grapheme(const char *text, size_t len, int *width);

/* Returns the bytes of closing punctuation (what must not start a line:
 * ， 。 、 ） ” …) at the start of text: where a cut excerpt should not
 * begin. */
size_t layout_skip_no_start(const char *text, size_t len);

/* Returns a heading's level from its numbering: 1 for 一、 and 第N章 (and
 * a heading without numbering), 2 for (一) and 第N条, 3 for 1. 1、 (1). */
int layout_heading_level(const char *text, size_t len);

/* Returns how many bytes of text fit in width columns, whole graphemes
 * only; *used (optional) gets the columns they take. */
size_t layout_fit(const char *text, size_t len, int width, int *used);

/* ---- An article laid out for a pane: its title, its source line under the
 * title, then its blocks with a blank line between them. */

typedef enum ArticleLineKind {
	ARTICLE_LINE_TITLE,
	ARTICLE_LINE_SOURCE,
	ARTICLE_LINE_HEADING,
	ARTICLE_LINE_PARAGRAPH,
	ARTICLE_LINE_BLANK,
} ArticleLineKind;

typedef struct ArticleLine {
	ArticleLineKind	 kind;
	const char	*base;		/* the string start and end index: the article's
					 * text for body lines, else its title or source */
	size_t		 start;		/* bytes of base shown: [start, end) */
	size_t		 end;
	int		 width;		/* display columns of the shown bytes */
	size_t		 offset;	/* place in the article's text this line shows */
	int		 in_text;	/* non-zero when base is the article's text */
	int		 page;		/* printed page of the line's block (0: unknown) */
	int		 level;		/* headings: 1 一、, 2 (一), 3 1.; else 0 */
} ArticleLine;

typedef struct ArticleLayout ArticleLayout;

/* Lays out an article for a pane width columns wide (width <= 0: no
 * wrapping), lazily: lines are made as far as they are asked for (see
 * article_layout.c). The layout points into the article, which must
 * outlive it. Returns a layout the caller frees with article_layout_free. */
ArticleLayout *article_layout_new(const Article *article, int width);
void article_layout_free(ArticleLayout *layout);

/* Returns the article and the width the layout was made for. */
const Article *article_layout_article(const ArticleLayout *layout);
int article_layout_width(const ArticleLayout *layout);

/* Makes lines until there are n, or all; returns how many there are. */
size_t article_layout_extent(ArticleLayout *layout, size_t n);
/* Returns the number of lines (at least one), laying out the whole article. */
size_t article_layout_count(ArticleLayout *layout);
/* Returns line i, or NULL past the end; owned by the layout. */
const ArticleLine *article_layout_line(ArticleLayout *layout, size_t i);
/* Returns the index of the line showing byte offset of the article's text:
 * offset 0 is the first line (the title). */
size_t article_layout_find(ArticleLayout *layout, size_t offset);

#endif
