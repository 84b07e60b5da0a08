/* The Han strings of the text a word of Latin letters stands for, as
 * pinyin or as initials (search_walk.c); search_reading.c makes them the
 * word's alternatives. Inside the search: not for the front end. */
#ifndef SHUZHI_SEARCH_WALK_H
#define SHUZHI_SEARCH_WALK_H

#include <stddef.h>

#include "index.h"

/* Initials are of words: two to four letters (a longer run of letters
 * that is no word and no pinyin is a typo, and finds nothing). */
#define SEARCH_WALK_MIN_INITIALS 2
#define SEARCH_WALK_MAX_INITIALS 4

/* Returns the Han strings of the index that folded (pinyin_fold()) spells
 * as pinyin, or (initials non-zero) whose characters' readings start with
 * its letters in turn, the most frequent first, and their number in *n;
 * the caller frees each string and the array. */
char **search_walk(Index *index, const char *folded, int initials, size_t *n);

#endif
