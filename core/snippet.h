/* The snippet of a search result: the sentence that holds the hit, cut to
 * a line's width around it. */
#ifndef SHUZHI_SNIPPET_H
#define SHUZHI_SNIPPET_H

#include <stddef.h>

#include "span.h"

/* The widest a snippet gets, in display columns. */
#define SNIPPET_COLUMNS 72

/* Returns the snippet of len bytes of clean one-line text around the hit
 * spans[chosen] (spans: byte ranges in text, in order; nspans may be 0,
 * then the snippet is the text's beginning). The snippet is the hit's
 * sentence (cut after 。！？!?;；), trimmed to SNIPPET_COLUMNS columns
 * around the hit with "…" where it was cut. *marks receives the chosen
 * span (cut to the snippet when wider) and the other spans that fit whole,
 * as byte ranges of the snippet, and *nmarks their number. The caller frees the snippet and *marks. */
char *snippet_make(const char *text, size_t len, const Span *spans, size_t nspans,
    size_t chosen, Span **marks, size_t *nmarks);

#endif
