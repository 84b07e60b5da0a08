/* The interactive reader: contents, article, status line, search bar. */
#ifndef SHUZHI_READER_H
#define SHUZHI_READER_H

#include "index.h"

/* Runs the reader on the terminal (stdin and stdout) until the user quits
 * or a signal ends it, remembering the place. notice (optional) is a
 * one-line message shown once on the first screen, e.g. that the index
 * lives in memory. Returns 0, or -1 with a one-line *cause (caller frees)
 * to print once the terminal is restored: no UTF-8 locale, a terminal that
 * cannot show the reader (TERM=dumb), no issue in the index; or
 * READER_INTERRUPTED when Ctrl-C (SIGINT) ended it, the place saved. */
#define READER_INTERRUPTED 130
int reader_run(Index *index, const char *notice, char **cause);

#endif
