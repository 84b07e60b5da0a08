/* Finding the issue files of an archive's FILE and DIR arguments.
 *
 * A file is keyed by a canonical path that costs one realpath() per
 * argument, not per file: realpath(DIR)/NAME for what a folder holds. So
 * `shuzhi DIR`, `shuzhi ./DIR/` and `shuzhi /abs/DIR` find the same keys,
 * and the index recognises every issue it already holds. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "archive.h"
#include "buffer.h"
#include "xalloc.h"

/* Subfolders deeper than this are not searched (a guard against loops
 * made by bind mounts). */
#define ARCHIVE_MAX_DEPTH 16

/* Adds a file to the list, which takes path and key (allocated). */
static void
archive_add(ArchiveFiles *files, char *path, char *key, const struct stat *st, int named)
{
	ArchiveFile *f;

	files->files = xgrow(files->files, &files->size, files->count, sizeof *files->files);
	f = &files->files[files->count++];
	f->path = path;
	f->key = key;
	f->st = *st;
	f->named = named;
}

/* Returns folder/name, without a second slash when the folder (len
 * bytes) ends in one; the caller frees it. Made by hand: a start over
 * 1,000 issues makes two for each file. */
static char *
archive_join(const char *folder, size_t len, const char *name)
{
	size_t slash = len > 0 && folder[len - 1] != '/', n = strlen(name);
	char *joined = xmalloc(len + slash + n + 1);

	memcpy(joined, folder, len);
	joined[len] = '/';
	memcpy(joined + len + slash, name, n + 1);
	return joined;
}

/* Finds a file by its key; see archive.h. */
const ArchiveFile *
archive_file_by_key(const ArchiveFiles *files, const char *key, size_t len)
{
	size_t lo = 0, hi = files->count;

	/* No file's key holds a NUL; and strncmp() would stop at it. */
	if (memchr(key, '\0', len) != NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *at = files->files[mid].key;
		int c = strncmp(at, key, len);

		/* Equal over len bytes: at is key, or longer and after it. */
		if (c == 0 && at[len] == '\0')
			return &files->files[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Finds a file by its key, trying the file after hint first; see
 * archive.h. */
const ArchiveFile *
archive_file_after(const ArchiveFiles *files, const ArchiveFile *hint, const char *key, size_t len)
{
	const ArchiveFile *next = hint != NULL ? hint + 1 : files->files;

	if (next < files->files + files->count && strlen(next->key) == len &&
	    memcmp(next->key, key, len) == 0)
		return next;
	return archive_file_by_key(files, key, len);
}

/* Returns non-zero when name ends in ".txt", in any case. */
static int
archive_is_text_name(const char *name)
{
	size_t len = strlen(name);

	return len > 4 && strcasecmp(name + len - 4, ".txt") == 0;
}

/* Adds the .txt files of folder path (canonical key) and its subfolders,
 * not those of symbolic links to folders. Returns 0, or -1 with *cause
 * when the folder cannot be read. */
static int
archive_walk(ArchiveFiles *files, const char *path, const char *key, int depth, char **cause)
{
	DIR *d = opendir(path);
	struct dirent *e;
	size_t path_len = strlen(path), key_len = strlen(key);

	if (d == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		int text = archive_is_text_name(e->d_name), folder;
		char *child, *child_key;
		struct stat st;

		/* The entry's type saves a stat() of every file that is not
		 * a .txt (an archive's folder may hold as many others). */
		if (e->d_name[0] == '.' || (!text && e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
			continue;
		child = archive_join(path, path_len, e->d_name);
		child_key = archive_join(key, key_len, e->d_name);
		folder = e->d_type == DT_DIR ||
		    (e->d_type == DT_UNKNOWN && lstat(child, &st) == 0 && S_ISDIR(st.st_mode));
		if (folder) {
			char *ignored = NULL;

			/* An unreadable subfolder holds nothing we can use. */
			if (depth < ARCHIVE_MAX_DEPTH &&
			    archive_walk(files, child, child_key, depth + 1, &ignored) != 0)
				free(ignored);
		} else if (text && fstatat(dirfd(d), e->d_name, &st, 0) == 0 &&
		    S_ISREG(st.st_mode)) {
			archive_add(files, child, child_key, &st, 0);
			continue;
		}
		free(child);
		free(child_key);
	}
	closedir(d);
	return 0;
}

/* Orders files by key (for qsort). */
static int
archive_compare_files(const void *a, const void *b)
{
	return strcmp(((const ArchiveFile *)a)->key, ((const ArchiveFile *)b)->key);
}

/* Orders strings (for qsort). */
static int
archive_compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the files and keeps each key once: a file found in a folder
 * that is also named on the command line is the named one. */
static void
archive_sort(ArchiveFiles *files)
{
	size_t i, kept = 0;

	if (files->count > 1)
		qsort(files->files, files->count, sizeof *files->files, archive_compare_files);
	for (i = 0; i < files->count; i++) {
		ArchiveFile *f = &files->files[i];

		if (kept > 0 && strcmp(files->files[kept - 1].key, f->key) == 0) {
			if (f->named && !files->files[kept - 1].named) {
				free(files->files[kept - 1].path);
				files->files[kept - 1].path = f->path;
				files->files[kept - 1].named = 1;
			} else
				free(f->path);
			free(f->key);
			continue;
		}
		files->files[kept++] = *f;
	}
	files->count = kept;
}

/* Returns the place of an argument named again (its second naming, and
 * the first's at *first), or nroots when none is. */
static size_t
archive_named_twice(char *const *roots, size_t nroots, size_t *first)
{
	size_t i, j;

	for (i = 0; i < nroots; i++)
		for (j = i + 1; j < nroots; j++)
			if (strcmp(roots[i], roots[j]) == 0) {
				*first = i;
				return j;
			}
	return nroots;
}

/* Returns the archive's key: the canonical paths sorted (which sorts
 * roots), one a line; the caller frees it. */
static char *
archive_join_roots(char **roots, size_t nroots)
{
	Buffer b = { 0 };
	size_t i;

	qsort(roots, nroots, sizeof *roots, archive_compare_strings);
	buffer_append(&b, "", 0);
	for (i = 0; i < nroots; i++) {
		buffer_puts(&b, roots[i]);
		buffer_append(&b, "\n", 1);
	}
	return buffer_take(&b);
}

/* Sets files->key from the arguments' canonical paths, sorted. Returns
 * 0, or -1 with *cause when an argument is named twice (args[i] names
 * roots[i]). */
static int
archive_make_key(ArchiveFiles *files, const char *const *args, char **roots, size_t nroots,
    char **cause)
{
	size_t first = 0, again = archive_named_twice(roots, nroots, &first);

	if (again < nroots) {
		*cause = xasprintf("%s: named twice (as %s too)", args[again], args[first]);
		return -1;
	}
	files->key = archive_join_roots(roots, nroots);
	return 0;
}

/* Gives the key archive_find() would give the arguments; see archive.h. */
int
archive_key(const char *const *paths, size_t npaths, char **key, int *folders)
{
	char **roots = xreallocarray(NULL, npaths > 0 ? npaths : 1, sizeof *roots);
	size_t i, n = 0, first;
	struct stat st;
	int rc = npaths > 0 ? 0 : -1;

	*key = NULL;
	*folders = 0;
	for (i = 0; i < npaths && rc == 0; i++) {
		if (stat(paths[i], &st) != 0 || (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) ||
		    (roots[n] = realpath(paths[i], NULL)) == NULL)
			rc = -1;
		else {
			*folders |= S_ISDIR(st.st_mode);
			n++;
		}
	}
	if (rc == 0 && archive_named_twice(roots, n, &first) < n)
		rc = -1;
	if (rc == 0)
		*key = archive_join_roots(roots, n);
	for (i = 0; i < n; i++)
		free(roots[i]);
	free(roots);
	return rc;
}

/* Adds what one argument names; returns 0 or -1 with *cause. Sets *root
 * to its canonical path (the caller frees). */
static int
archive_add_argument(ArchiveFiles *files, const char *path, char **root, char **cause)
{
	struct stat st;
	size_t before = files->count;

	*root = NULL;
	if (stat(path, &st) != 0 || (*root = realpath(path, NULL)) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode)) {
		archive_add(files, xstrdup(path), xstrdup(*root), &st, 1);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		return -1;
	}
	if (archive_walk(files, path, *root, 0, cause) != 0)
		return -1;
	if (files->count == before) {
		*cause = xasprintf("%s: no issues in this folder (no .txt file)", path);
		return -1;
	}
	return 0;
}

/* Finds the issue files of the arguments; see archive.h. */
int
archive_find(const char *const *paths, size_t npaths, ArchiveFiles **out, char **cause)
{
	ArchiveFiles *files = xcalloc(1, sizeof *files);
	char **roots = xreallocarray(NULL, npaths > 0 ? npaths : 1, sizeof *roots);
	size_t i, nroots = 0;
	int rc = 0;

	*out = NULL;
	for (i = 0; i < npaths && rc == 0; i++) {
		rc = archive_add_argument(files, paths[i], &roots[nroots], cause);
		if (roots[nroots] != NULL)
			nroots++;
	}
	if (rc == 0)
		rc = archive_make_key(files, paths, roots, nroots, cause);
	if (rc == 0) {
		archive_sort(files);
		*out = files;
	} else
		archive_files_free(files);
	for (i = 0; i < nroots; i++)
		free(roots[i]);
	free(roots);
	return rc;
}

/* Frees the list of files. */
void
archive_files_free(ArchiveFiles *files)
{
	size_t i;

	if (files == NULL)
		return;
	for (i = 0; i < files->count; i++) {
		free(files->files[i].path);
		free(files->files[i].key);
	}
	free(files->files);
	free(files->key);
	free(files);
}

/* Copies a folder's files with keys relative to it; see archive.h. */
ArchiveFiles *
archive_files_relative(const ArchiveFiles *files)
{
	ArchiveFiles *copy = xcalloc(1, sizeof *copy);
	const char *root = files->key;		/* "ROOT\n": one argument */
	size_t i, len = strcspn(root, "\n");

	copy->files = xreallocarray(NULL, files->count + 1, sizeof *copy->files);
	for (i = 0; i < files->count; i++) {
		const ArchiveFile *f = &files->files[i];
		const char *key = f->key;

		if (strncmp(key, root, len) == 0 && key[len] == '/')
			key += len + 1;
		else if (len > 0 && root[len - 1] == '/' && strncmp(key, root, len) == 0)
			key += len;	/* root is "/" */
		copy->files[i] = *f;
		copy->files[i].path = xstrdup(f->path);
		copy->files[i].key = xstrdup(key);
	}
	copy->count = files->count;
	copy->size = files->count + 1;
	/* Stripping the same prefix from every key keeps them sorted. */
	copy->key = xstrdup(".");
	return copy;
}

/* Returns a stat time in nanoseconds. */
long long
archive_mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* Returns a stat time in nanoseconds. */
long long
archive_ctime_ns(const struct stat *st)
{
	return (long long)st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec;
}

/* Returns non-zero when st matches the recorded identity of a file. */
int
archive_file_unchanged(const struct stat *st, long long size, long long mtime, long long ctime,
    long long inode, long long device)
{
	return (long long)st->st_size == size && archive_mtime_ns(st) == mtime &&
	    archive_ctime_ns(st) == ctime && (long long)st->st_ino == inode &&
	    (long long)st->st_dev == device;
}
