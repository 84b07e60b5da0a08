/* The index as the search sees it: its database, where an issue's
 * articles and an article's blocks are among the rows, and recovery from
 * damage. For core/search*.c, which run their own SQL over the index's
 * tables (index_schema.c); the front end uses index.h alone. */
#ifndef SHUZHI_INDEX_QUERY_H
#define SHUZHI_INDEX_QUERY_H

#include <stddef.h>

#include <sqlite3.h>

#include "index.h"
#include "index_rank.h"

/* A block's rowid is its article's rowid shifted left this much, plus its
 * place in the article: an article's blocks are a range of rowids, in
 * order. The SQL of index_schema.c and search.c writes it out as 20. */
#define INDEX_BLOCK_SHIFT 20
#define INDEX_BLOCK_MAX ((1 << INDEX_BLOCK_SHIFT) - 1)

/* Returns the first and last possible block rowids of articles first..last. */
#define INDEX_FIRST_BLOCK(first) ((sqlite3_int64)(first) << INDEX_BLOCK_SHIFT)
#define INDEX_LAST_BLOCK(last) (((sqlite3_int64)(last) << INDEX_BLOCK_SHIFT) | INDEX_BLOCK_MAX)

/* The weight of a hit in the title against one in the body (see search.c). */
#define INDEX_TITLE_WEIGHT 10.0

/* Sets *first and *last to the article rowids of issue (an index of
 * index_issue_info()); returns 0, or -1 when there is no such issue. */
int index_issue_rows(const Index *index, size_t issue, sqlite3_int64 *first, sqlite3_int64 *last);

/* Returns the index's issues as ranges of rows with their order and FTS5
 * sizes, sorted by first row, as shuzhi_rank() takes them; *n receives
 * their number. The caller frees the array, not the sizes (the index
 * owns them). */
RankSizes *index_rank_sizes(const Index *index, size_t *n);

/* Returns column i of a statement's row as text, "" for NULL; valid until
 * the statement steps again. */
const char *index_column_text(sqlite3_stmt *stmt, int i);

/* Finalizes a statement that was stepped until rc; returns SQLITE_OK when
 * rc is SQLITE_DONE (every row read), else rc. */
int index_statement_done(sqlite3_stmt *stmt, int rc);

/* Returns non-zero for an SQLite code that says the file is damaged. */
int index_is_damage(int rc);

/* Returns the index's database connection. Owned by the index. */
sqlite3 *index_database(Index *index);

/* Rebuilds a damaged index in place (in memory when the cache cannot be
 * written). Returns 0, or -1 with *cause set (caller frees). */
int index_recover(Index *index, char **cause);

/* Returns the position of the issue whose issues.issue_id is id: 0 and
 * *i, or -1 when the index does not know it. */
int index_issue_position(const Index *index, sqlite3_int64 id, size_t *i);

/* Ranks into top (which index_rank_top_totals() need not have been
 * given) the articles that hold text, one character alone, from the chars
 * table (index_chars.c): those of issue, or of every issue with
 * INDEX_ALL_ISSUES, counting those of all for the IDF. expression is the
 * query's FTS5 expression, which matches exactly those articles. The rows
 * kept have no hits. Returns an SQLite code. */
int index_chars_rank(Index *index, const char *expression, const char *text, size_t issue,
    RankTop *top);

#endif
