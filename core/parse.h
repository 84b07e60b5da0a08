/* Internal to the parser: the lines of an issue's text and what each one
 * was found to be. Each parse_*.c file adds one kind of knowledge. */
#ifndef SHUZHI_PARSE_H
#define SHUZHI_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "issue.h"

#define NO_LINE ((size_t)-1)
/* Lines are found by their first bytes (parse_text_is_repeated): this
 * many; a shorter text is never a repeat. */
#define PARSE_STARTS_PREFIX 12

typedef enum LineRole {
	ROLE_BLANK,
	ROLE_TEXT,		/* article text, or not yet classified */
	ROLE_PAGE_NUMBER,	/* the number that closes a printed page */
	ROLE_FURNITURE,		/* running heads and template junk */
	ROLE_FRONT,		/* front matter before the contents */
	ROLE_CONTENTS,		/* the printed contents */
	ROLE_BACK,		/* back cover and site footer */
	ROLE_DUPLICATE,		/* text printed twice: the later copy */
	ROLE_TITLE,		/* the body's printing of an article's title */
} LineRole;

typedef struct Line {
	const char	*text;		/* trimmed, NUL-terminated, points into Parse.text */
	size_t		 length;
	int		 number;	/* 1-based line number in the file */
	int		 page;		/* printed page; 0 before the first page */
	LineRole	 role;
	/* What parse_line_chars and parse_line_kind found, -1 until asked:
	 * the search for the printed order asks for each line thousands of
	 * times. */
	int		 chars;
	int		 kind;
	int		 mark;		/* parse_numbering.c's numbering, and its value */
	int		 mark_value;
	int		 enumeration;	/* parse_numbering.c's 二是…: 2, or 0 */
	int		 ends;		/* parse_ends_sentence() of its text */
	int		 chapter;	/* parse_is_chapter_heading() of its text */
	/* It carries on the sentence left open by the line before it, put
	 * there from a later page by parse_order_far_joins(). */
	int		 joins;
	/* It is the start of a longer line printed again, cut short: it
	 * leaves no sentence open (found by parse_order_boxes()). */
	int		 copy;
} Line;

/* A contents entry: one article. */
typedef struct Entry {
	int	 section;	/* index into Parse.sections */
	int	 number;	/* printed number within its section */
	char	*title;
	size_t	 title_line;	/* where the body prints its title, or NO_LINE */
	size_t	 title_last;	/* last line of that printing (titles wrap) */
	double	 title_score;	/* how well it matched, 0..1 */
	size_t	 source_line;	/* its "来源:" line, or NO_LINE */
	size_t	 start;		/* first line that belongs to it */
} Entry;

typedef struct ContentsSection {
	int	 number;
	char	*title;
	char	*subtitle;	/* or NULL */
	int	 first_page;	/* from "01/114"; 0 when not printed */
	int	 last_page;
} ContentsSection;

typedef struct Parse {
	const char	*name;
	char		*text;		/* cleaned text, cut into lines in place */
	Line		*lines;
	size_t		 nlines;

	int		 first_page;	/* first and last printed page numbers */
	int		 last_page;
	size_t		 first_page_end;	/* the line closing the first page, or NO_LINE */
	size_t		 body_start;	/* first line of page first_page */
	size_t		 body_end;	/* one past the last line of the body */

	size_t		 front_start;	/* front matter: [front_start, front_end) */
	size_t		 front_end;
	size_t		 contents_end;	/* one past the last contents line */

	ContentsSection	*sections;
	size_t		 nsections;
	Entry		*entries;
	size_t		 nentries;

	struct ParseGrams *grams;	/* the body's text counted (parse_joins.c), or NULL */
	struct ParseStarts *starts;	/* the text lines by their start (parse_lines.c), or NULL */
} Parse;

/* Frees what parse_joins.c keeps of a parse. */
void parse_grams_free(struct ParseGrams *grams);

/* parse_lines.c: cutting the text into lines and telling them apart. */
void parse_split_lines(Parse *p, const char *data, size_t len);
int parse_line_number(const Line *line, int *value, int *leading_zero);
int parse_ends_sentence(const char *text, size_t len);
int parse_is_numbered(const char *text);
const char *parse_skip_label(const char *text);
size_t parse_char_count(const char *text, size_t len);
/* Returns the number of characters of a line (counted once). */
size_t parse_line_chars(const Line *line);
int parse_line_ends_sentence(const Line *line);
size_t parse_next_text(const Parse *p, size_t i, size_t end);
int parse_text_is_repeated(const Parse *p, const char *text, size_t len, const char *except,
    int earlier, int longer);
const char *parse_text_repeated_by(const Parse *p, const char *text, size_t len, const char *except,
    int earlier, int longer, size_t *length);
const char *parse_line_starting(const Parse *p, const char *text, size_t len, const char *except,
    size_t *length);
void parse_starts_free(struct ParseStarts *starts);
size_t parse_sorted_text_lines(const Parse *p, Line ***out);

/* parse_pages.c: printed page numbers, running heads and template junk.
 * Pages are found first, over the whole text; the contents must come
 * before the first page ends. */
void parse_find_pages(Parse *p);
void parse_find_furniture(Parse *p);

/* parse_contents.c: the printed contents and the front matter. */
int parse_find_contents(Parse *p);
void parse_front_matter(Parse *p, Issue *issue);

/* parse_titles.c: where each article's title and text begin in the body. */
double parse_title_similarity(const char *a, const char *b);
void parse_find_titles(Parse *p);
void parse_fallback_articles(Parse *p);

/* parse_body.c: articles' blocks, with duplicates dropped, paragraphs cut
 * by a page break rejoined and misplaced headings put back. */
BlockKind parse_line_kind(const Line *line);
int parse_may_continue(const Line *line);
int parse_is_chapter_heading(const char *text, size_t len);
int parse_line_is_chapter_heading(const Line *line);
/* Lines at least this long printed again are the same text twice. */
#define DUPLICATE_MIN_CHARS 20

void parse_mark_duplicates(Parse *p);
void parse_build_articles(Parse *p, Issue *issue);

/* parse_joins.c: how well a line carries on a sentence left open. */
int parse_join_score(const Parse *p, const Line *open, const Line *next);
int parse_join_span(const Parse *p, const Line *open, const Line *next);
double parse_join_weight(const Parse *p, const Line *open, const Line *next);
int parse_opens_alike(const Line *open, const Line *next);
size_t parse_lead_sentence(const char *text, size_t len);
double parse_opening_weight(const Parse *p, const Line *next);
int parse_opens_enumeration(const Line *open, const Line *next);

/* parse_cohesion.c: which words a line shares with another. */
typedef struct ParsePairs {
	uint64_t	*keys;		/* distinct pairs of Han characters, hashed; 0 is free */
	size_t		 count, size;	/* keys held; slots, a power of two */
} ParsePairs;
void parse_pairs_collect(const Line *line, size_t max_chars, ParsePairs *pairs);
void parse_pairs_free(ParsePairs *pairs);
double parse_pairs_shared(const ParsePairs *with, const Line *line, size_t max_chars);
double parse_pairs_echoed(const ParsePairs *with, const Line *line, size_t max_chars);

/* parse_answers.c: which question heading a paragraph answers. */
#define ANSWERS_QUESTIONS 8	/* question headings weighed on a page, at most */
#define ANSWERS_LINES	96	/* lines of a page weighed, at most */
/* What the paragraphs of one page echo of the question headings they may
 * be read under; boxes are numbered as the extraction emitted them. */
typedef struct ParseAnswers {
	const Line	*question[ANSWERS_QUESTIONS];
	size_t		 question_box[ANSWERS_QUESTIONS];	/* its box; past the page's: before it */
	size_t		 nquestions;
	size_t		 first;		/* the page's first line */
	/* per line from first: the run it shares with each question */
	unsigned char	 run[ANSWERS_LINES][ANSWERS_QUESTIONS];
} ParseAnswers;
int parse_is_question(const Line *line);
int parse_shared_run(const char *a, size_t alen, const char *b, size_t blen);
void parse_answers_start(ParseAnswers *a, size_t first);
void parse_answers_add_question(ParseAnswers *a, const Line *line, size_t box);
void parse_answers_measure(ParseAnswers *a, const Parse *p, size_t i);
int parse_answers_cost(const ParseAnswers *a, size_t i, size_t box, const size_t *place, const Line *heading,
    const Line *const *earlier, size_t nearlier);

/* parse_questions.c: the stray "?" that stands for a lost thin space. */
int parse_is_stray_question(const char *text, size_t len, size_t q);
void parse_fix_stray_questions(Parse *p);

/* parse_numbering.c: the numbering of lines (三、 (三) 3. 第三章) and
 * their enumerations (二是…). */
int parse_is_chapter(const char *text);
int parse_numeral_value(const char *s, size_t *used);
int parse_line_enumeration(const Line *line);

/* parse_order.c: the printed reading order of each page's text boxes. */
void parse_order_boxes(Parse *p);
void parse_order_late_items(Parse *p);

/* parse_documents.c: where a document (a full text) opens: its title and
 * the banner over it. */
int parse_opens_document(const Parse *p, size_t i);
int parse_title_shaped(const Line *line);

/* parse_far_joins.c: a sentence left open mid-page completed by a box the
 * extraction emitted on a later page. */
void parse_order_far_joins(Parse *p);

/* parse_repeats.c: of text printed twice, the copy the reading order
 * reads first. */
void parse_read_repeats_in_order(Parse *p);

#endif
