/* The issues table saved as one blob (table issue_list), so that opening
 * an archive reads its 1,000 rows in one step instead of stepping through
 * them. Each update that changes the table saves it again, stamped with
 * the update's generation (meta 'generation'); a blob of another
 * generation, or one that does not read back whole, is passed over and
 * the table read instead (index_issues.c). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "buffer.h"
#include "index_internal.h"
#include "varint.h"
#include "xalloc.h"

/* The version of the blob's layout, its first number. */
#define INDEX_SAVED_LAYOUT 2

#define INDEX_SAVED_READ_SQL \
	"SELECT rows FROM issue_list" \
	" WHERE generation = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation')"
#define INDEX_SAVED_WRITE_SQL \
	"INSERT INTO issue_list(generation, rows) VALUES(?1, ?2)"

/* Appends a string that may be NULL: its length plus one (0 for NULL),
 * then its bytes. */
static void
index_saved_put_string(Buffer *blob, const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;

	varint_put(blob, s != NULL ? (uint64_t)len + 1 : 0);
	if (len > 0)
		buffer_append(blob, s, len);
}

/* Appends one row as index_issues_read() gave it with stamps. */
static void
index_saved_put_row(Buffer *blob, const IndexIssue *row)
{
	size_t i;

	varint_put(blob, (uint64_t)row->id);
	index_saved_put_string(blob, row->key);
	varint_put(blob, (uint64_t)row->is_issue);
	varint_put(blob, (uint64_t)row->size);
	varint_put(blob, (uint64_t)row->mtime);
	varint_put(blob, (uint64_t)row->ctime);
	varint_put(blob, (uint64_t)row->inode);
	varint_put(blob, (uint64_t)row->device);
	if (!row->is_issue)
		return;
	index_saved_put_string(blob, row->title);
	index_saved_put_string(blob, row->date);
	varint_put(blob, (uint64_t)(long long)row->info.number);
	varint_put(blob, (uint64_t)(long long)row->info.pages);
	varint_put(blob, (uint64_t)row->first_article);
	varint_put(blob, (uint64_t)row->info.articles);
	varint_put(blob, row->tokens != NULL);
	/* The sizes as the table keeps them, 32-bit little-endian: read
	 * back without a loop per byte. */
	for (i = 0; row->tokens != NULL && i < row->info.articles; i++) {
		unsigned char le[4];

		le[0] = (unsigned char)row->tokens[i];
		le[1] = (unsigned char)(row->tokens[i] >> 8);
		le[2] = (unsigned char)(row->tokens[i] >> 16);
		le[3] = (unsigned char)(row->tokens[i] >> 24);
		buffer_append(blob, (const char *)le, 4);
	}
}

/* Saves the issues table as the blob of update generation; see
 * index_internal.h. */
int
index_issues_save(sqlite3 *db, long long generation)
{
	IndexIssue *rows = NULL;
	sqlite3_stmt *stmt = NULL;
	Buffer blob = { 0 };
	size_t n = 0, i;
	int rc;

	rc = index_issues_read_table(db, 1, &rows, &n);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "DELETE FROM issue_list", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, INDEX_SAVED_WRITE_SQL, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		varint_put(&blob, INDEX_SAVED_LAYOUT);
		varint_put(&blob, n);
		for (i = 0; i < n; i++)
			index_saved_put_row(&blob, &rows[i]);
		sqlite3_bind_int64(stmt, 1, generation);
		sqlite3_bind_blob(stmt, 2, blob.data, (int)blob.len, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	buffer_free(&blob);
	index_issues_free_rows(rows, n);
	return rc;
}

/* A blob being read: where it is, where it ends, and whether it has
 * run short. */
typedef struct SavedReader {
	const unsigned char	*p, *end;
	int			 short_read;
} SavedReader;

/* Returns the next number of the blob; a number past its end is 0 and
 * marks the read short. */
static uint64_t
index_saved_get(SavedReader *r)
{
	uint64_t v;

	if (r->p >= r->end) {
		r->short_read = 1;
		return 0;
	}
	varint_next(&r->p, r->end, &v);
	return v;
}

/* Returns the next string of the blob (the caller frees it), or NULL for
 * one saved as NULL or one that runs past the end (marked short). */
static char *
index_saved_get_string(SavedReader *r)
{
	uint64_t len = index_saved_get(r);

	if (len == 0)
		return NULL;
	if (len - 1 > (uint64_t)(r->end - r->p)) {
		r->short_read = 1;
		return NULL;
	}
	r->p += len - 1;
	return xstrndup((const char *)r->p - (len - 1), (size_t)(len - 1));
}

/* Reads one row into issue as index_issues_read_row() would from the
 * table with stamps. */
static void
index_saved_get_row(SavedReader *r, IndexIssue *issue)
{
	size_t i;

	memset(issue, 0, sizeof *issue);
	issue->id = (sqlite3_int64)index_saved_get(r);
	issue->key = index_saved_get_string(r);
	issue->is_issue = index_saved_get(r) != 0;
	issue->size = (long long)index_saved_get(r);
	issue->mtime = (long long)index_saved_get(r);
	issue->ctime = (long long)index_saved_get(r);
	issue->inode = (long long)index_saved_get(r);
	issue->device = (long long)index_saved_get(r);
	if (!issue->is_issue)
		return;
	issue->title = index_saved_get_string(r);
	if (issue->title != NULL && issue->title[0] == '\0') {
		free(issue->title);
		issue->title = NULL;
	}
	issue->date = index_saved_get_string(r);
	if (issue->date == NULL)
		issue->date = xstrdup("");
	issue->info.number = (int)(long long)index_saved_get(r);
	issue->magazine = issue->title != NULL || issue->info.number > 0;
	issue->info.pages = (int)(long long)index_saved_get(r);
	issue->first_article = (sqlite3_int64)index_saved_get(r);
	issue->info.articles = (size_t)index_saved_get(r);
	if (index_saved_get(r) == 0 || issue->info.articles == 0)
		return;
	/* More sizes than the blob holds: a damaged blob, not an
	 * allocation to make. */
	if (issue->info.articles > (size_t)(r->end - r->p) / 4) {
		r->short_read = 1;
		return;
	}
	issue->tokens = xreallocarray(NULL, issue->info.articles, sizeof *issue->tokens);
	for (i = 0; i < issue->info.articles; i++, r->p += 4)
		issue->tokens[i] = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 |
		    (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
}

/* Decodes a saved blob into rows; returns 0, or -1 when it does not
 * read back whole (nothing is then set). */
static int
index_saved_decode(const unsigned char *data, size_t len, int stamps, IndexIssue **out,
    size_t *n)
{
	SavedReader r = { data, data + len, 0 };
	IndexIssue *rows;
	uint64_t count, i;
	size_t kept = 0;

	if (index_saved_get(&r) != INDEX_SAVED_LAYOUT)
		return -1;
	count = index_saved_get(&r);
	/* A row takes eight bytes at least. */
	if (r.short_read || count > len / 8)
		return -1;
	rows = xreallocarray(NULL, (size_t)count + 1, sizeof *rows);
	for (i = 0; i < count && !r.short_read; i++) {
		index_saved_get_row(&r, &rows[kept]);
		/* Without stamps, only the issues, as INDEX_ISSUES_SQL reads
		 * them. */
		if (!stamps && !rows[kept].is_issue)
			index_issues_clear(&rows[kept]);
		else if (!stamps) {
			rows[kept].size = rows[kept].mtime = rows[kept].ctime = 0;
			rows[kept].inode = rows[kept].device = 0;
			kept++;
		} else
			kept++;
	}
	if (r.short_read || r.p != r.end) {
		index_issues_free_rows(rows, kept);
		return -1;
	}
	*out = rows;
	*n = kept;
	return 0;
}

/* Reads the saved rows of the current generation; see index_internal.h. */
int
index_issues_read_saved(sqlite3 *db, int stamps, IndexIssue **out, size_t *n)
{
	sqlite3_stmt *stmt = NULL;
	int rc, found = -1;

	rc = sqlite3_prepare_v2(db, INDEX_SAVED_READ_SQL, -1, &stmt, NULL);
	if (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		const unsigned char *data = sqlite3_column_blob(stmt, 0);
		int len = sqlite3_column_bytes(stmt, 0);

		if (data != NULL && len > 0)
			found = index_saved_decode(data, (size_t)len, stamps, out, n);
	}
	sqlite3_finalize(stmt);
	return found;
}
