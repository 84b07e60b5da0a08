/* Painting text into stdscr, grapheme by grapheme, by display width. */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include <unistr.h>

#include "layout.h"
#include "paint.h"
#include "text.h"

#define PAINT_MAX_CHARS 5	/* code points kept per cell, as curses allows */

/* Sets a curses cell from attributes that may include a colour pair. */
static void
paint_cell(cchar_t *cell, const wchar_t *chars, attr_t attr)
{
	setcchar(cell, chars, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
}

/* Returns the attributes for the byte at offset: the mark holding it, else attr. */
static attr_t
paint_attr_at(size_t offset, attr_t attr, const PaintMark *marks, size_t nmarks)
{
	size_t i;

	for (i = 0; i < nmarks; i++)
		if (offset >= marks[i].start && offset < marks[i].end)
			return marks[i].attr;
	return attr;
}

/* Paints one grapheme (bytes g[0, n)) of w columns at y, x. */
static void
paint_grapheme(int y, int x, const char *g, size_t n, int w, attr_t attr)
{
	wchar_t chars[PAINT_MAX_CHARS + 1];
	cchar_t cell;
	size_t i = 0, count = 0;

	while (i < n) {
		ucs4_t uc;
		int step = u8_mbtouc(&uc, (const uint8_t *)g + i, n - i);

		i += step > 0 ? (size_t)step : 1;
		if (text_is_shown(uc) && count < PAINT_MAX_CHARS)
			chars[count++] = (wchar_t)uc;
	}
	if (count == 0)
		return;
	chars[count] = L'\0';
	paint_cell(&cell, chars, attr);
	mvwadd_wch(stdscr, y, x, &cell);
	/* A cell curses takes as narrower than the text's width leaves the rest blank. */
	if (w == 2 && getcurx(stdscr) == x + 1)
		mvwaddch(stdscr, y, x + 1, ' ' | (attr & ~A_COLOR) | COLOR_PAIR(PAIR_NUMBER(attr)));
}

/* Paints marked text; returns the columns painted. */
int
paint_marked(int y, int x, int width, const char *text, size_t len, attr_t attr,
    const PaintMark *marks, size_t nmarks)
{
	size_t i = 0;
	int col = 0;

	while (i < len) {
		int w;
		size_t n = layout_grapheme(text + i, len - i, &w);

		if (col + w > width)
			break;
		if (w > 0) {
			paint_grapheme(y, x + col, text + i, n, w,
			    paint_attr_at(i, attr, marks, nmarks));
			col += w;
		}
		i += n;
	}
	return col;
}

/* Paints text; returns the columns painted. */
int
paint_text(int y, int x, int width, const char *text, size_t len, attr_t attr)
{
	return paint_marked(y, x, width, text, len, attr, NULL, 0);
}

/* Paints a string, ending with "…" when it does not fit. */
int
paint_cut(int y, int x, int width, const char *text, attr_t attr)
{
	size_t len = strlen(text);
	int used;

	if (width <= 0)
		return 0;
	if (layout_width(text, len) <= width)
		return paint_text(y, x, width, text, len, attr);
	len = layout_fit(text, len, width - 1, &used);
	used = paint_text(y, x, width - 1, text, len, attr);
	return used + paint_text(y, x + used, 1, "…", strlen("…"), attr);
}

/* Fills columns with spaces: curses' own line drawing, with a space. */
void
paint_blank(int y, int x, int width, attr_t attr)
{
	if (width <= 0)
		return;
	wattr_set(stdscr, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvwhline(stdscr, y, x, ' ', width);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}
