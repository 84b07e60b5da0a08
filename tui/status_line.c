/* The status line: section › article on the left, the printed page and
 * how far into the article on the right; a message replaces the left part
 * until the next key. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "paint.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

/* Sets the message shown until the next key. */
void
status_message(Reader *r, const char *fmt, ...)
{
	va_list ap;

	free(r->message);
	va_start(ap, fmt);
	r->message = xvasprintf(fmt, ap);
	va_end(ap);
	r->dirty |= DIRTY_STATUS;
}

/* Returns "section › id title" for the open article (without the title
 * when short), the issue first in an archive; the caller frees it. */
static char *
status_where(const Reader *r, int short_form)
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

/* Paints the status line. */
void
status_draw(Reader *r)
{
	const Geometry *g = &r->geometry;
	attr_t attr = terminal_attr(ROLE_STATUS);
	int width = COLS, page = article_page(r), pages = issue_page_count(r->issue);
	char *right, *left;
	int right_width;

	if (page > 0 && pages > 0)
		right = xasprintf(" p. %d of %d  %3d%% ", page, pages, article_percent(r));
	else if (page > 0)
		right = xasprintf(" p. %d  %3d%% ", page, article_percent(r));
	else
		right = xasprintf(" %3d%% ", article_percent(r));
	right_width = layout_width(right, strlen(right));
	if (right_width > width / 2) {
		free(right);
		right = xasprintf(" %d ", page);
		right_width = layout_width(right, strlen(right));
	}
	left = r->message != NULL ? xstrdup(r->message) : status_where(r, 0);
	if (r->message == NULL && outline_view_heading(r) != NULL) {
		/* section › article › heading; the article's ID alone when the
		 * heading would not fit after its title. */
		char *where = left;

		left = xasprintf("%s › %s", where, outline_view_heading(r));
		if (layout_width(left, strlen(left)) > width - right_width - 2) {
			free(left);
			free(where);
			where = status_where(r, 1);
			left = xasprintf("%s› %s", where, outline_view_heading(r));
			/* Narrower still: the heading alone. */
			if (layout_width(left, strlen(left)) > width - right_width - 2) {
				free(left);
				left = xstrdup(outline_view_heading(r));
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
