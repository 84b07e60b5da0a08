/* The contents pane: sections and their articles, the open one marked,
 * a cursor to choose from when the pane has the focus. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "paint.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

/* Appends an entry to the contents. */
static void
contents_add(Reader *r, ContentsKind kind, size_t index)
{
	r->entries = xreallocarray(r->entries, r->nentries + 1, sizeof *r->entries);
	r->entries[r->nentries].kind = kind;
	r->entries[r->nentries].index = index;
	r->nentries++;
}

/* Adds the open issue's entries: each section's heading before its
 * first article. */
static void
contents_add_issue(Reader *r)
{
	size_t i, n = issue_article_count(r->issue);
	int section = -1;

	for (i = 0; i < n; i++) {
		const Article *a = issue_article(r->issue, i);

		if (a->section >= 0 && a->section != section &&
		    (size_t)a->section < issue_section_count(r->issue))
			contents_add(r, CONTENTS_SECTION, (size_t)a->section);
		section = a->section;
		contents_add(r, CONTENTS_ARTICLE, i);
	}
}

/* Builds the entries: in an archive every issue, the open one unfolded. */
void
contents_init(Reader *r)
{
	size_t i;

	if (r->nissues <= 1) {
		contents_add_issue(r);
		return;
	}
	for (i = 0; i < r->nissues; i++) {
		contents_add(r, CONTENTS_ISSUE, i);
		if (i == r->issue_at)
			contents_add_issue(r);
	}
}

/* Frees the entries. */
void
contents_free(Reader *r)
{
	free(r->entries);
	r->entries = NULL;
	r->nentries = 0;
}

/* Scrolls the pane so that the cursor is in view. */
static void
contents_reveal(Reader *r)
{
	int height = r->geometry.contents.height;

	if (height <= 0)
		return;		/* hidden: keep the scroll for when it shows */
	if (r->cursor < r->contents_top)
		r->contents_top = r->cursor;
	else if (r->cursor >= r->contents_top + (size_t)height)
		r->contents_top = r->cursor - (size_t)height + 1;
	/* No empty rows below the list while entries are scrolled off above. */
	if (r->contents_top + (size_t)height > r->nentries)
		r->contents_top = r->nentries > (size_t)height ? r->nentries - (size_t)height : 0;
}

/* Moves the cursor to the open article's entry. */
void
contents_follow(Reader *r)
{
	size_t i;

	for (i = 0; i < r->nentries; i++) {
		if (r->entries[i].kind == CONTENTS_ARTICLE && r->entries[i].index == r->place.article) {
			r->cursor = i;
			break;
		}
	}
	contents_reveal(r);
	r->dirty |= DIRTY_CONTENTS;
}

/* Paints one entry in a row of the pane. */
static void
contents_draw_entry(Reader *r, const ContentsEntry *e, int y, int selected)
{
	const Region *region = &r->geometry.contents;
	attr_t attr = terminal_attr(ROLE_TEXT);
	char *line;
	int x = region->x + 1, width = region->width - 2;

	if (e->kind == CONTENTS_ISSUE) {
		const IndexIssueInfo *info = index_issue_info(r->index, e->index);

		line = xasprintf("%s%s %s %s", e->index == r->issue_at ? ">" : " ", info->prefix,
		    info->title, info->date);
		attr = terminal_attr(ROLE_TITLE);
		x = region->x;
		width = region->width - 1;
	} else if (e->kind == CONTENTS_SECTION) {
		const Section *s = issue_section(r->issue, e->index);

		line = xasprintf("%s %s", s->id, s->title);
		attr = terminal_attr(ROLE_SECTION);
	} else {
		const Article *a = issue_article(r->issue, e->index);
		int open = e->index == r->place.article;

		line = xasprintf("%s%-4s %s", open ? ">" : " ", a->id, a->title);
		if (open)
			attr = terminal_attr(ROLE_OPEN_ENTRY);
		x = region->x;
		width = region->width - 1;
	}
	if (selected)
		attr = terminal_attr(ROLE_SELECTED);
	paint_blank(y, region->x, region->width, selected ? attr : terminal_attr(ROLE_TEXT));
	paint_cut(y, x, width, line, attr);
	free(line);
}

/* Paints the contents pane. */
void
contents_draw(Reader *r)
{
	const Region *region = &r->geometry.contents;
	int row;

	if (region->width <= 0 || region->height <= 0)
		return;
	contents_reveal(r);
	for (row = 0; row < region->height; row++) {
		size_t i = r->contents_top + (size_t)row;
		int y = region->y + row;

		if (i >= r->nentries) {
			paint_blank(y, region->x, region->width, terminal_attr(ROLE_TEXT));
			continue;
		}
		contents_draw_entry(r, &r->entries[i], y,
		    r->focus == FOCUS_CONTENTS && i == r->cursor);
	}
}

/* Moves the cursor by delta entries, within the list. */
static void
contents_move(Reader *r, long delta)
{
	long cursor = (long)r->cursor + delta;

	if (r->nentries == 0)
		return;
	if (cursor < 0)
		cursor = 0;
	if (cursor >= (long)r->nentries)
		cursor = (long)r->nentries - 1;
	r->cursor = (size_t)cursor;
	contents_reveal(r);
	r->dirty |= DIRTY_CONTENTS;
}

/* Opens an issue of an archive where it was left (the open one: at its
 * start), the contents keeping the focus on its entries. */
static void
contents_open_issue(Reader *r, size_t issue)
{
	Place place = { issue, 0, 0 };

	if (issue != r->issue_at) {
		marks_jump(r, place);
		if (r->issue_at != issue)
			return;
		if (issues_saved_place(r, &place) == 0)
			article_open(r, place.article, place.offset);
	} else
		marks_jump(r, place);
	contents_follow(r);
	r->dirty |= DIRTY_ALL;
}

/* Opens the entry under the cursor (a section: its first article) and
 * gives the article the focus. */
static void
contents_open(Reader *r)
{
	const ContentsEntry *e;
	size_t article;

	if (r->cursor >= r->nentries)
		return;
	e = &r->entries[r->cursor];
	article = e->index;
	if (e->kind == CONTENTS_ISSUE) {
		contents_open_issue(r, e->index);
		return;
	}
	if (e->kind == CONTENTS_SECTION) {
		const Section *s = issue_section(r->issue, e->index);

		if (s->narticles == 0)
			return;
		article = s->first_article;
	}
	r->focus = FOCUS_ARTICLE;
	panes_update(r);
	marks_jump(r, marks_here(r, article, 0));
	r->dirty |= DIRTY_ALL;
}

/* Acts on a key's action while the contents have the focus. */
void
contents_action(Reader *r, Action action)
{
	long page = r->geometry.contents.height > 1 ? r->geometry.contents.height - 1 : 1;

	switch (action) {
	case ACTION_LINE_DOWN:
		contents_move(r, 1);
		break;
	case ACTION_LINE_UP:
		contents_move(r, -1);
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_DOWN_ON:
		contents_move(r, page);
		break;
	case ACTION_PAGE_UP:
		contents_move(r, -page);
		break;
	case ACTION_HALF_DOWN:
		contents_move(r, (page + 1) / 2);
		break;
	case ACTION_HALF_UP:
		contents_move(r, -(page + 1) / 2);
		break;
	case ACTION_TOP:
		contents_move(r, -(long)r->nentries);
		break;
	case ACTION_END:
		contents_move(r, (long)r->nentries);
		break;
	case ACTION_OPEN:
		contents_open(r);
		break;
	default:
		break;
	}
}
