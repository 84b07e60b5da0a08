/* The page prompt: ":" then a printed page number and Enter. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "paint.h"
#include "terminal.h"
#include "view.h"
#include "xalloc.h"

#define PROMPT_MAX 6	/* digits */

/* Opens the prompt in the bar; the panes make room for it. */
Request
prompt_open(Reader *r)
{
	Request req = { .what = REQUEST_RELAYOUT };

	r->mode = MODE_PAGE_PROMPT;
	line_edit_set(&r->prompt, "");
	r->dirty |= DIRTY_ALL;
	return req;
}

/* Closes the prompt; the panes take its row back. */
static Request
prompt_close(Reader *r)
{
	Request req = { .what = REQUEST_RELAYOUT };

	r->mode = MODE_READING;
	r->dirty |= DIRTY_ALL;
	return req;
}

/* Finds where printed page starts: the first block that starts on it, else
 * the block running onto it from the page before. Returns 0 and sets *out,
 * or -1 when no text is on that page. */
static int
prompt_find_page(const Reader *r, int page, Place *out)
{
	size_t i, j, n = issue_article_count(r->issue);
	int found = 0;

	for (i = 0; i < n; i++) {
		const Article *a = issue_article(r->issue, i);

		for (j = 0; j < a->nblocks; j++) {
			const Block *b = &a->blocks[j];

			if (b->page == page) {
				*out = reader_place(r, i, b->offset);
				return 0;
			}
			if (b->page > 0 && b->page < page && a->last_page >= page) {
				*out = reader_place(r, i, b->offset);
				found = 1;
			}
		}
	}
	return found ? 0 : -1;
}

/* Closes the prompt and asks for a jump to the page typed. */
static Request
prompt_go(Reader *r)
{
	const char *typed = line_edit_text(&r->prompt);
	int page = atoi(typed), pages = issue_page_count(r->issue);
	Request req = prompt_close(r);

	if (typed[0] == '\0')
		return req;
	if (page < 1 || (pages > 0 && page > pages) || prompt_find_page(r, page, &req.place) != 0) {
		if (pages > 0)
			reader_say(r, "No page %s: the pages run from 1 to %d.", typed, pages);
		else
			reader_say(r, "No page %s in this issue.", typed);
		return req;
	}
	r->focus = FOCUS_ARTICLE;
	req.what |= REQUEST_JUMP;
	return req;
}

/* Inserts the digits of a paste at the cursor. */
static void
prompt_paste(Reader *r)
{
	const char *text = terminal_paste_text();
	size_t i;

	for (i = 0; text[i] != '\0'; i++)
		if (text[i] >= '0' && text[i] <= '9')
			line_edit_insert(&r->prompt, text + i, 1, PROMPT_MAX);
}

/* Handles a key while the prompt is open; returns what else it takes. */
Request
prompt_key(Reader *r, int key)
{
	Request none = { 0 };

	switch (keys_action(KEYS_BAR, key)) {
	case ACTION_BAR_OPEN:
		return prompt_go(r);
	case ACTION_BAR_CLOSE:
		return prompt_close(r);
	case ACTION_BAR_DELETE:
		if (line_edit_text(&r->prompt)[0] == '\0')
			return prompt_close(r);
		input_line_key(&r->prompt, key, PROMPT_MAX, NULL);
		break;
	default:
		if (key == KEYS_PASTE)
			prompt_paste(r);
		else if ((key >= '0' && key <= '9') || keys_action(KEYS_BAR, key) != ACTION_NONE)
			input_line_key(&r->prompt, key, PROMPT_MAX, NULL);
		break;
	}
	r->dirty |= DIRTY_BAR;
	return none;
}

/* Paints the bar line of the prompt (also the mark prompts). */
void
prompt_draw(Reader *r)
{
	int y = r->geometry.bar_y, used = 0, pages = issue_page_count(r->issue);
	attr_t frame = terminal_attr(STYLE_FRAME);
	char *hint;

	if (y < 0)
		return;
	paint_blank(y, 0, COLS, terminal_attr(STYLE_TEXT));
	switch (r->mode) {
	case MODE_PAGE_PROMPT:
		paint_text(y, 0, 1, ":", 1, terminal_attr(STYLE_KEY));
		r->cursor_x = input_line_draw(&r->prompt, y, 1, PROMPT_MAX + 1, terminal_attr(STYLE_TEXT));
		used = layout_width(line_edit_text(&r->prompt), strlen(line_edit_text(&r->prompt)));
		hint = pages > 0 ? xasprintf("go to printed page (1-%d), Enter", pages) :
		    xstrdup("go to printed page, Enter");
		if (layout_width(hint, strlen(hint)) + used + 4 <= COLS)
			paint_text(y, COLS - 1 - layout_width(hint, strlen(hint)), COLS, hint,
			    strlen(hint), frame);
		free(hint);
		r->cursor_y = y;
		break;
	case MODE_MARK_SET:
		used = paint_text(y, 0, 2, "m ", 2, terminal_attr(STYLE_KEY));
		paint_cut(y, used, COLS - used - 1, "set which mark? a letter or a digit (Esc: none)", frame);
		r->cursor_y = y;
		r->cursor_x = 1;
		break;
	case MODE_MARK_JUMP:
		used = paint_text(y, 0, 2, "' ", 2, terminal_attr(STYLE_KEY));
		paint_cut(y, used, COLS - used - 1, "jump to which mark? ' = before the last jump", frame);
		r->cursor_y = y;
		r->cursor_x = 1;
		break;
	default:
		break;
	}
}
