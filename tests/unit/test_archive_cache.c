/* Tests of an archive's cache: reused untouched; a file touched, changed,
 * removed or added re-indexes that issue alone and leaves the search index
 * exactly as a fresh build has it; several processes at once index once;
 * damage before and after the open is rebuilt; no cache is memory; what
 * an archive's arguments can be, and the refusals; the issues table saved
 * in one blob reads back as the table, or is passed over. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <sqlite3.h>

#include "archive_fixture.h"
#include "index_internal.h"	/* white-box: the index's own tables */

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
		items[i] = xasprintf("%s:%.9g", results->items[i].article_id, results->items[i].score);
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
	/* One character is ranked from the chars table (index_chars.c),
	 * whose rows must have followed the files too: a count left behind
	 * by a removed issue changes every score, 税 being rare. */
	ranked = scores(index, "\xe7\xa8\x8e");
	fresh_ranked = fresh != NULL ? scores(fresh, "\xe7\xa8\x8e") : NULL;
	ok(fresh_ranked != NULL && strchr(ranked, ':') != NULL && strcmp(ranked, fresh_ranked) == 0,
	    "%s: it scores every article holding one character as a fresh build does", what);
	free(ranked);
	free(fresh_ranked);
	free(got);
	free(want);
	index_close(fresh);
}

/* Returns the number of cache files in dir and whether one is a
 * temporary file (named with a dot). */
static int
count_cache_files(const char *dir, int *temporary)
{
	char *command = xasprintf("ls -A '%s' 2>/dev/null", dir);
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
			char *notice = NULL, *cause = NULL;
			int rc, count;

			close(pipefd[1]);
			if (read(pipefd[0], &go, 1) < 0)
				_exit(1);
			/* What goes wrong is told on stderr, in the test's log. */
			if (index_open_archive(paths, n, 0, &index, &notice, &cause) != 0) {
				fprintf(stderr, "# process %d: %s\n", i, cause);
				_exit(2);
			}
			count = count_results(index, word);
			rc = index_cache_path(index) != NULL && count == expected;
			if (!rc)
				fprintf(stderr, "# process %d: %s, %d results (%s)\n", i,
				    index_cache_path(index) != NULL ? "cached" : "in memory", count,
				    notice != NULL ? notice : "no notice");
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

/* Opens the unchanged archive of paths while another connection holds the
 * cache file's write lock: knowing that nothing changed takes no lock, so
 * the cache answers at once (a check that took the lock would wait out
 * INDEX_BUSY_MILLISECONDS, then fall back to memory, and fail here). */
static void
check_unlocked(const char *const *paths, const char *cache)
{
	sqlite3 *writer = NULL;
	char *notice = NULL;
	Index *index;

	if (!ok(sqlite3_open_v2(cache, &writer, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_exec(writer, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK,
	    "another connection takes the cache file's write lock")) {
		sqlite3_close(writer);
		return;
	}
	index = open_archive(paths, 1, 0, &notice);
	ok(index != NULL && notice == NULL && index_reindexed(index) == 0 &&
	    index_cache_path(index) != NULL && strcmp(index_cache_path(index), cache) == 0,
	    "  an unchanged archive opens from its cache all the same (%s)",
	    notice != NULL ? notice : "no notice");
	index_close(index);
	free(notice);
	sqlite3_exec(writer, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(writer);
}

/* Opens the folder arch spelled otherwise, "arch/" and "arch/sub/..": the
 * same keys, so the same cache file (cache) with nothing re-indexed, and
 * each file's path is the folder as spelled, one slash, its name. */
static void
check_spellings(const char *arch, const char *cache)
{
	char *slash = xasprintf("%s/", arch), *up = xasprintf("%s/sub/..", arch);
	const char *spellings[] = { slash, up };
	size_t i;

	for (i = 0; i < sizeof spellings / sizeof *spellings; i++) {
		Index *index = open_archive(&spellings[i], 1, 0, NULL);
		const IndexIssueInfo *info = index != NULL ? index_issue_info(index, 0) : NULL;
		const char *path = info != NULL ? info->path : "";
		size_t len = strlen(spellings[i]);

		ok(index != NULL && index_reindexed(index) == 0 &&
		    strcmp(index_cache_path(index), cache) == 0,
		    "the folder as %s: the same cache file, nothing re-indexed",
		    i == 0 ? "DIR/" : "DIR/sub/..");
		if (i == 0)
			len--;
		ok(strncmp(path, spellings[i], len) == 0 && path[len] == '/' &&
		    strchr(path + len + 1, '/') == NULL, "  its files named %s/NAME (%s)",
		    i == 0 ? "DIR" : "DIR/sub/..", path);
		index_close(index);
	}
	free(slash);
	free(up);
}

/* The incremental cache: reused untouched, a touched file not re-indexed,
 * a changed, removed and added one alone. */
static void
check_incremental(const char *arch, const char *extra)
{
	const char *paths[] = { arch, extra };
	const char *prefixes[] = { "12", "13", "14", "15" };
	char *dir = use_cache("incremental"), *c_path = xasprintf("%s/c.txt", arch);
	char *d_path = xasprintf("%s/sub/d.txt", arch), *d_away = xasprintf("%s/d.away", temp_dir);
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
	check_spellings(arch, cache);
	check_unlocked(paths, cache);

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

	write_variant(c_path, NUMBER_14, YANZI);
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
	char *dir = use_cache("concurrent"), *c_path = xasprintf("%s/c.txt", arch);
	size_t reindexed;
	int temporary, n;

	n = open_at_once(paths, 1, XUANWU, 2, &reindexed);
	is_int(n, 0, "8 processes opening an archive on an empty cache at once all answer right");
	is_int(reindexed, 4, "  the 4 issues are indexed once in all, the others wait for it");
	ok(count_cache_files(dir, &temporary) == 1 && temporary == 0,
	    "  one cache file, no temporary file");
	write_variant(c_path, NUMBER_14, QIXIA);
	n = open_at_once(paths, 1, QIXIA, 2, &reindexed);
	is_int(n, 0, "8 processes at once after a file changed all answer right");
	is_int(reindexed, 1, "  its issue is re-indexed once in all");
	free(c_path);
	free(dir);
}

/* Overwrites the first page of table's rows in the database file path with
 * junk, leaving the schema and the other tables readable; returns 0 or -1. */
static int
damage_table(const char *path, const char *table)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	long long root = 0, page_size = 0;
	char junk[65536];
	FILE *f;
	int rc = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
	    " FROM sqlite_schema WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		root = sqlite3_column_int64(stmt, 0);
		page_size = sqlite3_column_int64(stmt, 1);
	}
	if (root < 2 || page_size <= 0 || page_size > (long long)sizeof junk ||
	    (f = fopen(path, "r+b")) == NULL)
		goto out;
	memset(junk, 'x', (size_t)page_size);
	if (fseek(f, (long)((root - 1) * page_size), SEEK_SET) == 0 &&
	    fwrite(junk, 1, (size_t)page_size, f) == (size_t)page_size)
		rc = 0;
	if (fclose(f) != 0)
		rc = -1;
out:
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return rc;
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
	ok(index != NULL && index_reindexed(index) == 4, "a garbage cache file is rebuilt");
	ok(notice != NULL && strstr(notice, "damaged") != NULL && strchr(notice, '\n') == NULL,
	    "  with a one-line notice saying so (%s)", notice != NULL ? notice : "none");
	free(notice);
	notice = NULL;
	is_int(index != NULL ? count_results(index, XUANWU) : -1, 2, "  and answers");
	index_close(index);

	/* The issues table damaged, its saved copy (what an open reads)
	 * whole: the open and the search go by the copy, and reading an
	 * issue, which asks the table, still gives it. */
	ok(damage_table(cache, "issues") == 0, "the cache's table of issues damaged");
	index = open_archive(paths, 1, 0, &notice);
	ok(index != NULL && index_issue_count(index) == 4 && index_issue_at(index, 0) != NULL &&
	    count_results(index, XUANWU) == 2,
	    "  its saved list opens it: 4 issues, the first read, the search answers");
	free(notice);
	notice = NULL;
	index_close(index);

	/* The schema reads well, the issues' rows and their saved list do
	 * not: found by the update of the archive, which rebuilds the file
	 * rather than give it up. */
	ok(damage_table(cache, "issues") == 0 && damage_table(cache, "issue_list") == 0,
	    "the cache's table of issues and its saved list damaged");
	index = open_archive(paths, 1, 0, &notice);
	ok(index != NULL && index_reindexed(index) == 4 && index_cache_path(index) != NULL,
	    "  the cache file is rebuilt, not left for memory");
	ok(notice != NULL && strstr(notice, "damaged") != NULL,
	    "  with the notice that says so (%s)", notice != NULL ? notice : "none");
	free(notice);
	notice = NULL;
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

	blocker = xasprintf("%s/blocker", temp_dir);
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

/* Checks that opening paths[0, n) is refused with a message naming
 * named. */
static void
check_refused(const char *const *paths, size_t n, const char *named, const char *what)
{
	Index *index = NULL;
	char *cause = NULL;

	ok(index_open_archive(paths, n, 0, &index, NULL, &cause) != 0 && cause != NULL &&
	    strstr(cause, named) != NULL, "%s", what);
	if (cause != NULL && strstr(cause, named) == NULL)
		diag("  %s", cause);
	free(cause);
	index_close(index);
}

/* What an archive's arguments can be, and the errors. */
static void
check_arguments(const char *arch)
{
	char *single = xasprintf("%s/single", temp_dir), *dup = xasprintf("%s/dup", temp_dir);
	char *empty = xasprintf("%s/empty", temp_dir), *junk = xasprintf("%s/junk", temp_dir);
	char *path = xasprintf("%s/a.txt", single), *x = xasprintf("%s/x.txt", dup);
	char *y = xasprintf("%s/y.txt", dup), *notes = xasprintf("%s/notes.txt", arch);
	char *junk_notes = xasprintf("%s/notes.txt", junk), *missing = xasprintf("%s/missing", temp_dir);
	char *a = xasprintf("%s/a.txt", arch);
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
		char *twins = xasprintf("%s/twins", temp_dir), *ta = xasprintf("%s/a", twins);
		char *tb = xasprintf("%s/b", twins), *fa = xasprintf("%s/x.txt", ta);
		char *fb = xasprintf("%s/x.txt", tb);

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

		/* w.txt, a third x.txt named x~2.txt, all of number 12, and
		 * 12.txt of no number: all go by their names; x~2, shared
		 * still, takes its place in the list (3, after x, w, x~2);
		 * 12.txt keeps its name once the others gave the number up. */
		{
			char *tw = xasprintf("%s/a0", twins), *tc = xasprintf("%s/c", twins);
			char *td = xasprintf("%s/d", twins), *fw = xasprintf("%s/w.txt", tw);
			char *fc = xasprintf("%s/x~2.txt", tc), *fd = xasprintf("%s/12.txt", td);
			const char *want[] = { "x", "w", "x~2", "x~2~3", "12" };
			size_t i, right = 0, count;

			mkdir(tw, 0700);
			mkdir(tc, 0700);
			mkdir(td, 0700);
			write_variant(fw, NUMBER_12, ZIJIN);
			write_variant(fc, NUMBER_12, ZIJIN);
			write_variant(fd, "", ZIJIN);
			index = open_archive(paths, 1, 0, NULL);
			count = index != NULL ? index_issue_count(index) : 0;
			for (i = 0; i < count && i < 5; i++) {
				if (strcmp(index_issue_info(index, i)->prefix, want[i]) == 0)
					right++;
				else
					diag("  issue %zu: %s, not %s", i, index_issue_info(index, i)->prefix,
					    want[i]);
			}
			ok(count == 5 && right == 5,
			    "x, w, x, x~2 of one number and 12 of none: x, w, x~2, x~2~3, 12");
			index_close(index);
			free(tw);
			free(tc);
			free(td);
			free(fw);
			free(fc);
			free(fd);
		}
		free(twins);
		free(ta);
		free(tb);
		free(fa);
		free(fb);
	}
	paths[0] = arch;
	paths[1] = notes;
	check_refused(paths, 2, "notes.txt: holds no issue",
	    "a FILE named on the command line that holds no issue: refused, named");
	{
		/* Refused at the first file while the second thread has read
		 * and parsed those after it (index_prefetch.c): the update
		 * stops, and what was prepared is freed (ASan), nothing
		 * hangs; without the refused file the rest is indexed. */
		const char *labs[] = { ZIJIN, XUANWU, QIXIA, YANZI, ZIJIN, XUANWU };
		char *ahead = xasprintf("%s/ahead", temp_dir), *bad = xasprintf("%s/0.txt", ahead);
		size_t k;

		mkdir(ahead, 0700);
		write_text(bad, "notes\n");
		for (k = 0; k < sizeof labs / sizeof labs[0]; k++) {
			char *f = xasprintf("%s/%zu.txt", ahead, k + 1);

			write_variant(f, k % 2 ? NUMBER_12 : NUMBER_14, labs[k]);
			free(f);
		}
		paths[0] = ahead;
		paths[1] = bad;
		check_refused(paths, 2, "0.txt: holds no issue",
		    "refused at the first of 7 files, the others prepared ahead: named");
		index = open_archive(paths, 1, 0, NULL);
		ok(index != NULL && index_issue_count(index) == 6,
		    "the same folder alone: its 6 issues (%zu)",
		    index != NULL ? index_issue_count(index) : 0);
		index_close(index);
		index = NULL;
		free(ahead);
		free(bad);
		paths[1] = notes;
	}
	write_text(notes, "");
	paths[0] = a;
	check_refused(paths, 2, "notes.txt", "an empty FILE: refused, named");
	paths[0] = empty;
	check_refused(paths, 1, empty, "a folder without .txt files: refused, named");
	paths[0] = junk;
	check_refused(paths, 1, junk, "a folder whose .txt holds no issue: refused, named");
	paths[0] = arch;
	paths[1] = missing;
	check_refused(paths, 2, missing, "a missing argument: refused, named");
	paths[0] = a;
	paths[1] = a;
	check_refused(paths, 2, "a.txt", "a FILE named twice: refused, named");
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

/* index_column_copy() on a UTF-16 database (as a cache is): text of one,
 * two and three UTF-8 bytes a character as SQLite's own conversion gives
 * it, one beyond the BMP (surrogates: left to SQLite), "" and NULL. */
static void
check_column_copy(void)
{
	static const char *const texts[] = { "IPv6", "", "r\xc3\xa9sum\xc3\xa9",
	    "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0",	/* 数据要素 */
	    "\xf0\xa0\x80\x80\xe5\xad\x97",				/* U+20000 字 */
	    "\xef\xbf\xbd\xe2\x80\x94x" };				/* U+FFFD, a dash */
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	size_t i, same = 0;
	char *copy;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA encoding = 'UTF-16le'; CREATE TABLE t(v TEXT)", NULL, NULL,
	    NULL) != SQLITE_OK || sqlite3_prepare_v2(db, "INSERT INTO t VALUES(?1)", -1, &stmt,
	    NULL) != SQLITE_OK) {
		ok(0, "a UTF-16 database for index_column_copy (%s)", sqlite3_errmsg(db));
		sqlite3_close(db);
		return;
	}
	for (i = 0; i < sizeof texts / sizeof *texts; i++) {
		sqlite3_bind_text(stmt, 1, texts[i], -1, SQLITE_STATIC);
		sqlite3_step(stmt);
		sqlite3_reset(stmt);
	}
	sqlite3_bind_null(stmt, 1);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	sqlite3_prepare_v2(db, "SELECT v FROM t ORDER BY rowid", -1, &stmt, NULL);
	for (i = 0; sqlite3_step(stmt) == SQLITE_ROW; i++) {
		copy = index_column_copy(stmt, 0);
		if (i < sizeof texts / sizeof *texts && copy != NULL && strcmp(copy, texts[i]) == 0)
			same++;
		else if (i == sizeof texts / sizeof *texts && copy == NULL)
			same++;
		else
			diag("  row %zu: %s", i, copy != NULL ? copy : "(NULL)");
		free(copy);
	}
	ok(i == sizeof texts / sizeof *texts + 1 && same == i,
	    "a UTF-16 cache's text copied as UTF-8: %zu of %zu values", same, i);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/* Returns non-zero when two strings that may be NULL are the same. */
static int
same_string(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Returns how many of n rows read two ways are the same in every field
 * index_issues_read() fills. */
static size_t
same_rows(const IndexIssue *x, const IndexIssue *y, size_t n)
{
	size_t i, same = 0;

	for (i = 0; i < n; i++) {
		const IndexIssue *a = &x[i], *b = &y[i];
		int tokens = (a->tokens == NULL) == (b->tokens == NULL) && (a->tokens == NULL ||
		    memcmp(a->tokens, b->tokens, a->info.articles * sizeof *a->tokens) == 0);

		if (a->id == b->id && same_string(a->key, b->key) && a->is_issue == b->is_issue &&
		    a->size == b->size && a->mtime == b->mtime && a->ctime == b->ctime &&
		    a->inode == b->inode && a->device == b->device &&
		    same_string(a->title, b->title) && same_string(a->date, b->date) &&
		    a->info.number == b->info.number && a->info.pages == b->info.pages &&
		    a->first_article == b->first_article && a->info.articles == b->info.articles &&
		    a->magazine == b->magazine && tokens)
			same++;
		else
			diag("  row %zu (%s) differs", i, a->key != NULL ? a->key : "(NULL)");
	}
	return same;
}

/* Checks that the saved rows of db read back as the table's, with stamps
 * and without; returns non-zero when they do. */
static int
check_saved_like_table(sqlite3 *db, const char *what)
{
	IndexIssue *table = NULL, *saved = NULL;
	size_t ntable = 0, nsaved = 0;
	int stamps, good = 1;

	for (stamps = 1; stamps >= 0; stamps--) {
		int read = index_issues_read_saved(db, stamps, &saved, &nsaved);

		if (index_issues_read_table(db, stamps, &table, &ntable) != SQLITE_OK)
			ntable = 0;
		good &= ok(read == 0 && ntable > 0 && nsaved == ntable &&
		    same_rows(table, saved, ntable) == ntable,
		    "%s: the saved list reads back as the table%s (%zu of %zu rows)", what,
		    stamps ? ", stamps and all" : " (issues alone)", read == 0 ? nsaved : 0, ntable);
		if (read == 0)
			index_issues_free_rows(saved, nsaved);
		index_issues_free_rows(table, ntable);
		saved = table = NULL;
	}
	return good;
}

/* Rewrites the saved list of db: cut by cut bytes, its first byte set to
 * first (unless negative), extra bytes of zero appended. */
static void
rewrite_saved(sqlite3 *db, size_t cut, int first, size_t extra)
{
	sqlite3_stmt *read = NULL, *write = NULL;
	unsigned char *data = NULL;
	size_t len = 0;

	if (sqlite3_prepare_v2(db, "SELECT rows FROM issue_list", -1, &read, NULL) == SQLITE_OK &&
	    sqlite3_step(read) == SQLITE_ROW) {
		len = (size_t)sqlite3_column_bytes(read, 0);
		data = calloc(len + extra + 1, 1);
		if (data == NULL)
			abort();
		memcpy(data, sqlite3_column_blob(read, 0), len);
	}
	sqlite3_finalize(read);
	if (data == NULL || len <= cut) {
		diag("  no saved list to rewrite");
		free(data);
		return;
	}
	if (first >= 0)
		data[0] = (unsigned char)first;
	if (sqlite3_prepare_v2(db, "UPDATE issue_list SET rows = ?1", -1, &write, NULL) == SQLITE_OK) {
		sqlite3_bind_blob(write, 1, data, (int)(len - cut + extra), SQLITE_STATIC);
		if (sqlite3_step(write) != SQLITE_DONE)
			diag("  rewriting the saved list: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(write);
	free(data);
}

/* The issues table saved in one blob (index_issues_saved.c): written by
 * the build and by an update, the same rows as the table; a blob of
 * another update, cut short, of another layout, longer or missing is
 * passed over for the table. */
static void
check_saved_list(const char *arch)
{
	const char *paths[] = { arch };
	char *dir = use_cache("saved"), *b_path = xasprintf("%s/b.txt", arch);
	struct utimbuf old = { time(NULL) - 7200, time(NULL) - 7200 };
	IndexIssue *rows = NULL;
	size_t n = 0, ntable = 0;
	Index *index = open_archive(paths, 1, 0, NULL);
	sqlite3 *db = index != NULL ? index_database(index) : NULL;
	static const char *const damage_names[] = { "of an earlier update", "cut short",
	    "of another layout", "with a byte more", "missing" };
	size_t i;

	if (!ok(db != NULL, "an archive for the saved list"))
		goto out;
	check_saved_like_table(db, "a new cache");
	index_close(index);

	/* A touched file: the update that records its stat saves the list
	 * again. */
	utime(b_path, &old);
	index = open_archive(paths, 1, 0, NULL);
	db = index != NULL ? index_database(index) : NULL;
	if (db == NULL)
		goto out;
	check_saved_like_table(db, "after a file was touched");

	for (i = 0; i < sizeof damage_names / sizeof *damage_names; i++) {
		int read, rc;

		sqlite3_exec(db, "SAVEPOINT damage", NULL, NULL, NULL);
		if (i == 0)
			sqlite3_exec(db, "UPDATE meta SET value = CAST(value AS INTEGER) + 1"
			    " WHERE key = 'generation'", NULL, NULL, NULL);
		else if (i == 4)
			sqlite3_exec(db, "DELETE FROM issue_list", NULL, NULL, NULL);
		else
			rewrite_saved(db, i == 1 ? 3 : 0, i == 2 ? 9 : -1, i == 3 ? 1 : 0);
		read = index_issues_read_saved(db, 1, &rows, &n);
		if (read == 0)
			index_issues_free_rows(rows, n);
		if (index_issues_read_table(db, 1, &rows, &ntable) == SQLITE_OK)
			index_issues_free_rows(rows, ntable);
		rows = NULL;
		n = 0;
		rc = index_issues_read(db, 1, &rows, &n);
		ok(read != 0 && rc == SQLITE_OK && n == ntable && n > 0,
		    "a saved list %s is passed over: the table's %zu rows read instead",
		    damage_names[i], n);
		index_issues_free_rows(rows, n);
		rows = NULL;
		sqlite3_exec(db, "ROLLBACK TO damage; RELEASE damage", NULL, NULL, NULL);
	}
	check_saved_like_table(db, "the damage undone");
out:
	index_close(index);
	free(b_path);
	free(dir);
}

/* archive_key() gives archive_find()'s key however the folder is spelled,
 * and refuses what archive_find() refuses; the look at a cache file
 * (index_find.c) finds a complete one with its rows, and nothing where
 * there is no cache or a damaged one; an open hands the look over. */
static void
check_find(const char *arch)
{
	char *dir = use_cache("find"), *slash = xasprintf("%s/", arch);
	char *up = xasprintf("%s/sub/..", arch), *file = xasprintf("%s/a.txt", arch);
	char *missing = xasprintf("%s/missing", temp_dir), *key = NULL;
	const char *spellings[] = { arch, slash, up };
	const char *twice[] = { arch, slash }, *with_file[] = { file, arch };
	ArchiveFiles *files = NULL;
	IndexPeek *peek;
	Index *index;
	char *cause = NULL;
	size_t i, same = 0;
	int folders = 0;

	for (i = 0; i < sizeof spellings / sizeof *spellings; i++) {
		if (archive_find(&spellings[i], 1, &files, &cause) == 0 &&
		    archive_key(&spellings[i], 1, &key, &folders) == 0 &&
		    strcmp(key, files->key) == 0 && folders)
			same++;
		archive_files_free(files);
		files = NULL;
		free(key);
		key = NULL;
		free(cause);
		cause = NULL;
	}
	is_int((long long)same, 3, "archive_key: archive_find's key for DIR, DIR/ and DIR/sub/..");
	ok(archive_find(with_file, 2, &files, &cause) == 0 &&
	    archive_key(with_file, 2, &key, &folders) == 0 && strcmp(key, files->key) == 0,
	    "  and for a FILE and a DIR");
	archive_files_free(files);
	free(key);
	key = NULL;
	ok(archive_key(with_file, 1, &key, &folders) == 0 && !folders,
	    "  a FILE alone is no folder");
	free(key);
	key = NULL;
	ok(archive_key(twice, 2, &key, &folders) != 0 && key == NULL,
	    "  a folder named twice: refused");
	ok(archive_key((const char *const *)&missing, 1, &key, &folders) != 0 && key == NULL,
	    "  a missing argument: refused");

	archive_key(spellings, 1, &key, &folders);
	ok(index_archive_peek(key) == NULL, "no cache file yet: nothing to look at");
	index = open_archive(spellings, 1, 0, NULL);
	ok(index != NULL && index->peek == NULL, "the first open builds it, no look left over");
	index_close(index);
	peek = index_archive_peek(key);
	ok(peek != NULL, "the cache built: a look at it finds it complete");
	index_archive_peek_free(peek);
	index = open_archive(spellings, 1, 0, NULL);
	ok(index != NULL && index->peek == NULL && index_reindexed(index) == 0 &&
	    index_issue_count(index) == 4,
	    "  the next open: 4 issues, none indexed, no look left over");
	index_close(index);
	files = NULL;
	ok(index_find_archive(spellings, 1, 0, &files, &peek, &cause) == 0 && peek != NULL &&
	    files != NULL && files->count == 5,
	    "index_find_archive: the 5 files, and the look taken meanwhile");
	index_archive_peek_free(peek);
	archive_files_free(files);
	files = NULL;
	ok(index_find_archive(spellings, 1, INDEX_MEMORY, &files, &peek, &cause) == 0 &&
	    peek == NULL && files != NULL && files->count == 5,
	    "  in memory: the files, no look");
	archive_files_free(files);
	files = NULL;
	ok(index_find_archive((const char *const *)&missing, 1, 0, &files, &peek, &cause) != 0 &&
	    peek == NULL && files == NULL && cause != NULL && strstr(cause, "missing") != NULL,
	    "  a missing folder: refused, named, nothing looked at");
	free(cause);
	cause = NULL;
	index = open_archive(spellings, 1, 0, NULL);
	if (index != NULL)
		write_text(index_cache_path(index), "this is not a database\n");
	index_close(index);
	ok(index_archive_peek(key) == NULL, "a damaged cache file: nothing to look at");
	free(key);
	free(dir);
	free(slash);
	free(up);
	free(file);
	free(missing);
}

/* Runs the tests and prints their plan; returns non-zero when one failed. */
int
main(void)
{
	char *arch = NULL, *extra = NULL;

	if (fixture_make(&arch, &extra) != 0)
		return 1;
	check_incremental(arch, extra);
	check_concurrent(arch);
	check_damage(arch);
	check_arguments(arch);
	check_saved_list(arch);
	check_find(arch);
	check_column_copy();
	free(arch);
	free(extra);
	free(original);
	clean_up();
	return done_testing();
}
