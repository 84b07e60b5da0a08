/* Tests of an archive's index: issues found in folders, in the order of
 * their numbers with their prefixes, each read back as it parses; search
 * across them, or in one, equal to a brute-force scan of every issue; the
 * scores FTS5's own bm25 gives; the contents as --toc lists them; IDs;
 * highlighting in any issue. The cache: test_archive_cache.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "archive_fixture.h"
#include "index_internal.h"	/* white-box: the index's own tables */
#include "query.h"

/* Checks that a search in one issue scores each article as the search
 * in every issue does: ranking is over the whole archive. */
static void
check_issue_scores(Index *index, const char *text, size_t issue)
{
	SearchResults *all = NULL, *one = NULL;
	size_t i, j, same = 0;

	if (search_run(index, text, NO_LIMIT, &all, NULL) != 0 ||
	    search_run_in(index, text, issue, NO_LIMIT, &one, NULL) != 0) {
		ok(0, "%s in issue %zu: scores", text, issue);
		goto out;
	}
	for (i = 0; i < one->count; i++)
		for (j = 0; j < all->count; j++)
			if (strcmp(one->items[i].article_id, all->items[j].article_id) == 0 &&
			    one->items[i].score == all->items[j].score)
				same++;
	ok(one->count > 0 && same == one->count,
	    "%s in issue %zu: each of %zu scores is its score in every issue", text, issue,
	    one->count);
out:
	search_results_free(all);
	search_results_free(one);
}

/* Checks that every result's score is the one FTS5's own bm25() gives its
 * row (search.c's ranking, computed in one pass by shuzhi_rank() with the
 * sizes the index stores), and that results come best first. */
static void
check_scores(Index *index, const char *text)
{
	sqlite3 *db = index_database(index);
	Query *query = query_parse(text);
	SearchResults *results = NULL;
	sqlite3_stmt *stmt = NULL;
	size_t i, same = 0, ordered = 1;

	if (search_run(index, text, NO_LIMIT, &results, NULL) != 0 ||
	    /* The search table's columns are (body, title). */
	    sqlite3_prepare_v2(db, "SELECT 10.0 * bm25(search, 0.0, 1.0) + bm25(search, 1.0, 0.0)"
	    " FROM search WHERE search MATCH ?1 AND rowid = ?2", -1, &stmt, NULL) != SQLITE_OK) {
		ok(0, "%s: scores", text);
		goto out;
	}
	for (i = 0; i < results->count; i++) {
		const SearchResult *r = &results->items[i];
		double want;

		sqlite3_bind_text(stmt, 1, query->expression, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, index->issues[r->issue].first_article +
		    (sqlite3_int64)r->article_index);
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			want = sqlite3_column_double(stmt, 0);
			if (r->score - want < 1e-9 * (want < 0 ? -want : want) + 1e-12 &&
			    want - r->score < 1e-9 * (want < 0 ? -want : want) + 1e-12)
				same++;
			else
				diag("  %s: score %.17g, bm25 %.17g", r->article_id, r->score, want);
		}
		sqlite3_reset(stmt);
		if (i > 0 && r->score < results->items[i - 1].score)
			ordered = 0;
	}
	ok(results->count > 0 && same == results->count,
	    "%s: each of %zu scores is FTS5's bm25, title weighted 10", text, results->count);
	ok(ordered, "%s: best first", text);
out:
	sqlite3_finalize(stmt);
	search_results_free(results);
	query_free(query);
}

/* Checks that a query of phrases ORed, some of more than one token, gets
 * the results, bit for bit, that it gets with an exclusion that excludes
 * nothing: its rows are collected with their counts and scored at the
 * end, the other's ranked as they come after a pass over each phrase's
 * rows (index_rank.c), and the hits of its best rows read back for the
 * phrases they hold alone (search.c). flags: QUERY_LAST_PREFIX or 0. */
static void
check_ored(Index *index, const char *text, const char *excluding, int flags, size_t limit)
{
	SearchResults *ored = NULL, *not = NULL;
	Query *query = query_parse_with(text, flags, NULL, NULL);
	size_t i, same = 0;

	ok(query->ored, "%s is phrases ORed", text);
	query_free(query);
	if (search_run_flags(index, text, flags, INDEX_ALL_ISSUES, limit, &ored, NULL) != 0 ||
	    search_run_flags(index, excluding, flags, INDEX_ALL_ISSUES, limit, &not, NULL) != 0) {
		ok(0, "%s: results", text);
		goto out;
	}
	for (i = 0; i < ored->count && i < not->count; i++) {
		const SearchResult *a = &ored->items[i], *b = &not->items[i];

		if (strcmp(a->article_id, b->article_id) == 0 && a->score == b->score &&
		    a->page == b->page && a->offset == b->offset &&
		    strcmp(a->snippet, b->snippet) == 0 && a->nmarks == b->nmarks &&
		    (a->nmarks == 0 || memcmp(a->marks, b->marks, a->nmarks * sizeof *a->marks) == 0))
			same++;
		else
			diag("  %zu: %s %.17g against %s %.17g", i, a->article_id, a->score,
			    b->article_id, b->score);
	}
	ok(ored->count > 1 && ored->count == not->count && same == ored->count,
	    "%s, at most %zu: the %zu results of %s, in order, with their snippets", text, limit,
	    ored->count, excluding);
out:
	search_results_free(ored);
	search_results_free(not);
}

/* Checks that the best limit results of a query are the first limit of
 * all its results, bit for bit: rows that cannot be among the best are
 * passed over by a bound (index_rank.c), yet counted for the IDF. */
static void
check_limited(Index *index, const char *text, size_t limit)
{
	SearchResults *few = NULL, *all = NULL;
	size_t i, same = 0;

	if (search_run(index, text, limit, &few, NULL) != 0 ||
	    search_run(index, text, NO_LIMIT, &all, NULL) != 0) {
		ok(0, "%s: results", text);
		goto out;
	}
	for (i = 0; i < few->count && i < all->count; i++) {
		const SearchResult *a = &few->items[i], *b = &all->items[i];

		if (strcmp(a->article_id, b->article_id) == 0 && a->score == b->score &&
		    strcmp(a->snippet, b->snippet) == 0)
			same++;
		else
			diag("  %zu: %s %.17g against %s %.17g", i, a->article_id, a->score,
			    b->article_id, b->score);
	}
	ok(all->count > limit && few->count == limit && same == limit,
	    "%s, at most %zu: the first %zu of its %zu results", text, limit, limit, all->count);
out:
	search_results_free(few);
	search_results_free(all);
}

/* Checks the contents: for each issue an entry (prefix, page 0, title),
 * then what --toc prints for the issue alone, prefixed. */
static void
check_contents(Index *index)
{
	IndexContents *c = NULL;
	char *cause = NULL;
	size_t i, at = 0, wrong = 0;

	if (!ok(index_contents(index, INDEX_ALL_ISSUES, &c, &cause) == 0, "the contents read")) {
		diag("  %s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < index_issue_count(index); i++) {
		const IndexIssueInfo *info = index_issue_info(index, i);
		const Issue *issue = index_issue_at(index, i);
		const Article *front = issue != NULL ? issue_find_article(issue, "0") : NULL;
		size_t s, k;

#define EXPECT(kind_, id_, page_, title_) do { \
		char *id = id_; \
		if (at >= c->count || c->entries[at].kind != (kind_) || \
		    strcmp(c->entries[at].id, id) != 0 || c->entries[at].page != (page_) || \
		    strcmp(c->entries[at].title, (title_)) != 0 || c->entries[at].issue != i) { \
			diag("  entry %zu: want %s", at, id); \
			wrong++; \
		} \
		free(id); \
		at++; \
	} while (0)
		EXPECT(INDEX_ENTRY_ISSUE, strdup(info->prefix), 0, info->title);
		if (issue == NULL)
			continue;
		if (front != NULL)
			EXPECT(INDEX_ENTRY_ARTICLE, xasprintf("%s/0", info->prefix), front->page,
			    front->title);
		for (s = 0; s < issue_section_count(issue); s++) {
			const Section *sec = issue_section(issue, s);
			int page = sec->first_page;

			if (page == 0 && sec->narticles > 0)
				page = issue_article(issue, sec->first_article)->page;
			EXPECT(INDEX_ENTRY_SECTION, xasprintf("%s/%s", info->prefix, sec->id), page,
			    sec->title);
			for (k = 0; k < sec->narticles; k++) {
				const Article *a = issue_article(issue, sec->first_article + k);

				EXPECT(INDEX_ENTRY_ARTICLE, xasprintf("%s/%s", info->prefix, a->id),
				    a->page, a->title);
			}
		}
#undef EXPECT
	}
	ok(wrong == 0 && at == c->count, "the contents list each issue, then its entries as --toc"
	    " prints them, prefixed (%zu entries)", c->count);
	index_contents_free(c);
	if (index_contents(index, 1, &c, NULL) == 0) {
		ok(c->count > 2 && c->entries[0].kind == INDEX_ENTRY_ISSUE && c->entries[0].issue == 1 &&
		    c->entries[c->count - 1].issue == 1, "the contents of one issue");
		index_contents_free(c);
	}
}

/* Checks how IDs split into issue and ID. */
static void
check_ids(Index *index)
{
	const char *local = NULL;
	size_t i = 99;

	ok(index_split_id(index, "13/1.1", &i, &local) == 0 && i == 1 && strcmp(local, "1.1") == 0,
	    "13/1.1 is article 1.1 of the second issue");
	ok(index_split_id(index, "1.1", &i, &local) != 0, "1.1 alone names no issue in an archive");
	ok(index_split_id(index, "99/1.1", &i, &local) != 0, "99/1.1: there is no issue 99");
	ok(index_find_issue(index, "14", 2, &i) == 0 && i == 2, "issue 14 is found by its prefix");
}

/* Checks that highlighting in an article of another issue than the first
 * finds the renamed laboratory there. */
static void
check_highlights(Index *index)
{
	const Issue *issue = index_issue_at(index, 1);
	size_t j, hits = 0, right = 0;

	for (j = 0; issue != NULL && j < issue_article_count(issue); j++) {
		const Article *a = issue_article(issue, j);
		Span *spans = NULL;
		char *cause = NULL;
		size_t n = 0, k;

		if (search_article_hits(index, XUANWU, 0, 1, j, &spans, &n, &cause) != 0) {
			diag("article %zu: %s", j, cause);
			free(cause);
			hits++;		/* counted, never right */
		}
		hits += n;
		for (k = 0; k < n; k++)
			right += spans[k].start + spans[k].length <= a->text_length &&
			    spans[k].length == strlen(XUANWU) &&
			    memcmp(a->text + spans[k].start, XUANWU, spans[k].length) == 0;
		free(spans);
	}
	ok(hits > 0 && right == hits, "highlighting in issue 13 finds 玄武湖实验室 (%zu hits)", hits);
}

/* Runs the tests and prints their plan; returns non-zero when one failed. */
int
main(void)
{
	static const char *queries[] = {
		ZIJIN, XUANWU, QIXIA, ZHONGSHAN,
		"\xe7\xa8\x8e",						/* 税 */
		"\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0",	/* 数据要素 */
		"\xe7\xae\x97\xe5\x8a\x9b \xe6\xb1\x9f\xe8\x8b\x8f",	/* 算力 江苏 */
		"IPv6", "\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4",		/* 实验室 */
	};
	const char *prefixes[] = { "12", "13", "14", "15" };
	char *arch = NULL, *extra = NULL;
	const char *paths[1];
	Index *index;
	size_t i, before;

	if (fixture_make(&arch, &extra) != 0)
		return 1;
	free(use_cache("main"));
	paths[0] = arch;
	index = open_archive(paths, 1, 0, NULL);
	if (!ok(index != NULL, "the archive of a folder opens")) {
		clean_up();
		return done_testing();
	}
	check_issues(index, prefixes, 4);
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++)
		check_query(index, queries[i], INDEX_ALL_ISSUES);
	check_query(index, ZIJIN, 0);
	check_query(index, "\xe7\xa8\x8e", 2);
	check_query(index, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0", 3);
	check_scores(index, "\xe6\x95\xb0");					/* 数 */
	/* One phrase of rows fewer than half: an IDF above bm25's floor,
	 * counted from the rows the query gives (index_rank.c). */
	check_scores(index, "\xe7\xae\x97\xe5\x8a\x9b");			/* 算力 */
	/* One character: ranked from the chars table, not by FTS5. */
	check_scores(index, "\xe7\xa8\x8e");					/* 税 */
	check_scores(index, "\xe5\xb8\x82");					/* 市 */
	check_issue_scores(index, "\xe7\xa8\x8e", 2);
	check_issue_scores(index, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0", 3);
	check_scores(index, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0");	/* 数据要素 */
	check_scores(index, "\xe6\x95\xb0\xe6\x8d\xae \xe6\xb1\x9f\xe8\x8b\x8f");	/* 数据 江苏 */
	check_scores(index, "\"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\" -IPv6");	/* "数据 安全" -IPv6 */
	check_scores(index, "\xe7\xae\x97\xe5\x8a\x9b OR \xe7\xa8\x8e");	/* 算力 OR 税 */
	/* Many phrases: each row asks only for those whose rows it is in. */
	check_scores(index, "\xe7\xae\x97\xe5\x8a\x9b OR \xe7\xa8\x8e OR \xe6\x95\xb0\xe6\x8d\xae OR "
	    "\xe6\xb1\x9f\xe8\x8b\x8f OR \xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe");	/* 算力 OR 税 OR 数据 OR 江苏 OR 区块链 */
	check_scores(index, "\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8 \xe6\xb1\x9f\xe8\x8b\x8f "
	    "-IPv6 -\xe7\xa8\x8e");	/* 数据 安全 江苏 -IPv6 -税 */
	/* One phrase over every issue: FTS5 finds its tokens, the ranking
	 * matches it (query_split_ored(), index_rank_top_split()), 据 left
	 * to the pair 数据 that implies it. */
	check_scores(index, "\"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\"");	/* "数据 安全" */
	check_scores(index, "数字技术 OR 数字技能 OR 数字化转");
	/* Split phrases at a small limit: most rows bounded and passed over. */
	check_limited(index, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0", 3);	/* 数据要素 */
	check_limited(index, "数字技术", 2);
	check_limited(index, "数字技术 OR 数字技能 OR 数字化转", 4);
	check_limited(index, "\"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\"", 5);	/* "数据 安全" */
	/* Phrases ORed, some of several tokens: collected (index_rank.c). */
	check_scores(index, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0 OR \xe7\xae\x97\xe5\x8a\x9b OR "
	    "\xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe");	/* 数据要素 OR 算力 OR 区块链 */
	for (i = 0; i < 2; i++) {
		size_t limit = i == 0 ? NO_LIMIT : 3;

		/* 数据要素 OR 算力 OR 区块链 OR 江苏 */
		check_ored(index, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0 OR \xe7\xae\x97\xe5\x8a\x9b OR "
		    "\xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe OR \xe6\xb1\x9f\xe8\x8b\x8f",
		    "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0 OR \xe7\xae\x97\xe5\x8a\x9b OR "
		    "\xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe OR \xe6\xb1\x9f\xe8\x8b\x8f -qqqzzz", 0, limit);
		/* "数据 安全" OR 数据要素, split, against FTS5's phrases. */
		check_ored(index, "\"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\" OR "
		    "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0",
		    "\"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\" OR "
		    "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0 -qqqzzz", 0, limit);
		/* 数字技术 OR 数字技能 OR 数字化转, the first two written
		 * together (("数字" AND "字技" AND ("技术" OR "技能"))). */
		check_ored(index, "数字技术 OR 数字技能 OR 数字化转",
		    "数字技术 OR 数字技能 OR 数字化转 -qqqzzz", 0, limit);
		/* 实验室 OR IPv, the last a prefix: the hits of a row are
		 * read back for IPv as a prefix still. */
		check_ored(index, "\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4 OR IPv",
		    "-qqqzzz \xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4 OR IPv", QUERY_LAST_PREFIX, limit);
	}
	check_contents(index);
	check_ids(index);
	check_highlights(index);
	index_close(index);
	index = open_archive(paths, 1, 0, NULL);
	before = index != NULL ? index_reindexed(index) : 99;
	is_int(before, 0, "the folder's file without an issue is not read again");
	index_close(index);

	free(arch);
	free(extra);
	free(original);
	clean_up();
	return done_testing();
}
