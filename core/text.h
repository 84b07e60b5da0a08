/* Cleaning untrusted text: valid UTF-8, NFC, nothing that can reach a
 * terminal raw. */
#ifndef SHUZHI_TEXT_H
#define SHUZHI_TEXT_H

#include <stddef.h>

#include <unitypes.h>

/* Returns a cleaned copy of len bytes (the caller frees it): invalid UTF-8
 * becomes U+FFFD; tabs and no-break spaces become spaces; C0/C1 controls,
 * escape sequences' ESC, bidi overrides and other invisible format
 * characters are dropped (text_is_shown()); a BOM is dropped; the result is NFC. Newlines are
 * kept when keep_newlines is non-zero, else they become spaces.
 * *out_len (optional) receives the length. */
char *text_clean(const char *data, size_t len, int keep_newlines, size_t *out_len);

/* Returns non-zero for a character that may reach the terminal: the one
 * rule of text_clean() and of the reader's painting. Not: C0 and C1
 * controls, format characters (bidi overrides, zero-width spaces, a BOM)
 * but the joiners U+200C and U+200D that emoji and scripts need,
 * surrogates, private-use and unassigned code points. */
int text_is_shown(ucs4_t uc);

/* Returns non-zero for a character text_clean() keeps without asking
 * NFC: shown (text_is_shown()), of combining class 0 and the same under
 * NFC (tests/unit/test_text.c checks each), and composing with no other
 * such character, so that a text made of them alone is NFC. */
int text_is_plain(ucs4_t uc);

/* Returns a copy of a NUL-terminated string fit for a message or a
 * terminal that still says which bytes it was (the caller frees it):
 * valid UTF-8 is kept, while each byte of invalid UTF-8 (a GBK file name)
 * and of a C0/C1 control character becomes "\xNN". */
char *text_escape(const char *s);

/* Returns non-zero when the bytes look like binary data (NUL bytes, or a
 * high share of control characters or invalid UTF-8). */
int text_is_binary(const char *data, size_t len);

/* Returns the end of the grapheme cluster that starts at s, before end
 * (u8_grapheme_next()'s answer, for valid UTF-8 or not), with a short
 * cut for the common case of an ASCII character or CJK ideograph followed
 * by another: no rule of UAX #29 joins those. */
const uint8_t *text_cluster_end(const uint8_t *s, const uint8_t *end);

/* Reads a character of three bytes at s (len bytes left) into *uc, as
 * u8_mbtouc() would, without a call: every character of the hot paths
 * that are not ASCII (Han, CJK and full-width punctuation) is one.
 * Returns 3, or 0 when the bytes are no valid character of three bytes
 * (then *uc is untouched): ask libunistring. */
static inline int
text_three_byte_char(const uint8_t *s, size_t len, ucs4_t *uc)
{
	if (len < 3 || (s[0] & 0xf0) != 0xe0 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
	    (s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))
		return 0;	/* not three bytes, overlong, or a surrogate */
	*uc = (ucs4_t)(s[0] & 0x0f) << 12 | (ucs4_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	return 3;
}

/* Returns non-zero when uc is a Chinese numeral, digit or unit
 * (零〇一二三四五六七八九十百千两), as headings number themselves. */
int text_is_han_numeral(ucs4_t uc);

#endif
