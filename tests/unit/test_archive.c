/* Tests of an archive's index: issues found in folders and given as
 * files, in the order of their numbers with their prefixes; search across
 * them equal to a brute-force scan of every issue; the contents; and the
 * cache: one file added, changed or removed re-indexes that issue alone
 * and leaves the search index exactly as a fresh build has it; several
 * processes at once; damage; no writable cache. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <sqlite3.h>

#include "brute.h"
#include "index.h"
#include "index_internal.h"
#include "issue.h"
#include "query.h"
#include "search.h"
#include "tap.h"

#define NO_LIMIT 100000
#define ZIJIN "\xe7\xb4\xab\xe9\x87\x91\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"	/* 紫金山实验室 */
#define XUANWU "\xe7\x8e\x84\xe6\xad\xa6\xe6\xb9\x96\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"	/* 玄武湖实验室 */
#define QIXIA "\xe6\xa0\x96\xe9\x9c\x9e\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"	/* 栖霞山实验室 */
#define YANZI "\xe7\x87\x95\xe5\xad\x90\xe7\x9f\xb6\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"	/* 燕子矶实验室 */
#define ZHONGSHAN "\xe9\x92\x9f\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"		/* 钟山实验室 */
#define NUMBER_12 "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe4\xba\x8c\xe6\x9c\x9f"		/* 总第十二期 */

static char temp_dir[] = "/tmp/shuzhi-test-archive.XXXXXX";
static char *original;		/* the bundled issue's text */

/* Returns a formatted string the caller frees. */
static char * __attribute__((format(printf, 1, 2)))
format(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = malloc((size_t)n + 1);
	if (s == NULL)
		abort();
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* Returns text with every old replaced by new (the caller frees). */
static char *
replace_all(const char *text, const char *old, const char *new)
{
	size_t n = 0, olen = strlen(old), nlen = strlen(new);
	const char *p;
	char *out, *q;

	for (p = text; (p = strstr(p, old)) != NULL; p += olen)
		n++;
	out = malloc(strlen(text) + n * nlen + 1);
	if (out == NULL)
		abort();
	for (q = out, p = text; ; ) {
		const char *hit = strstr(p, old);

		if (hit == NULL) {
			strcpy(q, p);
			break;
		}
		memcpy(q, p, (size_t)(hit - p));
		q += hit - p;
		memcpy(q, new, nlen);
		q += nlen;
		p = hit + olen;
	}
	return out;
}

/* Writes the bundled issue to path as issue number (总第N期, N spelled
 * in Chinese) with 紫金山实验室 renamed lab. Returns 0 or -1. */
static int
write_variant(const char *path, const char *number, const char *lab)
{
	char *renumbered = replace_all(original, NUMBER_12, number);
	char *text = replace_all(renumbered, ZIJIN, lab);
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (f == NULL || fwrite(text, 1, strlen(text), f) != strlen(text))
		rc = -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	free(renumbered);
	free(text);
	return rc;
}

/* Writes data to path; returns 0 or -1. */
static int
write_text(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (f == NULL)
		return -1;
	if (fputs(data, f) == EOF)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Sets XDG_CACHE_HOME to temp_dir/name; returns the shuzhi cache folder
 * inside it (the caller frees). */
static char *
use_cache(const char *name)
{
	char *home = format("%s/%s", temp_dir, name), *dir = format("%s/shuzhi", home);

	setenv("XDG_CACHE_HOME", home, 1);
	free(home);
	return dir;
}

/* Opens the archive of n paths; returns it or NULL with a diagnostic, and
 * the notice in *notice (the caller frees) when notice is not NULL. */
static Index *
open_archive(const char *const *paths, size_t n, int flags, char **notice)
{
	Index *index = NULL;
	char *cause = NULL;

	if (index_open_archive(paths, n, flags, &index, notice, &cause) != 0) {
		diag("index_open_archive %s: %s", paths[0], cause);
		free(cause);
		return NULL;
	}
	return index;
}

/* Returns the number of results of a query in every issue, -1 on error. */
static int
count_results(Index *index, const char *query)
{
	SearchResults *results = NULL;
	char *cause = NULL;
	int n;

	if (search_run(index, query, NO_LIMIT, &results, &cause) != 0) {
		diag("%s: %s", query, cause);
		free(cause);
		return -1;
	}
	n = (int)results->count;
	search_results_free(results);
	return n;
}

/* Orders strings (for qsort). */
static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the n strings sorted and joined by spaces (the caller frees
 * the result; the strings and their array are freed). */
static char *
join_sorted(char **items, size_t n)
{
	size_t i, len = 1;
	char *out;

	if (n > 1)
		qsort(items, n, sizeof *items, compare_strings);
	for (i = 0; i < n; i++)
		len += strlen(items[i]) + 1;
	out = malloc(len);
	if (out == NULL)
		abort();
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, items[i]);
		free(items[i]);
	}
	free(items);
	return out;
}

/* Returns the articles of issue only (INDEX_ALL_ISSUES: of all) that hold
 * every word of query, scanning each issue as its file parses, as the
 * sorted list of their IDs "PREFIX/ID" (the caller frees). */
static char *
brute_force(Index *index, const char *query, size_t only)
{
	char *terms[BRUTE_MAX_TERMS], **ids = NULL;
	size_t nterms = brute_terms(query, terms), n = 0, i, j;

	for (i = 0; i < index_issue_count(index); i++) {
		const IndexIssueInfo *info = index_issue_info(index, i);
		Issue *issue = NULL;
		char *cause = NULL;

		if (only != INDEX_ALL_ISSUES && only != i)
			continue;
		if (issue_load(info->path, &issue, &cause) != 0) {
			diag("%s: %s", info->path, cause);
			free(cause);
			continue;
		}
		for (j = 0; j < issue_article_count(issue); j++) {
			const Article *a = issue_article(issue, j);

			if (!brute_article_has_all(a, terms, nterms))
				continue;
			ids = realloc(ids, (n + 1) * sizeof *ids);
			if (ids == NULL)
				abort();
			ids[n++] = format("%s/%s", info->prefix, a->id);
		}
		issue_free(issue);
	}
	for (i = 0; i < nterms; i++)
		free(terms[i]);
	return join_sorted(ids, n);
}

/* Checks a query against the brute-force scan, in every issue or one:
 * the same articles, each result's ID, issue and article agreeing. */
static void
check_query(Index *index, const char *query, size_t only)
{
	SearchResults *results = NULL;
	char *cause = NULL, **ids, *found, *want;
	size_t i, consistent = 0;

	if (!ok(search_run_in(index, query, only, NO_LIMIT, &results, &cause) == 0,
	    "%s: runs", query)) {
		diag("  %s", cause);
		free(cause);
		return;
	}
	ids = calloc(results->count + 1, sizeof *ids);
	if (ids == NULL)
		abort();
	for (i = 0; i < results->count; i++) {
		const SearchResult *r = &results->items[i];
		const Issue *issue = index_issue_at(index, r->issue);
		const Article *a = issue != NULL ? issue_article(issue, r->article_index) : NULL;
		char *id = a != NULL ? format("%s/%s", index_issue_info(index, r->issue)->prefix,
		    a->id) : NULL;

		if (id != NULL && strcmp(id, r->article_id) == 0 &&
		    (only == INDEX_ALL_ISSUES || r->issue == only))
			consistent++;
		else
			diag("  result %s: issue %zu article %zu", r->article_id, r->issue,
			    r->article_index);
		free(id);
		ids[i] = strdup(r->article_id);
	}
	found = join_sorted(ids, results->count);
	want = brute_force(index, query, only);
	if (!ok(want[0] != '\0' && strcmp(found, want) == 0,
	    "%s (%s): the articles found are those that hold it", query,
	    only == INDEX_ALL_ISSUES ? "all issues" : index_issue_info(index, only)->prefix))
		diag("  found %s\n#   want  %s", found, want);
	is_int(consistent, results->count, "%s: each result's ID, issue and article agree", query);
	free(found);
	free(want);
	search_results_free(results);
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
	    sqlite3_prepare_v2(db, "SELECT 10.0 * bm25(search, 1.0, 0.0) + bm25(search, 0.0, 1.0)"
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

/* Returns the FTS5 vocabulary of the index (every term with its number of
 * rows and of instances) as one string, to compare two indexes' search
 * tables whatever their rowids; the caller frees it. */
static char *
vocabulary(Index *index)
{
	sqlite3 *db = index_database(index);
	sqlite3_stmt *stmt = NULL;
	size_t len = 0, size = 1 << 20;
	char *out = malloc(size);

	if (out == NULL)
		abort();
	out[0] = '\0';
	if (sqlite3_exec(db, "DROP TABLE IF EXISTS temp.v; CREATE VIRTUAL TABLE temp.v USING"
	    " fts5vocab(main, 'search', 'row')", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT term, doc, cnt FROM temp.v ORDER BY term", -1, &stmt,
	    NULL) != SQLITE_OK) {
		diag("fts5vocab: %s", sqlite3_errmsg(db));
		sqlite3_finalize(stmt);
		return out;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		char line[256];
		int n = snprintf(line, sizeof line, "%s %lld %lld\n", sqlite3_column_text(stmt, 0),
		    (long long)sqlite3_column_int64(stmt, 1), (long long)sqlite3_column_int64(stmt, 2));

		if (n < 0 || (size_t)n >= sizeof line)
			continue;
		if (len + (size_t)n + 1 > size) {
			size *= 2;
			out = realloc(out, size);
			if (out == NULL)
				abort();
		}
		memcpy(out + len, line, (size_t)n + 1);
		len += (size_t)n;
	}
	sqlite3_finalize(stmt);
	sqlite3_exec(db, "DROP TABLE IF EXISTS temp.v", NULL, NULL, NULL);
	return out;
}

/* Returns the results of a query as one line of "ID:score" sorted (ties
 * in score rank by rowid, which differs between two builds); the caller
 * frees it. */
static char *
scores(Index *index, const char *query)
{
	SearchResults *results = NULL;
	char **items;
	size_t i;

	if (search_run(index, query, NO_LIMIT, &results, NULL) != 0)
		return strdup("(failed)");
	items = calloc(results->count + 1, sizeof *items);
	if (items == NULL)
		abort();
	for (i = 0; i < results->count; i++)
		items[i] = format("%s:%.9g", results->items[i].article_id, results->items[i].score);
	search_results_free(results);
	return join_sorted(items, i);
}

/* Checks that the archive's search index has exactly the terms and counts
 * of one built afresh in memory from the same files. */
static void
check_like_fresh(Index *index, const char *const *paths, size_t n, const char *what)
{
	Index *fresh = open_archive(paths, n, INDEX_MEMORY, NULL);
	char *got = vocabulary(index), *want = fresh != NULL ? vocabulary(fresh) : NULL;
	const char *query = "\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4 \xe6\x95\xb0\xe6\x8d\xae";
	char *ranked = scores(index, query), *fresh_ranked = fresh != NULL ? scores(fresh, query) : NULL;

	ok(want != NULL && want[0] != '\0' && strcmp(got, want) == 0,
	    "%s: the search index holds exactly what a fresh build holds", what);
	ok(fresh_ranked != NULL && strchr(ranked, ':') != NULL && strcmp(ranked, fresh_ranked) == 0,
	    "%s: it scores every article as a fresh build does", what);
	free(ranked);
	free(fresh_ranked);
	free(got);
	free(want);
	index_close(fresh);
}

/* Checks the issues: count, order, prefixes, and each read back from the
 * index as its file parses. */
static void
check_issues(Index *index, const char *const *prefixes, size_t n)
{
	size_t i, same = 0, order = 0;

	is_int(index_issue_count(index), n, "%zu issues", n);
	ok(index_is_archive(index), "  an archive");
	for (i = 0; i < n && i < index_issue_count(index); i++) {
		const IndexIssueInfo *info = index_issue_info(index, i);
		const Issue *stored = index_issue_at(index, i);
		Issue *parsed = NULL;
		char *cause = NULL;
		size_t j, differ = 0;

		order += strcmp(info->prefix, prefixes[i]) == 0;
		if (stored == NULL || issue_load(info->path, &parsed, &cause) != 0) {
			diag("%s: %s", info->path, cause != NULL ? cause : "not read back");
			free(cause);
			continue;
		}
		differ += issue_article_count(stored) != issue_article_count(parsed) ||
		    info->articles != issue_article_count(parsed) ||
		    issue_number(stored) != issue_number(parsed) || info->number != issue_number(parsed) ||
		    strcmp(info->title, issue_title(parsed)) != 0 ||
		    strcmp(issue_name(stored), info->path) != 0;
		for (j = 0; j < issue_article_count(stored) && j < issue_article_count(parsed); j++) {
			const Article *x = issue_article(stored, j), *y = issue_article(parsed, j);

			differ += strcmp(x->id, y->id) != 0 || strcmp(x->title, y->title) != 0 ||
			    x->page != y->page || x->nblocks != y->nblocks ||
			    x->text_length != y->text_length || strcmp(x->text, y->text) != 0;
		}
		same += differ == 0;
		issue_free(parsed);
	}
	is_int(order, n, "  in the order of their numbers, with their prefixes");
	is_int(same, n, "  each read back from the index as its file parses");
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
			EXPECT(INDEX_ENTRY_ARTICLE, format("%s/0", info->prefix), front->page,
			    front->title);
		for (s = 0; s < issue_section_count(issue); s++) {
			const Section *sec = issue_section(issue, s);
			int page = sec->first_page;

			if (page == 0 && sec->narticles > 0)
				page = issue_article(issue, sec->first_article)->page;
			EXPECT(INDEX_ENTRY_SECTION, format("%s/%s", info->prefix, sec->id), page,
			    sec->title);
			for (k = 0; k < sec->narticles; k++) {
				const Article *a = issue_article(issue, sec->first_article + k);

				EXPECT(INDEX_ENTRY_ARTICLE, format("%s/%s", info->prefix, a->id),
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
		SearchSpan *spans = NULL;
		size_t n = search_issue_article_hits(index, XUANWU, 1, j, &spans), k;

		hits += n;
		for (k = 0; k < n; k++)
			right += spans[k].start + spans[k].length <= a->text_length &&
			    spans[k].length == strlen(XUANWU) &&
			    memcmp(a->text + spans[k].start, XUANWU, spans[k].length) == 0;
		free(spans);
	}
	ok(hits > 0 && right == hits, "highlighting in issue 13 finds 玄武湖实验室 (%zu hits)", hits);
}

/* Returns the number of cache files in dir and whether one is a
 * temporary file (named with a dot). */
static int
count_cache_files(const char *dir, int *temporary)
{
	char *command = format("ls -A '%s' 2>/dev/null", dir);
	FILE *p = popen(command, "r");
	char line[512];
	int n = 0;

	*temporary = 0;
	free(command);
	if (p == NULL)
		return -1;
	while (fgets(line, sizeof line, p) != NULL) {
		if (line[0] == '.')
			(*temporary)++;
		if (strstr(line, "-journal") == NULL)
			n++;
	}
	pclose(p);
	return n;
}

/* Opens the archive in 8 processes at once; returns how many failed or
 * answered wrong, and the issues they re-indexed in all in *reindexed. */
static int
open_at_once(const char *const *paths, size_t n, const char *word, int expected,
    size_t *reindexed)
{
	pid_t children[8];
	int i, failed = 0, pipefd[2];
	char go = 0;

	*reindexed = 0;
	if (pipe(pipefd) != 0)
		abort();
	fflush(stdout);
	for (i = 0; i < 8; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			Index *index = NULL;
			int rc;

			close(pipefd[1]);
			if (read(pipefd[0], &go, 1) < 0)
				_exit(1);
			if (index_open_archive(paths, n, 0, &index, NULL, NULL) != 0)
				_exit(2);
			rc = index_cache_path(index) != NULL && count_results(index, word) == expected;
			rc = rc ? 10 + (int)index_reindexed(index) : 3;
			index_close(index);
			_exit(rc);
		}
	}
	close(pipefd[0]);
	close(pipefd[1]);
	for (i = 0; i < 8; i++) {
		int status;

		if (children[i] < 0 || waitpid(children[i], &status, 0) != children[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status) < 10)
			failed++;
		else
			*reindexed += (size_t)WEXITSTATUS(status) - 10;
	}
	return failed;
}

/* Returns the inode and modification time of a file as one number. */
static long long
identity(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return -1;
	return (long long)st.st_ino * 1000003LL + (long long)st.st_mtim.tv_nsec +
	    (long long)st.st_mtime * 1000000000LL;
}

/* The incremental cache: reused untouched, a touched file not re-indexed,
 * a changed, removed and added one alone. */
static void
check_incremental(const char *arch, const char *extra)
{
	const char *paths[] = { arch, extra };
	const char *prefixes[] = { "12", "13", "14", "15" };
	char *dir = use_cache("incremental"), *c_path = format("%s/c.txt", arch);
	char *d_path = format("%s/sub/d.txt", arch), *d_away = format("%s/d.away", temp_dir);
	char *cache = NULL, *notice = NULL;
	struct utimbuf old = { time(NULL) - 3600, time(NULL) - 3600 };
	long long before;
	Index *index;

	index = open_archive(paths, 1, 0, &notice);
	if (!ok(index != NULL && notice == NULL && index_cache_path(index) != NULL,
	    "a folder's archive opens with a cache file, without a notice"))
		goto out;
	cache = strdup(index_cache_path(index));
	ok(strncmp(cache, dir, strlen(dir)) == 0 && strstr(cache, "/archive-") != NULL,
	    "  one file in $XDG_CACHE_HOME/shuzhi");
	is_int(index_reindexed(index), 4, "  the first open indexes the 4 issues");
	check_issues(index, prefixes, 4);
	index_close(index);

	before = identity(cache);
	index = open_archive(paths, 1, 0, NULL);
	is_int(index != NULL ? (long long)index_reindexed(index) : -1, 0,
	    "the second open indexes nothing");
	ok(identity(cache) == before, "  and leaves the cache file as it was");
	index_close(index);

	utime(c_path, &old);
	index = open_archive(paths, 1, 0, NULL);
	is_int(index != NULL ? (long long)index_reindexed(index) : -1, 0,
	    "a file touched, not changed: nothing re-indexed");
	is_int(index != NULL ? count_results(index, QIXIA) : -1, 2, "  and its issue still found");
	index_close(index);
	before = identity(cache);
	index = open_archive(paths, 1, 0, NULL);
	ok(index != NULL && index_reindexed(index) == 0 && identity(cache) == before,
	    "  the next open finds its new stat recorded: nothing written");
	index_close(index);

	write_variant(c_path, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe5\x9b\x9b\xe6\x9c\x9f", YANZI);
	index = open_archive(paths, 1, 0, NULL);
	is_int(index != NULL ? (long long)index_reindexed(index) : -1, 1,
	    "a file changed: its issue alone is re-indexed");
	if (index != NULL) {
		is_int(count_results(index, QIXIA), 0, "  the old text is no longer found");
		is_int(count_results(index, YANZI), 2, "  the new text is");
		check_query(index, "\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4", INDEX_ALL_ISSUES);	/* 实验室 */
		check_issues(index, prefixes, 4);
		check_like_fresh(index, paths, 1, "after a change");
	}
	index_close(index);

	if (rename(d_path, d_away) != 0)
		diag("rename: %s", strerror(errno));
	index = open_archive(paths, 1, 0, NULL);
	ok(index != NULL && index_issue_count(index) == 3 && index_reindexed(index) == 0,
	    "a file removed: 3 issues, nothing re-indexed");
	if (index != NULL) {
		is_int(count_results(index, ZHONGSHAN), 0, "  its articles are no longer found");
		check_query(index, "\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4", INDEX_ALL_ISSUES);
		check_like_fresh(index, paths, 1, "after a removal");
	}
	index_close(index);

	if (rename(d_away, d_path) != 0)
		diag("rename: %s", strerror(errno));
	index = open_archive(paths, 1, 0, NULL);
	ok(index != NULL && index_issue_count(index) == 4 && index_reindexed(index) == 1,
	    "the file back: 4 issues, its own indexed");
	is_int(index != NULL ? count_results(index, ZHONGSHAN) : -1, 2, "  its articles found again");
	index_close(index);

	paths[1] = extra;
	index = open_archive(paths, 2, 0, NULL);
	ok(index != NULL && index_issue_count(index) == 5 && index_reindexed(index) == 5,
	    "another argument list is another archive (5 issues, all indexed)");
	index_close(index);
	index = open_archive(paths, 2, INDEX_REBUILD, NULL);
	ok(index != NULL && index_reindexed(index) == 5 && identity(cache) != -1,
	    "INDEX_REBUILD re-indexes every issue");
	index_close(index);
out:
	free(notice);
	free(cache);
	free(c_path);
	free(d_path);
	free(d_away);
	free(dir);
}

/* Several processes at once, on an empty cache and on a changed file. */
static void
check_concurrent(const char *arch)
{
	const char *paths[] = { arch };
	char *dir = use_cache("concurrent"), *c_path = format("%s/c.txt", arch);
	size_t reindexed;
	int temporary, n;

	n = open_at_once(paths, 1, XUANWU, 2, &reindexed);
	is_int(n, 0, "8 processes opening an archive on an empty cache at once all answer right");
	is_int(reindexed, 4, "  the 4 issues are indexed once in all, the others wait for it");
	ok(count_cache_files(dir, &temporary) == 1 && temporary == 0,
	    "  one cache file, no temporary file");
	write_variant(c_path, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe5\x9b\x9b\xe6\x9c\x9f", QIXIA);
	n = open_at_once(paths, 1, QIXIA, 2, &reindexed);
	is_int(n, 0, "8 processes at once after a file changed all answer right");
	is_int(reindexed, 1, "  its issue is re-indexed once in all");
	free(c_path);
	free(dir);
}

/* Damage to the cache file, before and after the open; no cache. */
static void
check_damage(const char *arch)
{
	const char *paths[] = { arch };
	char *dir = use_cache("damage"), *cache, *blocker, *notice = NULL;
	Index *index = open_archive(paths, 1, 0, NULL);
	FILE *f;

	if (index == NULL)
		goto out;
	cache = strdup(index_cache_path(index));
	index_close(index);
	write_text(cache, "this is not a database\n");
	index = open_archive(paths, 1, 0, &notice);
	ok(index != NULL && notice == NULL && index_reindexed(index) == 4,
	    "a garbage cache file is rebuilt, without a notice");
	is_int(index != NULL ? count_results(index, XUANWU) : -1, 2, "  and answers");
	index_close(index);

	index = open_archive(paths, 1, 0, NULL);
	f = fopen(cache, "r+b");
	if (f != NULL) {
		char junk[8192];

		memset(junk, 'x', sizeof junk);
		fwrite(junk, 1, sizeof junk, f);
		fclose(f);
	}
	is_int(index != NULL ? count_results(index, XUANWU) : -1, 2,
	    "a cache damaged while open is rebuilt by the search");
	index_close(index);
	free(cache);

	blocker = format("%s/blocker", temp_dir);
	write_text(blocker, "");
	setenv("XDG_CACHE_HOME", blocker, 1);
	index = open_archive(paths, 1, 0, &notice);
	ok(index != NULL && index_cache_path(index) == NULL && notice != NULL &&
	    strchr(notice, '\n') == NULL, "no cache folder: in memory, a one-line notice");
	is_int(index != NULL ? count_results(index, XUANWU) : -1, 2, "  and the search works");
	index_close(index);
	free(blocker);
out:
	free(notice);
	free(dir);
}

/* What an archive's arguments can be, and the errors. */
static void
check_arguments(const char *arch)
{
	char *single = format("%s/single", temp_dir), *dup = format("%s/dup", temp_dir);
	char *empty = format("%s/empty", temp_dir), *junk = format("%s/junk", temp_dir);
	char *path = format("%s/a.txt", single), *x = format("%s/x.txt", dup);
	char *y = format("%s/y.txt", dup), *notes = format("%s/notes.txt", arch);
	char *junk_notes = format("%s/notes.txt", junk), *missing = format("%s/missing", temp_dir);
	char *a = format("%s/a.txt", arch), *cause = NULL;
	const char *paths[2];
	Index *index = NULL;

	free(use_cache("arguments"));
	mkdir(single, 0700);
	mkdir(dup, 0700);
	mkdir(empty, 0700);
	mkdir(junk, 0700);
	write_variant(path, NUMBER_12, ZIJIN);
	write_variant(x, NUMBER_12, ZIJIN);
	write_variant(y, NUMBER_12, XUANWU);
	write_text(junk_notes, "notes\n");

	paths[0] = single;
	index = open_archive(paths, 1, 0, NULL);
	ok(index != NULL && index_issue_count(index) == 1 && !index_is_archive(index) &&
	    strstr(index_cache_path(index), "/archive-") == NULL,
	    "a folder of one issue: that issue alone, in its own cache file");
	index_close(index);

	paths[0] = dup;
	index = open_archive(paths, 1, 0, NULL);
	ok(index != NULL && index_issue_count(index) == 2 &&
	    strcmp(index_issue_info(index, 0)->prefix, "x") == 0 &&
	    strcmp(index_issue_info(index, 1)->prefix, "y") == 0,
	    "two issues of the same number: their file names are their prefixes");
	index_close(index);

	{
		char *twins = format("%s/twins", temp_dir), *ta = format("%s/a", twins);
		char *tb = format("%s/b", twins), *fa = format("%s/x.txt", ta);
		char *fb = format("%s/x.txt", tb);

		mkdir(twins, 0700);
		mkdir(ta, 0700);
		mkdir(tb, 0700);
		write_variant(fa, NUMBER_12, ZIJIN);
		write_variant(fb, NUMBER_12, XUANWU);
		paths[0] = twins;
		index = open_archive(paths, 1, 0, NULL);
		ok(index != NULL && index_issue_count(index) == 2 &&
		    strcmp(index_issue_info(index, 0)->prefix, "x") == 0 &&
		    strcmp(index_issue_info(index, 1)->prefix, "x~2") == 0,
		    "the same number and the same file name: x and x~2");
		index_close(index);
		free(twins);
		free(ta);
		free(tb);
		free(fa);
		free(fb);
	}
	paths[0] = arch;
	paths[1] = notes;
	index = open_archive(paths, 2, 0, NULL);
	ok(index != NULL && index_issue_count(index) == 5 &&
	    strcmp(index_issue_info(index, 4)->prefix, "notes") == 0,
	    "a FILE named on the command line is an issue whatever it holds, its name its prefix");
	index_close(index);
	index = NULL;
	write_text(notes, "");
	paths[0] = a;
	ok(index_open_archive(paths, 2, 0, &index, NULL, &cause) != 0 && cause != NULL &&
	    strstr(cause, "notes.txt") != NULL, "an empty FILE: refused, named");
	free(cause);
	cause = NULL;
	paths[0] = empty;
	ok(index_open_archive(paths, 1, 0, &index, NULL, &cause) != 0 && cause != NULL &&
	    strstr(cause, empty) != NULL, "a folder without .txt files: refused, named");
	free(cause);
	cause = NULL;
	paths[0] = junk;
	ok(index_open_archive(paths, 1, 0, &index, NULL, &cause) != 0 && cause != NULL &&
	    strstr(cause, junk) != NULL, "a folder whose .txt holds no issue: refused, named");
	free(cause);
	cause = NULL;
	paths[0] = arch;
	paths[1] = missing;
	ok(index_open_archive(paths, 2, 0, &index, NULL, &cause) != 0 && cause != NULL &&
	    strstr(cause, missing) != NULL, "a missing argument: refused, named");
	free(cause);
	cause = NULL;
	paths[0] = a;
	paths[1] = a;
	ok(index_open_archive(paths, 2, 0, &index, NULL, &cause) != 0 && cause != NULL &&
	    strstr(cause, "a.txt") != NULL, "a FILE named twice: refused, named");
	free(cause);
	free(single);
	free(dup);
	free(empty);
	free(junk);
	free(path);
	free(x);
	free(y);
	free(notes);
	free(junk_notes);
	free(missing);
	free(a);
}

/* Removes the temporary folder. */
static void
clean_up(void)
{
	char *command = format("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", temp_dir, temp_dir);

	if (system(command) != 0)
		diag("could not remove %s", temp_dir);
	free(command);
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
	char *arch = NULL, *extra = NULL, *sub = NULL, *p;
	const char *paths[1];
	Index *index;
	size_t i, before;

	if (mkdtemp(temp_dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	setenv("HOME", temp_dir, 1);
	{
		FILE *f = fopen(TEST_ISSUE, "rb");
		long size;

		if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0 || (original = malloc((size_t)size + 1)) == NULL ||
		    fread(original, 1, (size_t)size, f) != (size_t)size) {
			printf("Bail out! cannot read %s\n", TEST_ISSUE);
			return 1;
		}
		original[size] = '\0';
		fclose(f);
	}
	arch = format("%s/archive", temp_dir);
	sub = format("%s/sub", arch);
	extra = format("%s/extra.txt", temp_dir);
	mkdir(arch, 0700);
	mkdir(sub, 0700);
	p = format("%s/a.txt", arch);
	ok(write_variant(p, NUMBER_12, ZIJIN) == 0, "issue 12 written");
	free(p);
	p = format("%s/b.txt", arch);
	ok(write_variant(p, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe4\xb8\x89\xe6\x9c\x9f", XUANWU) == 0,
	    "issue 13 written, 紫金山实验室 renamed 玄武湖实验室");
	free(p);
	p = format("%s/c.txt", arch);
	ok(write_variant(p, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe5\x9b\x9b\xe6\x9c\x9f", QIXIA) == 0,
	    "issue 14 written, renamed 栖霞山实验室");
	free(p);
	p = format("%s/d.txt", sub);
	ok(write_variant(p, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe4\xba\x94\xe6\x9c\x9f", ZHONGSHAN) == 0,
	    "issue 15 written in a subfolder, renamed 钟山实验室");
	free(p);
	p = format("%s/notes.txt", arch);
	write_text(p, "notes on the archive, not an issue\n");
	free(p);
	write_variant(extra, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe5\x85\xad\xe6\x9c\x9f", ZIJIN);

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
	check_scores(index, "\xe6\x95\xb0\xe6\x8d\xae \xe6\xb1\x9f\xe8\x8b\x8f");	/* 数据 江苏 */
	check_scores(index, "\"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\" -IPv6");	/* "数据 安全" -IPv6 */
	check_scores(index, "\xe7\xae\x97\xe5\x8a\x9b OR \xe7\xa8\x8e");	/* 算力 OR 税 */
	check_contents(index);
	check_ids(index);
	check_highlights(index);
	index_close(index);
	index = open_archive(paths, 1, 0, NULL);
	before = index != NULL ? index_reindexed(index) : 99;
	is_int(before, 0, "the folder's file without an issue is not read again");
	index_close(index);

	check_incremental(arch, extra);
	check_concurrent(arch);
	check_damage(arch);
	check_arguments(arch);

	free(arch);
	free(sub);
	free(extra);
	free(original);
	clean_up();
	return done_testing();
}
