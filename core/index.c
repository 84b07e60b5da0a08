/* Opening the index of an issue: the cache file when it is fresh, else a
 * new one built beside it and renamed into place, else one in memory.
 *
 * The cache file's name carries the text's hash and the format version,
 * and the file carries them again, with the program's version and a
 * "complete" mark, in a stamp: a file that is not an SQLite database,
 * lacks a table, or has another stamp is rebuilt.
 * A build writes a private temporary file in the same folder and
 * rename()s it over the cache, which is atomic: readers see the old file
 * or the new one, never half of one, and several readers starting at once
 * on an empty cache each build and rename an identical file without
 * waiting for or disturbing one another. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "hash.h"
#include "index.h"
#include "index_fts.h"
#include "index_internal.h"
#include "issue.h"
#include "paths.h"
#include "xalloc.h"

/* The piece of the text hashed at a time: the text is not kept, since a
 * warm search never parses it, and small reads into one buffer are faster
 * than faulting in a buffer of the text's size. A multiple of 32 (see
 * hash_add). */
#define INDEX_READ_CHUNK 65536

/* A build's temporary file untouched for this long belongs to a build
 * that died: a build takes well under a second. */
#define INDEX_STALE_SECONDS 3600

struct Index {
	char		*path;		/* the issue's file */
	size_t		 length;	/* the length and hash of its text */
	uint64_t	 hash;
	char		*cache_path;	/* NULL when the index is in memory */
	sqlite3		*db;
	Issue		*issue;		/* NULL until index_issue() */
};

/* Reads a whole file into *data (the caller frees) and *length.
 * Returns 0 or -1 with *cause naming the file. */
static int
index_read_file(const char *path, char **data, size_t *length, char **cause)
{
	struct stat st;
	size_t size, used = 0;
	char *buf = NULL;
	int fd, rc = -1;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		goto out;
	}
	/* Room for the whole file and a byte more, so that the read that
	 * finds the end needs no larger buffer. */
	size = (size_t)st.st_size + 2;
	buf = xmalloc(size);
	for (;;) {
		ssize_t n;

		if (used + 1 == size) {
			size *= 2;
			buf = xreallocarray(buf, size, 1);
		}
		n = read(fd, buf + used, size - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	buf[used] = '\0';
	*data = buf;
	*length = used;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Hashes the file at path, reading it a chunk at a time: sets *hash and
 * *length. Returns 0 or -1 with *cause naming the file. */
static int
index_hash_file(const char *path, uint64_t *hash, size_t *length, char **cause)
{
	char *chunk = xmalloc(INDEX_READ_CHUNK);
	HashState state;
	struct stat st;
	size_t used = 0;
	int fd, rc = -1;

	hash_start(&state);
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, chunk + used, INDEX_READ_CHUNK - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			goto out;
		}
		used += (size_t)n;
		if (n == 0 || used == INDEX_READ_CHUNK) {
			/* Only the last piece may be shorter than a chunk. */
			hash_add(&state, chunk, used);
			used = 0;
		}
		if (n == 0)
			break;
	}
	*hash = hash_finish(&state);
	*length = (size_t)state.length;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(chunk);
	return rc;
}

/* Opens a database with the FTS5 side registered; returns the connection
 * or NULL, with *cause set when cause is not NULL. */
static sqlite3 *
index_connect(const char *path, int flags, char **cause)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, db != NULL ? sqlite3_errmsg(db) :
			    "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	if (index_fts_register(db, cause) != 0) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* Opens the cache file when it is a complete index of this text; returns
 * 0, or -1 (missing, stale or damaged). */
static int
index_open_cache(Index *index, const char *cache_path)
{
	sqlite3 *db = index_connect(cache_path, SQLITE_OPEN_READONLY, NULL);

	if (db == NULL)
		return -1;
	/* Nobody writes a cache file in place (builds rename a new one over
	 * it), so the shared lock may be kept: every statement then skips
	 * taking it again and looking for a hot journal. */
	sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
	if (index_schema_check(db, index->hash, index->length) != 0) {
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
index_parse(Index *index, char **cause)
{
	char *data = NULL;
	size_t length;
	int rc;

	if (index->issue != NULL)
		return 0;
	if (index_read_file(index->path, &data, &length, cause) != 0)
		return -1;
	if (length != index->length || hash_bytes(data, length) != index->hash) {
		*cause = xasprintf("%s: changed while it was being read", index->path);
		free(data);
		return -1;
	}
	rc = issue_parse(data, length, index->path, &index->issue, cause);
	free(data);
	return rc;
}

/* Removes the temporary files of builds that died (killed, or the machine
 * went down) and were left in the cache folder: those of this naming
 * that nobody has touched for an hour. */
static void
index_remove_stale_temporaries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		struct stat st;
		char *path;

		/* ".HASH-vN.sqlite.XXXXXX", as index_write_cache names them */
		if (e->d_name[0] != '.' || len < 8 || strstr(e->d_name, ".sqlite.") == NULL ||
		    strcmp(e->d_name + len - 7, ".sqlite") == 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    now - st.st_mtime > INDEX_STALE_SECONDS)
			unlink(path);
		free(path);
	}
	closedir(d);
}

/* Builds the cache file in a temporary file of the folder and renames it
 * into place, then opens it. Returns 0, or -1 with *why saying what went
 * wrong with the folder (the caller frees). */
static int
index_write_cache(Index *index, const char *dir, const char *cache_path, char **why)
{
	const char *base = strrchr(cache_path, '/') + 1;
	char *temp = xasprintf("%s/.%s.XXXXXX", dir, base);
	sqlite3 *db = NULL;
	int fd, rc = -1, created = 0;

	if (paths_make_dir(dir, why) != 0)
		goto out;
	index_remove_stale_temporaries(dir);
	fd = mkstemp(temp);
	if (fd < 0) {
		*why = xasprintf("%s: %s", dir, strerror(errno));
		goto out;
	}
	close(fd);
	created = 1;
	db = index_connect(temp, SQLITE_OPEN_READWRITE, why);
	if (db == NULL)
		goto out;
	if (index_build(db, index->issue, index->hash, index->length, why) != 0)
		goto out;
	if (sqlite3_close(db) != SQLITE_OK) {
		*why = xasprintf("%s: %s", temp, sqlite3_errmsg(db));
		goto out;
	}
	db = NULL;
	if (rename(temp, cache_path) != 0) {
		*why = xasprintf("%s: %s", cache_path, strerror(errno));
		goto out;
	}
	created = 0;
	if (index_open_cache(index, cache_path) != 0) {
		*why = xasprintf("%s: cannot be read back", cache_path);
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(db);
	if (created)
		unlink(temp);
	free(temp);
	return rc;
}

/* Builds the index in memory; returns 0 or -1 with *cause. */
static int
index_build_memory(Index *index, char **cause)
{
	sqlite3 *db = index_connect(":memory:", SQLITE_OPEN_READWRITE, cause);

	if (db == NULL)
		return -1;
	if (index_build(db, index->issue, index->hash, index->length, cause) != 0) {
		sqlite3_close(db);
		return -1;
	}
	index->db = db;
	return 0;
}

/* Gives the index a database: the fresh cache, a rebuilt cache, or one
 * in memory. Returns 0, or -1 with *cause set when the issue cannot be
 * parsed or even memory fails; *why (caller frees) says why the cache is
 * not used, when it is not. */
static int
index_attach(Index *index, int flags, char **why, char **cause)
{
	char *dir = NULL;
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
		if (index_parse(index, cause) != 0)
			goto out;
		if (index_write_cache(index, dir, index->cache_path, why) == 0) {
			rc = 0;
			goto out;
		}
	}
	free(index->cache_path);
	index->cache_path = NULL;
	if (index_parse(index, cause) != 0)
		goto out;
	rc = index_build_memory(index, cause);
out:
	free(dir);
	return rc;
}

/* Opens the index of the issue at path; see index.h. */
int
index_open(const char *path, int flags, Index **out, char **notice, char **cause)
{
	Index *index = xcalloc(1, sizeof *index);
	char *why = NULL, *failure = NULL;

	*out = NULL;
	if (notice != NULL)
		*notice = NULL;
	index->path = xstrdup(path);
	if (index_hash_file(path, &index->hash, &index->length, &failure) != 0)
		goto fail;
	if (index_attach(index, flags, &why, &failure) != 0)
		goto fail;
	if (why != NULL && notice != NULL)
		*notice = xasprintf("cannot use the index cache (%s): the index is kept in memory",
		    why);
	free(why);
	*out = index;
	return 0;
fail:
	free(why);
	if (cause != NULL)
		*cause = failure;
	else
		free(failure);
	index_close(index);
	return -1;
}

/* Rebuilds a damaged index in place; returns 0 or -1 with *cause. */
int
index_recover(Index *index, char **cause)
{
	char *why = NULL;
	int rc;

	sqlite3_close(index->db);
	index->db = NULL;
	rc = index_attach(index, index->cache_path != NULL ? INDEX_REBUILD : INDEX_MEMORY, &why,
	    cause);
	free(why);
	return rc;
}

/* Returns the issue: read from the index, else parsed; owned by the index. */
const Issue *
index_issue(Index *index)
{
	char *cause = NULL;

	if (index->issue != NULL)
		return index->issue;
	if (index->db != NULL && index_load_issue(index->db, index->path, &index->issue) == 0)
		return index->issue;
	if (index_parse(index, &cause) != 0) {
		free(cause);
		return NULL;
	}
	return index->issue;
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
	if (index == NULL)
		return;
	sqlite3_close(index->db);
	issue_free(index->issue);
	free(index->cache_path);
	free(index->path);
	free(index);
}
