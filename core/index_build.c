/* Writing an issue into the index: prepared inserts into the tables and
 * the search index, inside the caller's transaction; for index_open(), a
 * whole database of one issue with its FTS5 segments merged into one
 * b-tree. */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index_fts.h"
#include "index_han.h"
#include "index_internal.h"
#include "varint.h"
#include "tokenize.h"
#include "xalloc.h"

/* The prepared statements of one issue's build. */
typedef struct IndexWriter {
	sqlite3		*db;
	sqlite3_stmt	*issue;
	sqlite3_stmt	*section;
	sqlite3_stmt	*article;
	sqlite3_stmt	*block;
	sqlite3_stmt	*positions;
	sqlite3_stmt	*search;
} IndexWriter;

#define INDEX_BUILD_ISSUE_SQL \
	"INSERT INTO issues(file, size, mtime, ctime, inode, device, hash, length, is_issue," \
	" built, title, date, number, pages, first_article, article_count)" \
	" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14," \
	" coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0) + 1, ?15)"

/* Runs a prepared insert and resets it; returns an SQLite code. */
static int
index_build_step(sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Binds a string that may be NULL. */
static void
index_build_bind_text(sqlite3_stmt *stmt, int column, const char *text)
{
	if (text != NULL)
		sqlite3_bind_text(stmt, column, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, column);
}

/* Prepares the statements; returns an SQLite code. */
static int
index_build_prepare(IndexWriter *w)
{
	static const struct {
		size_t		 offset;
		const char	*sql;
	} statements[] = {
		{ offsetof(IndexWriter, issue), INDEX_BUILD_ISSUE_SQL },
		{ offsetof(IndexWriter, section), "INSERT INTO sections VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)" },
		{ offsetof(IndexWriter, article), "INSERT INTO articles VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)" },
		{ offsetof(IndexWriter, block), "INSERT INTO blocks VALUES(?1,?2,?3,?4,?5,?6,?7,?8)" },
		{ offsetof(IndexWriter, positions), "INSERT INTO positions VALUES(?1,?2)" },
		{ offsetof(IndexWriter, search), "INSERT INTO search(rowid, title, body) VALUES(?1,?2,?3)" },
	};
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; rc == SQLITE_OK && i < sizeof statements / sizeof statements[0]; i++) {
		sqlite3_stmt **slot = (sqlite3_stmt **)((char *)w + statements[i].offset);

		rc = sqlite3_prepare_v2(w->db, statements[i].sql, -1, slot, NULL);
	}
	return rc;
}

/* Finalizes the statements. */
static void
index_build_finalize(IndexWriter *w)
{
	sqlite3_finalize(w->issue);
	sqlite3_finalize(w->section);
	sqlite3_finalize(w->article);
	sqlite3_finalize(w->block);
	sqlite3_finalize(w->positions);
	sqlite3_finalize(w->search);
}

/* Binds the stamp of a file to the issue row; the hash as 16 hex digits
 * goes in buffer hash (17 bytes), which must outlive the step. */
static void
index_build_bind_file(sqlite3_stmt *stmt, const IndexFileStamp *file, char *hash, int is_issue)
{
	snprintf(hash, 17, "%016" PRIx64, file->hash);
	/* A name's bytes as they are: a TEXT in this UTF-16 database would
	 * turn those that are no UTF-8 into U+FFFD, and two names into one. */
	if (file->key != NULL)
		sqlite3_bind_blob(stmt, 1, file->key, (int)strlen(file->key), SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 1);
	if (file->key != NULL) {
		sqlite3_bind_int64(stmt, 2, file->size);
		sqlite3_bind_int64(stmt, 3, file->mtime);
		sqlite3_bind_int64(stmt, 4, file->ctime);
		sqlite3_bind_int64(stmt, 5, file->inode);
		sqlite3_bind_int64(stmt, 6, file->device);
	}
	sqlite3_bind_text(stmt, 7, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 8, (sqlite3_int64)file->length);
	sqlite3_bind_int(stmt, 9, is_issue);
	sqlite3_bind_int64(stmt, 10, file->generation);
}

/* Writes the issue row; sets *id and *first_article. Returns an SQLite code. */
static int
index_build_issue_row(IndexWriter *w, const Issue *issue, const IndexFileStamp *file,
    sqlite3_int64 *id, sqlite3_int64 *first_article)
{
	sqlite3_stmt *stmt = NULL;
	char hash[17];
	int rc;

	index_build_bind_file(w->issue, file, hash, 1);
	index_build_bind_text(w->issue, 11, issue_title(issue));
	index_build_bind_text(w->issue, 12, issue_date(issue));
	sqlite3_bind_int(w->issue, 13, issue_number(issue));
	sqlite3_bind_int(w->issue, 14, issue_page_count(issue));
	sqlite3_bind_int64(w->issue, 15, (sqlite3_int64)issue_article_count(issue));
	rc = index_build_step(w->issue);
	sqlite3_clear_bindings(w->issue);
	if (rc != SQLITE_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(w->db);
	rc = sqlite3_prepare_v2(w->db, "SELECT first_article FROM issues WHERE issue_id = ?1", -1,
	    &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, *id);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*first_article = sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE)
			rc = SQLITE_CORRUPT;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Writes the sections of issue id; returns an SQLite code. */
static int
index_build_sections(IndexWriter *w, const Issue *issue, sqlite3_int64 id)
{
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; rc == SQLITE_OK && i < issue_section_count(issue); i++) {
		const Section *s = issue_section(issue, i);

		sqlite3_bind_int64(w->section, 1, id);
		sqlite3_bind_int64(w->section, 2, (sqlite3_int64)i);
		index_build_bind_text(w->section, 3, s->id);
		index_build_bind_text(w->section, 4, s->title);
		index_build_bind_text(w->section, 5, s->subtitle);
		sqlite3_bind_int(w->section, 6, s->first_page);
		sqlite3_bind_int(w->section, 7, s->last_page);
		sqlite3_bind_int64(w->section, 8, (sqlite3_int64)s->first_article);
		sqlite3_bind_int64(w->section, 9, (sqlite3_int64)s->narticles);
		rc = index_build_step(w->section);
	}
	return rc;
}

/* Counting positions, and handing the same tokens to the Han lists and
 * to a recording. */
typedef struct PositionCount {
	size_t		 positions;
	IndexHanText	*han;
	Buffer		*recording;	/* or NULL */
	IndexChars	*chars;		/* or NULL */
	int		 column;	/* of the string: 0 title, 1 body */
} PositionCount;

/* Counts a token's position and hands it on (a TokenHandler). */
static int
index_build_count_token(void *data, const Token *token)
{
	PositionCount *count = data;

	if (!token->colocated)
		count->positions++;
	if (count->recording != NULL)
		index_fts_record(count->recording, token);
	if (count->chars != NULL)
		index_chars_count(count->chars, count->column, token->text, token->length);
	return count->han != NULL ? index_han_text_token(count->han, token) : 0;
}

/* Returns the positions the tokens of a string take, its tokens handed
 * on as count says. */
static size_t
index_build_count(PositionCount *count, const char *s, size_t len)
{
	count->positions = 0;
	if (count->han != NULL)
		index_han_text_begin(count->han);
	tokenize(s, len, 0, index_build_count_token, count);
	return count->positions;
}

/* Tokenizes an issue for its writer; see index_internal.h. */
IndexTokens *
index_build_tokens(const Issue *issue, IndexHanText *han, int record)
{
	IndexTokens *t = xcalloc(1, sizeof *t);
	PositionCount count = { 0, han, NULL, NULL, 0 };
	size_t i, j, n = issue_article_count(issue), total = n, at = 0;

	for (i = 0; i < n; i++)
		total += issue_article(issue, i)->nblocks;
	t->positions = xreallocarray(NULL, total + 1, sizeof *t->positions);
	t->narticles = n;
	if (record) {
		t->recordings = xcalloc(2 * n + 1, sizeof *t->recordings);
		t->chars = count.chars = index_chars_new();
	}
	for (i = 0; i < n; i++) {
		const Article *a = issue_article(issue, i);
		size_t position = 0;

		if (count.chars != NULL)
			index_chars_start(count.chars, i);
		count.recording = record ? &t->recordings[2 * i + 1] : NULL;
		count.column = 1;
		for (j = 0; j < a->nblocks; j++) {
			t->positions[at++] = position;
			/* Blocks are joined by newlines, which no token crosses,
			 * so the body's tokens are the blocks' end to end. */
			position += index_build_count(&count, a->blocks[j].text, a->blocks[j].length);
		}
		count.recording = record ? &t->recordings[2 * i] : NULL;
		count.column = 0;
		t->positions[at++] = position + (a->title != NULL ?
		    index_build_count(&count, a->title, strlen(a->title)) : 0);
	}
	if (count.chars != NULL)
		index_chars_sort(count.chars);
	return t;
}

/* Frees what index_build_tokens() made. */
void
index_build_tokens_free(IndexTokens *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; t->recordings != NULL && i < 2 * t->narticles; i++)
		buffer_free(&t->recordings[i]);
	free(t->recordings);
	free(t->positions);
	index_chars_free(t->chars);
	free(t);
}

/* Writes one article as row rowid of issue id: its row, its blocks and
 * its search row; stores its FTS5 size (title and body tokens, as
 * FTS5 counts them: colocated tokens share a position) at *tokens.
 * positions: its blocks' first positions, then that size; recordings:
 * its title's and its body's tokens, or NULL (index_build_tokens()).
 * Returns an SQLite code. */
static int
index_build_article(IndexWriter *w, const Article *a, sqlite3_int64 id, sqlite3_int64 rowid,
    const size_t *positions, const Buffer *recordings, unsigned char *tokens)
{
	size_t i, size = positions[a->nblocks];
	Buffer blob = { 0 };
	int rc;

	sqlite3_bind_int64(w->article, 1, rowid);
	sqlite3_bind_int64(w->article, 2, id);
	sqlite3_bind_int64(w->article, 3, (sqlite3_int64)a->index);
	index_build_bind_text(w->article, 4, a->id);
	index_build_bind_text(w->article, 5, a->title);
	index_build_bind_text(w->article, 6, a->source);
	sqlite3_bind_int(w->article, 7, a->section);
	sqlite3_bind_int(w->article, 8, a->page);
	sqlite3_bind_int(w->article, 9, a->last_page);
	sqlite3_bind_int(w->article, 10, a->line);
	sqlite3_bind_int64(w->article, 11, (sqlite3_int64)a->text_length);
	rc = index_build_step(w->article);
	buffer_append(&blob, "", 0);
	for (i = 0; i < a->nblocks; i++)
		varint_put(&blob, positions[i] - (i > 0 ? positions[i - 1] : 0));
	sqlite3_bind_int64(w->positions, 1, rowid);
	sqlite3_bind_blob(w->positions, 2, blob.data, (int)blob.len, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = index_build_step(w->positions);
	buffer_free(&blob);
	if (rc == SQLITE_OK && a->nblocks > INDEX_BLOCK_MAX)
		rc = SQLITE_TOOBIG;
	for (i = 0; rc == SQLITE_OK && i < a->nblocks; i++) {
		const Block *b = &a->blocks[i];

		sqlite3_bind_int64(w->block, 1, INDEX_FIRST_BLOCK(rowid) + (sqlite3_int64)i);
		sqlite3_bind_int(w->block, 2, (int)b->kind);
		sqlite3_bind_int(w->block, 3, b->page);
		sqlite3_bind_int(w->block, 4, b->line);
		sqlite3_bind_int64(w->block, 5, (sqlite3_int64)b->offset);
		sqlite3_bind_int64(w->block, 6, (sqlite3_int64)positions[i]);
		sqlite3_bind_text(w->block, 7, b->text, (int)b->length, SQLITE_STATIC);
		sqlite3_bind_int(w->block, 8, b->last_page);
		rc = index_build_step(w->block);
	}
	for (i = 0; i < 4; i++)
		tokens[i] = (unsigned char)(size >> (8 * i));
	if (rc == SQLITE_OK) {
		/* index_remove.c gives FTS5 these same values back. */
		sqlite3_bind_int64(w->search, 1, rowid);
		index_build_bind_text(w->search, 2, a->title);
		sqlite3_bind_text(w->search, 3, a->text != NULL ? a->text : "",
		    (int)a->text_length, SQLITE_STATIC);
		if (recordings != NULL)
			index_fts_replay(&recordings[0], a->title != NULL ? strlen(a->title) : 0,
			    &recordings[1], a->text != NULL ? a->text_length : 0);
		rc = index_build_step(w->search);
		index_fts_replay(NULL, 0, NULL, 0);
	}
	return rc;
}

/* Writes an issue and its search rows; returns an SQLite code. */
int
index_build_issue(sqlite3 *db, const Issue *issue, const IndexHanRow *han,
    const IndexTokens *made_tokens, const IndexFileStamp *file, IndexHanUpdate *update)
{
	IndexWriter w = { db, NULL, NULL, NULL, NULL, NULL, NULL };
	size_t i, at = 0, n = issue_article_count(issue);
	/* Made here (a lone issue's index), in one tokenizing of the text. */
	IndexHanText *text = made_tokens != NULL ? NULL : index_han_text_new();
	IndexTokens *made = made_tokens != NULL ? NULL : index_build_tokens(issue, text, 0);
	IndexHanRow *made_han = text != NULL ? index_han_text_finish(text) : NULL;
	const IndexTokens *t = made_tokens != NULL ? made_tokens : made;
	const IndexHanRow *row = made_han != NULL ? made_han : han;
	unsigned char *tokens = xcalloc(n + 1, 4);
	/* The characters' counts: made with the tokens, or from what FTS5
	 * is shown. */
	IndexChars *watched = t->chars != NULL ? NULL : index_chars_new();
	IndexChars *chars = t->chars != NULL ? t->chars : watched;
	sqlite3_int64 id = 0, first = 0;
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = index_build_prepare(&w);
	if (rc == SQLITE_OK)
		rc = index_build_issue_row(&w, issue, file, &id, &first);
	if (rc == SQLITE_OK)
		rc = index_build_sections(&w, issue, id);
	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		const Article *a = issue_article(issue, i);

		if (watched != NULL)
			index_chars_watch(watched, i);
		rc = index_build_article(&w, a, id, first + (sqlite3_int64)i, t->positions + at,
		    t->recordings != NULL ? &t->recordings[2 * i] : NULL, tokens + 4 * i);
		at += a->nblocks + 1;
	}
	index_build_finalize(&w);
	if (rc == SQLITE_OK)
		rc = index_chars_write(db, chars, id);
	else
		index_fts_watch(NULL, NULL);
	index_chars_free(watched);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "UPDATE issues SET tokens = ?2 WHERE issue_id = ?1", -1,
		    &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_blob(stmt, 2, tokens, (int)(4 * n), SQLITE_STATIC);
		rc = index_build_step(stmt);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_OK)
		rc = index_han_write(db, row, id);
	if (rc == SQLITE_OK)
		index_han_update_add(update, row);
	free(tokens);
	index_build_tokens_free(made);
	index_han_row_free(made_han);
	return rc;
}

/* Records a file that holds no issue; returns an SQLite code. */
int
index_build_not_issue(sqlite3 *db, const IndexFileStamp *file)
{
	sqlite3_stmt *stmt = NULL;
	char hash[17];
	int rc;

	rc = sqlite3_prepare_v2(db, INDEX_BUILD_ISSUE_SQL, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		index_build_bind_file(stmt, file, hash, 0);
		sqlite3_bind_int(stmt, 15, 0);
		rc = index_build_step(stmt);
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Fills an empty database with one issue; returns 0 or -1 with *cause. */
int
index_build(sqlite3 *db, const Issue *issue, uint64_t hash, size_t length, char **cause)
{
	IndexFileStamp file = { NULL, 0, 0, 0, 0, 0, hash, length, 0 };
	char *source = index_schema_issue_source(hash, length);
	IndexHanUpdate *update = index_han_update_start(db);
	int rc;

	rc = sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN",
	    NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = index_schema_create(db, source);
	if (rc == SQLITE_OK)
		rc = index_build_issue(db, issue, NULL, NULL, &file, update);
	if (rc == SQLITE_OK)
		rc = index_han_update_finish(update);
	else
		index_han_update_free(update);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "INSERT INTO search(search) VALUES('optimize')", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = index_schema_complete(db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("building the index: %s", sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	free(source);
	return rc == SQLITE_OK ? 0 : -1;
}
