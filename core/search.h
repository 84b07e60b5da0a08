/* Search over an Index: the user's query, ranked results per article with
 * snippets, and the hits inside one article for highlighting. */
#ifndef SHUZHI_SEARCH_H
#define SHUZHI_SEARCH_H

#include <stddef.h>

#include "index.h"
#include "span.h"

typedef struct SearchResult {
	char		*article_id;	/* "1.3"; in an archive "12/1.3" */
	size_t		 article_index;	/* position in issue_article() order of its issue */
	int		 page;		/* printed page of the snippet's hit */
	size_t		 offset;	/* byte offset of the first hit in the article's text */
	char		*snippet;	/* the hit's sentence, one line, clean UTF-8 */
	Span	*marks;		/* hits inside snippet */
	size_t		 nmarks;
	double		 score;		/* lower is better (bm25) */
	size_t		 issue;		/* its issue: index_issue_at(index, issue) */
} SearchResult;

typedef struct SearchResults {
	SearchResult	*items;
	size_t		 count;
} SearchResults;

/* Runs a query (shuzhi(1), --search: AND of words, "phrases", -exclusions, OR)
 * and returns at most limit results, best first. Never fails on what the
 * user typed: a query with nothing searchable gives zero results.
 * Returns 0 and sets *out (free with search_results_free), or -1 with
 * *cause (caller frees) on a database failure. */
int search_run(Index *index, const char *query, size_t limit, SearchResults **out, char **cause);

/* The issue argument of search_run_in() that searches them all. */
#define SEARCH_ALL_ISSUES INDEX_ALL_ISSUES

/* Runs a query as search_run() does, in issue issue of an archive only
 * (its position, as index_issue_info() gives it), or in all of them when
 * issue is SEARCH_ALL_ISSUES. Ranking is over the whole archive. */
int search_run_in(Index *index, const char *query, size_t issue, size_t limit,
    SearchResults **out, char **cause);

/* As search_run_in(), the query read with query_parse_with()'s flags
 * (QUERY_LAST_PREFIX: the reader's query as it is typed). */
int search_run_flags(Index *index, const char *query, int flags, size_t issue, size_t limit,
    SearchResults **out, char **cause);

void search_results_free(SearchResults *results);

/* Finds every hit of the query's positive terms (read with
 * query_parse_with()'s flags) in article article_index of issue issue:
 * byte ranges of the article's text, in order, into *spans (the caller
 * frees it; NULL when none) and their number into *count. Returns 0, or
 * -1 with *cause (the caller frees) when there is no such article or the
 * index cannot be read. */
int search_article_hits(Index *index, const char *query, int flags, size_t issue,
    size_t article_index, Span **spans, size_t *count, char **cause);

#endif
