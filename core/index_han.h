/* What the index knows of its Han text beyond FTS5, for the searches a
 * reader can type without a Chinese input method: the characters,
 * adjacent pairs and triples its issues hold (the vocabulary pinyin and initials are
 * read against), whether an issue is printed in traditional characters,
 * and the OpenCC converter. Inside the index: not for the front end. */
#ifndef SHUZHI_INDEX_HAN_H
#define SHUZHI_INDEX_HAN_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "hanconv.h"
#include "index.h"
#include "issue.h"
#include "tokenize.h"

/* A pair of characters a, b as one key (a << 21 | b); a character alone
 * is the pair (c, 0). */
#define INDEX_HAN_KEY(a, b) ((uint64_t)(a) << 21 | (uint64_t)(b))
#define INDEX_HAN_SECOND(key) ((uint32_t)((key) & 0x1fffff))
/* Three characters in a row as one key; the last is INDEX_HAN_SECOND. */
#define INDEX_HAN_TRIPLE(a, b, c) (INDEX_HAN_KEY(a, b) << 21 | (uint64_t)(c))

typedef struct IndexHan IndexHan;

/* An issue's characters, pairs and triples (with how often each pair
 * occurs), and whether it is printed in traditional characters: made from
 * its text, then written and added to the union (index_han_update.c). */
typedef struct IndexHanRow IndexHanRow;

/* What is being gathered of an issue's text. */
typedef struct IndexHanText IndexHanText;

/* An update of an archive's union of its issues' lists (han_all), with
 * how many issues hold each key and how often each pair occurs. */
typedef struct IndexHanUpdate IndexHanUpdate;

/* Starts gathering an issue's lists from its strings (the titles and
 * texts of its articles, each given whole to index_han_text_add);
 * index_han_text_finish returns them, and frees text: work with no
 * database, which an update does on a second thread (index_prefetch.c).
 * Free the lists with index_han_row_free. */
IndexHanText *index_han_text_new(void);
void index_han_text_add(IndexHanText *text, const char *s, size_t len);
IndexHanRow *index_han_text_finish(IndexHanText *text);

/* The same, for a caller that tokenizes the strings itself (the document
 * way) and hands each token to index_han_text_token (a TokenHandler whose
 * data is text), after index_han_text_begin at the start of each
 * string. */
void index_han_text_begin(IndexHanText *text);
int index_han_text_token(void *data, const Token *token);

void index_han_row_free(IndexHanRow *row);

/* Writes the han table's row for issue id (whether it is traditional).
 * Runs inside the caller's transaction; returns an SQLite code. */
int index_han_write(sqlite3 *db, const IndexHanRow *row, sqlite3_int64 id);

/* Starts an update of db's union, read on first need: add the lists of
 * every issue the update writes and remove those of every issue it takes
 * out, then index_han_update_finish writes the union, when anything
 * changed, inside the caller's transaction, and frees the update
 * (returning an SQLite code); index_han_update_free frees it unwritten.
 * Both take NULL. */
IndexHanUpdate *index_han_update_start(sqlite3 *db);
void index_han_update_add(IndexHanUpdate *update, const IndexHanRow *row);
void index_han_update_remove(IndexHanUpdate *update, const IndexHanRow *row);
int index_han_update_finish(IndexHanUpdate *update);
void index_han_update_free(IndexHanUpdate *update);

/* Returns the Han vocabulary of the index's issues as they are now, read
 * on first use and again when the issues changed; owned by the index, it
 * stays valid until the next call or index_close(). Its lists are empty
 * when it cannot be read. */
IndexHan *index_han_vocabulary(Index *index);

/* Returns the vocabulary's characters, those that occur most often first,
 * and their number in *n. */
const uint32_t *index_han_chars(const IndexHan *han, size_t *n);

/* Returns the keys of the pairs character c starts, sorted, and their
 * number in *n (0 when none): the second characters are the characters
 * that follow c somewhere in the text. */
const uint64_t *index_han_pairs_after(const IndexHan *han, uint32_t c, size_t *n);

/* Returns the keys (INDEX_HAN_TRIPLE) of the triples the pair a, b
 * starts, sorted, and their number in *n: the characters that follow a
 * and b in a row somewhere in the text (the triples are read on first
 * use). */
const uint64_t *index_han_triples_after(IndexHan *han, uint32_t a, uint32_t b, size_t *n);

/* Returns how many of the index's issues hold the key keys[i], for keys
 * a list index_han_pairs_after() or index_han_triples_after() returned
 * (0 for any other). A word of the language is in most issues; a chance
 * run of characters across a word's edge is in few. */
unsigned index_han_issues(const IndexHan *han, const uint64_t *keys, size_t i);

/* Returns how often the pair a, b (a character alone: b 0) occurs in the
 * index's text, all issues together (0 when never), and sets *issues to
 * how many issues hold it. A word of the language recurs; a run of
 * characters across a word's edge seldom does. */
unsigned index_han_occurrences(const IndexHan *han, uint32_t a, uint32_t b, unsigned *issues);
/* Returns the letters c's readings start with (pinyin_initials()), from
 * a hash of the vocabulary's characters. */
uint32_t index_han_initials(const IndexHan *han, uint32_t c);
/* Returns how often the pair keys[i] occurs, for keys a list
 * index_han_pairs_after() returned (0 for any other). */
unsigned index_han_pair_occurrences(const IndexHan *han, const uint64_t *keys, size_t i);
/* Returns the letters the last characters' readings start with
 * (index_han_initials()) of the n pairs or triples keys, a list
 * index_han_pairs_after() or index_han_triples_after() returned, in the
 * same order (and bit 31 set); worked out on first use and kept with the
 * vocabulary. NULL for any other list. Pass the whole list: a part of one
 * would leave the rest unknown. */
const uint32_t *index_han_last_initials(IndexHan *han, const uint64_t *keys, size_t n);
/* Returns how often the most frequent pair occurs that c starts with a
 * character whose readings start with letter (0 for a, 25 for z): no
 * string of initials that goes on from c with that letter occurs more
 * often. Worked out for all letters on c's first use and kept with the
 * vocabulary. */
unsigned index_han_most_after(IndexHan *han, uint32_t c, unsigned letter);
/* Returns non-zero when an issue of the index is printed in traditional
 * characters (one small query; the vocabulary is not read). */
int index_han_has_traditional(Index *index);

/* Returns the index's converter (opened lazily; see hanconv.h). */
HanConv *index_han_converter(Index *index);

/* Frees what the index keeps of its Han text. */
void index_han_free(IndexHan *han);

#endif
