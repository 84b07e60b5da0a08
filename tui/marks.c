/* Jumps, marks and the history: every jump remembers where it came from
 * (for Backspace and for ''), marks (mx, 'x) persist with the state. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"
#include "xalloc.h"

#define MARKS_HISTORY_MAX 200

/* Records the current place as the one before a jump. */
static void
marks_remember(Reader *r)
{
	const Article *a = issue_article(r->issue, r->place.article);

	if (a == NULL)
		return;
	state_set_mark(r->state, STATE_MARK_PREVIOUS, a->id, r->place.offset);
	if (r->nhistory == MARKS_HISTORY_MAX) {
		memmove(r->history, r->history + 1, (r->nhistory - 1) * sizeof *r->history);
		r->nhistory--;
	}
	r->history = xreallocarray(r->history, r->nhistory + 1, sizeof *r->history);
	r->history[r->nhistory++] = r->place;
}

/* Jumps to a place, remembering where from. */
void
marks_jump(Reader *r, size_t article, size_t offset)
{
	marks_remember(r);
	article_open(r, article, offset);
}

/* Goes back to the place before the last jump (Backspace). */
void
marks_back(Reader *r)
{
	const Article *a = issue_article(r->issue, r->place.article);
	Place target;

	if (r->nhistory == 0) {
		status_message(r, "No jump to go back from.");
		return;
	}
	target = r->history[--r->nhistory];
	if (a != NULL)
		state_set_mark(r->state, STATE_MARK_PREVIOUS, a->id, r->place.offset);
	r->focus = FOCUS_ARTICLE;
	panes_update(r);
	article_open(r, target.article, target.offset);
	r->dirty |= DIRTY_ALL;
}

/* Returns the place a stored mark points to, 0 when it is usable. */
static int
marks_resolve(const Reader *r, const StatePlace *p, Place *out)
{
	const Article *a;

	if (p == NULL || (a = issue_find_article(r->issue, p->article)) == NULL)
		return -1;
	out->article = a->index;
	out->offset = p->offset <= a->text_length ? p->offset : a->text_length;
	return 0;
}

/* Sets mark name at the current place and keeps it at once. */
static void
marks_set(Reader *r, int name)
{
	const Article *a = issue_article(r->issue, r->place.article);
	char *cause = NULL;

	if (name == STATE_MARK_PREVIOUS || !state_mark_valid(name)) {
		status_message(r, "A mark is a letter or a digit.");
		return;
	}
	state_set_mark(r->state, name, a->id, r->place.offset);
	if (state_save(r->state, &cause) != 0) {
		status_message(r, "Mark %c set, but not kept: %s", name, cause);
		free(cause);
		return;
	}
	status_message(r, "Mark %c set at %s, p. %d.", name, a->id, article_page(r));
}

/* Jumps to mark name ('' : the place before the last jump). */
static void
marks_go(Reader *r, int name)
{
	Place target;

	if (!state_mark_valid(name)) {
		status_message(r, "A mark is a letter or a digit.");
		return;
	}
	if (marks_resolve(r, state_mark(r->state, name), &target) != 0) {
		if (name == STATE_MARK_PREVIOUS)
			status_message(r, "No jump yet to go back from.");
		else
			status_message(r, "Mark %c is not set.", name);
		return;
	}
	r->focus = FOCUS_ARTICLE;
	panes_update(r);
	marks_jump(r, target.article, target.offset);
	r->dirty |= DIRTY_ALL;
}

/* Handles the key after m or '. */
void
marks_key(Reader *r, int key)
{
	Mode mode = r->mode;

	r->mode = MODE_READING;
	panes_update(r);
	article_relayout(r);
	r->dirty |= DIRTY_ALL;
	if (keys_action(KEYS_BAR, key) == ACTION_BAR_CLOSE)
		return;
	if (key > 0x7f) {
		status_message(r, "A mark is a letter or a digit.");
		return;
	}
	if (mode == MODE_MARK_SET)
		marks_set(r, key);
	else
		marks_go(r, key);
}
