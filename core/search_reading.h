/* How a query typed without a Chinese input method is read: a Latin word
 * that is no word of the text but pinyin stands for the Han words of the
 * text that read so (shuju: 数据, 书局), two to four letters that are
 * neither for the words whose characters start so (sjys: 数据要素), and
 * Han text for its other script (數據 and 数据). See README, "Searching
 * by pinyin". */
#ifndef SHUZHI_SEARCH_READING_H
#define SHUZHI_SEARCH_READING_H

#include "index.h"
#include "query.h"

/* Returns the query translated for the index (flags as query_parse_with),
 * each term ORed with what it
 * stands for; free it with query_free. *reading (when reading is not
 * NULL) receives how the query was read, e.g. "shuju → 数据 · 书局", or
 * NULL when it was read as typed; the caller frees it. */
Query *search_reading_parse(Index *index, const char *text, int flags, char **reading);

/* Returns how the query is read for the index (as *reading above), or
 * NULL when as typed; the caller frees it. */
char *search_reading(Index *index, const char *text);

#endif
