/* A line of input (the search bar's query, the page prompt): editing keys
 * as readline has them, typed and pasted text, painting with the cursor
 * in view. The editing itself is core's line_edit.c. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "layout.h"
#include "paint.h"
#include "terminal.h"
#include "view.h"

/* Returns non-zero when a key is a character that can be typed. */
static int
input_line_is_text(int key)
{
	return !(key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0) || key > 0x10ffff ||
	    uc_is_general_category((ucs4_t)key, UC_CATEGORY_Cf) ||
	    uc_is_general_category((ucs4_t)key, UC_CATEGORY_Cs) ||
	    uc_is_general_category((ucs4_t)key, UC_CATEGORY_Cn));
}

/* Inserts text; sets *full when not all of it fit. Returns non-zero when
 * anything went in. */
static int
input_line_insert(LineEdit *e, const char *text, size_t len, size_t max, int *full)
{
	size_t n = line_edit_insert(e, text, len, max);

	if (n < len && full != NULL)
		*full = 1;
	return n > 0;
}

/* Applies a key to a line of input. */
int
input_line_key(LineEdit *e, int key, size_t max, int *full)
{
	uint8_t bytes[6];
	int n;

	switch (keys_action(KEYS_BAR, key)) {
	case ACTION_BAR_LEFT:
		line_edit_left(e);
		return 0;
	case ACTION_BAR_RIGHT:
		line_edit_right(e);
		return 0;
	case ACTION_BAR_HOME:
		line_edit_home(e);
		return 0;
	case ACTION_BAR_END:
		line_edit_end(e);
		return 0;
	case ACTION_BAR_DELETE:
		return line_edit_backspace(e);
	case ACTION_BAR_DELETE_FORWARD:
		return line_edit_delete(e);
	case ACTION_BAR_KILL_WORD:
		return line_edit_kill_word(e);
	case ACTION_BAR_CLEAR:
		return line_edit_kill_start(e);
	case ACTION_BAR_KILL_END:
		return line_edit_kill_end(e);
	default:
		break;
	}
	if (key == KEYS_PASTE) {
		const char *text = terminal_paste_text();

		return input_line_insert(e, text, strlen(text), max, full) ? 1 : 0;
	}
	if (!input_line_is_text(key))
		return -1;
	n = u8_uctomb(bytes, (ucs4_t)key, sizeof bytes);
	if (n <= 0)
		return -1;
	return input_line_insert(e, (const char *)bytes, (size_t)n, max, full) ? 1 : -1;
}

/* Paints a line of input with the cursor in view. */
int
input_line_draw(const LineEdit *e, int y, int x, int width, attr_t attr)
{
	const char *text = line_edit_text(e);
	size_t len = strlen(text), from = 0;

	if (width <= 1)
		return x;
	/* Scroll so that the cursor (and a column for it) shows. */
	while (from < e->cursor && layout_width(text + from, e->cursor - from) > width - 1)
		from += layout_grapheme(text + from, len - from, NULL);
	paint_text(y, x, width, text + from, len - from, attr);
	return x + layout_width(text + from, e->cursor - from);
}
