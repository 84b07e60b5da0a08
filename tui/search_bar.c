/* The search bar: the query typed at the bottom, results (article, page,
 * snippet with the hit marked) updated on each key; Enter opens a hit
 * with every hit of the article highlighted, n and N walk the hits across
 * articles in the results' order. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "layout.h"
#include "paint.h"
#include "paths.h"
#include "query.h"
#include "search_reading.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

#define SEARCH_LIMIT		200	/* results kept: every article of an issue */
#define SEARCH_QUERY_MAX	4096	/* bytes; longer is cut, and the bar says so */
#define SEARCH_CONTEXT		2	/* lines shown above a hit */

/* Runs the query typed so far and shows its results. The keys only mark
 * the query changed: keys that come together (a paste, an input method)
 * run one search. */
static void
search_bar_refresh(Reader *r)
{
	char *cause = NULL;

	r->query_changed = 0;
	search_results_free(r->results);
	r->results = NULL;
	r->selected = 0;
	r->results_top = 0;
	r->dirty |= DIRTY_BAR;
	free(r->reading);
	r->reading = NULL;
	if (line_edit_text(&r->query)[0] == '\0')
		return;
	r->reading = search_reading(r->index, line_edit_text(&r->query));
	if (search_run_flags(r->index, line_edit_text(&r->query), QUERY_LAST_PREFIX,
	    SEARCH_ALL_ISSUES, SEARCH_LIMIT, &r->results, &cause) != 0) {
		reader_say(r, "Search failed: %s", cause != NULL ? cause : "unknown error");
		free(cause);
		r->results = NULL;
	}
}

/* Returns the search history, read from the state folder the first time. */
static History *
search_bar_history(Reader *r)
{
	char *path;

	if (r->search_history == NULL) {
		path = r->state_dir != NULL ? xasprintf("%s/search-history", r->state_dir) : NULL;
		r->search_history = history_load(path);
		free(path);
	}
	return r->search_history;
}

/* Opens the search bar with the last query ready to edit; the panes make
 * room for the results (a request). */
Request
search_bar_open(Reader *r, int backward)
{
	Request req = { .what = REQUEST_RELAYOUT };
	History *h = search_bar_history(r);
	const char *last = r->hits_query;

	if (last == NULL && history_count(h) > 0)
		last = history_entry(h, history_count(h) - 1);
	r->mode = MODE_SEARCH;
	r->bar_backward = backward;
	line_edit_set(&r->query, last != NULL ? last : "");
	r->query_changed = last != NULL;
	r->history_at = history_count(h);
	free(r->history_draft);
	r->history_draft = NULL;
	search_results_free(r->results);
	r->results = NULL;
	free(r->reading);
	r->reading = NULL;
	r->selected = 0;
	r->results_top = 0;
	r->dirty |= DIRTY_ALL;
	return req;
}

/* Shows an older (Up) or newer (Down) query of the history in the bar;
 * past the newest, what was typed before. */
static void
search_bar_walk_history(Reader *r, int older)
{
	History *h = search_bar_history(r);
	size_t count = history_count(h);

	if (r->history_at > count)
		r->history_at = count;
	if (older ? r->history_at == 0 : r->history_at >= count) {
		reader_say(r, older ? "No older search." : "No newer search.");
		return;
	}
	if (r->history_at == count) {
		free(r->history_draft);
		r->history_draft = xstrdup(line_edit_text(&r->query));
	}
	r->history_at += older ? (size_t)-1 : 1;
	/* The query shown already (/ opens with the last one) is no step. */
	if (older && r->history_at > 0 &&
	    strcmp(history_entry(h, r->history_at), line_edit_text(&r->query)) == 0)
		r->history_at--;
	line_edit_set(&r->query, r->history_at < count ? history_entry(h, r->history_at) :
	    (r->history_draft != NULL ? r->history_draft : ""));
	r->query_changed = 1;
}

/* Adds the query run to the history and keeps it (silently: the state
 * folder's trouble is said once, at start). */
static void
search_bar_remember(Reader *r, const char *query)
{
	History *h = search_bar_history(r);
	char *cause = NULL;

	history_add(h, query);
	if (history_save(h, &cause) != 0)
		free(cause);
}

/* Closes the bar, keeping the place; the panes take its rows back (a
 * request). */
static Request
search_bar_close(Reader *r)
{
	Request req = { .what = REQUEST_RELAYOUT };

	r->mode = MODE_READING;
	search_results_free(r->results);
	r->results = NULL;
	r->dirty |= DIRTY_ALL;
	return req;
}

/* Frees the highlighted search. */
void
search_bar_clear_hits(Reader *r)
{
	free(r->hits_query);
	r->hits_query = NULL;
	search_results_free(r->hits_results);
	r->hits_results = NULL;
	free(r->hits);
	r->hits = NULL;
	r->nhits = 0;
	r->current_hit = SIZE_MAX;
	r->hits_hidden = 0;
	r->dirty |= DIRTY_ARTICLE;
}

/* Frees everything the search holds. */
void
search_bar_free(Reader *r)
{
	search_bar_clear_hits(r);
	search_results_free(r->results);
	r->results = NULL;
	line_edit_free(&r->query);
	history_free(r->search_history);
	r->search_history = NULL;
	free(r->history_draft);
	r->history_draft = NULL;
	free(r->reading);
	r->reading = NULL;
}

/* Returns non-zero when a result is the open article's. */
static int
search_bar_result_is_here(const Reader *r, const SearchResult *res)
{
	return res->issue == r->issue_at && res->article_index == r->place.article;
}

/* Finds the hits of the highlighted search in the open article. */
void
search_bar_article_changed(Reader *r)
{
	size_t i;

	if (r->hits_query == NULL)
		return;
	if (r->hits == NULL || r->hits_article != r->place.article || r->hits_issue != r->issue_at) {
		char *cause = NULL;

		free(r->hits);
		r->hits = NULL;
		if (search_article_hits(r->index, r->hits_query, QUERY_LAST_PREFIX, r->issue_at,
		    r->place.article, &r->hits, &r->nhits, &cause) != 0) {
			reader_say(r, "%s", cause);
			free(cause);
		}
		r->hits_issue = r->issue_at;
		r->hits_article = r->place.article;
		r->current_hit = SIZE_MAX;
		r->dirty |= DIRTY_ARTICLE;
	}
	for (i = 0; r->hits_results != NULL && i < r->hits_results->count; i++)
		if (search_bar_result_is_here(r, &r->hits_results->items[i]))
			r->hits_result = i;
}

/* Sets *out to the hits the article pane marks: the highlighted search's
 * in the open article, unless Esc hid them. Returns 0 when there are none. */
int
search_bar_marks(const Reader *r, HitMarks *out)
{
	if (r->hits == NULL || r->hits_hidden || r->hits_article != r->place.article ||
	    r->hits_issue != r->issue_at)
		return 0;
	out->spans = r->hits;
	out->count = r->nhits;
	out->current = r->current_hit;
	return 1;
}

/* Hides the highlighted hits (Esc), the search staying for n and N.
 * Returns 0 when none were shown. */
int
search_bar_hide_hits(Reader *r)
{
	if (r->hits_query == NULL || r->hits_hidden)
		return 0;
	r->hits_hidden = 1;
	r->dirty |= DIRTY_ARTICLE;
	return 1;
}

/* Returns the open article's ID as results give it ("12/1.3" in an
 * archive); the caller frees it. */
static char *
search_bar_here_id(const Reader *r)
{
	const IndexIssueInfo *info = index_issue_info(r->index, r->issue_at);
	const char *id = issue_article(r->issue, r->place.article)->id;

	if (r->nissues > 1 && info != NULL)
		return xasprintf("%s/%s", info->prefix, id);
	return xstrdup(id);
}

/* Makes hit k of the open article the current one and asks to show it:
 * a jump when it is not on the screen. */
Request
search_bar_show_hit(Reader *r, size_t k)
{
	Request req = { .what = REQUEST_IF_HIDDEN | REQUEST_JUMP | REQUEST_SHOW };
	char *id;

	r->current_hit = k;
	req.offset = r->hits[k].start;
	req.place = reader_place(r, r->place.article, req.offset);
	req.context = SEARCH_CONTEXT;
	id = search_bar_here_id(r);
	reader_say(r, "Hit %zu of %zu in %s (result %zu of %zu)", k + 1, r->nhits, id,
	    r->hits_result + 1, r->hits_results != NULL ? r->hits_results->count : 0);
	free(id);
	r->dirty |= DIRTY_ARTICLE | DIRTY_STATUS;
	return req;
}

/* Goes on once result i of the highlighted search is the open article:
 * asks to show its first or last hit (or where it matched). */
Request
search_bar_result_opened(Reader *r, size_t i, int first)
{
	const SearchResult *res = &r->hits_results->items[i];
	Request req = { .what = REQUEST_SHOW };
	size_t k;

	search_bar_article_changed(r);
	r->hits_result = i;
	req.context = SEARCH_CONTEXT;
	if (r->nhits == 0) {
		req.offset = res->offset;
		return req;
	}
	k = first ? 0 : r->nhits - 1;
	if (first)
		for (k = 0; k + 1 < r->nhits && r->hits[k].start < res->offset; k++)
			continue;
	r->current_hit = SIZE_MAX;
	req.offset = r->hits[k].start;
	req.what |= REQUEST_SEARCH_HIT;
	req.hit = k;
	return req;
}

/* Asks to open result i of the highlighted search at its first or last
 * hit: a jump when it is another article's. */
static Request
search_bar_open_result(Reader *r, size_t i, int first)
{
	const SearchResult *res = &r->hits_results->items[i];
	Request req = { .what = REQUEST_JUMP | REQUEST_SEARCH_RESULT };

	r->hits_result = i;
	if (search_bar_result_is_here(r, res))
		return search_bar_result_opened(r, i, first);
	req.place = (Place){ res->issue, res->article_index, res->offset };
	req.result = i;
	req.first = first;
	return req;
}

/* Opens the selected result: the bar closes, its search is highlighted. */
static Request
search_bar_enter(Reader *r)
{
	Request req = { 0 };

	if (r->query_changed)
		search_bar_refresh(r);
	if (r->results == NULL || r->results->count == 0) {
		reader_say(r, line_edit_text(&r->query)[0] != '\0' ?
		    "Nothing to open: nothing found." : "Type what to search for.");
		return req;
	}
	search_bar_clear_hits(r);
	r->hits_query = xstrdup(line_edit_text(&r->query));
	r->hits_backward = r->bar_backward;
	search_bar_remember(r, r->hits_query);
	r->hits_results = r->results;
	r->results = NULL;
	r->mode = MODE_READING;
	r->focus = FOCUS_ARTICLE;
	req = search_bar_open_result(r, r->selected, 1);
	req.what |= REQUEST_RELAYOUT;
	r->dirty |= DIRTY_ALL;
	return req;
}

/* Finds the next (or previous) hit from the current one, or from the top
 * of the screen; returns its index or SIZE_MAX. */
static size_t
search_bar_next_in_article(const Reader *r, int forward)
{
	size_t k, from;

	if (r->nhits == 0)
		return SIZE_MAX;
	if (r->current_hit != SIZE_MAX) {
		if (forward)
			return r->current_hit + 1 < r->nhits ? r->current_hit + 1 : SIZE_MAX;
		return r->current_hit > 0 ? r->current_hit - 1 : SIZE_MAX;
	}
	from = r->place.offset;
	if (forward) {
		for (k = 0; k < r->nhits; k++)
			if (r->hits[k].start >= from)
				return k;
		return SIZE_MAX;
	}
	for (k = r->nhits; k > 0; k--)
		if (r->hits[k - 1].start < from)
			return k - 1;
	return SIZE_MAX;
}

/* Says the walk through the hits wrapped around to result i. */
void
search_bar_say_wrapped(Reader *r, size_t i)
{
	char *id = search_bar_here_id(r);

	reader_say(r, "Search wrapped around: hit %zu of %zu in %s (result %zu of %zu)",
	    r->current_hit + 1, r->nhits, id, i + 1, r->hits_results->count);
	free(id);
}

/* Walks to the next (or previous) hit: in the article, then on to the
 * next result's article, wrapping around the results. Returns what it
 * takes to show it. */
Request
search_bar_step(Reader *r, int forward)
{
	Request req = { 0 };
	size_t k, count, i, next;
	int here;

	if (r->hits_query == NULL || r->hits_results == NULL) {
		reader_say(r, "No search yet: / searches the issue.");
		return req;
	}
	if (r->hits_backward)
		forward = !forward;
	r->hits_hidden = 0;
	count = r->hits_results->count;
	if (count == 0) {
		reader_say(r, "Nothing found.");
		return req;
	}
	search_bar_article_changed(r);
	k = search_bar_next_in_article(r, forward);
	if (k != SIZE_MAX)
		return search_bar_show_hit(r, k);
	i = r->hits_result;
	here = search_bar_result_is_here(r, &r->hits_results->items[i]);
	if (!here && forward)
		i = i == 0 ? count - 1 : i - 1;	/* elsewhere: on to the current result */
	next = forward ? (i + 1) % count : (i + count - 1) % count;
	req = search_bar_open_result(r, next, forward);
	if (here && (forward ? next <= i : next >= i)) {
		req.what |= REQUEST_SEARCH_WRAPPED;
		req.result = next;
	}
	return req;
}

/* Handles a key while the bar is open; returns what else it takes. */
Request
search_bar_key(Reader *r, int key)
{
	Request none = { 0 };
	int height = r->geometry.results.height > 2 ? r->geometry.results.height - 1 : 1;
	size_t count = r->results != NULL ? r->results->count : 0;
	int full;

	switch (keys_action(KEYS_BAR, key)) {
	case ACTION_BAR_NEXT:
		if (r->selected + 1 < count)
			r->selected++;
		break;
	case ACTION_BAR_PREVIOUS:
		if (r->selected > 0)
			r->selected--;
		break;
	case ACTION_BAR_PAGE_DOWN:
		r->selected = r->selected + (size_t)height < count ? r->selected + (size_t)height :
		    (count > 0 ? count - 1 : 0);
		break;
	case ACTION_BAR_PAGE_UP:
		r->selected = r->selected > (size_t)height ? r->selected - (size_t)height : 0;
		break;
	case ACTION_BAR_OPEN:
		return search_bar_enter(r);
	case ACTION_BAR_OLDER:
	case ACTION_BAR_NEWER:
		search_bar_walk_history(r, keys_action(KEYS_BAR, key) == ACTION_BAR_OLDER);
		break;
	case ACTION_BAR_DELETE:
		if (line_edit_text(&r->query)[0] == '\0')
			return search_bar_close(r);
		/* fall through */
	default:
		full = 0;
		if (input_line_key(&r->query, key, SEARCH_QUERY_MAX, &full) > 0) {
			r->query_changed = 1;
			r->history_at = history_count(search_bar_history(r));	/* edited: a draft */
		}
		if (full)
			reader_say(r, "A query holds at most %d bytes: the rest is left out.",
			    SEARCH_QUERY_MAX);
		break;
	case ACTION_BAR_CLOSE:
		return search_bar_close(r);
	}
	r->dirty |= DIRTY_BAR;
	return none;
}

/* Returns where painting a snippet starts so that its first hit shows in
 * width columns: a grapheme boundary, 0 when the hit fits from the start,
 * never on closing punctuation. */
static size_t
search_bar_snippet_start(const SearchResult *res, int width)
{
	size_t hit = res->nmarks > 0 ? res->marks[0].start : 0, start = 0;
	int before = layout_width(res->snippet, hit);

	while (before > width / 3 && start < hit) {
		int w;
		size_t n = layout_grapheme(res->snippet + start, hit - start, &w);

		start += n;
		before -= w;
	}
	if (start > 0)
		start += layout_skip_no_start(res->snippet + start, hit - start);
	return start;
}

/* Returns the title of a result's article ("" when its issue cannot be
 * read); owned by the index. */
static const char *
search_bar_result_title(Reader *r, const SearchResult *res)
{
	const Issue *issue = res->issue == r->issue_at ? r->issue :
	    index_issue_at(r->index, res->issue);
	const Article *a = issue != NULL ? issue_article(issue, res->article_index) : NULL;

	return a != NULL ? a->title : "";
}

/* Paints a result's snippet in a row from x, its hits marked (without
 * colour too, in a selected row: the hit is then not in reverse video). */
static void
search_bar_draw_snippet(const SearchResult *res, int y, int x, int width, attr_t attr, int selected)
{
	PaintMark marks[32];
	size_t i, n = 0, start, len = strlen(res->snippet);

	if (width <= 2)
		return;
	start = search_bar_snippet_start(res, width);
	if (start > 0) {
		x += paint_text(y, x, 1, "…", strlen("…"), attr);
		width--;
	}
	for (i = 0; i < res->nmarks && n < sizeof marks / sizeof marks[0]; i++) {
		size_t ms = res->marks[i].start, me = ms + res->marks[i].length;

		if (me <= start || ms >= len)
			continue;
		marks[n].start = (ms > start ? ms : start) - start;
		marks[n].end = (me < len ? me : len) - start;
		marks[n].attr = terminal_attr(selected ? STYLE_HIT_SELECTED : STYLE_HIT);
		n++;
	}
	paint_marked(y, x, width, res->snippet + start, len - start, attr, marks, n);
}

/* Paints one result in rows rows from y: its ID, page and article title,
 * then the snippet (on the same row when there is one row). */
static void
search_bar_draw_result(Reader *r, const SearchResult *res, int y, int rows, int selected)
{
	attr_t attr = terminal_attr(selected ? STYLE_SELECTED : STYLE_TEXT);
	char *head = xasprintf("%-5s p.%-4d", res->article_id, res->page);
	int x = 1, width = COLS - 2, used, row;

	for (row = 0; row < rows; row++)
		paint_blank(y + row, 0, COLS, attr);
	used = paint_text(y, x, width, head, strlen(head), attr | A_BOLD);
	free(head);
	if (rows > 1) {
		paint_cut(y, x + used + 1, width - used - 1, search_bar_result_title(r, res), attr | A_BOLD);
		search_bar_draw_snippet(res, y + 1, x + 4, width - 4, attr, selected);
		return;
	}
	search_bar_draw_snippet(res, y, x + used + 1, width - used - 1, attr, selected);
}

/* Paints the rule between the article and the results, with how a
 * pinyin, initials or traditional query was read ("shuju → 数据") on it. */
static void
search_bar_draw_rule(int y, const char *reading)
{
	attr_t attr = terminal_attr(STYLE_FRAME);

	wattr_set(stdscr, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvwhline(stdscr, y, 0, ACS_HLINE, COLS);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
	if (reading != NULL && COLS > 6) {
		int used = paint_text(y, 2, COLS - 5, " ", 1, attr);

		used += paint_text(y, 2 + used, COLS - 5 - used, reading, strlen(reading), attr);
		paint_text(y, 2 + used, 1, " ", 1, attr);
	}
}

/* Paints the input line: / or ? and the query, the cursor in it, and
 * which result is selected of how many. */
static void
search_bar_draw_input(Reader *r, size_t count)
{
	int y = r->geometry.bar_y, right_width;
	char *right;

	if (y < 0)
		return;
	right = count > 0 ? xasprintf(" %zu/%zu ", r->selected + 1, count) : xstrdup(" ");
	right_width = layout_width(right, strlen(right));
	paint_blank(y, 0, COLS, terminal_attr(STYLE_TEXT));
	paint_text(y, 0, 2, r->bar_backward ? "? " : "/ ", 2, terminal_attr(STYLE_KEY));
	r->cursor_x = input_line_draw(&r->query, y, 2, COLS - right_width - 4,
	    terminal_attr(STYLE_TEXT));
	paint_text(y, COLS - right_width, right_width, right, strlen(right),
	    terminal_attr(STYLE_FRAME));
	free(right);
	r->cursor_y = y;
}

/* Returns the rows a result takes: two (title, snippet) when the results
 * have room for at least two of them. */
static int
search_bar_result_rows(const Reader *r)
{
	return r->geometry.results.height - 1 >= 4 ? 2 : 1;
}

/* Paints the results and the input line. */
void
search_bar_draw(Reader *r)
{
	Region region = r->geometry.results;
	size_t count, shown;
	int row, rows = search_bar_result_rows(r);
	const char *query = line_edit_text(&r->query);

	if (r->query_changed)
		search_bar_refresh(r);
	count = r->results != NULL ? r->results->count : 0;
	if (region.height > 1) {
		search_bar_draw_rule(region.y, r->reading);
		region.y++;
		region.height--;
	}
	shown = (size_t)(region.height / rows > 0 ? region.height / rows : 1);
	if (r->selected < r->results_top)
		r->results_top = r->selected;
	if (r->selected >= r->results_top + shown)
		r->results_top = r->selected - shown + 1;
	for (row = 0; row < region.height; row += rows) {
		size_t i = r->results_top + (size_t)(row / rows);
		int y = region.y + row, k;

		if (i < count && row + rows <= region.height) {
			search_bar_draw_result(r, &r->results->items[i], y, rows, i == r->selected);
			continue;
		}
		for (k = row; k < region.height && k < row + rows; k++)
			paint_blank(region.y + k, 0, COLS, terminal_attr(STYLE_TEXT));
		if (row == 0 && query[0] == '\0')
			paint_cut(y, 1, COLS - 2, "Type to search: all words must occur; \"a phrase\"; "
			    "-word excludes; a OR b. Up: older searches. Enter opens, Esc closes.",
			    terminal_attr(STYLE_FRAME));
		else if (row == 0)
			paint_cut(y, 1, COLS - 2, "Nothing found.", terminal_attr(STYLE_FRAME));
	}
	search_bar_draw_input(r, count);
}
