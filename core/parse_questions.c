/* The stray "?" that stands for a lost thin space: told from a question
 * by what stands around it, and dropped from the text lines. */
#define _GNU_SOURCE	/* memmem */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "parse.h"
#include "xalloc.h"

/* Returns non-zero when the clause of text ending at byte end asks a
 * question: it holds an interrogative word (什么, 哪, 怎, 何, 吗, 呢, 谁,
 * 几, 多少, 是否). */
static int
parse_clause_asks(const char *text, size_t end)
{
	static const char *const asking[] = {
		"\xe4\xbb\x80\xe4\xb9\x88", "\xe5\x93\xaa", "\xe6\x80\x8e", "\xe4\xbd\x95", "\xe5\x90\x97",
		"\xe5\x91\xa2", "\xe8\xb0\x81", "\xe5\x87\xa0", "\xe5\xa4\x9a\xe5\xb0\x91", "\xe6\x98\xaf\xe5\x90\xa6",
	};
	const uint8_t *start = (const uint8_t *)text, *s = start + end;
	ucs4_t uc;
	size_t k, from;

	/* Back to the clause's start: the last clause punctuation. */
	while (s > start && (s = u8_prev(&uc, s, start)) != NULL) {
		if (uc == 0x3002 || uc == 0xff0c || uc == ',' || uc == 0xff1b || uc == ';' || uc == 0xff01
		    || uc == '!' || uc == '?' || uc == 0xff1f) {
			s += u8_mblen(s, 4);
			break;
		}
	}
	from = s == NULL ? 0 : (size_t)(s - start);
	for (k = 0; k < sizeof asking / sizeof asking[0]; k++) {
		const char *hit = memmem(text + from, end - from, asking[k], strlen(asking[k]));

		if (hit != NULL)
			return 1;
	}
	return 0;
}

/* Returns non-zero for a Han character or an opening quote or bracket. */
static int
parse_is_han_or_opening(ucs4_t uc)
{
	return uc_is_property_ideographic(uc) || uc == 0x201c || uc == 0x2018 || uc == 0x300a
	    || uc == 0x300c || uc == 0xff08;
}

/* Returns non-zero when the "?" at byte q of line text stands for a lost
 * thin space, not a question: after a comma or a colon, beside a digit, or
 * inside a run of Han text (or after a Latin letter, "5G?网络") whose
 * clause asks nothing. A "?" that ends the
 * line is a question. */
int
parse_is_stray_question(const char *text, size_t len, size_t q)
{
	const uint8_t *start = (const uint8_t *)text;
	ucs4_t before, after;

	if (q == 0 || q + 1 >= len)
		return 0;
	if (u8_prev(&before, start + q, start) == NULL || u8_mbtouc(&after, start + q + 1, len - q - 1) <= 0)
		return 0;
	if (before == 0xff0c || before == ',' || before == 0x3001 || before == 0xff1a || before == ':')
		return 1;
	if ((before >= '0' && before <= '9') || (after >= '0' && after <= '9'))
		return 1;
	return (uc_is_property_ideographic(before) || (before < 0x80 && uc_is_alnum(before)))
	    && parse_is_han_or_opening(after) && !parse_clause_asks(text, q);
}

/* Drops each stray "?" (a lost thin space) from the text lines after the
 * contents; the lines shrink in place. */
void
parse_fix_stray_questions(Parse *p)
{
	size_t i, q, at;

	for (i = p->contents_end; i < p->nlines; i++) {
		Line *line = &p->lines[i];
		char *t = (char *)line->text, *original;

		if (line->role != ROLE_TEXT || memchr(t, '?', line->length) == NULL)
			continue;
		original = xstrdup(t);
		for (q = at = 0; q < line->length; q++) {
			if (original[q] == '?' && parse_is_stray_question(original, line->length, q))
				continue;
			t[at++] = original[q];
		}
		t[at] = '\0';
		line->length = at;
		/* counted again */
		line->chars = line->kind = line->mark = line->enumeration = line->ends = line->chapter = -1;
		free(original);
	}
}
