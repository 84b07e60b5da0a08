/* A byte range of a text: a hit of a search, or a mark in a snippet. */
#ifndef SHUZHI_SPAN_H
#define SHUZHI_SPAN_H

#include <stddef.h>

typedef struct Span {
	size_t	start;	/* byte offset */
	size_t	length;	/* bytes */
} Span;

#endif
