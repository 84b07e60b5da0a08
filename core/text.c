/* Cleaning untrusted text: valid UTF-8, NFC, nothing that can reach a
 * terminal raw. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "buffer.h"
#include "text.h"
#include "xalloc.h"

/* Returns non-zero for a character that may reach the terminal; see
 * text.h. */
int
text_is_shown(ucs4_t uc)
{
	if (uc < 0x20 || (uc >= 0x7f && uc < 0xa0))
		return 0;
	if (uc == 0x200c || uc == 0x200d)
		return 1;	/* the joiners inside emoji and scripts */
	return !uc_is_general_category(uc, UC_CATEGORY_Cf) &&
	    !uc_is_general_category(uc, UC_CATEGORY_Cs) &&
	    !uc_is_general_category(uc, UC_CATEGORY_Co) &&
	    !uc_is_general_category(uc, UC_CATEGORY_Cn);
}

/* Returns non-zero for a character that is always visible and never
 * changes under NFC, nor makes another change (no combining mark): ASCII
 * printables, Latin-1's, CJK ideographs and punctuation, full-width and
 * small forms (most of an issue's text); see text.h. */
int
text_is_plain(ucs4_t uc)
{
	return (uc >= 0x20 && uc < 0x7f) || (uc >= 0x4e00 && uc <= 0x9fff)
	    || (uc >= 0x3001 && uc <= 0x3029) || (uc >= 0x3030 && uc <= 0x303f)
	    || (uc >= 0xff01 && uc <= 0xff5e) || (uc >= 0x2010 && uc <= 0x2027)
	    || (uc >= 0xa1 && uc <= 0xff && uc != 0xad) || (uc >= 0xfe50 && uc <= 0xfe52);
}

/* Returns a cleaned copy of len bytes; the caller frees it. */
char *
text_clean(const char *data, size_t len, int keep_newlines, size_t *out_len)
{
	const uint8_t *s = (const uint8_t *)data, *end = s + len;
	Buffer b = { 0 };
	uint8_t *nfc;
	size_t nfc_len;
	char *result;
	int needs_nfc = 0;

	buffer_append(&b, "", 0);
	b.data = xreallocarray(b.data, len + 1, 1);
	b.size = len + 1;
	while (s < end) {
		ucs4_t uc;
		int n;

		if ((*s >= 0x20 && *s < 0x7f) || *s >= 0x80) {
			/* A run of plain characters is copied in one go. */
			const uint8_t *run = s;

			while (s < end) {
				if (*s >= 0x20 && *s < 0x7f) {
					s++;
					continue;
				}
				n = *s >= 0x80 ? u8_mbtouc(&uc, s, (size_t)(end - s)) : 0;
				if (n < 1 || !text_is_plain(uc))
					break;
				s += n;
			}
			buffer_append(&b, (const char *)run, (size_t)(s - run));
			if (s == end)
				break;
		}
		/* s is at a character that is not plain. */
		n = u8_mbtouc(&uc, s, (size_t)(end - s));
		if (n < 1)
			n = 1;
		if (uc == 0xfffd && !(n == 3 && s[0] == 0xef && s[1] == 0xbf && s[2] == 0xbd)) {
			/* Invalid bytes: u8_mbtouc already stepped over the maximal
			 * bad subsequence; mark it once. */
			buffer_append(&b, "\xef\xbf\xbd", 3);
		} else if (uc == '\n') {
			buffer_append(&b, keep_newlines ? "\n" : " ", 1);
		} else if (uc == '\r') {
			/* CRLF becomes LF; a lone CR ends a line too. */
			if (s + 1 < end && s[1] == '\n') {
				/* the LF that follows is kept */
			} else
				buffer_append(&b, keep_newlines ? "\n" : " ", 1);
		} else if (uc == '\t' || uc == 0xa0 || uc == 0x2007 || uc == 0x202f) {
			buffer_append(&b, " ", 1);
		} else if (uc == 0x2028 || uc == 0x2029) {
			buffer_append(&b, keep_newlines ? "\n" : " ", 1);
		} else if (text_is_shown(uc)) {
			/* Only what is kept as it was may need NFC: what
			 * replaces the rest is ASCII. */
			needs_nfc = 1;
			buffer_append(&b, (const char *)s, (size_t)n);
		}
		s += n;
	}
	if (!needs_nfc) {
		if (out_len != NULL)
			*out_len = b.len;
		return buffer_take(&b);
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)b.data, b.len, NULL, &nfc_len);
	if (nfc == NULL) {
		/* Only on allocation failure; the unnormalised text is still clean. */
		if (out_len != NULL)
			*out_len = b.len;
		return buffer_take(&b);
	}
	buffer_free(&b);
	result = xmalloc(nfc_len + 1);
	memcpy(result, nfc, nfc_len);
	result[nfc_len] = '\0';
	free(nfc);
	if (out_len != NULL)
		*out_len = nfc_len;
	return result;
}

/* Returns non-zero when the bytes look like binary data: judged by the
 * share of bad bytes (NULs, controls, invalid UTF-8), so that a stray NUL
 * in a text is only dropped by text_clean like any other bad byte. */
int
text_is_binary(const char *data, size_t len)
{
	const uint8_t *s = (const uint8_t *)data, *end = s + len;
	size_t bad = 0, chars = 0;

	while (s < end) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, s, (size_t)(end - s));

		if (n < 1)
			n = 1;
		chars++;
		if ((uc == 0xfffd && n != 3) || (uc < 0x20 && uc != '\n' && uc != '\r' && uc != '\t'
		    && uc != '\f' && uc != 0x1b))
			bad++;
		s += n;
	}
	/* Text with a few damaged bytes is still text; mostly junk is not. */
	return chars > 0 && bad * 10 > chars;
}

/* Returns non-zero when uc is a Chinese numeral; see text.h. */
int
text_is_han_numeral(ucs4_t uc)
{
	static const ucs4_t numerals[] = {
		0x96f6, 0x3007, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d,	/* 零〇一二三四五六 */
		0x4e03, 0x516b, 0x4e5d, 0x5341, 0x767e, 0x5343, 0x4e24,		/* 七八九十百千两 */
	};
	size_t i;

	for (i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
		if (numerals[i] == uc)
			return 1;
	return 0;
}

/* Returns s with invalid bytes and controls as "\xNN"; see text.h. */
char *
text_escape(const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	Buffer b = { 0 };

	buffer_append(&b, "", 0);
	while (p < end) {
		const uint8_t *run = p;
		ucs4_t uc;
		int n = 0, i;

		/* What is kept goes in runs, printable ASCII undecoded: an
		 * archive's list of issues escapes every file's name. */
		while (p < end) {
			if (*p >= 0x20 && *p < 0x7f)
				n = 1;
			else if ((n = u8_mbtoucr(&uc, p, (size_t)(end - p))) <= 0 || uc < 0x20 ||
			    uc == 0x7f || (uc >= 0x80 && uc <= 0x9f))
				break;
			p += n;
		}
		buffer_append(&b, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		/* Invalid (n < 0: one byte), or a control character whole. */
		for (i = 0; i < (n > 0 ? n : 1); i++) {
			char hex[5];

			snprintf(hex, sizeof hex, "\\x%02x", p[i]);
			buffer_append(&b, hex, 4);
		}
		p += n > 0 ? n : 1;
	}
	return buffer_take(&b);
}

/* Returns the length of the character at s when it is one the short cut
 * of text_cluster_end() knows to stand alone: ASCII (but CR, which joins
 * a LF), a CJK unified ideograph (U+3400-4DBF, U+4E00-9FFF), or CJK,
 * full-width or general punctuation (U+3000-3029, U+3030-303F,
 * U+FF01-FF5E, U+2010-2027: not the ideographic tone marks) as valid
 * UTF-8; else 0. With after set, any ASCII counts: nothing of ASCII joins
 * the character before it. tests/unit/test_text.c checks every one. */
static size_t
text_plain_length(const uint8_t *s, const uint8_t *end, int after)
{
	ucs4_t uc;

	if (s[0] < 0x80)
		return after || s[0] != '\r' ? 1 : 0;
	if (text_three_byte_char(s, (size_t)(end - s), &uc) == 0)
		return 0;
	return (uc >= 0x3400 && uc <= 0x4dbf) || (uc >= 0x4e00 && uc <= 0x9fff) ||
	    (uc >= 0x3000 && uc <= 0x3029) || (uc >= 0x3030 && uc <= 0x303f) ||
	    (uc >= 0xff01 && uc <= 0xff5e) || (uc >= 0x2010 && uc <= 0x2027) ? 3 : 0;
}

/* Returns the end of the grapheme cluster at s; see text.h. */
const uint8_t *
text_cluster_end(const uint8_t *s, const uint8_t *end)
{
	size_t n;

	if (s >= end)
		return end;
	n = text_plain_length(s, end, 0);
	if (n > 0 && (s + n == end || text_plain_length(s + n, end, 1) > 0))
		return s + n;
	return u8_grapheme_next(s, end);
}
