/* The terminal: locale, curses start and stop, colours, signals, input.
 * Signal handlers only set flags; the reader's loop acts on them. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

#include <unistr.h>

#include "buffer.h"
#include "keys.h"
#include "terminal.h"
#include "xalloc.h"

#define TERMINAL_WAIT_MS	1000	/* longest wait for a key before looking at flags */
#define TERMINAL_ESCDELAY_MS	100	/* how long Esc waits for the rest of a sequence */
#define TERMINAL_SEQUENCE_MAX	32	/* bytes of a CSI sequence kept; longer ones are read and dropped */
#define TERMINAL_PASTE_MAX	65536	/* bytes of a paste kept */
#define TERMINAL_PASTE_ON	"\033[?2004h"
#define TERMINAL_PASTE_OFF	"\033[?2004l"

static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t suspend_signal;
static volatile sig_atomic_t continue_signal;

static SCREEN	*terminal_screen;
static attr_t	 terminal_attrs[STYLE_COUNT];
static int	 terminal_fast_errors;	/* reads that failed at once, in a row */
static Buffer	 terminal_paste;	/* the text of the last paste */

/* Every signal that would end the process by default ends the reader
 * through its loop instead: the terminal restored, the place saved. */
static const int terminal_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT,
	SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
};

/* Records a signal for the main loop; nothing else is safe here. */
static void
terminal_on_signal(int sig)
{
	switch (sig) {
	case SIGTSTP:
		suspend_signal = 1;
		break;
	case SIGCONT:
		continue_signal = 1;
		break;
	default:
		quit_signal = sig;
		break;
	}
}

/* Installs (or, with handler SIG_DFL, removes) the handler of one signal,
 * without SA_RESTART so that a waiting read returns to the loop. */
static void
terminal_handle(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(sig, &sa, NULL);
}

/* Installs or removes every handler. */
static void
terminal_handle_all(void (*handler)(int))
{
	size_t i;

	for (i = 0; i < sizeof terminal_signals / sizeof terminal_signals[0]; i++)
		terminal_handle(terminal_signals[i], handler);
}

/* Restores the terminal from the allocation failure path. */
static void
terminal_emergency(void)
{
	if (terminal_screen != NULL)
		endwin();
}

/* Returns non-zero when the locale's character set is UTF-8. */
static int
terminal_locale_is_utf8(void)
{
	const char *codeset = nl_langinfo(CODESET);

	return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* Makes sure the locale is UTF-8. */
int
terminal_check_locale(char **cause)
{
	char *was;

	if (setlocale(LC_CTYPE, "") != NULL && terminal_locale_is_utf8())
		return 0;
	was = xstrdup(nl_langinfo(CODESET));
	if ((setlocale(LC_CTYPE, "C.UTF-8") != NULL || setlocale(LC_CTYPE, "C.utf8") != NULL) &&
	    terminal_locale_is_utf8()) {
		free(was);
		return 0;
	}
	*cause = xasprintf("the reader needs a UTF-8 locale, and this one is %s with no "
	    "C.UTF-8 to fall back on: set LANG to a UTF-8 locale, or print with --toc "
	    "or --article=ID", was);
	free(was);
	return -1;
}

/* Sets the attributes of each style: plain attributes, plus colours over
 * the terminal's own background when there are colours and NO_COLOR is
 * not set. */
static void
terminal_setup_attrs(void)
{
	const char *no_color = getenv("NO_COLOR");
	short fg = -1, bg = -1;

	terminal_attrs[STYLE_TEXT] = A_NORMAL;
	terminal_attrs[STYLE_TITLE] = A_BOLD;
	terminal_attrs[STYLE_SOURCE] = A_DIM;
	terminal_attrs[STYLE_HEADING] = A_BOLD | A_UNDERLINE;
	terminal_attrs[STYLE_HEADING_MINOR] = A_BOLD;
	terminal_attrs[STYLE_HIT] = A_REVERSE;
	terminal_attrs[STYLE_HIT_CURRENT] = A_REVERSE | A_BOLD | A_UNDERLINE;
	terminal_attrs[STYLE_HIT_SELECTED] = A_BOLD | A_UNDERLINE;	/* out of the reverse */
	terminal_attrs[STYLE_STATUS] = A_REVERSE;
	terminal_attrs[STYLE_SELECTED] = A_REVERSE;
	terminal_attrs[STYLE_OPEN_ENTRY] = A_BOLD;
	terminal_attrs[STYLE_SECTION] = A_BOLD;
	terminal_attrs[STYLE_FRAME] = A_NORMAL;
	terminal_attrs[STYLE_MESSAGE] = A_BOLD;
	terminal_attrs[STYLE_KEY] = A_BOLD;
	if ((no_color != NULL && no_color[0] != '\0') || !has_colors())
		return;
	if (start_color() != OK || COLORS < 8 || COLOR_PAIRS < 8)
		return;
	if (use_default_colors() != OK) {
		fg = COLOR_WHITE;
		bg = COLOR_BLACK;
	}
	init_pair(1, COLOR_CYAN, bg);
	init_pair(2, COLOR_GREEN, bg);
	init_pair(3, COLOR_BLACK, COLOR_YELLOW);
	init_pair(4, COLOR_MAGENTA, bg);
	init_pair(5, COLOR_YELLOW, bg);
	init_pair(6, fg, bg);
	terminal_attrs[STYLE_TITLE] = A_BOLD | COLOR_PAIR(1);
	terminal_attrs[STYLE_HEADING] = A_BOLD | A_UNDERLINE | COLOR_PAIR(2);
	terminal_attrs[STYLE_HEADING_MINOR] = A_BOLD | COLOR_PAIR(2);
	terminal_attrs[STYLE_SOURCE] = COLOR_PAIR(4);
	terminal_attrs[STYLE_HIT] = COLOR_PAIR(3);
	terminal_attrs[STYLE_HIT_CURRENT] = COLOR_PAIR(3) | A_BOLD | A_UNDERLINE;
	terminal_attrs[STYLE_HIT_SELECTED] = COLOR_PAIR(3) | A_BOLD | A_UNDERLINE;
	terminal_attrs[STYLE_SECTION] = A_BOLD | COLOR_PAIR(5);
	terminal_attrs[STYLE_FRAME] = COLOR_PAIR(1);
	terminal_attrs[STYLE_KEY] = A_BOLD | COLOR_PAIR(1);
	terminal_attrs[STYLE_TEXT] = fg == -1 ? A_NORMAL : COLOR_PAIR(6);
}

/* Returns a one-line reason why the terminal cannot run the reader
 * (caller frees), or NULL when it can. */
static char *
terminal_unusable(void)
{
	const char *term = getenv("TERM");
	const char *advice = "print with --toc, --article=ID, --page=N or --search=QUERY";
	char *cup;
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return xasprintf("not a terminal: %s", advice);
	if (term == NULL || term[0] == '\0')
		return xasprintf("TERM is not set, so the reader cannot draw: %s", advice);
	if (strcmp(term, "dumb") == 0)
		return xasprintf("TERM=dumb cannot show the reader: %s", advice);
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return xasprintf("TERM=%s: unknown terminal type: %s", term, advice);
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1 || tigetflag("hc") > 0) {
		del_curterm(cur_term);
		return xasprintf("TERM=%s cannot move the cursor, so the reader cannot draw: %s",
		    term, advice);
	}
	del_curterm(cur_term);
	return NULL;
}

/* Asks the terminal to mark pasted text (bracketed paste), or to stop;
 * terminals that do not know the mode ignore it. */
static void
terminal_bracketed_paste(int on)
{
	fputs(on ? TERMINAL_PASTE_ON : TERMINAL_PASTE_OFF, stdout);
	fflush(stdout);
}

/* Starts curses. */
int
terminal_start(char **cause)
{
	char *why = terminal_unusable();

	if (why != NULL) {
		*cause = why;
		return -1;
	}
	quit_signal = suspend_signal = continue_signal = 0;
	terminal_handle_all(terminal_on_signal);
	terminal_screen = newterm(NULL, stdout, stdin);
	if (terminal_screen == NULL) {
		terminal_handle_all(SIG_DFL);
		*cause = xasprintf("TERM=%s: curses cannot start on this terminal", getenv("TERM"));
		return -1;
	}
	set_term(terminal_screen);
	xalloc_set_fatal_hook(terminal_emergency);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	wtimeout(stdscr, TERMINAL_WAIT_MS);
	set_escdelay(TERMINAL_ESCDELAY_MS);
	mousemask(0, NULL);
	curs_set(0);
	terminal_setup_attrs();
	terminal_fast_errors = 0;
	terminal_bracketed_paste(1);
	return 0;
}

/* Restores the terminal. */
void
terminal_stop(void)
{
	if (terminal_screen == NULL)
		return;
	curs_set(1);
	endwin();
	terminal_bracketed_paste(0);
	delscreen(terminal_screen);
	buffer_free(&terminal_paste);
	terminal_screen = NULL;
	xalloc_set_fatal_hook(NULL);
	terminal_handle_all(SIG_DFL);
}

/* Returns the attributes of a style. */
attr_t
terminal_attr(Style style)
{
	return terminal_attrs[style];
}

/* Returns the number of the signal that asked the reader to quit, or 0. */
int
terminal_quit_signal(void)
{
	return (int)quit_signal;
}

/* Returns and clears the most pressing pending signal. */
TerminalSignal
terminal_take_signal(void)
{
	if (quit_signal != 0)
		return TERMINAL_QUIT;
	if (suspend_signal) {
		suspend_signal = 0;
		return TERMINAL_SUSPEND;
	}
	if (continue_signal) {
		continue_signal = 0;
		return TERMINAL_CONTINUED;
	}
	return TERMINAL_NO_SIGNAL;
}

/* Stops the process with the terminal restored; resumes the screen. */
void
terminal_suspend(void)
{
	sigset_t set;

	endwin();
	terminal_bracketed_paste(0);
	terminal_handle(SIGTSTP, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGTSTP);
	/* Continued: take the screen back. */
	terminal_handle(SIGTSTP, terminal_on_signal);
	continue_signal = 0;
	reset_prog_mode();
	terminal_bracketed_paste(1);
	clearok(curscr, TRUE);
}

/* Returns a monotonic time in milliseconds. */
static long long
terminal_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Returns non-zero when the terminal has hung up or closed. */
static int
terminal_gone(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	if (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return 1;
	/* Reads that fail at once again and again: the terminal is gone even
	 * if poll cannot tell. */
	return ++terminal_fast_errors >= 50;
}

/* Returns non-zero when keys are waiting to be read. */
int
terminal_input_pending(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
}

/* Reads the next key that came with the one before, waiting at most
 * ms milliseconds. Returns wget_wch's result and sets *wc. */
static int
terminal_next(int ms, wint_t *wc)
{
	int rc;

	wtimeout(stdscr, ms);
	rc = wget_wch(stdscr, wc);
	wtimeout(stdscr, TERMINAL_WAIT_MS);
	return rc;
}

/* Reads the rest of a CSI sequence (after ESC [): parameters and
 * intermediates up to the final byte. Keeps at most size - 1 bytes of the
 * parameters in params; sets *final (0 when the sequence broke off: what
 * came is dropped). */
static void
terminal_read_csi(char *params, size_t size, int *final)
{
	size_t n = 0, count = 0;
	wint_t wc;

	*final = 0;
	params[0] = '\0';
	while (terminal_next(TERMINAL_ESCDELAY_MS, &wc) == OK) {
		if (wc >= 0x40 && wc <= 0x7e) {
			*final = (int)wc;
			break;
		}
		if (wc < 0x20 || wc > 0x3f || ++count > 4 * TERMINAL_SEQUENCE_MAX)
			break;	/* not a sequence after all: drop what came */
		if (n + 1 < size) {
			params[n++] = (char)wc;
			params[n] = '\0';
		}
	}
}

/* Returns the key of a CSI sequence the terminfo entry did not know
 * (xterm's and the VT220's cursor and editing keys, unmodified), or 0:
 * a sequence the reader ignores. */
static int
terminal_csi_key(const char *params, int final)
{
	static const struct { char final; int key; } letters[] = {
		{ 'A', KEY_UP }, { 'B', KEY_DOWN }, { 'C', KEY_RIGHT }, { 'D', KEY_LEFT },
		{ 'H', KEY_HOME }, { 'F', KEY_END }, { 'Z', KEY_BTAB },
	};
	static const struct { const char *params; int key; } tildes[] = {
		{ "1", KEY_HOME }, { "7", KEY_HOME }, { "4", KEY_END }, { "8", KEY_END },
		{ "3", KEY_DC }, { "5", KEY_PPAGE }, { "6", KEY_NPAGE },
	};
	size_t i;

	if (final == '~') {
		for (i = 0; i < sizeof tildes / sizeof tildes[0]; i++)
			if (strcmp(params, tildes[i].params) == 0)
				return KEYS_FUNCTION(tildes[i].key);
		return 0;
	}
	if (params[0] != '\0' && strcmp(params, "1") != 0)
		return 0;	/* a modifier: Ctrl, Shift or Alt with the key */
	for (i = 0; i < sizeof letters / sizeof letters[0]; i++)
		if (letters[i].final == final)
			return KEYS_FUNCTION(letters[i].key);
	return 0;
}

/* Appends a pasted character: controls become spaces. */
static void
terminal_paste_char(wint_t wc)
{
	uint8_t bytes[6];
	int n;

	if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0) || wc > 0x10ffff)
		wc = ' ';
	n = u8_uctomb(bytes, (ucs4_t)wc, sizeof bytes);
	if (n > 0 && terminal_paste.len + (size_t)n <= TERMINAL_PASTE_MAX)
		buffer_append(&terminal_paste, (const char *)bytes, (size_t)n);
}

/* Reads pasted text up to the end of the paste (ESC [ 201 ~), or until
 * the terminal stops sending. */
static void
terminal_read_paste(void)
{
	char params[TERMINAL_SEQUENCE_MAX];
	wint_t wc;
	int rc, final;

	buffer_clear(&terminal_paste);
	buffer_append(&terminal_paste, "", 0);
	while ((rc = terminal_next(TERMINAL_WAIT_MS, &wc)) != ERR) {
		if (rc == KEY_CODE_YES)
			continue;	/* a key sequence inside the text: not text */
		if (wc != KEYS_ESCAPE) {
			terminal_paste_char(wc);
			continue;
		}
		if (terminal_next(0, &wc) != OK || wc != '[')
			continue;
		terminal_read_csi(params, sizeof params, &final);
		if (final == '~' && strcmp(params, "201") == 0)
			return;
	}
}

/* Reads what follows an Esc: a sequence the terminfo entry did not know,
 * read whole (CSI to its final byte, SS3 and its key, Alt and a key); a
 * paste; or nothing (the Esc key). Returns the key, KEYS_PASTE, or 0 for
 * a sequence that is ignored. */
static int
terminal_read_escape(void)
{
	char params[TERMINAL_SEQUENCE_MAX];
	wint_t wc;
	int rc, final;

	/* curses waited for the rest already: what came is in its queue. */
	rc = terminal_next(0, &wc);
	if (rc == ERR)
		return KEYS_ESCAPE;
	if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
		/* A resize is no key: the Esc stood alone, the resize comes next. */
		ungetch(KEY_RESIZE);
		return KEYS_ESCAPE;
	}
	if (rc == KEY_CODE_YES)
		return 0;	/* Alt and a function key */
	if (wc == '[') {
		terminal_read_csi(params, sizeof params, &final);
		if (final == '~' && strcmp(params, "200") == 0) {
			terminal_read_paste();
			return KEYS_PASTE;
		}
		return final != 0 ? terminal_csi_key(params, final) : 0;
	}
	if (wc == 'O') {
		if (terminal_next(TERMINAL_ESCDELAY_MS, &wc) != OK)
			return 0;
		switch (wc) {
		case 'A': return KEYS_FUNCTION(KEY_UP);
		case 'B': return KEYS_FUNCTION(KEY_DOWN);
		case 'C': return KEYS_FUNCTION(KEY_RIGHT);
		case 'D': return KEYS_FUNCTION(KEY_LEFT);
		case 'H': return KEYS_FUNCTION(KEY_HOME);
		case 'F': return KEYS_FUNCTION(KEY_END);
		case 'P': return KEYS_FUNCTION(KEY_F(1));
		default: return 0;
		}
	}
	return 0;	/* Alt and a key */
}

/* Returns the text of the last paste (owned here, valid until the next
 * key is read). */
const char *
terminal_paste_text(void)
{
	return terminal_paste.data != NULL ? terminal_paste.data : "";
}

/* Waits for a key. */
int
terminal_read_key(void)
{
	long long started = terminal_now_ms();
	wint_t wc = 0;
	int rc;

	rc = wget_wch(stdscr, &wc);
	if (rc == ERR) {
		if (quit_signal != 0 || suspend_signal || continue_signal)
			return 0;
		if (terminal_now_ms() - started < TERMINAL_WAIT_MS / 2 && terminal_gone())
			return -1;
		if (terminal_now_ms() - started >= TERMINAL_WAIT_MS / 2)
			terminal_fast_errors = 0;
		return 0;
	}
	terminal_fast_errors = 0;
	if (rc == KEY_CODE_YES)
		return KEYS_FUNCTION((int)wc);
	if (wc == KEYS_ESCAPE)
		return terminal_read_escape();
	return (int)wc;
}

/* Shows the cursor at y, x, or hides it. */
void
terminal_cursor(int y, int x)
{
	if (y < 0) {
		curs_set(0);
		wmove(stdscr, LINES - 1, COLS - 1);
		return;
	}
	curs_set(1);
	wmove(stdscr, y, x);
}
