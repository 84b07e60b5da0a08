/* Replays a fuzz target's seed corpus and its regressions (every input a
 * fuzzer once broke the code with) as a TAP test: the target aborts on any
 * broken invariant, so reaching the plan means every input passed. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feeds every file of dir to the target. */
static void
replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL) {
		ok(0, "open %s", dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		char chunk[65536];
		Buffer b = { 0 };
		FILE *f;
		size_t n;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if ((f = fopen(path, "rb")) == NULL)
			continue;
		buffer_append(&b, "", 0);
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buffer_append(&b, chunk, n);
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *)b.data, b.len);
		ok(1, "%s", path);
		buffer_free(&b);
	}
	closedir(d);
}

int
main(void)
{
	replay_dir(FUZZ_DIR "/corpus/" FUZZ_TARGET);
	replay_dir(FUZZ_DIR "/regressions/" FUZZ_TARGET);
	return done_testing();
}
