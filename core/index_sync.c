/* Keeping an archive's database up to date with its files.
 *
 * The issues table records each file's key, size, modification and change
 * times (ns), inode and device, and its text's hash. An open compares that
 * with a stat() of every file, reading nothing: when all match, and no
 * file came or went, the database is fresh and nothing is locked or
 * written. Otherwise it takes the write lock (BEGIN IMMEDIATE: several
 * processes starting at once queue here, and those after the first find
 * the work done), compares again, and for each file:
 *   - gone: its issue is removed (index_remove.c);
 *   - new: it is read, parsed and indexed;
 *   - stat changed: it is read and hashed; the same text only updates the
 *     stat, another text replaces the issue (removed, then indexed anew
 *     under a new issue_id and new article rowids, never reused, so that a
 *     process that opened the archive before sees no article change under
 *     its feet).
 * A file of a folder is an issue when the parser finds the magazine's
 * masthead or an issue number (总第N期) in it (index_sync_is_issue); one
 * that holds none, a README.txt say, is recorded as such (is_issue 0) and
 * not read again until it changes. A FILE named on the command line is
 * an issue whatever it holds, as with one issue. All of it is one
 * transaction. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "archive.h"
#include "file.h"
#include "hash.h"
#include "index_han.h"
#include "index_internal.h"
#include "issue.h"
#include "xalloc.h"

/* In the table's order, sorted afterwards: ORDER BY file would go
 * through the file index and look up each row in the table from it. */
#define INDEX_SYNC_ROWS_SQL \
	"SELECT issue_id, file, size, mtime, ctime, inode, device, hash, length FROM issues"
/* What the check that nothing changed reads of each row. */
#define INDEX_SYNC_STAMPS_SQL \
	"SELECT file, size, mtime, ctime, inode, device FROM issues"
#define INDEX_SYNC_RESTAMP_SQL \
	"UPDATE issues SET size = ?2, mtime = ?3, ctime = ?4, inode = ?5, device = ?6" \
	" WHERE issue_id = ?1"

/* A row of the issues table as the sync compares it. */
typedef struct SyncRow {
	sqlite3_int64	 id;
	char		*key;
	long long	 size, mtime, ctime, inode, device;
	char		*hash;
	size_t		 length;
} SyncRow;

/* The rows of the issues table, sorted by key. */
typedef struct SyncRows {
	SyncRow		*rows;
	size_t		 count;
	size_t		 size;
} SyncRows;

/* Frees the rows. */
static void
index_sync_rows_free(SyncRows *rows)
{
	size_t i;

	for (i = 0; i < rows->count; i++) {
		free(rows->rows[i].key);
		free(rows->rows[i].hash);
	}
	free(rows->rows);
	rows->rows = NULL;
	rows->count = rows->size = 0;
}

/* Returns the bytes of blob column i as a string, "" when NULL; the
 * caller frees it. */
static char *
index_sync_bytes(sqlite3_stmt *stmt, int i)
{
	const char *bytes = sqlite3_column_blob(stmt, i);

	return xstrndup(bytes != NULL ? bytes : "", (size_t)sqlite3_column_bytes(stmt, i));
}

/* Orders rows by key, as archive.c orders files (for qsort). */
static int
index_sync_compare_rows(const void *a, const void *b)
{
	return strcmp(((const SyncRow *)a)->key, ((const SyncRow *)b)->key);
}

/* Reads the issues table, sorted by key; returns an SQLite code. */
static int
index_sync_read_rows(sqlite3 *db, SyncRows *rows)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, INDEX_SYNC_ROWS_SQL, -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		SyncRow *r;

		rows->rows = xgrow(rows->rows, &rows->size, rows->count, sizeof *rows->rows);
		r = &rows->rows[rows->count++];
		r->id = sqlite3_column_int64(stmt, 0);
		r->key = index_sync_bytes(stmt, 1);
		r->size = sqlite3_column_int64(stmt, 2);
		r->mtime = sqlite3_column_int64(stmt, 3);
		r->ctime = sqlite3_column_int64(stmt, 4);
		r->inode = sqlite3_column_int64(stmt, 5);
		r->device = sqlite3_column_int64(stmt, 6);
		r->hash = xstrdup(index_column_text(stmt, 7));
		r->length = (size_t)sqlite3_column_int64(stmt, 8);
		rc = SQLITE_OK;
	}
	if (rows->count > 1)
		qsort(rows->rows, rows->count, sizeof *rows->rows, index_sync_compare_rows);
	return index_statement_done(stmt, rc);
}

/* Returns non-zero when the row records the file as it is now. */
static int
index_sync_row_matches(const SyncRow *r, const ArchiveFile *f)
{
	return strcmp(r->key, f->key) == 0 &&
	    archive_file_unchanged(&f->st, r->size, r->mtime, r->ctime, r->inode, r->device);
}

/* Returns non-zero when the rows record exactly the files, unchanged. */
static int
index_sync_is_fresh(const SyncRows *rows, const ArchiveFiles *files)
{
	size_t i;

	if (rows->count != files->count)
		return 0;
	for (i = 0; i < rows->count; i++)
		if (!index_sync_row_matches(&rows->rows[i], &files->files[i]))
			return 0;
	return 1;
}

/* Returns non-zero when one of files has the key of len bytes at key (NULL:
 * none) and the stamp recorded for it: size, times, inode and device. The
 * file is looked for after *hint first, and *hint set to it: rows read in
 * the order of their keys find each file at once. */
static int
index_sync_stamp_fresh(const ArchiveFiles *files, const ArchiveFile **hint, const char *key,
    size_t len, long long size, long long mtime, long long ctime, long long inode,
    long long device)
{
	const ArchiveFile *f = key == NULL ? NULL : archive_file_after(files, *hint, key, len);

	*hint = f;
	return f != NULL && archive_file_unchanged(&f->st, size, mtime, ctime, inode, device);
}

/* Sets *fresh when the issues table records exactly the files, unchanged,
 * as each row is read: nothing is copied or sorted, since the files are
 * sorted by key and each row finds its own. Returns an SQLite code. */
static int
index_sync_check_fresh(sqlite3 *db, const ArchiveFiles *files, int *fresh)
{
	sqlite3_stmt *stmt = NULL;
	const ArchiveFile *hint = NULL;
	size_t rows = 0;
	int rc;

	*fresh = 1;
	rc = sqlite3_prepare_v2(db, INDEX_SYNC_STAMPS_SQL, -1, &stmt, NULL);
	while (rc == SQLITE_OK && *fresh && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		/* Keys are unique in the table and in the files: as many
		 * rows found as there are files is each file found once. */
		*fresh = index_sync_stamp_fresh(files, &hint, sqlite3_column_blob(stmt, 0),
		    (size_t)sqlite3_column_bytes(stmt, 0), sqlite3_column_int64(stmt, 1),
		    sqlite3_column_int64(stmt, 2), sqlite3_column_int64(stmt, 3),
		    sqlite3_column_int64(stmt, 4), sqlite3_column_int64(stmt, 5));
		rows++;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(stmt);
	if (rc != SQLITE_OK || rows != files->count)
		*fresh = 0;
	return rc;
}

/* Returns non-zero when the rows of the issues table (index_issues_read)
 * record exactly the files, unchanged: the check of index_sync(), on
 * rows read with the list of issues. */
int
index_sync_rows_fresh(const IndexIssue *rows, size_t n, const ArchiveFiles *files)
{
	const ArchiveFile *hint = NULL;
	size_t i;

	if (n != files->count)
		return 0;
	for (i = 0; i < n; i++)
		if (!index_sync_stamp_fresh(files, &hint, rows[i].key,
		    rows[i].key == NULL ? 0 : strlen(rows[i].key),
		    rows[i].size, rows[i].mtime, rows[i].ctime, rows[i].inode, rows[i].device))
			return 0;
	return 1;
}

/* Fills the stamp of a file with its stat and text. */
static void
index_sync_stamp(IndexFileStamp *stamp, const ArchiveFile *f, uint64_t hash, size_t length,
    long long generation)
{
	stamp->key = f->key;
	stamp->size = (long long)f->st.st_size;
	stamp->mtime = archive_mtime_ns(&f->st);
	stamp->ctime = archive_ctime_ns(&f->st);
	stamp->inode = (long long)f->st.st_ino;
	stamp->device = (long long)f->st.st_dev;
	stamp->hash = hash;
	stamp->length = length;
	stamp->generation = generation;
}

/* Checks a shared index against the files; see index_internal.h. */
int
index_sync_check_shared(sqlite3 *db, const ArchiveFiles *files, char **why)
{
	SyncRows rows = { NULL, 0, 0 };
	size_t i = 0, j = 0;
	int rc;

	rc = index_sync_read_rows(db, &rows);
	if (rc != SQLITE_OK) {
		*why = xasprintf("its list of files cannot be read: %s", sqlite3_errstr(rc));
		return -1;
	}
	while (*why == NULL && (i < rows.count || j < files->count)) {
		const ArchiveFile *f = j < files->count ? &files->files[j] : NULL;
		const SyncRow *r = i < rows.count ? &rows.rows[i] : NULL;
		int c = r == NULL ? 1 : f == NULL ? -1 : strcmp(r->key, f->key);

		if (c < 0)
			*why = xasprintf("%s was removed since it was built", r->key);
		else if (c > 0)
			*why = xasprintf("%s was added since it was built", f->path);
		else if ((long long)f->st.st_size != r->size || archive_mtime_ns(&f->st) != r->mtime)
			*why = xasprintf("%s changed since it was built", f->path);
		i += c <= 0;
		j += c >= 0;
	}
	index_sync_rows_free(&rows);
	return *why == NULL ? 0 : -1;
}

/* Returns non-zero when a parsed text is an issue of the magazine: it has
 * a masthead or a number. Any text parses: as one article, at least. */
int
index_sync_is_issue(const Issue *issue)
{
	return issue_title(issue)[0] != '\0' || issue_number(issue) > 0;
}

/* Indexes a prepared file: its issue, or the record that it holds none.
 * Returns an SQLite code, or -1 with *cause when a file named on the
 * command line holds no issue. */
static int
index_sync_add(sqlite3 *db, const ArchiveFile *f, IndexPrepared *prepared, long long generation,
    IndexHanUpdate *han, IndexSyncReport *report, char **cause)
{
	IndexFileStamp stamp;
	int rc;

	index_sync_stamp(&stamp, f, prepared->hash, prepared->length, generation);
	if (prepared->issue == NULL) {
		if (f->named) {
			*cause = prepared->failure;
			prepared->failure = NULL;
			return -1;
		}
		return index_build_not_issue(db, &stamp);
	}
	if (!index_sync_is_issue(prepared->issue)) {
		if (f->named) {
			/* Named on the command line: say so rather than show it. */
			*cause = xasprintf("%s: holds no issue of 《数志》 (no masthead, no issue number)",
			    f->path);
			return -1;
		}
		return index_build_not_issue(db, &stamp);
	}
	rc = index_build_issue(db, prepared->issue, prepared->han, prepared->tokens, &stamp,
	    han);
	if (rc == SQLITE_OK)
		report->reindexed++;
	return rc;
}

/* Brings one file up to date against its row (NULL: a new file), taking
 * it from prefetch when it must be read. Returns an SQLite code, or -1
 * with *cause. */
static int
index_sync_file(sqlite3 *db, const ArchiveFile *f, const SyncRow *r, IndexPrefetch *prefetch,
    long long generation, IndexHanUpdate *han, IndexSyncReport *report, char **cause)
{
	sqlite3_stmt *stmt = NULL;
	IndexPrepared prepared;
	int rc;

	if (r != NULL && index_sync_row_matches(r, f))
		return SQLITE_OK;
	index_prefetch_take(prefetch, &prepared);
	if (prepared.data == NULL) {
		/* Gone or unreadable since it was found; but out of file
		 * descriptors is no reason to drop an issue. */
		if (f->named || prepared.error == EMFILE || prepared.error == ENFILE) {
			*cause = prepared.failure;
			prepared.failure = NULL;
			index_prepared_clear(&prepared);
			return -1;
		}
		/* Passed over, and said once: the first, and how many. */
		if (report->skipped++ == 0) {
			report->first_skipped = prepared.failure;
			prepared.failure = NULL;
		}
		index_prepared_clear(&prepared);
		return r != NULL ? index_remove_issue(db, r->id, han) : SQLITE_OK;
	}
	if (!prepared.parsed) {
		/* Touched, not changed: the new stat is all there is to write. */
		rc = sqlite3_prepare_v2(db, INDEX_SYNC_RESTAMP_SQL, -1, &stmt, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(stmt, 1, r->id);
			sqlite3_bind_int64(stmt, 2, (sqlite3_int64)f->st.st_size);
			sqlite3_bind_int64(stmt, 3, archive_mtime_ns(&f->st));
			sqlite3_bind_int64(stmt, 4, archive_ctime_ns(&f->st));
			sqlite3_bind_int64(stmt, 5, (sqlite3_int64)f->st.st_ino);
			sqlite3_bind_int64(stmt, 6, (sqlite3_int64)f->st.st_dev);
			rc = sqlite3_step(stmt);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		sqlite3_finalize(stmt);
	} else {
		rc = r != NULL ? index_remove_issue(db, r->id, han) : SQLITE_OK;
		if (rc == SQLITE_OK)
			rc = index_sync_add(db, f, &prepared, generation, han, report, cause);
	}
	index_prepared_clear(&prepared);
	return rc;
}

/* Lists in *out (the caller frees it) the files the update must read, in
 * the order index_sync_apply() meets them: new ones, and those whose stat
 * changed, with the text the index holds for them. Returns their number. */
static size_t
index_sync_to_read(const SyncRows *rows, const ArchiveFiles *files, IndexPrefetchFile **out)
{
	IndexPrefetchFile *list = xcalloc(files->count + 1, sizeof *list);
	size_t i = 0, j, n = 0;

	for (j = 0; j < files->count; j++) {
		const ArchiveFile *f = &files->files[j];
		const SyncRow *r;
		char *end;

		while (i < rows->count && strcmp(rows->rows[i].key, f->key) < 0)
			i++;
		r = i < rows->count && strcmp(rows->rows[i].key, f->key) == 0 ? &rows->rows[i] : NULL;
		if (r != NULL && index_sync_row_matches(r, f))
			continue;
		list[n].file = f;
		if (r != NULL && strlen(r->hash) == 16) {
			list[n].hash = (uint64_t)strtoull(r->hash, &end, 16);
			list[n].hash_known = *end == '\0';
			list[n].length = r->length;
		}
		n++;
	}
	*out = list;
	return n;
}

/* Applies the differences between the rows and the files. Returns an
 * SQLite code, or -1 with *cause. */
static int
index_sync_apply(sqlite3 *db, const SyncRows *rows, const ArchiveFiles *files,
    long long generation, IndexSyncReport *report, char **cause)
{
	IndexPrefetchFile *reads;
	size_t nreads = index_sync_to_read(rows, files, &reads), i = 0, j = 0;
	IndexPrefetch *prefetch = index_prefetch_start(reads, nreads);
	IndexHanUpdate *han = index_han_update_start(db);
	int rc = SQLITE_OK;

	while (rc == SQLITE_OK && (i < rows->count || j < files->count)) {
		int c;

		if (i == rows->count)
			c = 1;
		else if (j == files->count)
			c = -1;
		else
			c = strcmp(rows->rows[i].key, files->files[j].key);
		if (c < 0)
			rc = index_remove_issue(db, rows->rows[i++].id, han);
		else if (c > 0)
			rc = index_sync_file(db, &files->files[j++], NULL, prefetch, generation,
			    han, report, cause);
		else
			rc = index_sync_file(db, &files->files[j++], &rows->rows[i++], prefetch,
			    generation, han, report, cause);
	}
	index_prefetch_stop(prefetch);
	if (rc == SQLITE_OK)
		rc = index_han_update_finish(han);
	else
		index_han_update_free(han);
	free(reads);
	return rc;
}

/* Returns the next update's generation, recording it; sets *rc. */
static long long
index_sync_generation(sqlite3 *db, int *rc)
{
	sqlite3_stmt *stmt = NULL;
	long long generation = 0;

	*rc = sqlite3_exec(db, "UPDATE meta SET value = CAST(value AS INTEGER) + 1"
	    " WHERE key = 'generation'", NULL, NULL, NULL);
	if (*rc == SQLITE_OK)
		*rc = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'generation'", -1,
		    &stmt, NULL);
	if (*rc == SQLITE_OK) {
		*rc = sqlite3_step(stmt);
		if (*rc == SQLITE_ROW) {
			generation = sqlite3_column_int64(stmt, 0);
			*rc = SQLITE_OK;
		} else if (*rc == SQLITE_DONE)
			*rc = SQLITE_CORRUPT;
	}
	sqlite3_finalize(stmt);
	return generation;
}

/* How FTS5 merges its segments during a whole build: a new segment every
 * 16 MB of pending tokens (1 MB by default), and segments merged 64 at a
 * time (4), in a crisis 256 (16). Each token is written again at each
 * merge it goes through: over 1,000 issues these took the build from 110
 * to 72 s on the project's machine, and the 'optimize' at the end makes
 * one b-tree of them whatever they were. Later updates, a few issues
 * each, merge as FTS5 does by default, so that searches never read more
 * than a few segments. */
#define INDEX_SYNC_BUILD_MERGES_SQL \
	"INSERT INTO search(search, rank) VALUES('hashsize', 16777216);" \
	"INSERT INTO search(search, rank) VALUES('automerge', 64);" \
	"INSERT INTO search(search, rank) VALUES('crisismerge', 256);"
#define INDEX_SYNC_UPDATE_MERGES_SQL \
	"INSERT INTO search(search, rank) VALUES('automerge', 4);" \
	"INSERT INTO search(search, rank) VALUES('crisismerge', 16);"

/* Under the write lock: makes the tables of a new database, then applies
 * what changed. Returns an SQLite code, or -1 with *cause. */
static int
index_sync_locked(sqlite3 *db, const ArchiveFiles *files, const char *source, IndexSyncReport *report,
    char **cause)
{
	SyncRows rows = { NULL, 0, 0 };
	long long generation;
	int rc, check;

	check = index_schema_check(db, source, &rc);
	if (check == 1) {
		rc = index_schema_create(db, source);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, INDEX_SYNC_BUILD_MERGES_SQL, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = index_schema_complete(db);
	} else if (check < 0 && rc == SQLITE_OK)
		rc = SQLITE_CORRUPT;	/* stale: the caller rebuilds */
	if (rc == SQLITE_OK)
		rc = index_sync_read_rows(db, &rows);
	if (rc == SQLITE_OK && !index_sync_is_fresh(&rows, files)) {
		generation = index_sync_generation(db, &rc);
		if (rc == SQLITE_OK)
			rc = index_sync_apply(db, &rows, files, generation, report, cause);
		if (rc == SQLITE_OK)
			rc = index_issues_save(db, generation);
	}
	/* A new database: its FTS5 segments merged into one b-tree, which
	 * halves the time of a query that matches much (0.7 s for 100
	 * issues, a tenth of their build). Later updates add small segments
	 * that FTS5's automerge folds in. */
	if (rc == SQLITE_OK && check == 1)
		rc = sqlite3_exec(db, "INSERT INTO search(search) VALUES('optimize');"
		    INDEX_SYNC_UPDATE_MERGES_SQL, NULL, NULL, NULL);
	index_sync_rows_free(&rows);
	return rc;
}

/* Empties a report. */
void
index_sync_report_clear(IndexSyncReport *report)
{
	free(report->first_skipped);
	memset(report, 0, sizeof *report);
}

/* Brings the archive's database up to date; see index_internal.h. */
int
index_sync(sqlite3 *db, const ArchiveFiles *files, const char *source, IndexSyncReport *report,
    char **why, char **cause)
{
	int rc, fresh;

	index_sync_report_clear(report);
	rc = index_sync_check_fresh(db, files, &fresh);
	if (fresh)
		return 0;
	if (index_is_damage(rc)) {
		*why = xasprintf("reading the index: %s", sqlite3_errstr(rc));
		report->damaged = 1;
		return -1;
	}
	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = index_sync_locked(db, files, source, report, cause);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	if (rc > 0)
		*why = xasprintf("updating the index: %s", sqlite3_errmsg(db));
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	index_sync_report_clear(report);
	report->damaged = rc > 0 && index_is_damage(rc);
	return -1;
}
