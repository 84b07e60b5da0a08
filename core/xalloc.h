/* Allocation wrappers that never return NULL: on failure they call the
 * fatal hook (the front end restores the terminal there) and exit(2), the status for trouble. */
#ifndef SHUZHI_XALLOC_H
#define SHUZHI_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Sets a function run once before exiting on a failed allocation. */
void xalloc_set_fatal_hook(void (*hook)(void));

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xreallocarray(void *ptr, size_t count, size_t size);
/* Returns ptr, an array of *allocated items of size bytes, with room for
 * at least count + 1: doubled when full, so that n appends copy it
 * O(log n) times, not n. */
void *xgrow(void *ptr, size_t *allocated, size_t count, size_t size);
/* Returns a copy the caller frees. */
char *xstrdup(const char *s);
/* Returns a copy of the first len bytes, NUL-terminated; the caller frees. */
char *xstrndup(const char *s, size_t len);
/* Returns a formatted string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
