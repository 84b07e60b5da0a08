/* Mandarin readings of Han characters (Unihan, through the generated
 * core/pinyin_table.c) and pinyin as a reader types it without an input
 * method: toneless or with tone marks or digits, u with diaeresis as v,
 * syllables run together. See README, "Searching by pinyin". */
#ifndef SHUZHI_PINYIN_H
#define SHUZHI_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* Returns the number of toneless readings of character c and points
 * *syllables at their numbers (static data); 0 for a character without. */
size_t pinyin_readings(uint32_t c, const uint16_t **syllables);

/* Returns syllable number i ("shu"); static data. */
const char *pinyin_syllable(uint16_t i);
/* Returns the letters c's readings start with, as bits (1 << 0 for a,
 * 1 << 25 for z); 0 when c has none. */
uint32_t pinyin_initials(uint32_t c);

/* Returns non-zero when c is a traditional form (it has a simplified
 * form that is another character). */
int pinyin_is_traditional(uint32_t c);

/* Returns the pinyin a query word of len bytes spells, folded: lower
 * case, tone marks and tone digits (after a syllable's letters) dropped,
 * u with diaeresis (or "u:") as v; NULL when the word is not letters of
 * the Latin alphabet so written. The caller frees it. */
char *pinyin_fold(const char *word, size_t len);

/* Returns non-zero when folded splits wholly into syllables. */
int pinyin_is_syllables(const char *folded);

/* Returns the offsets after character c when it is read at offset at of
 * folded: for each reading that spells folded[at..] onward, the offset
 * where the next character starts (initials 0); for initials non-zero,
 * at + 1 when a reading of c starts with folded[at]. Writes at most max
 * offsets to next, each once; returns their number. */
size_t pinyin_read_at(uint32_t c, const char *folded, size_t at, int initials, size_t *next,
    size_t max);

#endif
