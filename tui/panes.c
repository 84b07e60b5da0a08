/* Where the panes go: contents, article, search results, status line and
 * bar, for the window's size; one pane at a time on narrow screens. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "layout.h"
#include "paint.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

#define PANES_MIN_COLS		20	/* below this, or PANES_MIN_ROWS, a notice */
#define PANES_MIN_ROWS		6
#define PANES_NARROW_COLS	70	/* below this, one pane at a time */
#define PANES_TEXT_MAX		84	/* the widest text column, in columns */

/* Returns v limited to [lo, hi]. */
static int
panes_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Sets the article's text column inside its region. */
static void
panes_text_column(Geometry *g, const Region *article)
{
	int margin = article->width >= 40 ? 2 : 1;
	int width = article->width - 2 * margin;

	if (width > PANES_TEXT_MAX) {
		margin += (width - PANES_TEXT_MAX) / 2;
		width = PANES_TEXT_MAX;
	}
	g->text_x = article->x + margin;
	g->text_width = width > 1 ? width : 1;
}

/* Computes the geometry for the screen's size and the reader's mode. */
void
panes_update(Reader *r)
{
	Geometry *g = &r->geometry;
	int rows = LINES, cols = COLS, bottom;
	Region full;

	memset(g, 0, sizeof *g);
	g->separator_x = -1;
	g->bar_y = -1;
	g->too_small = rows < PANES_MIN_ROWS || cols < PANES_MIN_COLS;
	if (g->too_small)
		return;
	g->narrow = cols < PANES_NARROW_COLS;
	bottom = rows;
	if (r->mode == MODE_SEARCH || r->mode == MODE_PAGE_PROMPT || r->mode == MODE_MARK_SET ||
	    r->mode == MODE_MARK_JUMP)
		g->bar_y = --bottom;
	g->status_y = --bottom;
	if (r->mode == MODE_SEARCH) {
		int height = panes_clamp(bottom / 2, 2, 13);

		bottom -= height;
		g->results = (Region){ bottom, 0, height, cols };
	}
	full = (Region){ 0, 0, bottom, cols };
	/* The article's text width is known even when its pane is hidden:
	 * the status line's page and percent come from its layout. */
	if (g->narrow) {
		if (r->focus == FOCUS_CONTENTS)
			g->contents = full;
		else
			g->article = full;
		panes_text_column(g, &full);
	} else if (r->show_contents) {
		int width = panes_clamp(cols * 3 / 10, 24, 40);

		g->contents = (Region){ 0, 0, bottom, width };
		g->separator_x = width;
		g->article = (Region){ 0, width + 1, bottom, cols - width - 1 };
		panes_text_column(g, &g->article);
	} else {
		g->article = full;
		panes_text_column(g, &full);
	}
}

/* Paints the line between the contents and the article. */
void
panes_draw_frame(Reader *r)
{
	const Geometry *g = &r->geometry;
	attr_t attr = terminal_attr(STYLE_FRAME);

	if (g->separator_x < 0)
		return;
	wattr_set(stdscr, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvwvline(stdscr, 0, g->separator_x, ACS_VLINE, g->article.height);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}

/* Paints the notice of a window too small, wrapped to whatever fits. */
void
panes_draw_too_small(void)
{
	char *text;
	LayoutLine *lines;
	size_t n, i;

	text = xasprintf("Window too small (%dx%d): shuzhi needs %dx%d.", COLS, LINES,
	    PANES_MIN_COLS, PANES_MIN_ROWS);
	n = layout_wrap(text, strlen(text), COLS, &lines);
	werase(stdscr);
	for (i = 0; i < n && (int)i < LINES; i++)
		paint_text((int)i, 0, COLS, text + lines[i].start, lines[i].end - lines[i].start,
		    terminal_attr(STYLE_MESSAGE));
	free(lines);
	free(text);
}
