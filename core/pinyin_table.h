/* The readings table core/pinyin_table.c, which tools/make-pinyin-table
 * writes from Unihan. Only core/pinyin.c reads it. */
#ifndef SHUZHI_PINYIN_TABLE_H
#define SHUZHI_PINYIN_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* The toneless syllables, sorted. */
extern const char *const pinyin_table_syllables[];
extern const size_t pinyin_table_nsyllables;

/* Every character with a reading or a simplified form: code point << 1,
 * | 1 when it is a traditional form; sorted. */
extern const uint32_t pinyin_table_chars[];
extern const size_t pinyin_table_nchars;

/* Character i's readings are pinyin_table_readings[pinyin_table_first[i] ..
 * pinyin_table_first[i + 1] - 1], numbers of pinyin_table_syllables. */
extern const uint32_t pinyin_table_first[];
extern const uint16_t pinyin_table_readings[];

#endif
