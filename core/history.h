/* The search history: the queries the user ran, oldest first, kept in a
 * file of the state folder (one query a line), shared by every reader. */
#ifndef SHUZHI_HISTORY_H
#define SHUZHI_HISTORY_H

#include <stddef.h>

#define HISTORY_MAX	100	/* queries kept */

typedef struct History History;

/* Reads the history in path (NULL: one kept in memory only). A missing or
 * unreadable file is an empty history; lines are cleaned of controls.
 * Returns the history; the caller frees it with history_free. */
History *history_load(const char *path);

/* Returns the number of queries; history_entry(h, i) returns query i,
 * 0 the oldest (owned by the history, valid until it changes). */
size_t history_count(const History *h);
const char *history_entry(const History *h, size_t i);

/* Adds a query as the newest, an equal older one removed, the oldest
 * dropped past HISTORY_MAX. An empty query is not added. */
void history_add(History *h, const char *query);

/* Writes the history to its file atomically, after taking in the queries
 * other readers saved meanwhile. Returns 0 (also with no file), or -1 with
 * *cause (caller frees). */
int history_save(History *h, char **cause);

/* Frees the history. */
void history_free(History *h);

#endif
