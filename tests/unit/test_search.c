/* Tests of the index and search on the bundled issue: the articles found
 * are exactly those a brute-force scan finds, each result's page holds its
 * hit, highlighting finds every hit, and the cache is reused, rebuilt and
 * shared as the spec says. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "brute.h"
#include "buffer.h"
#include "index.h"
#include "issue.h"
#include "search.h"
#include "snippet.h"
#include "helpers.h"
#include "tap.h"

#define MAX_TERMS BRUTE_MAX_TERMS

static char temp_dir[] = "/tmp/shuzhi-test-search.XXXXXX";

/* Returns non-zero when the normalised text holds one of the terms. */
static int
text_has_any(const char *text, size_t len, char **terms, size_t nterms)
{
	char *n = brute_normalise(text, len);
	size_t i;
	int found = 0;

	for (i = 0; i < nterms && !found; i++)
		found = brute_count(n, terms[i]) > 0;
	free(n);
	return found;
}

/* Returns non-zero when some block of the article holds one of the terms. */
static int
blocks_have_any(const Article *a, char **terms, size_t nterms)
{
	size_t i;

	for (i = 0; i < a->nblocks; i++)
		if (text_has_any(a->blocks[i].text, a->blocks[i].length, terms, nterms))
			return 1;
	return 0;
}

/* Checks one result: its article, its page, its snippet and marks. */
static int
result_is_right(const Issue *issue, const SearchResult *r, char **terms, size_t nterms,
    const char *query)
{
	const Article *a = issue_article(issue, r->article_index);
	const Block *b;
	size_t i;

	if (a == NULL || strcmp(a->id, r->article_id) != 0) {
		diag("%s: result %s is not article %zu", query, r->article_id, r->article_index);
		return 0;
	}
	if (strchr(r->snippet, '\n') != NULL ||
	    u8_width((const uint8_t *)r->snippet, strlen(r->snippet), "UTF-8") > SNIPPET_COLUMNS) {
		diag("%s: %s: snippet not one line of %d columns: %s", query, a->id,
		    SNIPPET_COLUMNS, r->snippet);
		return 0;
	}
	if (r->nmarks == 0) {
		diag("%s: %s: no mark in the snippet %s", query, a->id, r->snippet);
		return 0;
	}
	for (i = 0; i < r->nmarks; i++) {
		const Span *m = &r->marks[i];

		if (m->start + m->length > strlen(r->snippet) ||
		    !text_has_any(r->snippet + m->start, m->length, terms, nterms)) {
			diag("%s: %s: mark %zu is not a term in %s", query, a->id, i, r->snippet);
			return 0;
		}
	}
	if (!blocks_have_any(a, terms, nterms)) {
		/* Found by the title alone. */
		if (r->page != a->page)
			diag("%s: %s: title hit on page %d, article on %d", query, a->id, r->page,
			    a->page);
		return r->page == a->page;
	}
	b = &a->blocks[article_block_at(a, r->offset)];
	if (b->page != r->page || !text_has_any(b->text, b->length, terms, nterms)) {
		diag("%s: %s: page %d offset %zu: block on page %d does not hold the hit", query,
		    a->id, r->page, r->offset, b->page);
		return 0;
	}
	return 1;
}

/* Checks a query of words: the set of articles found is the brute-force
 * set, every result is right, and title hits rank first. */
static void
check_query(Index *index, const Issue *issue, const char *query)
{
	char *terms[MAX_TERMS], found[256] = "", want[256] = "";
	size_t nterms = brute_terms(query, terms), i, j, right = 0, title_hits_done = 0;
	SearchResults *results = NULL;
	char *cause = NULL;
	int *hit, titles_first = 1;

	if (!ok(search_run(index, query, NO_LIMIT, &results, &cause) == 0, "%s: runs", query)) {
		diag("  %s", cause);
		free(cause);
		goto out;
	}
	hit = calloc(issue_article_count(issue), sizeof *hit);
	if (hit == NULL)
		abort();
	for (i = 0; i < results->count; i++)
		if (results->items[i].article_index < issue_article_count(issue))
			hit[results->items[i].article_index]++;
	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);
		char one[32];

		snprintf(one, sizeof one, " %s", a->id);
		if (hit[i] && strlen(found) + strlen(one) < sizeof found)
			strcat(found, one);
		if (brute_article_has_all(a, terms, nterms) && strlen(want) + strlen(one) < sizeof want)
			strcat(want, one);
	}
	free(hit);
	if (!ok(strcmp(found, want) == 0, "%s: the articles found are those that hold it", query))
		diag("  found%s\n#   want %s", found, want);
	for (i = 0; i < results->count; i++)
		right += result_is_right(issue, &results->items[i], terms, nterms, query);
	is_int(right, results->count, "%s: each result's page and snippet hold the hit", query);
	if (nterms == 1) {
		for (i = 0; i < results->count; i++) {
			const Article *a = issue_article(issue, results->items[i].article_index);

			if (text_has_any(a->title, strlen(a->title), terms, 1)) {
				if (title_hits_done)
					titles_first = 0;
			} else
				title_hits_done = 1;
		}
		ok(titles_first, "%s: articles with it in the title rank first", query);
	}
out:
	search_results_free(results);
	for (j = 0; j < nterms; j++)
		free(terms[j]);
}

/* Checks that a phrase of two Han words finds them written together or
 * apart, exactly where the text has them. */
static void
check_phrase(Index *index, const Issue *issue)
{
	const char *query = "\"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\"";
	char *joined[1], *apart[1], found[256] = "", want[256] = "";
	SearchResults *results = NULL;
	char *cause = NULL;
	size_t i, j;

	joined[0] = brute_normalise("\xe6\x95\xb0\xe6\x8d\xae\xe5\xae\x89\xe5\x85\xa8", 12);
	apart[0] = brute_normalise("\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8", 13);
	if (search_run(index, query, NO_LIMIT, &results, &cause) != 0) {
		ok(0, "%s runs", query);
		diag("  %s", cause);
		free(cause);
		goto out;
	}
	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);
		char one[32];

		snprintf(one, sizeof one, " %s", a->id);
		for (j = 0; j < results->count; j++)
			if (results->items[j].article_index == i && strlen(found) + strlen(one) < sizeof found)
				strcat(found, one);
		if ((brute_article_has_all(a, joined, 1) || brute_article_has_all(a, apart, 1)) &&
		    strlen(want) + strlen(one) < sizeof want)
			strcat(want, one);
	}
	if (!ok(want[0] != '\0' && strcmp(found, want) == 0,
	    "%s finds the articles with 数据安全 or 数据 安全", query))
		diag("  found%s\n#   want %s", found, want);
out:
	search_results_free(results);
	free(joined[0]);
	free(apart[0]);
}

/* Checks that highlighting finds every occurrence of a word in every
 * article, each span being the word. */
static void
check_highlights(Index *index, const Issue *issue, const char *word)
{
	char *term = brute_normalise(word, strlen(word));
	size_t i, j, articles = 0, wrong = 0;

	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);
		char *text = brute_normalise(a->text, a->text_length);
		size_t want = brute_count(text, term);
		Span *spans = NULL;
		char *cause = NULL;
		size_t n = 0;

		if (search_article_hits(index, word, 0, 0, i, &spans, &n, &cause) != 0) {
			diag("%s: article %zu: %s", word, i, cause);
			free(cause);
			wrong++;
		}

		free(text);
		if (want > 0)
			articles++;
		if (n != want) {
			diag("%s: article %s: %zu hits, want %zu", word, a->id, n, want);
			wrong++;
		}
		for (j = 0; j < n; j++) {
			char *marked;

			if (spans[j].start + spans[j].length > a->text_length ||
			    (j > 0 && spans[j].start < spans[j - 1].start + spans[j - 1].length)) {
				wrong++;
				continue;
			}
			marked = brute_normalise(a->text + spans[j].start, spans[j].length);
			if (strcmp(marked, term) != 0) {
				diag("%s: article %s: span %zu is '%s'", word, a->id, j, marked);
				wrong++;
			}
			free(marked);
		}
		free(spans);
	}
	ok(articles > 0 && wrong == 0, "%s: every hit highlighted in %zu articles, nothing else",
	    word, articles);
	free(term);
}

/* The hits of an article that is not there: an error that says so. */
static void
check_hits_of_no_article(Index *index, const Issue *issue)
{
	Span *spans = NULL;
	char *cause = NULL;
	size_t n = 1;
	int rc = search_article_hits(index, "税", 0, 0, issue_article_count(issue), &spans, &n, &cause);

	ok(rc == -1 && spans == NULL && n == 0 && cause != NULL && strstr(cause, "no article") != NULL,
	    "hits of an article past the last: -1 and a cause (%s)", cause != NULL ? cause : "none");
	free(cause);
}

/* Counts term (normalised) in the normalised title and text of article a. */
static void
title_and_text_counts(const Article *a, const char *term, size_t *in_title, size_t *in_text)
{
	char *title = brute_normalise(a->title, strlen(a->title));
	char *text = brute_normalise(a->text, a->text_length);

	*in_title = brute_count(title, term);
	*in_text = brute_count(text, term);
	free(title);
	free(text);
}

/* Checks that a title match outranks an equal body match by the title's
 * weight alone: searched in issue 0, where rows rank by the score
 * shuzhi_rank() returns (over all issues, the rows kept are scored again
 * afterwards), an article with 中央网络安全和信息化委员会 once in its
 * title and not in its text ranks above each shorter one with it once in
 * its text and not in its title, which would score higher at equal
 * weights. */
static void
check_title_weight(Index *index, const Issue *issue)
{
	const char *query = "\xe4\xb8\xad\xe5\xa4\xae\xe7\xbd\x91\xe7\xbb\x9c\xe5\xae\x89\xe5\x85\xa8"
	    "\xe5\x92\x8c\xe4\xbf\xa1\xe6\x81\xaf\xe5\x8c\x96\xe5\xa7\x94\xe5\x91\x98\xe4\xbc\x9a";
	char *term = brute_normalise(query, strlen(query)), *cause = NULL;
	SearchResults *results = NULL;
	const Article *titled = NULL;
	size_t i, title_at = 0, body_at = 0, in_title, in_text;
	int found = 0;

	if (search_run_in(index, query, 0, NO_LIMIT, &results, &cause) != 0) {
		ok(0, "%s runs in issue 0", query);
		diag("  %s", cause);
		free(cause);
		free(term);
		return;
	}
	for (i = 0; titled == NULL && i < results->count; i++) {
		const Article *a = issue_article(issue, results->items[i].article_index);

		title_and_text_counts(a, term, &in_title, &in_text);
		if (in_title == 1 && in_text == 0) {
			titled = a;
			title_at = i;
		}
	}
	for (i = 0; titled != NULL && !found && i < results->count; i++) {
		const Article *a = issue_article(issue, results->items[i].article_index);

		title_and_text_counts(a, term, &in_title, &in_text);
		if (in_title == 0 && in_text == 1 && a->text_length < titled->text_length) {
			found = 1;
			body_at = i;
		}
	}
	if (ok(found, "%s: one result has it once in its title alone, a shorter one once in "
	    "its text alone", query))
		ok(title_at < body_at, "%s in issue 0: the title match (%s, result %zu) ranks "
		    "above every such body match (the first: %s, result %zu)", query, titled->id,
		    title_at + 1, results->items[body_at].article_id, body_at + 1);
	search_results_free(results);
	free(term);
}

/* Counts the differences between two issues, field by field. */
static size_t
issue_differences(const Issue *a, const Issue *b)
{
	size_t d = 0, i, j;

#define DIFFER(cond, ...) do { if (cond) { diag(__VA_ARGS__); d++; } } while (0)
#define TEXT_DIFFERS(x, y) (((x) == NULL) != ((y) == NULL) || ((x) != NULL && strcmp((x), (y)) != 0))
	DIFFER(strcmp(issue_title(a), issue_title(b)) != 0, "issue title");
	DIFFER(strcmp(issue_date(a), issue_date(b)) != 0, "issue date");
	DIFFER(issue_number(a) != issue_number(b), "issue number");
	DIFFER(issue_page_count(a) != issue_page_count(b), "page count");
	DIFFER(issue_section_count(a) != issue_section_count(b), "section count");
	DIFFER(issue_article_count(a) != issue_article_count(b), "article count");
	for (i = 0; i < issue_section_count(a) && i < issue_section_count(b); i++) {
		const Section *x = issue_section(a, i), *y = issue_section(b, i);

		DIFFER(strcmp(x->id, y->id) != 0 || strcmp(x->title, y->title) != 0 ||
		    TEXT_DIFFERS(x->subtitle, y->subtitle) || x->first_page != y->first_page ||
		    x->last_page != y->last_page || x->first_article != y->first_article ||
		    x->narticles != y->narticles, "section %zu", i);
	}
	for (i = 0; i < issue_article_count(a) && i < issue_article_count(b); i++) {
		const Article *x = issue_article(a, i), *y = issue_article(b, i);

		DIFFER(strcmp(x->id, y->id) != 0 || strcmp(x->title, y->title) != 0 ||
		    TEXT_DIFFERS(x->source, y->source) || x->page != y->page ||
		    x->last_page != y->last_page || x->line != y->line || x->section != y->section ||
		    x->index != y->index || x->nblocks != y->nblocks ||
		    x->text_length != y->text_length || memcmp(x->text, y->text, x->text_length) != 0,
		    "article %s", x->id);
		for (j = 0; j < x->nblocks && j < y->nblocks; j++) {
			const Block *p = &x->blocks[j], *q = &y->blocks[j];

			DIFFER(p->kind != q->kind || p->page != q->page || p->line != q->line ||
			    p->length != q->length || p->offset != q->offset ||
			    strcmp(p->text, q->text) != 0, "article %s block %zu", x->id, j);
		}
	}
#undef TEXT_DIFFERS
#undef DIFFER
	return d;
}

/* Returns the number of entries in a folder (without . and ..), and
 * whether one is a leftover temporary file in *temporary. */
static int
count_entries(const char *dir, int *temporary)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	*temporary = 0;
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (e->d_name[0] == '.')
			(*temporary)++;
		n++;
	}
	closedir(d);
	return n;
}

/* Opens an index with flags; returns it or NULL with a diagnostic, and
 * the notice in *notice (the caller frees). */
static Index *
open_index(const char *path, int flags, char **notice)
{
	Index *index = NULL;
	char *cause = NULL;

	if (index_open(path, flags, &index, notice, &cause) != 0) {
		diag("index_open %s: %s", path, cause);
		free(cause);
		return NULL;
	}
	return index;
}

/* The cache: reused, rebuilt when the text changes or the file is
 * damaged, in memory when it cannot be written. */
static void
check_cache(const Issue *issue, int expected)
{
	const char *word = "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0";	/* 数据要素 */
	const char *old_name = "\xe7\xb4\xab\xe9\x87\x91\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4";
	const char *new_name = "\xe7\xb4\xab\xe9\x87\x91\xe5\xb1\xb1\xe7\xa0\x94\xe7\xa9\xb6\xe6\x89\x80";
	char *dir = use_cache_in(temp_dir, "cache"), *notice = NULL, *cache = NULL, *copy = NULL, *text, *p;
	char *blocker = NULL, *stale = NULL, *fresh = NULL;
	struct stat before, after;
	Index *index;
	size_t len;
	int temporary;

	index = open_index(TEST_ISSUE, 0, &notice);
	ok(index != NULL && notice == NULL && index_cache_path(index) != NULL,
	    "a fresh cache folder: the index is built there, without a notice");
	if (index == NULL)
		goto out;
	cache = strdup(index_cache_path(index));
	ok(strncmp(cache, dir, strlen(dir)) == 0 && stat(cache, &before) == 0,
	    "the cache file is in $XDG_CACHE_HOME/shuzhi");
	is_int(count_results(index, word), expected, "the new cache answers");
	index_close(index);

	index = open_index(TEST_ISSUE, 0, &notice);
	ok(index != NULL && stat(cache, &after) == 0 && after.st_ino == before.st_ino &&
	    after.st_mtime == before.st_mtime, "a second open reuses the cache file");
	ok(index != NULL && index_issue(index) != NULL &&
	    strcmp(issue_name(index_issue(index)), TEST_ISSUE) == 0,
	    "a warm index gives the issue, named as opened");
	is_int(index != NULL && index_issue(index) != NULL ?
	    (long long)issue_differences(index_issue(index), issue) : -1, 0,
	    "  the same issue as the parser gives, field by field");
	index_close(index);

	/* Leftovers of builds: one that died long ago, one maybe running. */
	stale = xasprintf("%s/.%s.dead01", dir, strrchr(cache, '/') + 1);
	fresh = xasprintf("%s/.%s.live01", dir, strrchr(cache, '/') + 1);
	write_file(stale, "half a build", 12);
	write_file(fresh, "half a build", 12);
	{
		struct utimbuf old = { time(NULL) - 7200, time(NULL) - 7200 };

		utime(stale, &old);
	}
	index = open_index(TEST_ISSUE, INDEX_REBUILD, &notice);
	ok(index != NULL && stat(cache, &after) == 0 && after.st_ino != before.st_ino,
	    "--reindex rebuilds the cache file");
	is_int(index != NULL ? count_results(index, word) : -1, expected, "the rebuilt cache answers");
	index_close(index);
	ok(access(stale, F_OK) != 0 && access(fresh, F_OK) == 0,
	    "a build removes the temporary file of a build that died, not a recent one");
	unlink(fresh);

	/* Damage: garbage, a truncated file, a database of another format. */
	write_file(cache, "this is not a database\n", 23);
	index = open_index(TEST_ISSUE, 0, &notice);
	ok(index != NULL && notice != NULL && strstr(notice, "damaged") != NULL &&
	    strchr(notice, '\n') == NULL, "a garbage cache file: opened, with a one-line notice (%s)",
	    notice != NULL ? notice : "none");
	free(notice);
	notice = NULL;
	is_int(index != NULL ? count_results(index, word) : -1, expected, "  and rebuilt");
	index_close(index);
	text = read_file(cache, &len);
	ok(text != NULL && len > 8192 && write_file(cache, text, 8192) == 0,
	    "the cache file truncated");
	free(text);
	index = open_index(TEST_ISSUE, 0, &notice);
	is_int(index != NULL ? count_results(index, word) : -1, expected, "  is rebuilt");
	ok(notice != NULL && strstr(notice, "damaged") != NULL, "  and said to be damaged (%s)",
	    notice != NULL ? notice : "none");
	free(notice);
	notice = NULL;
	index_close(index);
	unlink(cache);
	{
		char *command = xasprintf("sqlite3 '%s' 'CREATE TABLE meta(key, value);"
		    " PRAGMA user_version = 999;' 2>/dev/null", cache);

		if (system(command) == 0) {
			index = open_index(TEST_ISSUE, 0, &notice);
			is_int(index != NULL ? count_results(index, word) : -1, expected,
			    "a database of another format is rebuilt");
			index_close(index);
		}
		free(command);
	}

	/* Damage after the open: the search rebuilds and answers. */
	index = open_index(TEST_ISSUE, 0, &notice);
	text = read_file(cache, &len);
	if (text != NULL) {
		FILE *f = fopen(cache, "r+b");

		memset(text, 'x', 100);
		if (f != NULL) {
			fwrite(text, 1, 100, f);
			fclose(f);
		}
	}
	free(text);
	is_int(index != NULL ? count_results(index, word) : -1, expected,
	    "a cache damaged while open is rebuilt by the search");
	index_close(index);

	/* A changed text gets its own index. */
	text = read_file(TEST_ISSUE, &len);
	copy = xasprintf("%s/changed.txt", temp_dir);
	if (text == NULL)
		abort();
	for (p = text; (p = strstr(p, old_name)) != NULL; p += strlen(old_name))
		memcpy(p, new_name, strlen(new_name));
	write_file(copy, text, len);
	free(text);
	index = open_index(copy, 0, &notice);
	ok(index != NULL && index_cache_path(index) != NULL &&
	    strcmp(index_cache_path(index), cache) != 0, "a changed text: a new cache file");
	is_int(index != NULL ? count_results(index, new_name) : -1, 2, "  that finds the new text");
	is_int(index != NULL ? count_results(index, old_name) : -1, 0, "  and not the old");
	if (index != NULL) {
		/* The changed text's cache under the original's name: the
		 * stamp inside tells them apart. */
		text = read_file(index_cache_path(index), &len);
		if (text != NULL)
			write_file(cache, text, len);
		free(text);
	}
	index_close(index);
	index = open_index(TEST_ISSUE, 0, &notice);
	is_int(index != NULL ? count_results(index, old_name) : -1, 2,
	    "a cache file of another text under this text's name is rebuilt");
	index_close(index);
	ok(count_entries(dir, &temporary) == 2 && temporary == 0,
	    "the cache folder holds the two indexes and no temporary file");

	/* No writable cache: an in-memory index and one notice. */
	blocker = xasprintf("%s/blocker", temp_dir);
	write_file(blocker, "", 0);
	setenv("XDG_CACHE_HOME", blocker, 1);
	index = open_index(TEST_ISSUE, 0, &notice);
	ok(index != NULL && index_cache_path(index) == NULL && notice != NULL &&
	    strchr(notice, '\n') == NULL, "a cache folder that cannot be made: in memory, a notice");
	if (notice != NULL)
		diag("notice: %s", notice);
	free(notice);
	notice = NULL;
	is_int(index != NULL ? count_results(index, word) : -1, expected, "  and the search works");
	index_close(index);
	if (geteuid() != 0) {
		free(dir);
		dir = use_cache_in(temp_dir, "readonly");
		{
			char *parent = strdup(dir);

			*strrchr(parent, '/') = '\0';
			mkdir(parent, 0700);
			mkdir(dir, 0500);
			free(parent);
		}
		index = open_index(TEST_ISSUE, 0, &notice);
		ok(index != NULL && index_cache_path(index) == NULL && notice != NULL,
		    "a read-only cache folder: in memory, a notice");
		free(notice);
		notice = NULL;
		is_int(index != NULL ? count_results(index, word) : -1, expected,
		    "  and the search works");
		index_close(index);
		chmod(dir, 0700);
	}
	free(dir);
	dir = use_cache_in(temp_dir, "memory");
	index = open_index(TEST_ISSUE, INDEX_MEMORY, &notice);
	ok(index != NULL && index_cache_path(index) == NULL && notice == NULL &&
	    access(dir, F_OK) != 0, "INDEX_MEMORY: in memory, no notice, no cache folder");
	index_close(index);
out:
	free(notice);
	free(stale);
	free(fresh);
	free(blocker);
	free(copy);
	free(cache);
	free(dir);
}

/* Several processes open an empty cache at once: all succeed and answer. */
static void
check_concurrent_open(int expected)
{
	const char *word = "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0";
	char *dir = use_cache_in(temp_dir, "concurrent");
	pid_t children[8];
	int i, failed = 0, temporary, pipefd[2];
	char go = 0;

	if (pipe(pipefd) != 0)
		abort();
	fflush(stdout);
	for (i = 0; i < 8; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			Index *index = NULL;
			char *cause = NULL;
			int rc;

			close(pipefd[1]);
			/* Wait for the start signal, so that all open at once. */
			if (read(pipefd[0], &go, 1) < 0)
				_exit(3);
			if (index_open(TEST_ISSUE, 0, &index, NULL, &cause) != 0)
				_exit(2);
			rc = index_cache_path(index) != NULL && count_results(index, word) == expected;
			index_close(index);
			_exit(rc ? 0 : 1);
		}
	}
	close(pipefd[0]);
	close(pipefd[1]);	/* EOF: everyone goes */
	for (i = 0; i < 8; i++) {
		int status;

		if (children[i] < 0 || waitpid(children[i], &status, 0) != children[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	}
	is_int(failed, 0, "8 processes opening an empty cache at once all succeed");
	ok(count_entries(dir, &temporary) == 1 && temporary == 0,
	    "  and leave one cache file, no temporary file");
	free(dir);
}

/* A build that cannot write its file (a full disk, here a file size
 * limit) leaves no file behind and gives an in-memory index. */
static void
check_full_disk(int expected)
{
	char *dir = use_cache_in(temp_dir, "full");
	int status = -1, temporary;
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		struct rlimit limit = { 64 * 1024, 64 * 1024 };
		Index *index = NULL;
		char *notice = NULL, *cause = NULL;
		int rc;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
			_exit(4);
		if (index_open(TEST_ISSUE, 0, &index, &notice, &cause) != 0)
			_exit(2);
		rc = index_cache_path(index) == NULL && notice != NULL &&
		    count_results(index, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0") == expected;
		index_close(index);
		_exit(rc ? 0 : 1);
	}
	ok(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0, "a disk that fills up during the build: in memory, a notice");
	ok(count_entries(dir, &temporary) == 0, "  and no file, whole or half, in the cache folder");
	free(dir);
}

/* Removes the temporary folder. */
static void
clean_up(void)
{
	char *command = xasprintf("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", temp_dir, temp_dir);

	if (system(command) != 0)
		diag("could not remove %s", temp_dir);
	free(command);
}

/* Runs the tests and prints their plan; returns non-zero when one failed. */
/* Checks that a snippet cut on both sides fills the line: "…", exactly
 * SNIPPET_COLUMNS - 2 columns of text around the hit, "…". */
static void
test_snippet_width(void)
{
	Buffer text = { 0 };
	Span hit, *marks = NULL;
	size_t nmarks = 0, i;
	char *snippet;

	for (i = 0; i < 200; i++)
		buffer_append(&text, "\xe6\x95\xb0", 3);	/* 数 */
	hit.start = 100 * 3;
	hit.length = 3;
	snippet = snippet_make(text.data, text.len, &hit, 1, 0, &marks, &nmarks);
	is_int((int)u8_width((const uint8_t *)snippet, strlen(snippet), "UTF-8"), SNIPPET_COLUMNS,
	    "a snippet cut on both sides is %d columns wide", SNIPPET_COLUMNS);
	is_int((int)nmarks, 1, "the snippet marks its hit");
	free(snippet);
	free(marks);
	buffer_free(&text);
}

int
main(void)
{
	static const char *queries[] = {
		"\xe7\xa8\x8e",						/* 税 */
		"\xe7\xbd\x91",						/* 网 */
		"\xe7\xae\x97\xe5\x8a\x9b",				/* 算力 */
		"\xe6\x94\xbf\xe5\x8a\xa1",				/* 政务 */
		"\xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe",			/* 区块链 */
		"\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0",	/* 数据要素 */
		"\xe6\x95\xb0\xe5\xad\x97\xe5\x8c\x96\xe8\xbd\xac\xe5\x9e\x8b", /* 数字化转型 */
		"\xe7\xb4\xab\xe9\x87\x91\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4", /* 紫金山实验室 */
		"\xe6\x95\xb0\xe5\xad\x97\xe7\xbb\x8f\xe6\xb5\x8e\xe5\x8f\x91\xe5\xb1\x95\xe8\xa7\x84\xe5\x88\x92", /* 数字经济发展规划 */
		"\xe5\x8d\x81\xe5\x9b\x9b\xe4\xba\x94",			/* 十四五 */
		"\xe6\xb1\x9f\xe8\x8b\x8f",				/* 江苏 */
		"\xe9\x87\x91\xe8\x9e\x8d\xe7\xa7\x91\xe6\x8a\x80",	/* 金融科技 */
		"ipv6", "IPV6", "\xef\xbc\xa9\xef\xbc\xb0\xef\xbd\x96\xef\xbc\x96", "IPv6",
		"5G", "5g", "DCMM", "dcmm", "AI",
		"\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0 \xe6\xb1\x9f\xe8\x8b\x8f", /* 数据要素 江苏 */
		"5G \xe5\xb7\xa5\xe4\xb8\x9a\xe4\xba\x92\xe8\x81\x94\xe7\xbd\x91", /* 5G 工业互联网 */
		"IPv6 \xe7\xae\x97\xe5\x8a\x9b \xe7\xa8\x8e",		/* IPv6 算力 税 */
		"\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8\xe7\x9a\x84\xe8\xaf\x8d", /* 不存在的词 */
	};
	static const char *hostile[] = {
		"", "-", "\"\"", "***", "\"", "*", "NEAR(", "NEAR(a b)", "AND", "OR", "NOT", "^",
		":", "title:\xe7\xa8\x8e", "(", ")", "{", "}", "[", "]", "-\xe7\xa8\x8e", "\xff\xfe",
		"\x01\x1b[31m", "a\"b", "\xe7\xa8\x8e*", "\xe7\xa8\x8e OR", "OR \xe7\xa8\x8e",
	};
	Issue *issue = NULL;
	Index *index = NULL;
	char *cause = NULL, *notice = NULL, *big;
	size_t i;
	int expected;

	if (mkdtemp(temp_dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	setenv("HOME", temp_dir, 1);
	if (!ok(issue_load(TEST_ISSUE, &issue, &cause) == 0, "the bundled issue parses")) {
		diag("  %s", cause);
		free(cause);
		clean_up();
		return done_testing();
	}
	free(use_cache_in(temp_dir, "main"));
	index = open_index(TEST_ISSUE, 0, &notice);
	if (!ok(index != NULL, "the index opens")) {
		issue_free(issue);
		clean_up();
		return done_testing();
	}

	test_snippet_width();
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++)
		check_query(index, issue, queries[i]);
	check_phrase(index, issue);
	check_title_weight(index, issue);
	check_highlights(index, issue, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0");
	check_highlights(index, issue, "\xe7\xa8\x8e");
	check_highlights(index, issue, "IPV6");
	check_hits_of_no_article(index, issue);
	check_highlights(index, issue, "5g");

	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
		ok(count_results(index, hostile[i]) >= 0, "hostile query %zu runs", i);
	for (i = 0; i < 4; i++)
		is_int(count_results(index, hostile[i]), 0, "nothing searchable in query %zu: no result", i);
	big = malloc(10241);
	if (big == NULL)
		abort();
	memset(big, 'a', 10240);
	big[10240] = '\0';
	ok(count_results(index, big) == 0, "a 10 KB word: no result, no error");
	for (i = 0; i < 10240; i += 2)
		big[i + 1] = ' ';
	ok(count_results(index, big) >= 0, "10 KB of words: no error");
	free(big);
	{
		SearchResults *results = NULL;

		ok(search_run(index, "\xe7\xa8\x8e", 3, &results, &cause) == 0 && results->count == 3,
		    "the limit caps the results");
		search_results_free(results);
		ok(search_run(index, "\xe7\xa8\x8e", 0, &results, &cause) == 0 && results->count == 0,
		    "limit 0: no result");
		search_results_free(results);
	}
	expected = count_results(index, "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0");
	index_close(index);

	check_cache(issue, expected);
	check_concurrent_open(expected);
	check_full_disk(expected);

	issue_free(issue);
	clean_up();
	return done_testing();
}
