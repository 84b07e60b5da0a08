/* The contents pane: sections and their articles, the open one marked,
 * a cursor to choose from when the pane has the focus. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "layout.h"
#include "paint.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

/* Appends an entry to the contents. */
static void
contents_view_add(Reader *r, ContentsKind kind, size_t index)
{
	r->entries = xreallocarray(r->entries, r->nentries + 1, sizeof *r->entries);
	r->entries[r->nentries].kind = kind;
	r->entries[r->nentries].index = index;
	r->nentries++;
}

/* Adds the open issue's entries: each section's heading before its
 * first article. */
static void
contents_view_add_issue(Reader *r)
{
	size_t i, n = issue_article_count(r->issue);
	int section = -1;

	for (i = 0; i < n; i++) {
		const Article *a = issue_article(r->issue, i);

		if (a->section >= 0 && a->section != section &&
		    (size_t)a->section < issue_section_count(r->issue))
			contents_view_add(r, CONTENTS_SECTION, (size_t)a->section);
		section = a->section;
		contents_view_add(r, CONTENTS_ARTICLE, i);
	}
}

/* Builds the entries: in an archive every issue, the open one unfolded. */
void
contents_view_init(Reader *r)
{
	size_t i;

	if (r->nissues <= 1) {
		contents_view_add_issue(r);
		return;
	}
	for (i = 0; i < r->nissues; i++) {
		contents_view_add(r, CONTENTS_ISSUE, i);
		if (i == r->issue_at)
			contents_view_add_issue(r);
	}
}

/* Frees the entries. */
void
contents_view_free(Reader *r)
{
	free(r->entries);
	r->entries = NULL;
	r->nentries = 0;
}

#define CONTENTS_TEXT_X	6	/* where a title starts: the mark, the ID, a space */
#define CONTENTS_ROWS	1	/* rows of an entry's title, but the selected one's */
#define CONTENTS_SHARED	5	/* fewest characters shared that are left out */

/* Returns the title of the article of entry i, or NULL for another kind. */
static const char *
contents_view_title(const Reader *r, size_t i)
{
	if (i >= r->nentries || r->entries[i].kind != CONTENTS_ARTICLE)
		return NULL;
	return issue_article(r->issue, r->entries[i].index)->title;
}

/* Returns the bytes two titles share at their start, whole characters. */
static size_t
contents_view_shared(const char *a, const char *b)
{
	size_t n = 0;

	if (a == NULL || b == NULL)
		return 0;
	while (a[n] != '\0' && a[n] == b[n])
		n++;
	while (n > 0 && ((unsigned char)a[n] & 0xc0) == 0x80)
		n--;	/* back to the start of the character they differ in */
	return n;
}

/* Returns the title of entry i as the pane shows it: when it starts as
 * its neighbour's does (国家互联网信息办公室等十三部门… and …等四部门…),
 * the shared part is left out, so that what tells them apart shows. The caller frees it. */
static char *
contents_view_display_title(const Reader *r, size_t i)
{
	const char *title = contents_view_title(r, i);
	size_t shared, k;
	const uint8_t *before;
	ucs4_t uc;

	shared = contents_view_shared(title, i > 0 ? contents_view_title(r, i - 1) : NULL);
	k = contents_view_shared(title, contents_view_title(r, i + 1));
	if (k > shared)
		shared = k;
	if (layout_width(title, shared) < 2 * CONTENTS_SHARED)
		return xstrdup(title);
	/* An opening bracket stays with what it opens: …《提升. */
	before = u8_prev(&uc, (const uint8_t *)title + shared, (const uint8_t *)title);
	if (before != NULL && (uc_is_general_category(uc, UC_CATEGORY_Ps) ||
	    uc_is_general_category(uc, UC_CATEGORY_Pi)))
		shared = (size_t)((const char *)before - title);
	return xasprintf("…%s", title + shared);
}

/* Returns the rows entry i takes in the pane: an article's title wraps
 * to CONTENTS_ROWS rows, the selected one's to as many as it needs, with
 * the printed page at the end. Sets *text (optional; the caller frees it)
 * to the title shown and *lines (optional; the caller frees it) to its
 * wrapped lines, of which it shows the first *shown. */
static int
contents_view_entry_rows(const Reader *r, size_t i, char **text, LayoutLine **lines, size_t *shown)
{
	int width = r->geometry.contents.width - CONTENTS_TEXT_X - 1, page_width, rows;
	LayoutLine *wrapped;
	char *title, page[16];
	size_t n, last;

	if (text != NULL)
		*text = NULL;
	if (lines != NULL)
		*lines = NULL;
	if (r->entries[i].kind != CONTENTS_ARTICLE || width < 4)
		return 1;
	title = i == r->cursor ? xstrdup(contents_view_title(r, i)) : contents_view_display_title(r, i);
	n = layout_wrap(title, strlen(title), width, &wrapped);
	rows = i == r->cursor || n <= CONTENTS_ROWS ? (int)n : CONTENTS_ROWS;
	/* The page goes after the last row shown, or on a row of its own. */
	snprintf(page, sizeof page, " %d", issue_article(r->issue, r->entries[i].index)->page);
	page_width = issue_article(r->issue, r->entries[i].index)->page > 0 ? (int)strlen(page) : 0;
	last = (size_t)rows - 1;
	if ((i == r->cursor || rows < CONTENTS_ROWS) && (size_t)rows == n &&
	    layout_width(title + wrapped[last].start, wrapped[last].end - wrapped[last].start) +
	    page_width > width)
		rows++;
	if (shown != NULL)
		*shown = (size_t)rows < n ? (size_t)rows : n;
	if (text != NULL)
		*text = title;
	else
		free(title);
	if (lines != NULL)
		*lines = wrapped;
	else
		free(wrapped);
	return rows;
}

/* Scrolls the pane so that the cursor's entry is in view. */
static void
contents_view_reveal(Reader *r)
{
	int height = r->geometry.contents.height, used;
	size_t i;

	if (height <= 0 || r->nentries == 0)
		return;		/* hidden: keep the scroll for when it shows */
	if (r->cursor < r->contents_top)
		r->contents_top = r->cursor;
	for (;;) {
		for (used = 0, i = r->contents_top; i <= r->cursor && used <= height; i++)
			used += contents_view_entry_rows(r, i, NULL, NULL, NULL);
		if (used <= height || r->contents_top >= r->cursor)
			break;
		r->contents_top++;
	}
	/* No empty rows below the list while entries are scrolled off above. */
	while (r->contents_top > 0) {
		used = contents_view_entry_rows(r, r->contents_top - 1, NULL, NULL, NULL);
		for (i = r->contents_top; i < r->nentries && used <= height; i++)
			used += contents_view_entry_rows(r, i, NULL, NULL, NULL);
		if (used > height)
			break;
		r->contents_top--;
	}
}

/* Moves the cursor to the open article's entry. */
void
contents_view_follow(Reader *r)
{
	size_t i;

	for (i = 0; i < r->nentries; i++) {
		if (r->entries[i].kind == CONTENTS_ARTICLE && r->entries[i].index == r->place.article) {
			r->cursor = i;
			break;
		}
	}
	contents_view_reveal(r);
	r->dirty |= DIRTY_CONTENTS;
}

/* Paints an article's entry in rows rows from y: the mark of the open
 * one, its ID, its title wrapped, its printed page at the right. */
static void
contents_view_draw_article(Reader *r, size_t i, int y, int rows, attr_t attr)
{
	const Region *region = &r->geometry.contents;
	const Article *a = issue_article(r->issue, r->entries[i].index);
	int width = region->width - CONTENTS_TEXT_X - 1, row, page_width;
	size_t shown, n;
	LayoutLine *lines;
	char *title, *head, *page;

	contents_view_entry_rows(r, i, &title, &lines, &shown);
	if ((size_t)rows < shown)
		shown = (size_t)rows;	/* cut by the bottom of the pane */
	head = xasprintf("%s%-4s", r->entries[i].index == r->place.article ? ">" : " ", a->id);
	paint_cut(y, region->x, CONTENTS_TEXT_X - 1, head, attr);
	n = strlen(title);
	page = a->page > 0 ? xasprintf("%d", a->page) : xstrdup("");
	page_width = (int)strlen(page);
	for (row = 0; row < rows && (size_t)row < shown; row++) {
		int last = (size_t)row + 1 == shown && (size_t)rows == shown;

		/* The row the page ends gives it room; a cut title ends with "…". */
		if (last && (lines[row].end < n || layout_width(title + lines[row].start,
		    lines[row].end - lines[row].start) + page_width + 1 > width))
			paint_cut(y + row, region->x + CONTENTS_TEXT_X, width - page_width - 1,
			    title + lines[row].start, attr);
		else if ((size_t)row + 1 == shown && lines[row].end < n)
			paint_cut(y + row, region->x + CONTENTS_TEXT_X, width, title + lines[row].start,
			    attr);
		else
			paint_text(y + row, region->x + CONTENTS_TEXT_X, width, title + lines[row].start,
			    lines[row].end - lines[row].start, attr);
	}
	paint_text(y + rows - 1, region->x + region->width - 1 - page_width, page_width, page,
	    strlen(page), attr & ~A_BOLD);
	free(page);
	free(head);
	free(title);
	free(lines);
}

/* Paints entry i in rows rows from y. */
static void
contents_view_draw_entry(Reader *r, size_t i, int y, int rows, int selected)
{
	const Region *region = &r->geometry.contents;
	const ContentsEntry *e = &r->entries[i];
	attr_t attr = terminal_attr(STYLE_TEXT);
	char *line = NULL;
	int x = region->x + 1, width = region->width - 2, row;

	if (e->kind == CONTENTS_ARTICLE && e->index == r->place.article)
		attr = terminal_attr(STYLE_OPEN_ENTRY);
	else if (e->kind == CONTENTS_SECTION)
		attr = terminal_attr(STYLE_SECTION);
	else if (e->kind == CONTENTS_ISSUE)
		attr = terminal_attr(STYLE_TITLE);
	if (selected)
		attr = terminal_attr(STYLE_SELECTED);
	for (row = 0; row < rows; row++)
		paint_blank(y + row, region->x, region->width, selected ? attr :
		    terminal_attr(STYLE_TEXT));
	if (e->kind == CONTENTS_ARTICLE) {
		contents_view_draw_article(r, i, y, rows, attr);
		return;
	}
	if (e->kind == CONTENTS_ISSUE) {
		const IndexIssueInfo *info = index_issue_info(r->index, e->index);

		line = xasprintf("%s%s %s %s", e->index == r->issue_at ? ">" : " ", info->prefix,
		    info->title, info->date);
		x = region->x;
		width = region->width - 1;
	} else {
		const Section *s = issue_section(r->issue, e->index);

		line = xasprintf("%s %s", s->id, s->title);
	}
	paint_cut(y, x, width, line, attr);
	free(line);
}

/* Paints the contents pane. */
void
contents_view_draw(Reader *r)
{
	const Region *region = &r->geometry.contents;
	size_t i;
	int y, rows;

	if (region->width <= 0 || region->height <= 0)
		return;
	contents_view_reveal(r);
	y = region->y;
	for (i = r->contents_top; i < r->nentries && y < region->y + region->height; i++) {
		rows = contents_view_entry_rows(r, i, NULL, NULL, NULL);
		if (rows > region->y + region->height - y)
			rows = region->y + region->height - y;
		contents_view_draw_entry(r, i, y, rows, r->focus == FOCUS_CONTENTS && i == r->cursor);
		y += rows;
	}
	for (; y < region->y + region->height; y++)
		paint_blank(y, region->x, region->width, terminal_attr(STYLE_TEXT));
}

/* Moves the cursor by delta entries, within the list. */
static void
contents_view_move(Reader *r, long delta)
{
	long cursor = (long)r->cursor + delta;

	if (r->nentries == 0)
		return;
	if (cursor < 0)
		cursor = 0;
	if (cursor >= (long)r->nentries)
		cursor = (long)r->nentries - 1;
	r->cursor = (size_t)cursor;
	contents_view_reveal(r);
	r->dirty |= DIRTY_CONTENTS;
}

/* Asks to open the entry under the cursor: an issue of an archive where
 * it was left (the contents keeping the focus), or an article (a section:
 * its first), the article then having the focus. */
static Request
contents_view_open(Reader *r)
{
	const ContentsEntry *e;
	Request req = { 0 };
	size_t article;

	if (r->cursor >= r->nentries)
		return req;
	e = &r->entries[r->cursor];
	article = e->index;
	if (e->kind == CONTENTS_ISSUE) {
		req.what = REQUEST_OPEN_ISSUE;
		req.place = (Place){ e->index, 0, 0 };
		return req;
	}
	if (e->kind == CONTENTS_SECTION) {
		const Section *s = issue_section(r->issue, e->index);

		if (s->narticles == 0)
			return req;
		article = s->first_article;
	}
	r->focus = FOCUS_ARTICLE;
	r->dirty |= DIRTY_ALL;
	req.what = REQUEST_PANES | REQUEST_JUMP;
	req.place = reader_place(r, article, 0);
	return req;
}

/* Returns non-zero when the cursor is on an article other than the open one. */
int
contents_view_elsewhere(const Reader *r)
{
	return r->cursor < r->nentries && r->entries[r->cursor].kind == CONTENTS_ARTICLE &&
	    r->entries[r->cursor].index != r->place.article;
}

/* Acts on a key's action while the contents have the focus; returns what
 * else it takes (opening what the cursor is on). */
Request
contents_view_action(Reader *r, Action action)
{
	long page = r->geometry.contents.height > 1 ? r->geometry.contents.height - 1 : 1;
	Request none = { 0 };

	switch (action) {
	case ACTION_LINE_DOWN:
		contents_view_move(r, 1);
		break;
	case ACTION_LINE_UP:
		contents_view_move(r, -1);
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_DOWN_ON:
		contents_view_move(r, page);
		break;
	case ACTION_PAGE_UP:
		contents_view_move(r, -page);
		break;
	case ACTION_HALF_DOWN:
		contents_view_move(r, (page + 1) / 2);
		break;
	case ACTION_HALF_UP:
		contents_view_move(r, -(page + 1) / 2);
		break;
	case ACTION_TOP:
		contents_view_move(r, -(long)r->nentries);
		break;
	case ACTION_END:
		contents_view_move(r, (long)r->nentries);
		break;
	case ACTION_OPEN:
		return contents_view_open(r);
	default:
		break;
	}
	return none;
}
