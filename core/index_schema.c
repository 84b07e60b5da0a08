/* The tables of the index and the check that a cache file is one.
 *
 * One layout serves one issue and an archive of many. Everything a search
 * needs is stored, so that a search never parses an issue: the issues with
 * the stamp of their files, their sections and articles, the blocks with
 * text, printed page, byte offset in the article's text and first token
 * position, and one FTS5 row per article (body, title) whose rowid is the
 * article's. An issue's articles have consecutive rowids, so a range of
 * rowids is an issue. FTS5 keeps no copy of the text (content=''): the
 * blocks table has it, and removing an issue hands FTS5 its text back
 * (index_remove.c). Ranking one row per article keeps the cost of bm25
 * proportional to the number of articles, not paragraphs, which is what a
 * 100-issue archive needs (README, Performance). */
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
	/* file: the ArchiveFile key (NULL for one issue); size, times (ns),
	 * inode and device: its stat when it was read; hash and length: its
	 * text; is_issue 0: a file of a folder that holds no issue; built:
	 * the update (meta 'generation') that wrote the row; tokens: the
	 * FTS5 size (title and body) of each article, 32-bit little-endian,
	 * which ranking reads in one go rather than a row at a time. */
	"CREATE TABLE issues(issue_id INTEGER PRIMARY KEY AUTOINCREMENT, file BLOB UNIQUE,"
	" size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER, device INTEGER,"
	" hash TEXT, length INTEGER, is_issue INTEGER, built INTEGER,"
	" title TEXT, date TEXT, number INTEGER, pages INTEGER,"
	" first_article INTEGER, article_count INTEGER, tokens BLOB);"
	"CREATE TABLE sections(issue_id INTEGER, section_index INTEGER, id TEXT, title TEXT,"
	" subtitle TEXT, first_page INTEGER, last_page INTEGER, first_article INTEGER,"
	" article_count INTEGER, PRIMARY KEY(issue_id, section_index)) WITHOUT ROWID;"
	"CREATE TABLE articles(article_rowid INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER,"
	" article_index INTEGER, id TEXT, title TEXT, source TEXT, section_index INTEGER,"
	" page INTEGER, last_page INTEGER, line INTEGER, text_length INTEGER);"
	/* positions: each block's first FTS5 position in the article's body,
	 * as LEB128 numbers, each less the one before, so that a search finds
	 * the block of a hit with one small row (an index of the blocks by
	 * position was 2% of the index and of a build's writing). A table of
	 * its own: in the articles table it made the contents read a third
	 * more pages. */
	"CREATE TABLE positions(article_rowid INTEGER PRIMARY KEY, positions BLOB);"
	/* block_rowid: the article's rowid << INDEX_BLOCK_SHIFT (20), plus
	 * the block's place in it; start: byte offset in the article's text;
	 * position: the FTS5 position of the block's first token in the body
	 * column; last_page: where a paragraph run across a page break ends. A rowid table: text of a few KB packs into its pages, where
	 * a WITHOUT ROWID table spills all past 1 KB to overflow pages that
	 * stay three quarters empty. */
	"CREATE TABLE blocks(block_rowid INTEGER PRIMARY KEY, kind INTEGER, page INTEGER,"
	" line INTEGER, start INTEGER, position INTEGER, text TEXT, last_page INTEGER);"
	/* The body first: FTS5 marks an article's positions in any column
	 * but the first with the column's number, two bytes for every token
	 * the article holds, a fifth of the index when they were the body's. */
	"CREATE VIRTUAL TABLE search USING fts5(body, title, tokenize='shuzhi', content='');"
	/* Whether each issue is printed in traditional characters. */
	"CREATE TABLE han(issue_id INTEGER PRIMARY KEY, traditional INTEGER);"
	/* Whether any issue is traditional, asked by every query with a
	 * traditional character: without it, a scan of every issue's row. */
	"CREATE INDEX han_traditional ON han(issue_id) WHERE traditional;"
	/* The union of every issue's Han characters and pairs (kind 0) and
	 * triples (kind 1), with how many issues hold each and (pairs) how
	 * often they occur in all, written by the update 'generation'
	 * (index_han_update.c): what pinyin and initials read (index_han.c). */
	/* Per character and issue, the articles that hold it as a token
	 * of its own, with how often (index_chars.c). */
	"CREATE TABLE chars(ch INTEGER, issue_id INTEGER, articles BLOB,"
	" PRIMARY KEY(ch, issue_id)) WITHOUT ROWID;"
	"CREATE TABLE han_all(kind INTEGER PRIMARY KEY, generation INTEGER, keys BLOB,"
	" issues BLOB, occurrences BLOB);"
	/* The issues table as one blob, saved by the update 'generation'
	 * (index_issues_saved.c): what opening an archive reads. */
	"CREATE TABLE issue_list(generation INTEGER PRIMARY KEY, rows BLOB);";

/* What tells a complete index of this format for this source: the format
 * in the header, every table, and the stamp, whose 'complete' the build
 * writes last, and which also names the program: another version may
 * parse the text otherwise. One statement, since each statement of a
 * warm start costs time. */
static const char index_schema_check_sql[] =
	"SELECT (SELECT user_version FROM pragma_user_version),"
	" (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
	"  ('meta', 'issues', 'sections', 'articles', 'blocks', 'search', 'han', 'han_all',"
	"   'chars', 'positions', 'issue_list')),"
	" (SELECT value FROM meta WHERE key = 'format'),"
	" (SELECT value FROM meta WHERE key = 'source'),"
	" (SELECT value FROM meta WHERE key = 'program'),"
	" (SELECT value FROM meta WHERE key = 'complete')";
#define INDEX_SCHEMA_TABLES 11

/* Returns the stamp's source for one issue's text; the caller frees it. */
char *
index_schema_issue_source(uint64_t hash, size_t length)
{
	return xasprintf("issue %016" PRIx64 " %zu", hash, length);
}

/* Creates the tables and the stamp; returns an SQLite code. */
int
index_schema_create(sqlite3 *db, const char *source)
{
	char *sql = xasprintf("PRAGMA encoding = 'UTF-16le';%sPRAGMA user_version = %d;",
	    index_schema_sql, INDEX_FORMAT);
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	free(sql);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO meta VALUES('format', ?1), ('source', ?2),"
		    " ('program', ?3), ('generation', '0')", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		char format[16];

		snprintf(format, sizeof format, "%d", INDEX_FORMAT);
		sqlite3_bind_text(stmt, 1, format, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 2, source, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, PACKAGE_STRING, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Marks the database complete; returns an SQLite code. */
int
index_schema_complete(sqlite3 *db)
{
	return sqlite3_exec(db, "INSERT OR REPLACE INTO meta VALUES('complete', 'yes')", NULL, NULL,
	    NULL);
}

/* Returns non-zero when column i of the row is the text want. */
static int
index_schema_column_is(sqlite3_stmt *stmt, int i, const char *want)
{
	const char *value = (const char *)sqlite3_column_text(stmt, i);

	return value != NULL && strcmp(value, want) == 0;
}

/* Returns 1 when db holds no table at all (a new database), else 0; *rc
 * receives the SQLite code of a failure. */
static int
index_schema_is_empty(sqlite3 *db, int *rc)
{
	sqlite3_stmt *stmt = NULL;
	int empty = 0;

	*rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
	if (*rc == SQLITE_OK) {
		*rc = sqlite3_step(stmt);
		if (*rc == SQLITE_ROW) {
			empty = sqlite3_column_int(stmt, 0) == 0;
			*rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return empty;
}

/* Returns 0 for a complete index of source, 1 for an empty database,
 * else -1; see index_internal.h. */
int
index_schema_check(sqlite3 *db, const char *source, int *rc_out)
{
	sqlite3_stmt *stmt = NULL;
	char want_format[16];
	int rc, result = -1;

	snprintf(want_format, sizeof want_format, "%d", INDEX_FORMAT);
	rc = sqlite3_prepare_v2(db, index_schema_check_sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			if (sqlite3_column_int(stmt, 0) == INDEX_FORMAT &&
			    sqlite3_column_int(stmt, 1) == INDEX_SCHEMA_TABLES &&
			    index_schema_column_is(stmt, 2, want_format) &&
			    index_schema_column_is(stmt, 3, source) &&
			    index_schema_column_is(stmt, 4, PACKAGE_STRING) &&
			    index_schema_column_is(stmt, 5, "yes"))
				result = 0;
			rc = SQLITE_OK;
		}
	} else if (rc == SQLITE_ERROR && index_schema_is_empty(db, &rc))
		result = 1;	/* no meta table: empty, or not ours */
	sqlite3_finalize(stmt);
	if (rc_out != NULL)
		*rc_out = rc;
	return result;
}
