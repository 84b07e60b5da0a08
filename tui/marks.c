/* Jumps, marks and the history: every jump remembers where it came from
 * (for Backspace and for ''), marks (mx, 'x) persist with the state of
 * their issue. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"
#include "xalloc.h"

#define MARKS_HISTORY_MAX 200

/* Returns a place in the open issue. */
Place
marks_here(const Reader *r, size_t article, size_t offset)
{
	return (Place){ r->issue_at, article, offset };
}

/* Records the current place as the one before a jump. */
static void
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

/* Opens a place, in another issue if need be; returns 0 or -1. */
static int
marks_go_to(Reader *r, Place target)
{
	if (target.issue != r->issue_at && issues_switch(r, target.issue) != 0)
		return -1;
	article_view_open(r, target.article, target.offset);
	return 0;
}

/* Jumps to a place, remembering where from. */
void
marks_jump(Reader *r, Place target)
{
	Place previous = r->previous;
	int had_previous = r->has_previous;

	marks_remember(r);
	if (marks_go_to(r, target) != 0) {
		r->nhistory--;
		r->previous = previous;
		r->has_previous = had_previous;
	}
}

/* Goes back to the place before the last jump (Backspace). */
void
marks_back(Reader *r)
{
	Place target, here = r->place;

	if (r->nhistory == 0) {
		status_line_message(r, "No jump to go back from.");
		return;
	}
	target = r->history[--r->nhistory];
	r->focus = FOCUS_ARTICLE;
	panes_update(r);
	if (marks_go_to(r, target) == 0) {
		r->previous = here;
		r->has_previous = 1;
	}
	r->dirty |= DIRTY_ALL;
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
	r->previous = marks_here(r, a->index, p->offset <= a->text_length ? p->offset :
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

/* Sets mark name at the current place and keeps it at once. */
static void
marks_set(Reader *r, int name)
{
	const Article *a = issue_article(r->issue, r->place.article);
	char *cause = NULL;

	if (name == STATE_MARK_PREVIOUS || !state_mark_valid(name)) {
		status_line_message(r, "A mark is a letter or a digit.");
		return;
	}
	state_set_mark(r->state, name, a->id, r->place.offset);
	if (state_save(r->state, &cause) != 0) {
		status_line_message(r, "Mark %c set, but not kept: %s", name, cause);
		free(cause);
		return;
	}
	status_line_message(r, "Mark %c set at %s, p. %d.", name, a->id, article_view_page(r));
}

/* Jumps to mark name ('' : the place before the last jump). */
static void
marks_go(Reader *r, int name)
{
	const StatePlace *p;
	const Article *a;
	Place target;

	if (name == STATE_MARK_PREVIOUS) {
		if (!r->has_previous) {
			status_line_message(r, "No jump yet to go back from.");
			return;
		}
		target = r->previous;
	} else if (!state_mark_valid(name)) {
		status_line_message(r, "A mark is a letter or a digit.");
		return;
	} else if ((p = state_mark(r->state, name)) == NULL ||
	    (a = issue_find_article(r->issue, p->article)) == NULL) {
		status_line_message(r, "Mark %c is not set%s.", name,
		    r->nissues > 1 ? " in this issue" : "");
		return;
	} else
		target = marks_here(r, a->index, p->offset <= a->text_length ? p->offset :
		    a->text_length);
	r->focus = FOCUS_ARTICLE;
	panes_update(r);
	marks_jump(r, target);
	r->dirty |= DIRTY_ALL;
}

/* Handles the key after m or '. */
void
marks_key(Reader *r, int key)
{
	Mode mode = r->mode;

	r->mode = MODE_READING;
	panes_update(r);
	article_view_relayout(r);
	r->dirty |= DIRTY_ALL;
	if (keys_action(KEYS_BAR, key) == ACTION_BAR_CLOSE)
		return;
	if (key > 0x7f) {
		status_line_message(r, "A mark is a letter or a digit.");
		return;
	}
	if (mode == MODE_MARK_SET)
		marks_set(r, key);
	else
		marks_go(r, key);
}
