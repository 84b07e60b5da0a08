/* The command line's printed output: --toc, --article, --page, --search. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "layout.h"
#include "search.h"
#include "text.h"
#include "xalloc.h"

#define SGR_BOLD "\033[1m"
#define SGR_HIT "\033[1;7m"
#define SGR_RESET "\033[0m"

/* Prints "shuzhi: MESSAGE" on stderr with controls removed. */
void
cli_error(const char *fmt, ...)
{
	va_list ap;
	char *raw, *clean;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	clean = text_clean(raw, strlen(raw), 0, NULL);
	fprintf(stderr, "shuzhi: %s\n", clean);
	free(clean);
	free(raw);
}

/* Prints text[start, end), marking the parts inside marks when colour is on. */
static void
cli_print_marked(const char *text, size_t start, size_t end, const SearchSpan *marks,
    size_t nmarks, int color)
{
	size_t at = start, i;

	for (i = 0; i < nmarks && color; i++) {
		size_t from = marks[i].start, to = marks[i].start + marks[i].length;

		if (to <= at || from >= end)
			continue;
		if (from < at)
			from = at;
		if (to > end)
			to = end;
		fwrite(text + at, 1, from - at, stdout);
		fputs(SGR_HIT, stdout);
		fwrite(text + from, 1, to - from, stdout);
		fputs(SGR_RESET, stdout);
		at = to;
	}
	fwrite(text + at, 1, end - at, stdout);
}

/* Prints one block wrapped to the output's width. */
static void
cli_print_block(const Block *b, const CliOutput *out)
{
	LayoutLine *lines;
	size_t n, i;
	int bold = out->color && b->kind == BLOCK_HEADING;

	n = layout_wrap(b->text, b->length, out->width, &lines);
	for (i = 0; i < n; i++) {
		if (bold)
			fputs(SGR_BOLD, stdout);
		fwrite(b->text + lines[i].start, 1, lines[i].end - lines[i].start, stdout);
		if (bold)
			fputs(SGR_RESET, stdout);
		fputc('\n', stdout);
	}
	free(lines);
}

/* Prints one line per section and article: ID, printed page, title. */
int
cli_toc(const Issue *issue, const CliOutput *out)
{
	size_t i, j;
	const Article *front = issue_find_article(issue, "0");

	(void)out;
	if (front != NULL)
		printf("%s\t%d\t%s\n", front->id, front->page, front->title);
	for (i = 0; i < issue_section_count(issue); i++) {
		const Section *s = issue_section(issue, i);
		int page = s->first_page;

		if (page == 0 && s->narticles > 0)
			page = issue_article(issue, s->first_article)->page;
		printf("%s\t%d\t%s\n", s->id, page, s->title);
		for (j = 0; j < s->narticles; j++) {
			const Article *a = issue_article(issue, s->first_article + j);

			printf("%s\t%d\t%s\n", a->id, a->page, a->title);
		}
	}
	return EXIT_FOUND;
}

/* Prints an article: its contents title, then its blocks. */
int
cli_article(const Issue *issue, const char *id, const CliOutput *out)
{
	const Article *a = issue_find_article(issue, id);
	Block title = { 0 };
	size_t i;

	if (a == NULL) {
		cli_error("%s: no article '%s' (see --toc)", issue_name(issue), id);
		return EXIT_TROUBLE;
	}
	title.kind = BLOCK_HEADING;
	title.text = a->title;
	title.length = strlen(a->title);
	cli_print_block(&title, out);
	for (i = 0; i < a->nblocks; i++) {
		fputc('\n', stdout);
		cli_print_block(&a->blocks[i], out);
	}
	return EXIT_FOUND;
}

/* Prints the blocks that start on a printed page. */
int
cli_page(const Issue *issue, const char *page, const CliOutput *out)
{
	char *end;
	long n;
	size_t i, j, printed = 0;
	int last = issue_page_count(issue);

	errno = 0;
	n = strtol(page, &end, 10);
	if (errno != 0 || end == page || *end != '\0' || n < 1) {
		cli_error("invalid page number '%s'", page);
		return EXIT_TROUBLE;
	}
	if (n > last) {
		cli_error("%s: no page %ld (pages 1-%d)", issue_name(issue), n, last);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		for (j = 0; j < a->nblocks; j++) {
			if (a->blocks[j].page != n)
				continue;
			if (printed++ > 0)
				fputc('\n', stdout);
			cli_print_block(&a->blocks[j], out);
		}
	}
	return EXIT_FOUND;
}

/* Prints ranked results, one line per article: ID, page, snippet. */
int
cli_search(Index *index, const char *query, size_t limit, const CliOutput *out)
{
	SearchResults *results = NULL;
	char *cause = NULL;
	size_t i;
	int rc;

	if (search_run(index, query, limit, &results, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < results->count; i++) {
		const SearchResult *r = &results->items[i];

		printf("%s\t%d\t", r->article_id, r->page);
		cli_print_marked(r->snippet, 0, strlen(r->snippet), r->marks, r->nmarks, out->color);
		fputc('\n', stdout);
	}
	rc = results->count > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
	search_results_free(results);
	return rc;
}
