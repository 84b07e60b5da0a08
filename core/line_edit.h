/* A line of input being edited as readline does it: a cursor that moves
 * and deletes by grapheme, words killed backward, the line cut at the
 * cursor. No curses: the search bar and the page prompt (tui/) paint it. */
#ifndef SHUZHI_LINE_EDIT_H
#define SHUZHI_LINE_EDIT_H

#include <stddef.h>

#include "buffer.h"

typedef struct LineEdit {
	Buffer	text;		/* UTF-8, NUL-terminated once anything was set */
	size_t	cursor;		/* byte offset, on a grapheme boundary */
} LineEdit;

/* Replaces the line with s, the cursor at its end. */
void line_edit_set(LineEdit *e, const char *s);

/* Returns the line (never NULL; "" when empty). */
const char *line_edit_text(const LineEdit *e);

/* Inserts len bytes of UTF-8 at the cursor, no more than keeps the line
 * within max bytes (cut on a character boundary). Returns the bytes
 * inserted. */
size_t line_edit_insert(LineEdit *e, const char *s, size_t len, size_t max);

/* Moves the cursor a grapheme left or right, or to the start or end. */
void line_edit_left(LineEdit *e);
void line_edit_right(LineEdit *e);
void line_edit_home(LineEdit *e);
void line_edit_end(LineEdit *e);

/* Deletes the grapheme before or under the cursor, the word before it
 * (and the spaces after that word), all before it, or all after it.
 * Each returns non-zero when the line changed. */
int line_edit_backspace(LineEdit *e);
int line_edit_delete(LineEdit *e);
int line_edit_kill_word(LineEdit *e);
int line_edit_kill_start(LineEdit *e);
int line_edit_kill_end(LineEdit *e);

/* Frees the line. */
void line_edit_free(LineEdit *e);

#endif
