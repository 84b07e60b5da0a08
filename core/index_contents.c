/* The contents of an index, read from its sections and articles tables:
 * what --toc prints for an archive, without reading 100 issues' text. The
 * entries of one issue are those cli_toc() prints from the Issue: the
 * front matter, then each section (its printed first page, else its first
 * article's) and its articles. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index_internal.h"
#include "xalloc.h"

#define INDEX_CONTENTS_ARTICLES_SQL \
	"SELECT id, title, page FROM articles WHERE article_rowid BETWEEN ?1 AND ?2" \
	" ORDER BY article_rowid"
#define INDEX_CONTENTS_SECTIONS_SQL \
	"SELECT id, title, first_page, first_article, article_count FROM sections" \
	" WHERE issue_id = ?1 ORDER BY section_index"

/* An article as the contents need it. */
typedef struct ContentsArticle {
	char	*id;
	char	*title;
	int	 page;
} ContentsArticle;

/* Appends an entry; id is local to the issue (NULL: the issue itself). */
static void
index_contents_add(const Index *index, IndexContents *c, IndexEntryKind kind, size_t issue,
    size_t article, const char *id, int page, const char *title)
{
	const char *prefix = index_issue_info(index, issue)->prefix;
	IndexEntry *e;

	c->entries = xreallocarray(c->entries, c->count + 1, sizeof *c->entries);
	e = &c->entries[c->count++];
	e->kind = kind;
	e->issue = issue;
	e->article = article;
	if (id == NULL)
		e->id = xstrdup(prefix);
	else if (index_is_archive(index))
		e->id = xasprintf("%s/%s", prefix, id);
	else
		e->id = xstrdup(id);
	e->page = page;
	e->title = xstrdup(title);
}

/* Reads an issue's articles; returns an SQLite code. */
static int
index_contents_articles(sqlite3 *db, const IndexIssue *from, ContentsArticle **out, size_t *n)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(db, INDEX_CONTENTS_ARTICLES_SQL, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, from->first_article);
		sqlite3_bind_int64(stmt, 2, from->first_article + (sqlite3_int64)from->info.articles - 1);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ContentsArticle *a;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		a = &(*out)[(*n)++];
		a->id = xstrdup(index_column_text(stmt, 0));
		a->title = xstrdup(index_column_text(stmt, 1));
		a->page = sqlite3_column_int(stmt, 2);
		rc = SQLITE_OK;
	}
	return index_statement_done(stmt, rc);
}

/* Appends the sections of issue i with their articles; returns an SQLite
 * code. */
static int
index_contents_sections(Index *index, IndexContents *c, size_t i, const ContentsArticle *articles,
    size_t narticles)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(index->db, INDEX_CONTENTS_SECTIONS_SQL, -1, &stmt, NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_int64(stmt, 1, index->issues[i].id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(stmt, 0);
		const char *title = (const char *)sqlite3_column_text(stmt, 1);
		int page = sqlite3_column_int(stmt, 2);
		sqlite3_int64 first = sqlite3_column_int64(stmt, 3);
		sqlite3_int64 count = sqlite3_column_int64(stmt, 4), j;

		if (first < 0 || count < 0 || (size_t)first > narticles ||
		    (size_t)count > narticles - (size_t)first) {
			rc = SQLITE_CORRUPT;
			break;
		}
		if (page == 0 && count > 0)
			page = articles[first].page;
		index_contents_add(index, c, INDEX_ENTRY_SECTION, i, 0, id != NULL ? id : "", page,
		    title != NULL ? title : "");
		for (j = first; j < first + count; j++)
			index_contents_add(index, c, INDEX_ENTRY_ARTICLE, i, (size_t)j,
			    articles[j].id, articles[j].page, articles[j].title);
		rc = SQLITE_OK;
	}
	return index_statement_done(stmt, rc);
}

/* Appends the entries of issue i; returns an SQLite code. */
static int
index_contents_issue(Index *index, IndexContents *c, size_t i)
{
	ContentsArticle *articles = NULL;
	size_t n = 0, j;
	int rc;

	if (index_is_archive(index))
		index_contents_add(index, c, INDEX_ENTRY_ISSUE, i, 0, NULL, 0,
		    index->issues[i].info.title);
	rc = index_contents_articles(index->db, &index->issues[i], &articles, &n);
	for (j = 0; rc == SQLITE_OK && j < n; j++) {
		if (strcmp(articles[j].id, "0") == 0) {
			index_contents_add(index, c, INDEX_ENTRY_ARTICLE, i, j, articles[j].id,
			    articles[j].page, articles[j].title);
			break;
		}
	}
	if (rc == SQLITE_OK)
		rc = index_contents_sections(index, c, i, articles, n);
	for (j = 0; j < n; j++) {
		free(articles[j].id);
		free(articles[j].title);
	}
	free(articles);
	return rc;
}

/* Empties c and reads the entries into it in one read transaction;
 * returns an SQLite code. */
static int
index_contents_read(Index *index, size_t issue, IndexContents *c)
{
	size_t i;
	int rc;

	for (i = 0; i < c->count; i++) {
		free(c->entries[i].id);
		free(c->entries[i].title);
	}
	c->count = 0;
	rc = sqlite3_exec(index->db, "BEGIN", NULL, NULL, NULL);
	for (i = 0; rc == SQLITE_OK && i < index->nissues; i++)
		if (issue == INDEX_ALL_ISSUES || issue == i)
			rc = index_contents_issue(index, c, i);
	sqlite3_exec(index->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* Reads the contents of one issue or all; see index.h. */
int
index_contents(Index *index, size_t issue, IndexContents **out, char **cause)
{
	IndexContents *c = xcalloc(1, sizeof *c);
	int rc;

	*out = NULL;
	rc = index_contents_read(index, issue, c);
	if (index_is_damage(rc)) {
		/* Damaged after the open: rebuild and read again. */
		char *failure = NULL;

		if (index_recover(index, &failure) == 0)
			rc = index_contents_read(index, issue, c);
		free(failure);
	}
	if (rc != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("reading the contents: %s", sqlite3_errstr(rc));
		index_contents_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

/* Frees the contents. */
void
index_contents_free(IndexContents *contents)
{
	size_t i;

	if (contents == NULL)
		return;
	for (i = 0; i < contents->count; i++) {
		free(contents->entries[i].id);
		free(contents->entries[i].title);
	}
	free(contents->entries);
	free(contents);
}
