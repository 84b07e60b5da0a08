/* Turning text into search tokens.
 *
 * The text is walked one grapheme cluster at a time (libunistring), each
 * cluster is case-folded and NFKC-normalised on its own, and every
 * character that comes out keeps the byte range of the cluster it came
 * from: that is the offset map that lets a hit found in normalised text be
 * highlighted in the original. Normalising cluster by cluster gives the
 * same result as normalising the whole text, because composition never
 * crosses a cluster boundary.
 *
 * Han text: one token per character, and at the same position a token for
 * the pair it forms with the next character of the same run. A query word
 * of one character looks up the character; a word of n >= 2 characters is
 * the phrase of its n-1 overlapping pairs, which matches exactly the text
 * that holds the word (in a query of several words, a run's last
 * character follows its pairs, to keep the next word at its distance).
 * Characters alone (phrase queries over single characters) make a
 * smaller index and a faster build, but every lookup of a word would read
 * the position lists of its characters, which are the most common tokens
 * of the language: bench/run-tokenizers measures both, and bench/README
 * keeps the figures that chose the pairs.
 *
 * Letters and digits: a run of them (with their combining marks) is one
 * word, so "IPv6" is one token "ipv6". Runs, not UAX #29 words: those
 * join across "." and "'", and a search for "example" should find
 * "www.example.com". */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "buffer.h"
#include "text.h"
#include "tokenize.h"
#include "xalloc.h"

/* What a normalised character is to the tokenizer. */
typedef enum CharClass {
	CLASS_SEPARATOR,
	CLASS_WORD,	/* a letter or digit */
	CLASS_MARK,	/* a combining mark: part of the word before it */
	CLASS_IDEOGRAPH,	/* a character of a script written without spaces */
} CharClass;

/* The state of one tokenize() call. */
typedef struct TokenStream {
	int		 flags;
	TokenHandler	 handler;
	void		*data;
	size_t		 positions;	/* positions used so far */
	Buffer		 word;		/* the word being read, normalised */
	size_t		 word_start;
	size_t		 word_end;
	uint8_t		 ideograph[8];	/* the previous character of the run */
	size_t		 ideograph_length;
	size_t		 ideograph_start;
	size_t		 ideograph_end;
	size_t		 run;		/* characters in the current run */
	/* A query's run of pairs covers one position fewer than its
	 * characters do in a document: when a token follows the run, the
	 * run's last character goes before it to fill that position. */
	uint8_t		 pending[8];
	size_t		 pending_length;	/* 0: nothing pending */
	size_t		 pending_start;
	size_t		 pending_end;
} TokenStream;

/* Returns non-zero for a script written without spaces between words. */
static int
tokenize_is_spaceless_script(ucs4_t uc)
{
	/* libunistring's scripts are constant objects, looked up by name
	 * once: a character's script is then compared by address. */
	static const uc_script_t *spaceless[4];
	const uc_script_t *script;
	size_t i;

	if (uc >= 0x4e00 && uc <= 0x9fff)
		return 1;
	if (spaceless[0] == NULL) {
		spaceless[1] = uc_script_byname("Hiragana");
		spaceless[2] = uc_script_byname("Katakana");
		spaceless[3] = uc_script_byname("Bopomofo");
		spaceless[0] = uc_script_byname("Han");
	}
	script = uc_script(uc);
	for (i = 0; script != NULL && i < sizeof spaceless / sizeof *spaceless; i++)
		if (script == spaceless[i])
			return 1;
	return 0;
}

/* Returns the class of a normalised character. */
static CharClass
tokenize_classify(ucs4_t uc)
{
	if (uc < 0x80) {
		if ((uc >= 'a' && uc <= 'z') || (uc >= '0' && uc <= '9') || (uc >= 'A' && uc <= 'Z'))
			return CLASS_WORD;
		return CLASS_SEPARATOR;
	}
	if (tokenize_is_spaceless_script(uc))
		return CLASS_IDEOGRAPH;
	if (uc_is_general_category(uc, UC_CATEGORY_M))
		return CLASS_MARK;
	if (uc_is_property_alphabetic(uc) || uc_is_general_category(uc, UC_CATEGORY_N))
		return CLASS_WORD;
	return CLASS_SEPARATOR;
}

/* Hands one token to the handler; returns what the handler returns. */
static int
tokenize_hand_over(TokenStream *ts, TokenKind kind, const void *text, size_t length,
    size_t start, size_t end, int colocated)
{
	Token token;

	if (!colocated)
		ts->positions++;
	token.kind = kind;
	token.text = text;
	token.length = length;
	token.start = start;
	token.end = end;
	token.position = ts->positions - 1;
	token.colocated = colocated;
	return ts->handler(ts->data, &token);
}

/* Emits one token, after the character a query's run left pending, if
 * any; returns the handler's verdict. */
static int
tokenize_emit(TokenStream *ts, TokenKind kind, const void *text, size_t length, size_t start,
    size_t end, int colocated)
{
	if (ts->pending_length > 0) {
		size_t pending = ts->pending_length;
		int rc;

		ts->pending_length = 0;
		rc = tokenize_hand_over(ts, TOKEN_CHAR, ts->pending, pending, ts->pending_start,
		    ts->pending_end, 0);
		if (rc != 0)
			return rc;
	}
	return tokenize_hand_over(ts, kind, text, length, start, end, colocated);
}

/* Ends the word being read, if any; returns the handler's verdict. */
static int
tokenize_end_word(TokenStream *ts)
{
	int rc;

	if (ts->word.len == 0)
		return 0;
	rc = tokenize_emit(ts, TOKEN_WORD, ts->word.data, ts->word.len, ts->word_start,
	    ts->word_end, 0);
	buffer_clear(&ts->word);
	return rc;
}

/* Ends the run of ideographs, if any: a query's lone character becomes a
 * token only now, and the last character of a longer run is kept pending.
 * Returns the handler's verdict. */
static int
tokenize_end_run(TokenStream *ts)
{
	int rc = 0;

	if (ts->run > 0 && (ts->flags & TOKENIZE_QUERY) && !(ts->flags & TOKENIZE_UNIGRAMS)) {
		if (ts->run == 1)
			rc = tokenize_emit(ts, TOKEN_CHAR, ts->ideograph, ts->ideograph_length,
			    ts->ideograph_start, ts->ideograph_end, 0);
		else {
			memcpy(ts->pending, ts->ideograph, ts->ideograph_length);
			ts->pending_length = ts->ideograph_length;
			ts->pending_start = ts->ideograph_start;
			ts->pending_end = ts->ideograph_end;
		}
	}
	ts->run = 0;
	return rc;
}

/* Takes one ideograph of the run; returns the handler's verdict. */
static int
tokenize_ideograph(TokenStream *ts, const uint8_t *c, size_t n, size_t start, size_t end)
{
	uint8_t pair[sizeof ts->ideograph * 2];
	int rc = 0;

	if (ts->flags & TOKENIZE_UNIGRAMS) {
		rc = tokenize_emit(ts, TOKEN_CHAR, c, n, start, end, 0);
	} else if (ts->flags & TOKENIZE_QUERY) {
		if (ts->run > 0) {
			memcpy(pair, ts->ideograph, ts->ideograph_length);
			memcpy(pair + ts->ideograph_length, c, n);
			rc = tokenize_emit(ts, TOKEN_PAIR, pair, ts->ideograph_length + n,
			    ts->ideograph_start, end, 0);
		}
	} else {
		/* The pair sits at the previous character's position, right
		 * after that character's own token. */
		if (ts->run > 0) {
			memcpy(pair, ts->ideograph, ts->ideograph_length);
			memcpy(pair + ts->ideograph_length, c, n);
			rc = tokenize_emit(ts, TOKEN_PAIR, pair, ts->ideograph_length + n,
			    ts->ideograph_start, end, 1);
		}
		if (rc == 0)
			rc = tokenize_emit(ts, TOKEN_CHAR, c, n, start, end, 0);
	}
	memcpy(ts->ideograph, c, n);
	ts->ideograph_length = n;
	ts->ideograph_start = start;
	ts->ideograph_end = end;
	ts->run++;
	return rc;
}

/* Takes the normalised characters of one cluster, which spans
 * [start, end) of the original; returns the handler's verdict. */
static int
tokenize_characters(TokenStream *ts, const uint8_t *s, size_t n, size_t start, size_t end)
{
	const uint8_t *p = s, *stop = s + n;
	int rc = 0;

	while (rc == 0 && p < stop) {
		ucs4_t uc;
		int len = u8_mbtouc_unsafe(&uc, p, (size_t)(stop - p));

		switch (tokenize_classify(uc)) {
		case CLASS_IDEOGRAPH:
			rc = tokenize_end_word(ts);
			if (rc == 0)
				rc = tokenize_ideograph(ts, p, (size_t)len, start, end);
			break;
		case CLASS_MARK:
			/* A mark belongs to the word before it; elsewhere it
			 * changes nothing. */
			if (ts->word.len == 0)
				break;
			/* FALLTHROUGH */
		case CLASS_WORD:
			rc = tokenize_end_run(ts);
			if (ts->word.len == 0)
				ts->word_start = start;
			buffer_append(&ts->word, (const char *)p, (size_t)len);
			ts->word_end = end;
			break;
		case CLASS_SEPARATOR:
			rc = tokenize_end_word(ts);
			if (rc == 0)
				rc = tokenize_end_run(ts);
			break;
		}
		p += len;
	}
	return rc;
}

/* The punctuation of Chinese text, whose case-folded NFKC forms are
 * punctuation or spaces too (tests/unit/test_tokenize.c checks each), so
 * that they separate tokens as a space does: a tenth of the characters
 * of the magazine's text, each of which cost a normalisation. Sorted. */
static const ucs4_t tokenize_separators[] = {
	0x00b7,					/* · */
	0x2014, 0x2015, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026,	/* — ― ‘ ’ “ ” … */
	0x3000, 0x3001, 0x3002,			/* ideographic space 、 。 */
	0x3008, 0x3009, 0x300a, 0x300b, 0x300c, 0x300d, 0x300e, 0x300f,	/* 〈〉《》「」『』 */
	0x3010, 0x3011, 0x3014, 0x3015,		/* 【】〔〕 */
	0xff01, 0xff08, 0xff09, 0xff0c, 0xff1a, 0xff1b, 0xff1f,	/* ！（），：；？ */
};

/* Returns non-zero when uc is one of tokenize_separators. */
int
tokenize_is_separator(uint32_t uc)
{
	size_t low = 0, high = sizeof tokenize_separators / sizeof *tokenize_separators;

	while (low < high) {
		size_t mid = (low + high) / 2;

		if (tokenize_separators[mid] < uc)
			low = mid + 1;
		else
			high = mid;
	}
	return low < sizeof tokenize_separators / sizeof *tokenize_separators &&
	    tokenize_separators[low] == uc;
}

/* Returns the case-folded NFKC form of one cluster in buf (or in memory
 * the caller frees when it does not fit), its length in *out_len; NULL
 * when the cluster is not valid UTF-8 (or memory ran out), which then
 * separates tokens. The common characters (ASCII, CJK unified
 * ideographs) are stable under both and take a short cut, and the common
 * punctuation becomes a space. */
static uint8_t *
tokenize_normalise(const uint8_t *s, size_t n, uint8_t *buf, size_t size, size_t *out_len)
{
	ucs4_t uc;
	int len = u8_mbtouc(&uc, s, n);

	if ((size_t)len == n && (uc < 0x80 || (uc >= 0x4e00 && uc <= 0x9fff) ||
	    (uc >= 0x3400 && uc <= 0x4dbf))) {
		memcpy(buf, s, n);
		if (uc >= 'A' && uc <= 'Z')
			buf[0] = (uint8_t)(uc - 'A' + 'a');
		*out_len = n;
		return buf;
	}
	if ((size_t)len == n && tokenize_is_separator(uc)) {
		buf[0] = ' ';
		*out_len = 1;
		return buf;
	}
	if (uc == 0xfffd && !(len == 3 && s[0] == 0xef))
		return NULL;
	*out_len = size;
	return u8_casefold(s, n, NULL, UNINORM_NFKC, buf, out_len);
}

/* Returns non-zero when the n bytes at s are one CJK unified ideograph
 * (U+3400-4DBF, U+4E00-9FFF) as valid UTF-8: most of the text, stable
 * under normalisation, a token of its own. */
static int
tokenize_is_plain_ideograph(const uint8_t *s, size_t n)
{
	ucs4_t uc;

	if (n != 3 || text_three_byte_char(s, n, &uc) == 0)
		return 0;
	return (uc >= 0x4e00 && uc <= 0x9fff) || (uc >= 0x3400 && uc <= 0x4dbf);
}

/* Tokenizes len bytes of text; returns 0 or the handler's first non-zero value. */
int
tokenize(const char *text, size_t len, int flags, TokenHandler handler, void *data)
{
	const uint8_t *s = (const uint8_t *)text, *end = s + len;
	TokenStream ts;
	uint8_t buf[64];
	int rc = 0;

	memset(&ts, 0, sizeof ts);
	ts.flags = flags;
	ts.handler = handler;
	ts.data = data;
	while (rc == 0 && s < end) {
		const uint8_t *next = text_cluster_end(s, end);
		size_t start = (size_t)(s - (const uint8_t *)text);
		size_t n = (size_t)(next - s), folded_len;
		uint8_t *folded;

		if (tokenize_is_plain_ideograph(s, n)) {
			/* What tokenize_characters() would do, without
			 * normalising and decoding it again. */
			rc = tokenize_end_word(&ts);
			if (rc == 0)
				rc = tokenize_ideograph(&ts, s, n, start, start + n);
			s = next;
			continue;
		}
		folded = tokenize_normalise(s, n, buf, sizeof buf, &folded_len);
		if (folded == NULL) {
			rc = tokenize_end_word(&ts);
			if (rc == 0)
				rc = tokenize_end_run(&ts);
		} else {
			rc = tokenize_characters(&ts, folded, folded_len, start, start + n);
			if (folded != buf)
				free(folded);
		}
		s = next;
	}
	if (rc == 0)
		rc = tokenize_end_word(&ts);
	if (rc == 0)
		rc = tokenize_end_run(&ts);
	buffer_free(&ts.word);
	return rc;
}

/* Counts one token's position (a TokenHandler). */
static int
tokenize_count_one(void *data, const Token *token)
{
	size_t *count = data;

	if (!token->colocated)
		(*count)++;
	return 0;
}

/* Returns the number of positions the text's tokens take. */
size_t
tokenize_count_positions(const char *text, size_t len, int flags)
{
	size_t count = 0;

	tokenize(text, len, flags, tokenize_count_one, &count);
	return count;
}

/* Appends one token to the description (a TokenHandler). */
static int
tokenize_describe_one(void *data, const Token *token)
{
	Buffer *b = data;

	if (b->len != 0)
		buffer_append(b, " ", 1);
	if (token->colocated)
		buffer_append(b, "+", 1);
	buffer_append(b, token->text, token->length);
	return 0;
}

/* Returns the tokens as one line; the caller frees it. */
char *
tokenize_describe(const char *text, size_t len, int flags)
{
	Buffer b = { 0 };

	buffer_append(&b, "", 0);
	tokenize(text, len, flags, tokenize_describe_one, &b);
	return buffer_take(&b);
}
