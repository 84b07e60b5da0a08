/* The command line's printed output: --toc, --article, --page, --search,
 * for one issue or an archive. */
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
	char *raw, *escaped, *clean;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	/* A file name's bytes that are no UTF-8 as \xNN, then what remains
	 * unfit for a terminal (bidi overrides, say) dropped. */
	escaped = text_escape(raw);
	clean = text_clean(escaped, strlen(escaped), 0, NULL);
	fprintf(stderr, "shuzhi: %s\n", clean);
	free(clean);
	free(escaped);
	free(raw);
}

/* Prints text[start, end), marking the parts inside marks when colour is on. */
static void
cli_print_marked(const char *text, size_t start, size_t end, const Span *marks,
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

/* Prints a section named by its ID as --toc lists it: its title, then
 * its articles' contents lines. */
static int
cli_section(const Issue *issue, const char *id, const CliOutput *out)
{
	Block title = { 0 };
	size_t i, j;

	for (i = 0; i < issue_section_count(issue); i++) {
		const Section *s = issue_section(issue, i);

		if (strcmp(s->id, id) != 0)
			continue;
		title.kind = BLOCK_HEADING;
		title.text = s->title;
		title.length = strlen(s->title);
		cli_print_block(&title, out);
		for (j = 0; j < s->narticles; j++) {
			const Article *a = issue_article(issue, s->first_article + j);

			printf("%s\t%d\t%s\n", a->id, a->page, a->title);
		}
		return EXIT_FOUND;
	}
	cli_error("%s: no article or section '%s' (see --toc)", issue_name(issue), id);
	return EXIT_TROUBLE;
}

/* Prints an article: its contents title, then its blocks. */
int
cli_article(const Issue *issue, const char *id, const CliOutput *out)
{
	const Article *a = issue_find_article(issue, id);
	Block title = { 0 };
	size_t i;

	if (a == NULL)
		return cli_section(issue, id, out);
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
		int titled = 0;

		for (j = 0; j < a->nblocks; j++) {
			if (a->blocks[j].page != n)
				continue;
			if (printed++ > 0)
				fputc('\n', stdout);
			/* Where an article starts on the page, its title first. */
			if (!titled && a->page == n && a->section >= 0) {
				Block title = { 0 };

				title.kind = BLOCK_HEADING;
				title.text = a->title;
				title.length = strlen(a->title);
				cli_print_block(&title, out);
				fputc('\n', stdout);
			}
			titled = 1;
			cli_print_block(&a->blocks[j], out);
		}
	}
	return EXIT_FOUND;
}

/* Prints ranked results, one line per article: ID, page, snippet. */
int
cli_search(Index *index, const char *query, size_t issue, size_t limit, const CliOutput *out)
{
	SearchResults *results = NULL;
	char *cause = NULL;
	size_t i;
	int rc;

	if (search_run_in(index, query, issue, limit, &results, &cause) != 0) {
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

/* Prints the contents: one issue's as cli_toc() prints them, or an
 * archive's (of one issue with --issue) with an entry for each issue. */
int
cli_toc_index(Index *index, size_t issue, const CliOutput *out)
{
	IndexContents *contents = NULL;
	char *cause = NULL;
	size_t i;

	(void)out;
	/* The contents come from the index's tables, without reading the
	 * issues' text: what cli_toc() prints from the Issue, a warm start
	 * of one issue in half the time. */
	if (index_contents(index, issue, &contents, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < contents->count; i++) {
		const IndexEntry *e = &contents->entries[i];

		printf("%s\t%d\t%s\n", e->id, e->page, e->title);
	}
	index_contents_free(contents);
	return EXIT_FOUND;
}

/* Finds the issue of what --article or --page (option) names, arg: "12/1.3",
 * or "1.3" of the --issue given (issue) or of the only issue. Sets *found
 * and *local (the part after the prefix). Returns 0, or -1 after printing
 * an error. */
int
cli_resolve(Index *index, const char *option, const char *arg, size_t issue,
    const Issue **found, const char **local)
{
	const char *slash = strchr(arg, '/');
	char *cause = NULL;
	size_t i;

	if (slash != NULL) {
		if (index_split_id(index, arg, &i, local) != 0) {
			cli_error("%s=%s: no issue '%.*s' (see --toc)", option, arg, (int)(slash - arg),
			    arg);
			return -1;
		}
		if (issue != INDEX_ALL_ISSUES && issue != i) {
			cli_error("%s=%s: not in --issue=%s", option, arg,
			    index_issue_info(index, issue)->prefix);
			return -1;
		}
	} else if (issue != INDEX_ALL_ISSUES) {
		i = issue;
		*local = arg;
	} else if (index_is_archive(index)) {
		cli_error("%s=%s: an archive needs the issue, e.g. %s=%s/%s or --issue=%s (see --toc)",
		    option, arg, option, index_issue_info(index, 0)->prefix, arg,
		    index_issue_info(index, 0)->prefix);
		return -1;
	} else {
		i = 0;
		*local = arg;
	}
	if (index_issue_load(index, i, found, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Prints an article named as --toc lists it (see cli_resolve). */
int
cli_article_index(Index *index, const char *id, size_t issue, const CliOutput *out)
{
	const Issue *found;
	const char *local;

	if (cli_resolve(index, "--article", id, issue, &found, &local) != 0)
		return EXIT_TROUBLE;
	return cli_article(found, local, out);
}

/* Prints a printed page of an issue (see cli_resolve). */
int
cli_page_index(Index *index, const char *page, size_t issue, const CliOutput *out)
{
	const Issue *found;
	const char *local;

	if (cli_resolve(index, "--page", page, issue, &found, &local) != 0)
		return EXIT_TROUBLE;
	return cli_page(found, local, out);
}
