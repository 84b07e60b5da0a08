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

/* What tells a complete index of this format for this text: the format
 * in the header, every table, and the stamp the build writes last, which
 * also names the program: another version may parse the text otherwise.
 * One statement, since each statement of a warm start costs time. */
static const char index_schema_check_sql[] =
	"SELECT (SELECT user_version FROM pragma_user_version),"
	" (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
	"  ('meta', 'issue', 'sections', 'articles', 'blocks', 'pages', 'search')),"
	" (SELECT value FROM meta WHERE key = 'format'),"
	" (SELECT value FROM meta WHERE key = 'hash'),"
	" (SELECT value FROM meta WHERE key = 'length'),"
	" (SELECT value FROM meta WHERE key = 'program'),"
	" (SELECT value FROM meta WHERE key = 'complete')";
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

/* Returns non-zero when column i of the row is the text want. */
static int
index_schema_column_is(sqlite3_stmt *stmt, int i, const char *want)
{
	const char *value = (const char *)sqlite3_column_text(stmt, i);

	return value != NULL && strcmp(value, want) == 0;
}

/* Returns 0 when db is a complete index for this text, else -1. */
int
index_schema_check(sqlite3 *db, uint64_t hash, size_t length)
{
	sqlite3_stmt *stmt = NULL;
	char want_format[16], want_hash[17], want_length[24];
	int rc = -1;

	snprintf(want_format, sizeof want_format, "%d", INDEX_FORMAT);
	snprintf(want_hash, sizeof want_hash, "%016" PRIx64, hash);
	snprintf(want_length, sizeof want_length, "%zu", length);
	if (sqlite3_prepare_v2(db, index_schema_check_sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_int(stmt, 0) == INDEX_FORMAT &&
	    sqlite3_column_int(stmt, 1) == INDEX_SCHEMA_TABLES &&
	    index_schema_column_is(stmt, 2, want_format) &&
	    index_schema_column_is(stmt, 3, want_hash) &&
	    index_schema_column_is(stmt, 4, want_length) &&
	    index_schema_column_is(stmt, 5, PACKAGE_STRING) &&
	    index_schema_column_is(stmt, 6, "yes"))
		rc = 0;
	sqlite3_finalize(stmt);
	return rc;
}
