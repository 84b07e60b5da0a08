/* Unit tests of the search history kept in the state folder. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "helpers.h"
#include "tap.h"
#include "xalloc.h"

int
main(void)
{
	char dir[] = "/tmp/shuzhi-history.XXXXXX";
	char *path, *cause = NULL;
	History *h, *again;
	size_t i;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/search-history", dir);

	h = history_load(path);
	is_int(history_count(h), 0, "a missing file is an empty history");
	history_add(h, "算力");
	history_add(h, "IPv6");
	history_add(h, "");
	history_add(h, "算力");
	is_int(history_count(h), 2, "an empty query is not kept, a repeated one once");
	is_str(history_entry(h, 1), "算力", "a repeated query becomes the newest");
	ok(history_entry(h, 2) == NULL, "no entry past the end");
	is_int(history_save(h, &cause), 0, "the history is saved");
	again = history_load(path);
	is_int(history_count(again), 2, "and read back");
	is_str(history_entry(again, 0), "IPv6", "oldest first");

	/* Another reader saves meanwhile: both keep their queries. */
	history_add(again, "数据要素");
	history_save(again, &cause);
	history_add(h, "shuju");
	is_int(history_save(h, &cause), 0, "a second reader saves");
	is_int(history_count(h), 4, "it takes in what the first saved");
	is_str(history_entry(h, 3), "shuju", "its own query the newest");
	history_free(again);

	for (i = 0; i < HISTORY_MAX + 10; i++) {
		char *q = xasprintf("q%zu", i);

		history_add(h, q);
		free(q);
	}
	is_int(history_count(h), HISTORY_MAX, "no more than HISTORY_MAX queries are kept");
	is_str(history_entry(h, 0), "q10", "the oldest go first");
	history_free(h);

	write_text(path, "ok\n\033[31mred\n\n\x01\n");
	h = history_load(path);
	is_int(history_count(h), 2, "blank and control-only lines are dropped");
	is_str(history_entry(h, 1), "[31mred", "no control byte comes out of the file");
	history_free(h);

	h = history_load(NULL);
	history_add(h, "x");
	is_int(history_save(h, &cause), 0, "a history without a file saves nothing, and says ok");
	history_free(h);
	h = history_load("/proc/nope/search-history");
	history_add(h, "x");
	ok(history_save(h, &cause) == -1 && cause != NULL, "an unwritable folder is an error");
	ok(cause != NULL && strstr(cause, "/proc/nope") != NULL, "that names the path");
	free(cause);
	history_free(h);

	unlink(path);
	rmdir(dir);
	free(path);
	return done_testing();
}
