/* Citations: a passage of an article as printed, followed by the line that
 * cites it, e.g. "——《数志》2022年第2期(总第十二期),第154页,《江苏省公共数据
 * 管理办法》". Built from the issue's metadata; see README. */
#ifndef SHUZHI_CITATION_H
#define SHUZHI_CITATION_H

#include <stddef.h>

#include "issue.h"

/* Returns n (1 to 99999) in Chinese numerals, "十二", "一百零八"; the
 * caller frees it. Other n: its ASCII digits. */
char *citation_han_number(int n);

/* Returns an article's title as cited: in 《》, titles marks inside it
 * turned into 〈〉; a title that is one 《name》 with at most a note in
 * brackets after it cites the name. The caller frees it. */
char *citation_title(const char *title);

/* Returns the citation line for pages first_page to last_page (0: none)
 * of an article. The caller frees it. */
char *citation_line(const Issue *issue, const Article *article, int first_page, int last_page);

/* Returns blocks first to last (inclusive, clamped to the article) of an
 * article: their text unwrapped, a blank line between blocks, then a line
 * break and the citation line, no final line break. The caller frees it. */
char *citation_passage(const Issue *issue, const Article *article, size_t first, size_t last);

/* Writes text and a final line break to dir's file "clip" (dir made if
 * need be), replacing it whole. Returns 0, or -1 with *cause (caller frees). */
int citation_write_clip(const char *dir, const char *text, char **cause);

#endif
