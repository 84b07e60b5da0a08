/* Writing an issue into an empty index database: one transaction of
 * prepared inserts, then the FTS5 segments merged into one b-tree. */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "index_internal.h"
#include "tokenize.h"
#include "xalloc.h"

/* The prepared statements of one build. */
typedef struct IndexWriter {
	sqlite3		*db;
	sqlite3_stmt	*section;
	sqlite3_stmt	*article;
	sqlite3_stmt	*block;
	sqlite3_stmt	*page;
	sqlite3_stmt	*search;
} IndexWriter;

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
		{ offsetof(IndexWriter, section), "INSERT INTO sections VALUES(?1,?2,?3,?4,?5,?6,?7,?8)" },
		{ offsetof(IndexWriter, article), "INSERT INTO articles VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)" },
		{ offsetof(IndexWriter, block), "INSERT INTO blocks VALUES(?1,?2,?3,?4,?5,?6,?7,?8)" },
		{ offsetof(IndexWriter, page), "INSERT OR IGNORE INTO pages VALUES(?1,?2,?3)" },
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
	sqlite3_finalize(w->section);
	sqlite3_finalize(w->article);
	sqlite3_finalize(w->block);
	sqlite3_finalize(w->page);
	sqlite3_finalize(w->search);
}

/* Writes the issue row and the sections; returns an SQLite code. */
static int
index_build_issue(IndexWriter *w, const Issue *issue)
{
	sqlite3_stmt *stmt = NULL;
	size_t i;
	int rc;

	rc = sqlite3_prepare_v2(w->db, "INSERT INTO issue VALUES(?1,?2,?3,?4,?5)", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		index_build_bind_text(stmt, 1, issue_name(issue));
		index_build_bind_text(stmt, 2, issue_title(issue));
		index_build_bind_text(stmt, 3, issue_date(issue));
		sqlite3_bind_int(stmt, 4, issue_number(issue));
		sqlite3_bind_int(stmt, 5, issue_page_count(issue));
		rc = index_build_step(stmt);
	}
	sqlite3_finalize(stmt);
	for (i = 0; rc == SQLITE_OK && i < issue_section_count(issue); i++) {
		const Section *s = issue_section(issue, i);

		sqlite3_bind_int64(w->section, 1, (sqlite3_int64)i);
		index_build_bind_text(w->section, 2, s->id);
		index_build_bind_text(w->section, 3, s->title);
		index_build_bind_text(w->section, 4, s->subtitle);
		sqlite3_bind_int(w->section, 5, s->first_page);
		sqlite3_bind_int(w->section, 6, s->last_page);
		sqlite3_bind_int64(w->section, 7, (sqlite3_int64)s->first_article);
		sqlite3_bind_int64(w->section, 8, (sqlite3_int64)s->narticles);
		rc = index_build_step(w->section);
	}
	return rc;
}

/* Writes one article: its row, its blocks, the pages it starts and its
 * search row. Returns an SQLite code. */
static int
index_build_article(IndexWriter *w, const Article *a)
{
	sqlite3_int64 index = (sqlite3_int64)a->index;
	size_t i, position = 0;
	int rc;

	sqlite3_bind_int64(w->article, 1, index);
	index_build_bind_text(w->article, 2, a->id);
	index_build_bind_text(w->article, 3, a->title);
	index_build_bind_text(w->article, 4, a->source);
	sqlite3_bind_int(w->article, 5, a->section);
	sqlite3_bind_int(w->article, 6, a->page);
	sqlite3_bind_int(w->article, 7, a->last_page);
	sqlite3_bind_int(w->article, 8, a->line);
	sqlite3_bind_int64(w->article, 9, (sqlite3_int64)a->text_length);
	rc = index_build_step(w->article);
	for (i = 0; rc == SQLITE_OK && i < a->nblocks; i++) {
		const Block *b = &a->blocks[i];

		sqlite3_bind_int64(w->block, 1, index);
		sqlite3_bind_int64(w->block, 2, (sqlite3_int64)i);
		sqlite3_bind_int(w->block, 3, (int)b->kind);
		sqlite3_bind_int(w->block, 4, b->page);
		sqlite3_bind_int(w->block, 5, b->line);
		sqlite3_bind_int64(w->block, 6, (sqlite3_int64)b->offset);
		sqlite3_bind_int64(w->block, 7, (sqlite3_int64)position);
		sqlite3_bind_text(w->block, 8, b->text, (int)b->length, SQLITE_STATIC);
		rc = index_build_step(w->block);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int(w->page, 1, b->page);
			sqlite3_bind_int64(w->page, 2, index);
			sqlite3_bind_int64(w->page, 3, (sqlite3_int64)i);
			rc = index_build_step(w->page);
		}
		/* Blocks are joined by newlines, which no token crosses, so the
		 * body's positions are the blocks' positions end to end. */
		position += tokenize_count_positions(b->text, b->length, 0);
	}
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(w->search, 1, index);
		index_build_bind_text(w->search, 2, a->title);
		sqlite3_bind_text(w->search, 3, a->text != NULL ? a->text : "",
		    (int)a->text_length, SQLITE_STATIC);
		rc = index_build_step(w->search);
	}
	return rc;
}

/* Writes the stamp that makes the index valid for this text, this format
 * and this version of the program (whose parser made the articles). */
static int
index_build_stamp(sqlite3 *db, uint64_t hash, size_t length)
{
	char *sql = xasprintf("INSERT INTO meta VALUES('format', '%d'), ('hash', '%016" PRIx64 "'),"
	    " ('length', '%zu'), ('program', '%s'), ('complete', 'yes')", INDEX_FORMAT, hash, length,
	    PACKAGE_STRING);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	free(sql);
	return rc;
}

/* Fills an empty database with the issue; returns 0 or -1 with *cause. */
int
index_build(sqlite3 *db, const Issue *issue, uint64_t hash, size_t length, char **cause)
{
	IndexWriter w = { db, NULL, NULL, NULL, NULL, NULL };
	char *failure = NULL;
	size_t i;
	int rc;

	rc = sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN",
	    NULL, NULL, NULL);
	if (rc == SQLITE_OK && index_schema_create(db, NULL) != 0)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK)
		rc = index_build_prepare(&w);
	if (rc == SQLITE_OK)
		rc = index_build_issue(&w, issue);
	for (i = 0; rc == SQLITE_OK && i < issue_article_count(issue); i++)
		rc = index_build_article(&w, issue_article(issue, i));
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "INSERT INTO search(search) VALUES('optimize')", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = index_build_stamp(db, hash, length);
	if (rc != SQLITE_OK)
		failure = xstrdup(sqlite3_errmsg(db));
	index_build_finalize(&w);
	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			failure = xstrdup(sqlite3_errmsg(db));
	}
	if (rc != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("building the index: %s", failure);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	free(failure);
	return rc == SQLITE_OK ? 0 : -1;
}
