/* Inside the printed reading order (parse_order.c): a page's text boxes,
 * the numbering read so far, the costs an order adds up, and what the
 * files of the reading order share: the numbering of lines
 * (parse_numbering.c), the box that completes a sentence left open
 * (parse_continuation.c), the dead copies (parse_far_joins.c) and where a
 * document opens, with its title and banner (parse_documents.c). Not for
 * the rest of the parser. */
#ifndef SHUZHI_PARSE_ORDER_INTERNAL_H
#define SHUZHI_PARSE_ORDER_INTERNAL_H

#include <stddef.h>

#include <unitypes.h>

#include "parse.h"

/* Headings before the last one whose answers are looked for under it. */
#define ANSWER_EARLIER	2
/* Costs of what a reading order shows; the order with the least wins. */
/* An item numbered below the one before: plainer evidence than which box
 * completes a sentence left open, so dearer than COST_CONTINUATION (a
 * continuation weighed second best, emitted after later articles, is
 * read first rather than leave 第十八条 after 第二十三条). */
#define COST_INVERSION	6
#define COST_RESTART	3	/* (一) again with no heading before it */
#define COST_GAP	1	/* a number skipped */
#define COST_HEADING_END 2	/* a heading box last: it heads nothing */
#define COST_HEADINGS	2	/* two chapter headings in a row */
#define COST_CONTINUATION 5	/* the sentence left open is not completed first */
#define COST_ANSWER	2	/* a paragraph answers another question (parse_answers.c) */
/* A box's first characters weighed for the Han pairs it prints: for the
 * words a continuation shares with the open line (parse_continuation.c)
 * and how much of a heading's words the box after it echoes. */
#define COHESION_CHARS 120

/* What the numbering of a line says. */
typedef enum MarkKind {
	MARK_NONE,
	MARK_CHAPTER,	/* 第三章 */
	MARK_ARTICLE,	/* 第十条 */
	MARK_TOP,	/* 三、 */
	MARK_ITEM,	/* (三) */
	MARK_LIST,	/* 3. or 3、 */
} MarkKind;

/* A run of text lines with no blank line between them: one text box. */
typedef struct Box {
	size_t	first;	/* its lines: [first, end) */
	size_t	end;
} Box;

/* What the reading so far leaves behind, for scoring what follows. */
typedef struct OrderState {
	int	chapter, article, top, item, list;	/* last numbers seen */
	int	heading_since;	/* a heading since the last item */
	int	list_heading;	/* a heading since the last list entry "3." */
	int	after_top;	/* the last line was a chapter heading "三、" */
	int	open;		/* the last line is a paragraph cut mid-sentence */
	int	restart_style;	/* items restart at (一) under each heading */
	int	list_restarts;	/* a list of paragraphs started again at 1. under a heading */
	int	list_under_top;	/* a list 1. right under 一、 or 第N章, before any (一) */
	int	item_since_top;	/* an item (一) since 一、 or 第N章 */
	int	top_since_list;	/* a chapter heading 三、 since the last list entry "3." */
	int	enumeration;	/* the last paragraph's 二是, 0 after a heading */
	ucs4_t	list_separator;	/* what follows the last list entry's number: . 、 ﹒ */
	const Line *last;	/* the last line read, or NULL */
	const Line *heading;	/* the last heading read, and those before */
	const Line *earlier[ANSWER_EARLIER];
} OrderState;

/* parse_numbering.c */
/* Returns what the numbering of line is, with its value. */
MarkKind parse_line_mark(const Line *line, int *value);
/* Reads one line into the state; returns what it costs there. */
int parse_order_read(OrderState *st, const Line *line);

/* parse_continuation.c */
/* Returns non-zero when the last text line of box b is a paragraph cut
 * mid-sentence. */
int parse_box_ends_open(const Parse *p, const Box *b);
/* Returns the box among boxes[0, n) that completes the sentence left open
 * by line open, or -1. */
int parse_completing_box(const Parse *p, const Line *open, const Box *boxes, size_t n);

/* parse_far_joins.c */
/* Returns non-zero when line is the start of a longer line, printed again
 * and cut short, which no line carries on: it leaves no sentence open. */
int parse_is_dead_copy(const Parse *p, const Line *line);

/* parse_documents.c */
/* Returns the characters of box b's lines. */
size_t parse_box_chars(const Parse *p, const Box *b);
/* Returns non-zero when box b is the banner over the document whose title
 * is box title. */
int parse_is_banner(const Parse *p, const Box *b, const Box *title);
/* Returns non-zero when box k of a page's boxes[0, n) is a document's own
 * title; *chapter is its first chapter's box emitted before it, else n. */
int parse_box_opens_document(const Parse *p, const Box *boxes, size_t n, size_t k, size_t *chapter);

/* parse_order.c */
/* Returns non-zero when an article's start, title or source line lies in
 * lines [from, to). */
int parse_marks_article(const Parse *p, size_t from, size_t to);
/* Returns non-zero when every line of the box is a heading. */
int parse_box_is_heading(const Parse *p, const Box *b);
/* Returns one past the last line of the article that starts at line i. */
size_t parse_article_end(const Parse *p, size_t i);
/* Moves lines [from, end) to stand before line to (to < from), giving
 * them page; the contents entries' lines follow their lines. */
void parse_move_lines(Parse *p, size_t to, size_t from, size_t end, int page);

#endif
