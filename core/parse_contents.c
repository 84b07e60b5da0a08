/* The printed contents (sections and their numbered entries) and the
 * front matter that precedes them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "buffer.h"
#include "issue_build.h"
#include "parse.h"
#include "xalloc.h"

/* Returns non-zero when the line is a contents entry "N、title" (or "N.");
 * sets *number and *title (a pointer into the line). */
static int
parse_contents_entry(const Line *line, int *number, const char **title)
{
	const char *s = line->text;
	int value = 0, digits = 0;

	while (*s >= '0' && *s <= '9' && digits < 3)
		value = value * 10 + (*s++ - '0'), digits++;
	if (digits == 0 || digits > 2)
		return 0;
	if (strncmp(s, "\xe3\x80\x81", 3) == 0)		/* 、 */
		s += 3;
	else if (strncmp(s, "\xef\xbc\x8e", 3) == 0)	/* ． */
		s += 3;
	else if (*s == '.' && !(s[1] >= '0' && s[1] <= '9'))
		s += 1;
	else
		return 0;
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	*number = value;
	*title = s;
	return 1;
}

/* Returns non-zero when the line is a page range "01/114"; sets the pages. */
static int
parse_page_range(const Line *line, int *first, int *last)
{
	const char *s = line->text;
	char *end;
	long a, b;

	if (*s < '0' || *s > '9')
		return 0;
	a = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end != '/')
		return 0;
	s = end + 1;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	b = strtol(s, &end, 10);
	if (*end != '\0' || a < 0 || b < a || b > 99999)
		return 0;
	*first = (int)a;
	*last = (int)b;
	return 1;
}

/* Returns non-zero for a line naming the contents page itself. */
static int
parse_is_contents_heading(const Line *line)
{
	return strcmp(line->text, "\xe7\x9b\xae\xe5\xbd\x95") == 0	/* 目录 */
	    || strcasecmp(line->text, "contents") == 0;
}

/* Reads a section's header (number, subtitle, title, page range) from the
 * lines before its first entry, back to stop; returns its first line. */
static size_t
parse_section_header(Parse *p, size_t first_entry, size_t stop, ContentsSection *s)
{
	size_t i = first_entry, top = first_entry, texts = 0;
	const char *text[4] = { NULL };

	memset(s, 0, sizeof *s);
	while (i > stop && texts < 4) {
		const Line *line = &p->lines[--i];
		int value, zero, a, b;

		if (line->role == ROLE_BLANK)
			continue;
		if (parse_is_contents_heading(line))
			break;
		top = i;
		if (parse_page_range(line, &a, &b)) {
			s->first_page = a;
			s->last_page = b;
		} else if (parse_line_number(line, &value, &zero)) {
			s->number = value;
			break;	/* the section number opens the header */
		} else
			text[texts++] = line->text;
	}
	/* The line nearest the entries is the section's name (it is what the
	 * running heads repeat); any line above it is a subtitle. */
	s->title = xstrdup(texts > 0 ? text[0] : "");
	s->subtitle = texts > 1 ? xstrdup(text[texts - 1]) : NULL;
	return top;
}

/* Adds one contents entry to p. */
static void
parse_add_entry(Parse *p, int section, int number, const char *title)
{
	Entry *e;

	p->entries = xreallocarray(p->entries, p->nentries + 1, sizeof *e);
	e = &p->entries[p->nentries++];
	memset(e, 0, sizeof *e);
	e->section = section;
	e->number = number;
	e->title = xstrdup(title);
	e->title_line = e->title_last = e->source_line = e->start = NO_LINE;
}

/* Reads a run of entries numbered 1, 2, ... starting at line i into section
 * (a title broken over two lines is joined). Returns one past its last line. */
static size_t
parse_entry_run(Parse *p, size_t i, int section)
{
	int expect = 1, number;
	const char *title;
	size_t end = i;

	for (; i < p->nlines; i++) {
		const Line *line = &p->lines[i];

		if (line->role == ROLE_BLANK)
			continue;
		if (parse_contents_entry(line, &number, &title) && number == expect) {
			parse_add_entry(p, section, number, title);
			expect++;
			end = i + 1;
			continue;
		}
		/* A continuation: right under an entry, no blank line between. */
		if (expect > 1 && end == i && i + 1 < p->nlines && p->lines[i + 1].role != ROLE_BLANK
		    && parse_contents_entry(&p->lines[i + 1], &number, &title) && number == expect) {
			Entry *e = &p->entries[p->nentries - 1];
			char *joined = xasprintf("%s%s", e->title, line->text);

			free(e->title);
			e->title = joined;
			end = i + 1;
			continue;
		}
		break;
	}
	return end;
}

/* Finds the printed contents: runs of entries numbered from 1, each under a
 * section header. Returns the number of entries (0: no contents). */
int
parse_find_contents(Parse *p)
{
	size_t i, run_end = 0, contents_start = NO_LINE;
	int number, shape, first_shape = 0;
	const char *title;

	for (i = 0; i < p->nlines && i < p->first_page_end; i++) {
		ContentsSection header;
		size_t first_entry = p->nentries, top, end, gap, k;

		if (p->lines[i].role != ROLE_TEXT || !parse_contents_entry(&p->lines[i], &number, &title)
		    || number != 1)
			continue;
		/* A later section must follow the previous one closely. */
		if (p->nsections > 0) {
			for (gap = 0, k = run_end; k < i; k++)
				gap += p->lines[k].role != ROLE_BLANK;
			if (gap > 8)
				break;
		}
		top = parse_section_header(p, i, run_end, &header);
		shape = (header.number != 0) | (header.last_page != 0) << 1;
		if (p->nsections > 0 && shape != first_shape) {
			/* A later section has a header like the first one's: a run
			 * of numbered items on page 1 is not another section. */
			free(header.title);
			free(header.subtitle);
			break;
		}
		first_shape = shape;
		end = parse_entry_run(p, i, (int)p->nsections);
		if (p->nentries - first_entry < 2 && p->nsections == 0) {
			/* A lone "1、" is not a contents page. */
			for (k = first_entry; k < p->nentries; k++)
				free(p->entries[k].title);
			p->nentries = first_entry;
			free(header.title);
			free(header.subtitle);
			continue;
		}
		if (contents_start == NO_LINE)
			contents_start = top;
		p->sections = xreallocarray(p->sections, p->nsections + 1, sizeof header);
		/* Section numbers make the IDs: keep them rising and unique. */
		if (header.number <= (p->nsections > 0 ? p->sections[p->nsections - 1].number : 0))
			header.number = p->nsections > 0 ? p->sections[p->nsections - 1].number + 1 : 1;
		p->sections[p->nsections++] = header;
		run_end = end;
		i = end - 1;
	}
	if (p->nsections == 0)
		return 0;

	/* The "CONTENTS"/"目录" lines above the first header belong to it too. */
	while (contents_start > 0) {
		const Line *line = &p->lines[contents_start - 1];

		if (line->role != ROLE_BLANK && !parse_is_contents_heading(line))
			break;
		contents_start--;
	}
	for (i = contents_start; i < run_end; i++)
		if (p->lines[i].role != ROLE_BLANK)
			p->lines[i].role = ROLE_CONTENTS;
	p->front_end = contents_start;
	p->contents_end = run_end;
	/* The body starts after the contents: what precedes it has no page. */
	p->body_start = run_end;
	for (i = 0; i < run_end; i++)
		p->lines[i].page = 0;
	return (int)p->nentries;
}

/* Returns the value of a number in Chinese numerals or ASCII digits
 * ("十二" -> 12, "一百零八" -> 108), or 0. */
static int
parse_chinese_number(const char *s, size_t len)
{
	static const char *const digits[] = {
		"\xe9\x9b\xb6", "\xe4\xb8\x80", "\xe4\xba\x8c", "\xe4\xb8\x89", "\xe5\x9b\x9b",
		"\xe4\xba\x94", "\xe5\x85\xad", "\xe4\xb8\x83", "\xe5\x85\xab", "\xe4\xb9\x9d",
	};
	const char *end = s + len;
	int total = 0, current = 0, d;

	if (len > 0 && *s >= '0' && *s <= '9')
		return atoi(s);
	while (s + 3 <= end) {
		for (d = 0; d < 10; d++)
			if (strncmp(s, digits[d], 3) == 0)
				break;
		if (d < 10)
			current = d;
		else if (strncmp(s, "\xe5\x8d\x81", 3) == 0)	/* 十 */
			total += (current ? current : 1) * 10, current = 0;
		else if (strncmp(s, "\xe7\x99\xbe", 3) == 0)	/* 百 */
			total += (current ? current : 1) * 100, current = 0;
		else
			return 0;
		s += 3;
	}
	return total + current;
}

/* Returns the first 《…》 in text as a new string (caller frees), or NULL. */
static char *
parse_book_title(const char *text)
{
	const char *open = strstr(text, "\xe3\x80\x8a"), *close;

	if (open == NULL || (close = strstr(open, "\xe3\x80\x8b")) == NULL)
		return NULL;
	return xstrndup(open, (size_t)(close + 3 - open));
}

/* Returns a pointer to "2022年第2期" in text, setting *len, or NULL. */
static const char *
parse_date_in(const char *text, size_t *len)
{
	const char *s;

	for (s = text; *s != '\0'; s++) {
		const char *q = s;
		int digits = 0;

		while (*q >= '0' && *q <= '9')
			q++, digits++;
		if (digits != 4 || strncmp(q, "\xe5\xb9\xb4\xe7\xac\xac", 6) != 0)	/* 年第 */
			continue;
		q += 6;
		while (*q >= '0' && *q <= '9')
			q++;
		if (strncmp(q, "\xe6\x9c\x9f", 3) != 0)	/* 期 */
			continue;
		*len = (size_t)(q + 3 - s);
		return s;
	}
	return NULL;
}

/* Builds the front matter: the issue's name, date and number, and the
 * article "0" holding the masthead, publishers, 卷首语 and board, with
 * names printed one per short line gathered into one block. */
void
parse_front_matter(Parse *p, Issue *issue)
{
	char *name = NULL, *date = NULL, *serial = NULL, *title;
	size_t i, article, start = p->front_end;
	int number = 0;
	Buffer run = { 0 };
	int run_page = 0, run_line = 0;

	for (i = 0; i < p->front_end; i++) {
		const Line *line = &p->lines[i];
		const char *d, *q;
		size_t len;

		if (line->role == ROLE_BLANK)
			continue;
		if (name == NULL && (name = parse_book_title(line->text)) != NULL && start > i)
			start = i;
		if (date == NULL && (d = parse_date_in(line->text, &len)) != NULL)
			date = xstrndup(d, len);
		if (serial == NULL && (q = strstr(line->text, "\xe6\x80\xbb\xe7\xac\xac")) != NULL) {	/* 总第 */
			const char *e = strstr(q, "\xe6\x9c\x9f");	/* 期 */

			if (e != NULL) {
				serial = xstrndup(q, (size_t)(e + 3 - q));
				number = parse_chinese_number(q + 6, (size_t)(e - q - 6));
			}
		}
	}
	p->front_start = start;
	title = xasprintf("%s%s", name != NULL ? name : "", date != NULL ? date : "");
	issue_set_front(issue, title, date != NULL ? date : "", number);
	free(title);
	if (p->front_end <= start) {
		free(name);
		free(date);
		free(serial);
		return;
	}

	title = xasprintf("%s%s%s%s", name != NULL ? name : issue_name(issue), date != NULL ? date : "",
	    serial != NULL ? " " : "", serial != NULL ? serial : "");
	article = issue_add_article(issue, "0", title, -1);
	free(title);
	for (i = start; i <= p->front_end; i++) {
		const Line *line = i < p->front_end ? &p->lines[i] : NULL;
		int is_short = line != NULL && parse_char_count(line->text, line->length) <= 6;

		if (line != NULL && line->role == ROLE_BLANK)
			continue;
		if (line != NULL)
			p->lines[i].role = ROLE_FRONT;
		/* Lone colons are the leaders of a table whose layout is lost. */
		if (line != NULL && (strcmp(line->text, ":") == 0 || strcmp(line->text, "\xef\xbc\x9a") == 0))
			continue;
		if (is_short) {
			if (run.len > 0)
				buffer_append(&run, "  ", 2);
			else
				run_line = line->number;
			buffer_append(&run, line->text, line->length);
			continue;
		}
		if (run.len > 0) {
			issue_add_block(issue, article, BLOCK_PARAGRAPH, run_page, run_page, run_line, run.data,
			    run.len);
			buffer_clear(&run);
		}
		if (line != NULL)
			issue_add_block(issue, article, BLOCK_PARAGRAPH, 0, 0, line->number, line->text,
			    line->length);
	}
	buffer_free(&run);
	free(name);
	free(date);
	free(serial);
}
