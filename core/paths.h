/* Where shuzhi keeps things: the bundled issue, the cache, the state. */
#ifndef SHUZHI_PATHS_H
#define SHUZHI_PATHS_H

/* Returns the path of the bundled issue (the caller frees it): in the
 * folder $SHUZHI_DATADIR names when it is set and not empty (the build
 * tree's ./shuzhi and the tests set it to the source's assets/), else in
 * the installed data folder, $(pkgdatadir). Never a path of the build. */
char *paths_bundled_issue(void);

/* Returns $XDG_CACHE_HOME/shuzhi (default ~/.cache/shuzhi), or NULL when
 * neither variable gives an absolute path. The caller frees it. The folder
 * is not created. */
char *paths_cache_dir(void);

/* Returns $XDG_STATE_HOME/shuzhi (default ~/.local/state/shuzhi), or NULL.
 * The caller frees it. The folder is not created. */
char *paths_state_dir(void);

/* Creates dir and its parents with mode 0700. Returns 0, or -1 with
 * *cause set (caller frees). */
int paths_make_dir(const char *dir, char **cause);

#endif
