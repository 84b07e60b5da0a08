/* The FTS5 side of the index: the tokenizer of tokenize.c behind FTS5's
 * tokenizer interface, and a function that hands back where a query's
 * phrases were found in a row (the ranking function is index_rank.c's). */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "buffer.h"
#include "index_fts.h"
#include "tokenize.h"
#include "xalloc.h"

/* A tokenizer instance: the TOKENIZE_* flags its arguments asked for. */
typedef struct FtsTokenizer {
	int	flags;
} FtsTokenizer;

/* Where the tokens of one xTokenize call go. */
typedef struct FtsTokenSink {
	void	*context;
	int	(*token)(void *, int, const char *, int, int, int);
	int	 column;	/* of the watched document, or -1 */
} FtsTokenSink;

/* Who is shown the tokens of the documents this thread hands FTS5, how
 * many columns of the current one FTS5 has tokenized, and the tokens
 * recorded for its columns (0 title, 1 body), if any. */
typedef struct FtsWatch {
	FtsTokenWatcher	 watcher;
	void		*data;
	int		 columns;
	const Buffer	*recordings[2];
	size_t		 lengths[2];	/* of the text each was made from */
} FtsWatch;

/* A recorded token: a byte, its length times two plus one when it is
 * colocated (FTS_RECORD_LONG and four bytes of length, the same way, for
 * a word of 127 bytes or more), then its text. A document's offsets are
 * not recorded: FTS5 keeps none of them (its storage's token callback
 * ignores them), and the replay hands it 0. */
#define FTS_RECORD_LONG 0xff

static _Thread_local FtsWatch index_fts_watching;

/* Creates a tokenizer instance for a table (FTS5 xCreate). */
static int
index_fts_tokenizer_create(void *user_data, const char **args, int nargs, Fts5Tokenizer **out)
{
	FtsTokenizer *tokenizer;
	int flags = 0, i;

	for (i = 0; i < nargs; i++) {
		if (strcmp(args[i], "unigrams") == 0)
			flags |= TOKENIZE_UNIGRAMS;
		else
			return SQLITE_ERROR;
	}
	tokenizer = xcalloc(1, sizeof *tokenizer);
	tokenizer->flags = flags;
	*out = (Fts5Tokenizer *)tokenizer;
	return SQLITE_OK;
}

/* Frees a tokenizer instance (FTS5 xDelete). */
static void
index_fts_tokenizer_delete(Fts5Tokenizer *tokenizer)
{
	free(tokenizer);
}

/* Passes one token on to FTS5 (a TokenHandler). */
static int
index_fts_pass_token(void *data, const Token *token)
{
	FtsTokenSink *sink = data;

	if (sink->column >= 0)
		index_fts_watching.watcher(index_fts_watching.data, sink->column, token->text,
		    token->length);
	return sink->token(sink->context, token->colocated ? FTS5_TOKEN_COLOCATED : 0,
	    token->text, (int)token->length, (int)token->start, (int)token->end);
}

/* Appends a token to a recording; see index_fts.h. */
void
index_fts_record(Buffer *recording, const Token *token)
{
	uint32_t head = (uint32_t)token->length << 1 | (token->colocated != 0);
	unsigned char record[1 + 126];

	if (token->length < 127) {
		/* One append: a recording takes a million tokens an issue. */
		record[0] = (unsigned char)head;
		memcpy(record + 1, token->text, token->length);
		buffer_append(recording, (const char *)record, 1 + token->length);
	} else {
		record[0] = FTS_RECORD_LONG;
		memcpy(record + 1, &head, sizeof head);
		buffer_append(recording, (const char *)record, 1 + sizeof head);
		buffer_append(recording, token->text, token->length);
	}
}

/* Hands FTS5 the tokens of a recording, as index_fts_pass_token() would
 * have handed them but for their offsets; returns an SQLite code. */
static int
index_fts_replay_tokens(const Buffer *recording, FtsTokenSink *sink)
{
	const unsigned char *p = (const unsigned char *)recording->data;
	const unsigned char *end = p + recording->len;
	int rc = SQLITE_OK;

	while (rc == SQLITE_OK && p < end) {
		uint32_t head = *p++;
		Token token;

		if (head == FTS_RECORD_LONG && end - p >= (ptrdiff_t)sizeof head) {
			memcpy(&head, p, sizeof head);
			p += sizeof head;
		}
		memset(&token, 0, sizeof token);
		token.text = (const char *)p;
		token.length = head >> 1;
		token.colocated = (int)(head & 1);
		if ((size_t)(end - p) < token.length)
			break;
		p += token.length;
		rc = index_fts_pass_token(sink, &token);
	}
	return rc;
}

/* Tokenizes text for FTS5 (xTokenize): documents and the text given to
 * auxiliary functions the document way, query terms the query way. A
 * document's column whose tokens were recorded ahead (index_fts_replay())
 * is read from the recording. */
static int
index_fts_tokenize(Fts5Tokenizer *instance, void *context, int flags, const char *text,
    int length, int (*token)(void *, int, const char *, int, int, int))
{
	FtsTokenizer *tokenizer = (FtsTokenizer *)instance;
	FtsTokenSink sink = { context, token, -1 };
	FtsWatch *w = &index_fts_watching;
	int mode = tokenizer->flags, column = -1;

	/* FTS5 tokenizes a new row's columns in order, each once, even
	 * an empty one. */
	if ((flags & FTS5_TOKENIZE_DOCUMENT) && (w->watcher != NULL || w->recordings[0] != NULL ||
	    w->recordings[1] != NULL)) {
		column = INDEX_FTS_COLUMN(w->columns++);
		if (w->watcher != NULL)
			sink.column = column;
	}
	if (length <= 0)
		return SQLITE_OK;
	if (column >= 0 && column < 2 && w->recordings[column] != NULL &&
	    w->lengths[column] == (size_t)length)
		return index_fts_replay_tokens(w->recordings[column], &sink);
	if (flags & FTS5_TOKENIZE_QUERY)
		mode |= TOKENIZE_QUERY;
	return tokenize(text, (size_t)length, mode, index_fts_pass_token, &sink);
}

/* Has the next row's columns read from recordings; see index_fts.h. */
void
index_fts_replay(const Buffer *title, size_t title_length, const Buffer *body,
    size_t body_length)
{
	index_fts_watching.recordings[0] = title;
	index_fts_watching.lengths[0] = title_length;
	index_fts_watching.recordings[1] = body;
	index_fts_watching.lengths[1] = body_length;
	index_fts_watching.columns = 0;
}

/* Shows the tokens of the next row inserted to watcher; see index_fts.h. */
void
index_fts_watch(FtsTokenWatcher watcher, void *data)
{
	index_fts_watching.watcher = watcher;
	index_fts_watching.data = data;
	index_fts_watching.columns = 0;
}

/* Orders hits by column, then position, then phrase; see index_fts.h. */
int
index_fts_compare_hits(const void *a, const void *b)
{
	const FtsHit *x = a, *y = b;

	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return (x->phrase > y->phrase) - (x->phrase < y->phrase);
}

/* Reads the current row's instances of phrases 0..wanted-1 into *hits
 * (the caller frees; NULL when none), sorted by column and position, and
 * their number into *nhits. Returns an SQLite code. */
int
index_fts_row_hits(const Fts5ExtensionApi *api, Fts5Context *fts, int wanted, FtsHit **hits,
    size_t *nhits)
{
	FtsHit *found = NULL;
	int count, used = 0, i, rc;

	*hits = NULL;
	*nhits = 0;
	rc = api->xInstCount(fts, &count);
	if (rc == SQLITE_OK && count > 0)
		found = xreallocarray(NULL, (size_t)count, sizeof *found);
	for (i = 0; rc == SQLITE_OK && i < count; i++) {
		FtsHit *hit = &found[used];

		rc = api->xInst(fts, i, &hit->phrase, &hit->column, &hit->position);
		hit->column = INDEX_FTS_COLUMN(hit->column);
		if (rc == SQLITE_OK && hit->phrase < wanted)
			used++;
	}
	if (rc != SQLITE_OK || used == 0) {
		free(found);
		return rc;
	}
	qsort(found, (size_t)used, sizeof *found, index_fts_compare_hits);
	*hits = found;
	*nhits = (size_t)used;
	return SQLITE_OK;
}

/* shuzhi_hits(table, N): the row's instances of phrases 0..N-1 as a blob
 * of FtsHit sorted by column and position (an FTS5 auxiliary function). */
static void
index_fts_hits(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *result,
    int nargs, sqlite3_value **args)
{
	FtsHit *hits = NULL;
	size_t nhits = 0;
	int rc;

	if (nargs != 1) {
		sqlite3_result_error(result, "shuzhi_hits: wrong number of arguments", -1);
		return;
	}
	rc = index_fts_row_hits(api, fts, sqlite3_value_int(args[0]), &hits, &nhits);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(result, rc);
		return;
	}
	sqlite3_result_blob(result, nhits > 0 ? (const void *)hits : "",
	    (int)(nhits * sizeof *hits), SQLITE_TRANSIENT);
	free(hits);
}

/* Returns the connection's FTS5 API, or NULL; owned by the connection. */
fts5_api *
index_fts_api(sqlite3 *db)
{
	sqlite3_stmt *stmt = NULL;
	fts5_api *api = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return api;
}

/* Registers the tokenizer and shuzhi_hits(); returns 0 or -1 with *cause. */
int
index_fts_register(sqlite3 *db, char **cause)
{
	fts5_tokenizer tokenizer = {
		index_fts_tokenizer_create, index_fts_tokenizer_delete, index_fts_tokenize
	};
	fts5_api *api = index_fts_api(db);
	int rc;

	if (api == NULL || api->iVersion < 2) {
		if (cause != NULL)
			*cause = xstrdup("this SQLite has no FTS5");
		return -1;
	}
	rc = api->xCreateTokenizer(api, "shuzhi", NULL, &tokenizer, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "shuzhi_hits", NULL, index_fts_hits, NULL);
	if (rc != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("registering the FTS5 tokenizer: %s", sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}
