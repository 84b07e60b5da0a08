/* Carrying out what a view asks for (a Request, view.h): the one place
 * that calls across views. Opening an article tells the search bar (its
 * hits) and the contents (their cursor); a jump goes through the history
 * (marks.c) and, in an archive, the issues (issues.c). */
#include "config.h"

#include "view.h"

/* Opens an article of the open issue with the text at offset on top. */
void
request_open(Reader *r, size_t article, size_t offset)
{
	if (article_view_open(r, article, offset) != 0)
		return;
	search_bar_article_changed(r);
	contents_view_follow(r);
}

/* Makes another issue the open one: '' stored in the one left, read from
 * the one opened, the article's layout forgotten, the contents built for
 * it. Returns 0 or -1. */
int
request_switch_issue(Reader *r, size_t issue)
{
	if (issues_can_open(r, issue) != 0)
		return -1;
	marks_store_previous(r);
	issues_switch(r, issue);
	article_view_close(r);
	marks_load_previous(r);
	contents_view_free(r);
	contents_view_init(r);
	return 0;
}

/* Opens a place, in another issue if need be; returns 0 or -1. */
static int
request_go_to(Reader *r, Place target)
{
	if (target.issue != r->issue_at && request_switch_issue(r, target.issue) != 0)
		return -1;
	request_open(r, target.article, target.offset);
	return 0;
}

/* Jumps to a place, remembering where from. */
static void
request_jump(Reader *r, Place target)
{
	Place previous = r->previous;
	int had_previous = r->has_previous;

	marks_remember(r);
	if (request_go_to(r, target) != 0)
		marks_forget(r, previous, had_previous);
}

/* Goes back to the place the last jump started from (marks_back took it
 * off the history). */
static void
request_back(Reader *r, Place target)
{
	Place here = r->place;

	if (request_go_to(r, target) == 0)
		marks_returned(r, here);
	r->dirty |= DIRTY_ALL;
}

/* Opens an issue of an archive where it was left (the open one: at its
 * start), the contents keeping the focus on its entries. */
static void
request_open_issue(Reader *r, size_t issue)
{
	Place place = { issue, 0, 0 };

	if (issue != r->issue_at) {
		request_jump(r, place);
		if (r->issue_at != issue)
			return;
		if (issues_saved_place(r, &place) == 0)
			request_open(r, place.article, place.offset);
	} else
		request_jump(r, place);
	contents_view_follow(r);
	r->dirty |= DIRTY_ALL;
}

/* Carries out a request, step by step in the order of its bits; a step
 * the search bar goes on from returns a request of its own. */
void
request_carry_out(Reader *r, Request req)
{
	int hidden = 1;

	if (req.what & REQUEST_PANES)
		panes_update(r);
	if (req.what & REQUEST_RELAYOUT) {
		panes_update(r);
		article_view_relayout(r);
		r->dirty |= DIRTY_ALL;
	}
	if (req.what & REQUEST_ARTICLE)
		request_carry_out(r, article_view_action(r, req.action));
	if (req.what & REQUEST_OPEN)
		request_open(r, req.place.article, req.place.offset);
	if (req.what & REQUEST_IF_HIDDEN)
		hidden = !article_view_line_visible(r, req.offset);
	if ((req.what & REQUEST_JUMP) && hidden)
		request_jump(r, req.place);
	if (req.what & REQUEST_BACK)
		request_back(r, req.place);
	if (req.what & REQUEST_OPEN_ISSUE)
		request_open_issue(r, req.place.issue);
	if ((req.what & REQUEST_SHOW) && hidden)
		article_view_show(r, req.offset, req.context);
	if (req.what & REQUEST_SEARCH_RESULT)
		request_carry_out(r, search_bar_result_opened(r, req.result, req.first));
	if (req.what & REQUEST_SEARCH_HIT)
		request_carry_out(r, search_bar_show_hit(r, req.hit));
	if (req.what & REQUEST_SEARCH_WRAPPED)
		search_bar_say_wrapped(r, req.result);
}
