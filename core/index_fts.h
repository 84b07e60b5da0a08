/* The FTS5 side of the index: the "shuzhi" tokenizer and the
 * "shuzhi_hits" function, registered on each connection (the ranking,
 * index_rank.h, sits above it). */
#ifndef SHUZHI_INDEX_FTS_H
#define SHUZHI_INDEX_FTS_H

#include <stddef.h>

#include <sqlite3.h>

#include "buffer.h"
#include "tokenize.h"

/* Our number of a column of the search table (0 title, 1 body, as
 * everything above FTS5 counts them) from FTS5's, and back: FTS5 holds
 * the body first (index_schema.c says why). */
#define INDEX_FTS_COLUMN(column) (1 - (column))

/* One instance of a query phrase in a row, as shuzhi_hits() returns them. */
typedef struct FtsHit {
	int	column;		/* 0 title, 1 body */
	int	position;	/* token position of the phrase's first token */
	int	phrase;		/* the phrase's number in the query */
} FtsHit;

/* Orders hits by column, then position, then phrase (for qsort): as
 * shuzhi_hits() gives them. */
int index_fts_compare_hits(const void *a, const void *b);

/* Registers the tokenizer and the function with the connection's FTS5:
 *   tokenize='shuzhi' (or 'shuzhi unigrams', for bench/)
 *   shuzhi_hits(table, N) returns the row's instances of phrases 0..N-1 as
 *   a blob of FtsHit, sorted by column and position.
 * (index_connect() adds shuzhi_rank(), index_rank.h, above this.)
 * Returns 0, or -1 with *cause set (caller frees). */
int index_fts_register(sqlite3 *db, char **cause);

/* Is shown each token of a document FTS5 indexes: its column (0 title,
 * 1 body) and its text (normalised, not NUL-terminated). */
typedef void (*FtsTokenWatcher)(void *data, int column, const char *text, size_t length);

/* Shows watcher the tokens of the rows this thread inserts into an FTS5
 * table of the tokenizer, until called again (NULL: no one); call it
 * before each row, which starts the count of columns again. */
void index_fts_watch(FtsTokenWatcher watcher, void *data);

/* Appends token to a recording of a document's column: its tokens made
 * ahead (on another thread) and handed to FTS5 when the row is inserted
 * rather than made again. */
void index_fts_record(Buffer *recording, const Token *token);

/* Has the next row this thread inserts read its title's and its body's
 * tokens from recordings (index_fts_record()), each made from that
 * column's text of the length given, the document way; a column whose
 * text is of another length, or whose recording is NULL, is tokenized.
 * Call it before the row, and with NULLs after it. */
void index_fts_replay(const Buffer *title, size_t title_length, const Buffer *body,
    size_t body_length);

/* Returns the connection's FTS5 API, or NULL; owned by the connection. */
fts5_api *index_fts_api(sqlite3 *db);

/* Reads the current row's instances of phrases 0..wanted-1 into *hits
 * (the caller frees; NULL when none), sorted by column and position, and
 * their number into *nhits. For auxiliary functions. Returns an SQLite
 * code. */
int index_fts_row_hits(const Fts5ExtensionApi *api, Fts5Context *fts, int wanted, FtsHit **hits,
    size_t *nhits);

#endif
