/* Tests of query translation: what the user types becomes a valid FTS5
 * expression or nothing, never syntax; normal queries translate as the
 * spec says. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index_fts.h"
#include "query.h"
#include "tap.h"

/* A small FTS5 table like the index's, on the index's tokenizer. */
static sqlite3 *
open_table(void)
{
	sqlite3 *db = NULL;
	char *cause = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK || index_fts_register(db, &cause) != 0 ||
	    sqlite3_exec(db,
	    "CREATE VIRTUAL TABLE search USING fts5(body, title, tokenize='shuzhi', content='');"
	    "INSERT INTO search(rowid, title, body) VALUES"
	    " (1, '数据要素', '推进数据要素市场化配置, 5G网络和IPv6。'),"
	    " (2, 'NEAR AND OR NOT', '\"quoted\" title:body * ^ {a b} (x) OR AND NEAR'),"
	    " (3, '税', '税收 算力');", NULL, NULL, NULL) != SQLITE_OK) {
		printf("Bail out! cannot make the test table: %s %s\n", sqlite3_errmsg(db),
		    cause ? cause : "");
		exit(1);
	}
	return db;
}

/* Runs expression against the table; returns the SQLite code of the end
 * of the query (SQLITE_DONE when it ran) and the rows in *rows. */
static int
run_match(sqlite3 *db, const char *expression, int *rows)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*rows = 0;
	rc = sqlite3_prepare_v2(db, "SELECT rowid, bm25(search), shuzhi_hits(search, 8)"
	    " FROM search WHERE search MATCH ?1 ORDER BY rank", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		(*rows)++;
	sqlite3_finalize(stmt);
	return rc;
}

/* Checks a translation and, when there is one, that it runs. */
static void
check_translation(sqlite3 *db, const char *input, const char *want, const char *want_positive,
    int want_rows)
{
	Query *q = query_parse(input);
	int rows = -1;

	if (want == NULL) {
		ok(q->expression == NULL && q->positive == NULL && q->nphrases == 0,
		    "'%s': nothing searchable", input);
	} else {
		is_str(q->expression, want, "'%s' translates", input);
		is_str(q->positive, want_positive, "'%s': its positive terms", input);
		is_int(run_match(db, q->expression, &rows), SQLITE_DONE, "'%s' runs", input);
		is_int(rows, want_rows, "'%s' finds its rows", input);
	}
	query_free(q);
}

/* Writes s into out (size bytes) with control bytes as \xNN, cut short
 * when long, so that a test's description stays one line. */
static void
printable(const char *s, char *out, size_t size)
{
	size_t used = 0;

	for (; *s != '\0' && used + 8 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			used += (size_t)snprintf(out + used, size - used, "\\x%02x", c);
		else
			out[used++] = *s;
	}
	out[used] = '\0';
}

/* Checks that an input gives a runnable expression or none. */
static void
check_hostile(sqlite3 *db, const char *input, size_t len, const char *description)
{
	char *copy = malloc(len + 1);
	char label[64];
	Query *q;
	int rows, rc;

	if (copy == NULL)
		abort();
	printable(description, label, sizeof label);
	memcpy(copy, input, len);
	copy[len] = '\0';
	q = query_parse(copy);
	if (q->expression == NULL) {
		ok(q->positive == NULL && q->nphrases == 0, "%s: nothing searchable", label);
	} else {
		rc = run_match(db, q->expression, &rows);
		if (!ok(rc == SQLITE_DONE, "%s: expression runs", label))
			diag("  expression %s: %s", q->expression, sqlite3_errmsg(db));
		rc = run_match(db, q->positive, &rows);
		if (!ok(rc == SQLITE_DONE, "%s: positive expression runs", label))
			diag("  expression %s: %s", q->positive, sqlite3_errmsg(db));
		ok(q->nphrases >= 1 && q->nphrases <= QUERY_MAX_TERMS,
		    "%s: 1 to %d phrases", label, QUERY_MAX_TERMS);
	}
	query_free(q);
	free(copy);
}

/* Returns a string of count copies of unit; the caller frees it. */
static char *
repeat(const char *unit, size_t count)
{
	size_t n = strlen(unit), i;
	char *s = malloc(n * count + 1);

	if (s == NULL)
		abort();
	for (i = 0; i < count; i++)
		memcpy(s + i * n, unit, n);
	s[n * count] = '\0';
	return s;
}

/* Returns a query of n different words, then suffix; the caller frees it. */
static char *
distinct_words(size_t n, const char *suffix)
{
	char *q = malloc(n * 8 + strlen(suffix) + 1), *p = q;
	size_t i;

	if (q == NULL)
		abort();
	for (i = 0; i < n; i++)
		p += sprintf(p, "w%zu ", i);
	strcpy(p, suffix);
	return q;
}

/* Long queries are taken whole or refused, never cut short. */
static void
check_long_queries(sqlite3 *db)
{
	char *big;
	Query *q;

	big = distinct_words(QUERY_MAX_TERMS, "");
	check_hostile(db, big, strlen(big), "the most different words");
	q = query_parse(big);
	ok(!q->too_long && q->nphrases == QUERY_MAX_TERMS, "%d different words are taken whole",
	    QUERY_MAX_TERMS);
	query_free(q);
	free(big);
	big = distinct_words(QUERY_MAX_TERMS, "-b");
	q = query_parse(big);
	ok(q->too_long && q->expression == NULL && q->positive == NULL,
	    "%d words and an exclusion: refused, not read without the exclusion", QUERY_MAX_TERMS);
	query_free(q);
	free(big);
	big = repeat("\xe6\x95\xb0\xe6\x8d\xae ", 40);
	big = realloc(big, strlen(big) + 16);
	if (big == NULL)
		abort();
	strcat(big, "-\xe5\xae\x89\xe5\x85\xa8");
	q = query_parse(big);
	ok(!q->too_long && q->expression != NULL && strstr(q->expression, "NOT") != NULL,
	    "40 times \xe6\x95\xb0\xe6\x8d\xae then an exclusion keeps the exclusion");
	query_free(q);
	free(big);
	big = repeat("\xe6\x95\xb0\xe6\x8d\xae OR ", 40);
	big[strlen(big) - 4] = '\0';
	q = query_parse(big);
	ok(!q->too_long && q->nphrases == 1 && q->expression != NULL &&
	    strstr(q->expression, "OR") == NULL, "40 alternatives of one word are the word");
	query_free(q);
	free(big);
	q = query_parse("a OR b OR \"c d\"");
	ok(q->ored, "a OR b OR \"c d\" is phrases ORed");
	query_free(q);
	q = query_parse("a");
	ok(q->ored, "a alone is phrases ORed");
	query_free(q);
	q = query_parse("a b");
	ok(!q->ored, "a b is not phrases ORed");
	query_free(q);
	q = query_parse("a OR b -c");
	ok(!q->ored, "a OR b -c is not phrases ORed");
	query_free(q);
	q = query_parse_with("x OR IPv", QUERY_LAST_PREFIX, NULL, NULL);
	if (ok(q->nphrases == 2, "x OR IPv: two phrases")) {
		int first = 0, both[2] = { 0, 1 };
		char *one = query_phrases_ored(q, &first, 1), *two = query_phrases_ored(q, both, 2);
		char *last = query_phrases_ored(q, both + 1, 1);

		is_str(one, "\"x\"", "phrase 0 of x OR IPv alone");
		is_str(two, q->positive, "both phrases of x OR IPv are its positive terms");
		is_str(last, "\"IPv\" *", "phrase 1 of x OR IPv alone, a prefix still");
		free(one);
		free(two);
		free(last);
	}
	query_free(q);
	q = query_parse("a OR b a c OR c -d -d");
	ok(q->expression != NULL && strcmp(q->expression,
	    "((\"a\" OR \"b\") AND \"a\" AND \"c\") NOT \"d\"") == 0,
	    "repeats dropped where they add nothing: %s",
	    q->expression != NULL ? q->expression : "(null)");
	query_free(q);
}

/* Checks the split of a query (query_split_ored()): its expression (NULL:
 * none), each phrase's tokens, and each token's FTS5 phrase and place in
 * its phrase (ntokens, terms and offsets, written as digits), and that
 * the split matches the rows the query does, or more. */
static void
check_split(sqlite3 *db, const char *text, int flags, const char *want, const char *ntokens,
    const char *terms, const char *offsets)
{
	Query *q = query_parse_with(text, flags, NULL, NULL);
	QuerySplit *split = query_split_ored(q);
	char got_ntokens[64] = "", got_offsets[64] = "", got_terms[64] = "";
	const char *gn = got_ntokens, *go = got_offsets, *gt = got_terms;
	size_t i, total = 0;
	int rows = 0, split_rows = 0;

	if (want == NULL) {
		ok(split == NULL, "%s: not split", text);
		query_free(q);
		return;
	}
	if (!ok(split != NULL, "%s: split", text)) {
		query_free(q);
		return;
	}
	for (i = 0; i < q->nphrases && i < 60; i++) {
		got_ntokens[i] = (char)('0' + split->ntokens[i]);
		total += split->ntokens[i];
	}
	for (i = 0; i < total && i < 60; i++) {
		got_terms[i] = (char)('0' + split->terms[i]);
		got_offsets[i] = (char)('0' + split->offsets[i]);
	}
	is_str(split->expression, want, "%s: split as %s", text, want);
	is_str(gn, ntokens, "%s: tokens per phrase", text);
	is_str(gt, terms, "%s: each token's FTS5 phrase", text);
	is_str(go, offsets, "%s: each token's place in its phrase", text);
	ok(run_match(db, q->expression, &rows) == SQLITE_DONE &&
	    run_match(db, split->expression, &split_rows) == SQLITE_DONE && split_rows >= rows &&
	    rows > 0, "%s: the split matches the query's %d rows, or more (%d)", text, rows,
	    split_rows);
	query_split_free(split);
	query_free(q);
}

/* Queries of phrases ORed, split into their tokens for the ranking. */
static void
test_split(sqlite3 *db)
{
	check_split(db, "数据要素", 0, "(\"数据\" AND \"据要\" AND \"要素\")", "3", "012", "012");
	/* 素 ends the pair 要素: a text that holds 要素 holds it. */
	check_split(db, "\"要素 市场\"", 0, "(\"要素\" AND \"市场\")", "2", "01", "02");
	check_split(db, "\"网络和 IPv6\"", 0, "(\"网络\" AND \"络和\" AND \"ipv6\")", "3",
	    "012", "013");
	check_split(db, "数据要素 OR 税", 0,
	    "(\"数据\" AND \"据要\" AND \"要素\") OR \"税\"", "31", "0123", "0120");
	check_split(db, "数据要素 OR IPv", QUERY_LAST_PREFIX,
	    "(\"数据\" AND \"据要\" AND \"要素\") OR \"IPv\" *", "31", "0123", "0120");
	/* Strings that differ at one place are written together, sharing
	 * the tokens they have in common; others apart. */
	check_split(db, "税 OR 数据要素 OR 数据要速", 0,
	    "\"税\" OR (\"数据\" AND \"据要\" AND (\"要素\" OR \"要速\"))", "133", "0123124",
	    "0012012");
	check_split(db, "数据要素 OR 市场化配", 0,
	    "(\"数据\" AND \"据要\" AND \"要素\") OR (\"市场\" AND \"场化\" AND \"化配\")", "33",
	    "012345", "012012");
	check_split(db, "税", 0, NULL, NULL, NULL, NULL);
	check_split(db, "数据", 0, NULL, NULL, NULL, NULL);
	check_split(db, "数据要素 税", 0, NULL, NULL, NULL, NULL);
	check_split(db, "数据要素 -税", 0, NULL, NULL, NULL, NULL);
}

/* Runs the tests and prints their plan; returns non-zero when one failed. */
int
main(void)
{
	static const char *hostile[] = {
		"\"", "\"\"", "\"\"\"\"", "\"a", "a\"", "a\"b", "*", "a*", "*a", "a *",
		"NEAR(", "NEAR(a b)", "NEAR(a b, 2)", "NEAR", "AND", "a AND", "AND a",
		"OR", "a OR", "OR a", "OR OR", "a OR OR b", "a OR -b", "NOT", "a NOT b",
		"-", "--", "-\"", "-\"\"", "- a", "a -", "-a", "-a -b", "^", "^a", "a^b",
		":", "title:a", "body:\xe7\xa8\x8e", "search:x", "-title:a", "(", ")", "()",
		"(a", "a)", "((a))", "{", "}", "{a b}:c", "{title}:\xe7\xa8\x8e", "[", "]",
		"+", "a + b", "+a", "'", "a'b", "\\", "\\\"", ";", "a; DROP TABLE search; --",
		"%", "_", "$1", "?1", ":x", "@x", "\xe2\x80\x9c\xe6\x95\xb0\xe6\x8d\xae\xe2\x80\x9d",
		"\xef\xbc\x82\xe7\xa8\x8e\xef\xbc\x82", "\xe3\x80\x80", "rank", "rowid",
		"\xe7\xa8\x8e*", "NEAR(\xe7\xa8\x8e \xe7\xae\x97\xe5\x8a\x9b)",
		"\xff\xfe", "\xe6\x95", "a\xc0" "b", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\x01\x02\x03", "\x1b[31mred\x1b[0m", "\t\n\r\v\f", "a\x7f" "b",
		"\xc2\x85\xc2\x9b", "\xe2\x80\xae\xe7\xa8\x8e", "\xef\xbb\xbf" "a",
	};
	sqlite3 *db = open_table();
	char *big;
	size_t i;
	Query *q;

	test_split(db);

	/* Normal queries (shuzhi(1), --search). */
	check_translation(db, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0",
	    "\"\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0\"",
	    "\"\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0\"", 1);
	check_translation(db, "\xe7\xa8\x8e \xe7\xae\x97\xe5\x8a\x9b",
	    "\"\xe7\xa8\x8e\" AND \"\xe7\xae\x97\xe5\x8a\x9b\"",
	    "\"\xe7\xa8\x8e\" OR \"\xe7\xae\x97\xe5\x8a\x9b\"", 1);
	check_translation(db, "\"5G \xe7\xbd\x91\xe7\xbb\x9c\"", "\"5G \xe7\xbd\x91\xe7\xbb\x9c\"",
	    "\"5G \xe7\xbd\x91\xe7\xbb\x9c\"", 1);
	check_translation(db, "\"\xe7\xbd\x91\xe7\xbb\x9c 5G\"", "\"\xe7\xbd\x91\xe7\xbb\x9c 5G\"",
	    "\"\xe7\xbd\x91\xe7\xbb\x9c 5G\"", 0);
	/* Phrases across Han runs: the text has 要素市场 and 网络和IPv6. */
	check_translation(db, "\"\xe8\xa6\x81\xe7\xb4\xa0 \xe5\xb8\x82\xe5\x9c\xba\"",
	    "\"\xe8\xa6\x81\xe7\xb4\xa0 \xe5\xb8\x82\xe5\x9c\xba\"",
	    "\"\xe8\xa6\x81\xe7\xb4\xa0 \xe5\xb8\x82\xe5\x9c\xba\"", 1);
	check_translation(db, "\"\xe7\xbd\x91\xe7\xbb\x9c\xe5\x92\x8c IPv6\"",
	    "\"\xe7\xbd\x91\xe7\xbb\x9c\xe5\x92\x8c IPv6\"",
	    "\"\xe7\xbd\x91\xe7\xbb\x9c\xe5\x92\x8c IPv6\"", 1);
	check_translation(db, "\xe7\xbd\x91\xe7\xbb\x9c\xe5\x92\x8cIPv6",
	    "\"\xe7\xbd\x91\xe7\xbb\x9c\xe5\x92\x8cIPv6\"",
	    "\"\xe7\xbd\x91\xe7\xbb\x9c\xe5\x92\x8cIPv6\"", 1);
	check_translation(db, "\"\xe8\xa6\x81\xe7\xb4\xa0 \xe9\x85\x8d\xe7\xbd\xae\"",
	    "\"\xe8\xa6\x81\xe7\xb4\xa0 \xe9\x85\x8d\xe7\xbd\xae\"",
	    "\"\xe8\xa6\x81\xe7\xb4\xa0 \xe9\x85\x8d\xe7\xbd\xae\"", 0);
	check_translation(db, "\xe7\xa8\x8e -\xe7\xae\x97\xe5\x8a\x9b",
	    "\"\xe7\xa8\x8e\" NOT \"\xe7\xae\x97\xe5\x8a\x9b\"", "\"\xe7\xa8\x8e\"", 0);
	check_translation(db, "\xe7\xa8\x8e -\"IPv6\"", "\"\xe7\xa8\x8e\" NOT \"IPv6\"",
	    "\"\xe7\xa8\x8e\"", 1);
	check_translation(db, "\xe7\xa8\x8e OR ipv6", "(\"\xe7\xa8\x8e\" OR \"ipv6\")",
	    "\"\xe7\xa8\x8e\" OR \"ipv6\"", 2);
	check_translation(db, "\xe7\xa8\x8e OR ipv6 OR near", "(\"\xe7\xa8\x8e\" OR \"ipv6\" OR \"near\")",
	    "\"\xe7\xa8\x8e\" OR \"ipv6\" OR \"near\"", 3);
	check_translation(db, "\xe7\xa8\x8e OR ipv6 5g", "(\"\xe7\xa8\x8e\" OR \"ipv6\") AND \"5g\"",
	    "\"\xe7\xa8\x8e\" OR \"ipv6\" OR \"5g\"", 1);
	check_translation(db, "5g \xe7\xa8\x8e OR ipv6", "\"5g\" AND (\"\xe7\xa8\x8e\" OR \"ipv6\")",
	    "\"5g\" OR \"\xe7\xa8\x8e\" OR \"ipv6\"", 1);
	check_translation(db, "ipv6 5g -\xe7\xa8\x8e -near", "(\"ipv6\" AND \"5g\") NOT (\"\xe7\xa8\x8e\" OR \"near\")",
	    "\"ipv6\" OR \"5g\"", 1);
	check_translation(db, "a\"b", "\"a\"\"b\"", "\"a\"\"b\"", 1);
	check_translation(db, "OR", "\"OR\"", "\"OR\"", 1);
	check_translation(db, "near( and", "\"near(\" AND \"and\"", "\"near(\" OR \"and\"", 1);
	check_translation(db, "title:body", "\"title:body\"", "\"title:body\"", 1);
	check_translation(db, "-", NULL, NULL, 0);
	check_translation(db, "\"\"", NULL, NULL, 0);
	check_translation(db, "***", NULL, NULL, 0);
	check_translation(db, "-ipv6", NULL, NULL, 0);
	check_translation(db, "", NULL, NULL, 0);
	check_translation(db, "  \xe3\x80\x80 ", NULL, NULL, 0);

	/* What an instance of each phrase covers in a document. */
	q = query_parse("\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0 \xe7\xa8\x8e IPv6 \"5G\xe7\xbd\x91\xe7\xbb\x9c\" \"a b c\""
	    " \"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\" \xe7\xbd\x91\xe7\xbb\x9c" "5G");
	is_int(q->nphrases, 7, "seven phrases");
	if (q->nphrases == 7) {
		is_int(q->phrases[5].positions, 4, "\"数据 安全\" covers four positions");
		is_int(q->phrases[6].positions, 3, "网络5G covers three");
		is_int(q->phrases[0].positions, 4, "数据要素 covers four positions");
		is_int(q->phrases[1].positions, 1, "税 covers one");
		is_int(q->phrases[2].positions, 1, "IPv6 covers one");
		is_int(q->phrases[3].positions, 3, "5G网络 covers three");
		is_int(q->phrases[4].positions, 3, "\"a b c\" covers three");
	}
	query_free(q);

	/* Hostile input: valid or nothing, and never a database error. */
	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
		check_hostile(db, hostile[i], strlen(hostile[i]), hostile[i][0] ? hostile[i] : "(empty)");
	check_hostile(db, "a\0b", 3, "a NUL byte ends the query");
	big = repeat("a ", 5120);
	check_hostile(db, big, strlen(big), "10 KB of words");
	q = query_parse(big);
	ok(!q->too_long && q->nphrases == 1, "5120 times the same word is the word once");
	query_free(q);
	free(big);
	check_long_queries(db);
	big = repeat("\xe6\x95\xb0", 3414);
	check_hostile(db, big, strlen(big), "10 KB of one Han word");
	free(big);
	big = repeat("\"", 10240);
	check_hostile(db, big, strlen(big), "10 KB of quotes");
	free(big);
	big = repeat("NEAR( -a OR \"b* ^c:", 540);
	check_hostile(db, big, strlen(big), "10 KB of operators");
	free(big);
	big = repeat("\xff", 10240);
	check_hostile(db, big, strlen(big), "10 KB of invalid UTF-8");
	free(big);
	big = repeat("a OR ", 2048);
	check_hostile(db, big, strlen(big), "10 KB of ORs");
	free(big);

	/* While typing: the last Latin word is a prefix, nothing else. */
	q = query_parse_with("数据 IPv", QUERY_LAST_PREFIX, NULL, NULL);
	ok(q->expression != NULL && strstr(q->expression, "\"IPv\" *") != NULL,
	    "QUERY_LAST_PREFIX: the last Latin word is a prefix (%s)", q->expression);
	ok(strstr(q->positive, "\"IPv\" *") != NULL, "  in the hits' expression too");
	query_free(q);
	q = query_parse_with("IPv 数据", QUERY_LAST_PREFIX, NULL, NULL);
	ok(strchr(q->expression, '*') == NULL, "QUERY_LAST_PREFIX: a Han last word is no prefix");
	query_free(q);
	q = query_parse_with("\"IPv\"", QUERY_LAST_PREFIX, NULL, NULL);
	ok(strchr(q->expression, '*') == NULL, "QUERY_LAST_PREFIX: a quoted word is no prefix");
	query_free(q);
	q = query_parse("数据 IPv");
	ok(strchr(q->expression, '*') == NULL, "without the flag, no prefix");
	query_free(q);
	q = query_parse_with("IPv", QUERY_LAST_PREFIX, NULL, NULL);
	{
		int rows = 0, rc = run_match(db, q->expression, &rows);

		ok(rc == SQLITE_DONE && rows == 1, "the prefix IPv finds the row with IPv6 (%d rows)",
		    rows);
		rc = run_match(db, q->positive, &rows);
		ok(rc == SQLITE_DONE && rows == 1, "  and so does its hits' expression");
	}
	query_free(q);
	q = query_parse("IPv");
	{
		int rows = -1;

		run_match(db, q->expression, &rows);
		is_int(rows, 0, "without the flag IPv finds nothing: a whole word");
	}
	query_free(q);

	sqlite3_close(db);
	return done_testing();
}
