/* Mandarin readings and typed pinyin.
 *
 * The readings come from Unihan (kMandarin, kHanyuPinyin, kHanyuPinlu,
 * kXHC1983, kTGHZ2013: every reading of a character counts, so that 数
 * reads shu and shuo and 行 xing and hang) through core/pinyin_table.c,
 * which tools/make-pinyin-table writes. The table is sorted by code point
 * and searched in place: nothing is loaded or built at start-up. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "buffer.h"
#include "pinyin.h"
#include "pinyin_table.h"
#include "xalloc.h"

/* The longest syllable ("zhuang", "chuang", "shuang"). */
#define PINYIN_SYLLABLE_MAX 6

/* Returns the table's index of character c, or -1. */
static long
pinyin_find(uint32_t c)
{
	size_t lo = 0, hi = pinyin_table_nchars;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t here = pinyin_table_chars[mid] >> 1;

		if (here == c)
			return (long)mid;
		if (here < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Returns c's readings; see pinyin.h. */
size_t
pinyin_readings(uint32_t c, const uint16_t **syllables)
{
	long i = pinyin_find(c);

	if (i < 0) {
		*syllables = NULL;
		return 0;
	}
	*syllables = &pinyin_table_readings[pinyin_table_first[i]];
	return pinyin_table_first[i + 1] - pinyin_table_first[i];
}

/* Returns the letters c's readings start with; see pinyin.h. */
uint32_t
pinyin_initials(uint32_t c)
{
	const uint16_t *syllables;
	size_t n = pinyin_readings(c, &syllables), i;
	uint32_t letters = 0;

	for (i = 0; i < n; i++) {
		const char *s = pinyin_syllable(syllables[i]);

		if (s[0] >= 'a' && s[0] <= 'z')
			letters |= UINT32_C(1) << (s[0] - 'a');
	}
	return letters;
}

/* Returns syllable i; static data. */
const char *
pinyin_syllable(uint16_t i)
{
	return i < pinyin_table_nsyllables ? pinyin_table_syllables[i] : "";
}

/* Returns non-zero for a traditional form. */
int
pinyin_is_traditional(uint32_t c)
{
	long i = pinyin_find(c);

	return i >= 0 && (pinyin_table_chars[i] & 1);
}

/* Returns non-zero when the len bytes at s are a syllable. */
static int
pinyin_is_syllable(const char *s, size_t len)
{
	size_t lo = 0, hi = pinyin_table_nsyllables;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strncmp(pinyin_table_syllables[mid], s, len);

		if (cmp == 0 && pinyin_table_syllables[mid][len] != '\0')
			cmp = 1;
		if (cmp == 0)
			return 1;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Returns the folded pinyin of a query word, or NULL; see pinyin.h. */
char *
pinyin_fold(const char *word, size_t len)
{
	size_t n = 0, i;
	uint8_t *nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)word, len, NULL, &n);
	Buffer b = { 0 };
	int letters = 0, ok = nfd != NULL, after_letter = 0;

	for (i = 0; ok && i < n;) {
		ucs4_t c;
		int step = u8_mbtouc(&c, nfd + i, n - i);

		i += (size_t)step;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c >= 'a' && c <= 'z') {
			char ch = (char)c;

			buffer_append(&b, &ch, 1);
			letters++;
			after_letter = 1;
		} else if (c == 0x308 && b.len > 0 && b.data[b.len - 1] == 'u')
			b.data[b.len - 1] = 'v';
		else if (c >= 0x300 && c <= 0x36f && after_letter)
			;	/* a tone mark, or the hat of ê */
		else if (c >= '1' && c <= '5' && after_letter)
			after_letter = 0;	/* a tone number ends its syllable */
		else
			ok = 0;
	}
	free(nfd);
	if (!ok || letters == 0) {
		buffer_free(&b);
		return NULL;
	}
	return buffer_take(&b);
}

/* Returns non-zero when folded splits wholly into syllables. */
int
pinyin_is_syllables(const char *folded)
{
	size_t len = strlen(folded), i, k;
	char *reach = xcalloc(len + 1, 1);
	int whole;

	reach[0] = 1;
	for (i = 0; i < len; i++) {
		if (!reach[i])
			continue;
		for (k = 1; k <= PINYIN_SYLLABLE_MAX && i + k <= len; k++)
			if (pinyin_is_syllable(folded + i, k))
				reach[i + k] = 1;
	}
	whole = reach[len];
	free(reach);
	return whole;
}

/* Returns the offsets after c read at offset at; see pinyin.h. */
size_t
pinyin_read_at(uint32_t c, const char *folded, size_t at, int initials, size_t *next,
    size_t max)
{
	const uint16_t *syllables;
	size_t nreadings = pinyin_readings(c, &syllables), i, j, count = 0;
	size_t rest = strlen(folded + at);

	for (i = 0; i < nreadings && count < max; i++) {
		const char *s = pinyin_syllable(syllables[i]);
		size_t len = strlen(s), after;

		if (initials) {
			if (rest == 0 || s[0] != folded[at])
				continue;
			after = at + 1;
		} else {
			if (len > rest || memcmp(s, folded + at, len) != 0)
				continue;
			after = at + len;
		}
		for (j = 0; j < count && next[j] != after; j++)
			;
		if (j == count)
			next[count++] = after;
	}
	return count;
}
