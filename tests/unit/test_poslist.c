/* Unit tests of FTS5 position lists read from their bytes
 * (core/index_poslist.c): lists written here byte by byte, then lists that
 * FTS5 itself hands an auxiliary function, each counted and matched both
 * ways, ours and FTS5's xPhraseNext() and phrase queries. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index_poslist.h"
#include "tap.h"

/* Appends value as an SQLite varint (values below 2^28 here). */
static size_t
put_varint(unsigned char *out, uint32_t value)
{
	unsigned char bytes[5];
	size_t n = 0, i;

	do {
		bytes[n++] = (unsigned char)(value & 0x7f);
		value >>= 7;
	} while (value > 0);
	for (i = 0; i < n; i++)
		out[i] = bytes[n - 1 - i] | (i + 1 < n ? 0x80 : 0);
	return n;
}

/* Writes after the first position (column 0, offset first) the positions
 * of columns[] / offsets[] (n of them) as FTS5 does; returns the length. */
static size_t
write_list(unsigned char *out, int first, const int *columns, const int *offsets, size_t n)
{
	size_t len = 0, i;
	int column = 0, offset = first;

	for (i = 0; i < n; i++) {
		if (columns[i] != column) {
			out[len++] = 0x01;
			len += put_varint(out + len, (uint32_t)columns[i]);
			column = columns[i];
			offset = 0;
		}
		len += put_varint(out + len, (uint32_t)(offsets[i] - offset + 2));
		offset = offsets[i];
	}
	return len;
}

/* Lists written here: counted and read back. */
static void
test_written(void)
{
	/* 127 - 0 + 2 = 129 is 0x81 0x01: a last byte 0x01 that is no column. */
	static const int columns[] = { 0, 0, 0, 1, 1, 2 };
	static const int offsets[] = { 3, 130, 20000, 0, 7, 4 };
	unsigned char bytes[64];
	size_t len = write_list(bytes, 1, columns, offsets, 6), n = 0, size = 0;
	Poslist list = { bytes, bytes + len, 0, 1 };
	int count[2] = { 0, 0 }, counted;
	uint64_t *at = NULL;

	ok(len > 8 && bytes[1] == 0x81 && bytes[2] == 0x01, "a written list holds 0x81 0x01");
	counted = index_poslist_count(&list, count);
	ok(counted == 0 && count[0] == 4 && count[1] == 2,
	    "counted: 4 in column 0, 2 in column 1, column 2 left out (%d, %d)", count[0],
	    count[1]);
	ok(index_poslist_read(&list, &at, &n, &size) == 0 && n == 7 &&
	    at[0] == INDEX_POSLIST_AT(0, 1) && at[1] == INDEX_POSLIST_AT(0, 3) &&
	    at[2] == INDEX_POSLIST_AT(0, 130) && at[3] == INDEX_POSLIST_AT(0, 20000) &&
	    at[4] == INDEX_POSLIST_AT(1, 0) && at[5] == INDEX_POSLIST_AT(1, 7) &&
	    at[6] == INDEX_POSLIST_AT(2, 4), "read back: every position in order");
	free(at);
	list.b = bytes + 2;	/* cut inside 0x81 0x01 */
	count[0] = count[1] = 0;
	ok(index_poslist_count(&list, count) == -1, "a list cut inside a varint is refused");
	list.a = list.b = bytes;
	count[0] = count[1] = 0;
	ok(index_poslist_count(&list, count) == 0 && count[0] == 1 && count[1] == 0,
	    "a list of its first position alone counts one");
}

/* Phrases matched from their tokens' positions. */
static void
test_match(void)
{
	/* a b a b a b c in column 0; a b in column 1 */
	static const uint64_t a[] = { INDEX_POSLIST_AT(0, 0), INDEX_POSLIST_AT(0, 2),
		INDEX_POSLIST_AT(0, 4), INDEX_POSLIST_AT(1, 0) };
	static const uint64_t b[] = { INDEX_POSLIST_AT(0, 1), INDEX_POSLIST_AT(0, 3),
		INDEX_POSLIST_AT(0, 5), INDEX_POSLIST_AT(1, 1) };
	static const uint64_t c[] = { INDEX_POSLIST_AT(0, 6) };
	static const size_t next[] = { 0, 1, 2, 3 }, gap[] = { 0, 2 };
	const uint64_t *ab[] = { a, b }, *ba[] = { b, a }, *bc[] = { b, c }, *abab[] = { a, b, a, b };
	const uint64_t *aa[] = { a, a };
	size_t lab[] = { 4, 4 }, lbc[] = { 4, 1 }, labab[] = { 4, 4, 4, 4 };
	int count[2] = { 0, 0 };

	ok(index_poslist_match(ab, lab, next, 2, count) == 4 && count[0] == 3 && count[1] == 1,
	    "a b: 3 in column 0, 1 in column 1");
	count[0] = count[1] = 0;
	ok(index_poslist_match(ba, lab, next, 2, count) == 2 && count[0] == 2 && count[1] == 0,
	    "b a: twice, not across the columns");
	count[0] = count[1] = 0;
	ok(index_poslist_match(bc, lbc, next, 2, count) == 1, "b c: once, at the end");
	count[0] = count[1] = 0;
	ok(index_poslist_match(abab, labab, next, 4, count) == 2 && count[0] == 2,
	    "a b a b: overlapping instances each count");
	count[0] = count[1] = 0;
	ok(index_poslist_match(aa, lab, gap, 2, count) == 2 && count[0] == 2,
	    "a _ a: a token two on, with any between");
}

/* Matches n FTS5 lists at offsets by brute force over their positions
 * (read[k] of lengths[k]): the starts, counted per column. */
static size_t
brute_match(uint64_t *const *read, const size_t *lengths, const size_t *offsets, size_t n,
    int count[2])
{
	size_t i, k, j, total = 0;

	for (i = 0; i < lengths[0]; i++) {
		for (k = 1; k < n; k++) {
			for (j = 0; j < lengths[k]; j++)
				if (read[k][j] == read[0][i] + offsets[k])
					break;
			if (j == lengths[k])
				break;
		}
		if (k == n) {
			count[INDEX_POSLIST_COLUMN(read[0][i])]++;
			total++;
		}
	}
	return total;
}

/* The rows' check: 1 when every phrase's list counts and reads as
 * xPhraseNext() walks it; when phrase 0, made of phrases 1..n-1, matches
 * where they do in turn, both ways (index_poslist_match() and
 * index_poslist_match_bytes()), and is held where it occurs
 * (index_poslist_holds()); and when phrases 1 and 3 match two apart
 * as a brute force finds them (an auxiliary function). */
static void
check_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *result,
    int nargs, sqlite3_value **args)
{
	static const size_t next[] = { 0, 1, 2, 3, 4, 5, 6, 7 }, gap[] = { 0, 2 };
	int nphrases = api->xPhraseCount(fts), i, same = 1, present = 0;
	uint64_t *lists[8] = { NULL };
	size_t lengths[8] = { 0 }, sizes[8] = { 0 };
	Poslist bytes[8];
	int whole[2] = { 0, 0 };

	(void)nargs;
	(void)args;
	for (i = 0; i < nphrases && i < 8; i++) {
		Fts5PhraseIter iter;
		int column, offset, walked[3] = { 0, 0, 0 }, fast[2] = { 0, 0 };

		api->xPhraseFirst(fts, i, &iter, &column, &offset);
		if (column < 0)
			continue;
		present |= 1 << i;
		bytes[i].a = iter.a;
		bytes[i].b = iter.b;
		bytes[i].column = column;
		bytes[i].offset = offset;
		if (index_poslist_count(&bytes[i], fast) != 0 ||
		    index_poslist_read(&bytes[i], &lists[i], &lengths[i], &sizes[i]) != 0)
			same = 0;
		for (; column >= 0; api->xPhraseNext(fts, &iter, &column, &offset)) {
			walked[column < 2 ? column : 2]++;
			if (lists[i] == NULL ||
			    lists[i][walked[0] + walked[1] + walked[2] - 1] !=
			    INDEX_POSLIST_AT(column, offset))
				same = 0;
		}
		if (fast[0] != walked[0] || fast[1] != walked[1])
			same = 0;
		if (i == 0) {
			whole[0] = walked[0];
			whole[1] = walked[1];
		}
	}
	/* Phrase 0 where its tokens all are, or not. */
	if (nphrases > 2 && nphrases <= 8 && (present | 1) == (1 << nphrases) - 1) {
		int matched[2] = { 0, 0 }, streamed[2] = { 0, 0 }, brute[2] = { 0, 0 };
		PoslistStarts starts = { NULL, 0, 0 };
		uint64_t *pair[2] = { lists[1], lists[3] };
		size_t paired[2] = { lengths[1], lengths[3] }, k;
		Poslist gapped[2] = { bytes[1], bytes[3] };
		int holds;

		index_poslist_match((const uint64_t *const *)lists + 1, lengths + 1, next,
		    (size_t)nphrases - 1, matched);
		if (index_poslist_match_bytes(bytes + 1, next, (size_t)nphrases - 1, streamed,
		    &starts) != 0 || starts.count != (size_t)(streamed[0] + streamed[1]))
			same = 0;
		if (matched[0] != whole[0] || matched[1] != whole[1] ||
		    streamed[0] != whole[0] || streamed[1] != whole[1])
			same = 0;
		if (index_poslist_holds(bytes + 1, next, (size_t)nphrases - 1, &holds) != 0 ||
		    holds != (whole[0] + whole[1] > 0))
			same = 0;
		for (k = 0; k < starts.count; k++)
			if (lists[0] == NULL || starts.at[k] != lists[0][k])
				same = 0;	/* the phrase's own positions */
		matched[0] = matched[1] = streamed[0] = streamed[1] = 0;
		if (nphrases > 3) {
			index_poslist_match((const uint64_t *const *)pair, paired, gap, 2, matched);
			index_poslist_match_bytes(gapped, gap, 2, streamed, NULL);
			brute_match(pair, paired, gap, 2, brute);
			if (matched[0] != brute[0] || matched[1] != brute[1] ||
			    streamed[0] != brute[0] || streamed[1] != brute[1])
				same = 0;
		}
		free(starts.at);
	}
	for (i = 0; i < 8; i++)
		free(lists[i]);
	sqlite3_result_int(result, same);
}

/* Returns the connection's FTS5 API. */
static fts5_api *
fts5_of(sqlite3 *db)
{
	sqlite3_stmt *stmt = NULL;
	fts5_api *api = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", NULL);
		sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	return api;
}

/* Returns the rows of query that check() passes, and their number in
 * *rows. */
static int
checked_rows(sqlite3 *db, const char *query, int *rows)
{
	sqlite3_stmt *stmt = NULL;
	int passed = 0;

	*rows = 0;
	if (sqlite3_prepare_v2(db, "SELECT check_lists(t) FROM t WHERE t MATCH ?1", -1, &stmt,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(stmt, 1, query, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		(*rows)++;
		passed += sqlite3_column_int(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return passed;
}

/* Lists FTS5 makes, of a table whose rows have long and short gaps and
 * two columns, checked against xPhraseNext() and FTS5's phrases. */
static void
test_fts5(void)
{
	static const char *queries[] = {
		"\"w\"", "\"x\"", "\"y\"",
		"\"w x y\" AND (\"w\" OR \"x\" OR \"y\")",
		"\"x y\" AND (\"x\" OR \"y\")",
		"\"w w\" AND (\"w\" OR \"w\")",
		/* Rows that hold the tokens, some not the phrase. */
		"\"x y\" OR (\"x\" AND \"y\")",
		"\"w x y\" OR (\"w\" AND \"x\" AND \"y\")",
	};
	sqlite3 *db = NULL;
	fts5_api *fts5;
	char *text = malloc(200000), *title = malloc(1000);
	sqlite3_stmt *insert = NULL;
	size_t i, q;
	int row;

	if (text == NULL || title == NULL || sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    (fts5 = fts5_of(db)) == NULL ||
	    fts5->xCreateFunction(fts5, "check_lists", NULL, check_function, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, title)", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t(body, title) VALUES (?1, ?2)", -1, &insert,
	    NULL) != SQLITE_OK) {
		ok(0, "an FTS5 table in memory");
		return;
	}
	srand(7);
	for (row = 0; row < 60; row++) {
		size_t len = 0, words = (size_t)(rand() % (row % 3 == 0 ? 20000 : 300));

		/* Words w x y among fillers, runs of filler up to thousands
		 * long: gaps of varints of one to three bytes. */
		for (i = 0; i < words; i++) {
			int r = rand() % 100;
			const char *word = r < 10 ? "w" : r < 20 ? "x" : r < 30 ? "y" :
			    r < 31 ? "w x y" : "f";

			if (r >= 31 && rand() % 50 == 0) {
				int gap = rand() % 3000;

				while (gap-- > 0 && len + 4 < 190000)
					len += (size_t)sprintf(text + len, "f ");
			}
			if (len + 8 < 190000)
				len += (size_t)sprintf(text + len, "%s ", word);
		}
		text[len] = '\0';
		sprintf(title, "%s", row % 4 == 0 ? "w x y w" : row % 4 == 1 ? "x" : "f f");
		sqlite3_bind_text(insert, 1, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(insert, 2, title, -1, SQLITE_STATIC);
		sqlite3_step(insert);
		sqlite3_reset(insert);
	}
	sqlite3_finalize(insert);
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		int rows, passed = checked_rows(db, queries[q], &rows);

		ok(rows > 0 && passed == rows, "FTS5's lists of %s: %d of %d rows read alike",
		    queries[q], passed, rows);
	}
	sqlite3_close(db);
	free(text);
	free(title);
}

/* Runs the tests and prints their plan; returns non-zero when one failed. */
int
main(void)
{
	test_written();
	test_match();
	test_fts5();
	return done_testing();
}
