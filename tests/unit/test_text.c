/* Tests of text cleaning: what may reach a terminal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "tap.h"
#include "text.h"

/* Returns how many clusters of len bytes text_cluster_end() ends where
 * libunistring's u8_grapheme_next() does not (the first is said). */
static size_t
cluster_differences(const uint8_t *s, size_t len, const char *what)
{
	const uint8_t *p = s, *end = s + len;
	size_t differ = 0;

	while (p < end) {
		const uint8_t *want = u8_grapheme_next(p, end), *got = text_cluster_end(p, end);

		if (got != want && differ++ == 0)
			diag("  %s: at byte %zu, %zu bytes long, not %zu", what, (size_t)(p - s),
			    (size_t)(got - p), (size_t)(want - p));
		p = want > p ? want : p + 1;
	}
	return differ;
}

/* Checks the short cut of text_cluster_end() against libunistring: on
 * the bundled issue, on what joins an ASCII character or an ideograph
 * (marks, selectors, joiners, CR LF, cut and invalid UTF-8), and on
 * random bytes. */
static void
check_clusters(void)
{
	static const char *joins[] = {
		"a\xcc\x81" "b", "\xe6\x95\xb0\xcc\x81\xe6\x8d\xae",	/* combining acute */
		"\xe6\x95\xb0\xef\xb8\x8f\xe6\x8d\xae",	/* VS16 */
		"\xe6\x95\xb0\xf3\xa0\x84\x80x",	/* an ideographic variation selector */
		"\xe6\x95\xb0\xe2\x80\x8d\xe6\x8d\xae",	/* ZWJ */
		"a\r\nb", "\r\n", "\xe6\x95\xb0\r\n", "a\r", "\r", "\n\r",
		"\xe6\x95", "a\xe6\x95", "\xe6\x95\xb0\xe6", "a\xff\xe6\x95\xb0",
		"\xe0\x80\x80" "a", "\xed\xa0\x80" "a",	/* overlong, surrogate */
		"\xe3\x90\x80\xe4\xb6\xbf\xe4\xb7\x80\xe9\xbf\xbf\xea\x80\x80",	/* range ends */
		"\xea\xb0\x80\xea\xb0\x81", "\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3" "a",	/* Hangul, a flag */
		"a\xe0\xa4\xbf", "\xe6\x95\xb0\xe0\xa4\x83",	/* a spacing mark */
	};
	/* Mostly ideographs' and ASCII's bytes, and a few others. */
	static const char bytes[] = "\xe4\xe6\x95\xb0\x80\xbf\xcc\x81" "a\r\n"
	    "\xef\xb8\x8f\xe2\x80\x8d\xff";
	FILE *f = fopen(TEST_ISSUE, "rb");
	uint8_t *text = malloc(1 << 20), random[4096];
	size_t len = 0, i, differ = 0;
	unsigned seed = 12345;

	if (f != NULL && text != NULL)
		len = fread(text, 1, 1 << 20, f);
	if (f != NULL)
		fclose(f);
	ok(len > 100000 && cluster_differences(text, len, "the bundled issue") == 0,
	    "clusters of the bundled issue (%zu bytes) as libunistring ends them", len);
	for (i = 0; i < sizeof joins / sizeof joins[0]; i++)
		differ += cluster_differences((const uint8_t *)joins[i], strlen(joins[i]),
		    joins[i]);
	ok(differ == 0, "marks, selectors, joiners, CR LF and broken UTF-8 join as "
	    "libunistring says (%zu differ)", differ);
	differ = 0;
	for (i = 0; i < 200; i++) {
		size_t k;

		for (k = 0; k < sizeof random; k++) {
			seed = seed * 1103515245 + 12345;
			random[k] = bytes[(seed >> 16) % (sizeof bytes - 1)];
		}
		differ += cluster_differences(random, sizeof random, "random bytes");
	}
	ok(differ == 0, "200 strings of random bytes end as libunistring ends them (%zu "
	    "differ)", differ);
	/* Every character of three bytes, after an ideograph and before
	 * what may join it or not. */
	differ = 0;
	for (i = 0x800; i < 0x10000; i++) {
		static const char *after[] = { "a", "\xe6\x95\xb0", "\xcc\x81", "\xef\xb8\x8f",
		    "\xe2\x80\x8d", "\xe3\x80\xaa", "\r" };
		uint8_t s[16];
		size_t k;

		if (i >= 0xd800 && i <= 0xdfff)
			continue;
		for (k = 0; k < sizeof after / sizeof after[0]; k++) {
			size_t n = 3;

			memcpy(s, "\xe6\x95\xb0", 3);
			n += (size_t)u8_uctomb(s + n, (ucs4_t)i, 4);
			memcpy(s + n, after[k], strlen(after[k]));
			n += strlen(after[k]);
			differ += cluster_differences(s, n, "a character of three bytes") != 0;
		}
	}
	ok(differ == 0, "every character of three bytes ends as libunistring ends it (%zu "
	    "differ)", differ);
	free(text);
}

/* Cleans s and compares with want. */
static void
check_clean(const char *s, size_t len, int newlines, const char *want, const char *what)
{
	size_t out_len;
	char *got = text_clean(s, len, newlines, &out_len);

	is_str(got, want, "%s", what);
	ok(out_len == strlen(got), "%s: length reported", what);
	free(got);
}

/* Checks every character text_clean() keeps without NFC: shown, of
 * combining class 0, and its own NFC form. */
static void
check_plain(void)
{
	size_t count = 0, bad = 0;
	ucs4_t uc;

	for (uc = 0; uc < 0x110000; uc++) {
		uint8_t in[8], buf[32];
		size_t n, len = sizeof buf;
		uint8_t *nfc;

		if (!text_is_plain(uc))
			continue;
		count++;
		n = (size_t)u8_uctomb(in, uc, (int)sizeof in);
		nfc = u8_normalize(UNINORM_NFC, in, n, buf, &len);
		if (!text_is_shown(uc) || uc_combining_class(uc) != 0 || nfc != buf || len != n ||
		    memcmp(buf, in, n) != 0) {
			diag("U+%04X is no plain character", (unsigned)uc);
			bad++;
		}
		if (nfc != buf)
			free(nfc);
	}
	ok(count > 20000 && bad == 0, "the %zu characters kept without NFC are visible and NFC",
	    count);
}

/* Returns non-zero when s holds a byte below 0x20 other than newline, or
 * DEL, or a C1 control encoded in UTF-8. */
static int
has_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return 1;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			return 1;
	}
	return 0;
}

int
main(void)
{
	static const char hostile[] = "a\x1b[31mred\x1b[0m\x07\x08\x7f\xc2\x9b" "2J\xe2\x80\xae" "evil\xe2\x80\xac"
	    "\xef\xbb\xbf\xe2\x80\x8b" "b\x00" "c";
	char *got;
	unsigned char all[256];
	size_t i;

	check_clean("数志", strlen("数志"), 1, "数志", "Chinese text unchanged");
	check_clean("a\xff" "b\xc3" "c", 5, 1, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c", "invalid UTF-8 becomes U+FFFD");
	check_clean("a\r\nb\rc\n", 8, 1, "a\nb\nc\n", "CRLF and CR become LF");
	check_clean("a\nb", 3, 0, "a b", "newlines become spaces when not kept");
	check_clean("a\tb\xc2\xa0" "c", 6, 1, "a b c", "tab and no-break space become spaces");
	check_clean("\xef\xbb\xbf数", 6, 1, "数", "byte order mark dropped");
	check_clean("e\xcc\x81", 3, 1, "\xc3\xa9", "text is NFC");
	check_clean("\xe2\x80\xae" "abc\xe2\x80\xac", 9, 1, "abc", "bidi override dropped");
	check_clean("", 0, 1, "", "empty text");
	/* One rule for the cleaning and the painting (text_is_shown). */
	check_clean("\xe2\x80\x8b" "a\xee\x80\x80" "b", 8, 1, "ab",
	    "zero-width space and private-use character dropped");
	check_clean("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 11, 1,
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", "the joiner of an emoji sequence kept");
	ok(text_is_shown(0x6570) && text_is_shown(0x200d) && text_is_shown(0x200c),
	    "Han and the joiners are shown");
	ok(!text_is_shown(0x1b) && !text_is_shown(0x9b) && !text_is_shown(0x202e) &&
	    !text_is_shown(0xe000) && !text_is_shown(0xfeff) && !text_is_shown(0xd800) &&
	    !text_is_shown(0x0378), "controls, bidi, private use, BOM, surrogate, unassigned are not");

	got = text_clean(hostile, sizeof hostile - 1, 1, NULL);
	ok(!has_control(got), "escape sequences and controls never survive");
	ok(strstr(got, "red") != NULL && strstr(got, "evil") != NULL, "the visible text around them is kept");
	free(got);
	for (i = 0; i < sizeof all; i++)
		all[i] = (unsigned char)i;
	got = text_clean((const char *)all, sizeof all, 0, NULL);
	ok(!has_control(got), "every byte value: no control left");
	free(got);

	ok(!text_is_binary("数字经济\n", strlen("数字经济\n")), "text is not binary");
	ok(text_is_binary("ab\0cd", 5), "a NUL byte in five means binary");
	ok(!text_is_binary("数字经济发展规划\0数字经济发展规划", strlen("数字经济发展规划") * 2 + 1),
	    "one NUL among text is no binary data");
	check_clean("数字\0经济", strlen("数字") * 2 + 1, 1, "数字经济", "a stray NUL is dropped");
	ok(text_is_binary((const char *)all + 1, 200), "control-heavy bytes are binary");
	ok(!text_is_binary("数字\xff经济发展规划解读及全文", strlen("数字\xff经济发展规划解读及全文")),
	    "a damaged byte in text is still text");

	/* File names: stray bytes and controls as \xNN, UTF-8 kept. */
	got = text_escape("数志\xca\xfd" "13.txt");
	is_str(got, "数志\\xca\\xfd13.txt", "a GBK name's bytes as \\xNN, the UTF-8 kept");
	free(got);
	got = text_escape("a\x1b[2J\xc2\x9b" "b\xe6\x95");
	is_str(got, "a\\x1b[2J\\xc2\\x9bb\\xe6\\x95", "controls (C0, C1) and a cut character too");
	free(got);
	for (i = 0; i + 1 < sizeof all; i++)
		all[i] = (unsigned char)(i + 1);	/* 1..255, then the NUL */
	all[sizeof all - 1] = 0;
	got = text_escape((const char *)all);
	ok(!has_control(got), "every byte value escaped: no control left");
	free(got);
	check_clusters();
	check_plain();
	return done_testing();
}
