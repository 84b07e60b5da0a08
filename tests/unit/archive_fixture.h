/* The archive the archive tests share (header-only): the bundled issue
 * written as issues 12 to 15 in a folder and a subfolder, each with
 * 紫金山实验室 renamed, a README-like notes.txt beside them, and an issue
 * 16 outside; helpers to open it, search it and check the results against
 * a brute-force scan of every issue's articles (brute.h). */
#ifndef SHUZHI_ARCHIVE_FIXTURE_H
#define SHUZHI_ARCHIVE_FIXTURE_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brute.h"
#include "index.h"
#include "issue.h"
#include "search.h"
#include "helpers.h"
#include "tap.h"

#define ZIJIN "\xe7\xb4\xab\xe9\x87\x91\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"	/* 紫金山实验室 */
#define XUANWU "\xe7\x8e\x84\xe6\xad\xa6\xe6\xb9\x96\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"	/* 玄武湖实验室 */
#define QIXIA "\xe6\xa0\x96\xe9\x9c\x9e\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"	/* 栖霞山实验室 */
#define YANZI "\xe7\x87\x95\xe5\xad\x90\xe7\x9f\xb6\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"	/* 燕子矶实验室 */
#define ZHONGSHAN "\xe9\x92\x9f\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4"		/* 钟山实验室 */
#define NUMBER_14 "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe5\x9b\x9b\xe6\x9c\x9f"		/* 总第十四期 */
#define NUMBER_12 "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe4\xba\x8c\xe6\x9c\x9f"		/* 总第十二期 */

static char temp_dir[] __attribute__((unused)) = "/tmp/shuzhi-test-archive.XXXXXX";
static char *original __attribute__((unused));		/* the bundled issue's text */

/* Writes the bundled issue to path as issue number (总第N期, N spelled
 * in Chinese) with 紫金山实验室 renamed lab. Returns 0 or -1. */
static int __attribute__((unused))
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

/* Sets XDG_CACHE_HOME to temp_dir/name; returns the shuzhi cache folder
 * inside it (the caller frees). */
static char * __attribute__((unused))
use_cache(const char *name)
{
	return use_cache_in(temp_dir, name);
}

/* Opens the archive of n paths; returns it or NULL with a diagnostic, and
 * the notice in *notice (the caller frees) when notice is not NULL. */
static Index * __attribute__((unused))
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

/* Orders strings (for qsort). */
static int __attribute__((unused))
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the n strings sorted and joined by spaces (the caller frees
 * the result; the strings and their array are freed). */
static char * __attribute__((unused))
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

/* An issue file as the brute-force scan reads it: its bytes, and its
 * articles as the file parses, their IDs and normalised titles and texts. */
typedef struct {
	char *content;
	size_t length, count;
	char **ids, **titles, **texts;
} BruteIssue;

/* The files scanned so far, parsed once for each content they had (the
 * tests rewrite files); freed by brute_forget. */
static BruteIssue *brute_issues;
static size_t brute_issue_count;

/* Returns the file at path as the brute-force scan reads it, parsed when
 * its bytes are new (the cache owns it); NULL with a diagnostic when it
 * cannot be read or parsed. */
static const BruteIssue * __attribute__((unused))
brute_issue(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *content = NULL, *cause = NULL;
	long size = -1;
	size_t i;
	Issue *issue = NULL;
	BruteIssue *b;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (content = malloc((size_t)size + 1)) == NULL ||
	    fread(content, 1, (size_t)size, f) != (size_t)size) {
		diag("%s: cannot be read", path);
		if (f != NULL)
			fclose(f);
		free(content);
		return NULL;
	}
	fclose(f);
	for (i = 0; i < brute_issue_count; i++)
		if (brute_issues[i].length == (size_t)size &&
		    memcmp(brute_issues[i].content, content, (size_t)size) == 0) {
			free(content);
			return &brute_issues[i];
		}
	if (issue_load(path, &issue, &cause) != 0) {
		diag("%s: %s", path, cause);
		free(cause);
		free(content);
		return NULL;
	}
	brute_issues = realloc(brute_issues, (brute_issue_count + 1) * sizeof *brute_issues);
	if (brute_issues == NULL)
		abort();
	b = &brute_issues[brute_issue_count++];
	b->content = content;
	b->length = (size_t)size;
	b->count = issue_article_count(issue);
	b->ids = calloc(b->count + 1, sizeof *b->ids);
	b->titles = calloc(b->count + 1, sizeof *b->titles);
	b->texts = calloc(b->count + 1, sizeof *b->texts);
	if (b->ids == NULL || b->titles == NULL || b->texts == NULL)
		abort();
	for (i = 0; i < b->count; i++) {
		const Article *a = issue_article(issue, i);

		b->ids[i] = strdup(a->id);
		b->titles[i] = brute_normalise(a->title, strlen(a->title));
		b->texts[i] = brute_normalise(a->text, a->text_length);
		if (b->ids[i] == NULL)
			abort();
	}
	issue_free(issue);
	return b;
}

/* Frees the files brute_issue has read. */
static void __attribute__((unused))
brute_forget(void)
{
	size_t i, j;

	for (i = 0; i < brute_issue_count; i++) {
		for (j = 0; j < brute_issues[i].count; j++) {
			free(brute_issues[i].ids[j]);
			free(brute_issues[i].titles[j]);
			free(brute_issues[i].texts[j]);
		}
		free(brute_issues[i].ids);
		free(brute_issues[i].titles);
		free(brute_issues[i].texts);
		free(brute_issues[i].content);
	}
	free(brute_issues);
	brute_issues = NULL;
	brute_issue_count = 0;
}

/* Returns the articles of issue only (INDEX_ALL_ISSUES: of all) that hold
 * every word of query, scanning each issue as its file parses, as the
 * sorted list of their IDs "PREFIX/ID" (the caller frees). */
static char * __attribute__((unused))
brute_force(Index *index, const char *query, size_t only)
{
	char *terms[BRUTE_MAX_TERMS], **ids = NULL;
	size_t nterms = brute_terms(query, terms), n = 0, i, j;

	for (i = 0; i < index_issue_count(index); i++) {
		const IndexIssueInfo *info = index_issue_info(index, i);
		const BruteIssue *issue;

		if (only != INDEX_ALL_ISSUES && only != i)
			continue;
		if ((issue = brute_issue(info->path)) == NULL)
			continue;
		for (j = 0; j < issue->count; j++) {
			if (!brute_holds_all(issue->titles[j], issue->texts[j], terms, nterms))
				continue;
			ids = realloc(ids, (n + 1) * sizeof *ids);
			if (ids == NULL)
				abort();
			ids[n++] = xasprintf("%s/%s", info->prefix, issue->ids[j]);
		}
	}
	for (i = 0; i < nterms; i++)
		free(terms[i]);
	return join_sorted(ids, n);
}

/* Checks a query against the brute-force scan, in every issue or one:
 * the same articles, each result's ID, issue and article agreeing. */
static void __attribute__((unused))
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
		char *id = a != NULL ? xasprintf("%s/%s", index_issue_info(index, r->issue)->prefix,
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

/* Checks the issues: count, order, prefixes, and each read back from the
 * index as its file parses. */
static void __attribute__((unused))
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

/* Removes the temporary folder. */
static void __attribute__((unused))
clean_up(void)
{
	char *command = xasprintf("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", temp_dir, temp_dir);

	brute_forget();
	if (system(command) != 0)
		diag("could not remove %s", temp_dir);
	free(command);
}

/* Makes the temporary folder and the archive in it: sets *arch (the
 * folder) and *extra (issue 16, outside it), which the caller frees.
 * Returns 0, or -1 after a "Bail out!". */
static int __attribute__((unused))
fixture_make(char **arch, char **extra)
{
	FILE *f;
	long size;
	char *sub, *p;
	int rc = 0;

	if (mkdtemp(temp_dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return -1;
	}
	setenv("HOME", temp_dir, 1);
	f = fopen(TEST_ISSUE, "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (original = malloc((size_t)size + 1)) == NULL ||
	    fread(original, 1, (size_t)size, f) != (size_t)size) {
		printf("Bail out! cannot read %s\n", TEST_ISSUE);
		return -1;
	}
	original[size] = '\0';
	fclose(f);
	*arch = xasprintf("%s/archive", temp_dir);
	sub = xasprintf("%s/sub", *arch);
	*extra = xasprintf("%s/extra.txt", temp_dir);
	mkdir(*arch, 0700);
	mkdir(sub, 0700);
	p = xasprintf("%s/a.txt", *arch);
	rc |= write_variant(p, NUMBER_12, ZIJIN);
	free(p);
	p = xasprintf("%s/b.txt", *arch);
	rc |= write_variant(p, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe4\xb8\x89\xe6\x9c\x9f", XUANWU);
	free(p);
	p = xasprintf("%s/c.txt", *arch);
	rc |= write_variant(p, NUMBER_14, QIXIA);
	free(p);
	p = xasprintf("%s/d.txt", sub);
	rc |= write_variant(p, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe4\xba\x94\xe6\x9c\x9f", ZHONGSHAN);
	free(p);
	p = xasprintf("%s/notes.txt", *arch);
	rc |= write_text(p, "notes on the archive, not an issue\n");
	free(p);
	rc |= write_variant(*extra, "\xe6\x80\xbb\xe7\xac\xac\xe5\x8d\x81\xe5\x85\xad\xe6\x9c\x9f", ZIJIN);
	free(sub);
	ok(rc == 0, "issues 12-15 written in a folder and a subfolder, 16 outside, and a notes.txt");
	return 0;
}

#endif
