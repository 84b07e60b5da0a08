/* Citations of passages: the text as printed and the line that cites it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buffer.h"
#include "citation.h"
#include "paths.h"
#include "xalloc.h"

#define TITLE_OPEN "\xe3\x80\x8a"	/* 《 */
#define TITLE_CLOSE "\xe3\x80\x8b"	/* 》 */
#define INNER_OPEN "\xe3\x80\x88"	/* 〈 */
#define INNER_CLOSE "\xe3\x80\x89"	/* 〉 */
#define MARK_LEN 3			/* bytes of each of them in UTF-8 */

/* Returns n in Chinese numerals; the caller frees it. */
char *
citation_han_number(int n)
{
	static const char *const digits[] = {
		"零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
	};
	static const char *const units[] = { "", "十", "百", "千", "万" };
	Buffer b = { 0 };
	int place, d, zero = 0, started = 0, divisor = 10000;

	if (n < 1 || n > 99999)
		return xasprintf("%d", n);
	for (place = 4; place >= 0; place--, divisor /= 10) {
		d = n / divisor % 10;
		if (d == 0) {
			zero = started;
			continue;
		}
		if (zero)
			buffer_append(&b, digits[0], strlen(digits[0]));
		zero = 0;
		/* 十二, not 一十二, when the number starts with the tens. */
		if (!(d == 1 && place == 1 && !started))
			buffer_append(&b, digits[d], strlen(digits[d]));
		buffer_append(&b, units[place], strlen(units[place]));
		started = 1;
	}
	return buffer_take(&b);
}

/* Returns the byte after the 》 that closes the 《 at title[0], or 0. */
static size_t
citation_name_end(const char *title)
{
	size_t i, depth = 0;

	for (i = 0; title[i] != '\0'; i++) {
		if (strncmp(title + i, TITLE_OPEN, MARK_LEN) == 0)
			depth++;
		else if (strncmp(title + i, TITLE_CLOSE, MARK_LEN) == 0 && depth > 0 && --depth == 0)
			return i + MARK_LEN;
	}
	return 0;
}

/* Returns non-zero when s is one note in brackets, "(省政府令第148号)". */
static int
citation_is_note(const char *s)
{
	size_t len = strlen(s);
	int ascii = s[0] == '(' && len >= 2 && s[len - 1] == ')';
	int wide = strncmp(s, "\xef\xbc\x88", 3) == 0 && len >= 6 &&
	    strcmp(s + len - 3, "\xef\xbc\x89") == 0;	/* ( ) */

	return ascii || wide;
}

/* Returns the title as cited; the caller frees it. */
char *
citation_title(const char *title)
{
	Buffer b = { 0 };
	size_t end = strncmp(title, TITLE_OPEN, MARK_LEN) == 0 ? citation_name_end(title) : 0, i;

	if (end > 0 && (title[end] == '\0' || citation_is_note(title + end)))
		return xstrndup(title, end);
	buffer_append(&b, TITLE_OPEN, MARK_LEN);
	for (i = 0; title[i] != '\0'; i++) {
		if (strncmp(title + i, TITLE_OPEN, MARK_LEN) == 0) {
			buffer_append(&b, INNER_OPEN, MARK_LEN);
			i += MARK_LEN - 1;
		} else if (strncmp(title + i, TITLE_CLOSE, MARK_LEN) == 0) {
			buffer_append(&b, INNER_CLOSE, MARK_LEN);
			i += MARK_LEN - 1;
		} else
			buffer_append(&b, title + i, 1);
	}
	buffer_append(&b, TITLE_CLOSE, MARK_LEN);
	return buffer_take(&b);
}

/* Returns the citation line; the caller frees it. */
char *
citation_line(const Issue *issue, const Article *a, int first_page, int last_page)
{
	char *number = NULL, *serial, *pages, *title = citation_title(a->title), *line;

	if (issue_number(issue) > 0) {
		number = citation_han_number(issue_number(issue));
		serial = xasprintf("(总第%s期)", number);
	} else
		serial = xstrdup("");
	if (first_page <= 0)
		pages = xstrdup("");
	else if (last_page > first_page)
		pages = xasprintf(",第%d-%d页", first_page, last_page);
	else
		pages = xasprintf(",第%d页", first_page);
	line = xasprintf("——%s%s%s,%s", issue_title(issue), serial, pages, title);
	free(number);
	free(serial);
	free(pages);
	free(title);
	return line;
}

/* Returns the passage with its citation; the caller frees it. */
char *
citation_passage(const Issue *issue, const Article *a, size_t first, size_t last)
{
	Buffer b = { 0 };
	char *line;
	size_t i;
	int first_page = 0, last_page = 0;

	if (last >= a->nblocks)
		last = a->nblocks > 0 ? a->nblocks - 1 : 0;
	for (i = first; i <= last && i < a->nblocks; i++) {
		const Block *block = &a->blocks[i];

		if (i > first)
			buffer_append(&b, "\n\n", 2);
		buffer_append(&b, block->text, block->length);
		if (block->page > 0 && (first_page == 0 || block->page < first_page))
			first_page = block->page;
		if (block->last_page > last_page)
			last_page = block->last_page;
	}
	if (first_page == 0)
		first_page = last_page = a->page;
	line = citation_line(issue, a, first_page, last_page);
	if (b.len > 0)
		buffer_append(&b, "\n", 1);
	buffer_append(&b, line, strlen(line));
	free(line);
	return buffer_take(&b);
}

/* Writes all of len bytes to fd; returns 0 or -1 with errno set. */
static int
citation_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes the clip file through a temporary file renamed over it. */
int
citation_write_clip(const char *dir, const char *text, char **cause)
{
	char *path = NULL, *temp = NULL;
	int fd = -1, rc = -1;

	if (dir == NULL) {
		*cause = xstrdup("no state folder (neither XDG_STATE_HOME nor HOME is set)");
		return -1;
	}
	if (paths_make_dir(dir, cause) != 0)
		return -1;
	path = xasprintf("%s/clip", dir);
	temp = xasprintf("%s/.clip.%ld", dir, (long)getpid());
	fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || citation_write_all(fd, text, strlen(text)) != 0 ||
	    citation_write_all(fd, "\n", 1) != 0) {
		*cause = xasprintf("%s: %s", temp, strerror(errno));
		goto out;
	}
	if (close(fd) != 0 || rename(temp, path) != 0) {
		fd = -1;
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(temp);
	free(temp);
	free(path);
	return rc;
}
