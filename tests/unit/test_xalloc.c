/* Tests of the allocation wrappers' formatting: xasprintf() formats a
 * short string once, on the stack, and a long one twice; both must give
 * every byte. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "xalloc.h"

/* Checks xasprintf() on a string of len bytes made of a %s and a %d. */
static void
check_length(size_t len)
{
	char *want = xmalloc(len + 1), *part, *got;

	memset(want, 'x', len);
	want[len] = '\0';
	if (len >= 3)
		memcpy(want + len - 3, "123", 3);
	part = xstrndup(want, len >= 3 ? len - 3 : len);
	got = len >= 3 ? xasprintf("%s%d", part, 123) : xasprintf("%s", part);
	ok(strlen(got) == len && strcmp(got, want) == 0, "a formatted string of %zu bytes", len);
	free(got);
	free(part);
	free(want);
}

int
main(void)
{
	static const size_t lengths[] = { 0, 1, 2, 3, 100, 254, 255, 256, 257, 511, 4096, 70000 };
	size_t i;
	char *got;

	for (i = 0; i < sizeof lengths / sizeof *lengths; i++)
		check_length(lengths[i]);
	got = xasprintf("%s/%s", "数据", "要素.txt");
	is_str(got, "数据/要素.txt", "UTF-8 bytes are copied as they are");
	free(got);
	return done_testing();
}
