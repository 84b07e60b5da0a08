/* Allocation wrappers that never return NULL. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void (*fatal_hook)(void);

/* Sets a function run once before exiting on a failed allocation. */
void
xalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Reports an allocation failure and exits with status 2, the program's
 * status for trouble (README, Usage), as GNU's xalloc_die does; never returns. */
static void __attribute__((noreturn))
xalloc_fail(size_t size)
{
	void (*hook)(void) = fatal_hook;

	fatal_hook = NULL;
	if (hook != NULL)
		hook();
	fprintf(stderr, "shuzhi: out of memory (allocating %zu bytes)\n", size);
	exit(2);
}

/* Allocates size bytes (at least one). */
void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		xalloc_fail(size);
	return p;
}

/* Allocates a zeroed array of count elements. */
void *
xcalloc(size_t count, size_t size)
{
	void *p;

	if (count == 0 || size == 0)
		count = size = 1;
	p = calloc(count, size);
	if (p == NULL)
		xalloc_fail(count * size);
	return p;
}

/* Resizes ptr to count elements of size bytes, checking for overflow. */
void *
xreallocarray(void *ptr, size_t count, size_t size)
{
	size_t bytes;
	void *p;

	if (size != 0 && count > SIZE_MAX / size)
		xalloc_fail(SIZE_MAX);
	bytes = count * size;
	p = realloc(ptr, bytes != 0 ? bytes : 1);
	if (p == NULL)
		xalloc_fail(bytes);
	return p;
}

/* Makes room for one more item; see xalloc.h. */
void *
xgrow(void *ptr, size_t *allocated, size_t count, size_t size)
{
	if (count < *allocated)
		return ptr;
	*allocated = count >= 16 ? 2 * count : 16;
	return xreallocarray(ptr, *allocated, size);
}

/* Returns a copy of s; the caller frees it. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Returns a NUL-terminated copy of the first len bytes of s; the caller frees it. */
char *
xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Strings up to this long are formatted once, into a buffer on the stack,
 * and copied; longer ones are measured by that pass and formatted again. */
#define XALLOC_SHORT_STRING 256

/* Returns a newly formatted string; the caller frees it. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	char short_string[XALLOC_SHORT_STRING];
	va_list copy;
	int n;
	char *p;

	va_copy(copy, ap);
	n = vsnprintf(short_string, sizeof short_string, fmt, copy);
	va_end(copy);
	if (n < 0)
		xalloc_fail(0);
	if ((size_t)n < sizeof short_string)
		return xstrndup(short_string, (size_t)n);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

/* Returns a newly formatted string; the caller frees it. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}
