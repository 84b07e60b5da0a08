/* Copying with the citation: y copies the paragraph at the top of the
 * article pane, v selects whole paragraphs (j/k extend, y copies). The
 * copy goes to the terminal's clipboard (OSC 52) and to the state
 * folder's clip file; see README. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "citation.h"
#include "clipboard.h"
#include "view.h"
#include "xalloc.h"

#define COPY_CONTEXT 2	/* lines shown above a paragraph the selection reaches */

/* Sets *first and *last to the selected blocks, in order. */
static void
copy_range(const Reader *r, size_t *first, size_t *last)
{
	*first = r->select_anchor < r->select_end ? r->select_anchor : r->select_end;
	*last = r->select_anchor < r->select_end ? r->select_end : r->select_anchor;
}

/* Sets *block to the block of the text at the top of the article pane.
 * Returns 0, or -1 after saying there is nothing to take (what). */
static int
copy_top_block(Reader *r, const char *what, size_t *block)
{
	const Article *a = issue_article(r->issue, r->place.article);

	if (a == NULL || a->nblocks == 0) {
		reader_say(r, "Nothing to %s here.", what);
		return -1;
	}
	*block = article_block_at(a, r->place.offset);
	return 0;
}

/* Copies blocks first to last of the open article and says so. */
static void
copy_blocks(Reader *r, size_t first, size_t last)
{
	const Article *a = issue_article(r->issue, r->place.article);
	char *text, *cause = NULL, *what, *pages;
	int sent, saved, from, to;

	if (a == NULL || a->nblocks == 0) {
		reader_say(r, "Nothing to copy here.");
		return;
	}
	text = citation_passage(r->issue, a, first, last);
	sent = clipboard_send(text) == 0;
	saved = citation_write_clip(r->state_dir, text, &cause) == 0;
	from = a->blocks[first].page;
	to = a->blocks[last].page;
	pages = to > from ? xasprintf("pp. %d-%d", from, to) : xasprintf("p. %d", from);
	what = xasprintf("%zu paragraph%s, %s", last - first + 1, last > first ? "s" : "", pages);
	if (sent && saved)
		reader_say(r, "Copied %s, with its citation.", what);
	else if (saved)
		reader_say(r, "Too long for the terminal's clipboard: %s in the clip file.", what);
	else if (sent)
		reader_say(r, "Copied %s but no clip file: %s", what, cause);
	else
		reader_say(r, "Not copied: too long for the clipboard, and %s", cause);
	free(cause);
	free(what);
	free(pages);
	free(text);
}

/* Copies the paragraph at the top of the article pane. */
void
copy_paragraph(Reader *r)
{
	size_t block;

	if (copy_top_block(r, "copy", &block) == 0)
		copy_blocks(r, block, block);
}

/* Starts a selection at the paragraph at the top. */
void
copy_select_start(Reader *r)
{
	size_t block;

	if (copy_top_block(r, "select", &block) != 0)
		return;
	r->select_anchor = r->select_end = block;
	r->mode = MODE_SELECT;
	reader_say(r, "Selecting paragraphs: j/k extend, y copies, Esc cancels.");
	r->dirty |= DIRTY_ARTICLE;
}

/* Says in the status line how many paragraphs are selected. */
static void
copy_say_selection(Reader *r)
{
	size_t first, last;

	copy_range(r, &first, &last);
	reader_say(r, "Selected %zu paragraph%s: y copies, Esc cancels.", last - first + 1,
	    last > first ? "s" : "");
}

/* Ends the selection. */
static void
copy_select_end(Reader *r)
{
	r->mode = MODE_READING;
	r->dirty |= DIRTY_ARTICLE | DIRTY_STATUS;
}

/* Handles a key while selecting; returns what the article pane is to
 * do (scroll, show the selection's end). */
Request
copy_select_key(Reader *r, int key)
{
	const Article *a = issue_article(r->issue, r->place.article);
	Action action = keys_action(KEYS_READING, key);
	Request req = { 0 };
	size_t first, last;

	if (a == NULL) {
		copy_select_end(r);
		return req;
	}
	switch (action) {
	case ACTION_LINE_DOWN:
		if (r->select_end + 1 < a->nblocks)
			r->select_end++;
		break;
	case ACTION_LINE_UP:
		if (r->select_end > 0)
			r->select_end--;
		break;
	case ACTION_COPY:
		copy_range(r, &first, &last);
		copy_select_end(r);
		copy_blocks(r, first, last);
		return req;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_HALF_DOWN:
	case ACTION_HALF_UP:
		/* Scrolling to see more; the selection stays. */
		copy_say_selection(r);
		req.what = REQUEST_ARTICLE;
		req.action = action;
		return req;
	case ACTION_ESCAPE:
	case ACTION_SELECT:
	case ACTION_QUIT:
		copy_select_end(r);
		reader_say(r, "Selection cancelled.");
		return req;
	default:
		reader_say(r, "Selecting paragraphs: j/k extend, y copies, Esc cancels.");
		return req;
	}
	req.what = REQUEST_IF_HIDDEN | REQUEST_SHOW;
	req.offset = a->blocks[r->select_end].offset;
	req.context = COPY_CONTEXT;
	copy_say_selection(r);
	r->dirty |= DIRTY_ARTICLE;
	return req;
}

/* Sets *out to the blocks selected; returns 0 when not selecting. */
int
copy_selection(const Reader *r, BlockRange *out)
{
	if (r->mode != MODE_SELECT)
		return 0;
	copy_range(r, &out->first, &out->last);
	return 1;
}
