/* The reader's memory: the reading place and the marks of each issue, kept
 * in the state folder ($XDG_STATE_HOME/shuzhi/), one small text file per
 * issue, written atomically. A damaged or unreadable file loses only itself;
 * a folder that cannot be written still lets the reader read. */
#ifndef SHUZHI_STATE_H
#define SHUZHI_STATE_H

#include <stddef.h>

/* A place in an issue: an article and a byte offset into its text. */
typedef struct StatePlace {
	const char	*article;	/* article ID ("1.3"), owned by the State */
	size_t		 offset;
} StatePlace;

typedef struct State State;

/* The mark that holds the place before the last jump (''). */
#define STATE_MARK_PREVIOUS '\''

/* Opens the state of the issue known by key (its file's path) in folder dir
 * (NULL: there is none). Never fails: a missing file gives an empty state.
 * *notice (optional, caller frees) is set to a one-line message when the
 * file could not be read or nothing will be remembered. The caller frees
 * the state with state_free. */
State *state_open(const char *dir, const char *key, char **notice);
void state_free(State *state);

/* Returns non-zero when state_save can write. */
int state_writable(const State *state);
/* Returns when the state was last saved (microseconds since the epoch), 0
 * when never: the issue read last in an archive is the one to reopen. */
long long state_saved_time(const State *state);
/* Returns the path of the state file (owned by the state), or NULL. */
const char *state_path(const State *state);

/* Returns non-zero for a mark's name: a letter, a digit or STATE_MARK_PREVIOUS. */
int state_mark_valid(int name);

/* Returns the saved reading place, or NULL; owned by the state. */
const StatePlace *state_place(const State *state);
void state_set_place(State *state, const char *article, size_t offset);

/* Returns mark name, or NULL when it is not set; owned by the state. */
const StatePlace *state_mark(const State *state, int name);
/* Sets mark name (state_mark_valid) to a place. */
void state_set_mark(State *state, int name, const char *article, size_t offset);

/* Writes the state file atomically (a temporary file renamed over it).
 * Returns 0 (also when the state is not writable: that was said once at
 * open), or -1 with *cause (caller frees). */
int state_save(State *state, char **cause);

#endif
