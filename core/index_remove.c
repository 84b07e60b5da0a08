/* Taking an issue out of the index. The search table is contentless
 * (content=''), and SQLite 3.40's FTS5 removes a row of such a table only
 * when it is given the row's values back: the 'delete' command with the
 * title and the body as they were inserted. The blocks table holds the
 * body, block by block, joined by newlines as issue_finish() joins them.
 * The same title and body give back the issue's Han lists, which leave
 * the archive's union (index_han_update.c). */
#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "buffer.h"
#include "index_internal.h"

#define INDEX_REMOVE_RANGE_SQL \
	"SELECT first_article, article_count FROM issues WHERE issue_id = ?1"
#define INDEX_REMOVE_ARTICLES_SQL \
	"SELECT article_rowid, title FROM articles WHERE article_rowid BETWEEN ?1 AND ?2" \
	" ORDER BY article_rowid"
#define INDEX_REMOVE_BLOCKS_SQL \
	"SELECT text FROM blocks WHERE block_rowid BETWEEN ?1 AND ?2 ORDER BY block_rowid"
#define INDEX_REMOVE_SEARCH_SQL \
	"INSERT INTO search(search, rowid, title, body) VALUES('delete', ?1, ?2, ?3)"
#define INDEX_REMOVE_ROWS_SQL \
	"DELETE FROM blocks WHERE block_rowid BETWEEN ?4 AND ?5;" \
	"DELETE FROM articles WHERE article_rowid BETWEEN ?2 AND ?3;" \
	"DELETE FROM positions WHERE article_rowid BETWEEN ?2 AND ?3;" \
	"DELETE FROM sections WHERE issue_id = ?1;" \
	"DELETE FROM han WHERE issue_id = ?1;" \
	"DELETE FROM chars WHERE issue_id = ?1;" \
	"DELETE FROM issues WHERE issue_id = ?1;"

/* Reads the body of article rowid into b, as it was inserted; returns an
 * SQLite code. */
static int
index_remove_body(sqlite3_stmt *blocks, sqlite3_int64 rowid, Buffer *b)
{
	int rc, n = 0;

	buffer_clear(b);
	buffer_append(b, "", 0);
	sqlite3_bind_int64(blocks, 1, INDEX_FIRST_BLOCK(rowid));
	sqlite3_bind_int64(blocks, 2, INDEX_LAST_BLOCK(rowid));
	while ((rc = sqlite3_step(blocks)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(blocks, 0);

		if (n++ > 0)
			buffer_append(b, "\n", 1);
		if (text != NULL)
			buffer_append(b, text, (size_t)sqlite3_column_bytes(blocks, 0));
	}
	sqlite3_reset(blocks);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Deletes the search rows of articles first..last, and gathers their
 * Han lists into han from the same text; returns an SQLite code. */
static int
index_remove_search(sqlite3 *db, sqlite3_int64 first, sqlite3_int64 last, IndexHanText *han)
{
	sqlite3_stmt *articles = NULL, *blocks = NULL, *search = NULL;
	Buffer body = { 0 };
	int rc;

	rc = sqlite3_prepare_v2(db, INDEX_REMOVE_ARTICLES_SQL, -1, &articles, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, INDEX_REMOVE_BLOCKS_SQL, -1, &blocks, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, INDEX_REMOVE_SEARCH_SQL, -1, &search, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(articles, 1, first);
		sqlite3_bind_int64(articles, 2, last);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(articles)) == SQLITE_ROW) {
		sqlite3_int64 rowid = sqlite3_column_int64(articles, 0);

		rc = index_remove_body(blocks, rowid, &body);
		if (rc != SQLITE_OK)
			break;
		if (sqlite3_column_type(articles, 1) != SQLITE_NULL)
			index_han_text_add(han, (const char *)sqlite3_column_text(articles, 1),
			    (size_t)sqlite3_column_bytes(articles, 1));
		index_han_text_add(han, body.data, body.len);
		sqlite3_bind_int64(search, 1, rowid);
		sqlite3_bind_value(search, 2, sqlite3_column_value(articles, 1));
		sqlite3_bind_text(search, 3, body.data, (int)body.len, SQLITE_STATIC);
		rc = sqlite3_step(search);
		sqlite3_reset(search);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(articles);
	sqlite3_finalize(blocks);
	sqlite3_finalize(search);
	buffer_free(&body);
	return rc;
}

/* Runs the deletes of INDEX_REMOVE_ROWS_SQL one statement at a time with
 * the issue's id and article range; returns an SQLite code. */
static int
index_remove_rows(sqlite3 *db, sqlite3_int64 id, sqlite3_int64 first, sqlite3_int64 last)
{
	const char *sql = INDEX_REMOVE_ROWS_SQL;
	int rc = SQLITE_OK;

	while (rc == SQLITE_OK && *sql != '\0') {
		sqlite3_stmt *stmt = NULL;

		rc = sqlite3_prepare_v2(db, sql, -1, &stmt, &sql);
		if (rc != SQLITE_OK || stmt == NULL)
			break;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, first);
		sqlite3_bind_int64(stmt, 3, last);
		sqlite3_bind_int64(stmt, 4, INDEX_FIRST_BLOCK(first));
		sqlite3_bind_int64(stmt, 5, INDEX_LAST_BLOCK(last));
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_finalize(stmt);
	}
	return rc;
}

/* Removes an issue and its search rows, and its Han lists from update;
 * returns an SQLite code. */
int
index_remove_issue(sqlite3 *db, sqlite3_int64 id, IndexHanUpdate *update)
{
	sqlite3_stmt *stmt = NULL;
	sqlite3_int64 first = 0, count = 0;
	int rc;

	rc = sqlite3_prepare_v2(db, INDEX_REMOVE_RANGE_SQL, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			first = sqlite3_column_int64(stmt, 0);
			count = sqlite3_column_int64(stmt, 1);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE)
			rc = SQLITE_OK;	/* gone already */
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_OK && count > 0) {
		IndexHanText *han = index_han_text_new();
		IndexHanRow *row;

		rc = index_remove_search(db, first, first + count - 1, han);
		row = index_han_text_finish(han);
		if (rc == SQLITE_OK)
			index_han_update_remove(update, row);
		index_han_row_free(row);
	}
	if (rc == SQLITE_OK)
		rc = index_remove_rows(db, id, first, first + count - 1);
	return rc;
}
