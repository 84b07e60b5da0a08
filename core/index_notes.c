/* The notices an open of the index hands to its caller: one line each,
 * joined by "; ", each said once (a damaged cache, the cache not used,
 * files passed over). Any step of the opening may add one. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "index_internal.h"
#include "xalloc.h"

/* Adds a one-line notice to those index_open() hands over, once. */
void
index_note(Index *index, const char *fmt, ...)
{
	va_list ap;
	char *note, *joined;

	va_start(ap, fmt);
	note = xvasprintf(fmt, ap);
	va_end(ap);
	if (index->notes == NULL)
		index->notes = note;
	else if (strstr(index->notes, note) == NULL) {
		joined = xasprintf("%s; %s", index->notes, note);
		free(index->notes);
		free(note);
		index->notes = joined;
	} else
		free(note);
}

/* Notes that the cache file was damaged and is built anew. */
void
index_note_damage(Index *index)
{
	index_note(index, "%s was damaged: the index is built anew", index->cache_path);
}

/* Notes why the cache is not used, when it is not (why: freed here). */
void
index_note_memory(Index *index, char *why)
{
	if (why != NULL)
		index_note(index, "cannot use the index cache (%s): the index is kept in memory", why);
	free(why);
}
