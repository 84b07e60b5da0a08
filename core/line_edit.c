/* Editing a line of input by grapheme, as readline does. */
#include "config.h"

#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "layout.h"
#include "line_edit.h"

/* Makes sure the buffer holds a NUL-terminated string. */
static void
line_edit_ensure(LineEdit *e)
{
	if (e->text.data == NULL)
		buffer_append(&e->text, "", 0);
}

/* Replaces the line with s. */
void
line_edit_set(LineEdit *e, const char *s)
{
	buffer_clear(&e->text);
	buffer_puts(&e->text, s);
	line_edit_ensure(e);
	e->cursor = e->text.len;
}

/* Returns the line. */
const char *
line_edit_text(const LineEdit *e)
{
	return e->text.data != NULL ? e->text.data : "";
}

/* Removes bytes [from, to) and puts the cursor at from. */
static void
line_edit_cut(LineEdit *e, size_t from, size_t to)
{
	memmove(e->text.data + from, e->text.data + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cursor = from;
}

/* Inserts text at the cursor, within max bytes. */
size_t
line_edit_insert(LineEdit *e, const char *s, size_t len, size_t max)
{
	size_t room, n = 0, tail;

	line_edit_ensure(e);
	room = e->text.len < max ? max - e->text.len : 0;
	/* Whole characters only. */
	while (n < len) {
		int k = u8_mblen((const uint8_t *)s + n, len - n);

		if (k <= 0 || n + (size_t)k > room)
			break;
		n += (size_t)k;
	}
	if (n == 0)
		return 0;
	tail = e->text.len - e->cursor;
	buffer_append(&e->text, s, n);	/* grows; the bytes are put in place below */
	memmove(e->text.data + e->cursor + n, e->text.data + e->cursor, tail);
	memcpy(e->text.data + e->cursor, s, n);
	e->text.data[e->text.len] = '\0';
	e->cursor += n;
	return n;
}

/* Returns the start of the grapheme that ends at the cursor. */
static size_t
line_edit_previous(const LineEdit *e)
{
	size_t at = 0, last = 0;

	while (at < e->cursor) {
		last = at;
		at += layout_grapheme(e->text.data + at, e->text.len - at, NULL);
	}
	return last;
}

/* Returns the end of the grapheme at the cursor. */
static size_t
line_edit_next(const LineEdit *e)
{
	if (e->cursor >= e->text.len)
		return e->text.len;
	return e->cursor + layout_grapheme(e->text.data + e->cursor, e->text.len - e->cursor, NULL);
}

/* Moves the cursor a grapheme left. */
void
line_edit_left(LineEdit *e)
{
	e->cursor = line_edit_previous(e);
}

/* Moves the cursor a grapheme right. */
void
line_edit_right(LineEdit *e)
{
	e->cursor = line_edit_next(e);
}

/* Moves the cursor to the start. */
void
line_edit_home(LineEdit *e)
{
	e->cursor = 0;
}

/* Moves the cursor to the end. */
void
line_edit_end(LineEdit *e)
{
	e->cursor = e->text.len;
}

/* Deletes the grapheme before the cursor. */
int
line_edit_backspace(LineEdit *e)
{
	if (e->cursor == 0)
		return 0;
	line_edit_cut(e, line_edit_previous(e), e->cursor);
	return 1;
}

/* Deletes the grapheme under the cursor. */
int
line_edit_delete(LineEdit *e)
{
	if (e->cursor >= e->text.len)
		return 0;
	line_edit_cut(e, e->cursor, line_edit_next(e));
	return 1;
}

/* Returns non-zero when the grapheme at byte at is white space. */
static int
line_edit_is_space(const LineEdit *e, size_t at)
{
	ucs4_t uc;

	u8_mbtouc(&uc, (const uint8_t *)e->text.data + at, e->text.len - at);
	return uc_is_property_white_space(uc);
}

/* Deletes the word before the cursor, as C-w does. */
int
line_edit_kill_word(LineEdit *e)
{
	size_t end = e->cursor, at;

	if (e->cursor == 0)
		return 0;
	while (e->cursor > 0 && line_edit_is_space(e, line_edit_previous(e)))
		e->cursor = line_edit_previous(e);
	while (e->cursor > 0 && !line_edit_is_space(e, line_edit_previous(e)))
		e->cursor = line_edit_previous(e);
	at = e->cursor;
	line_edit_cut(e, at, end);
	return 1;
}

/* Deletes everything before the cursor. */
int
line_edit_kill_start(LineEdit *e)
{
	if (e->cursor == 0)
		return 0;
	line_edit_cut(e, 0, e->cursor);
	return 1;
}

/* Deletes everything after the cursor. */
int
line_edit_kill_end(LineEdit *e)
{
	if (e->cursor >= e->text.len)
		return 0;
	e->text.len = e->cursor;
	e->text.data[e->text.len] = '\0';
	return 1;
}

/* Frees the line. */
void
line_edit_free(LineEdit *e)
{
	buffer_free(&e->text);
	e->cursor = 0;
}
