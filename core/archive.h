/* The issue files of an archive: what the FILE and DIR arguments of the
 * command line name, each with the identity that the index keys it by. */
#ifndef SHUZHI_ARCHIVE_H
#define SHUZHI_ARCHIVE_H

#include <stddef.h>
#include <sys/stat.h>

/* One file that may hold an issue. */
typedef struct ArchiveFile {
	char		*path;		/* as the user names it: FILE, or DIR/NAME */
	char		*key;		/* canonical: realpath(FILE), or realpath(DIR)/NAME */
	struct stat	 st;		/* what stat() said when it was found */
	int		 named;		/* named on the command line, not found in a folder */
} ArchiveFile;

/* The files of the arguments, sorted by key, each key once. */
typedef struct ArchiveFiles {
	ArchiveFile	*files;
	size_t		 count;
	size_t		 size;		/* files allocated */
	/* The arguments' canonical paths, sorted, one a line: what the
	 * archive's cache is keyed by. */
	char		*key;
} ArchiveFiles;

/* Finds the issue files of npaths FILEs and DIRs: a FILE is taken whatever
 * its name; a DIR gives its *.txt files and those of its subfolders,
 * skipping hidden names and symbolic links to folders. Returns 0 and sets
 * *out (free with archive_files_free), or -1 with *cause (caller frees)
 * naming the argument that is missing, unreadable, named twice, or a
 * folder without any .txt file. */
int archive_find(const char *const *paths, size_t npaths, ArchiveFiles **out, char **cause);

void archive_files_free(ArchiveFiles *files);

/* Sets *key (the caller frees it) to the key archive_find() gives the same
 * arguments, without looking into the folders, and *folders to non-zero
 * when one of them is a folder. Returns 0, or -1 (nothing set) when
 * archive_find() would refuse an argument for itself: missing, neither a
 * file nor a folder, or named twice. */
int archive_key(const char *const *paths, size_t npaths, char **key, int *folders);

/* Returns the file of files whose key is the len bytes at key, or NULL
 * (a binary search: files are sorted by key). */
const ArchiveFile *archive_file_by_key(const ArchiveFiles *files, const char *key, size_t len);

/* The same, trying first the file after hint (NULL: the first file): a
 * walk through keys in their order finds each at once. */
const ArchiveFile *archive_file_after(const ArchiveFiles *files, const ArchiveFile *hint,
    const char *key, size_t len);

/* Returns a copy of the files of a single folder argument with each key
 * made relative to the folder's canonical path (files->key), "2022/02.txt"
 * for DIR/2022/02.txt, and the archive's key ".": what an index kept in
 * that folder records, so that it still serves when the folder is copied
 * elsewhere. The caller frees the copy (archive_files_free). */
ArchiveFiles *archive_files_relative(const ArchiveFiles *files);

/* Returns non-zero when st describes the same file, unchanged, as the
 * recorded size, times (nanoseconds), inode and device. */
int archive_file_unchanged(const struct stat *st, long long size, long long mtime,
    long long ctime, long long inode, long long device);

/* Returns a stat time in nanoseconds since the epoch. */
long long archive_mtime_ns(const struct stat *st);
long long archive_ctime_ns(const struct stat *st);

#endif
