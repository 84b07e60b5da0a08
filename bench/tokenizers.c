/* Measures the two ways of indexing Han text that tokenize.c weighs:
 * characters with their pairs (what the index uses) and characters alone
 * (phrase queries over single characters). For each, on the bundled issue
 * and on N copies of it: build time, file size, and the median time of
 * the ranked query search.c runs, for words of 1 to 8 characters.
 * Built and run by bench/run-tokenizers; not part of the program. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "index_fts.h"
#include "issue.h"
#include "query.h"
#include "timing.h"

#define RUNS 15

static const char *words[] = {
	"\xe7\xa8\x8e",						/* 税 */
	"\xe7\xae\x97\xe5\x8a\x9b",				/* 算力 */
	"\xe6\x95\xb0\xe6\x8d\xae",				/* 数据 */
	"\xe6\x95\xb0\xe5\xad\x97\xe5\x8c\x96",			/* 数字化 */
	"\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0",	/* 数据要素 */
	"\xe7\xb4\xab\xe9\x87\x91\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4", /* 紫金山实验室 */
	"\xe6\x95\xb0\xe5\xad\x97\xe7\xbb\x8f\xe6\xb5\x8e\xe5\x8f\x91\xe5\xb1\x95\xe8\xa7\x84\xe5\x88\x92", /* 数字经济发展规划 */
	"ipv6",
};

/* Runs sql or exits with the error. */
static void
exec_or_die(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		exit(2);
	}
}

/* Builds the table with copies of every article; returns milliseconds. */
static double
build(sqlite3 *db, const Issue *issue, const char *tokenizer, int copies)
{
	sqlite3_stmt *insert;
	char *sql = sqlite3_mprintf("CREATE VIRTUAL TABLE search USING fts5(body, title,"
	    " tokenize='%q', content='')", tokenizer);
	double start = now_ms();
	sqlite3_int64 rowid = 0;
	size_t i;
	int c;

	exec_or_die(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN");
	exec_or_die(db, sql);
	sqlite3_free(sql);
	if (sqlite3_prepare_v2(db, "INSERT INTO search(rowid, title, body) VALUES(?1, ?2, ?3)",
	    -1, &insert, NULL) != SQLITE_OK)
		exit(2);
	for (c = 0; c < copies; c++) {
		for (i = 0; i < issue_article_count(issue); i++) {
			const Article *a = issue_article(issue, i);

			sqlite3_bind_int64(insert, 1, rowid++);
			sqlite3_bind_text(insert, 2, a->title, -1, SQLITE_STATIC);
			sqlite3_bind_text(insert, 3, a->text, (int)a->text_length, SQLITE_STATIC);
			if (sqlite3_step(insert) != SQLITE_DONE)
				exit(2);
			sqlite3_reset(insert);
		}
	}
	sqlite3_finalize(insert);
	exec_or_die(db, "INSERT INTO search(search) VALUES('optimize'); COMMIT");
	return now_ms() - start;
}

/* Returns the median milliseconds of the ranked query for word, and the
 * number of matching rows in *rows. */
static double
time_query(sqlite3 *db, const char *word, int *rows)
{
	Query *query = query_parse(word);
	sqlite3_stmt *stmt, *count;
	double times[RUNS];
	int run;

	if (sqlite3_prepare_v2(db, "SELECT rowid, 10.0 * bm25(search, 1.0, 0.0) +"
	    " bm25(search, 0.0, 1.0) AS score, shuzhi_hits(search, ?2) FROM search"
	    " WHERE search MATCH ?1 ORDER BY score LIMIT 20", -1, &stmt, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM search WHERE search MATCH ?1", -1,
	    &count, NULL) != SQLITE_OK)
		exit(2);
	sqlite3_bind_text(stmt, 1, query->expression, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, (int)query->nphrases);
	for (run = 0; run < RUNS; run++) {
		double start = now_ms();

		while (sqlite3_step(stmt) == SQLITE_ROW)
			;
		sqlite3_reset(stmt);
		times[run] = now_ms() - start;
	}
	sqlite3_bind_text(count, 1, query->expression, -1, SQLITE_STATIC);
	*rows = sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int(count, 0) : -1;
	sqlite3_finalize(count);
	sqlite3_finalize(stmt);
	query_free(query);
	qsort(times, RUNS, sizeof times[0], compare_doubles);
	return times[RUNS / 2];
}

/* Builds and times each tokenizer at each size; prints one table. */
int
main(int argc, char **argv)
{
	static const char *tokenizers[] = { "shuzhi", "shuzhi unigrams" };
	int copies[] = { 1, argc > 3 ? atoi(argv[3]) : 100 };
	Issue *issue;
	char *cause = NULL;
	size_t t, c, w;

	if (argc < 3) {
		fprintf(stderr, "usage: tokenizers ISSUE TEMPDIR [COPIES]\n");
		return 2;
	}
	if (issue_load(argv[1], &issue, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return 2;
	}
	for (c = 0; c < 2; c++) {
		for (t = 0; t < 2; t++) {
			char *path = sqlite3_mprintf("%s/tokenizers-%d.db", argv[2], (int)t);
			struct stat st;
			sqlite3 *db;
			double ms;

			unlink(path);
			if (sqlite3_open(path, &db) != SQLITE_OK || index_fts_register(db, &cause) != 0)
				return 2;
			ms = build(db, issue, tokenizers[t], copies[c]);
			stat(path, &st);
			printf("%-16s x%-4d build %8.1f ms  size %7.1f MB\n", tokenizers[t], copies[c],
			    ms, (double)st.st_size / 1e6);
			for (w = 0; w < sizeof words / sizeof words[0]; w++) {
				int rows;
				double q = time_query(db, words[w], &rows);

				printf("    %-26s %6d rows %8.3f ms\n", words[w], rows, q);
			}
			sqlite3_close(db);
			unlink(path);
			sqlite3_free(path);
		}
	}
	issue_free(issue);
	return 0;
}
