/* A growable byte buffer, always NUL-terminated. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "xalloc.h"

/* Makes room for extra more bytes plus the terminating NUL. */
static void
buffer_reserve(Buffer *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->size)
		return;
	if (b->size == 0)
		b->size = 64;
	while (b->size < need)
		b->size *= 2;
	b->data = xreallocarray(b->data, b->size, 1);
}

/* Appends len bytes of s. */
void
buffer_append(Buffer *b, const char *s, size_t len)
{
	buffer_reserve(b, len);
	if (len != 0)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* Appends a NUL-terminated string. */
void
buffer_puts(Buffer *b, const char *s)
{
	buffer_append(b, s, strlen(s));
}

/* Appends formatted text. */
void
buffer_printf(Buffer *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buffer_puts(b, s);
	free(s);
}

/* Empties the buffer, keeping its memory. */
void
buffer_clear(Buffer *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Hands the string to the caller (who frees it) and empties the buffer. */
char *
buffer_take(Buffer *b)
{
	char *s = b->data != NULL ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->size = 0;
	return s;
}

/* Frees the buffer's memory. */
void
buffer_free(Buffer *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->size = 0;
}
