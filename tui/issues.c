/* The issues of the index: one, or an archive of them. One issue is open
 * at a time; each keeps its own place and marks in its own state file, so
 * that an archive reopens at the issue read last, where it was left. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "view.h"
#include "xalloc.h"

/* Returns the key issue i's state is kept under: its file's real path
 * when it has one. The caller frees it. */
static char *
issues_key(const Reader *r, size_t i)
{
	const IndexIssueInfo *info = index_issue_info(r->index, i);
	const char *path = info != NULL && info->path != NULL ? info->path : "";
	char *real = realpath(path, NULL);
	char *key;

	if (real == NULL)
		return xstrdup(path);
	key = xstrdup(real);
	free(real);
	return key;
}

/* Opens issue i's state; *notice (optional) as state_open says. The caller
 * frees the state. */
static State *
issues_state(const Reader *r, size_t i, char **notice)
{
	char *key = issues_key(r, i);
	State *state = state_open(r->state_dir, key, notice);

	free(key);
	return state;
}

/* Returns the issue read last: the one whose state was saved last (the
 * first issue when none was). */
size_t
issues_last_read(Reader *r)
{
	long long newest = 0;
	size_t i, last = 0;

	if (r->nissues <= 1)
		return 0;
	for (i = 0; i < r->nissues; i++) {
		State *state = issues_state(r, i, NULL);

		if (state_saved_time(state) > newest) {
			newest = state_saved_time(state);
			last = i;
		}
		state_free(state);
	}
	return last;
}

/* Saves the open issue's place and marks ('' is marks_store_previous's). */
int
issues_save(Reader *r, char **cause)
{
	const Article *a;

	if (r->state == NULL || r->issue == NULL)
		return 0;
	if ((a = issue_article(r->issue, r->place.article)) != NULL)
		state_set_place(r->state, a->id, r->place.offset);
	return state_save(r->state, cause);
}

/* Returns 0 when issue i can be opened, else -1 after saying so. */
int
issues_can_open(Reader *r, size_t issue)
{
	const Issue *next;
	char *cause = NULL;

	if (index_issue_load(r->index, issue, &next, &cause) != 0) {
		reader_say(r, "Issue %zu cannot be read: %s", issue + 1, cause);
		free(cause);
		return -1;
	}
	if (issue_article_count(next) == 0) {
		reader_say(r, "Issue %zu has no articles.", issue + 1);
		return -1;
	}
	return 0;
}

/* Makes issue i (one issues_can_open allows) the open one: its state
 * read, the one before saved. The caller stores '' before, and loads it,
 * closes the article and builds the contents after (request_switch_issue). */
void
issues_switch(Reader *r, size_t issue)
{
	char *notice = NULL, *cause = NULL;

	if (r->issue != NULL && issue == r->issue_at)
		return;
	if (issues_save(r, &cause) != 0) {
		reader_say(r, "The place is not remembered: %s", cause);
		free(cause);
	}
	state_free(r->state);
	r->state = issues_state(r, issue, &notice);
	if (notice != NULL && (state_writable(r->state) || !r->said_unwritable))
		reader_say(r, "%s", notice);
	if (!state_writable(r->state))
		r->said_unwritable = 1;
	free(notice);
	r->issue = index_issue_at(r->index, issue);
	r->issue_at = issue;
	r->place = (Place){ issue, 0, 0 };
	r->dirty |= DIRTY_ALL;
}

/* Returns the open issue's saved place: 0 and *out, or -1 when none. */
int
issues_saved_place(const Reader *r, Place *out)
{
	const StatePlace *p = state_place(r->state);
	const Article *a;

	if (p == NULL || (a = issue_find_article(r->issue, p->article)) == NULL)
		return -1;
	out->issue = r->issue_at;
	out->article = a->index;
	out->offset = p->offset <= a->text_length ? p->offset : a->text_length;
	return 0;
}

/* Frees the open issue's state. */
void
issues_free(Reader *r)
{
	state_free(r->state);
	r->state = NULL;
	free(r->state_dir);
	r->state_dir = NULL;
}
