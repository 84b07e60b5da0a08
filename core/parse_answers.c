/* Questions and their answers. In an interview each answer echoes its own
 * question's words (四、《规划》提出“发挥大数据特性优势”,是出于什么考虑?
 * ... 基于上述考虑,《规划》提出“发挥大数据特性优势”…), which tells under
 * which of two question headings a paragraph the extraction emitted
 * between them belongs. parse_order.c weighs what is found here with the
 * numbering: a paragraph read under one question that echoes a question
 * before it instead, by a run of ANSWER_MIN_RUN letters at least and
 * ANSWER_MARGIN more than its own, or put above a question of its page
 * that it echoes and was emitted after, is read out of place. An answer
 * echoing a later question is no evidence: answers name what the next
 * question asks about (二、's answer names the software industry that
 * 三、 asks about), and weighing that moved such answers on generated
 * issues. */
#define _GNU_SOURCE	/* memmem */
#include "config.h"

#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "parse.h"

/* A paragraph echoes a question with a run of this many letters, and
 * this many more than it shares with the question it is read under. */
#define ANSWER_MIN_RUN	6
#define ANSWER_MARGIN	2
/* Characters of a question looked at for a shared run, at most. */
#define SHARED_MAX_CHARS 160
/* Bytes of an answer looked at: its opening echoes the question. */
#define SHARED_ANSWER_BYTES 600

/* Returns non-zero when a line is a question heading: a heading, or a
 * numbered line however long, that ends with a question mark. */
int
parse_is_question(const Line *line)
{
	size_t n = line->length;
	int asks = (n >= 1 && line->text[n - 1] == '?')
	    || (n >= 3 && memcmp(line->text + n - 3, "\xef\xbc\x9f", 3) == 0);	/* ? */

	return asks && (parse_line_kind(line) == BLOCK_HEADING || parse_is_numbered(line->text));
}

/* Returns non-zero for a letter or a digit: what a shared run counts. */
static int
parse_is_word_char(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_LETTER) || uc_is_general_category(uc, UC_NUMBER);
}

/* Returns how many letters and digits (punctuation is not counted) the
 * longest run of characters that both texts hold has, looking at the
 * first SHARED_ANSWER_BYTES of a and the first SHARED_MAX_CHARS characters
 * of b. */
int
parse_shared_run(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t at[SHARED_MAX_CHARS + 1], n = 0, start, end = 0, used = 0;
	int counted[SHARED_MAX_CHARS + 1], best = 0, length;
	ucs4_t uc;

	if (alen > SHARED_ANSWER_BYTES) {
		alen = SHARED_ANSWER_BYTES;
		while (alen > 0 && ((unsigned char)a[alen] & 0xc0) == 0x80)
			alen--;		/* not into a character */
	}
	/* at[k]: where b's character k starts, at[n] where the last ends;
	 * counted[k]: the letters and digits before character k */
	counted[0] = 0;
	while (used < blen && n < SHARED_MAX_CHARS) {
		length = u8_mbtouc(&uc, (const uint8_t *)b + used, blen - used);
		at[n] = used;
		counted[n + 1] = counted[n] + parse_is_word_char(uc);
		used += (size_t)length;
		n++;
	}
	at[n] = used;
	/* b[start, end) is held by a; so is every run within it, so the
	 * next start goes on from the same end. */
	for (start = 0; start < n; start++) {
		if (end < start)
			end = start;
		while (end < n && memmem(a, alen, b + at[start], at[end + 1] - at[start]) != NULL)
			end++;
		if (counted[end] - counted[start] > best)
			best = counted[end] - counted[start];
	}
	return best;
}

/* Starts the answers of a page whose first line is first. */
void
parse_answers_start(ParseAnswers *a, size_t first)
{
	memset(a, 0, sizeof *a);
	a->first = first;
}

/* Adds a line that may be a question heading (NULL, or any other line,
 * is passed over) emitted in box (past the page's boxes: read before
 * the page), once. */
void
parse_answers_add_question(ParseAnswers *a, const Line *line, size_t box)
{
	size_t q;

	if (line == NULL || a->nquestions == ANSWERS_QUESTIONS || !parse_is_question(line))
		return;
	for (q = 0; q < a->nquestions; q++)
		if (a->question[q] == line)
			return;
	a->question_box[a->nquestions] = box;
	a->question[a->nquestions++] = line;
}

/* Measures what line i, if a paragraph, shares with each question added;
 * with fewer than two there is nothing to choose between. */
void
parse_answers_measure(ParseAnswers *a, const Parse *p, size_t i)
{
	const Line *line = &p->lines[i];
	size_t q;
	int run;

	if (a->nquestions < 2 || i < a->first || i - a->first >= ANSWERS_LINES
	    || parse_line_kind(line) != BLOCK_PARAGRAPH || parse_is_numbered(line->text))
		return;
	for (q = 0; q < a->nquestions; q++) {
		run = parse_shared_run(line->text, line->length, a->question[q]->text, a->question[q]->length);
		a->run[i - a->first][q] = (unsigned char)(run > 255 ? 255 : run);
	}
}

/* Returns the index of a question added, or -1. */
static int
parse_answers_index(const ParseAnswers *a, const Line *line)
{
	size_t q;

	for (q = 0; line != NULL && q < a->nquestions; q++)
		if (a->question[q] == line)
			return (int)q;
	return -1;
}

/* Returns how many times line i of box, read under heading after the
 * headings earlier[0, nearlier) (the last first), the boxes read in the
 * order that puts box k at place[k], is read out of place: under one
 * question while it echoes one before it, or above a question of the
 * page it echoes, emitted before it. */
int
parse_answers_cost(const ParseAnswers *a, size_t i, size_t box, const size_t *place, const Line *heading,
    const Line *const *earlier, size_t nearlier)
{
	int own = parse_answers_index(a, heading), other = 0, q, count = 0;
	const unsigned char *run;
	size_t k;

	if (i < a->first || i - a->first >= ANSWERS_LINES)
		return 0;
	run = a->run[i - a->first];
	for (k = 0; k < a->nquestions; k++)
		if (a->question_box[k] < box && place[a->question_box[k]] > place[box] && run[k] >= ANSWER_MIN_RUN)
			count++;
	if (own < 0)
		return count;
	for (k = 0; k < nearlier; k++)
		if ((q = parse_answers_index(a, earlier[k])) >= 0 && run[q] > other)
			other = run[q];
	return count + (other >= ANSWER_MIN_RUN && other >= run[own] + ANSWER_MARGIN);
}
