/* The SQLite index of an issue: a cache in $XDG_CACHE_HOME/shuzhi/ keyed by
 * the text's hash and the format version, rebuilt when stale or damaged, in
 * memory when the cache cannot be written. */
#ifndef SHUZHI_INDEX_H
#define SHUZHI_INDEX_H

#include "issue.h"

typedef struct Index Index;

enum {
	INDEX_REBUILD = 1,	/* --reindex: rebuild even when the cache is fresh */
	INDEX_MEMORY = 2,	/* never touch the cache folder */
};

/* Opens the index for the issue in the file at path, building it when it
 * is missing, stale or damaged. Several processes may do this at once.
 * Returns 0 and sets *out (close with index_close); *notice (optional,
 * caller frees) is set to a one-line message when the cache could not be
 * used and the index lives in memory. Returns -1 with *cause (caller frees)
 * naming the file when it cannot be read or holds no issue. */
int index_open(const char *path, int flags, Index **out, char **notice, char **cause);

/* Returns the issue (a search never needs it): on first use it is read
 * back from the index, which is a tenth of the time of parsing the text,
 * or parsed when the index cannot give it. NULL when neither works. Owned
 * by the index. */
const Issue *index_issue(Index *index);

/* Returns the path of the cache file in use, or NULL for an in-memory index. */
const char *index_cache_path(const Index *index);

void index_close(Index *index);

#endif
