/* Inside the index: what the index*.c files share, and nothing outside
 * them includes. Its clients' view is index.h and index_query.h. */
#ifndef SHUZHI_INDEX_INTERNAL_H
#define SHUZHI_INDEX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <sqlite3.h>

#include "archive.h"
#include "buffer.h"
#include "index.h"
#include "index_han.h"
#include "index_query.h"
#include "issue.h"

/* The version of the cache's layout: bump it whenever the schema, the
 * tokenizer, the parser's output or what is stored changes, and every
 * cache is rebuilt. */
#define INDEX_FORMAT 16

/* How long an open waits for another process that is writing the archive's
 * cache (a first build of 100 issues takes seconds) before it gives up and
 * keeps its index in memory. */
#define INDEX_BUSY_MILLISECONDS 60000

/* One issue of an open index. */
typedef struct IndexIssue {
	IndexIssueInfo	 info;		/* the public part; its strings below */
	sqlite3_int64	 id;		/* issues.issue_id */
	size_t		 read;		/* its place among the issues read, by issue_id */
	sqlite3_int64	 first_article;	/* rowid of its first article; the others follow */
	char		*key;		/* its file's key (ArchiveFile), NULL for index_open() */
	char		*path;
	char		*prefix;
	char		*title;
	char		*date;
	Issue		*issue;		/* NULL until index_issue_at() */
	int		 magazine;	/* it has a masthead or a number (index_sync_is_issue) */
	uint32_t	*tokens;	/* per article: its FTS5 size (title and body), or NULL */
	/* As read from the issues table (index_issues_read): whether it is
	 * an issue (is_issue), and its file's stamp, which opening an
	 * archive compares with the file's stat. */
	int		 is_issue;
	long long	 size, mtime, ctime, inode, device;
} IndexIssue;

/* Frees the strings of an issue (not its Issue). */
void index_issues_clear(IndexIssue *issue);

struct Index {
	int		 archive;	/* opened by index_open_archive() on several files */
	char		*path;		/* index_open(): the issue's file */
	size_t		 length;	/* index_open(): the length and hash of its text */
	uint64_t	 hash;
	Issue		*parsed;	/* index_open(): the issue, when it was parsed */
	ArchiveFiles	*files;		/* an archive: its files */
	char		*cache_path;	/* NULL when the index is in memory; or the shared index */
	sqlite3		*db;
	IndexIssue	*issues;	/* in the order of index_issue_info() */
	size_t		 nissues;
	size_t		*by_id;		/* the issues' positions, sorted by issue_id */
	Issue		**retired;	/* issues handed out before a rebuild changed the list */
	size_t		 nretired;
	size_t		 reindexed;
	char		*notes;		/* notices for index_open()'s caller, "; " between */
	struct IndexHan	*han;		/* pinyin and traditional search (index_han.c) */
	ArchiveFiles	*own_files;	/* a shared index in use: files, keyed as named */
	/* The issues table as read when the archive was found unchanged
	 * (index_archive.c), which index_load_issues() takes rather than
	 * read it again. */
	IndexIssue	*rows;
	size_t		 nrows;
	/* The archive's cache file as looked at while its files were being
	 * found (index_find.c), until index_archive_attach() takes it. */
	struct IndexPeek *peek;
};

/* What the issues table records of a file, to know it again unread. */
typedef struct IndexFileStamp {
	const char	*key;		/* ArchiveFile.key; NULL for index_open() */
	long long	 size, mtime, ctime, inode, device;
	uint64_t	 hash;		/* of its text */
	size_t		 length;
	long long	 generation;	/* the update that wrote it */
} IndexFileStamp;

/* ---- index_io.c: files and connections. */

/* Hashes the file at path a chunk at a time: sets *hash and *length.
 * Returns 0 or -1 with *cause naming the file. */
int index_hash_file(const char *path, uint64_t *hash, size_t *length, char **cause);

/* Returns column i of a statement's row as UTF-8 text, a copy the caller
 * frees, or NULL for NULL. A cache's text is UTF-16 (index_schema.c):
 * SQLite's own conversion, which index_column_text() asks for, allocates
 * for each value; this one converts into the copy (libunistring), and
 * leaves what is no UTF-16 (a lone surrogate) to SQLite's. */
char *index_column_copy(sqlite3_stmt *stmt, int i);

/* Opens a database with the FTS5 side registered; returns the connection
 * or NULL, with *cause set when cause is not NULL. */
sqlite3 *index_connect(const char *path, int flags, char **cause);

/* Builds a cache file: a temporary file of dir, of permissions mode
 * (0600 for a user's cache, 0644 for a shared index), filled by fill(db,
 * data, why, cause), then renamed to cache_path, atomically. fill returns
 * 0, or -1 with *why set when the database failed or *cause set when what
 * it was given is wrong. Returns 0, or -1 with *cause from fill or *why
 * (the caller frees) saying what went wrong with the folder, the file or
 * the database: the caller tells them apart by which one is set. */
int index_write_cache(const char *dir, const char *cache_path, mode_t mode,
    int (*fill)(sqlite3 *, void *, char **why, char **cause), void *data, char **why,
    char **cause);

/* ---- index_notes.c: notices for whoever opens the index. */

/* Adds a one-line notice (printf-style) to those index_open() hands to
 * its caller, unless the same is there already. */
void index_note(Index *index, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Notes that the cache file was damaged and is built anew. */
void index_note_damage(Index *index);

/* Notes why the cache is not used and the index is kept in memory, when
 * why (freed here) is not NULL. */
void index_note_memory(Index *index, char *why);

/* ---- index_schema.c: the tables and the stamp. */

/* Returns the stamp's source ("issue HASH LENGTH") of one issue's text;
 * the caller frees it. */
char *index_schema_issue_source(uint64_t hash, size_t length);

/* Creates the tables of an empty database and stamps it with source (see
 * index_schema_check), not yet complete. Returns an SQLite code. */
int index_schema_create(sqlite3 *db, const char *source);

/* Marks a stamped database complete. Returns an SQLite code. */
int index_schema_complete(sqlite3 *db);

/* Returns 0 when db is a complete index of this format, made by this
 * program for source ("issue HASH LENGTH" for one issue, "archive\n"
 * and the archive's key for an archive), 1 when it is an empty database
 * (a new file), -1 when it is stale, damaged or not an index; *rc (optional)
 * receives the SQLite code of a failure. */
int index_schema_check(sqlite3 *db, const char *source, int *rc);

/* ---- index_build.c and index_remove.c: one issue in, one issue out. */

/* What an issue's text is, tokenized once for its writer. */
typedef struct IndexTokens {
	/* for each article in order, its blocks' first FTS5 positions in
	 * its body, then its FTS5 size (title and body) */
	size_t	*positions;
	/* for each article, its title's tokens, then its body's, as FTS5
	 * will want them (index_fts_record()); NULL when not recorded */
	Buffer	*recordings;
	/* the characters' counts, when recorded (index_chars.c) */
	struct IndexChars *chars;
	size_t	 narticles;
} IndexTokens;

/* Tokenizes issue for its writer: its positions, its tokens recorded
 * when record is set, and its Han lists gathered into han (unless NULL)
 * from the same tokens: work with no database, which an update does on a
 * second thread. Free it with index_build_tokens_free. */
IndexTokens *index_build_tokens(const Issue *issue, IndexHanText *han, int record);
void index_build_tokens_free(IndexTokens *tokens);

/* Writes the issue into the tables and the search index, with the stamp
 * of its file (is_issue 1), its han row and its Han lists added to update.
 * han and tokens: index_build_tokens()'s, with the Han lists gathered by
 * it; both NULL to have them made here. Runs inside the caller's
 * transaction; returns an SQLite code. */
int index_build_issue(sqlite3 *db, const Issue *issue, const IndexHanRow *han,
    const IndexTokens *tokens, const IndexFileStamp *file, IndexHanUpdate *update);

/* Records a file of a folder that holds no issue, so that later opens
 * need not read it again. Returns an SQLite code. */
int index_build_not_issue(sqlite3 *db, const IndexFileStamp *file);

/* Fills an empty database with one issue for index_open(): the tables,
 * the issue, its search index merged into one b-tree and the stamp, in
 * one transaction. Returns 0, or -1 with *cause set (caller frees). */
int index_build(sqlite3 *db, const Issue *issue, uint64_t hash, size_t length, char **cause);

/* Removes issue id (or the record of a file without an issue) and its
 * search rows, and takes its Han lists out of update. Runs inside the
 * caller's transaction; returns an SQLite code. */
int index_remove_issue(sqlite3 *db, sqlite3_int64 id, IndexHanUpdate *update);

/* ---- index_chars.c: each character's articles, for ranking. */

/* An issue's counts of characters by article, being gathered from what
 * FTS5 indexes (index_chars.c). */
typedef struct IndexChars IndexChars;

IndexChars *index_chars_new(void);
void index_chars_free(IndexChars *chars);

/* Counts the characters of the next row inserted into the search table
 * as those of the issue's article (articles come in order). */
void index_chars_watch(IndexChars *chars, size_t article);

/* Or, for a caller that has the article's tokens (as FTS5 indexes them):
 * starts the article, then counts each token of column (0 title, 1
 * body); index_chars_sort orders the counts ahead of their writing. Work
 * with no database, which an update does on a second thread. */
void index_chars_start(IndexChars *chars, size_t article);
void index_chars_count(void *chars, int column, const char *text, size_t length);
void index_chars_sort(IndexChars *chars);

/* Stops counting and writes the issue's rows of the chars table; returns
 * an SQLite code. */
int index_chars_write(sqlite3 *db, IndexChars *chars, sqlite3_int64 issue_id);

/* ---- index_prefetch.c: the files an update indexes, read and parsed
 * on a second thread. */

/* A file to prepare, and the text the index holds for it, if any. */
typedef struct IndexPrefetchFile {
	const ArchiveFile	*file;
	int			 hash_known;	/* hash and length are the index's */
	uint64_t		 hash;
	size_t			 length;
} IndexPrefetchFile;

/* A file prepared: its text, hash and issue. */
typedef struct IndexPrepared {
	char		*data;		/* NULL: it could not be read */
	size_t		 length;
	uint64_t	 hash;
	int		 error;		/* errno of a failed read */
	int		 parsed;	/* 0: the text is the index's, not parsed */
	Issue		*issue;		/* parsed; NULL when the parser failed */
	IndexHanRow	*han;		/* the issue's han row */
	IndexTokens	*tokens;	/* index_build_tokens() */
	char		*failure;	/* why the read or the parser failed */
} IndexPrepared;

typedef struct IndexPrefetch IndexPrefetch;

/* Starts preparing count files (files stays the caller's until
 * index_prefetch_stop), in order, on a second thread when one starts. */
IndexPrefetch *index_prefetch_start(IndexPrefetchFile *files, size_t count);

/* Waits for the next file and moves it, prepared, into *out (the caller
 * clears it with index_prepared_clear); past the last, *out is empty. */
void index_prefetch_take(IndexPrefetch *p, IndexPrepared *out);

/* Stops the thread and frees the files not taken. */
void index_prefetch_stop(IndexPrefetch *p);

/* Frees what a prepared file holds, leaving it empty. */
void index_prepared_clear(IndexPrepared *prepared);

/* ---- index_sync.c: an archive's database against its files. */

/* What an update of an archive's database did. */
typedef struct IndexSyncReport {
	int	 damaged;	/* it failed because the file is damaged: rebuild it */
	size_t	 reindexed;	/* issues indexed */
	size_t	 skipped;	/* files found in a folder but unreadable, passed over */
	char	*first_skipped;	/* the first of them and why; owned by the report */
} IndexSyncReport;

/* Frees what a report holds and zeroes it. */
void index_sync_report_clear(IndexSyncReport *report);

/* Brings the archive's database up to date with files: checks every
 * file's stat against the issues table without writing; when something
 * changed, takes the write lock, creates the tables when the database is
 * new (stamping it with source), and indexes or removes what changed.
 * *report (cleared first) says what was done. Returns 0, or -1 with
 * *cause when a FILE named on the command line is not an issue, or with
 * *why (caller frees) when the database failed (report->damaged set when
 * it is damaged, not merely locked or full). */
int index_sync(sqlite3 *db, const ArchiveFiles *files, const char *source,
    IndexSyncReport *report, char **why, char **cause);

/* Checks a shared index (index_shared.c) against files, whose keys are
 * relative to the folder: returns 0 when it records exactly these files,
 * each of the same size and modification time (what a copy of the folder
 * with cp -a or rsync -a keeps; inode, device and change time do not
 * survive one), or -1 with *why (caller frees) naming the first file
 * that changed, came or went ("02.txt changed since it was built"), or
 * saying that the list cannot be read. */
int index_sync_check_shared(sqlite3 *db, const ArchiveFiles *files, char **why);

/* Returns non-zero when rows, every row of the issues table as
 * index_issues_read() gives them with stamps, record exactly the files,
 * unchanged: what index_sync() checks before it takes any lock. */
int index_sync_rows_fresh(const IndexIssue *rows, size_t n, const ArchiveFiles *files);

/* Returns non-zero when a parsed text found in a folder is an issue of
 * the magazine (a masthead or a number), not a README. */
int index_sync_is_issue(const Issue *issue);

/* ---- index_load.c: reading back. */

/* Reads the issues table into index->issues, in order, with their
 * prefixes; issues already read keep their Issue. Takes index->rows
 * instead when they are there. Returns an SQLite code. */
int index_load_issues(Index *index);

/* Reads the rows of the issues table in issue_id order, each with its
 * key, not yet with its path: the issues, or with stamps set every row,
 * files without an issue too, each with its file's stamp. Sets *out (free
 * with index_issues_free_rows) and *n. Returns an SQLite code. */
int index_issues_read(sqlite3 *db, int stamps, IndexIssue **out, size_t *n);

/* index_issues_read(), always from the table (index_issues.c). */
int index_issues_read_table(sqlite3 *db, int stamps, IndexIssue **out, size_t *n);

/* ---- index_issues_saved.c: the issues table saved in one blob. */

/* Saves every row of the issues table in one blob for update generation
 * (meta 'generation'), in place of any saved before. Returns an SQLite
 * code. */
int index_issues_save(sqlite3 *db, long long generation);

/* Reads the rows saved by index_issues_save() as index_issues_read()
 * gives them; returns 0, or -1 when none were saved by the current
 * update or they do not read back whole (then the table is to be read;
 * nothing is set). */
int index_issues_read_saved(sqlite3 *db, int stamps, IndexIssue **out, size_t *n);

/* Frees n rows of index_issues_read() and their array. */
void index_issues_free_rows(IndexIssue *rows, size_t n);

/* Reads issue issue out of the index, named name; returns 0 and sets
 * *out (the caller frees it with issue_free), or -1 when the index cannot
 * be read. */
int index_load_issue(sqlite3 *db, const IndexIssue *issue, const char *name, Issue **out);

/* ---- index_archive.c */

/* Gives an archive's index its database: the cache file brought up to
 * date, a rebuilt one, or one in memory, noting why the cache is not
 * used when it is not; index->peek, when it looked at the same file, is
 * its connection. Returns 0, or -1 with *cause. */
int index_archive_attach(Index *index, int flags, char **cause);

/* An archive's cache file looked at before its files are known. */
typedef struct IndexPeek IndexPeek;

/* Opens the cache file of the archive keyed key (ArchiveFiles.key), when
 * there is one, and reads its issues' rows with their stamps, when it is
 * a complete index of that archive: what index_archive_attach() does
 * first. Returns the look (free with index_archive_peek_free, or hand it
 * to the index as index->peek), or NULL, which attach then finds again. */
IndexPeek *index_archive_peek(const char *key);

void index_archive_peek_free(IndexPeek *peek);

/* ---- index_find.c */

/* Finds the files of npaths FILEs and DIRs as archive_find() does, and
 * meanwhile, unless flags ask a rebuild or memory, looks at their cache
 * file: sets *files, and *peek to the look or NULL. Returns 0, or -1
 * with *cause as archive_find() gives it. */
int index_find_archive(const char *const *paths, size_t npaths, int flags, ArchiveFiles **files,
    IndexPeek **peek, char **cause);

/* What a fill of a new archive database needs and gives. */
typedef struct ArchiveFill {
	const ArchiveFiles	*files;
	const char		*source;
	IndexSyncReport		 report;
} ArchiveFill;

/* Fills a new database (a temporary file, or memory) with the archive
 * data (an ArchiveFill) names: index_write_cache's fill. */
int index_archive_fill(sqlite3 *db, void *data, char **why, char **cause);

/* Takes what an update did into the index: its count, and a notice of
 * the files it passed over. Clears the report. */
void index_archive_take_report(Index *index, IndexSyncReport *report);

/* ---- index_shared.c: an index kept in the archive's folder for everyone. */

/* Gives an archive opened on the folder dir the shared index built there,
 * read-only, when it matches the files. Returns 0, or -1 when there is
 * none (nothing said) or it cannot be trusted (noted: out of date,
 * damaged, of another version, not a plain folder and file); the caller
 * then uses the user's own cache. */
int index_shared_attach(Index *index, const char *dir);

/* Leaves the shared index for the user's own (a query found it damaged):
 * notes it and gives the index back the files the user named. */
void index_shared_leave(Index *index);

#endif
