/* The status line: section › article on the left, the printed page and
 * how far into the article on the right; a message replaces the left part
 * until the next key. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "paint.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

/* Returns "section › id title" for the open article (without the title
 * when short), the issue first in an archive; the caller frees it. */
static char *
status_line_where(const Reader *r, int short_form)
{
	const Article *a = issue_article(r->issue, r->place.article);
	const IndexIssueInfo *info = index_issue_info(r->index, r->issue_at);
	const char *issue = r->nissues > 1 && info != NULL ? info->prefix : NULL;
	const Section *s;

	if (a == NULL)
		return xstrdup("");
	if (a->section >= 0 && (s = issue_section(r->issue, (size_t)a->section)) != NULL) {
		if (issue != NULL)
			return xasprintf("%s › %s › %s %s", issue, s->title, a->id,
			    short_form ? "" : a->title);
		return xasprintf("%s › %s %s", s->title, a->id, short_form ? "" : a->title);
	}
	/* Front and back matter: their titles name the issue already. */
	return short_form ? xasprintf("%s ", a->id) : xstrdup(a->title);
}

/* Paints a message that does not fit the status line's left part on
 * rows above it too (it goes with the next key), wrapped; returns the
 * rows it takes. */
static int
status_line_draw_long_message(Reader *r, int width, attr_t attr)
{
	const Geometry *g = &r->geometry;
	LayoutLine *lines;
	size_t n, i;
	int rows, max = g->status_y > 0 ? g->status_y : 0;

	n = layout_wrap(r->message, strlen(r->message), width, &lines);
	rows = (int)n <= max + 1 ? (int)n : max + 1;
	for (i = 0; i < (size_t)rows; i++) {
		int y = g->status_y - rows + 1 + (int)i;
		size_t end = i + 1 == (size_t)rows && (size_t)rows < n ? strlen(r->message) :
		    lines[i].end;

		paint_blank(y, 0, COLS, attr);
		if (end == lines[i].end)
			paint_text(y, 1, width, r->message + lines[i].start, end - lines[i].start,
			    attr | A_BOLD);
		else
			paint_cut(y, 1, width, r->message + lines[i].start, attr | A_BOLD);
	}
	free(lines);
	return rows;
}

/* Paints the status line: the message, or where the text at the top is
 * (under heading, when not NULL), its printed page and how far the
 * bottom of the screen is into the article, in percent. */
void
status_line_draw(Reader *r, int page, int percent, const char *heading)
{
	const Geometry *g = &r->geometry;
	attr_t attr = terminal_attr(STYLE_STATUS);
	int width = COLS, pages = issue_page_count(r->issue);
	char *right, *left;
	int right_width;

	if (page > 0 && pages > 0)
		right = xasprintf(" p. %d of %d  %3d%% ", page, pages, percent);
	else if (page > 0)
		right = xasprintf(" p. %d  %3d%% ", page, percent);
	else
		right = xasprintf(" %3d%% ", percent);
	right_width = layout_width(right, strlen(right));
	if (right_width > width / 2) {
		free(right);
		right = xasprintf(" %d ", page);
		right_width = layout_width(right, strlen(right));
	}
	r->message_rows = 0;
	if (r->message != NULL && layout_width(r->message, strlen(r->message)) >
	    width - right_width - 2) {
		/* A long message (a warning at start) is shown whole. */
		r->message_rows = status_line_draw_long_message(r, width - 2, attr);
		free(right);
		return;
	}
	left = r->message != NULL ? xstrdup(r->message) : status_line_where(r, 0);
	if (r->message == NULL && heading != NULL) {
		/* section › article › heading; the article's ID alone when the
		 * heading would not fit after its title. */
		char *where = left;

		left = xasprintf("%s › %s", where, heading);
		if (layout_width(left, strlen(left)) > width - right_width - 2) {
			free(left);
			free(where);
			where = status_line_where(r, 1);
			left = xasprintf("%s› %s", where, heading);
			/* Narrower still: the heading alone. */
			if (layout_width(left, strlen(left)) > width - right_width - 2) {
				free(left);
				left = xstrdup(heading);
			}
		}
		free(where);
	}
	paint_blank(g->status_y, 0, width, attr);
	paint_cut(g->status_y, 1, width - right_width - 2, left,
	    r->message != NULL ? attr | A_BOLD : attr);
	paint_text(g->status_y, width - right_width, right_width, right, strlen(right), attr);
	free(left);
	free(right);
}
