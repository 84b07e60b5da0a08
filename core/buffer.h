/* A growable byte buffer, always NUL-terminated. */
#ifndef SHUZHI_BUFFER_H
#define SHUZHI_BUFFER_H

#include <stddef.h>

typedef struct Buffer {
	char	*data;	/* NUL-terminated; NULL until the first append */
	size_t	 len;
	size_t	 size;
} Buffer;

/* Appends len bytes of s. */
void buffer_append(Buffer *b, const char *s, size_t len);
/* Appends a NUL-terminated string. */
void buffer_puts(Buffer *b, const char *s);
/* Appends formatted text. */
void buffer_printf(Buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void buffer_clear(Buffer *b);
/* Hands the string to the caller (who frees it) and empties the buffer. */
char *buffer_take(Buffer *b);
/* Frees the buffer's memory. */
void buffer_free(Buffer *b);

#endif
