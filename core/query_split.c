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

/* Frees a phrase's tokens. */
static void
query_split_tokens_free(SplitTokens *tokens)
{
	size_t i;

	for (i = 0; i < tokens->count; i++)
		free(tokens->texts[i]);
	free(tokens->texts);
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

/* Adds an FTS5 phrase of the split: a token at offset in its phrase. */
static void
query_split_add_term(QuerySplit *split, size_t offset)
{
	split->offsets = xreallocarray(split->offsets, split->nterms + 1, sizeof *split->offsets);
	split->offsets[split->nterms++] = offset;
}

/* Appends a phrase to the split's expression as its tokens ANDed (less
 * those implied), when it has 2 to QUERY_SPLIT_MAX_TOKENS of them, each a
 * term that FTS5 gives back as itself; returns how many are written, else
 * 0 (nothing appended). */
static size_t
query_split_append(QuerySplit *split, Buffer *b, const QueryPhrase *phrase)
{
	SplitTokens tokens = { NULL, NULL, 0, 0 };
	size_t i, n = 0;

	if (!phrase->prefix)
		tokenize(phrase->text, strlen(phrase->text), TOKENIZE_QUERY, query_split_token,
		    &tokens);
	if (tokens.count >= 2 && tokens.count <= QUERY_SPLIT_MAX_TOKENS && !tokens.colocated) {
		for (i = 0; i < tokens.count; i++)
			if (strchr(tokens.texts[i], '"') != NULL ||
			    !query_split_is_token(tokens.texts[i]))
				break;
		if (i == tokens.count) {
			buffer_append(b, "(", 1);
			for (i = 0; i < tokens.count; i++) {
				if (query_split_implied(&tokens, i))
					continue;
				if (n++ > 0)
					buffer_append(b, " AND ", 5);
				buffer_append(b, "\"", 1);
				buffer_puts(b, tokens.texts[i]);
				buffer_append(b, "\"", 1);
				query_split_add_term(split, i);
			}
			buffer_append(b, ")", 1);
		}
	}
	query_split_tokens_free(&tokens);
	return n;
}

/* Returns the query's phrases ORed, those of several tokens split; see
 * query.h. */
QuerySplit *
query_split_ored(const Query *query)
{
	QuerySplit *split;
	Buffer b = { 0 };
	size_t i, nsplit = 0;
	char *whole;
	int one;

	if (!query->ored || query->nphrases == 0)
		return NULL;
	split = xcalloc(1, sizeof *split);
	split->ntokens = xcalloc(query->nphrases, sizeof *split->ntokens);
	buffer_append(&b, "", 0);
	for (i = 0; i < query->nphrases; i++) {
		if (i > 0)
			buffer_append(&b, " OR ", 4);
		split->ntokens[i] = query_split_append(split, &b, &query->phrases[i]);
		if (split->ntokens[i] > 0) {
			nsplit++;
			continue;
		}
		split->ntokens[i] = 1;
		query_split_add_term(split, 0);
		one = (int)i;
		whole = query_phrases_ored(query, &one, 1);
		buffer_puts(&b, whole);
		free(whole);
	}
	split->expression = buffer_take(&b);
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
	free(split->offsets);
	free(split);
}
