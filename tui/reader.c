/* The interactive reader: starts the terminal, restores the place, runs
 * the loop that reads a key, hands it to the view that has it and paints
 * what changed; saves the place on the way out, whatever the way. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "reader.h"
#include "terminal.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

/* What the first screen says when there is nothing else to say. */
#define READER_HINT	"h: help  Tab: contents/article  /: search  q: quit"

/* Sets the message the status line shows until the next key. */
void
reader_say(Reader *r, const char *fmt, ...)
{
	va_list ap;
	char *raw;

	free(r->message);
	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	r->message = text_escape(raw);	/* a file name's stray bytes as \xNN */
	free(raw);
	/* Rows a long message took before are the panes' again. */
	r->dirty |= r->message_rows > 1 ? DIRTY_ALL : DIRTY_STATUS;
}

/* Returns a place in the open issue. */
Place
reader_place(const Reader *r, size_t article, size_t offset)
{
	return (Place){ r->issue_at, article, offset };
}

/* Returns the first article of the first section: where a new reader
 * starts, past the cover and the masthead (front matter). */
static size_t
reader_first_article(const Reader *r)
{
	size_t i, n = issue_article_count(r->issue);

	for (i = 0; i < n; i++)
		if (issue_article(r->issue, i)->section >= 0)
			return i;
	return 0;
}

/* Opens the issue read last where it was left: the contents first when
 * it was never read. Returns 0, or -1 with *cause. */
static int
reader_restore(Reader *r, char **cause)
{
	Place saved;

	r->state_dir = paths_state_dir();
	r->nissues = index_issue_count(r->index);
	if (r->nissues == 0 || request_switch_issue(r, issues_last_read(r)) != 0) {
		*cause = xstrdup("the index holds no issue the reader can read");
		return -1;
	}
	r->focus = FOCUS_CONTENTS;
	if (issues_saved_place(r, &saved) == 0) {
		r->place = saved;
		r->focus = FOCUS_ARTICLE;
	} else
		r->place = reader_place(r, reader_first_article(r), 0);
	return 0;
}

/* Writes the place, '' and the marks; returns 0 or -1 with *cause. */
static int
reader_save(Reader *r, char **cause)
{
	if (r->state != NULL && r->issue != NULL)
		marks_store_previous(r);
	return issues_save(r, cause);
}

/* Joins the notices to show on the first screen; the caller frees it. */
static char *
reader_notices(const char *first, const char *second)
{
	if (first != NULL && second != NULL)
		return xasprintf("%s; %s", first, second);
	if (first != NULL)
		return xstrdup(first);
	return second != NULL ? xstrdup(second) : NULL;
}

/* Takes the new window size: new geometry, the same text at the top. */
static void
reader_resize(Reader *r)
{
	panes_update(r);
	article_view_relayout(r);
	contents_view_follow(r);
	r->dirty |= DIRTY_ALL;
}

/* Switches the focus between contents and article. */
static void
reader_switch_focus(Reader *r)
{
	r->focus = r->focus == FOCUS_CONTENTS ? FOCUS_ARTICLE : FOCUS_CONTENTS;
	if (r->focus == FOCUS_CONTENTS) {
		r->show_contents = 1;
		contents_view_follow(r);
	}
	panes_update(r);
	article_view_relayout(r);
	r->dirty |= DIRTY_ALL;
}

/* Shows or hides the contents (narrow screens: switches the pane). */
static void
reader_toggle_contents(Reader *r)
{
	if (r->geometry.narrow) {
		reader_switch_focus(r);
		return;
	}
	r->show_contents = !r->show_contents;
	r->focus = r->show_contents ? FOCUS_CONTENTS : FOCUS_ARTICLE;
	if (r->focus == FOCUS_CONTENTS)
		contents_view_follow(r);
	panes_update(r);
	article_view_relayout(r);
	r->dirty |= DIRTY_ALL;
}

/* Opens the outline: from the contents, of the article under the cursor,
 * opened as Enter opens it. */
static void
reader_outline(Reader *r)
{
	if (r->focus == FOCUS_CONTENTS && r->geometry.contents.width > 0 &&
	    contents_view_elsewhere(r))
		request_carry_out(r, contents_view_action(r, ACTION_OPEN));
	outline_view_open(r);
}

/* Handles a key while reading (no bar, prompt or help open). */
static void
reader_reading_key(Reader *r, int key)
{
	Action action = keys_action(KEYS_READING, key);
	Request relayout = { .what = REQUEST_RELAYOUT };

	if (r->geometry.too_small && action != ACTION_QUIT && action != ACTION_REDRAW)
		return;
	switch (action) {
	case ACTION_QUIT:
		r->quit = 1;
		break;
	case ACTION_HELP:
		r->mode = MODE_HELP;
		r->help_top = 0;
		r->dirty |= DIRTY_ALL;
		break;
	case ACTION_SEARCH:
	case ACTION_SEARCH_BACKWARD:
		request_carry_out(r, search_bar_open(r, action == ACTION_SEARCH_BACKWARD));
		break;
	case ACTION_GOTO_PAGE:
		request_carry_out(r, prompt_open(r));
		break;
	case ACTION_MARK_SET:
	case ACTION_MARK_JUMP:
		r->mode = action == ACTION_MARK_SET ? MODE_MARK_SET : MODE_MARK_JUMP;
		request_carry_out(r, relayout);
		break;
	case ACTION_BACK:
		request_carry_out(r, marks_back(r));
		break;
	case ACTION_OUTLINE:
		reader_outline(r);
		break;
	case ACTION_COPY:
		copy_paragraph(r);
		break;
	case ACTION_SELECT:
		copy_select_start(r);
		break;
	case ACTION_NEXT_HIT:
	case ACTION_PREVIOUS_HIT:
		request_carry_out(r, search_bar_step(r, action == ACTION_NEXT_HIT));
		break;
	case ACTION_FOCUS:
		reader_switch_focus(r);
		break;
	case ACTION_TOGGLE_CONTENTS:
		reader_toggle_contents(r);
		break;
	case ACTION_ESCAPE:
		/* As in less and vim: the hits go, the search stays for n and N. */
		if (search_bar_hide_hits(r))
			reader_say(r, "Highlights hidden: n and N go on with the search.");
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		r->dirty |= DIRTY_ALL;
		break;
	case ACTION_NEXT_ARTICLE:
	case ACTION_PREVIOUS_ARTICLE:
		request_carry_out(r, article_view_action(r, action));
		break;
	case ACTION_NONE:
		if (key == KEYS_PASTE)
			reader_say(r, "Pasted text is only ever text: / opens the search bar for it.");
		else if (key >= 0x20 && key < 0x7f)
			reader_say(r, "No command on %c: h shows the keys.", key);
		break;
	default:
		if (r->focus == FOCUS_CONTENTS && r->geometry.contents.width > 0)
			request_carry_out(r, contents_view_action(r, action));
		else
			request_carry_out(r, article_view_action(r, action));
		break;
	}
}

/* Hands a key to whatever has it. */
static void
reader_key(Reader *r, int key)
{
	if (r->message != NULL) {
		free(r->message);
		r->message = NULL;
		r->dirty |= r->message_rows > 1 ? DIRTY_ALL : DIRTY_STATUS;
	}
	switch (r->mode) {
	case MODE_SEARCH:
		request_carry_out(r, search_bar_key(r, key));
		break;
	case MODE_PAGE_PROMPT:
		request_carry_out(r, prompt_key(r, key));
		break;
	case MODE_MARK_SET:
	case MODE_MARK_JUMP:
		request_carry_out(r, marks_key(r, key, article_view_page(r)));
		break;
	case MODE_HELP:
		request_carry_out(r, help_view_key(r, key));
		break;
	case MODE_OUTLINE:
		request_carry_out(r, outline_view_key(r, key));
		break;
	case MODE_SELECT:
		request_carry_out(r, copy_select_key(r, key));
		break;
	default:
		reader_reading_key(r, key);
		break;
	}
}

/* Paints what changed into stdscr; curses sends the difference when the
 * loop next waits for a key. */
static void
reader_draw(Reader *r)
{
	BlockRange selected;
	HitMarks hits;
	if (r->dirty == 0)
		return;
	if (r->geometry.too_small) {
		panes_draw_too_small();
		terminal_cursor(-1, 0);
		r->dirty = 0;
		return;
	}
	r->cursor_y = -1;
	if ((r->dirty & DIRTY_ALL) == DIRTY_ALL)
		werase(stdscr);
	if (r->mode == MODE_HELP) {
		help_view_draw(r);
	} else if (r->mode == MODE_OUTLINE) {
		outline_view_draw(r);
	} else {
		if (r->dirty & DIRTY_CONTENTS)
			contents_view_draw(r);
		if (r->dirty & DIRTY_ARTICLE)
			article_view_draw(r, search_bar_marks(r, &hits) ? &hits : NULL,
			    copy_selection(r, &selected) ? &selected : NULL);
		if (r->dirty & DIRTY_FRAME)
			panes_draw_frame(r);
	}
	if (r->mode == MODE_SEARCH)
		search_bar_draw(r);
	else if (r->geometry.bar_y >= 0)
		prompt_draw(r);
	status_line_draw(r, article_view_page(r), article_view_percent(r),
	    r->message == NULL ? outline_view_heading(r) : NULL);
	terminal_cursor(r->cursor_y, r->cursor_x);
	r->dirty = 0;
}

/* Frees what the reader holds (not the index). */
static void
reader_free(Reader *r)
{
	search_bar_free(r);
	contents_view_free(r);
	outline_view_free(r);
	article_view_close(r);
	line_edit_free(&r->prompt);
	free(r->history);
	free(r->message);
	issues_free(r);
}

/* Acts on a signal; returns non-zero when the reader must stop. */
static int
reader_signal(Reader *r, TerminalSignal sig)
{
	char *cause = NULL;

	switch (sig) {
	case TERMINAL_QUIT:
		return 1;
	case TERMINAL_SUSPEND:
		if (reader_save(r, &cause) != 0)
			free(cause);
		terminal_suspend();
		reader_resize(r);
		break;
	case TERMINAL_CONTINUED:
		clearok(curscr, TRUE);
		reader_resize(r);
		break;
	default:
		break;
	}
	return 0;
}

/* Reads keys until the user quits, a signal ends it or the terminal goes. */
static void
reader_loop(Reader *r)
{
	TerminalSignal sig;
	int key;

	for (;;) {
		while ((sig = terminal_take_signal()) != TERMINAL_NO_SIGNAL)
			if (reader_signal(r, sig))
				return;
		/* Keys already typed first: a held key or a paste paints once. */
		if (!terminal_input_pending())
			reader_draw(r);
		key = terminal_read_key();
		if (key < 0)
			return;
		if (key == 0)
			continue;
		if (key == KEYS_FUNCTION(KEY_RESIZE)) {
			reader_resize(r);
			continue;
		}
		reader_key(r, key);
		if (r->quit)
			return;
	}
}

/* Runs the reader. */
int
reader_run(Index *index, const char *notice, char **cause)
{
	Reader r;
	char *save_cause = NULL, *first;
	int interrupted;

	memset(&r, 0, sizeof r);
	r.index = index;
	r.current_hit = SIZE_MAX;
	r.cursor_y = -1;
	if (terminal_check_locale(cause) != 0)
		return -1;
	if (reader_restore(&r, cause) != 0) {
		reader_free(&r);
		return -1;
	}
	if (terminal_start(cause) != 0) {
		reader_free(&r);
		return -1;
	}
	first = reader_notices(notice, r.message);
	if (first == NULL && r.focus == FOCUS_CONTENTS)
		first = xstrdup(READER_HINT);	/* a first start: no place to go back to */
	free(r.message);
	r.message = first;
	r.show_contents = 1;
	panes_update(&r);
	request_open(&r, r.place.article, r.place.offset);
	r.dirty = DIRTY_ALL;
	reader_loop(&r);
	interrupted = terminal_quit_signal() == SIGINT;
	if (reader_save(&r, &save_cause) != 0) {
		terminal_stop();
		fprintf(stderr, "shuzhi: the place is not remembered: %s\n", save_cause);
		free(save_cause);
	} else
		terminal_stop();
	reader_free(&r);
	return interrupted ? READER_INTERRUPTED : 0;
}
