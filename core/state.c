/* The reader's memory: places and marks, one text file per issue.
 *
 * The file ($dir/issue-<hash of the key>) reads:
 *	shuzhi-state 1
 *	key /path/of/the/issue.txt
 *	saved 1790000000123456
 *	place 1.3 1234
 *	mark a 2.7 0
 * Unknown or damaged lines are skipped; a file without the first line, or
 * for another key, is ignored as a whole. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buffer.h"
#include "hash.h"
#include "paths.h"
#include "state.h"
#include "xalloc.h"

#define STATE_MAGIC	"shuzhi-state 1"
#define STATE_MAX_SIZE	(64 * 1024)
#define STATE_MARKS	128

/* A place with its own copy of the article ID. */
typedef struct StateSlot {
	int		set;
	int		changed;	/* set in this session: wins over the file */
	StatePlace	place;
} StateSlot;

struct State {
	char		*dir;		/* NULL: nowhere to keep anything */
	char		*path;
	char		*key;		/* printable copy of the key */
	int		 writable;
	long long	 saved;		/* when the file was written (microseconds), 0: never */
	StateSlot	 place;
	StateSlot	 marks[STATE_MARKS];	/* indexed by the mark's ASCII name */
};

/* Returns a copy of s with controls replaced by '?'; the caller frees it. */
static char *
state_printable(const char *s)
{
	char *copy = xstrdup(s), *p;

	for (p = copy; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return copy;
}

/* Returns non-zero when id can be written on a line: printable, no spaces. */
static int
state_id_valid(const char *id)
{
	const unsigned char *p = (const unsigned char *)id;

	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* Sets a slot to a place, copying the ID. */
static void
state_slot_set(StateSlot *slot, const char *article, size_t offset)
{
	char *copy = xstrdup(article);

	free((char *)slot->place.article);
	slot->place.article = copy;
	slot->place.offset = offset;
	slot->set = 1;
}

/* Returns non-zero for a mark's name. */
int
state_mark_valid(int name)
{
	return (name >= 'a' && name <= 'z') || (name >= 'A' && name <= 'Z') ||
	    (name >= '0' && name <= '9') || name == STATE_MARK_PREVIOUS;
}

/* Parses "ID OFFSET" at s into a slot; returns 0 or -1 when damaged. */
static int
state_parse_place(const char *s, StateSlot *slot)
{
	const char *space = strchr(s, ' ');
	char *id, *end;
	unsigned long long offset;

	if (space == NULL || space == s || space[1] < '0' || space[1] > '9')
		return -1;
	errno = 0;
	offset = strtoull(space + 1, &end, 10);
	if (errno != 0 || *end != '\0' || offset > SIZE_MAX)
		return -1;
	id = xstrndup(s, (size_t)(space - s));
	if (state_id_valid(id))
		state_slot_set(slot, id, (size_t)offset);
	free(id);
	return 0;
}

/* Reads the state file's lines into the state; returns 0, or -1 with
 * *cause when the file is there but cannot be used. */
static int
state_parse(State *state, char *data, char **cause)
{
	char *line = data, *next;
	int first = 1;

	/* A byte order mark and CRLF line ends, as editors on Windows write. */
	if (strncmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	for (; line != NULL; line = next) {
		size_t len;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[len - 1] = '\0';
		if (first) {
			if (strcmp(line, STATE_MAGIC) != 0) {
				*cause = xasprintf("%s: not a shuzhi state file", state->path);
				return -1;
			}
			first = 0;
		} else if (strncmp(line, "key ", 4) == 0) {
			if (strcmp(line + 4, state->key) != 0) {
				*cause = xasprintf("%s: kept for another issue", state->path);
				return -1;
			}
		} else if (strncmp(line, "saved ", 6) == 0) {
			char *end;
			long long saved = strtoll(line + 6, &end, 10);

			if (*end == '\0' && saved > 0)
				state->saved = saved;
		} else if (strncmp(line, "place ", 6) == 0)
			state_parse_place(line + 6, &state->place);
		else if (strncmp(line, "mark ", 5) == 0 && state_mark_valid((unsigned char)line[5]) &&
		    line[6] == ' ')
			state_parse_place(line + 7, &state->marks[(unsigned char)line[5]]);
	}
	if (first) {
		*cause = xasprintf("%s: empty state file", state->path);
		return -1;
	}
	return 0;
}

/* Loads the state file; returns 0 (also when there is none) or -1 with *cause. */
static int
state_load(State *state, char **cause)
{
	struct stat st;
	char *data;
	ssize_t got;
	size_t have = 0;
	int fd, rc;

	fd = open(state->path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			return 0;
		*cause = xasprintf("%s: %s", state->path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > STATE_MAX_SIZE) {
		*cause = xasprintf("%s: not a state file", state->path);
		close(fd);
		return -1;
	}
	data = xmalloc(STATE_MAX_SIZE + 1);
	while (have < STATE_MAX_SIZE &&
	    (got = read(fd, data + have, STATE_MAX_SIZE - have)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("%s: %s", state->path, strerror(errno));
			free(data);
			close(fd);
			return -1;
		}
		have += (size_t)got;
	}
	close(fd);
	data[have] = '\0';
	if (memchr(data, '\0', have) != NULL) {
		*cause = xasprintf("%s: not a shuzhi state file", state->path);
		rc = -1;
	} else
		rc = state_parse(state, data, cause);
	free(data);
	return rc;
}

/* Drops every place read so far (the file turned out unusable). */
static void
state_clear(State *state)
{
	size_t i;

	free((char *)state->place.place.article);
	memset(&state->place, 0, sizeof state->place);
	for (i = 0; i < STATE_MARKS; i++) {
		free((char *)state->marks[i].place.article);
		memset(&state->marks[i], 0, sizeof state->marks[i]);
	}
}

/* Returns 0 when dir exists (made if needed) and can be written, else -1
 * with *cause. */
static int
state_check_dir(const char *dir, char **cause)
{
	if (paths_make_dir(dir, cause) != 0)
		return -1;
	if (access(dir, W_OK | X_OK) != 0) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* Opens the state of the issue known by key; never fails. */
State *
state_open(const char *dir, const char *key, char **notice)
{
	State *state = xcalloc(1, sizeof *state);
	char *read_cause = NULL, *dir_cause = NULL;

	if (notice != NULL)
		*notice = NULL;
	state->key = state_printable(key);
	if (dir == NULL) {
		if (notice != NULL)
			*notice = xstrdup("nothing will be remembered: no state folder "
			    "(neither XDG_STATE_HOME nor HOME is set)");
		return state;
	}
	state->dir = xstrdup(dir);
	state->path = xasprintf("%s/issue-%016llx", dir,
	    (unsigned long long)hash_string(state->key));
	if (state_load(state, &read_cause) != 0)
		state_clear(state);
	state->writable = state_check_dir(dir, &dir_cause) == 0;
	if (notice != NULL) {
		if (!state->writable && read_cause != NULL)
			*notice = xasprintf("nothing will be remembered: %s; %s", dir_cause, read_cause);
		else if (!state->writable)
			*notice = xasprintf("nothing will be remembered: %s", dir_cause);
		else if (read_cause != NULL)
			*notice = xasprintf("starting afresh: %s (kept as %s.bak)", read_cause,
			    state->path);
	}
	free(read_cause);
	free(dir_cause);
	return state;
}

/* Frees the state. */
void
state_free(State *state)
{
	if (state == NULL)
		return;
	state_clear(state);
	free(state->dir);
	free(state->path);
	free(state->key);
	free(state);
}

/* Returns non-zero when the state can be saved. */
int
state_writable(const State *state)
{
	return state->writable;
}

/* Returns when the state file was written, 0 when never. */
long long
state_saved_time(const State *state)
{
	return state->saved;
}

/* Returns the state file's path, or NULL. */
const char *
state_path(const State *state)
{
	return state->path;
}

/* Returns the saved place or NULL; owned by the state. */
const StatePlace *
state_place(const State *state)
{
	return state->place.set ? &state->place.place : NULL;
}

/* Sets the reading place. */
void
state_set_place(State *state, const char *article, size_t offset)
{
	if (state_id_valid(article)) {
		state_slot_set(&state->place, article, offset);
		state->place.changed = 1;
	}
}

/* Returns a mark or NULL; owned by the state. */
const StatePlace *
state_mark(const State *state, int name)
{
	if (!state_mark_valid(name) || !state->marks[name].set)
		return NULL;
	return &state->marks[name].place;
}

/* Sets a mark. */
void
state_set_mark(State *state, int name, const char *article, size_t offset)
{
	if (state_mark_valid(name) && state_id_valid(article)) {
		state_slot_set(&state->marks[name], article, offset);
		state->marks[name].changed = 1;
	}
}

/* Keeps the file at path aside as path.bak (path.bak.2 ... when taken)
 * before it is replaced: what could not be read is never lost. Returns
 * the name it is kept under (the caller frees it), or NULL. */
static char *
state_keep_aside(const char *path)
{
	char *bak = xasprintf("%s.bak", path);
	int n;

	for (n = 2; n < 100; n++) {
		if (link(path, bak) == 0)
			return bak;
		if (errno != EEXIST)
			break;
		free(bak);
		bak = xasprintf("%s.bak.%d", path, n);
	}
	free(bak);
	return NULL;
}

/* Takes from the file what another reader of the same issue saved since
 * this state was read, for every slot not changed here. */
static void
state_merge_file(State *state)
{
	State disk = { 0 };
	char *cause = NULL;
	int i;

	disk.path = state->path;
	disk.key = state->key;
	if (state_load(&disk, &cause) != 0 && access(state->path, F_OK) == 0) {
		/* There but unreadable (a newer version, too large, damaged):
		 * kept aside, never overwritten. */
		free(state_keep_aside(state->path));
	} else if (cause == NULL) {
		if (!state->place.changed && disk.place.set)
			state_slot_set(&state->place, disk.place.place.article,
			    disk.place.place.offset);
		for (i = 0; i < STATE_MARKS; i++)
			if (!state->marks[i].changed && disk.marks[i].set)
				state_slot_set(&state->marks[i], disk.marks[i].place.article,
				    disk.marks[i].place.offset);
	}
	free(cause);
	state_clear(&disk);
}

/* Returns the file's text for the state; the caller frees it. */
static char *
state_format(const State *state)
{
	Buffer b = { 0 };
	int i;

	buffer_printf(&b, "%s\nkey %s\nsaved %lld\n", STATE_MAGIC, state->key, state->saved);
	if (state->place.set)
		buffer_printf(&b, "place %s %zu\n", state->place.place.article,
		    state->place.place.offset);
	for (i = 0; i < STATE_MARKS; i++)
		if (state->marks[i].set)
			buffer_printf(&b, "mark %c %s %zu\n", i, state->marks[i].place.article,
			    state->marks[i].place.offset);
	return buffer_take(&b);
}

/* Returns the time in microseconds since the epoch. */
static long long
state_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Writes len bytes to fd; returns 0 or -1 with errno set. */
static int
state_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes the state file atomically. */
int
state_save(State *state, char **cause)
{
	char *text, *temp;
	int fd, saved_errno;

	if (!state->writable || state->path == NULL)
		return 0;
	state_merge_file(state);
	state->saved = state_now();
	text = state_format(state);
	temp = xasprintf("%s.XXXXXX", state->path);
	fd = mkstemp(temp);
	if (fd == -1) {
		*cause = xasprintf("%s: %s", state->dir, strerror(errno));
		free(temp);
		free(text);
		return -1;
	}
	if (state_write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0) {
		saved_errno = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0 || rename(temp, state->path) != 0) {
		saved_errno = errno;
		goto fail;
	}
	free(temp);
	free(text);
	return 0;

fail:
	unlink(temp);
	*cause = xasprintf("%s: %s", state->path, strerror(saved_errno));
	free(temp);
	free(text);
	return -1;
}
