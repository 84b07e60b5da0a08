/* The list of an index's issues: read from the issues table, put in the
 * order of their numbers, and given the prefixes of their IDs. An issue's
 * prefix is its number (总第十二期: "12"); an issue without a number, or
 * sharing it with another, has its file's name without ".txt" instead,
 * and a name that is still not unique gets "~2", "~3"… */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "hash.h"
#include "index_internal.h"
#include "text.h"
#include "xalloc.h"

#define INDEX_ISSUES_COLUMNS \
	"SELECT issue_id, file, title, date, number, pages, first_article, article_count," \
	" tokens, is_issue"
/* The list alone: the issues. */
#define INDEX_ISSUES_SQL \
	INDEX_ISSUES_COLUMNS " FROM issues WHERE is_issue ORDER BY issue_id"
/* Every row with its file's stamp, files without an issue too: an
 * archive's freshness is checked on the same rows (index_archive.c). */
#define INDEX_ISSUES_STAMPS_SQL \
	INDEX_ISSUES_COLUMNS ", size, mtime, ctime, inode, device FROM issues ORDER BY issue_id"

/* Returns the file's name without its folder and ".txt", fit for a
 * terminal, its bytes that are no UTF-8 (a GBK name) as "\xNN" that can
 * be typed back; the caller frees it. */
static char *
index_issues_stem(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash != NULL ? slash + 1 : path;
	size_t len = strlen(base), i;
	char *stem, *copy;

	if (len > 4 && strcasecmp(base + len - 4, ".txt") == 0)
		len -= 4;
	/* Printable ASCII, as most names are, needs no escape. */
	for (i = 0; i < len && base[i] >= 0x20 && base[i] < 0x7f; i++)
		;
	if (i == len && len > 0)
		return xstrndup(base, len);
	copy = xstrndup(base, len);
	stem = text_escape(copy);
	free(copy);
	if (stem[0] == '\0') {
		free(stem);
		stem = xstrdup("issue");
	}
	return stem;
}

/* Returns the path the user named for a key, or NULL; the file is looked
 * for after *hint first, and *hint set to it (archive_file_after). */
static const char *
index_issues_path(const Index *index, const ArchiveFile **hint, const char *key)
{
	const ArchiveFile *file;

	if (index->files == NULL || key == NULL)
		return index->path;
	file = archive_file_after(index->files, *hint, key, strlen(key));
	*hint = file;
	return file != NULL ? file->path : NULL;
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

/* Returns head, then between, then n in decimal; the caller frees it.
 * Made by hand: a list of 1,000 issues makes a prefix of each, and
 * printf's parsing of the format cost more than the rest of the list. */
static char *
index_issues_numbered(const char *head, const char *between, size_t n)
{
	char digits[3 * sizeof n], *end = digits + sizeof digits, *d = end, *s;
	size_t head_len = strlen(head), between_len = strlen(between);

	do {
		*--d = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	s = xmalloc(head_len + between_len + (size_t)(end - d) + 1);
	memcpy(s, head, head_len);
	memcpy(s + head_len, between, between_len);
	memcpy(s + head_len + between_len, d, (size_t)(end - d));
	s[head_len + between_len + (size_t)(end - d)] = '\0';
	return s;
}

/* The issues' prefixes grouped by equal text: each issue's group, and
 * each group's size. */
typedef struct PrefixGroups {
	size_t	*group;		/* per issue */
	size_t	*size;		/* per group */
	size_t	 ngroups;
} PrefixGroups;

/* Groups the n issues by prefix (an open-addressed table of the groups'
 * first issues); returns non-zero when a group has more than one. */
static int
index_issues_group(IndexIssue *issues, size_t n, PrefixGroups *g)
{
	size_t slots = 16, mask, i, *first;
	int shared = 0;

	while (slots < 2 * n)
		slots *= 2;
	mask = slots - 1;
	first = xreallocarray(NULL, slots, sizeof *first);
	for (i = 0; i < slots; i++)
		first[i] = SIZE_MAX;
	g->ngroups = 0;
	for (i = 0; i < n; i++) {
		const char *p = issues[i].prefix;
		size_t at = (size_t)hash_bytes(p, strlen(p)) & mask;

		while (first[at] != SIZE_MAX && strcmp(issues[first[at]].prefix, p) != 0)
			at = (at + 1) & mask;
		if (first[at] == SIZE_MAX) {
			first[at] = i;
			g->group[i] = g->ngroups;
			g->size[g->ngroups++] = 1;
		} else {
			g->group[i] = g->group[first[at]];
			shared |= ++g->size[g->group[i]] > 1;
		}
	}
	free(first);
	return shared;
}

/* Gives each issue its prefix: its number, else its file's name; then
 * issues sharing a number take their names; then of issues still sharing
 * a name, each but the first in the list gets "~K", K its place among
 * them (from 2); and should that still be shared, "~N", N its place in
 * the list, which no other prefix can end in. Grouping by a hash table
 * keeps this O(n). */
static void
index_issues_prefix(IndexIssue *issues, size_t n)
{
	PrefixGroups g;
	size_t *seen, i;
	int pass;

	for (i = 0; i < n; i++)
		issues[i].prefix = issues[i].info.number > 0 ?
		    index_issues_numbered("", "", (size_t)issues[i].info.number) :
		    index_issues_stem(issues[i].path);
	g.group = xreallocarray(NULL, n + 1, sizeof *g.group);
	g.size = xreallocarray(NULL, n + 1, sizeof *g.size);
	seen = xreallocarray(NULL, n + 1, sizeof *seen);
	for (pass = 0; pass < 3 && index_issues_group(issues, n, &g); pass++) {
		memset(seen, 0, g.ngroups * sizeof *seen);
		for (i = 0; i < n; i++) {
			char *p = issues[i].prefix;
			size_t k = ++seen[g.group[i]];

			if (g.size[g.group[i]] == 1)
				continue;
			if (pass == 0) {
				/* A shared number: all of them go by their names. */
				issues[i].prefix = index_issues_stem(issues[i].path);
				free(p);
			} else if (k > 1) {
				issues[i].prefix = index_issues_numbered(p, "~", pass == 2 ? i : k);
				free(p);
			}
		}
	}
	free(g.group);
	free(g.size);
	free(seen);
	for (i = 0; i < n; i++)
		issues[i].info.prefix = issues[i].prefix;
}

/* Fills one issue from a row, but its path; its stamp too when the row
 * has it. */
static void
index_issues_read_row(sqlite3_stmt *stmt, int stamps, IndexIssue *issue)
{
	/* The file's name is its bytes (a blob: see index_build.c). */
	const char *bytes = sqlite3_column_blob(stmt, 1);

	memset(issue, 0, sizeof *issue);
	issue->id = sqlite3_column_int64(stmt, 0);
	issue->key = bytes != NULL ? xstrndup(bytes, (size_t)sqlite3_column_bytes(stmt, 1)) : NULL;
	issue->is_issue = sqlite3_column_int(stmt, 9) != 0;
	if (stamps) {
		issue->size = sqlite3_column_int64(stmt, 10);
		issue->mtime = sqlite3_column_int64(stmt, 11);
		issue->ctime = sqlite3_column_int64(stmt, 12);
		issue->inode = sqlite3_column_int64(stmt, 13);
		issue->device = sqlite3_column_int64(stmt, 14);
	}
	if (!issue->is_issue)
		return;		/* a README: its stamp is all there is */
	/* An empty title is the file's name, given with its path. */
	issue->title = index_column_copy(stmt, 2);
	if (issue->title != NULL && issue->title[0] == '\0') {
		free(issue->title);
		issue->title = NULL;
	}
	issue->date = index_column_copy(stmt, 3);
	if (issue->date == NULL)
		issue->date = xstrdup("");
	issue->info.number = sqlite3_column_int(stmt, 4);
	issue->magazine = issue->title != NULL || issue->info.number > 0;
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
}

/* Gives a row read by index_issues_read() its path, the one the user
 * named for its file; returns 0, or -1 when it is no issue or of no file
 * the index was opened on. */
static int
index_issues_place(const Index *index, const ArchiveFile **hint, IndexIssue *issue)
{
	const char *path;

	if (!issue->is_issue || (path = index_issues_path(index, hint, issue->key)) == NULL)
		return -1;
	issue->path = xstrdup(path);
	if (issue->title == NULL)
		issue->title = index_issues_stem(path);
	issue->info.path = issue->path;
	issue->info.title = issue->title;
	issue->info.date = issue->date;
	return 0;
}

/* Frees the strings of an issue (not its Issue). */
void
index_issues_clear(IndexIssue *issue)
{
	free(issue->tokens);
	free(issue->key);
	free(issue->path);
	free(issue->prefix);
	free(issue->title);
	free(issue->date);
}

/* Frees n rows read by index_issues_read() and their array. */
void
index_issues_free_rows(IndexIssue *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		index_issues_clear(&rows[i]);
	free(rows);
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

/* Lists the issues' positions by issue_id, which index_issue_position()
 * searches (a search asks it for each issue a character's row names):
 * their places in the table's issue_id order, which they were read in. */
static void
index_issues_sort_by_id(Index *index)
{
	size_t i;

	free(index->by_id);
	index->by_id = xreallocarray(NULL, index->nissues + 1, sizeof *index->by_id);
	for (i = 0; i < index->nissues; i++)
		index->by_id[index->issues[i].read] = i;
}

/* Reads the rows of the issues table from the table itself; see
 * index_internal.h. */
int
index_issues_read_table(sqlite3 *db, int stamps, IndexIssue **out, size_t *n)
{
	sqlite3_stmt *stmt = NULL;
	IndexIssue *rows = NULL;
	size_t count = 0, allocated = 0;
	int rc;

	rc = sqlite3_prepare_v2(db, stamps ? INDEX_ISSUES_STAMPS_SQL : INDEX_ISSUES_SQL, -1, &stmt,
	    NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		rows = xgrow(rows, &allocated, count, sizeof *rows);
		index_issues_read_row(stmt, stamps, &rows[count++]);
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(stmt);
	if (rc != SQLITE_OK) {
		index_issues_free_rows(rows, count);
		rows = NULL;
		count = 0;
	}
	*out = rows;
	*n = count;
	return rc;
}

/* Reads the rows of the issues table, saved in one blob when there is
 * one of the current update; see index_internal.h. */
int
index_issues_read(sqlite3 *db, int stamps, IndexIssue **out, size_t *n)
{
	if (index_issues_read_saved(db, stamps, out, n) == 0)
		return SQLITE_OK;
	return index_issues_read_table(db, stamps, out, n);
}

/* Reads the list of issues; returns an SQLite code. */
int
index_load_issues(Index *index)
{
	IndexIssue *issues;
	const ArchiveFile *hint = NULL;
	size_t nrows, n = 0, i;
	int rc = SQLITE_OK;

	if (index->rows != NULL) {
		issues = index->rows;
		nrows = index->nrows;
		index->rows = NULL;
		index->nrows = 0;
	} else
		rc = index_issues_read(index->db, 0, &issues, &nrows);
	if (rc != SQLITE_OK)
		return rc;
	/* Those listed, in the table's order: their places in it. */
	for (i = 0; i < nrows; i++) {
		if (index_issues_place(index, &hint, &issues[i]) != 0) {
			index_issues_clear(&issues[i]);
			continue;
		}
		issues[n] = issues[i];
		issues[n].read = n;
		n++;
	}
	if (n > 1)
		qsort(issues, n, sizeof *issues, index_issues_compare);
	index_issues_prefix(issues, n);
	index_issues_carry_over(index, issues, n);
	index_issues_sort_by_id(index);
	return SQLITE_OK;
}
