/* Unit tests of the reader's memory: places and marks per issue. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"
#include "helpers.h"
#include "tap.h"
#include "xalloc.h"

/* Returns the number of entries in dir other than . and .. */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Saving and opening again gives back the place and the marks. */
static void
test_round_trip(const char *dir)
{
	State *state;
	const StatePlace *p;
	char *notice, *cause = NULL, *path;

	state = state_open(dir, "/issues/a.txt", &notice);
	ok(notice == NULL, "a new folder opens without a notice");
	ok(state_writable(state), "the folder is writable");
	ok(state_place(state) == NULL, "no place yet");
	state_set_place(state, "1.3", 1234);
	state_set_mark(state, 'a', "2.7", 0);
	state_set_mark(state, STATE_MARK_PREVIOUS, "1.1", 99);
	state_set_mark(state, '!', "1.1", 5);
	ok(state_mark(state, '!') == NULL, "a mark needs a letter or digit");
	state_set_mark(state, 'b', "bad id", 5);
	ok(state_mark(state, 'b') == NULL, "an ID with a space is refused");
	is_int(state_save(state, &cause), 0, "state saves");
	state_free(state);
	is_int(count_entries(dir), 1, "one file, no temporary left behind");
	/* The name readers of earlier versions saved under: FNV-1a of the key. */
	path = xasprintf("%s/issue-e451e428f3d59394", dir);
	ok(access(path, F_OK) == 0, "its name is the key's FNV-1a hash, as it always was");
	free(path);

	state = state_open(dir, "/issues/a.txt", &notice);
	ok(notice == NULL, "opens again without a notice");
	p = state_place(state);
	ok(p != NULL && strcmp(p->article, "1.3") == 0 && p->offset == 1234, "the place comes back");
	p = state_mark(state, 'a');
	ok(p != NULL && strcmp(p->article, "2.7") == 0 && p->offset == 0, "mark a comes back");
	p = state_mark(state, STATE_MARK_PREVIOUS);
	ok(p != NULL && strcmp(p->article, "1.1") == 0 && p->offset == 99, "the previous place comes back");
	ok(state_saved_time(state) > 1000000000000000LL, "the time it was saved comes back");
	state_free(state);

	state = state_open(dir, "/issues/b.txt", &notice);
	ok(state_place(state) == NULL, "another issue has its own place");
	is_int(state_saved_time(state), 0, "a state never saved has no time");
	state_set_place(state, "2.1", 7);
	is_int(state_save(state, &cause), 0, "the other issue saves");
	state_free(state);
	is_int(count_entries(dir), 2, "a file per issue");
}

/* Two readers of one issue keep each other's marks. */
static void
test_merge(const char *dir)
{
	State *one = state_open(dir, "/issues/m.txt", NULL);
	State *two = state_open(dir, "/issues/m.txt", NULL);
	State *three;
	char *cause = NULL;

	state_set_mark(one, 'x', "1.1", 1);
	state_set_mark(two, 'y', "1.2", 2);
	state_set_place(two, "1.2", 2);
	state_save(one, &cause);
	state_save(two, &cause);
	three = state_open(dir, "/issues/m.txt", NULL);
	ok(state_mark(three, 'x') != NULL && state_mark(three, 'y') != NULL,
	    "marks set by two readers are both kept");
	ok(state_place(three) != NULL && strcmp(state_place(three)->article, "1.2") == 0,
	    "the last place saved wins");
	state_free(one);
	state_free(two);
	state_free(three);
}

/* Returns the whole of a small file (the caller frees it), or NULL. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = xcalloc(1, 128 * 1024);

	if (f == NULL) {
		free(text);
		return NULL;
	}
	if (fread(text, 1, 128 * 1024 - 1, f) == 0)
		text[0] = '\0';
	fclose(f);
	return text;
}

/* Writes text as the state file at path, which cannot be read: the start
 * says where it will be kept, and a save keeps it whole as path.bak. */
static void
check_kept_aside(const char *dir, const char *key, const char *path, const char *text,
    const char *what)
{
	char *notice = NULL, *cause = NULL, *bak = xasprintf("%s.bak", path), *kept;
	State *state;

	write_text(path, text);
	state = state_open(dir, key, &notice);
	ok(notice != NULL && strstr(notice, ".bak") != NULL,
	    "%s: the notice says where it is kept (%s)", what, notice != NULL ? notice : "");
	state_set_place(state, "1.1", 3);
	is_int(state_save(state, &cause), 0, "%s: saving beside it works", what);
	kept = slurp(bak);
	ok(kept != NULL && strcmp(kept, text) == 0, "%s: kept whole as .bak", what);
	free(kept);
	free(cause);
	free(notice);
	free(bak);
	state_free(state);
}

/* A file written on Windows reads; one that cannot be read (a newer
 * version, over 64 KB) is kept aside before it is replaced. */
static void
test_foreign(const char *dir)
{
	const char *key = "/issues/foreign.txt";
	State *state;
	char *notice = NULL, *path, *bak, *big;
	const char *newer = "shuzhi-state 2\nkey /issues/foreign.txt\nmark a 1.2 7\n";
	size_t i;

	state = state_open(dir, key, NULL);
	path = xstrdup(state_path(state));
	state_free(state);
	bak = xasprintf("%s.bak", path);
	write_text(path, "\xef\xbb\xbfshuzhi-state 1\r\nkey /issues/foreign.txt\r\n"
	    "place 1.3 40\r\nmark a 2.1 9\r\n");
	state = state_open(dir, key, &notice);
	ok(notice == NULL && state_place(state) != NULL &&
	    strcmp(state_place(state)->article, "1.3") == 0 && state_place(state)->offset == 40,
	    "a state file with a BOM and CRLF line ends is read");
	ok(state_mark(state, 'a') != NULL && strcmp(state_mark(state, 'a')->article, "2.1") == 0,
	    "its marks too");
	free(notice);
	state_free(state);

	check_kept_aside(dir, key, path, newer, "a newer version's file");
	unlink(bak);
	big = xcalloc(1, 70 * 1024 + 1);
	strcpy(big, "shuzhi-state 1\nkey /issues/foreign.txt\nmark b 1.2 7\n");
	for (i = strlen(big); i < 70 * 1024; i++)
		big[i] = i % 64 == 63 ? '\n' : '#';
	check_kept_aside(dir, key, path, big, "a file over 64 KB");
	free(big);
	free(bak);
	free(path);
}

/* A damaged file loses only itself. */
static void
test_damaged(const char *dir)
{
	State *state;
	char *notice, *cause = NULL;
	const char *path;

	state = state_open(dir, "/issues/c.txt", NULL);
	path = state_path(state);
	ok(path != NULL && strncmp(path, dir, strlen(dir)) == 0, "the state file is in the folder");
	write_text(path, "\x01\x02garbage\nplace 1.1 5\n");
	state_free(state);
	state = state_open(dir, "/issues/c.txt", &notice);
	ok(notice != NULL && strstr(notice, "starting afresh") != NULL, "a damaged file is reported");
	if (notice != NULL)
		diag("notice: %s", notice);
	ok(state_place(state) == NULL, "nothing is taken from a damaged file");
	ok(state_writable(state), "the folder stays writable");
	state_set_place(state, "1.1", 3);
	is_int(state_save(state, &cause), 0, "a good file replaces the damaged one");
	free(notice);
	state_free(state);
	state = state_open(dir, "/issues/c.txt", &notice);
	ok(notice == NULL && state_place(state) != NULL, "the replaced file reads");
	state_free(state);

	state = state_open(dir, "/issues/a.txt", &notice);
	ok(notice == NULL && state_place(state) != NULL, "other issues are untouched");
	state_free(state);

	state = state_open(dir, "/issues/d.txt", NULL);
	write_text(state_path(state), "shuzhi-state 1\nkey /issues/d.txt\nplace 1.1\n"
	    "place 1.2 x\nmark ab 1.1 2\nmark a 1.5 18446744073709551616\nmark c 1.6 6\nplace 1.4 4");
	state_free(state);
	state = state_open(dir, "/issues/d.txt", &notice);
	ok(notice == NULL, "damaged lines are skipped quietly");
	ok(state_place(state) != NULL && strcmp(state_place(state)->article, "1.4") == 0 &&
	    state_place(state)->offset == 4, "good lines are read, even without a final newline");
	ok(state_mark(state, 'a') == NULL, "an offset out of range is skipped");
	ok(state_mark(state, 'c') != NULL, "a good mark is read");
	state_free(state);
}

/* A folder that cannot be written: still reads, says so once. */
static void
test_unwritable(const char *dir)
{
	char *blocker = xasprintf("%s/file", dir);
	char *inside = xasprintf("%s/file/shuzhi", dir);
	char *ro = xasprintf("%s/ro", dir);
	State *state;
	char *notice, *cause = NULL;

	write_text(blocker, "not a folder\n");
	state = state_open(inside, "/issues/a.txt", &notice);
	ok(notice != NULL && strstr(notice, "nothing will be remembered") != NULL,
	    "a folder that cannot be made: nothing will be remembered");
	ok(!state_writable(state), "the state is not writable");
	is_int(state_save(state, &cause), 0, "saving quietly does nothing");
	free(notice);
	state_free(state);

	state = state_open(NULL, "/issues/a.txt", &notice);
	ok(notice != NULL, "no folder at all is reported");
	free(notice);
	state_free(state);

	if (geteuid() == 0) {
		ok(1, "# SKIP permissions do not bind root");
		ok(1, "# SKIP permissions do not bind root");
	} else {
		State *w = state_open(ro, "/issues/a.txt", NULL);

		state_set_place(w, "1.5", 55);
		state_save(w, &cause);
		state_free(w);
		chmod(ro, 0500);
		state = state_open(ro, "/issues/a.txt", &notice);
		ok(notice != NULL && strstr(notice, "nothing will be remembered") != NULL,
		    "a read-only folder is reported");
		ok(state_place(state) != NULL && state_place(state)->offset == 55,
		    "a read-only folder still reads");
		free(notice);
		state_free(state);
		chmod(ro, 0700);
	}
	free(blocker);
	free(inside);
	free(ro);
}

/* Checks which names marks may have: letters and digits, both ends of each range. */
static void
test_mark_names(void)
{
	const char *good = "azAZ09m5", *bad = " @[`{/:-";
	const char *c;

	for (c = good; *c != '\0'; c++)
		ok(state_mark_valid(*c), "'%c' names a mark", *c);
	for (c = bad; *c != '\0'; c++)
		ok(!state_mark_valid(*c), "'%c' names no mark", *c);
}

int
main(void)
{
	char template[] = "/tmp/shuzhi-state.XXXXXX";
	char *dir, *cmd;

	if (mkdtemp(template) == NULL) {
		ok(0, "temporary folder");
		return done_testing();
	}
	dir = xasprintf("%s/state/shuzhi", template);
	test_mark_names();
	test_round_trip(dir);
	test_merge(dir);
	test_damaged(dir);
	test_foreign(dir);
	test_unwritable(template);
	cmd = xasprintf("rm -rf '%s'", template);
	if (system(cmd) != 0)
		diag("could not remove %s", template);
	free(cmd);
	free(dir);
	return done_testing();
}
