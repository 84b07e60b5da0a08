/* Key bindings: one table maps keys to actions and generates the help. */
#ifndef SHUZHI_KEYS_H
#define SHUZHI_KEYS_H

#include <stddef.h>

/* A key as read from the terminal: a character (its code point) or a
 * curses function key (KEYS_FUNCTION(KEY_DOWN)). */
#define KEYS_FUNCTION(code)	(0x200000 | (code))
#define KEYS_CTRL(c)		((c) & 0x1f)
#define KEYS_ESCAPE		0x1b
#define KEYS_PASTE		0x400000	/* text pasted: terminal_paste_text() */

typedef enum Action {
	ACTION_NONE,
	ACTION_LINE_DOWN,
	ACTION_LINE_UP,
	ACTION_PAGE_DOWN_ON,	/* Space: at the end, on into the next article */
	ACTION_PAGE_DOWN,
	ACTION_PAGE_UP,
	ACTION_HALF_DOWN,
	ACTION_HALF_UP,
	ACTION_TOP,
	ACTION_END,
	ACTION_NEXT_ARTICLE,
	ACTION_PREVIOUS_ARTICLE,
	ACTION_FOCUS,
	ACTION_TOGGLE_CONTENTS,
	ACTION_OPEN,
	ACTION_GOTO_PAGE,
	ACTION_SEARCH,
	ACTION_SEARCH_BACKWARD,
	ACTION_NEXT_HIT,
	ACTION_PREVIOUS_HIT,
	ACTION_MARK_SET,
	ACTION_MARK_JUMP,
	ACTION_BACK,
	ACTION_OUTLINE,		/* o: the article's outline */
	ACTION_COPY,		/* y: copy with the citation */
	ACTION_SELECT,		/* v: select paragraphs to copy */
	ACTION_HELP,
	ACTION_ESCAPE,
	ACTION_REDRAW,
	ACTION_QUIT,
	/* In the search bar and prompts. */
	ACTION_BAR_NEXT,
	ACTION_BAR_PREVIOUS,
	ACTION_BAR_PAGE_DOWN,
	ACTION_BAR_PAGE_UP,
	ACTION_BAR_OPEN,
	ACTION_BAR_OLDER,	/* search history */
	ACTION_BAR_NEWER,
	ACTION_BAR_LEFT,	/* editing the line */
	ACTION_BAR_RIGHT,
	ACTION_BAR_HOME,
	ACTION_BAR_END,
	ACTION_BAR_DELETE,
	ACTION_BAR_DELETE_FORWARD,
	ACTION_BAR_KILL_WORD,
	ACTION_BAR_CLEAR,
	ACTION_BAR_KILL_END,
	ACTION_BAR_CLOSE,
} Action;

/* Where a binding applies. */
typedef enum KeysContext {
	KEYS_READING,	/* the contents and the article */
	KEYS_BAR,	/* the search bar and the page prompt */
} KeysContext;

#define KEYS_MAX 4

typedef struct Binding {
	KeysContext	 context;
	Action		 action;	/* ACTION_NONE: a help line only */
	int		 keys[KEYS_MAX];	/* 0-terminated when shorter */
	const char	*names;		/* the keys as the help shows them */
	const char	*help;
} Binding;

/* Returns the action bound to key in a context, or ACTION_NONE. */
Action keys_action(KeysContext context, int key);

/* Returns the number of bindings; keys_binding(i) returns one (static). */
size_t keys_count(void);
const Binding *keys_binding(size_t i);

#endif
