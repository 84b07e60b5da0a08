/* Unit tests of line editing: the search bar's and the prompt's keys. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "line_edit.h"
#include "tap.h"

int
main(void)
{
	LineEdit e = { { 0 }, 0 };

	setlocale(LC_ALL, "C.UTF-8");
	is_str(line_edit_text(&e), "", "an empty line reads as \"\"");
	line_edit_set(&e, "数据要素");
	is_int(e.cursor, strlen("数据要素"), "set puts the cursor at the end");
	line_edit_left(&e);
	line_edit_left(&e);
	is_int(e.cursor, strlen("数据"), "Left moves by one character, not one byte");
	line_edit_insert(&e, "x", 1, 256);
	is_str(line_edit_text(&e), "数据x要素", "text goes in at the cursor");
	ok(line_edit_backspace(&e), "Backspace deletes");
	is_str(line_edit_text(&e), "数据要素", "the character before the cursor");
	ok(line_edit_delete(&e), "Delete deletes");
	is_str(line_edit_text(&e), "数据素", "the character under the cursor");
	line_edit_home(&e);
	is_int(e.cursor, 0, "Home goes to the start");
	ok(!line_edit_backspace(&e), "Backspace at the start changes nothing");
	line_edit_end(&e);
	ok(!line_edit_delete(&e), "Delete at the end changes nothing");

	/* A grapheme of several code points goes whole. */
	line_edit_set(&e, "ae\xcc\x81");	/* a, e + combining acute */
	line_edit_left(&e);
	is_int(e.cursor, 1, "Left steps over a combining mark with its base");
	line_edit_end(&e);
	line_edit_backspace(&e);
	is_str(line_edit_text(&e), "a", "Backspace deletes a base and its mark together");

	line_edit_set(&e, "IPv6  数据 要素  ");
	ok(line_edit_kill_word(&e), "C-w deletes");
	is_str(line_edit_text(&e), "IPv6  数据 ", "the last word and the spaces after it");
	line_edit_kill_word(&e);
	is_str(line_edit_text(&e), "IPv6  ", "again: the word before");
	line_edit_set(&e, "abc def");
	line_edit_left(&e);
	line_edit_left(&e);
	ok(line_edit_kill_start(&e), "C-u deletes");
	is_str(line_edit_text(&e), "ef", "everything before the cursor");
	is_int(e.cursor, 0, "the cursor ends at the start");
	line_edit_right(&e);
	ok(line_edit_kill_end(&e), "C-k deletes");
	is_str(line_edit_text(&e), "e", "everything after the cursor");

	line_edit_set(&e, "");
	is_int(line_edit_insert(&e, "数据", strlen("数据"), 4), 3,
	    "insert stops at the limit, on a character boundary");
	is_str(line_edit_text(&e), "数", "only whole characters go in");
	is_int(line_edit_insert(&e, "\xff", 1, 100), 0, "an invalid byte does not go in");
	line_edit_free(&e);
	return done_testing();
}
