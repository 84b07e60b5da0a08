/* Helpers the unit tests share: files written and read back, strings
 * rewritten, a private cache folder, and counting a search's results.
 * Every function is static and may go unused. */
#ifndef SHUZHI_TEST_HELPERS_H
#define SHUZHI_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "file.h"
#include "index.h"
#include "search.h"
#include "tap.h"
#include "xalloc.h"

/* More results than any test's index holds. */
#define NO_LIMIT 100000

/* Writes len bytes to path; returns 0 or -1. */
static __attribute__((unused)) int
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (f == NULL)
		return -1;
	if (len > 0 && fwrite(data, 1, len, f) != len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Writes the string text to path; returns 0 or -1. */
static __attribute__((unused)) int
write_text(const char *path, const char *text)
{
	return write_file(path, text, strlen(text));
}

/* Reads a whole file (core/file.c); returns it (the caller frees) and
 * its length, or NULL with a diagnostic. */
static __attribute__((unused)) char *
read_file(const char *path, size_t *len)
{
	char *data = NULL, *cause = NULL;

	if (file_read(path, &data, len, &cause) != 0) {
		diag("%s", cause);
		free(cause);
		return NULL;
	}
	return data;
}

/* Returns a copy of text with every from replaced by to (the caller frees). */
static __attribute__((unused)) char *
replace_all(const char *text, const char *from, const char *to)
{
	Buffer b = { 0 };
	const char *hit;
	size_t flen = strlen(from);

	while ((hit = strstr(text, from)) != NULL) {
		buffer_append(&b, text, (size_t)(hit - text));
		buffer_puts(&b, to);
		text = hit + flen;
	}
	buffer_puts(&b, text);
	return buffer_take(&b);
}

/* Sets XDG_CACHE_HOME to dir/name; returns the shuzhi cache folder inside
 * it (the caller frees). */
static __attribute__((unused)) char *
use_cache_in(const char *dir, const char *name)
{
	char *home = xasprintf("%s/%s", dir, name), *cache = xasprintf("%s/shuzhi", home);

	setenv("XDG_CACHE_HOME", home, 1);
	free(home);
	return cache;
}

/* Returns the number of results of a query in every issue, or -1 on an
 * error (with a diagnostic). */
static __attribute__((unused)) int
count_results(Index *index, const char *query)
{
	SearchResults *results = NULL;
	char *cause = NULL;
	int n;

	if (search_run(index, query, NO_LIMIT, &results, &cause) != 0) {
		diag("%s: %s", query, cause);
		free(cause);
		return -1;
	}
	n = (int)results->count;
	search_results_free(results);
	return n;
}

#endif
