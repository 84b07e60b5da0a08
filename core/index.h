/* The SQLite index of an issue, or of an archive of issues: a cache in
 * $XDG_CACHE_HOME/shuzhi/, rebuilt when stale or damaged, in memory when
 * the cache cannot be written.
 *
 * One issue: a cache file keyed by the text's hash and the format version.
 * An archive (several FILEs, or folders of issues): one cache file keyed
 * by the arguments' real paths, holding every issue with the size, times,
 * inode and hash of its file; an open re-reads only the files whose stat
 * changed and re-indexes only the issues whose text changed (see
 * index_archive.c). */
#ifndef SHUZHI_INDEX_H
#define SHUZHI_INDEX_H

#include <stddef.h>

#include "issue.h"

typedef struct Index Index;

enum {
	INDEX_REBUILD = 1,	/* --reindex: rebuild even when the cache is fresh */
	INDEX_MEMORY = 2,	/* never touch the cache folder */
};

/* What the index knows of one of its issues without reading it. Owned
 * by the index. */
typedef struct IndexIssueInfo {
	const char	*prefix;	/* "12": its IDs' prefix in an archive ("12/1.3") */
	const char	*path;		/* its file, as named on the command line */
	const char	*title;		/* "《数志》2022年第2期", else the file's name */
	const char	*date;		/* "2022年第2期", or "" */
	int		 number;	/* 总第N期, 0 when unknown */
	int		 pages;		/* its last printed page */
	size_t		 articles;	/* its articles, front matter included */
} IndexIssueInfo;

/* The issue argument that means every issue. */
#define INDEX_ALL_ISSUES ((size_t)-1)

/* What a line of the contents is. */
typedef enum IndexEntryKind {
	INDEX_ENTRY_ISSUE,	/* an issue of an archive */
	INDEX_ENTRY_SECTION,
	INDEX_ENTRY_ARTICLE,	/* the front matter ("0") too */
} IndexEntryKind;

/* One line of the contents, as --toc prints it. */
typedef struct IndexEntry {
	IndexEntryKind	 kind;
	size_t		 issue;		/* its issue's position (index_issue_info) */
	size_t		 article;	/* an article's position in issue_article() order */
	char		*id;		/* "1", "1.3"; in an archive "12", "12/1", "12/1.3" */
	int		 page;		/* printed page where it begins; 0 for an issue */
	char		*title;
} IndexEntry;

typedef struct IndexContents {
	IndexEntry	*entries;
	size_t		 count;
} IndexContents;

/* Opens the index for the issue in the file at path, building it when it
 * is missing, stale or damaged. Several processes may do this at once.
 * Returns 0 and sets *out (close with index_close); *notice (optional,
 * caller frees) is set to a one-line message when the cache could not be
 * used and the index lives in memory. Returns -1 with *cause (caller frees)
 * naming the file when it cannot be read or holds no issue. */
int index_open(const char *path, int flags, Index **out, char **notice, char **cause);

/* Opens one index for the issues of npaths FILEs and DIRs (a folder's
 * issues are its *.txt files, subfolders included; one that holds no
 * issue is left out). When they hold a single issue in all, this is
 * index_open() on its file. Otherwise the archive's index is brought up
 * to date: issues added, changed or removed since the last open are
 * indexed or dropped, the others are not even read. Several processes may
 * do this at once. A folder named alone is first offered its shared index
 * (index_build_shared), used read-only when it can be trusted. Returns as index_open(); *cause names the argument
 * that is missing or holds no issue, or the FILE that is not one. */
int index_open_archive(const char *const *paths, size_t npaths, int flags, Index **out,
    char **notice, char **cause);

/* Builds the shared index of the folder of issues dir, in dir/.shuzhi/,
 * readable by everyone: a copy of the index there now with the issues
 * changed, added or removed since brought up to date (all of them when
 * there is none, or it is damaged or of another version), renamed over
 * it at once, never written in place. index_open_archive() on dir alone
 * then uses it read-only, building nothing, while it records exactly the
 * folder's files with their sizes and modification times; otherwise it
 * says so in its notice and uses the user's own cache (index_shared.c).
 * Returns 0 with *indexed set to the issues indexed and *notice (caller
 * frees) set when unreadable files were skipped, or -1 with *cause
 * (caller frees) naming dir when it holds no issues, or the folder
 * .shuzhi when it cannot be written (a symbolic link there is refused). */
int index_build_shared(const char *dir, size_t *indexed, char **notice, char **cause);

/* Returns the number of issues: 1 for index_open(). */
size_t index_issue_count(const Index *index);

/* Returns non-zero when the index holds more than one issue: its IDs then
 * carry their issue's prefix, "12/1.3". */
int index_is_archive(const Index *index);

/* Returns what is known of issue i (0 <= i < index_issue_count()), issues
 * being in the order of their numbers, those without one after them by
 * file name. Owned by the index. */
const IndexIssueInfo *index_issue_info(const Index *index, size_t i);

/* Gives issue i in *out, read from the index on first use (an issue of
 * the bundled size takes a few milliseconds), else parsed from its file.
 * Returns 0, or -1 with *cause (the caller frees) when neither works. The
 * issue is owned by the index, valid until index_close. */
int index_issue_load(Index *index, size_t i, const Issue **out, char **cause);

/* As index_issue_load(), NULL when it fails: for callers that have said
 * nothing can fail (issue 0 of a fresh open, in tests). */
const Issue *index_issue_at(Index *index, size_t i);

/* Returns issue 0: the issue of index_open() (a search never needs it). */
const Issue *index_issue(Index *index);

/* Finds the issue whose prefix is the first len bytes of prefix: returns
 * 0 and sets *i, or -1. */
int index_find_issue(const Index *index, const char *prefix, size_t len, size_t *i);

/* Splits an ID as --toc prints it: in an archive "12/1.3" gives the issue
 * with prefix "12" and "1.3"; with one issue, an ID without prefix is of
 * issue 0. Returns 0 and sets *i and *local (pointing into id), or -1 when
 * the ID names no issue (no prefix in an archive, an unknown prefix). */
int index_split_id(const Index *index, const char *id, size_t *i, const char **local);

/* Reads the contents of issue issue, or of every issue (INDEX_ALL_ISSUES),
 * from the index without reading the issues themselves: in an archive an
 * entry for each issue (its prefix, page 0, its title) before its own;
 * then the front matter, and each section followed by its articles, as
 * --toc lists them for one issue. Returns 0 and sets *out (free with
 * index_contents_free), or -1 with *cause (caller frees). */
int index_contents(Index *index, size_t issue, IndexContents **out, char **cause);

void index_contents_free(IndexContents *contents);

/* Returns how many issues the open indexed (built or rebuilt) rather than
 * found fresh in the cache. */
size_t index_reindexed(const Index *index);

/* Returns the path of the cache file in use, or NULL for an in-memory index. */
const char *index_cache_path(const Index *index);

void index_close(Index *index);

#endif
