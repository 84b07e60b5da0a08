/* Where a query's hits are in a text: from the FTS5 token positions that
 * shuzhi_hits() reports to byte ranges of the stored text. */
#ifndef SHUZHI_HITS_H
#define SHUZHI_HITS_H

#include <stddef.h>

#include "index_fts.h"
#include "query.h"
#include "span.h"

/* Returns the byte ranges in len bytes of text of the hits of column
 * whose positions fall within the text, the text's first token being at
 * position first. hits are sorted by position; each hit covers the
 * positions its phrase covers (query->phrases). Overlapping ranges are
 * merged. Sets *spans (the caller frees; NULL when none) and returns
 * their number. */
size_t hits_in_text(const char *text, size_t len, size_t first, const FtsHit *hits, size_t nhits,
    int column, const Query *query, Span **spans);

#endif
