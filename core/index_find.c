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
 * finds the files itself and lets the other run here, where it ends at
 * once: an open never waits on a thread that cannot run. */
#define _GNU_SOURCE 1	/* sched_getcpu, pthread_attr_setaffinity_np */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "archive.h"
#include "index.h"
#include "index_internal.h"

/* Whether threads can be placed on cores. */
#if defined(HAVE_PTHREAD_ATTR_SETAFFINITY_NP) && defined(HAVE_PTHREAD_SETAFFINITY_NP) && \
    defined(HAVE_SCHED_GETCPU)
#define INDEX_FIND_PLACED 1
#endif

/* A search for the files, shared by the two threads. */
typedef struct FileSearch {
	const char *const	*paths;
	size_t			 npaths;
	pthread_mutex_t		 lock;
	int			 claimed;	/* a thread has taken the search */
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

/* Finds the files. */
static void
index_find_run(FileSearch *search)
{
	search->rc = archive_find(search->paths, search->npaths, &search->files,
	    &search->failure);
}

/* The second thread: finds the files unless the first thread did. */
static void *
index_find_thread(void *data)
{
	FileSearch *search = data;

	if (index_find_claim(search))
		index_find_run(search);
	return NULL;
}

/* Starts the second thread, on a core other than this one's when there
 * is one; returns 0 or -1. */
static int
index_find_start(FileSearch *search, pthread_t *thread)
{
	pthread_attr_t attr;
	int rc;

	if (pthread_attr_init(&attr) != 0)
		return -1;
#ifdef INDEX_FIND_PLACED
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
	rc = pthread_create(thread, &attr, index_find_thread, search);
	pthread_attr_destroy(&attr);
	return rc == 0 ? 0 : -1;
}

/* Lets the second thread run on this core too, where it finds the search
 * taken and ends at once: what the first thread waits for when it did the
 * search itself, the other core being busy. */
static void
index_find_release(pthread_t thread)
{
#ifdef INDEX_FIND_PLACED
	cpu_set_t cores;

	if (sched_getaffinity(0, sizeof cores, &cores) == 0)
		pthread_setaffinity_np(thread, sizeof cores, &cores);
#else
	(void)thread;
#endif
}

/* Finds the files, looking at their cache file meanwhile; see
 * index_internal.h. */
int
index_find_archive(const char *const *paths, size_t npaths, int flags, ArchiveFiles **files,
    IndexPeek **peek, char **cause)
{
	FileSearch search = { paths, npaths, PTHREAD_MUTEX_INITIALIZER, 0, NULL, NULL, -1 };
	pthread_t thread;
	char *key = NULL;
	int folders = 0;

	*files = NULL;
	*peek = NULL;
	/* Only folders take long to search; a rebuild or an index in
	 * memory reads no cache file. */
	if ((flags & (INDEX_REBUILD | INDEX_MEMORY)) ||
	    archive_key(paths, npaths, &key, &folders) != 0 || !folders ||
	    index_find_start(&search, &thread) != 0) {
		free(key);
		return archive_find(paths, npaths, files, cause);
	}
	*peek = index_archive_peek(key);
	free(key);
	if (index_find_claim(&search)) {
		index_find_run(&search);
		index_find_release(thread);
	}
	pthread_join(thread, NULL);
	pthread_mutex_destroy(&search.lock);
	*files = search.files;
	if (search.rc != 0) {
		index_archive_peek_free(*peek);
		*peek = NULL;
		*cause = search.failure;
	}
	return search.rc;
}
