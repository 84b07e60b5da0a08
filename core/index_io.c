/* The index's files: reading and hashing texts, connections with the FTS5
 * side registered, and cache files written whole beside their place and
 * renamed into it.
 *
 * A build writes a private temporary file in the cache folder and
 * rename()s it over the cache file, which is atomic: readers see the old
 * file or the new one, never half of one, and several readers starting at
 * once each build and rename an identical file without waiting for or
 * disturbing one another. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "hash.h"
#include "index_fts.h"
#include "index_internal.h"
#include "paths.h"
#include "xalloc.h"

/* The piece of the text hashed at a time: the text is not kept, since a
 * warm search never parses it, and small reads into one buffer are faster
 * than faulting in a buffer of the text's size. A multiple of 32 (see
 * hash_add). */
#define INDEX_READ_CHUNK 65536

/* A build's temporary file untouched for this long belongs to a build
 * that died: a build takes seconds at most. */
#define INDEX_STALE_SECONDS 3600

/* Opens path for reading and checks it is a regular file; returns the
 * descriptor, or -1 with *cause naming the file. Opened non-blocking, so
 * that a FIFO or a device is refused rather than waited on (reads of a
 * regular file never block anyway). */
static int
index_open_regular(const char *path, char **cause)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		int saved_errno = errno;

		*cause = xasprintf("%s: %s", path, strerror(saved_errno));
		if (fd >= 0)
			close(fd);
		errno = saved_errno;	/* for callers that tell "gone" from "no room" */
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads a whole file; returns 0 or -1 with *cause naming the file. */
int
index_read_file(const char *path, char **data, size_t *length, char **cause)
{
	struct stat st;
	size_t size, used = 0;
	char *buf = NULL;
	int fd, rc = -1;

	fd = index_open_regular(path, cause);
	if (fd < 0 || fstat(fd, &st) != 0)
		goto out;
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

/* Hashes a file a chunk at a time; returns 0 or -1 with *cause. */
int
index_hash_file(const char *path, uint64_t *hash, size_t *length, char **cause)
{
	char *chunk = xmalloc(INDEX_READ_CHUNK);
	HashState state;
	size_t used = 0;
	int fd, rc = -1;

	hash_start(&state);
	fd = index_open_regular(path, cause);
	if (fd < 0)
		goto out;
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

/* Opens a database with the FTS5 side registered, never through a
 * symbolic link; returns it or NULL. */
sqlite3 *
index_connect(const char *path, int flags, char **cause)
{
	sqlite3 *db = NULL;

	/* A symbolic link put in a cache file's place is never followed. */
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
	    NULL) != SQLITE_OK) {
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

		/* ".NAME.sqlite.XXXXXX", as index_write_cache names them */
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

/* Builds a cache file in a temporary file and renames it into place;
 * returns 0, 1 with *why (the folder), or -1 with *cause (the input). */
int
index_write_cache(const char *dir, const char *cache_path,
    int (*fill)(sqlite3 *, void *, char **why, char **cause), void *data, char **why,
    char **cause)
{
	const char *base = strrchr(cache_path, '/') + 1;
	char *temp = xasprintf("%s/.%s.XXXXXX", dir, base);
	sqlite3 *db = NULL;
	int fd, rc = 1, created = 0, filled;

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
	filled = fill(db, data, why, cause);
	if (filled != 0) {
		rc = filled < 0 ? -1 : 1;
		goto out;
	}
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
	rc = 0;
out:
	sqlite3_close(db);
	if (created)
		unlink(temp);
	free(temp);
	return rc;
}

/* Returns non-zero for an SQLite code that says the file is damaged. */
int
index_is_damage(int rc)
{
	return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}
