/* The index's files: hashing texts, connections with the FTS5
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <unistr.h>

#include "file.h"
#include "hash.h"
#include "index_fts.h"
#include "index_internal.h"
#include "index_rank.h"
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

/* Returns a column as text, "" for NULL; see index_query.h. */
const char *
index_column_text(sqlite3_stmt *stmt, int i)
{
	const char *text = (const char *)sqlite3_column_text(stmt, i);

	return text != NULL ? text : "";
}

/* Returns a column's text as a UTF-8 copy; see index_internal.h. */
char *
index_column_copy(sqlite3_stmt *stmt, int i)
{
	const uint16_t *units = sqlite3_column_text16(stmt, i);
	size_t n = (size_t)sqlite3_column_bytes16(stmt, i) / 2, length = 3 * n + 1;
	uint8_t *copy, *converted;

	if (units == NULL)
		return NULL;
	/* No UTF-16 unit takes more than three bytes of UTF-8: the buffer
	 * given is always large enough. */
	copy = xmalloc(length);
	converted = u16_to_u8(units, n, copy, &length);
	if (converted != copy) {
		/* Not UTF-16 (a lone surrogate): SQLite's own conversion. */
		free(converted);
		free(copy);
		return xstrdup(index_column_text(stmt, i));
	}
	copy[length] = '\0';
	return (char *)copy;
}

/* Finalizes a statement read to its end; see index_query.h. */
int
index_statement_done(sqlite3_stmt *stmt, int rc)
{
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
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
	fd = file_open_regular(path, cause);
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
	int rc;

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
	rc = index_rank_register(index_fts_api(db));
	if (rc != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("registering the ranking: %s", sqlite3_errstr(rc));
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
index_write_cache(const char *dir, const char *cache_path, mode_t mode,
    int (*fill)(sqlite3 *, void *, char **why, char **cause), void *data, char **why,
    char **cause)
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
	created = 1;
	/* mkstemp makes it 0600 whatever the umask; a shared index is
	 * readable by everyone before it is in place. */
	if (mode != 0600 && fchmod(fd, mode) != 0) {
		*why = xasprintf("%s: %s", temp, strerror(errno));
		close(fd);
		goto out;
	}
	close(fd);
	db = index_connect(temp, SQLITE_OPEN_READWRITE, why);
	if (db == NULL)
		goto out;
	if (fill(db, data, why, cause) != 0)
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
