/* Jumps, marks and the history: every jump remembers where it came from
 * (for Backspace and for ''), marks (mx, 'x) persist with the state of
 * their issue. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"
#include "xalloc.h"

#define MARKS_HISTORY_MAX 200

/* Records the current place as the one before a jump. */
void
marks_remember(Reader *r)
{
	if (r->nhistory == MARKS_HISTORY_MAX) {
		memmove(r->history, r->history + 1, (r->nhistory - 1) * sizeof *r->history);
		r->nhistory--;
	}
	r->history = xreallocarray(r->history, r->nhistory + 1, sizeof *r->history);
	r->history[r->nhistory++] = r->place;
	r->previous = r->place;
	r->has_previous = 1;
}

/* Undoes marks_remember after a jump that did not happen. */
void
marks_forget(Reader *r, Place previous, int had_previous)
{
	r->nhistory--;
	r->previous = previous;
	r->has_previous = had_previous;
}

/* After going back through the history: '' leads to where from. */
void
marks_returned(Reader *r, Place here)
{
	r->previous = here;
	r->has_previous = 1;
}

/* Takes the place before the last jump off the history and asks to go
 * back there (Backspace). */
Request
marks_back(Reader *r)
{
	Request req = { 0 };

	if (r->nhistory == 0) {
		reader_say(r, "No jump to go back from.");
		return req;
	}
	req.what = REQUEST_PANES | REQUEST_BACK;
	req.place = r->history[--r->nhistory];
	r->focus = FOCUS_ARTICLE;
	r->dirty |= DIRTY_ALL;
	return req;
}

/* Takes '' from the open issue's state (a new session, another issue). */
void
marks_load_previous(Reader *r)
{
	const StatePlace *p = state_mark(r->state, STATE_MARK_PREVIOUS);
	const Article *a;

	if (r->has_previous && r->previous.issue != r->issue_at)
		return;		/* '' leads back to the other issue */
	r->has_previous = 0;
	if (p == NULL || (a = issue_find_article(r->issue, p->article)) == NULL)
		return;
	r->previous = reader_place(r, a->index, p->offset <= a->text_length ? p->offset :
	    a->text_length);
	r->has_previous = 1;
}

/* Writes '' to the open issue's state when it is in that issue. */
void
marks_store_previous(Reader *r)
{
	const Article *a;

	if (!r->has_previous || r->previous.issue != r->issue_at)
		return;
	if ((a = issue_article(r->issue, r->previous.article)) != NULL)
		state_set_mark(r->state, STATE_MARK_PREVIOUS, a->id, r->previous.offset);
}

/* Sets mark name at the current place (on printed page) and keeps it at once. */
static void
marks_set(Reader *r, int name, int page)
{
	const Article *a = issue_article(r->issue, r->place.article);
	char *cause = NULL;

	if (name == STATE_MARK_PREVIOUS || !state_mark_valid(name)) {
		reader_say(r, "A mark is a letter or a digit.");
		return;
	}
	state_set_mark(r->state, name, a->id, r->place.offset);
	if (state_save(r->state, &cause) != 0) {
		reader_say(r, "Mark %c set, but not kept: %s", name, cause);
		free(cause);
		return;
	}
	reader_say(r, "Mark %c set at %s, p. %d.", name, a->id, page);
}

/* Asks for a jump to mark name ('' : the place before the last jump). */
static void
marks_go(Reader *r, int name, Request *req)
{
	const StatePlace *p;
	const Article *a;
	Place target;

	if (name == STATE_MARK_PREVIOUS) {
		if (!r->has_previous) {
			reader_say(r, "No jump yet to go back from.");
			return;
		}
		target = r->previous;
	} else if (!state_mark_valid(name)) {
		reader_say(r, "A mark is a letter or a digit.");
		return;
	} else if ((p = state_mark(r->state, name)) == NULL ||
	    (a = issue_find_article(r->issue, p->article)) == NULL) {
		reader_say(r, "Mark %c is not set%s.", name,
		    r->nissues > 1 ? " in this issue" : "");
		return;
	} else
		target = reader_place(r, a->index, p->offset <= a->text_length ? p->offset :
		    a->text_length);
	r->focus = FOCUS_ARTICLE;
	req->what |= REQUEST_JUMP;
	req->place = target;
	r->dirty |= DIRTY_ALL;
}

/* Handles the key after m or ' (page: the printed page at the top); the
 * prompt closes, the panes take its row back (a request). */
Request
marks_key(Reader *r, int key, int page)
{
	Request req = { .what = REQUEST_RELAYOUT };
	Mode mode = r->mode;

	r->mode = MODE_READING;
	r->dirty |= DIRTY_ALL;
	if (keys_action(KEYS_BAR, key) == ACTION_BAR_CLOSE)
		return req;
	if (key > 0x7f) {
		reader_say(r, "A mark is a letter or a digit.");
		return req;
	}
	if (mode == MODE_MARK_SET)
		marks_set(r, key, page);
	else
		marks_go(r, key, &req);
	return req;
}
