/* The key table: every binding of the reader, in the order the help
 * screen lists them. Keys and help come from here only. */
#include "config.h"

#include <curses.h>

#include "keys.h"

#define F(code) KEYS_FUNCTION(code)

static const Binding bindings[] = {
	{ KEYS_READING, ACTION_LINE_DOWN, { 'j', F(KEY_DOWN), 'e', KEYS_CTRL('E') }, "j  Down  e  C-e",
	    "line down (contents: next entry)" },
	{ KEYS_READING, ACTION_LINE_UP, { 'k', F(KEY_UP), KEYS_CTRL('Y') }, "k  Up  C-y",
	    "line up (contents: previous entry)" },
	{ KEYS_READING, ACTION_PAGE_DOWN_ON, { ' ' }, "Space",
	    "page down; at an article's end, on into the next" },
	{ KEYS_READING, ACTION_PAGE_DOWN, { 'f', F(KEY_NPAGE), KEYS_CTRL('F') }, "f  PgDn  C-f",
	    "page down" },
	{ KEYS_READING, ACTION_PAGE_UP, { 'b', F(KEY_PPAGE), KEYS_CTRL('B') }, "b  PgUp  C-b",
	    "page up" },
	{ KEYS_READING, ACTION_HALF_DOWN, { 'd', KEYS_CTRL('D') }, "d  C-d", "half a page down" },
	{ KEYS_READING, ACTION_HALF_UP, { 'u', KEYS_CTRL('U') }, "u  C-u", "half a page up" },
	{ KEYS_READING, ACTION_TOP, { 'g', F(KEY_HOME), '<' }, "g  Home  <", "top of the article" },
	{ KEYS_READING, ACTION_END, { 'G', F(KEY_END), '>' }, "G  End  >", "end of the article" },
	{ KEYS_READING, ACTION_NEXT_ARTICLE, { ']' }, "]", "next article" },
	{ KEYS_READING, ACTION_PREVIOUS_ARTICLE, { '[' }, "[", "previous article" },
	{ KEYS_READING, ACTION_FOCUS, { '\t' }, "Tab", "switch between contents and article" },
	{ KEYS_READING, ACTION_TOGGLE_CONTENTS, { 't' }, "t", "show or hide the contents" },
	{ KEYS_READING, ACTION_OPEN, { '\r', '\n', F(KEY_ENTER) }, "Enter",
	    "open the selected entry" },
	{ KEYS_READING, ACTION_GOTO_PAGE, { ':' }, ":N Enter", "go to printed page N" },
	{ KEYS_READING, ACTION_SEARCH, { '/' }, "/",
	    "search the whole issue; results update as you type; the last query is ready to edit" },
	{ KEYS_READING, ACTION_SEARCH_BACKWARD, { '?' }, "?",
	    "search as / does, n and N then walking the hits backward" },
	{ KEYS_READING, ACTION_NEXT_HIT, { 'n' }, "n",
	    "next hit of the last search, across articles in result order" },
	{ KEYS_READING, ACTION_PREVIOUS_HIT, { 'N' }, "N", "previous hit" },
	{ KEYS_READING, ACTION_MARK_SET, { 'm' }, "m x", "set mark x (a letter or a digit)" },
	{ KEYS_READING, ACTION_MARK_JUMP, { '\'' }, "' x", "jump to mark x" },
	{ KEYS_READING, ACTION_NONE, { 0 }, "''", "back to where you were before the last jump" },
	{ KEYS_READING, ACTION_BACK, { F(KEY_BACKSPACE), 0x7f, KEYS_CTRL('H') }, "Backspace",
	    "back (history of jumps)" },
	{ KEYS_READING, ACTION_OUTLINE, { 'o' }, "o",
	    "the article's outline: j/k choose a heading, Enter jumps to it" },
	{ KEYS_READING, ACTION_COPY, { 'y' }, "y",
	    "copy the paragraph at the top (or the selection) with its citation" },
	{ KEYS_READING, ACTION_SELECT, { 'v' }, "v",
	    "select paragraphs: j/k extend, y copies, Esc cancels" },
	{ KEYS_READING, ACTION_HELP, { 'h', F(KEY_F(1)) }, "h  F1", "this help" },
	{ KEYS_READING, ACTION_ESCAPE, { KEYS_ESCAPE }, "Esc",
	    "close the help or a prompt; hide the highlighted hits (n and N go on)" },
	{ KEYS_READING, ACTION_REDRAW, { KEYS_CTRL('L') }, "Ctrl-L", "redraw the screen" },
	{ KEYS_READING, ACTION_QUIT, { 'q' }, "q", "quit, remembering the place" },

	{ KEYS_BAR, ACTION_BAR_NEXT, { KEYS_CTRL('N'), '\t' }, "C-n  Tab",
	    "next result" },
	{ KEYS_BAR, ACTION_BAR_PREVIOUS, { KEYS_CTRL('P'), F(KEY_BTAB) }, "C-p  S-Tab",
	    "previous result" },
	{ KEYS_BAR, ACTION_BAR_PAGE_DOWN, { F(KEY_NPAGE) }, "PgDn", "results: page down" },
	{ KEYS_BAR, ACTION_BAR_PAGE_UP, { F(KEY_PPAGE) }, "PgUp", "results: page up" },
	{ KEYS_BAR, ACTION_BAR_OPEN, { '\r', '\n', F(KEY_ENTER) }, "Enter",
	    "open the selected hit, every hit highlighted (prompt: go)" },
	{ KEYS_BAR, ACTION_BAR_OLDER, { F(KEY_UP) }, "Up", "an older search from the history" },
	{ KEYS_BAR, ACTION_BAR_NEWER, { F(KEY_DOWN) }, "Down", "a newer search from the history" },
	{ KEYS_BAR, ACTION_BAR_LEFT, { F(KEY_LEFT), KEYS_CTRL('B') }, "Left  C-b",
	    "cursor a character left" },
	{ KEYS_BAR, ACTION_BAR_RIGHT, { F(KEY_RIGHT), KEYS_CTRL('F') }, "Right  C-f",
	    "cursor a character right" },
	{ KEYS_BAR, ACTION_BAR_HOME, { F(KEY_HOME), KEYS_CTRL('A') }, "Home  C-a",
	    "cursor to the start" },
	{ KEYS_BAR, ACTION_BAR_END, { F(KEY_END), KEYS_CTRL('E') }, "End  C-e", "cursor to the end" },
	{ KEYS_BAR, ACTION_BAR_DELETE, { F(KEY_BACKSPACE), 0x7f, KEYS_CTRL('H') }, "Backspace",
	    "delete the character before the cursor (empty: close)" },
	{ KEYS_BAR, ACTION_BAR_DELETE_FORWARD, { F(KEY_DC), KEYS_CTRL('D') }, "Delete  C-d",
	    "delete the character under the cursor" },
	{ KEYS_BAR, ACTION_BAR_KILL_WORD, { KEYS_CTRL('W') }, "C-w",
	    "delete the word before the cursor" },
	{ KEYS_BAR, ACTION_BAR_CLEAR, { KEYS_CTRL('U') }, "C-u", "delete to the start of the line" },
	{ KEYS_BAR, ACTION_BAR_KILL_END, { KEYS_CTRL('K') }, "C-k", "delete to the end of the line" },
	{ KEYS_BAR, ACTION_BAR_CLOSE, { KEYS_ESCAPE, KEYS_CTRL('G') }, "Esc  C-g",
	    "close the bar, keeping the place and the last search" },
};

/* Returns the action bound to key in context, or ACTION_NONE. */
Action
keys_action(KeysContext context, int key)
{
	size_t i, k;

	for (i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		if (bindings[i].context != context)
			continue;
		for (k = 0; k < KEYS_MAX && bindings[i].keys[k] != 0; k++)
			if (bindings[i].keys[k] == key)
				return bindings[i].action;
	}
	return ACTION_NONE;
}

/* Returns the number of bindings. */
size_t
keys_count(void)
{
	return sizeof bindings / sizeof bindings[0];
}

/* Returns binding i (static, never freed), or NULL past the end. */
const Binding *
keys_binding(size_t i)
{
	return i < keys_count() ? &bindings[i] : NULL;
}
