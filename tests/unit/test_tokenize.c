/* Tests of the search tokenizer: normalisation, Han characters and pairs,
 * words, byte ranges into the original text, bad input. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "tap.h"
#include "tokenize.h"

/* Compares the tokens of s (as tokenize_describe prints them) with want. */
static void
check_tokens(const char *s, int flags, const char *want, const char *what)
{
	char *got = tokenize_describe(s, strlen(s), flags);

	is_str(got, want, "%s", what);
	free(got);
}

/* Collects each token's original bytes, joined by "|" (a TokenHandler). */
static int
collect_source(void *data, const Token *token)
{
	char **out = data;
	const char *text = out[1];
	size_t have = strlen(out[0]);
	char *grown = realloc(out[0], have + (token->end - token->start) + 2);

	if (grown == NULL)
		abort();
	if (have > 0)
		strcat(grown, "|");
	strncat(grown, text + token->start, token->end - token->start);
	out[0] = grown;
	return 0;
}

/* Compares the original text each token came from with want. */
static void
check_sources(const char *s, int flags, const char *want, const char *what)
{
	char *out[2];

	out[0] = calloc(1, 1);
	out[1] = (char *)s;
	if (out[0] == NULL)
		abort();
	tokenize(s, strlen(s), flags, collect_source, out);
	is_str(out[0], want, "%s", what);
	free(out[0]);
}

/* Stops after the first token (a TokenHandler). */
static int
stop_at_first(void *data, const Token *token)
{
	int *seen = data;

	(*seen)++;
	return 42;
}

/* Records positions as "p" or "p+" for colocated (a TokenHandler). */
static int
collect_positions(void *data, const Token *token)
{
	char *out = data;
	char one[48];

	snprintf(one, sizeof one, "%s%zu%s", out[0] ? " " : "", token->position,
	    token->colocated ? "+" : "");
	strcat(out, one);
	return 0;
}

/* Checks that every character the tokenizer takes for a space without
 * normalising it normalises (case-folded NFKC, as the tokenizer's long
 * way does) to punctuation and spaces alone; returns how many there are. */
static size_t
check_separators(void)
{
	size_t count = 0, bad = 0;
	ucs4_t uc;

	for (uc = 0x80; uc < 0x110000; uc++) {
		uint8_t in[8], out[64];
		size_t n, len = sizeof out, i = 0;

		if (!tokenize_is_separator(uc))
			continue;
		count++;
		n = (size_t)u8_uctomb(in, uc, (int)sizeof in);
		if (u8_casefold(in, n, NULL, UNINORM_NFKC, out, &len) != out) {
			bad++;
			continue;
		}
		while (i < len) {
			ucs4_t c;
			int step = u8_mbtouc(&c, out + i, len - i);

			if (uc_is_general_category(c, UC_CATEGORY_L) ||
			    uc_is_general_category(c, UC_CATEGORY_N) ||
			    uc_is_general_category(c, UC_CATEGORY_M) ||
			    !(uc_is_general_category(c, UC_CATEGORY_P) ||
			    uc_is_general_category(c, UC_CATEGORY_Z))) {
				diag("U+%04X normalises to U+%04X, no punctuation", (unsigned)uc,
				    (unsigned)c);
				bad++;
			}
			i += (size_t)step;
		}
	}
	ok(bad == 0, "the %zu punctuation marks taken for spaces normalise to punctuation",
	    count);
	return count;
}

/* Runs the tests and prints their plan; returns non-zero when one failed. */
int
main(void)
{
	char positions[256] = "";
	int seen = 0;

	/* Latin and digits: runs are words, case and width folded. */
	check_tokens("IPv6", 0, "ipv6", "IPv6 is one word, lower case");
	check_tokens("IPV6", 0, "ipv6", "IPV6 folds to ipv6");
	check_tokens("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 0, "abcdefghijklmnopqrstuvwxyz",
	    "every ASCII capital folds, A to Z");
	check_tokens("\xef\xbc\xa9\xef\xbc\xb0\xef\xbd\x96\xef\xbc\x96", 0, "ipv6",
	    "fullwidth ＩＰｖ６ folds to ipv6");
	check_tokens("5G DCMM", 0, "5g dcmm", "words split at spaces");
	check_tokens("www.example.com", 0, "www example com", "punctuation splits words");
	check_tokens("Stra\xc3\x9f" "e", 0, "strasse", "case folding: ß is ss");
	check_tokens("\xef\xac\x81nance", 0, "finance", "NFKC: the ligature ﬁ is fi");
	check_tokens("\xe2\x91\xa0\xe2\x91\xa1", 0, "12", "NFKC: circled digits are digits");
	check_tokens("Cafe\xcc\x81 caf\xc3\xa9", 0, "caf\xc3\xa9 caf\xc3\xa9",
	    "a combining accent composes: both spellings of café are one token");
	check_tokens("\xce\x91\xce\x98\xce\x97\xce\x9d\xce\x91", 0,
	    "\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1", "Greek capitals fold to small");

	/* Han: characters with colocated pairs in a document. */
	check_tokens("\xe7\xae\x97\xe5\x8a\x9b", 0, "\xe7\xae\x97 +\xe7\xae\x97\xe5\x8a\x9b \xe5\x8a\x9b",
	    "算力 in a document: 算 +算力 力");
	check_tokens("\xe7\xa8\x8e", 0, "\xe7\xa8\x8e", "税 alone is one character");
	check_tokens("\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0", TOKENIZE_QUERY,
	    "\xe6\x95\xb0\xe6\x8d\xae \xe6\x8d\xae\xe8\xa6\x81 \xe8\xa6\x81\xe7\xb4\xa0",
	    "数据要素 in a query: its three overlapping pairs");
	check_tokens("\xe7\xa8\x8e", TOKENIZE_QUERY, "\xe7\xa8\x8e", "税 in a query: the character");
	check_tokens("\xe7\xae\x97\xe5\x8a\x9b", TOKENIZE_UNIGRAMS, "\xe7\xae\x97 \xe5\x8a\x9b",
	    "unigram scheme: characters only");
	check_tokens("\xe6\x95\xb0\xef\xbc\x8c\xe6\x8d\xae", 0, "\xe6\x95\xb0 \xe6\x8d\xae",
	    "a comma ends the run: no pair across it");
	check_tokens("\xe2\xbd\x87", 0, "\xe6\x97\xa5", "NFKC: the Kangxi radical ⽇ is 日");
	check_tokens("\xe3\x81\x8b\xe3\x81\xaa", 0, "\xe3\x81\x8b +\xe3\x81\x8b\xe3\x81\xaa \xe3\x81\xaa",
	    "kana are written without spaces too");

	/* Mixed text. */
	check_tokens("5G\xe7\xbd\x91\xe7\xbb\x9c", 0, "5g \xe7\xbd\x91 +\xe7\xbd\x91\xe7\xbb\x9c \xe7\xbb\x9c",
	    "5G网络: a word then Han");
	check_tokens("5G\xe7\xbd\x91\xe7\xbb\x9c", TOKENIZE_QUERY, "5g \xe7\xbd\x91\xe7\xbb\x9c",
	    "5G网络 as a query");
	check_tokens("\xe7\xbd\x91\xe7\xbb\x9c" "5G", TOKENIZE_QUERY,
	    "\xe7\xbd\x91\xe7\xbb\x9c \xe7\xbb\x9c 5g",
	    "网络5G as a query: 络 fills its position before 5g");
	check_tokens("\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8", TOKENIZE_QUERY,
	    "\xe6\x95\xb0\xe6\x8d\xae \xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8",
	    "数据 安全 as a query: 数据 据 安全, four positions like the text");
	check_tokens("\xe7\xa8\x8e \xe5\xae\x89\xe5\x85\xa8", TOKENIZE_QUERY,
	    "\xe7\xa8\x8e \xe5\xae\x89\xe5\x85\xa8", "税 安全 as a query: a lone character is its own token");
	check_tokens("\xe5\x8d\x8f\xe8\xae\xae(IPv6)\xe6\xb4\xbb", 0,
	    "\xe5\x8d\x8f +\xe5\x8d\x8f\xe8\xae\xae \xe8\xae\xae ipv6 \xe6\xb4\xbb",
	    "协议(IPv6)活: brackets separate");
	check_tokens("2022\xe5\xb9\xb4", 0, "2022 \xe5\xb9\xb4", "digits then Han");

	/* Byte ranges point into the original, whatever normalisation did. */
	check_sources("\xef\xbc\xa9\xef\xbc\xb0\xef\xbd\x96\xef\xbc\x96 ok", 0,
	    "\xef\xbc\xa9\xef\xbc\xb0\xef\xbd\x96\xef\xbc\x96|ok", "fullwidth word maps back to its bytes");
	check_sources("\xe7\xae\x97\xe5\x8a\x9b", 0, "\xe7\xae\x97|\xe7\xae\x97\xe5\x8a\x9b|\xe5\x8a\x9b",
	    "a pair maps back to both characters");
	check_sources("Cafe\xcc\x81!", 0, "Cafe\xcc\x81", "a decomposed accent stays in its word's range");
	tokenize("\xe7\xae\x97\xe5\x8a\x9b \xe7\xa8\x8e", 7 + 3, 0, collect_positions, positions);
	ok(strcmp(positions, "0 0+ 1 2") == 0, "positions: a pair shares its first character's position");

	/* Bad input. */
	check_tokens("", 0, "", "empty text: no token");
	check_tokens("  ,.;!?()\xe3\x80\x82", 0, "", "punctuation only: no token");
	check_tokens("ab\xff" "cd", 0, "ab cd", "an invalid byte separates words");
	check_tokens("\xe7\xae\x97\xc0\xe5\x8a\x9b", 0, "\xe7\xae\x97 \xe5\x8a\x9b",
	    "an invalid byte ends a Han run");
	check_tokens("\xe7\xae", 0, "", "a truncated character is no token");
	check_tokens("a\x01" "b\x1b[31mc", 0, "a b 31mc", "control bytes separate words");
	is_int(tokenize("one two", 7, 0, stop_at_first, &seen), 42,
	    "a handler's non-zero value stops the tokenizer and is returned");
	is_int(seen, 1, "no token after the handler stopped");
	is_int(tokenize_count_positions("\xe6\x95\xb0\xe6\x8d\xae IPv6", 10, 0), 3,
	    "positions of 数据 IPv6: three");
	ok(check_separators() > 20, "the common punctuation of Chinese text is taken for spaces");
	check_tokens("\xe6\x95\xb0\xef\xbc\x8c\xe6\x8d\xae\xe3\x80\x82IPv6\xe2\x80\xa6", 0,
	    "\xe6\x95\xb0 \xe6\x8d\xae ipv6", "数，据。IPv6…: punctuation ends a Han run and a word");
	return done_testing();
}
