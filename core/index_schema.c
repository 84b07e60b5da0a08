/* The tables of the index and the check that a cache file is one.
 *
 * Everything a search needs is stored, so that a search never parses the
 * issue: the articles, their blocks with text, printed page, byte offset
 * in the article's text and first token position, and one FTS5 row per
 * article (title, body). FTS5 keeps no copy of the text (content=''):
 * the blocks table has it. Ranking one row per article keeps the cost of
 * bm25 proportional to the number of articles, not paragraphs, which is
 * what a 100-issue archive needs (spec section 6). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index_internal.h"
#include "xalloc.h"

static const char index_schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE issue(name TEXT, title TEXT, date TEXT, number INTEGER, pages INTEGER);"
	"CREATE TABLE sections(section_index INTEGER PRIMARY KEY, id TEXT, title TEXT,"
	" subtitle TEXT, first_page INTEGER, last_page INTEGER, first_article INTEGER,"
	" article_count INTEGER);"
	"CREATE TABLE articles(article_index INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT,"
	" source TEXT, section_index INTEGER, page INTEGER, last_page INTEGER, line INTEGER,"
	" text_length INTEGER);"
	/* start: byte offset in the article's text; position: the FTS5
	 * position of the block's first token in the body column. */
	"CREATE TABLE blocks(article_index INTEGER, block_index INTEGER, kind INTEGER,"
	" page INTEGER, line INTEGER, start INTEGER, position INTEGER, text TEXT,"
	" PRIMARY KEY(article_index, block_index)) WITHOUT ROWID;"
	"CREATE INDEX blocks_by_position ON blocks(article_index, position, block_index);"
	/* The first block printed on each page. */
	"CREATE TABLE pages(page INTEGER PRIMARY KEY, article_index INTEGER, block_index INTEGER);"
	"CREATE VIRTUAL TABLE search USING fts5(title, body, tokenize='shuzhi', content='');";

/* The tables a complete index has. */
static const char index_schema_tables_sql[] =
	"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
	" ('meta', 'issue', 'sections', 'articles', 'blocks', 'pages', 'search')";
#define INDEX_SCHEMA_TABLES 7

/* Creates the tables of an empty database; returns 0 or -1 with *cause. */
int
index_schema_create(sqlite3 *db, char **cause)
{
	char *sql = xasprintf("%sPRAGMA user_version = %d;", index_schema_sql, INDEX_FORMAT);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	free(sql);
	if (rc != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("creating the index: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* Returns the integer the one-row statement sql gives, or -1. */
static sqlite3_int64
index_schema_integer(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	sqlite3_int64 value = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		value = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return value;
}

/* Returns 0 when db is a complete index for this text, else -1. */
int
index_schema_check(sqlite3 *db, uint64_t hash, size_t length)
{
	sqlite3_stmt *stmt = NULL;
	char want_hash[17], want_length[24];
	int rc = -1, found = 0;

	if (index_schema_integer(db, "PRAGMA user_version") != INDEX_FORMAT)
		return -1;
	if (index_schema_integer(db, index_schema_tables_sql) != INDEX_SCHEMA_TABLES)
		return -1;
	snprintf(want_hash, sizeof want_hash, "%016" PRIx64, hash);
	snprintf(want_length, sizeof want_length, "%zu", length);
	if (sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &stmt, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(stmt, 0);
		const char *value = (const char *)sqlite3_column_text(stmt, 1);

		if (key == NULL || value == NULL)
			goto out;
		if (strcmp(key, "format") == 0 && atoi(value) == INDEX_FORMAT)
			found |= 1;
		else if (strcmp(key, "hash") == 0 && strcmp(value, want_hash) == 0)
			found |= 2;
		else if (strcmp(key, "length") == 0 && strcmp(value, want_length) == 0)
			found |= 4;
		else if (strcmp(key, "complete") == 0 && strcmp(value, "yes") == 0)
			found |= 8;
	}
	if (found == 15)
		rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}
