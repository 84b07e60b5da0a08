/* The command line's reading tools: --outline and --cite. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citation.h"
#include "cli.h"
#include "outline.h"
#include "xalloc.h"

/* Finds the article an ID names for option (given as arg). Returns it, or
 * NULL after printing an error. */
static const Article *
cli_reading_article(Index *index, const char *option, const char *id, const char *arg,
    size_t issue, const Issue **found)
{
	const char *local;
	const Article *a;

	if (cli_resolve(index, option, id, issue, found, &local) != 0)
		return NULL;
	if ((a = issue_find_article(*found, local)) == NULL)
		cli_error("%s=%s: no article '%s' (see --toc)", option, arg, local);
	return a;
}

/* Prints an article's outline. */
int
cli_reading_outline_index(Index *index, const char *id, size_t issue)
{
	const Issue *found;
	const Article *a = cli_reading_article(index, "--outline", id, id, issue, &found);
	Outline *outline;
	size_t i;

	if (a == NULL)
		return EXIT_TROUBLE;
	outline = outline_build(a);
	for (i = 0; i < outline_count(outline); i++) {
		const OutlineEntry *e = outline_entry(outline, i);

		printf("%d\t%d\t%s\n", e->depth, e->page, e->text);
	}
	outline_free(outline);
	return EXIT_FOUND;
}

/* Reads "N" or "N-M" (whole numbers from 1) into *first and *last.
 * Returns 0, or -1 when it is not that. */
static int
cli_reading_range(const char *s, long *first, long *last)
{
	char *end;

	errno = 0;
	*first = strtol(s, &end, 10);
	if (errno != 0 || end == s || *first < 1 || (*s < '0' || *s > '9'))
		return -1;
	*last = *first;
	if (*end == '-') {
		s = end + 1;
		*last = strtol(s, &end, 10);
		if (errno != 0 || end == s || *s < '0' || *s > '9' || *last < *first)
			return -1;
	}
	return *end == '\0' ? 0 : -1;
}

/* Finds the blocks a range names: paragraphs (1 is the first block after
 * the title) or, with pages set, the blocks starting on those pages.
 * Returns 0, or -1 after printing an error. */
static int
cli_reading_blocks(const Article *a, const char *spec, const char *range, int pages,
    size_t *first, size_t *last)
{
	long from, to;
	size_t i;
	int any = 0;

	if (cli_reading_range(range, &from, &to) != 0) {
		cli_error("--cite=%s: give paragraphs N or N-M, or pages pN or pN-M", spec);
		return -1;
	}
	if (!pages) {
		if ((size_t)to > a->nblocks) {
			cli_error("--cite=%s: article %s has %zu paragraphs", spec, a->id, a->nblocks);
			return -1;
		}
		*first = (size_t)from - 1;
		*last = (size_t)to - 1;
		return 0;
	}
	for (i = 0; i < a->nblocks; i++) {
		if (a->blocks[i].page < from || a->blocks[i].page > to)
			continue;
		if (!any)
			*first = i;
		*last = i;
		any = 1;
	}
	if (!any) {
		cli_error("--cite=%s: no paragraph of article %s starts on page%s %s "
		    "(it runs from page %d to %d)", spec, a->id, to > from ? "s" : "", range,
		    a->page, a->last_page);
		return -1;
	}
	return 0;
}

/* Prints paragraphs or pages of an article with their citation. */
int
cli_reading_cite_index(Index *index, const char *spec, size_t issue)
{
	const char *colon = strrchr(spec, ':');
	char *id = colon != NULL ? xstrndup(spec, (size_t)(colon - spec)) : xstrdup(spec);
	const Issue *found;
	const Article *a = cli_reading_article(index, "--cite", id, spec, issue, &found);
	size_t first = 0, last = 0;
	char *passage;
	int rc = EXIT_TROUBLE;

	if (a == NULL)
		goto out;
	if (a->nblocks == 0) {
		cli_error("--cite=%s: article %s has no text", spec, a->id);
		goto out;
	}
	last = a->nblocks - 1;
	if (colon != NULL && cli_reading_blocks(a, spec, colon[1] == 'p' ? colon + 2 : colon + 1,
	    colon[1] == 'p', &first, &last) != 0)
		goto out;
	passage = citation_passage(found, a, first, last);
	printf("%s\n", passage);
	free(passage);
	rc = EXIT_FOUND;
out:
	free(id);
	return rc;
}
