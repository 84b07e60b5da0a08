/* Where shuzhi keeps things: the bundled issue, the cache, the state. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include "xalloc.h"

#define BUNDLED_NAME "shuzhi-2022-02.txt"

/* Returns the path of the bundled issue; the caller frees it. */
char *
paths_bundled_issue(void)
{
	const char *dir = getenv("SHUZHI_DATADIR");

	if (dir == NULL || dir[0] == '\0')
		dir = SHUZHI_PKGDATADIR;
	return xasprintf("%s/%s", dir, BUNDLED_NAME);
}

/* Returns $var/shuzhi, else $HOME/fallback/shuzhi, or NULL; caller frees. */
static char *
paths_xdg_dir(const char *var, const char *fallback)
{
	const char *value = getenv(var);
	const char *home;

	if (value != NULL && value[0] == '/')
		return xasprintf("%s/shuzhi", value);
	home = getenv("HOME");
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/%s/shuzhi", home, fallback);
	return NULL;
}

/* Returns the cache folder; the caller frees it. */
char *
paths_cache_dir(void)
{
	return paths_xdg_dir("XDG_CACHE_HOME", ".cache");
}

/* Returns the state folder; the caller frees it. */
char *
paths_state_dir(void)
{
	return paths_xdg_dir("XDG_STATE_HOME", ".local/state");
}

/* Returns non-zero when dir lies in $HOME and $HOME is no folder: the
 * folders of a home that does not exist are never made (not even by root,
 * who could). */
static int
paths_in_missing_home(const char *dir)
{
	const char *home = getenv("HOME");
	size_t len = home != NULL ? strlen(home) : 0;
	struct stat st;

	if (len == 0 || strncmp(dir, home, len) != 0 || (dir[len] != '/' && home[len - 1] != '/'))
		return 0;
	return stat(home, &st) != 0 || !S_ISDIR(st.st_mode);
}

/* Creates dir and its parents with mode 0700 (never a missing $HOME's). */
int
paths_make_dir(const char *dir, char **cause)
{
	char *copy = xstrdup(dir);
	char *p;
	struct stat st;
	int rc = 0;

	if (paths_in_missing_home(dir)) {
		if (cause != NULL)
			*cause = xasprintf("%s: the home folder does not exist", getenv("HOME"));
		free(copy);
		return -1;
	}
	for (p = copy + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			if (cause != NULL)
				*cause = xasprintf("%s: %s", copy, strerror(errno));
			rc = -1;
			break;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		if (cause != NULL)
			*cause = xasprintf("%s: not a folder", dir);
		rc = -1;
	}
	free(copy);
	return rc;
}
