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

/* Opens the prompt in the bar. */
void
prompt_open(Reader *r)
{
	r->mode = MODE_PAGE_PROMPT;
	line_edit_set(&r->prompt, "");
	panes_update(r);
	article_view_relayout(r);
	r->dirty |= DIRTY_ALL;
}

/* Closes the prompt. */
static void
prompt_close(Reader *r)
{
	r->mode = MODE_READING;
	panes_update(r);
	article_view_relayout(r);
	r->dirty |= DIRTY_ALL;
}

/* Goes to the page typed. */
static void
prompt_go(Reader *r)
{
	const char *typed = line_edit_text(&r->prompt);
	int page = atoi(typed), pages = issue_page_count(r->issue);
	Place place;

	prompt_close(r);
	if (typed[0] == '\0')
		return;
	if (page < 1 || (pages > 0 && page > pages) || article_view_find_page(r, page, &place) != 0) {
		if (pages > 0)
			status_line_message(r, "No page %s: the pages run from 1 to %d.", typed, pages);
		else
			status_line_message(r, "No page %s in this issue.", typed);
		return;
	}
	r->focus = FOCUS_ARTICLE;
	panes_update(r);
	marks_jump(r, place);
	r->dirty |= DIRTY_ALL;
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

/* Handles a key while the prompt is open. */
void
prompt_key(Reader *r, int key)
{
	switch (keys_action(KEYS_BAR, key)) {
	case ACTION_BAR_OPEN:
		prompt_go(r);
		return;
	case ACTION_BAR_CLOSE:
		prompt_close(r);
		return;
	case ACTION_BAR_DELETE:
		if (line_edit_text(&r->prompt)[0] == '\0') {
			prompt_close(r);
			return;
		}
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
