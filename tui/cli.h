/* The command line's printed output: --toc, --article, --page, --search.
 * Every function prints to stdout and returns the process exit status;
 * messages go to stderr, one line each. */
#ifndef SHUZHI_CLI_H
#define SHUZHI_CLI_H

#include <stddef.h>

#include "index.h"
#include "issue.h"

/* How printed output looks. */
typedef struct CliOutput {
	int	width;	/* wrap at this many columns; 0: one line per block */
	int	color;	/* non-zero: headings and hits marked with SGR */
} CliOutput;

/* Exit statuses (shuzhi(1), OPTIONS). */
enum {
	EXIT_FOUND = 0,
	EXIT_NOT_FOUND = 1,
	EXIT_TROUBLE = 2,
};

int cli_toc(const Issue *issue, const CliOutput *out);
int cli_article(const Issue *issue, const char *id, const CliOutput *out);
int cli_page(const Issue *issue, const char *page, const CliOutput *out);

/* The same for an index of one issue or an archive. issue is the one
 * --issue names, or INDEX_ALL_ISSUES. IDs and pages in an archive take the
 * issue's prefix ("12/1.3", "12/154") unless --issue gives it. */
int cli_toc_index(Index *index, size_t issue, const CliOutput *out);
int cli_article_index(Index *index, const char *id, size_t issue, const CliOutput *out);
int cli_page_index(Index *index, const char *page, size_t issue, const CliOutput *out);
int cli_search(Index *index, const char *query, size_t issue, size_t limit,
    const CliOutput *out);

/* Finds the issue an ID names ("12/1.3", or "1.3" of --issue or of the
 * only issue): sets *found and *local (the ID in it). Returns 0, or -1
 * after printing an error that names option. */
int cli_resolve(Index *index, const char *option, const char *arg, size_t issue,
    const Issue **found, const char **local);

/* cli_reading.c: --outline=ID prints the article's headings,
 * DEPTH<TAB>PAGE<TAB>HEADING; --cite=ID[:N[-M]|:pN[-M]] prints paragraphs
 * or pages of it with the line that cites them. */
int cli_reading_outline_index(Index *index, const char *id, size_t issue);
int cli_reading_cite_index(Index *index, const char *spec, size_t issue);

/* Prints "shuzhi: MESSAGE" on stderr, with any control character in it
 * made harmless. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
