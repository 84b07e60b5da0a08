/* The terminal: locale, curses start and stop, colours, signals, input.
 * The only file that starts or ends curses; the views paint into stdscr. */
#ifndef SHUZHI_TERMINAL_H
#define SHUZHI_TERMINAL_H

#include <curses.h>

/* Styles: what text is painted as (not core's LineRole, what a line of the
 * source is); terminal_attr() gives the attributes. */
typedef enum Style {
	STYLE_TEXT,
	STYLE_TITLE,
	STYLE_SOURCE,
	STYLE_HEADING,		/* level 1: 一、 */
	STYLE_HEADING_MINOR,	/* levels 2 and 3: (一), 1. */
	STYLE_HIT,
	STYLE_HIT_CURRENT,
	STYLE_HIT_SELECTED,	/* a hit in a selected (reverse video) row */
	STYLE_STATUS,
	STYLE_SELECTED,
	STYLE_OPEN_ENTRY,
	STYLE_SECTION,
	STYLE_FRAME,
	STYLE_MESSAGE,
	STYLE_KEY,
	STYLE_COUNT
} Style;

/* Signals the main loop acts on (terminal_take_signal). */
typedef enum TerminalSignal {
	TERMINAL_NO_SIGNAL,
	TERMINAL_QUIT,		/* SIGINT, SIGTERM, SIGHUP: save and leave */
	TERMINAL_SUSPEND,	/* SIGTSTP */
	TERMINAL_CONTINUED,	/* SIGCONT: repaint everything */
} TerminalSignal;

/* Makes sure the locale is UTF-8, trying C.UTF-8 when it is not.
 * Returns 0, or -1 with *cause (caller frees). */
int terminal_check_locale(char **cause);

/* Starts curses on stdin/stdout: signal flags, colours (none when NO_COLOR
 * is set), no mouse. Returns 0, or -1 with *cause (caller frees) when
 * there is no terminal or it cannot address the screen (TERM=dumb). */
int terminal_start(char **cause);

/* Restores the terminal; safe to call twice or after a failed start. */
void terminal_stop(void);

/* Returns the attributes (colour pair included) of a style. */
attr_t terminal_attr(Style style);

/* Returns the number of the signal (SIGINT, SIGTERM, SIGHUP) that asked
 * the reader to quit, or 0. */
int terminal_quit_signal(void);

/* Returns the pending signal, oldest need first, and clears it. */
TerminalSignal terminal_take_signal(void);

/* Stops the process as SIGTSTP asked, with the terminal restored, and
 * takes the screen back when continued. */
void terminal_suspend(void);

/* Waits for a key (see keys.h for the encoding). Returns the key, 0 when
 * the wait ended without one (a signal, a timeout), KEYS_FUNCTION(KEY_RESIZE)
 * after a resize, KEYS_PASTE after a paste, or -1 when the terminal is
 * gone. An escape sequence the reader does not know is read whole and
 * gives 0, as Alt and a key do. */
int terminal_read_key(void);

/* Returns the text of the paste terminal_read_key() returned KEYS_PASTE
 * for: controls (newlines too) made spaces. Owned by the terminal, valid
 * until the next key is read. */
const char *terminal_paste_text(void);

/* Returns non-zero when keys are waiting: painting can wait for them. */
int terminal_input_pending(void);

/* Shows the cursor at y, x of stdscr, or hides it when y < 0. */
void terminal_cursor(int y, int x);

#endif
