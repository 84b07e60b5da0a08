/* Reading an issue back out of its index, so that a warm start shows the
 * contents and articles without parsing the text: the index stores every
 * field of the model that the builder does not compute (issue_finish()
 * computes the rest), and loading it is a tenth of a parse. */
#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "index_internal.h"
#include "issue.h"
#include "issue_build.h"
#include "xalloc.h"

#define INDEX_LOAD_ISSUE_SQL \
	"SELECT title, date, number, pages FROM issues WHERE issue_id = ?1"
#define INDEX_LOAD_SECTIONS_SQL \
	"SELECT id, title, subtitle, first_page, last_page FROM sections WHERE issue_id = ?1" \
	" ORDER BY section_index"
#define INDEX_LOAD_ARTICLES_SQL \
	"SELECT article_rowid, id, title, source, section_index FROM articles" \
	" WHERE article_rowid BETWEEN ?1 AND ?2 ORDER BY article_rowid"
#define INDEX_LOAD_BLOCKS_SQL \
	"SELECT block_rowid, kind, page, line, text, last_page FROM blocks" \
	" WHERE block_rowid BETWEEN ?1 AND ?2 ORDER BY block_rowid"

/* What index_load_prepare() binds. */
enum {
	INDEX_LOAD_ISSUE,	/* ?1: the issue's id */
	INDEX_LOAD_ARTICLES,	/* ?1, ?2: its first and last article rowids */
	INDEX_LOAD_BLOCKS,	/* ?1, ?2: the first and last block rowids of those */
};

/* Prepares sql with what it needs bound; returns an SQLite code. */
static int
index_load_prepare(sqlite3 *db, const char *sql, const IndexIssue *from, int what,
    sqlite3_stmt **stmt)
{
	sqlite3_int64 first = from->first_article;
	sqlite3_int64 last = first + (sqlite3_int64)from->info.articles - 1;
	int rc = sqlite3_prepare_v2(db, sql, -1, stmt, NULL);

	if (rc != SQLITE_OK)
		return rc;
	if (what == INDEX_LOAD_ARTICLES) {
		sqlite3_bind_int64(*stmt, 1, first);
		sqlite3_bind_int64(*stmt, 2, last);
	} else if (what == INDEX_LOAD_BLOCKS) {
		sqlite3_bind_int64(*stmt, 1, INDEX_FIRST_BLOCK(first));
		sqlite3_bind_int64(*stmt, 2, INDEX_LAST_BLOCK(last));
	} else
		sqlite3_bind_int64(*stmt, 1, from->id);
	return SQLITE_OK;
}

/* Reads the issue row and the sections into issue; returns an SQLite code. */
static int
index_load_front(sqlite3 *db, const IndexIssue *from, Issue *issue)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = index_load_prepare(db, INDEX_LOAD_ISSUE_SQL, from, INDEX_LOAD_ISSUE, &stmt);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			issue_set_front(issue, index_column_text(stmt, 0), index_column_text(stmt, 1),
			    sqlite3_column_int(stmt, 2));
			issue_set_page_count(issue, sqlite3_column_int(stmt, 3));
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE)
			rc = SQLITE_CORRUPT;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (rc == SQLITE_OK)
		rc = index_load_prepare(db, INDEX_LOAD_SECTIONS_SQL, from, INDEX_LOAD_ISSUE, &stmt);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		issue_add_section(issue, index_column_text(stmt, 0), index_column_text(stmt, 1),
		    sqlite3_column_type(stmt, 2) == SQLITE_NULL ? NULL : index_column_text(stmt, 2),
		    sqlite3_column_int(stmt, 3), sqlite3_column_int(stmt, 4));
		rc = SQLITE_OK;
	}
	return index_statement_done(stmt, rc);
}

/* Reads the articles and their blocks into issue; returns an SQLite code. */
static int
index_load_articles(sqlite3 *db, const IndexIssue *from, Issue *issue)
{
	sqlite3_stmt *stmt = NULL;
	size_t count = 0;
	int rc;

	rc = index_load_prepare(db, INDEX_LOAD_ARTICLES_SQL, from, INDEX_LOAD_ARTICLES, &stmt);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		size_t i;

		if (sqlite3_column_int64(stmt, 0) != from->first_article + (sqlite3_int64)count) {
			rc = SQLITE_CORRUPT;
			break;
		}
		i = issue_add_article(issue, index_column_text(stmt, 1), index_column_text(stmt, 2),
		    sqlite3_column_int(stmt, 4));
		if (sqlite3_column_type(stmt, 3) != SQLITE_NULL)
			issue_set_source(issue, i, index_column_text(stmt, 3));
		count++;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = count == from->info.articles ? SQLITE_OK : SQLITE_CORRUPT;
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (rc == SQLITE_OK)
		rc = index_load_prepare(db, INDEX_LOAD_BLOCKS_SQL, from, INDEX_LOAD_BLOCKS, &stmt);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		sqlite3_int64 article = (sqlite3_column_int64(stmt, 0) >> INDEX_BLOCK_SHIFT) -
		    from->first_article;
		const char *text = index_column_text(stmt, 4);

		if (article < 0 || (size_t)article >= count) {
			rc = SQLITE_CORRUPT;
			break;
		}
		issue_add_block(issue, (size_t)article, (BlockKind)sqlite3_column_int(stmt, 1),
		    sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 5), sqlite3_column_int(stmt, 3), text,
		    (size_t)sqlite3_column_bytes(stmt, 4));
		rc = SQLITE_OK;
	}
	return index_statement_done(stmt, rc);
}

/* Reads an issue out of the index; returns 0 and sets *out (the caller
 * frees it with issue_free), or -1. */
int
index_load_issue(sqlite3 *db, const IndexIssue *from, const char *name, Issue **out)
{
	Issue *issue = issue_new(name);
	int rc;

	*out = NULL;
	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = index_load_front(db, from, issue);
	if (rc == SQLITE_OK)
		rc = index_load_articles(db, from, issue);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		issue_free(issue);
		return -1;
	}
	issue_finish(issue);
	*out = issue;
	return 0;
}
