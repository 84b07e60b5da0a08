/* Building an Issue: for the parser, and for the index reading an issue
 * back (index_load.c). The builder copies every string it is given. */
#ifndef SHUZHI_ISSUE_BUILD_H
#define SHUZHI_ISSUE_BUILD_H

#include "issue.h"

/* Returns a new empty issue named name; free with issue_free. */
Issue *issue_new(const char *name);
void issue_set_front(Issue *issue, const char *title, const char *date, int number);
void issue_set_page_count(Issue *issue, int pages);
/* Adds a section; returns its index. */
size_t issue_add_section(Issue *issue, const char *id, const char *title, const char *subtitle,
    int first_page, int last_page);
/* Adds an article to section (-1: front matter); returns its index. */
size_t issue_add_article(Issue *issue, const char *id, const char *title, int section);
/* Sets the source line of article i. */
void issue_set_source(Issue *issue, size_t i, const char *source);
/* Appends a block of len bytes to article i, printed from page to last_page. */
void issue_add_block(Issue *issue, size_t i, BlockKind kind, int page, int last_page, int line,
    const char *text, size_t len);
/* Joins each article's blocks into its text and fixes pages and offsets.
 * Call once, after the last block. */
void issue_finish(Issue *issue);

#endif
