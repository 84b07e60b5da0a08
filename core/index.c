/* The index object, and opening the index of one issue: the cache file
 * when it is fresh, else a new one built beside it and renamed into place
 * (index_io.c), else one in memory.
 *
 * One issue's cache file's name carries the text's hash and the format
 * version, and the file carries them again, with the program's version
 * and a "complete" mark, in a stamp: a file that is not an SQLite
 * database, lacks a table, or has another stamp is rebuilt. Nobody writes
 * such a file in place. An archive's index is opened by index_archive.c. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "file.h"
#include "hash.h"
#include "index.h"
#include "index_han.h"
#include "index_internal.h"
#include "issue.h"
#include "paths.h"
#include "xalloc.h"

/* Opens the cache file when it is a complete index of this text; returns
 * 0, or -1 (missing, stale or damaged: noted). */
static int
index_open_cache(Index *index, const char *cache_path)
{
	sqlite3 *db = index_connect(cache_path, SQLITE_OPEN_READONLY, NULL);
	char *source;
	int fresh, rc = SQLITE_OK;

	if (db == NULL)
		return -1;
	/* Nobody writes a cache file of one issue in place (builds rename
	 * a new one over it), so the shared lock may be kept: every
	 * statement then skips taking it again and looking for a hot
	 * journal. */
	sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
	source = index_schema_issue_source(index->hash, index->length);
	fresh = index_schema_check(db, source, &rc) == 0;
	free(source);
	if (!fresh) {
		if (index_is_damage(rc))
			index_note_damage(index);
		sqlite3_close(db);
		return -1;
	}
	index->db = db;
	return 0;
}

/* Parses the issue if that is not done yet, reading the file again and
 * making sure it is still the text the index was opened for. Returns 0 or
 * -1 with *cause. */
static int
index_parse(Index *index, Issue **out, char **cause)
{
	char *data = NULL;
	size_t length;
	int rc;

	if (*out != NULL)
		return 0;
	if (file_read(index->path, &data, &length, cause) != 0)
		return -1;
	if (length != index->length || hash_bytes(data, length) != index->hash) {
		*cause = xasprintf("%s: changed while it was being read", index->path);
		free(data);
		return -1;
	}
	rc = issue_parse(data, length, index->path, out, cause);
	free(data);
	return rc;
}

/* Fills a new database with the parsed issue (index_write_cache's fill). */
static int
index_fill(sqlite3 *db, void *data, char **why, char **cause)
{
	Index *index = data;

	(void)cause;
	return index_build(db, index->parsed, index->hash, index->length, why);
}

/* Gives the index of one issue a database: the fresh cache, a rebuilt
 * cache, or one in memory, noting why the cache is not used. Returns 0,
 * or -1 with *cause set when the issue cannot be parsed or even memory
 * fails. */
static int
index_attach(Index *index, int flags, char **cause)
{
	char *dir = NULL, *reason = NULL, **why = &reason;
	int rc = -1;

	if (!(flags & INDEX_MEMORY)) {
		dir = paths_cache_dir();
		if (dir == NULL)
			*why = xstrdup("no cache folder (neither XDG_CACHE_HOME nor HOME is set)");
	}
	if (dir != NULL) {
		free(index->cache_path);
		index->cache_path = xasprintf("%s/%016" PRIx64 "-v%d.sqlite", dir, index->hash,
		    INDEX_FORMAT);
		if (!(flags & INDEX_REBUILD) && index_open_cache(index, index->cache_path) == 0) {
			rc = 0;
			goto out;
		}
		if (index_parse(index, &index->parsed, cause) != 0)
			goto out;
		index->reindexed = 1;
		if (index_write_cache(dir, index->cache_path, 0600, index_fill, index, why,
		    cause) == 0) {
			if (index_open_cache(index, index->cache_path) == 0) {
				rc = 0;
				goto out;
			}
			*why = xasprintf("%s: cannot be read back", index->cache_path);
		}
	}
	free(index->cache_path);
	index->cache_path = NULL;
	if (index_parse(index, &index->parsed, cause) != 0)
		goto out;
	index->reindexed = 1;
	index->db = index_connect(":memory:", SQLITE_OPEN_READWRITE, cause);
	if (index->db != NULL && index_build(index->db, index->parsed, index->hash, index->length,
	    cause) == 0)
		rc = 0;
out:
	index_note_memory(index, reason);
	free(dir);
	return rc;
}

/* Reads the list of issues of an opened index, recovering a damaged one;
 * none (freed here) is the failure when there is no issue. Returns 0, or
 * -1 with *cause (the caller frees). */
static int
index_read_issues(Index *index, char *none, char **cause)
{
	if (index_load_issues(index) != SQLITE_OK &&
	    (index_recover(index, cause) != 0 || index_load_issues(index) != SQLITE_OK)) {
		if (*cause == NULL)
			*cause = xasprintf("reading the index: %s", sqlite3_errmsg(index->db));
		free(none);
		return -1;
	}
	if (index->nissues > 0) {
		free(none);
		return 0;
	}
	*cause = index->notes != NULL ? xasprintf("%s; %s", none, index->notes) : xstrdup(none);
	free(none);
	return -1;
}

/* Hands the opened index over with its notices, or on failure (failure:
 * freed here or given to *cause) closes it. Returns 0 or -1. */
static int
index_hand_over(Index *index, char *failure, Index **out, char **notice, char **cause)
{
	if (failure != NULL) {
		if (cause != NULL)
			*cause = failure;
		else
			free(failure);
		index_close(index);
		return -1;
	}
	if (notice != NULL) {
		*notice = index->notes;
		index->notes = NULL;
	}
	*out = index;
	return 0;
}

/* Opens the index of the issue at path; see index.h. */
int
index_open(const char *path, int flags, Index **out, char **notice, char **cause)
{
	Index *index = xcalloc(1, sizeof *index);
	char *failure = NULL;

	*out = NULL;
	if (notice != NULL)
		*notice = NULL;
	index->path = xstrdup(path);
	if (index_hash_file(path, &index->hash, &index->length, &failure) == 0 &&
	    index_attach(index, flags, &failure) == 0)
		index_read_issues(index, xasprintf("%s: no issue", path), &failure);
	return index_hand_over(index, failure, out, notice, cause);
}

/* Opens an archive of a single file as that issue (index_open), refusing
 * a file that holds none. The archive's index (closed here) gives the
 * file and its notes (the shared index's), put before the issue's own.
 * Returns as index_open_archive(); arg is the argument that named it. */
static int
index_open_one_file(Index *archive, const char *arg, int flags, Index **out, char **notice,
    char **cause)
{
	char *path = xstrdup(archive->files->files[0].path), *shared_note = archive->notes;
	int named = archive->files->files[0].named, rc;

	archive->notes = NULL;
	index_close(archive);
	rc = index_open(path, flags, out, notice, cause);
	if (rc == 0 && shared_note != NULL && notice != NULL) {
		char *joined = *notice == NULL ? xstrdup(shared_note) :
		    xasprintf("%s; %s", shared_note, *notice);

		free(*notice);
		*notice = joined;
	}
	if (rc == 0 && !(*out)->issues[0].magazine) {
		index_close(*out);
		*out = NULL;
		if (notice != NULL) {
			free(*notice);
			*notice = NULL;
		}
		rc = -1;
		if (cause != NULL && named)
			*cause = xasprintf("%s: holds no issue of 《数志》 (no masthead, no issue number)",
			    path);
		else if (cause != NULL)
			*cause = xasprintf("%s: no issues in this folder (%s is none)", arg, path);
	}
	free(path);
	free(shared_note);
	return rc;
}

/* Opens the index of the issues of several files and folders; see index.h. */
int
index_open_archive(const char *const *paths, size_t npaths, int flags, Index **out,
    char **notice, char **cause)
{
	Index *index;
	ArchiveFiles *files = NULL;
	IndexPeek *peek = NULL;
	char *failure = NULL;

	*out = NULL;
	if (notice != NULL)
		*notice = NULL;
	if (index_find_archive(paths, npaths, flags, &files, &peek, &failure) != 0) {
		if (cause != NULL)
			*cause = failure;
		else
			free(failure);
		return -1;
	}
	index = xcalloc(1, sizeof *index);
	index->archive = 1;
	index->files = files;
	index->peek = peek;
	/* One folder: the index built there for everyone, when there is one
	 * and it can be trusted. */
	if (npaths == 1 && !files->files[0].named && !(flags & (INDEX_REBUILD | INDEX_MEMORY)) &&
	    index_shared_attach(index, paths[0]) == 0) {
		index_archive_peek_free(index->peek);
		index->peek = NULL;
		index_read_issues(index, xasprintf("%s: no issues in this folder", paths[0]),
		    &failure);
		return index_hand_over(index, failure, out, notice, cause);
	}
	if (files->count == 1)
		return index_open_one_file(index, paths[0], flags, out, notice, cause);
	if (index_archive_attach(index, flags, &failure) == 0)
		index_read_issues(index, npaths == 1 ?
		    xasprintf("%s: no issues in this folder", paths[0]) :
		    xasprintf("%s and the other arguments: no issues", paths[0]), &failure);
	return index_hand_over(index, failure, out, notice, cause);
}

/* Rebuilds a damaged index in place; returns 0 or -1 with *cause. */
int
index_recover(Index *index, char **cause)
{
	int flags = index->own_files != NULL ? 0 : index->cache_path != NULL ? INDEX_REBUILD :
	    INDEX_MEMORY;
	int rc;

	sqlite3_close(index->db);
	index->db = NULL;
	/* A damaged shared index is left for the user's own. */
	index_shared_leave(index);
	if (index->archive)
		rc = index_archive_attach(index, flags, cause);
	else
		rc = index_attach(index, flags, cause);
	if (rc == 0 && index_load_issues(index) != SQLITE_OK) {
		*cause = xasprintf("reading the index: %s", sqlite3_errmsg(index->db));
		rc = -1;
	}
	return rc;
}

/* Returns the number of issues. */
size_t
index_issue_count(const Index *index)
{
	return index->nissues;
}

/* Returns non-zero when IDs carry a prefix. */
int
index_is_archive(const Index *index)
{
	return index->nissues > 1;
}

/* Returns what is known of issue i; owned by the index. */
const IndexIssueInfo *
index_issue_info(const Index *index, size_t i)
{
	return i < index->nissues ? &index->issues[i].info : NULL;
}

/* Gives issue i: read from the index, else parsed from its file; 0, or
 * -1 with *cause. */
int
index_issue_load(Index *index, size_t i, const Issue **out, char **cause)
{
	IndexIssue *from;

	*out = NULL;
	if (i >= index->nissues) {
		*cause = xasprintf("no issue %zu in the index", i + 1);
		return -1;
	}
	from = &index->issues[i];
	if (from->issue == NULL && !index->archive && index->parsed != NULL) {
		from->issue = index->parsed;
		index->parsed = NULL;
	}
	/* The index is read first; the file, parsed, when it cannot be (the
	 * file is checked to be the text indexed, for one issue). */
	if (from->issue == NULL && (index->db == NULL ||
	    index_load_issue(index->db, from, from->path, &from->issue) != 0)) {
		if (index->archive ? issue_load(from->path, &from->issue, cause) != 0 :
		    index_parse(index, &from->issue, cause) != 0)
			return -1;
	}
	*out = from->issue;
	return 0;
}

/* Returns issue i, or NULL; owned by the index. */
const Issue *
index_issue_at(Index *index, size_t i)
{
	const Issue *issue;
	char *cause = NULL;

	if (index_issue_load(index, i, &issue, &cause) != 0)
		free(cause);
	return issue;
}

/* Returns issue 0; owned by the index. */
const Issue *
index_issue(Index *index)
{
	return index_issue_at(index, 0);
}

/* Finds an issue by its prefix; returns 0 and sets *i, or -1. */
int
index_find_issue(const Index *index, const char *prefix, size_t len, size_t *i)
{
	size_t k;

	for (k = 0; k < index->nissues; k++) {
		const char *p = index->issues[k].prefix;

		if (strlen(p) == len && memcmp(p, prefix, len) == 0) {
			*i = k;
			return 0;
		}
	}
	return -1;
}

/* Splits an ID into its issue and the ID within it; see index.h. */
int
index_split_id(const Index *index, const char *id, size_t *i, const char **local)
{
	const char *slash = strchr(id, '/');

	if (slash == NULL) {
		if (index_is_archive(index) || index->nissues == 0)
			return -1;
		*i = 0;
		*local = id;
		return 0;
	}
	if (index_find_issue(index, id, (size_t)(slash - id), i) != 0)
		return -1;
	*local = slash + 1;
	return 0;
}

/* Returns the position of the issue with this issue_id; 0, or -1. */
int
index_issue_position(const Index *index, sqlite3_int64 id, size_t *i)
{
	size_t lo = 0, hi = index->by_id != NULL ? index->nissues : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		sqlite3_int64 at = index->issues[index->by_id[mid]].id;

		if (at == id) {
			*i = index->by_id[mid];
			return 0;
		}
		if (at < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Gives the article rowids of an issue; 0, or -1 when there is none. */
int
index_issue_rows(const Index *index, size_t issue, sqlite3_int64 *first, sqlite3_int64 *last)
{
	if (issue >= index->nissues)
		return -1;
	*first = index->issues[issue].first_article;
	*last = *first + (sqlite3_int64)index->issues[issue].info.articles - 1;
	return 0;
}

/* Orders sizes by their first row (for qsort). */
static int
index_compare_sizes(const void *a, const void *b)
{
	const RankSizes *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* Returns the issues as ranges of rows for the ranking; the caller frees
 * the array, the index owns the sizes. */
RankSizes *
index_rank_sizes(const Index *index, size_t *n)
{
	RankSizes *sizes = xreallocarray(NULL, index->nissues + 1, sizeof *sizes);
	size_t i;

	for (i = 0; i < index->nissues; i++) {
		const IndexIssue *from = &index->issues[i];

		sizes[i].first = from->first_article;
		sizes[i].count = from->info.articles;
		sizes[i].order = i;
		sizes[i].tokens = from->tokens;
	}
	*n = index->nissues;
	/* Issues are mostly in the order of their rows already: sorted once
	 * a search at 1,000 issues took as long as half a rare word's. */
	for (i = 1; i < *n && sizes[i - 1].first <= sizes[i].first; i++)
		;
	if (i < *n)
		qsort(sizes, *n, sizeof *sizes, index_compare_sizes);
	return sizes;
}

/* Returns how many issues the open indexed. */
size_t
index_reindexed(const Index *index)
{
	return index->reindexed;
}

/* Returns the cache file in use, or NULL in memory; owned by the index. */
const char *
index_cache_path(const Index *index)
{
	return index->cache_path;
}

/* Returns the index's database connection; owned by the index. */
sqlite3 *
index_database(Index *index)
{
	return index->db;
}

/* Closes the index and frees everything it owns. */
void
index_close(Index *index)
{
	size_t i;

	if (index == NULL)
		return;
	sqlite3_close(index->db);
	for (i = 0; i < index->nissues; i++) {
		IndexIssue *issue = &index->issues[i];

		issue_free(issue->issue);
		index_issues_clear(issue);
	}
	free(index->issues);
	free(index->by_id);
	index_issues_free_rows(index->rows, index->nrows);
	index_archive_peek_free(index->peek);
	for (i = 0; i < index->nretired; i++)
		issue_free(index->retired[i]);
	free(index->retired);
	issue_free(index->parsed);
	archive_files_free(index->files);
	archive_files_free(index->own_files);
	free(index->cache_path);
	free(index->path);
	free(index->notes);
	index_han_free(index->han);
	free(index);
}
