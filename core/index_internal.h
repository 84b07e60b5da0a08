/* Inside the index: what index.c, the schema, the builder and search.c
 * share. Not for the front end. */
#ifndef SHUZHI_INDEX_INTERNAL_H
#define SHUZHI_INDEX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "index.h"
#include "issue.h"

/* The version of the cache's layout: bump it whenever the schema, the
 * tokenizer or what is stored changes, and every cache is rebuilt. */
#define INDEX_FORMAT 1

/* The weight of a hit in the title against one in the body (see search.c). */
#define INDEX_TITLE_WEIGHT 10.0

/* Returns the index's database connection. Owned by the index. */
sqlite3 *index_database(Index *index);

/* Rebuilds a damaged index in place (in memory when the cache cannot be
 * written). Returns 0, or -1 with *cause set (caller frees). */
int index_recover(Index *index, char **cause);

/* Creates the tables of an empty database. Returns 0 or -1 with *cause. */
int index_schema_create(sqlite3 *db, char **cause);

/* Returns 0 when db holds a complete index of this format for a text of
 * this hash and length, -1 when it is stale, damaged or not an index. */
int index_schema_check(sqlite3 *db, uint64_t hash, size_t length);

/* Fills an empty database with the issue, its tables and its search
 * index, in one transaction, and stamps it with the text's hash and
 * length. Returns 0, or -1 with *cause set (caller frees). */
int index_build(sqlite3 *db, const Issue *issue, uint64_t hash, size_t length, char **cause);

/* Reads the issue out of the index, named name; returns 0 and sets *out
 * (the caller frees it with issue_free), or -1 when the index cannot be
 * read. */
int index_load_issue(sqlite3 *db, const char *name, Issue **out);

#endif
