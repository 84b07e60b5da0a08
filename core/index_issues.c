/* The list of an index's issues: read from the issues table, put in the
 * order of their numbers, and given the prefixes of their IDs. An issue's
 * prefix is its number (总第十二期: "12"); an issue without a number, or
 * sharing it with another, has its file's name without ".txt" instead,
 * and a name that is still not unique gets "~2", "~3"… */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "index_internal.h"
#include "text.h"
#include "xalloc.h"

#define INDEX_ISSUES_SQL \
	"SELECT issue_id, file, title, date, number, pages, first_article, article_count," \
	" tokens FROM issues WHERE is_issue ORDER BY issue_id"

/* Returns the file's name without its folder and ".txt", cleaned for a
 * terminal; the caller frees it. */
static char *
index_issues_stem(const char *path)
{
	const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(base);
	char *stem;

	if (len > 4 && strcasecmp(base + len - 4, ".txt") == 0)
		len -= 4;
	stem = text_clean(base, len, 0, NULL);
	if (stem[0] == '\0') {
		free(stem);
		stem = xstrdup("issue");
	}
	return stem;
}

/* Returns the path the user named for a key, or NULL. */
static const char *
index_issues_path(const Index *index, const char *key)
{
	size_t lo = 0, hi;

	if (index->files == NULL || key == NULL)
		return index->path;
	hi = index->files->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(index->files->files[mid].key, key);

		if (c == 0)
			return index->files->files[mid].path;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Orders issues by number, those without one last, then by key. */
static int
index_issues_compare(const void *a, const void *b)
{
	const IndexIssue *x = a, *y = b;
	int nx = x->info.number > 0 ? x->info.number : 0, ny = y->info.number > 0 ? y->info.number : 0;

	if ((nx == 0) != (ny == 0))
		return nx == 0 ? 1 : -1;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	if (x->key == NULL || y->key == NULL)
		return (x->key == NULL) - (y->key == NULL);
	return strcmp(x->key, y->key);
}

/* Returns how many of the n issues have prefix p. */
static size_t
index_issues_count_prefix(const IndexIssue *issues, size_t n, const char *p)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		if (issues[i].prefix != NULL && strcmp(issues[i].prefix, p) == 0)
			count++;
	return count;
}

/* Gives each issue its prefix. */
static void
index_issues_prefix(IndexIssue *issues, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		issues[i].prefix = issues[i].info.number > 0 ?
		    xasprintf("%d", issues[i].info.number) : index_issues_stem(issues[i].path);
	for (i = 0; i < n; i++) {
		if (issues[i].info.number <= 0 ||
		    index_issues_count_prefix(issues, n, issues[i].prefix) == 1)
			continue;
		for (k = i + 1; k < n; k++) {
			if (strcmp(issues[k].prefix, issues[i].prefix) != 0)
				continue;
			free(issues[k].prefix);
			issues[k].prefix = index_issues_stem(issues[k].path);
		}
		free(issues[i].prefix);
		issues[i].prefix = index_issues_stem(issues[i].path);
	}
	for (i = 1; i < n; i++) {
		char *base = issues[i].prefix;

		for (k = 2; index_issues_count_prefix(issues, i, issues[i].prefix) > 0; k++) {
			if (issues[i].prefix != base)
				free(issues[i].prefix);
			issues[i].prefix = xasprintf("%s~%zu", base, k);
		}
		if (issues[i].prefix != base)
			free(base);
	}
	for (i = 0; i < n; i++)
		issues[i].info.prefix = issues[i].prefix;
}

/* Fills one issue from a row; returns 0, or -1 when the row is of no
 * file the index was opened on. */
static int
index_issues_read_row(const Index *index, sqlite3_stmt *stmt, IndexIssue *issue)
{
	const char *key = (const char *)sqlite3_column_text(stmt, 1);
	const char *title = (const char *)sqlite3_column_text(stmt, 2);
	const char *date = (const char *)sqlite3_column_text(stmt, 3);
	const char *path = index_issues_path(index, key);

	if (path == NULL)
		return -1;
	memset(issue, 0, sizeof *issue);
	issue->id = sqlite3_column_int64(stmt, 0);
	issue->key = key != NULL ? xstrdup(key) : NULL;
	issue->path = xstrdup(path);
	issue->title = title != NULL && title[0] != '\0' ? xstrdup(title) :
	    index_issues_stem(path);
	issue->date = xstrdup(date != NULL ? date : "");
	issue->info.number = sqlite3_column_int(stmt, 4);
	issue->magazine = (title != NULL && title[0] != '\0') || issue->info.number > 0;
	issue->info.pages = sqlite3_column_int(stmt, 5);
	issue->first_article = sqlite3_column_int64(stmt, 6);
	issue->info.articles = (size_t)sqlite3_column_int64(stmt, 7);
	if ((size_t)sqlite3_column_bytes(stmt, 8) == 4 * issue->info.articles &&
	    issue->info.articles > 0) {
		const unsigned char *blob = sqlite3_column_blob(stmt, 8);
		size_t i;

		issue->tokens = xreallocarray(NULL, issue->info.articles, sizeof *issue->tokens);
		for (i = 0; i < issue->info.articles; i++)
			issue->tokens[i] = (uint32_t)blob[4 * i] | (uint32_t)blob[4 * i + 1] << 8 |
			    (uint32_t)blob[4 * i + 2] << 16 | (uint32_t)blob[4 * i + 3] << 24;
	}
	issue->info.path = issue->path;
	issue->info.title = issue->title;
	issue->info.date = issue->date;
	return 0;
}

/* Frees the strings of an issue (not its Issue). */
static void
index_issues_clear(IndexIssue *issue)
{
	free(issue->tokens);
	free(issue->key);
	free(issue->path);
	free(issue->prefix);
	free(issue->title);
	free(issue->date);
}

/* Moves the Issues already read from the old list to the new one, by
 * key; those of issues no longer listed are retired, not freed, since a
 * caller may still hold them. Frees the old list. */
static void
index_issues_carry_over(Index *index, IndexIssue *issues, size_t n)
{
	size_t i, j;

	for (i = 0; i < index->nissues; i++) {
		IndexIssue *old = &index->issues[i];

		for (j = 0; j < n && old->issue != NULL; j++) {
			if (issues[j].issue == NULL && ((old->key == NULL && issues[j].key == NULL) ||
			    (old->key != NULL && issues[j].key != NULL &&
			    strcmp(old->key, issues[j].key) == 0))) {
				issues[j].issue = old->issue;
				old->issue = NULL;
			}
		}
		if (old->issue != NULL) {
			index->retired = xreallocarray(index->retired, index->nretired + 1,
			    sizeof *index->retired);
			index->retired[index->nretired++] = old->issue;
		}
		index_issues_clear(old);
	}
	free(index->issues);
	index->issues = issues;
	index->nissues = n;
}

/* Reads the list of issues; returns an SQLite code. */
int
index_load_issues(Index *index)
{
	sqlite3_stmt *stmt = NULL;
	IndexIssue *issues = NULL;
	size_t n = 0, i;
	int rc;

	rc = sqlite3_prepare_v2(index->db, INDEX_ISSUES_SQL, -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		issues = xreallocarray(issues, n + 1, sizeof *issues);
		if (index_issues_read_row(index, stmt, &issues[n]) == 0)
			n++;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(stmt);
	if (rc != SQLITE_OK) {
		for (i = 0; i < n; i++)
			index_issues_clear(&issues[i]);
		free(issues);
		return rc;
	}
	if (n > 1)
		qsort(issues, n, sizeof *issues, index_issues_compare);
	index_issues_prefix(issues, n);
	index_issues_carry_over(index, issues, n);
	return SQLITE_OK;
}
