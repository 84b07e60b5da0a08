/* Painting text into stdscr: validated UTF-8, grapheme by grapheme, by
 * display width. Nothing reaches the terminal without passing here. */
#ifndef SHUZHI_PAINT_H
#define SHUZHI_PAINT_H

#include <stddef.h>

#include <curses.h>

/* A byte range of the painted text shown with other attributes. */
typedef struct PaintMark {
	size_t	start;
	size_t	end;
	attr_t	attr;
} PaintMark;

/* Paints len bytes of UTF-8 text at y, x in at most width columns, with
 * marks (sorted, byte ranges of text) painted in their own attributes.
 * Invalid bytes show as U+FFFD; control and invisible characters are
 * skipped. Returns the columns painted. */
int paint_marked(int y, int x, int width, const char *text, size_t len, attr_t attr,
    const PaintMark *marks, size_t nmarks);

/* Paints text without marks; returns the columns painted. */
int paint_text(int y, int x, int width, const char *text, size_t len, attr_t attr);

/* Paints a NUL-terminated string; when it does not fit, it ends with "…".
 * Returns the columns painted. */
int paint_cut(int y, int x, int width, const char *text, attr_t attr);

/* Fills width columns at y, x with spaces. */
void paint_blank(int y, int x, int width, attr_t attr);

#endif
