/* Reading and parsing the files an update indexes, on a second thread,
 * while the first writes the issues before them into the database.
 *
 * An update (index_sync.c) reads, hashes and parses each new or changed
 * file, gathers its Han vocabulary (index_han_update.c), counts its
 * blocks' token positions and records the tokens FTS5 will take
 * (index_build.c), then writes it: all but the
 * writing needs no database. A worker thread prepares the files in the
 * order the update takes them, at most INDEX_PREFETCH_AHEAD ahead of it (each prepared
 * issue holds its text), so that one core parses while the other writes;
 * SQLite and FTS5 stay on the update's own thread. Without a thread (one
 * could not be started) each file is prepared when it is taken. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "hash.h"
#include "index_han.h"
#include "index_internal.h"
#include "xalloc.h"

/* How many prepared files may wait for the writer. */
#define INDEX_PREFETCH_AHEAD 4

struct IndexPrefetch {
	IndexPrefetchFile *files;
	IndexPrepared	*prepared;
	int		*ready;
	size_t		 count;
	size_t		 taken;		/* handed to the writer */
	int		 stop;
	int		 threaded;
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 changed;
};

/* Reads, hashes and (unless its text is the one the index holds) parses
 * a file. */
static void
index_prefetch_prepare(const IndexPrefetchFile *file, IndexPrepared *out)
{
	const ArchiveFile *f = file->file;

	memset(out, 0, sizeof *out);
	if (file_read(f->path, &out->data, &out->length, &out->failure) != 0) {
		out->error = errno;
		out->data = NULL;
		return;
	}
	out->hash = hash_bytes(out->data, out->length);
	if (file->hash_known && file->hash == out->hash && file->length == out->length)
		return;		/* touched, not changed */
	out->parsed = 1;
	if (issue_parse(out->data, out->length, f->path, &out->issue, &out->failure) != 0)
		out->issue = NULL;
	else {
		/* One tokenizing of the text for all the writer needs. */
		IndexHanText *han = index_han_text_new();

		out->tokens = index_build_tokens(out->issue, han, 1);
		out->han = index_han_text_finish(han);
	}
}

/* Frees what a prepared file holds. */
void
index_prepared_clear(IndexPrepared *prepared)
{
	free(prepared->data);
	free(prepared->failure);
	issue_free(prepared->issue);
	index_han_row_free(prepared->han);
	index_build_tokens_free(prepared->tokens);
	memset(prepared, 0, sizeof *prepared);
}

/* The worker: prepares the files in order, staying at most
 * INDEX_PREFETCH_AHEAD ahead of the writer. */
static void *
index_prefetch_work(void *data)
{
	IndexPrefetch *p = data;
	size_t i;

	for (i = 0; i < p->count; i++) {
		pthread_mutex_lock(&p->lock);
		while (!p->stop && i >= p->taken + INDEX_PREFETCH_AHEAD)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->stop) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		pthread_mutex_unlock(&p->lock);
		index_prefetch_prepare(&p->files[i], &p->prepared[i]);
		pthread_mutex_lock(&p->lock);
		p->ready[i] = 1;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

/* Starts preparing files; see index_internal.h. */
IndexPrefetch *
index_prefetch_start(IndexPrefetchFile *files, size_t count)
{
	IndexPrefetch *p = xcalloc(1, sizeof *p);

	p->files = files;
	p->count = count;
	p->prepared = xcalloc(count + 1, sizeof *p->prepared);
	p->ready = xcalloc(count + 1, sizeof *p->ready);
	/* One file gains nothing from a thread. */
	if (count > 1 && pthread_mutex_init(&p->lock, NULL) == 0) {
		if (pthread_cond_init(&p->changed, NULL) == 0) {
			p->threaded = pthread_create(&p->thread, NULL, index_prefetch_work, p) == 0;
			if (!p->threaded)
				pthread_cond_destroy(&p->changed);
		}
		if (!p->threaded)
			pthread_mutex_destroy(&p->lock);
	}
	return p;
}

/* Hands over the next file, prepared; see index_internal.h. */
void
index_prefetch_take(IndexPrefetch *p, IndexPrepared *out)
{
	size_t i = p->taken;

	memset(out, 0, sizeof *out);
	if (i >= p->count)
		return;
	if (!p->threaded) {
		p->taken++;
		index_prefetch_prepare(&p->files[i], out);
		return;
	}
	pthread_mutex_lock(&p->lock);
	while (!p->ready[i])
		pthread_cond_wait(&p->changed, &p->lock);
	*out = p->prepared[i];
	memset(&p->prepared[i], 0, sizeof p->prepared[i]);
	p->taken++;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

/* Stops the worker and frees what the writer did not take. */
void
index_prefetch_stop(IndexPrefetch *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->threaded) {
		pthread_mutex_lock(&p->lock);
		p->stop = 1;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->thread, NULL);
		pthread_cond_destroy(&p->changed);
		pthread_mutex_destroy(&p->lock);
	}
	for (i = 0; i < p->count; i++)
		index_prepared_clear(&p->prepared[i]);
	free(p->prepared);
	free(p->ready);
	free(p);
}
