/* The user's search query (shuzhi(1), --search) translated into an FTS5
 * expression in which nothing typed is syntax. */
#ifndef SHUZHI_QUERY_H
#define SHUZHI_QUERY_H

#include <stddef.h>

/* The most different terms a query may have (repeats count once); a
 * longer one is refused (too_long), never cut short. */
#define QUERY_MAX_TERMS 256

/* A term that must (or may, in an OR) occur. */
typedef struct QueryPhrase {
	char	*text;		/* the term as typed, cleaned */
	size_t	 positions;	/* token positions an instance covers in a document */
	int	 prefix;	/* a prefix (QUERY_LAST_PREFIX) */
} QueryPhrase;

typedef struct Query {
	/* The FTS5 expression: words ANDed, OR groups, NOT exclusions, every
	 * term a quoted string. NULL when the query has nothing searchable. */
	char		*expression;
	/* The positive terms ORed: finds every hit to highlight. NULL when
	 * expression is. */
	char		*positive;
	/* The positive terms: phrase i of both expressions is phrases[i];
	 * the excluded terms come after them in expression. */
	QueryPhrase	*phrases;
	size_t		 nphrases;
	/* Non-zero when expression is the phrases ORed (one term with its
	 * alternatives, nothing ANDed or excluded): every row that holds a
	 * phrase is a row the expression matches. */
	int		 ored;
	/* More than QUERY_MAX_TERMS terms: expression and positive are NULL. */
	int		 too_long;
} Query;

/* Translates a query (any bytes). Words separated by spaces must all occur;
 * "quoted words" are a phrase; -word or -"phrase" excludes; OR between two
 * terms makes either enough (elsewhere OR is a word); a term with nothing
 * searchable in it (punctuation, an empty phrase) is dropped. Returns the
 * query; the caller frees it with query_free. */
Query *query_parse(const char *text);

/* Flags of query_parse_with: with QUERY_LAST_PREFIX, a last term that is a
 * Latin word (letters and digits, unquoted) is a prefix: what the user is
 * still typing (IPv finds IPv6). */
#define QUERY_LAST_PREFIX	1

/* Returns the length in bytes of the white space that separates query
 * words at s (end: the end of the query), 0 when there is none. */
size_t query_space_length(const char *s, const char *end);

/* Offers the strings a term also stands for (its pinyin read as Han text,
 * its other script): returns a new array of n strings (the caller frees
 * them and it), or NULL. quoted: the term was a "phrase". */
typedef char **(*QueryAlternatives)(void *data, const char *term, int quoted, size_t *n);

/* As query_parse(), with flags (QUERY_LAST_PREFIX), each term ORed with the
 * alternatives that alternatives(data, ...) offers for it (may be NULL):
 * they are phrases of their own, after the term. */
Query *query_parse_with(const char *text, int flags, QueryAlternatives alternatives, void *data);

/* Returns the FTS5 expression of the n phrases numbered phrases[] of the
 * query (each below nphrases) ORed, written as positive writes them:
 * phrase k of it is phrases[k] of the query. The caller frees it. */
char *query_phrases_ored(const Query *query, const int *phrases, size_t n);

/* The most tokens a phrase split by query_split_ored() may have. */
#define QUERY_SPLIT_MAX_TOKENS 16

/* A query of phrases ORed, with each phrase of 2 to
 * QUERY_SPLIT_MAX_TOKENS tokens (no prefix, none sharing a position)
 * written as its tokens ANDed: FTS5 then gives every row that holds them,
 * anywhere, and the caller matches the phrase in it (core/query_split.c
 * says why). A character that ends the pair before it is left out: a
 * document that holds the pair holds it. Phrases of as many tokens at the
 * same places (a pinyin word's strings) are written together, each
 * place's distinct tokens ORed, and share those tokens' FTS5 phrases. */
typedef struct QuerySplit {
	char	*expression;	/* for FTS5 */
	size_t	*ntokens;	/* per phrase: its tokens (1: the phrase whole,
				 * or one token) */
	size_t	*terms;		/* per token of each phrase in turn: its FTS5
				 * phrase in expression */
	size_t	*offsets;	/* and its place in its phrase (0 for the first) */
	size_t	 nterms;	/* FTS5 phrases in expression */
} QuerySplit;

/* Returns the split of a query whose phrases are ORed (ored), or NULL
 * when it is not ored or no phrase has tokens to split; free it with
 * query_split_free. */
QuerySplit *query_split_ored(const Query *query);

void query_split_free(QuerySplit *split);

void query_free(Query *query);

#endif
