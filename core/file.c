/* Reading files the program is given. Opened non-blocking, so that a FIFO
 * or a device is refused rather than waited on (reads of a regular file
 * never block anyway). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "xalloc.h"

/* Opens a regular file for reading; returns its descriptor, or -1 with
 * *cause. */
int
file_open_regular(const char *path, char **cause)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		int saved_errno = errno;

		*cause = xasprintf("%s: %s", path, strerror(saved_errno));
		if (fd >= 0)
			close(fd);
		errno = saved_errno;	/* for callers that tell "gone" from "no room" */
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xasprintf(S_ISDIR(st.st_mode) ? "%s: is a folder, not a file" :
		    "%s: not a regular file", path);
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

/* Reads a whole file; returns 0 or -1 with *cause naming the file. */
int
file_read(const char *path, char **data, size_t *length, char **cause)
{
	struct stat st;
	size_t size, used = 0;
	char *buf = NULL;
	int fd, rc = -1;

	fd = file_open_regular(path, cause);
	if (fd < 0)
		goto out;
	if (fstat(fd, &st) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	/* Room for the whole file and a byte more, so that the read that
	 * finds the end needs no larger buffer. */
	size = (size_t)st.st_size + 2;
	buf = xmalloc(size);
	for (;;) {
		ssize_t n;

		if (used + 1 == size) {
			size *= 2;
			buf = xreallocarray(buf, size, 1);
		}
		n = read(fd, buf + used, size - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	buf[used] = '\0';
	*data = buf;
	*length = used;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return rc;
}
