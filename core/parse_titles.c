/* Where each article's title and text begin in the body. The body prints
 * titles differently from the contents (wrapped, shortened, at the foot of
 * the page after the opening paragraphs), so titles are matched by
 * content, and an article starts with the page its title is printed on. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "parse.h"
#include "xalloc.h"

/* Titles longer than this many characters are not looked for in lines. */
#define TITLE_MAX_CHARS 80

/* Character bigrams of a text, sorted, for a Dice coefficient. */
typedef struct Bigrams {
	uint64_t	*v;
	size_t		 n;
} Bigrams;

/* Orders bigrams. */
static int
parse_compare_bigram(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Fills *out with the sorted bigrams of the letters and digits of text
 * (punctuation, quotes and spaces do not count); Latin is case-folded
 * crudely by ASCII, which is enough for matching titles. */
static void
parse_bigrams(const char *text, Bigrams *out)
{
	const uint8_t *s = (const uint8_t *)text;
	ucs4_t uc, prev = 0;
	int n;

	out->n = 0;
	out->v = xreallocarray(NULL, strlen(text) + 1, sizeof *out->v);
	while ((n = u8_strmbtouc(&uc, s)) > 0) {
		s += n;
		if (!uc_is_general_category(uc, UC_CATEGORY_L) && !uc_is_general_category(uc, UC_CATEGORY_N))
			continue;
		if (uc >= 'A' && uc <= 'Z')
			uc += 'a' - 'A';
		if (prev != 0)
			out->v[out->n++] = ((uint64_t)prev << 32) | uc;
		prev = uc;
	}
	qsort(out->v, out->n, sizeof *out->v, parse_compare_bigram);
}

/* Returns the Dice coefficient of two sorted bigram lists, 0..1. */
static double
parse_dice(const Bigrams *a, const Bigrams *b)
{
	size_t i = 0, j = 0, common = 0;

	if (a->n + b->n == 0)
		return 0;
	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else
			common++, i++, j++;
	}
	return 2.0 * (double)common / (double)(a->n + b->n);
}

/* Returns how alike two titles are, 0..1, by shared character bigrams. */
double
parse_title_similarity(const char *a, const char *b)
{
	Bigrams x, y;
	double d;

	parse_bigrams(a, &x);
	parse_bigrams(b, &y);
	d = parse_dice(&x, &y);
	free(x.v);
	free(y.v);
	return d;
}

/* Returns non-zero for a source line: "来源:新华社", "来源: 中国网信网". */
static int
parse_is_source(const Line *line)
{
	const char *s = line->text;

	if (strncmp(s, "\xe6\x9d\xa5\xe6\xba\x90", 6) != 0)	/* 来源 */
		return 0;
	s += 6;
	while (*s == ' ')
		s++;
	return *s == ':' || strncmp(s, "\xef\xbc\x9a", 3) == 0;
}

/* Returns the next non-blank line after i if it is short body text that a
 * wrapped title could continue on, else NO_LINE. */
static size_t
parse_title_continuation(const Parse *p, size_t i)
{
	size_t j = i + 1;

	while (j < p->body_end && p->lines[j].role == ROLE_BLANK)
		j++;
	if (j >= p->body_end || p->lines[j].role != ROLE_TEXT || j - i > 2 || parse_is_source(&p->lines[j])
	    || parse_line_chars(&p->lines[j]) > TITLE_MAX_CHARS)
		return NO_LINE;
	return j;
}

/* The bigrams of every short body line, alone and joined with the line
 * that may continue it, computed once for all the titles. */
typedef struct TitleCache {
	Bigrams	*one;		/* per line; n == 0 when not a candidate */
	Bigrams	*two;		/* per line joined with its continuation */
	size_t	*next;		/* the continuation, or NO_LINE */
} TitleCache;

/* Computes the bigrams of every line that may be part of a title. */
static void
parse_title_cache_init(const Parse *p, TitleCache *c)
{
	size_t i;

	c->one = xcalloc(p->nlines, sizeof *c->one);
	c->two = xcalloc(p->nlines, sizeof *c->two);
	c->next = xreallocarray(NULL, p->nlines, sizeof *c->next);
	for (i = 0; i < p->nlines; i++) {
		c->next[i] = NO_LINE;
		if (i < p->body_start || i >= p->body_end || p->lines[i].role != ROLE_TEXT
		    || parse_is_source(&p->lines[i]) || parse_line_chars(&p->lines[i]) > TITLE_MAX_CHARS)
			continue;
		parse_bigrams(p->lines[i].text, &c->one[i]);
		if ((c->next[i] = parse_title_continuation(p, i)) != NO_LINE) {
			char *joined = xasprintf("%s%s", p->lines[i].text, p->lines[c->next[i]].text);

			parse_bigrams(joined, &c->two[i]);
			free(joined);
		}
	}
}

/* Frees the cache. */
static void
parse_title_cache_free(const Parse *p, TitleCache *c)
{
	size_t i;

	for (i = 0; i < p->nlines; i++) {
		free(c->one[i].v);
		free(c->two[i].v);
	}
	free(c->one);
	free(c->two);
	free(c->next);
}

/* Scores line i (and i joined with its continuation) against the title;
 * returns the better score and sets *last to the last line used. */
static double
parse_score_line(const TitleCache *c, size_t i, const Bigrams *title, size_t *last)
{
	double best = parse_dice(&c->one[i], title), score;

	*last = i;
	if (c->next[i] != NO_LINE && (score = parse_dice(&c->two[i], title)) > best + 0.02) {
		best = score;
		*last = c->next[i];
	}
	return best;
}

/* Returns non-zero when line i may be part of a printed title. */
static int
parse_title_candidate(const Parse *p, const TitleCache *c, size_t i, const ContentsSection *s)
{
	const Line *line = &p->lines[i];

	if (line->role != ROLE_TEXT || c->one[i].v == NULL)
		return 0;
	if (s->last_page > 0 && (line->page < s->first_page || line->page > s->last_page))
		return 0;
	return 1;
}

/* Finds where the body prints entry e's title, searching from line from:
 * the earliest line scoring nearly as well as the best one. */
static void
parse_locate_title(Parse *p, const TitleCache *c, Entry *e, size_t from)
{
	const ContentsSection *s = &p->sections[e->section];
	Bigrams title;
	double best = 0, score;
	size_t i, last;

	parse_bigrams(e->title, &title);
	for (i = from; i < p->body_end; i++)
		if (parse_title_candidate(p, c, i, s) && (score = parse_score_line(c, i, &title, &last)) > best)
			best = score;
	e->title_score = best;
	if (best >= 0.5) {
		for (i = from; i < p->body_end; i++) {
			if (!parse_title_candidate(p, c, i, s))
				continue;
			if (parse_score_line(c, i, &title, &last) >= best * 0.9) {
				e->title_line = i;
				e->title_last = last;
				break;
			}
		}
	}
	free(title.v);
}

/* Returns the first body line of line i's page. */
static size_t
parse_page_top(const Parse *p, size_t i)
{
	int page = p->lines[i].page;

	while (i > p->body_start && p->lines[i - 1].page == page && p->lines[i - 1].role != ROLE_PAGE_NUMBER)
		i--;
	return i;
}

/* Returns the line an article whose first printed line is anchor starts
 * at: the top of its page, or just after a running head printed in the
 * middle of the page above the anchor (what precedes such a head is the
 * previous page's text running on). */
static size_t
parse_article_start(const Parse *p, size_t anchor)
{
	size_t top = parse_page_top(p, anchor), i, start = top;

	for (i = top; i < anchor; i++)
		if (p->lines[i].role == ROLE_FURNITURE)
			start = i + 1;
	return start;
}

/* Marks the later printings of e's title near its start as ROLE_TITLE. */
static void
parse_mark_titles(Parse *p, const TitleCache *c, Entry *e, size_t end)
{
	Bigrams title;
	size_t i, last;

	parse_bigrams(e->title, &title);
	for (i = e->start; i < end; i++) {
		if (p->lines[i].role != ROLE_TEXT || p->lines[i].page > p->lines[e->title_line].page + 1)
			continue;
		if (c->one[i].v == NULL)
			continue;
		/* A document's own title, not the article's printed again,
		 * stays: it opens the full text. */
		if ((i < e->title_line || i > e->title_last) && strcmp(p->lines[i].text, e->title) != 0
		    && parse_opens_document(p, i))
			continue;
		if (parse_score_line(c, i, &title, &last) >= 0.8 || (i >= e->title_line && i <= e->title_last
		    && e->title_score >= 0.8)) {
			for (; i <= last; i++)
				if (p->lines[i].role == ROLE_TEXT)
					p->lines[i].role = ROLE_TITLE;
			i = last;
		}
	}
	free(title.v);
}

/* Returns the start of the first entry after k that has one, or the
 * body's end. */
static size_t
parse_next_start(const Parse *p, size_t k)
{
	for (k++; k < p->nentries; k++)
		if (p->entries[k].start != NO_LINE)
			return p->entries[k].start;
	return p->body_end;
}

/* Locates every entry's title, gives each its source line, and sets the
 * line each article starts at. */
void
parse_find_titles(Parse *p)
{
	size_t k, i, from = p->body_start, best_title;
	TitleCache cache;

	parse_title_cache_init(p, &cache);
	for (k = 0; k < p->nentries; k++) {
		parse_locate_title(p, &cache, &p->entries[k], from);
		if (p->entries[k].title_line != NO_LINE)
			from = p->entries[k].title_last + 1;
	}

	/* Each source line belongs to the title printed nearest to it. */
	for (i = p->body_start; i < p->body_end; i++) {
		size_t distance = NO_LINE, d;

		if (p->lines[i].role != ROLE_TEXT || !parse_is_source(&p->lines[i]))
			continue;
		best_title = NO_LINE;
		for (k = 0; k < p->nentries; k++) {
			Entry *e = &p->entries[k];

			if (e->title_line == NO_LINE)
				continue;
			d = i < e->title_line ? e->title_line - i : i - e->title_last;
			if (d < distance)
				distance = d, best_title = k;
		}
		if (best_title != NO_LINE && p->entries[best_title].source_line == NO_LINE)
			p->entries[best_title].source_line = i;
	}

	for (k = 0; k < p->nentries; k++) {
		Entry *e = &p->entries[k];
		size_t anchor = e->title_line, previous = p->body_start, j;

		for (j = k; j > 0; j--)
			if (p->entries[j - 1].start != NO_LINE) {
				previous = p->entries[j - 1].start;
				break;
			}

		if (anchor == NO_LINE) {
			e->start = NO_LINE;	/* not printed: it gets no text */
			continue;
		}
		/* A source printed just before the title, on the same page or the
		 * one before, opens the article. */
		if (e->source_line != NO_LINE && e->source_line < anchor
		    && p->lines[e->source_line].page + 1 >= p->lines[anchor].page)
			anchor = e->source_line;
		e->start = parse_article_start(p, anchor);
		if (k > 0 && p->entries[k - 1].title_line != NO_LINE && e->start <= p->entries[k - 1].title_last)
			e->start = anchor;	/* two articles open on one page */
		if (e->start < previous)
			e->start = previous;
	}
	if (p->nentries > 0)
		p->entries[0].start = p->body_start;
	for (k = 0; k < p->nentries; k++) {
		Entry *e = &p->entries[k];

		if (e->title_line != NO_LINE)
			parse_mark_titles(p, &cache, e, parse_next_start(p, k));
	}
	parse_title_cache_free(p, &cache);
}

/* Adds an entry for an article found without a contents page. */
static void
parse_add_fallback_entry(Parse *p, size_t start, size_t title_line)
{
	Entry *e;
	int number = (int)p->nentries + 1;

	p->entries = xreallocarray(p->entries, p->nentries + 1, sizeof *e);
	e = &p->entries[p->nentries++];
	memset(e, 0, sizeof *e);
	e->section = 0;
	e->number = number;
	e->title_line = e->title_last = NO_LINE;
	e->source_line = NO_LINE;
	e->start = start;
	if (title_line != NO_LINE)
		e->title = xstrdup(p->lines[title_line].text);
	else if (p->lines[start].page > 0)
		e->title = xasprintf("\xe7\xac\xac%d\xe9\xa1\xb5", p->lines[start].page);	/* 第N页 */
	else
		e->title = xstrdup(p->name);
}

/* Returns the first short line of text at or after start (before end) that
 * can stand as a title, or NO_LINE. */
static size_t
parse_fallback_title(const Parse *p, size_t start, size_t end)
{
	size_t i;

	for (i = start; i < end; i++) {
		const Line *line = &p->lines[i];

		if (line->role == ROLE_TEXT && !parse_is_source(line)
		    && parse_line_chars(line) <= 40)
			return i;
	}
	return NO_LINE;
}

/* Without a contents page, makes one section whose articles begin at each
 * source line ("来源:…"), or else one article per printed page, so that
 * the text is still read rather than nothing. */
void
parse_fallback_articles(Parse *p)
{
	ContentsSection *s;
	size_t i, *starts, nstarts = 0;
	int page = -1;

	p->sections = xcalloc(1, sizeof *s);
	p->nsections = 1;
	s = &p->sections[0];
	s->number = 1;
	s->title = xstrdup("\xe6\xad\xa3\xe6\x96\x87");	/* 正文 */
	s->first_page = p->first_page;
	s->last_page = p->last_page;

	starts = xreallocarray(NULL, p->nlines + 1, sizeof *starts);
	for (i = p->body_start; i < p->body_end; i++)
		if (p->lines[i].role == ROLE_TEXT && parse_is_source(&p->lines[i])) {
			size_t start = parse_article_start(p, i);

			if (nstarts == 0 || start > starts[nstarts - 1])
				starts[nstarts++] = start;
		}
	if (nstarts == 0) {
		for (i = p->body_start; i < p->body_end; i++) {
			if (p->lines[i].role != ROLE_TEXT || p->lines[i].page == page)
				continue;
			page = p->lines[i].page;
			starts[nstarts++] = i;
		}
	}
	if (nstarts == 0 || starts[0] > p->body_start) {
		size_t first = parse_next_text(p, p->body_start, p->body_end);

		if (first != NO_LINE && (nstarts == 0 || first < starts[0])) {
			memmove(starts + 1, starts, nstarts * sizeof *starts);
			starts[0] = first;
			nstarts++;
		}
	}
	for (i = 0; i < nstarts; i++)
		parse_add_fallback_entry(p, starts[i],
		    parse_fallback_title(p, starts[i], i + 1 < nstarts ? starts[i + 1] : p->body_end));
	free(starts);
}
