/* The search history, one query a line in a file of the state folder. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buffer.h"
#include "history.h"
#include "text.h"
#include "xalloc.h"

#define HISTORY_FILE_MAX	(1 << 20)	/* bytes read from the end of the file */

struct History {
	char	*path;
	char	**items;	/* oldest first */
	size_t	 count;
};

/* Removes query i. */
static void
history_remove(History *h, size_t i)
{
	free(h->items[i]);
	memmove(h->items + i, h->items + i + 1, (h->count - i - 1) * sizeof *h->items);
	h->count--;
}

/* Adds a query as the newest. */
void
history_add(History *h, const char *query)
{
	size_t i;

	if (query == NULL || query[0] == '\0')
		return;
	for (i = 0; i < h->count; i++) {
		if (strcmp(h->items[i], query) == 0) {
			history_remove(h, i);
			break;
		}
	}
	if (h->count == HISTORY_MAX)
		history_remove(h, 0);
	h->items = xreallocarray(h->items, h->count + 1, sizeof *h->items);
	h->items[h->count++] = xstrdup(query);
}

/* Adds each line of data (a file's text) as a query, cleaned. */
static void
history_add_lines(History *h, const char *data, size_t len)
{
	const char *end = data + len, *nl;

	while (data < end) {
		char *clean;

		nl = memchr(data, '\n', (size_t)(end - data));
		if (nl == NULL)
			nl = end;
		clean = text_clean(data, (size_t)(nl - data), 0, NULL);
		history_add(h, clean);
		free(clean);
		data = nl + 1;
	}
}

/* Reads the file's queries into h; nothing when it cannot be read. */
static void
history_read(History *h)
{
	Buffer text = { 0 };
	char chunk[4096];
	FILE *f;
	size_t n;
	long size;

	if (h->path == NULL || (f = fopen(h->path, "r")) == NULL)
		return;
	/* A huge file (not ours): its last queries only. */
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > HISTORY_FILE_MAX)
		fseek(f, size - HISTORY_FILE_MAX, SEEK_SET);
	else
		rewind(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buffer_append(&text, chunk, n);
	fclose(f);
	if (text.data != NULL)
		history_add_lines(h, text.data, text.len);
	buffer_free(&text);
}

/* Reads the history in path. */
History *
history_load(const char *path)
{
	History *h = xcalloc(1, sizeof *h);

	h->path = path != NULL ? xstrdup(path) : NULL;
	history_read(h);
	return h;
}

/* Returns the number of queries. */
size_t
history_count(const History *h)
{
	return h->count;
}

/* Returns query i (0: the oldest), or NULL past the end. */
const char *
history_entry(const History *h, size_t i)
{
	return i < h->count ? h->items[i] : NULL;
}

/* Writes text to a new file beside path and renames it over path. */
static int
history_write(const char *path, const char *text, char **cause)
{
	char *temp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(temp), saved_errno = 0, rc = -1;
	size_t len = strlen(text), done = 0;

	if (fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(temp);
		return -1;
	}
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved_errno = errno;
			break;
		}
		done += (size_t)n;
	}
	if (close(fd) != 0 && saved_errno == 0)
		saved_errno = errno;
	if (saved_errno == 0 && rename(temp, path) != 0)
		saved_errno = errno;
	if (saved_errno == 0)
		rc = 0;
	else {
		unlink(temp);
		*cause = xasprintf("%s: %s", path, strerror(saved_errno));
	}
	free(temp);
	return rc;
}

/* Writes the history, merged with what others saved. */
int
history_save(History *h, char **cause)
{
	History *merged;
	Buffer text = { 0 };
	size_t i;
	int rc;

	if (h->path == NULL)
		return 0;
	/* The file's queries, then ours as newer. */
	merged = history_load(h->path);
	for (i = 0; i < h->count; i++)
		history_add(merged, h->items[i]);
	for (i = 0; i < merged->count; i++) {
		buffer_puts(&text, merged->items[i]);
		buffer_append(&text, "\n", 1);
	}
	buffer_append(&text, "", 0);
	rc = history_write(h->path, text.data, cause);
	buffer_free(&text);
	/* Take the merged list: what other readers added shows here too. */
	for (i = 0; i < h->count; i++)
		free(h->items[i]);
	free(h->items);
	h->items = merged->items;
	h->count = merged->count;
	merged->items = NULL;
	merged->count = 0;
	history_free(merged);
	return rc;
}

/* Frees the history. */
void
history_free(History *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->count; i++)
		free(h->items[i]);
	free(h->items);
	free(h->path);
	free(h);
}
