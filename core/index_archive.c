/* Opening an archive's index: one cache file for the whole archive,
 * $XDG_CACHE_HOME/shuzhi/archive-KEY-vFORMAT.sqlite, KEY being the hash
 * of the arguments' real paths (archive.h), so that each folder (or list
 * of files) has its own, whatever its spelling on the command line.
 *
 * Unlike one issue's cache, this file is updated in place (index_sync.c),
 * under SQLite's locks with a rollback journal: a process that finds it
 * stale waits for the write lock, readers wait for a writer's commit, and
 * a process killed during an update leaves a journal that the next one
 * rolls back. A new file is created empty and filled in place under the
 * lock, so that several processes starting at once on an empty cache
 * build it once. A file that is damaged, of another program's version or
 * another archive's is rebuilt whole in a temporary file and renamed over
 * it (index_io.c), as one issue's is; so is every file on --reindex. When
 * the cache cannot be written, or stays locked for a minute, the index is
 * built in memory. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "hash.h"
#include "index_internal.h"
#include "paths.h"
#include "xalloc.h"

/* A look at a cache file: its connection, and its issues' rows with their
 * stamps (index_issues_read). */
struct IndexPeek {
	char		*cache_path;
	sqlite3		*db;
	IndexIssue	*rows;
	size_t		 nrows;
};

/* What opening the cache file came to. */
enum {
	ARCHIVE_OPENED,		/* fresh, or brought up to date */
	ARCHIVE_REBUILD,	/* damaged or stale: build it anew */
	ARCHIVE_UNUSABLE,	/* cannot be written or stays locked: *why says why */
	ARCHIVE_FAILED,		/* a named FILE is not an issue: *cause says so */
};

/* Fills a new database with the archive; see index_internal.h. */
int
index_archive_fill(sqlite3 *db, void *data, char **why, char **cause)
{
	ArchiveFill *fill = data;
	int rc;

	rc = sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL,
	    NULL);
	if (rc != SQLITE_OK) {
		*why = xasprintf("building the index: %s", sqlite3_errmsg(db));
		return -1;
	}
	return index_sync(db, fill->files, fill->source, &fill->report, why, cause);
}

/* Takes an update's report into the index; see index_internal.h. */
void
index_archive_take_report(Index *index, IndexSyncReport *report)
{
	index->reindexed = report->reindexed;
	if (report->skipped == 1)
		index_note(index, "%s: skipped", report->first_skipped);
	else if (report->skipped > 1)
		index_note(index, "%zu unreadable files skipped, the first %s", report->skipped,
		    report->first_skipped);
	index_sync_report_clear(report);
}

/* Removes a new cache file that a failed first build left empty, and its
 * journal: only when this process can take the write lock at once and
 * finds the database still empty, and path is still the file st describes.
 * Another process building it holds the lock, and is left alone. */
static void
index_archive_forget(sqlite3 *db, const char *path, const char *source, const struct stat *st)
{
	struct stat now;
	char *journal;

	sqlite3_busy_timeout(db, 0);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return;
	if (index_schema_check(db, source, NULL) == 1 && stat(path, &now) == 0 &&
	    now.st_ino == st->st_ino && now.st_dev == st->st_dev) {
		journal = xasprintf("%s-journal", path);
		unlink(path);
		unlink(journal);
		free(journal);
	}
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Returns the path of the cache file of the archive keyed key in the
 * cache folder dir; the caller frees it. */
static char *
index_archive_cache_path(const char *dir, const char *key)
{
	return xasprintf("%s/archive-%016" PRIx64 "-v%d.sqlite", dir, hash_bytes(key, strlen(key)),
	    INDEX_FORMAT);
}

/* Opens the cache file at path as a cache is read and written, and sets
 * *st (unless st is NULL) to its stat once open, zeros when it has none;
 * returns the connection, or NULL with *why set when why is not NULL. */
static sqlite3 *
index_archive_connect(const char *path, int flags, struct stat *st, char **why)
{
	sqlite3 *db = index_connect(path, flags, why);

	if (db == NULL)
		return NULL;
	if (st != NULL && stat(path, st) != 0)
		memset(st, 0, sizeof *st);
	sqlite3_busy_timeout(db, INDEX_BUSY_MILLISECONDS);
	/* A cache: a crash of the machine may damage it, and then it is
	 * rebuilt; a crash of the process is covered by the journal. */
	sqlite3_exec(db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	return db;
}

/* Looks at an archive's cache file; see index_internal.h. */
IndexPeek *
index_archive_peek(const char *key)
{
	char *dir = paths_cache_dir(), *source;
	IndexPeek *peek;
	struct stat st;
	int rc;

	if (dir == NULL)
		return NULL;
	peek = xcalloc(1, sizeof *peek);
	peek->cache_path = index_archive_cache_path(dir, key);
	source = xasprintf("archive\n%s", key);
	/* Only what the open would read: an existing file, never made. Its
	 * stat is not needed: only a new file's is (index_archive_forget). */
	if (lstat(peek->cache_path, &st) == 0 && S_ISREG(st.st_mode))
		peek->db = index_archive_connect(peek->cache_path, SQLITE_OPEN_READWRITE, NULL,
		    NULL);
	if (peek->db == NULL || index_schema_check(peek->db, source, &rc) != 0 ||
	    index_issues_read(peek->db, 1, &peek->rows, &peek->nrows) != SQLITE_OK) {
		index_archive_peek_free(peek);
		peek = NULL;
	}
	free(source);
	free(dir);
	return peek;
}

/* Frees a look at a cache file, closing its connection. */
void
index_archive_peek_free(IndexPeek *peek)
{
	if (peek == NULL)
		return;
	index_issues_free_rows(peek->rows, peek->nrows);
	sqlite3_close(peek->db);
	free(peek->cache_path);
	free(peek);
}

/* Takes the index's look at its cache file when it looked at the file at
 * path: sets *rows and *nrows, and returns its connection; else frees
 * the look and returns NULL. */
static sqlite3 *
index_archive_take_peek(Index *index, const char *path, IndexIssue **rows, size_t *nrows)
{
	IndexPeek *peek = index->peek;
	sqlite3 *db = NULL;

	index->peek = NULL;
	if (peek != NULL && strcmp(peek->cache_path, path) == 0) {
		db = peek->db;
		*rows = peek->rows;
		*nrows = peek->nrows;
		peek->db = NULL;
		peek->rows = NULL;
		peek->nrows = 0;
	}
	index_archive_peek_free(peek);
	return db;
}

/* Reads the issues table of a complete index, unless its rows are given
 * (rows not NULL: it takes them), and, when it records the archive's
 * files exactly as they are, keeps its connection, and the rows for
 * index_load_issues(): what an unchanged archive reads of the table is
 * read once. Returns 0, or -1 when index_sync() must look. */
static int
index_archive_take_unchanged(Index *index, sqlite3 *db, IndexIssue *rows, size_t nrows)
{
	if (rows == NULL && index_issues_read(db, 1, &rows, &nrows) != SQLITE_OK)
		return -1;
	if (!index_sync_rows_fresh(rows, nrows, index->files)) {
		index_issues_free_rows(rows, nrows);
		return -1;
	}
	index_issues_free_rows(index->rows, index->nrows);
	index->rows = rows;
	index->nrows = nrows;
	index->db = db;
	return 0;
}

/* Opens the cache file, creating it when missing, and brings it up to
 * date; returns one of the ARCHIVE_ outcomes, and sets index->db when
 * opened. */
static int
index_archive_open_cache(Index *index, const char *dir, const char *source, char **why,
    char **cause)
{
	IndexSyncReport report = { 0 };
	IndexIssue *rows = NULL;
	size_t nrows = 0;
	sqlite3 *db;
	struct stat st;
	char *reason = NULL, *failure = NULL;
	int rc = SQLITE_OK, check, damaged;

	/* Looked at already (index_find.c): a complete index of the archive,
	 * its rows read. */
	db = index_archive_take_peek(index, index->cache_path, &rows, &nrows);
	if (db != NULL) {
		memset(&st, 0, sizeof st);
		check = 0;
	} else {
		/* A symbolic link (or anything but a file) in the cache
		 * file's place is replaced by a new file, never followed: the
		 * rebuild renames over the link, not into its target. */
		if (lstat(index->cache_path, &st) == 0 && !S_ISREG(st.st_mode))
			return ARCHIVE_REBUILD;
		/* A missing cache is made in place: other processes opening
		 * it at the same time wait for this one's build rather than
		 * make their own. */
		db = index_archive_connect(index->cache_path, SQLITE_OPEN_READWRITE, &st, NULL);
		if (db == NULL) {
			if (paths_make_dir(dir, why) != 0)
				return ARCHIVE_UNUSABLE;
			db = index_archive_connect(index->cache_path,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &st, why);
			if (db == NULL)
				return ARCHIVE_UNUSABLE;
		}
		check = index_schema_check(db, source, &rc);
	}
	if (check < 0) {
		sqlite3_close(db);
		if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_CANTOPEN ||
		    (rc & 0xff) == SQLITE_IOERR) {
			*why = xasprintf("%s: %s", index->cache_path, sqlite3_errstr(rc));
			return ARCHIVE_UNUSABLE;
		}
		if (index_is_damage(rc))
			index_note_damage(index);
		return ARCHIVE_REBUILD;
	}
	if (check == 0 && index_archive_take_unchanged(index, db, rows, nrows) == 0)
		return ARCHIVE_OPENED;
	rc = index_sync(db, index->files, source, &report, &reason, &failure);
	damaged = report.damaged;
	index_archive_take_report(index, &report);
	if (rc == 0) {
		index->db = db;
		return ARCHIVE_OPENED;
	}
	/* A first build that failed (a full disk) leaves nothing behind. */
	if (check == 1)
		index_archive_forget(db, index->cache_path, source, &st);
	sqlite3_close(db);
	if (failure != NULL) {
		free(reason);
		*cause = failure;
		return ARCHIVE_FAILED;
	}
	if (damaged) {
		free(reason);
		index_note_damage(index);
		return ARCHIVE_REBUILD;
	}
	*why = reason;
	return ARCHIVE_UNUSABLE;
}

/* Rebuilds the cache file whole and opens it; returns an ARCHIVE_ outcome
 * (never ARCHIVE_REBUILD). */
static int
index_archive_rebuild(Index *index, const char *dir, const char *source, char **why,
    char **cause)
{
	ArchiveFill fill = { index->files, source, { 0 } };
	char *reason = NULL, *failure = NULL;
	int rc;

	if (index_write_cache(dir, index->cache_path, 0600, index_archive_fill, &fill, &reason,
	    &failure) != 0) {
		index_sync_report_clear(&fill.report);
		if (failure != NULL) {
			free(reason);
			*cause = failure;
			return ARCHIVE_FAILED;
		}
		*why = reason;
		return ARCHIVE_UNUSABLE;
	}
	rc = index_archive_open_cache(index, dir, source, why, cause);
	index_archive_take_report(index, &fill.report);
	if (rc == ARCHIVE_REBUILD) {
		*why = xasprintf("%s: cannot be read back", index->cache_path);
		rc = ARCHIVE_UNUSABLE;
	}
	return rc;
}

/* Builds the archive's index in memory; returns 0 or -1 with *cause. */
static int
index_archive_memory(Index *index, const char *source, char **cause)
{
	ArchiveFill fill = { index->files, source, { 0 } };
	char *why = NULL;
	int rc;

	index->db = index_connect(":memory:", SQLITE_OPEN_READWRITE, cause);
	if (index->db == NULL)
		return -1;
	rc = index_archive_fill(index->db, &fill, &why, cause);
	index_archive_take_report(index, &fill.report);
	if (rc != 0 && why != NULL)
		*cause = why;
	else
		free(why);
	return rc;
}

/* Gives an archive's index its database; see index_internal.h. */
int
index_archive_attach(Index *index, int flags, char **cause)
{
	char *dir = NULL, *source = xasprintf("archive\n%s", index->files->key), *reason = NULL;
	char **why = &reason;
	int rc = ARCHIVE_UNUSABLE;

	index->reindexed = 0;
	if (!(flags & INDEX_MEMORY)) {
		dir = paths_cache_dir();
		if (dir == NULL)
			*why = xstrdup("no cache folder (neither XDG_CACHE_HOME nor HOME is set)");
	}
	free(index->cache_path);
	index->cache_path = NULL;
	if (dir != NULL) {
		index->cache_path = index_archive_cache_path(dir, index->files->key);
		rc = flags & INDEX_REBUILD ? ARCHIVE_REBUILD :
		    index_archive_open_cache(index, dir, source, why, cause);
		if (rc == ARCHIVE_REBUILD)
			rc = index_archive_rebuild(index, dir, source, why, cause);
	}
	if (rc == ARCHIVE_UNUSABLE) {
		free(index->cache_path);
		index->cache_path = NULL;
		rc = index_archive_memory(index, source, cause) == 0 ? ARCHIVE_OPENED :
		    ARCHIVE_FAILED;
	}
	index_note_memory(index, reason);
	free(source);
	free(dir);
	return rc == ARCHIVE_OPENED ? 0 : -1;
}
