/* A shared index: one index of an archive's folder, built by whoever may
 * write the folder (shuzhi --reindex --shared DIR) into DIR/.shuzhi/, and
 * read by every user who opens DIR, who then builds nothing of their own.
 *
 * The file records each issue's key relative to DIR, so that the folder
 * still serves when copied to another server with the archive. A reader
 * opens it read-only and trusts it only while it records exactly the
 * folder's files, each of the size and modification time it had (a stat,
 * nothing read; index_sync_check_shared); otherwise, or when it is
 * damaged, of another version, or not a plain folder and file (a
 * symbolic link is never followed), the reader says so once and uses the
 * user's own cache (index_archive.c), which answers for the files as they
 * are. A rebuild writes a new file and renames it over the old one, so
 * readers never wait for a writer nor see half an index; a reader's
 * shared lock never blocks another reader. The design is in doc/DESIGN.md. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "archive.h"
#include "index.h"
#include "index_han.h"
#include "index_internal.h"
#include "xalloc.h"

/* The folder in DIR, the file in it, and the stamp's source: keyed by
 * nothing outside the folder. */
#define INDEX_SHARED_FOLDER ".shuzhi"
#define INDEX_SHARED_FILE "index.sqlite"
#define INDEX_SHARED_SOURCE "archive\nshared"

/* Returns DIR/.shuzhi; the caller frees it. */
static char *
index_shared_folder(const char *dir)
{
	size_t len = strlen(dir);

	return xasprintf("%s%s%s", dir, len > 0 && dir[len - 1] == '/' ? "" : "/",
	    INDEX_SHARED_FOLDER);
}

/* Returns the shared index's file in folder; the caller frees it. */
static char *
index_shared_file(const char *folder)
{
	return xasprintf("%s/%s", folder, INDEX_SHARED_FILE);
}

/* Makes sure folder is a folder of its own, creating it (mode 0755)
 * when it is missing. Returns 0, or -1 with *cause (caller frees). */
static int
index_shared_make_folder(const char *folder, char **cause)
{
	struct stat st;

	if (lstat(folder, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		*cause = xasprintf("%s: not a folder (%s): refusing to write there", folder,
		    S_ISLNK(st.st_mode) ? "a symbolic link" : "another kind of file");
		return -1;
	}
	if (errno != ENOENT || mkdir(folder, 0755) != 0 || chmod(folder, 0755) != 0) {
		*cause = xasprintf("%s: %s", folder, strerror(errno));
		return -1;
	}
	return 0;
}

/* What a build of the shared index needs and gives. */
typedef struct SharedFill {
	ArchiveFill	 archive;
	const char	*previous;	/* the index there now, or NULL */
} SharedFill;

/* Copies the shared index at path into db when it is a complete index of
 * this format (SQLite's backup), so that only what changed since is
 * indexed again. Returns 0 when copied, -1 when there is nothing worth
 * copying or the copy failed (db is left empty: a failed backup is rolled
 * back). */
static int
index_shared_copy(sqlite3 *db, const char *path)
{
	sqlite3 *from = index_connect(path, SQLITE_OPEN_READONLY, NULL);
	sqlite3_backup *backup;
	int rc = -1;

	if (from == NULL)
		return -1;
	if (index_schema_check(from, INDEX_SHARED_SOURCE, NULL) == 0 &&
	    (backup = sqlite3_backup_init(db, "main", from, "main")) != NULL) {
		if (sqlite3_backup_step(backup, -1) == SQLITE_DONE)
			rc = 0;
		if (sqlite3_backup_finish(backup) != SQLITE_OK)
			rc = -1;
	}
	sqlite3_close(from);
	return rc;
}

/* Fills the new shared index: the previous one, copied and brought up to
 * date, else a new build (index_write_cache's fill). */
static int
index_shared_fill(sqlite3 *db, void *data, char **why, char **cause)
{
	SharedFill *fill = data;

	/* A backup that fails is rolled back: db is then still empty. */
	if (fill->previous != NULL)
		index_shared_copy(db, fill->previous);
	return index_archive_fill(db, &fill->archive, why, cause);
}

/* Builds the shared index of a folder; see index.h. */
int
index_build_shared(const char *dir, size_t *indexed, char **notice, char **cause)
{
	ArchiveFiles *files = NULL, *relative = NULL;
	SharedFill fill;
	struct stat st;
	char *folder = NULL, *path = NULL, *why = NULL;
	int rc = -1;

	*notice = NULL;
	*indexed = 0;
	memset(&fill, 0, sizeof fill);
	if (stat(dir, &st) != 0) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: not a folder (--shared indexes a folder of issues)", dir);
		goto out;
	}
	if (archive_find(&dir, 1, &files, cause) != 0)
		goto out;
	relative = archive_files_relative(files);
	folder = index_shared_folder(dir);
	if (index_shared_make_folder(folder, cause) != 0)
		goto out;
	path = index_shared_file(folder);
	fill.archive.files = relative;
	fill.archive.source = INDEX_SHARED_SOURCE;
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		fill.previous = path;
	if (index_write_cache(folder, path, 0644, index_shared_fill, &fill, &why, cause) != 0) {
		if (*cause == NULL)
			*cause = why;
		else
			free(why);
		goto out;
	}
	if (fill.archive.report.skipped == 1)
		*notice = xasprintf("%s: skipped", fill.archive.report.first_skipped);
	else if (fill.archive.report.skipped > 1)
		*notice = xasprintf("%zu unreadable files skipped, the first %s",
		    fill.archive.report.skipped, fill.archive.report.first_skipped);
	*indexed = fill.archive.report.reindexed;
	rc = 0;
out:
	index_sync_report_clear(&fill.archive.report);
	archive_files_free(files);
	archive_files_free(relative);
	free(folder);
	free(path);
	return rc;
}

/* Opens the shared index at path and checks it against the folder's files
 * (relative to it). Returns the connection, or NULL with *why (caller
 * frees) saying why it cannot be trusted: "out of date (...)" or
 * "unusable (...)". */
static sqlite3 *
index_shared_connect(const char *path, const ArchiveFiles *relative, char **why)
{
	struct stat st;
	sqlite3 *db;
	char *reason = NULL;
	int rc = SQLITE_OK;

	if (lstat(path, &st) != 0) {
		*why = xasprintf("unusable (%s: %s)", INDEX_SHARED_FILE, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = xasprintf("unusable (%s is %s)", INDEX_SHARED_FILE, S_ISLNK(st.st_mode) ?
		    "a symbolic link, never followed" : "not a plain file");
		return NULL;
	}
	db = index_connect(path, SQLITE_OPEN_READONLY, NULL);
	if (db == NULL) {
		*why = xstrdup("unusable (it cannot be opened)");
		return NULL;
	}
	/* Nobody writes it in place (a rebuild renames a new file over it):
	 * the shared lock may be kept, and blocks no other reader. */
	sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
	if (index_schema_check(db, INDEX_SHARED_SOURCE, &rc) != 0)
		*why = xasprintf("unusable (%s)", index_is_damage(rc) ? "damaged" :
		    rc != SQLITE_OK ? sqlite3_errstr(rc) : "made by another version of shuzhi");
	else if (index_sync_check_shared(db, relative, &reason) != 0) {
		*why = xasprintf("out of date (%s)", reason);
		free(reason);
	}
	if (*why != NULL) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* Gives the archive of folder dir its shared index; see index_internal.h. */
int
index_shared_attach(Index *index, const char *dir)
{
	ArchiveFiles *relative = NULL;
	struct stat st;
	char *folder = index_shared_folder(dir), *path = NULL, *why = NULL;
	sqlite3 *db = NULL;
	int rc = -1;

	if (lstat(folder, &st) != 0) {
		if (errno != ENOENT)
			why = xasprintf("unusable (%s)", strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		why = xasprintf("unusable (%s)", S_ISLNK(st.st_mode) ?
		    "a symbolic link, never followed" : "not a folder");
		goto out;
	}
	relative = archive_files_relative(index->files);
	path = index_shared_file(folder);
	db = index_shared_connect(path, relative, &why);
	if (db == NULL)
		goto out;
	index->db = db;
	index->own_files = index->files;
	index->files = relative;
	relative = NULL;
	free(index->cache_path);
	index->cache_path = path;
	path = NULL;
	rc = 0;
out:
	if (why != NULL) {
		index_note(index, "%s: the shared index is %s; using your own index", folder, why);
		free(why);
	}
	archive_files_free(relative);
	free(folder);
	free(path);
	return rc;
}

/* Leaves the shared index for the user's own; see index_internal.h. */
void
index_shared_leave(Index *index)
{
	if (index->own_files == NULL)
		return;
	index_note(index, "%s: the shared index is unusable (damaged); using your own index",
	    index->cache_path);
	archive_files_free(index->files);
	index->files = index->own_files;
	index->own_files = NULL;
	free(index->cache_path);
	index->cache_path = NULL;
}
