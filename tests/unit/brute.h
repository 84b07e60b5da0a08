/* Brute-force search for the tests (header-only): which articles hold a
 * query's words, found by scanning their normalised text the way the
 * tokenizer sees it, to compare with what the index finds. */
#ifndef SHUZHI_BRUTE_H
#define SHUZHI_BRUTE_H

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "issue.h"

#define BRUTE_MAX_TERMS 4

/* Returns the case-folded NFKC form of s, NUL-terminated; the caller frees. */
static char * __attribute__((unused))
brute_normalise(const char *s, size_t len)
{
	size_t n = 0;
	uint8_t *folded = u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFKC, NULL, &n);
	char *out = malloc(n + 1);

	if (folded == NULL || out == NULL)
		abort();
	memcpy(out, folded, n);
	out[n] = '\0';
	free(folded);
	return out;
}

/* Returns non-zero when the character at p (end: the one before) is a
 * letter or digit outside the Han script. */
static int
brute_is_word_char(const char *s, const char *p, int before)
{
	ucs4_t uc;

	if (before) {
		if (u8_prev(&uc, (const uint8_t *)p, (const uint8_t *)s) == NULL)
			return 0;
	} else {
		if (*p == '\0')
			return 0;
		u8_mbtouc(&uc, (const uint8_t *)p, strlen(p));
	}
	return uc_is_alnum(uc) && !uc_is_property_ideographic(uc);
}

/* Counts where the normalised term occurs in the normalised haystack as
 * the tokenizer sees it: a term that starts (ends) with a letter or digit
 * must not continue a word there. */
static size_t __attribute__((unused))
brute_count(const char *haystack, const char *term)
{
	size_t n = 0, len = strlen(term);
	const char *p = haystack;
	int starts_word, ends_word;

	if (len == 0)
		return 0;
	starts_word = brute_is_word_char(term, term, 0);
	ends_word = brute_is_word_char(term, term + len, 1);
	while ((p = strstr(p, term)) != NULL) {
		if (!(starts_word && brute_is_word_char(haystack, p, 1)) &&
		    !(ends_word && brute_is_word_char(haystack, p + len, 0)))
			n++;
		p += len;
	}
	return n;
}

/* Splits a query of plain words into normalised terms (the caller frees
 * each); returns their number. */
static size_t __attribute__((unused))
brute_terms(const char *query, char **terms)
{
	char *copy = strdup(query), *word, *save = NULL;
	size_t n = 0;

	if (copy == NULL)
		abort();
	for (word = strtok_r(copy, " ", &save); word != NULL && n < BRUTE_MAX_TERMS;
	    word = strtok_r(NULL, " ", &save))
		terms[n++] = brute_normalise(word, strlen(word));
	free(copy);
	return n;
}

/* Returns non-zero when the normalised title or text holds every term. */
static int __attribute__((unused))
brute_holds_all(const char *title, const char *text, char **terms, size_t nterms)
{
	size_t i;
	int found = 1;

	for (i = 0; i < nterms && found; i++)
		found = brute_count(title, terms[i]) > 0 || brute_count(text, terms[i]) > 0;
	return found;
}

/* Returns non-zero when the article (title or text) holds every term. */
static int __attribute__((unused))
brute_article_has_all(const Article *a, char **terms, size_t nterms)
{
	char *title = brute_normalise(a->title, strlen(a->title));
	char *text = brute_normalise(a->text, a->text_length);
	int found = brute_holds_all(title, text, terms, nterms);

	free(title);
	free(text);
	return found;
}

#endif
