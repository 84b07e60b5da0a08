/* The help screen, generated from the key table: every binding, grouped
 * by where it applies. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "paint.h"
#include "terminal.h"
#include "view.h"

#define HELP_KEYS_WIDTH 18	/* columns of the keys' column when there is room */

/* Returns the heading of a context's group of bindings. */
static const char *
help_view_heading(KeysContext context)
{
	return context == KEYS_READING ? "Reading (contents and article)" :
	    "In the search bar (/) and the page prompt (:)";
}

/* Returns how many rows the help takes: all above the status line. */
static int
help_view_rows(const Reader *r)
{
	return r->geometry.status_y;
}

/* Which of the help's lines go on the screen: from first, rows of them;
 * none when only counting. */
typedef struct HelpWindow {
	int	first;
	int	rows;
	int	paint;
} HelpWindow;

/* Returns the screen row of the help's line, or -1 when it is not shown. */
static int
help_view_row(const HelpWindow *win, size_t line)
{
	int y = (int)line - win->first;

	return win->paint && y >= 0 && y < win->rows ? y : -1;
}

/* Paints the lines of the help that fall in the window; returns the
 * number of lines of the whole help. */
static size_t
help_view_lay_out(const HelpWindow *win)
{
	size_t i, line = 0, n = keys_count();
	int keys_width = COLS >= 40 ? HELP_KEYS_WIDTH : 10;
	int text_x = 2 + keys_width, text_width = COLS - text_x - 1, y;
	KeysContext context = (KeysContext)-1;

	if ((y = help_view_row(win, line++)) >= 0)
		paint_cut(y, 1, COLS - 2, "shuzhi keys (Esc, q or h closes this help)",
		    terminal_attr(STYLE_TITLE));
	for (i = 0; i < n; i++) {
		const Binding *b = keys_binding(i);
		LayoutLine *wrapped;
		size_t nw, w;

		if (b->context != context) {
			context = b->context;
			line++;
			if ((y = help_view_row(win, line++)) >= 0)
				paint_cut(y, 1, COLS - 2, help_view_heading(context),
				    terminal_attr(STYLE_SECTION));
		}
		if ((y = help_view_row(win, line)) >= 0)
			paint_cut(y, 2, keys_width - 1, b->names, terminal_attr(STYLE_KEY));
		nw = layout_wrap(b->help, strlen(b->help), text_width, &wrapped);
		for (w = 0; w < nw; w++, line++)
			if ((y = help_view_row(win, line)) >= 0)
				paint_text(y, text_x, text_width, b->help + wrapped[w].start,
				    wrapped[w].end - wrapped[w].start, terminal_attr(STYLE_TEXT));
		free(wrapped);
	}
	return line;
}

/* Paints the help over everything but the status line. */
void
help_view_draw(Reader *r)
{
	int rows = help_view_rows(r), y;
	HelpWindow win = { (int)r->help_top, rows, 1 };

	for (y = 0; y < rows; y++)
		paint_blank(y, 0, COLS, terminal_attr(STYLE_TEXT));
	help_view_lay_out(&win);
}

/* Handles a key on the help screen: scrolling, or closing it (the panes
 * then come back: a request). */
Request
help_view_key(Reader *r, int key)
{
	Request req = { 0 };
	HelpWindow count_only = { 0, 0, 0 };
	Action action = keys_action(KEYS_READING, key);
	size_t total = help_view_lay_out(&count_only), rows = (size_t)help_view_rows(r);
	size_t max = total > rows ? total - rows : 0;

	switch (action) {
	case ACTION_ESCAPE:
	case ACTION_QUIT:
	case ACTION_HELP:
		r->mode = MODE_READING;
		r->dirty |= DIRTY_ALL;
		req.what = REQUEST_RELAYOUT;
		return req;
	case ACTION_LINE_DOWN:
		r->help_top++;
		break;
	case ACTION_LINE_UP:
		if (r->help_top > 0)
			r->help_top--;
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_DOWN_ON:
	case ACTION_HALF_DOWN:
		r->help_top += rows > 2 ? rows - 1 : 1;
		break;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP:
		r->help_top = r->help_top > rows - 1 ? r->help_top - (rows - 1) : 0;
		break;
	case ACTION_TOP:
		r->help_top = 0;
		break;
	case ACTION_END:
		r->help_top = max;
		break;
	default:
		break;
	}
	if (r->help_top > max)
		r->help_top = max;
	r->dirty |= DIRTY_ARTICLE;
	return req;
}
