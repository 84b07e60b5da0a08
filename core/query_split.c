/* A query of phrases ORed, written for FTS5 with each phrase of several
 * tokens as its tokens ANDed (query.h, query_split_ored()). FTS5 matches
 * a phrase by walking its tokens' position lists side by side in every
 * row that holds them all, at several times the cost of finding those
 * rows: 数字经济 over 1,000 issues took 46 million instructions as a
 * phrase, 9 as its three pairs ANDed. The ranking (index_rank.c) then
 * matches the phrase itself in the rows FTS5 gives, from the same lists
 * (index_poslist.c), and passes over the rows that do not hold it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "query.h"
#include "tokenize.h"
#include "xalloc.h"

/* The tokens of a phrase, as FTS5 is given them. */
typedef struct SplitTokens {
	char		**texts;
	TokenKind	 *kinds;
	size_t		  count;
	int		  colocated;	/* one of them shares a position */
} SplitTokens;

/* Keeps a token (a TokenHandler). */
static int
query_split_token(void *data, const Token *token)
{
	SplitTokens *tokens = data;

	if (token->colocated)
		tokens->colocated = 1;
	if (tokens->count >= QUERY_SPLIT_MAX_TOKENS + 1)
		return 0;	/* too many already: kept whole */
	tokens->texts = xreallocarray(tokens->texts, tokens->count + 1, sizeof *tokens->texts);
	tokens->kinds = xreallocarray(tokens->kinds, tokens->count + 1, sizeof *tokens->kinds);
	tokens->texts[tokens->count] = xstrndup(token->text, token->length);
	tokens->kinds[tokens->count++] = token->kind;
	return 0;
}

/* Frees count strings and their array. */
static void
query_split_texts_free(char **texts, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(texts[i]);
	free(texts);
}

/* Frees a phrase's tokens. */
static void
query_split_tokens_free(SplitTokens *tokens)
{
	query_split_texts_free(tokens->texts, tokens->count);
	free(tokens->kinds);
}

/* Returns non-zero when text, as a term of its own, is the one token text
 * again: then "text" in an expression is that token. */
static int
query_split_is_token(const char *text)
{
	SplitTokens again = { NULL, NULL, 0, 0 };
	int same;

	tokenize(text, strlen(text), TOKENIZE_QUERY, query_split_token, &again);
	same = again.count == 1 && !again.colocated && strcmp(again.texts[0], text) == 0;
	query_split_tokens_free(&again);
	return same;
}

/* Returns non-zero when token i of a phrase is the character that ends
 * the pair before it ("数据 安全" is 数据 据 安全): a document that holds
 * the pair at p holds that character at p + 1, as it gives every
 * character a token, so the phrase need not ask for it. */
static int
query_split_implied(const SplitTokens *tokens, size_t i)
{
	const char *pair;
	size_t len;

	if (i == 0 || tokens->kinds[i] != TOKEN_CHAR || tokens->kinds[i - 1] != TOKEN_PAIR)
		return 0;
	pair = tokens->texts[i - 1];
	len = strlen(tokens->texts[i]);
	return strlen(pair) > len && strcmp(pair + strlen(pair) - len, tokens->texts[i]) == 0;
}

/* A phrase as the split writes it: its tokens (less those implied) and
 * their places in it; none when it is written whole. */
typedef struct SplitPhrase {
	char	**texts;
	size_t	 *offsets;
	size_t	  count;
	size_t	  group;	/* written with the phrases of its group */
	int	  written;
} SplitPhrase;

/* Reads how phrase is to be split into *out: its tokens when it has 2 to
 * QUERY_SPLIT_MAX_TOKENS of them, each a term that FTS5 gives back as
 * itself, less those implied; else none (out->count 0). */
static void
query_split_phrase(const QueryPhrase *phrase, SplitPhrase *out)
{
	SplitTokens tokens = { NULL, NULL, 0, 0 };
	size_t i;

	memset(out, 0, sizeof *out);
	if (!phrase->prefix)
		tokenize(phrase->text, strlen(phrase->text), TOKENIZE_QUERY, query_split_token,
		    &tokens);
	if (tokens.count >= 2 && tokens.count <= QUERY_SPLIT_MAX_TOKENS && !tokens.colocated) {
		for (i = 0; i < tokens.count; i++)
			if (strchr(tokens.texts[i], '"') != NULL ||
			    !query_split_is_token(tokens.texts[i]))
				break;
		if (i == tokens.count) {
			out->texts = xcalloc(tokens.count, sizeof *out->texts);
			out->offsets = xcalloc(tokens.count, sizeof *out->offsets);
			for (i = 0; i < tokens.count; i++) {
				if (query_split_implied(&tokens, i))
					continue;
				out->texts[out->count] = xstrdup(tokens.texts[i]);
				out->offsets[out->count++] = i;
			}
		}
	}
	query_split_tokens_free(&tokens);
}

/* Frees a phrase's split. */
static void
query_split_phrase_free(SplitPhrase *phrase)
{
	query_split_texts_free(phrase->texts, phrase->count);
	free(phrase->offsets);
}

/* Returns non-zero when two phrases split alike: as many tokens, at the
 * same places (a pinyin word's strings of one length). */
static int
query_split_alike(const SplitPhrase *a, const SplitPhrase *b)
{
	return a->count > 0 && a->count == b->count &&
	    memcmp(a->offsets, b->offsets, a->count * sizeof *a->offsets) == 0;
}

/* Returns how many places two phrases split alike differ at. */
static size_t
query_split_differ(const SplitPhrase *a, const SplitPhrase *b)
{
	size_t k, n = 0;

	for (k = 0; k < a->count; k++)
		n += strcmp(a->texts[k], b->texts[k]) != 0;
	return n;
}

/* Returns the first phrase of i's group (the group's number). */
static size_t
query_split_root(SplitPhrase *phrases, size_t i)
{
	while (phrases[i].group != i)
		i = phrases[i].group = phrases[phrases[i].group].group;
	return i;
}

/* Returns the first phrase of group i, from i up to j, whose token at
 * place k is phrase j's: j when none before it is. */
static size_t
query_split_first_alike(const SplitPhrase *phrases, size_t i, size_t j, size_t k)
{
	size_t m;

	for (m = i; m < j; m++)
		if (phrases[m].group == i && strcmp(phrases[m].texts[k], phrases[j].texts[k]) == 0)
			break;
	return m;
}

/* Groups the phrases that are written together: those split alike that
 * differ at one place from another of the group (数字经济 and 术字经济,
 * 数字经济 and 数字经纪), as long as the group's distinct tokens at each
 * place, all combined, make at most twice its phrases (the rows FTS5
 * gives the group are those of any combination). Dissimilar strings
 * (sjys: 数据要素, 升基于数) are written apart: together they would give
 * FTS5 rows of 数据 and 基于 and 育信 to find. */
static void
query_split_group(SplitPhrase *phrases, size_t n)
{
	size_t i, j, k;

	for (i = 0; i < n; i++)
		phrases[i].group = i;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (query_split_alike(&phrases[i], &phrases[j]) &&
			    query_split_differ(&phrases[i], &phrases[j]) == 1) {
				size_t a = query_split_root(phrases, i), b = query_split_root(phrases, j);

				phrases[a > b ? a : b].group = a < b ? a : b;
			}
	for (i = 0; i < n; i++)
		phrases[i].group = query_split_root(phrases, i);
	for (i = 0; i < n; i++) {
		double combinations = 1.0;
		size_t members = 0;

		if (phrases[i].group != i)
			continue;
		for (k = 0; k < phrases[i].count; k++) {
			size_t distinct = 0;

			for (j = i; j < n; j++)
				if (phrases[j].group == i)
					distinct += query_split_first_alike(phrases, i, j, k) == j;
			combinations *= (double)distinct;
		}
		for (j = i; j < n; j++)
			members += phrases[j].group == i;
		if (combinations > 2.0 * (double)members)
			for (j = i; j < n; j++)
				if (phrases[j].group == i)
					phrases[j].group = j;
	}
}

/* Writes the phrases of phrase i's group (query_split_group(), i the
 * first) as their tokens ANDed, each place's distinct tokens ORed:
 * ((数字 OR 术字) AND 字经 AND (经济 OR 经纪)) holds at least the rows of
 * each phrase, and FTS5 finds them once for all. Numbers each distinct
 * token an FTS5 phrase from *nterms on, in the order written, and sets
 * each phrase's terms[] (indexed from at[]) to its tokens'. */
static void
query_split_write_group(Buffer *b, SplitPhrase *phrases, size_t nphrases, size_t i,
    size_t **terms, const size_t *at, size_t *nterms)
{
	size_t k, j, m;

	buffer_append(b, "(", 1);
	for (k = 0; k < phrases[i].count; k++) {
		size_t first = *nterms, distinct = 0;
		Buffer place = { 0 };

		if (k > 0)
			buffer_append(b, " AND ", 5);
		buffer_append(&place, "", 0);
		/* The place's distinct tokens, in the order of the phrases. */
		for (j = i; j < nphrases; j++) {
			if (phrases[j].group != i)
				continue;
			m = query_split_first_alike(phrases, i, j, k);
			if (m < j) {
				(*terms)[at[j] + k] = (*terms)[at[m] + k];
				continue;
			}
			buffer_puts(&place, distinct++ == 0 ? "\"" : " OR \"");
			buffer_puts(&place, phrases[j].texts[k]);
			buffer_append(&place, "\"", 1);
			(*terms)[at[j] + k] = first + distinct - 1;
		}
		/* One token alone needs no parentheses. */
		if (distinct > 1)
			buffer_append(b, "(", 1);
		buffer_puts(b, place.data);
		if (distinct > 1)
			buffer_append(b, ")", 1);
		buffer_free(&place);
		*nterms = first + distinct;
	}
	buffer_append(b, ")", 1);
	for (j = i; j < nphrases; j++)
		if (phrases[j].group == i)
			phrases[j].written = 1;
}

/* Returns the query's phrases ORed, those of several tokens split; see
 * query.h. */
QuerySplit *
query_split_ored(const Query *query)
{
	QuerySplit *split;
	SplitPhrase *phrases;
	Buffer b = { 0 };
	size_t i, k, nsplit = 0, total = 0, *at;
	char *whole;
	int one, first = 1;

	if (!query->ored || query->nphrases == 0)
		return NULL;
	phrases = xcalloc(query->nphrases, sizeof *phrases);
	at = xcalloc(query->nphrases, sizeof *at);
	split = xcalloc(1, sizeof *split);
	split->ntokens = xcalloc(query->nphrases, sizeof *split->ntokens);
	for (i = 0; i < query->nphrases; i++) {
		query_split_phrase(&query->phrases[i], &phrases[i]);
		nsplit += phrases[i].count > 0;
		split->ntokens[i] = phrases[i].count > 0 ? phrases[i].count : 1;
		at[i] = total;
		total += split->ntokens[i];
	}
	query_split_group(phrases, query->nphrases);
	split->terms = xcalloc(total + 1, sizeof *split->terms);
	split->offsets = xcalloc(total + 1, sizeof *split->offsets);
	for (i = 0; i < query->nphrases; i++)
		for (k = 0; k < phrases[i].count; k++)
			split->offsets[at[i] + k] = phrases[i].offsets[k];
	buffer_append(&b, "", 0);
	for (i = 0; i < query->nphrases; i++) {
		if (phrases[i].written)
			continue;
		if (!first)
			buffer_append(&b, " OR ", 4);
		first = 0;
		if (phrases[i].count > 0) {
			query_split_write_group(&b, phrases, query->nphrases, i, &split->terms, at,
			    &split->nterms);
			continue;
		}
		split->terms[at[i]] = split->nterms++;
		one = (int)i;
		whole = query_phrases_ored(query, &one, 1);
		buffer_puts(&b, whole);
		free(whole);
	}
	split->expression = buffer_take(&b);
	for (i = 0; i < query->nphrases; i++)
		query_split_phrase_free(&phrases[i]);
	free(phrases);
	free(at);
	if (nsplit == 0) {
		query_split_free(split);
		return NULL;
	}
	return split;
}

/* Frees a split query. */
void
query_split_free(QuerySplit *split)
{
	if (split == NULL)
		return;
	free(split->expression);
	free(split->ntokens);
	free(split->terms);
	free(split->offsets);
	free(split);
}
