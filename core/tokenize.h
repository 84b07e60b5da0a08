/* Turning text into search tokens: NFKC, case folding, Han characters one
 * by one with the pairs they form, runs of letters and digits as words.
 * The same rules serve the index, the query and the hit locator, so that
 * what is found is what is highlighted. */
#ifndef SHUZHI_TOKENIZE_H
#define SHUZHI_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

typedef enum TokenKind {
	TOKEN_WORD,	/* a run of letters, digits and their marks */
	TOKEN_CHAR,	/* one character of a script written without spaces (Han, kana) */
	TOKEN_PAIR,	/* two adjacent such characters */
} TokenKind;

enum {
	/* Tokens of a query term rather than of a document: a run of Han
	 * characters gives its overlapping pairs (and then its last
	 * character when another token follows), or its character when it
	 * is alone. A document gives every character, each followed by the
	 * pair it starts, at the same position. */
	TOKENIZE_QUERY = 1,
	/* Characters only, never pairs (the alternative the index does not
	 * use; kept so that bench/ can measure both). */
	TOKENIZE_UNIGRAMS = 2,
};

typedef struct Token {
	TokenKind	 kind;
	const char	*text;		/* normalised (NFKC, case-folded) UTF-8 */
	size_t		 length;
	size_t		 start;		/* byte range in the original text */
	size_t		 end;
	size_t		 position;	/* counts tokens as FTS5 does; shared when colocated */
	int		 colocated;	/* same position as the token before */
} Token;

/* Receives one token (valid only during the call); returns 0 to go on,
 * anything else to stop the tokenizer, which then returns that value. */
typedef int (*TokenHandler)(void *data, const Token *token);

/* Tokenizes len bytes of text (any bytes: invalid UTF-8 separates tokens)
 * with TOKENIZE_* flags, calling handler for each token in order.
 * Returns 0, or the first non-zero value the handler returned. */
int tokenize(const char *text, size_t len, int flags, TokenHandler handler, void *data);

/* Returns the number of tokens that are not colocated (FTS5 positions). */
size_t tokenize_count_positions(const char *text, size_t len, int flags);

/* Returns non-zero when the character is punctuation the tokenizer takes
 * for a space without normalising it (its normalised form separates
 * tokens too). */
int tokenize_is_separator(uint32_t uc);

/* Returns the tokens as one line for tests and diagnostics, e.g.
 * "ipv6 网 +网络 络" (a "+" marks a colocated token). The caller frees it. */
char *tokenize_describe(const char *text, size_t len, int flags);

#endif
