/* The reader's shared state and the functions of its views. Each view
 * (contents, article, status line, search bar, page prompt, marks, help,
 * outline, copy) paints its region of stdscr and handles its keys.
 *
 * The rule, as ncdu has it: no view calls another view. A view calls its
 * own functions, the helpers that are no view (paint, terminal, keys,
 * input_line, reader_say and reader_place) and core/. What it wants done
 * elsewhere it returns as a Request; request.c carries it out, calling
 * the views concerned.
 *
 * One keypress: reader_loop reads it; reader_key hands it to the view the
 * mode gives it to (search_bar_key in MODE_SEARCH, ...), which changes
 * its own state and returns a Request (Enter on a result in another
 * article: the bar closed, REQUEST_RELAYOUT | REQUEST_JUMP |
 * REQUEST_SEARCH_RESULT). request_carry_out lays the panes out again,
 * jumps (article_view_open, then search_bar_article_changed and
 * contents_view_follow), and asks the bar for its next step, which it
 * carries out in turn (show the hit); reader_draw paints what is dirty. */
#ifndef SHUZHI_VIEW_H
#define SHUZHI_VIEW_H

#include <stddef.h>

#include <curses.h>

#include "buffer.h"
#include "history.h"
#include "index.h"
#include "issue.h"
#include "keys.h"
#include "layout.h"
#include "line_edit.h"
#include "outline.h"
#include "search.h"
#include "state.h"

/* Regions of the screen that need painting. */
enum {
	DIRTY_CONTENTS = 1,
	DIRTY_ARTICLE = 2,
	DIRTY_STATUS = 4,
	DIRTY_BAR = 8,
	DIRTY_FRAME = 16,
	DIRTY_ALL = 31,
};

typedef enum Focus {
	FOCUS_CONTENTS,
	FOCUS_ARTICLE,
} Focus;

/* What the keys go to. */
typedef enum Mode {
	MODE_READING,
	MODE_SEARCH,		/* the search bar is open */
	MODE_PAGE_PROMPT,	/* ":" waits for a page number */
	MODE_MARK_SET,		/* "m" waits for a mark's name */
	MODE_MARK_JUMP,		/* "'" waits for a mark's name */
	MODE_HELP,
	MODE_OUTLINE,		/* the outline (o) is open */
	MODE_SELECT,		/* paragraphs are being selected (v) */
} Mode;

/* A place: an issue (its position in the index), an article (its index in
 * the issue) and a byte offset into its text. */
typedef struct Place {
	size_t	issue;
	size_t	article;
	size_t	offset;
} Place;

/* A rectangle of the screen. */
typedef struct Region {
	int	y, x, height, width;
} Region;

/* Where everything goes for the current size and mode (panes.c). */
typedef struct Geometry {
	int	too_small;
	int	narrow;		/* one pane at a time */
	Region	contents;	/* width 0 when hidden */
	int	separator_x;	/* -1 when there is none */
	Region	article;
	int	text_x;		/* the article's text column and width */
	int	text_width;
	Region	results;	/* search results; height 0 when closed */
	int	status_y;
	int	bar_y;		/* the search bar or prompt; -1 when closed */
} Geometry;

/* What an entry of the contents is. */
typedef enum ContentsKind {
	CONTENTS_ISSUE,		/* an issue of an archive */
	CONTENTS_SECTION,
	CONTENTS_ARTICLE,
} ContentsKind;

/* An entry of the contents. */
typedef struct ContentsEntry {
	ContentsKind	kind;
	size_t		index;		/* the issue's, the section's or the article's */
} ContentsEntry;

typedef struct Reader {
	Index		*index;
	size_t		 nissues;	/* more than one: an archive */
	size_t		 issue_at;	/* the open issue's position */
	const Issue	*issue;		/* the open issue */
	State		*state;		/* its place and marks */
	char		*state_dir;
	int		 said_unwritable;	/* "nothing will be remembered" was said */

	Geometry	 geometry;
	Focus		 focus;
	Mode		 mode;
	int		 show_contents;	/* the user's choice (t) for wide screens */
	unsigned	 dirty;
	int		 quit;

	/* The article pane. */
	Place		 place;		/* the article open and the text at the top */
	ArticleLayout	*layout;	/* of place.article at the text width */
	size_t		 top;		/* index of the first line shown */

	/* The contents pane. */
	ContentsEntry	*entries;
	size_t		 nentries;
	size_t		 cursor;	/* the selected entry */
	size_t		 contents_top;

	/* Jumps: the history Backspace walks back, and where '' goes. */
	Place		*history;
	size_t		 nhistory;
	Place		 previous;
	int		 has_previous;

	/* The search bar while it is open. */
	LineEdit	 query;
	int		 query_changed;	/* typed since the last search ran */
	int		 bar_backward;	/* opened with ?: n and N will walk backward */
	History		*search_history;
	size_t		 history_at;	/* the entry shown; history_count(): the draft */
	char		*history_draft;	/* what was typed before Up */
	SearchResults	*results;
	char		*reading;	/* how the query was read (search_reading), or NULL */
	size_t		 selected;
	size_t		 results_top;

	/* The search whose hits are highlighted (after Enter). */
	char		*hits_query;
	SearchResults	*hits_results;
	size_t		 hits_result;	/* index of the current result */
	size_t		 hits_issue;	/* the issue and article hits was made for */
	size_t		 hits_article;
	Span	*hits;
	size_t		 nhits;
	size_t		 current_hit;	/* index into hits, or SIZE_MAX */
	int		 hits_hidden;	/* Esc hid them; n and N show them again */
	int		 hits_backward;	/* the search was ?: n walks backward */

	/* The page prompt. */
	LineEdit	 prompt;

	/* The help screen. */
	size_t		 help_top;

	/* The open article's outline, built when first needed (outline_view.c),
	 * and the cursor and first row of its overlay. */
	Outline		*outline;
	size_t		 outline_issue;
	size_t		 outline_article;
	size_t		 outline_cursor;
	size_t		 outline_top;

	/* The paragraphs selected with v: blocks from anchor to end (copy.c). */
	size_t		 select_anchor;
	size_t		 select_end;

	/* A message shown in the status line until the next key; a long one
	 * takes rows above it (message_rows, as last painted). */
	char		*message;
	int		 message_rows;

	/* Where the cursor goes after painting (the bar's input), -1: hidden. */
	int		 cursor_y;
	int		 cursor_x;
} Reader;

/* What a view asks for after a key (REQUEST_* bits, carried out in this
 * order by request_carry_out), and what the steps need. */
enum {
	REQUEST_PANES = 1 << 0,		/* the focus changed: the panes' geometry again */
	REQUEST_RELAYOUT = 1 << 1,	/* the mode or focus changed: panes, article again */
	REQUEST_ARTICLE = 1 << 2,	/* the article pane acts on action */
	REQUEST_OPEN = 1 << 3,		/* open place (the open issue's), not a jump */
	REQUEST_IF_HIDDEN = 1 << 4,	/* JUMP and SHOW only when offset is off the screen */
	REQUEST_JUMP = 1 << 5,		/* jump to place, remembering where from */
	REQUEST_BACK = 1 << 6,		/* go back to place, where the last jump started */
	REQUEST_OPEN_ISSUE = 1 << 7,	/* open place.issue where it was left */
	REQUEST_SHOW = 1 << 8,		/* the line of offset, context lines below the top */
	REQUEST_SEARCH_RESULT = 1 << 9,	/* then the bar finds result's first (or last) hit */
	REQUEST_SEARCH_HIT = 1 << 10,	/* then the bar shows hit */
	REQUEST_SEARCH_WRAPPED = 1 << 11, /* last, the bar says it wrapped around to result */
};

typedef struct Request {
	unsigned	what;
	Place		place;
	size_t		offset;
	int		context;
	Action		action;
	size_t		result;
	int		first;
	size_t		hit;
} Request;

/* The hits the article pane marks: spans of the open article's text;
 * current: the index of the current one, or SIZE_MAX. */
typedef struct HitMarks {
	const Span	*spans;
	size_t		 count;
	size_t		 current;
} HitMarks;

/* Blocks of the open article, first to last (a selection). */
typedef struct BlockRange {
	size_t	first;
	size_t	last;
} BlockRange;

/* reader.c: helpers for every view: sets the message the status line
 * shows until the next key; returns a place in the open issue. */
void reader_say(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
Place reader_place(const Reader *r, size_t article, size_t offset);

/* request.c: carries out what a view asked for; opens an article of the
 * open issue (not a jump); makes another issue the open one. */
void request_carry_out(Reader *r, Request req);
void request_open(Reader *r, size_t article, size_t offset);
int request_switch_issue(Reader *r, size_t issue);

/* panes.c: the geometry for the screen's size and the mode; the frame;
 * the notice of a window too small. */
void panes_update(Reader *r);
void panes_draw_frame(Reader *r);
void panes_draw_too_small(void);

/* contents_view.c: builds and frees the entries; moves the cursor to the
 * open article; paints the pane; acts on a key while it has the focus;
 * whether the cursor is on an article other than the open one. */
void contents_view_init(Reader *r);
void contents_view_free(Reader *r);
void contents_view_follow(Reader *r);
void contents_view_draw(Reader *r);
Request contents_view_action(Reader *r, Action action);
int contents_view_elsewhere(const Reader *r);

/* article_view.c: opens an article with the text at offset on top (-1:
 * no such article); lays it out again for the text width, keeping the
 * place; forgets the layout (its issue is closed); paints the pane (hits,
 * selected: NULL, or what to mark); acts on a key; shows the line of
 * offset context lines below the top; the page at the top and the
 * percent at the bottom; whether offset is on the screen. */
int article_view_open(Reader *r, size_t article, size_t offset);
void article_view_relayout(Reader *r);
void article_view_close(Reader *r);
void article_view_draw(Reader *r, const HitMarks *hits, const BlockRange *selected);
Request article_view_action(Reader *r, Action action);
void article_view_show(Reader *r, size_t offset, int context);
int article_view_page(const Reader *r);
int article_view_percent(const Reader *r);
int article_view_line_visible(const Reader *r, size_t offset);

/* status_line.c: paints the status line: the message, or where the text
 * at the top is (heading: NULL or the one it falls under), its page and
 * the percent at the bottom. */
void status_line_draw(Reader *r, int page, int percent, const char *heading);

/* search_bar.c: opens the bar (backward: as ? does); handles its keys;
 * paints results and input; the hits the article pane marks (0: none);
 * hides them (Esc; 0: none were shown); walks to the next or previous hit; goes on
 * once result i is open (first: at its first hit, else its last); shows
 * hit k; says the walk wrapped around to result i; finds the hits of a
 * newly opened article; forgets the highlighted search; frees it all. */
Request search_bar_open(Reader *r, int backward);
Request search_bar_key(Reader *r, int key);
void search_bar_draw(Reader *r);
int search_bar_marks(const Reader *r, HitMarks *out);
int search_bar_hide_hits(Reader *r);
Request search_bar_step(Reader *r, int forward);
Request search_bar_result_opened(Reader *r, size_t i, int first);
Request search_bar_show_hit(Reader *r, size_t k);
void search_bar_say_wrapped(Reader *r, size_t i);
void search_bar_article_changed(Reader *r);
void search_bar_clear_hits(Reader *r);
void search_bar_free(Reader *r);

/* input_line.c: applies an editing key, a typed character or a paste
 * (key KEYS_PASTE) to a line of input of at most max bytes: returns 1 when
 * the line changed, 0 when the key was an editing key, -1 when it is no
 * key of editing (or text that does not fit: *full set). Paints a line of
 * input at y, x in width columns, the cursor in view; returns the cursor's
 * column. */
int input_line_key(LineEdit *e, int key, size_t max, int *full);
int input_line_draw(const LineEdit *e, int y, int x, int width, attr_t attr);

/* prompt.c: the page prompt (":N"): opens it, handles its keys, paints the
 * bar line (also for the mark prompts). */
Request prompt_open(Reader *r);
Request prompt_key(Reader *r, int key);
void prompt_draw(Reader *r);

/* marks.c: the history of jumps: records the place before one, undoes
 * that when the jump failed, and after going back (here: where from);
 * handles the key after m or ' (page: the page at the top); goes back
 * through the jumps; reads '' from the open issue's state and writes it
 * back. */
void marks_remember(Reader *r);
void marks_forget(Reader *r, Place previous, int had_previous);
void marks_returned(Reader *r, Place here);
Request marks_key(Reader *r, int key, int page);
Request marks_back(Reader *r);
void marks_load_previous(Reader *r);
void marks_store_previous(Reader *r);

/* issues.c: the issues of the index (one, or an archive): the one read
 * last; whether another can be opened (-1: said why not); making it the
 * open one (its state read, the one before saved); saving the open one's
 * place and marks; its saved place. */
size_t issues_last_read(Reader *r);
int issues_can_open(Reader *r, size_t issue);
void issues_switch(Reader *r, size_t issue);
int issues_save(Reader *r, char **cause);
int issues_saved_place(const Reader *r, Place *out);
void issues_free(Reader *r);

/* help_view.c: paints the help generated from the key table; handles its keys. */
void help_view_draw(Reader *r);
Request help_view_key(Reader *r, int key);

/* outline_view.c: the open article's outline (owned by the reader); the
 * heading the text at the top falls under, or NULL; opens the overlay,
 * paints it, handles its keys; frees the outline. */
const Outline *outline_view_get(Reader *r);
const char *outline_view_heading(Reader *r);
void outline_view_open(Reader *r);
void outline_view_draw(Reader *r);
Request outline_view_key(Reader *r, int key);
void outline_view_free(Reader *r);

/* copy.c: copies the paragraph at the top with its citation; starts a
 * selection; handles keys while selecting; the blocks selected (0 when
 * not selecting). */
void copy_paragraph(Reader *r);
void copy_select_start(Reader *r);
Request copy_select_key(Reader *r, int key);
int copy_selection(const Reader *r, BlockRange *out);

#endif
