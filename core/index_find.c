/* Finding an archive's files while its cache file is looked at. With
 * 1,000 files, reading the folders and a stat() of each file cost about
 * as much as opening the cache file and reading its issues, and neither
 * needs the other: the cache file is named by the archive's key, which
 * the arguments give (archive_key). So the files are found on a second
 * thread while this one looks at the cache (index_archive_peek), and
 * index_archive_attach() then takes the look.
 *
 * The second thread is placed on another core: left to the scheduler it
 * starts on this one, where it waits, and this thread with it, until the
 * idle core takes work, a scheduler tick later. Should that core be busy
 * and the thread not have started when the look is done, this thread
 * finds the files itself, so an open never waits on a thread that cannot
 * run. */
#define _GNU_SOURCE 1	/* sched_getcpu, pthread_attr_setaffinity_np */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "archive.h"
#include "index.h"
#include "index_internal.h"
#include "xalloc.h"

/* A search for the files, shared by the two threads; the last to leave
 * it frees it. */
typedef struct FileSearch {
	const char *const	*paths;
	size_t			 npaths;
	pthread_mutex_t		 lock;
	pthread_cond_t		 done_changed;
	int			 claimed;	/* a thread has taken the search */
	int			 done;		/* and finished it */
	int			 users;		/* threads still holding it */
	ArchiveFiles		*files;
	char			*failure;
	int			 rc;
} FileSearch;

/* Takes the search for the calling thread; returns non-zero when it was
 * not taken yet. */
static int
index_find_claim(FileSearch *search)
{
	int first;

	pthread_mutex_lock(&search->lock);
	first = !search->claimed;
	search->claimed = 1;
	pthread_mutex_unlock(&search->lock);
	return first;
}

/* Finds the files, and says so to the other thread. */
static void
index_find_run(FileSearch *search)
{
	search->rc = archive_find(search->paths, search->npaths, &search->files,
	    &search->failure);
	pthread_mutex_lock(&search->lock);
	search->done = 1;
	pthread_cond_broadcast(&search->done_changed);
	pthread_mutex_unlock(&search->lock);
}

/* Lets go of the search; the last thread frees it. */
static void
index_find_leave(FileSearch *search)
{
	int last;

	pthread_mutex_lock(&search->lock);
	last = --search->users == 0;
	pthread_mutex_unlock(&search->lock);
	if (!last)
		return;
	pthread_cond_destroy(&search->done_changed);
	pthread_mutex_destroy(&search->lock);
	free(search);
}

/* The second thread: finds the files unless this thread did. */
static void *
index_find_thread(void *data)
{
	FileSearch *search = data;

	if (index_find_claim(search))
		index_find_run(search);
	index_find_leave(search);
	return NULL;
}

/* Starts the second thread, detached, on a core other than this one's
 * when there is one; returns 0 or -1. */
static int
index_find_start(FileSearch *search)
{
	pthread_attr_t attr;
	pthread_t thread;
	int rc;

	if (pthread_attr_init(&attr) != 0)
		return -1;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
#if defined(HAVE_PTHREAD_ATTR_SETAFFINITY_NP) && defined(HAVE_SCHED_GETCPU)
	{
		cpu_set_t cores;
		int here = sched_getcpu();

		if (here >= 0 && sched_getaffinity(0, sizeof cores, &cores) == 0 &&
		    CPU_ISSET(here, &cores) && CPU_COUNT(&cores) > 1) {
			CPU_CLR(here, &cores);
			pthread_attr_setaffinity_np(&attr, sizeof cores, &cores);
		}
	}
#endif
	rc = pthread_create(&thread, &attr, index_find_thread, search);
	pthread_attr_destroy(&attr);
	return rc == 0 ? 0 : -1;
}

/* Returns a new search for the files of paths, held by two threads, or
 * NULL when its lock cannot be made. */
static FileSearch *
index_find_new(const char *const *paths, size_t npaths)
{
	FileSearch *search = xcalloc(1, sizeof *search);

	search->paths = paths;
	search->npaths = npaths;
	search->users = 2;
	if (pthread_mutex_init(&search->lock, NULL) != 0) {
		free(search);
		return NULL;
	}
	if (pthread_cond_init(&search->done_changed, NULL) != 0) {
		pthread_mutex_destroy(&search->lock);
		free(search);
		return NULL;
	}
	return search;
}

/* Finds the files, looking at their cache file meanwhile; see
 * index_internal.h. */
int
index_find_archive(const char *const *paths, size_t npaths, int flags, ArchiveFiles **files,
    IndexPeek **peek, char **cause)
{
	FileSearch *search = NULL;
	char *key = NULL;
	int folders = 0, rc;

	*files = NULL;
	*peek = NULL;
	/* Only folders take long to search; a rebuild or an index in
	 * memory reads no cache file. */
	if (!(flags & (INDEX_REBUILD | INDEX_MEMORY)) &&
	    archive_key(paths, npaths, &key, &folders) == 0 && folders)
		search = index_find_new(paths, npaths);
	if (search != NULL && index_find_start(search) != 0) {
		pthread_cond_destroy(&search->done_changed);
		pthread_mutex_destroy(&search->lock);
		free(search);
		search = NULL;
	}
	if (search == NULL) {
		free(key);
		return archive_find(paths, npaths, files, cause);
	}
	*peek = index_archive_peek(key);
	free(key);
	if (index_find_claim(search))
		index_find_run(search);
	pthread_mutex_lock(&search->lock);
	while (!search->done)
		pthread_cond_wait(&search->done_changed, &search->lock);
	pthread_mutex_unlock(&search->lock);
	rc = search->rc;
	*files = search->files;
	if (rc != 0) {
		index_archive_peek_free(*peek);
		*peek = NULL;
		*cause = search->failure;
	}
	index_find_leave(search);
	return rc;
}
