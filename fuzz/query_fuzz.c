/* libFuzzer target: the query translator on any bytes. Whatever is typed,
 * the FTS5 expression must run without a database error. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index_fts.h"
#include "query.h"

static sqlite3 *db;

/* Opens an in-memory FTS5 table with the project's tokenizer, once. */
static void
open_table(void)
{
	char *cause = NULL;

	if (db != NULL)
		return;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || index_fts_register(db, &cause) != 0)
		abort();
	if (sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='shuzhi');"
	    "INSERT INTO t VALUES('数字经济发展规划', '数据要素 IPv6 算力网络 AND OR NOT NEAR');",
	    NULL, NULL, NULL) != SQLITE_OK)
		abort();
}

/* Runs one MATCH expression; aborts on any error. */
static void
run_match(const char *expression)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT rowid, bm25(t, 10.0, 1.0) FROM t WHERE t MATCH ?1", -1,
	    &stmt, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "expression %s: %s\n", expression, sqlite3_errmsg(db));
		abort();
	}
	sqlite3_finalize(stmt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	Query *q;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	open_table();
	q = query_parse(text);
	if (q->expression != NULL) {
		run_match(q->expression);
		if (q->positive == NULL)
			abort();
		run_match(q->positive);
	}
	query_free(q);
	free(text);
	return 0;
}
