/* Text layout: breaks a paragraph into screen lines by display width,
 * without touching the terminal. Used by the reader and by --width. */
#ifndef SHUZHI_LAYOUT_H
#define SHUZHI_LAYOUT_H

#include <stddef.h>

typedef struct LayoutLine {
	size_t	start;	/* byte offset of the line in the text */
	size_t	end;	/* byte offset just past the line (spaces at a break dropped) */
	int	width;	/* display columns of text[start, end) */
} LayoutLine;

/* Breaks UTF-8 text into lines of at most width display columns, following
 * Unicode line breaking (libunistring) with the Chinese rules: no line starts
 * with closing punctuation nor ends with opening punctuation, and a grapheme
 * is never split. width <= 0 means no wrapping (one line).
 * Returns the number of lines; *lines is allocated and the caller frees it.
 * An empty text gives one empty line. */
size_t layout_wrap(const char *text, size_t len, int width, LayoutLine **lines);

/* Returns the display width of UTF-8 text (East Asian wide = 2 columns). */
int layout_width(const char *text, size_t len);

#endif
