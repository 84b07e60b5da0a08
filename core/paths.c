/* Where shuzhi keeps things: the bundled issue, the cache, the state. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "xalloc.h"

#define BUNDLED_NAME "shuzhi-2022-02.txt"

/* Returns non-zero when path names a readable regular file. */
static int
paths_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

/* Returns the directory of the running binary (caller frees), or NULL. */
static char *
paths_binary_dir(const char *argv0)
{
	char buf[PATH_MAX];
	ssize_t n;
	char *slash;

	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0) {
		if (argv0 == NULL || strchr(argv0, '/') == NULL)
			return NULL;
		if (strlen(argv0) >= sizeof buf)
			return NULL;
		strcpy(buf, argv0);
		n = (ssize_t)strlen(buf);
	}
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(buf[0] != '\0' ? buf : "/");
}

/* Returns the path of the bundled issue; the caller frees it. */
char *
paths_bundled_issue(const char *argv0)
{
	char *dir = paths_binary_dir(argv0);
	char *path;

	if (dir != NULL) {
		path = xasprintf("%s/assets/%s", dir, BUNDLED_NAME);
		free(dir);
		if (paths_is_file(path))
			return path;
		free(path);
	}
#ifdef SHUZHI_SRCDIR
	path = xasprintf("%s/assets/%s", SHUZHI_SRCDIR, BUNDLED_NAME);
	if (paths_is_file(path))
		return path;
	free(path);
#endif
	return xasprintf("%s/%s", SHUZHI_PKGDATADIR, BUNDLED_NAME);
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
