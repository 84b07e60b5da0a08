/* The user's search query translated into an FTS5 expression.
 *
 * Every term reaches FTS5 as a double-quoted string (quotes inside
 * doubled), which FTS5 hands whole to our tokenizer: no character the user
 * types can be an FTS5 operator, column filter, prefix star or NEAR. The
 * operators are written by this file alone, with parentheses, and a term
 * that the tokenizer turns into no token is dropped before that, so the
 * expression is always well formed or absent. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "buffer.h"
#include "query.h"
#include "text.h"
#include "tokenize.h"
#include "xalloc.h"

/* One term of the query as the user wrote it. */
typedef struct QueryTerm {
	char	*text;
	int	 excluded;	/* written -term */
	int	 bare_or;	/* the word OR, unquoted */
	int	 joined;	/* an OR joins it to the positive term before it */
	int	 quoted;
	int	 prefix;	/* matches the words it starts (QUERY_LAST_PREFIX) */
	char	**alternatives;	/* what else it stands for (query_parse_with) */
	size_t	 nalternatives;
} QueryTerm;

/* The terms of a query being read. */
typedef struct QueryTerms {
	QueryTerm	*items;
	size_t		 count;
	int		 too_long;	/* more than QUERY_MAX_TERMS */
} QueryTerms;

/* Returns the length of the white space at s (0 when none). */
size_t
query_space_length(const char *s, const char *end)
{
	ucs4_t uc;
	int n;

	if (s >= end)
		return 0;
	n = u8_mbtouc(&uc, (const uint8_t *)s, (size_t)(end - s));
	return uc_is_property_white_space(uc) ? (size_t)n : 0;
}

/* Returns the end of the word at s: the next white space or the end. */
static const char *
query_word_end(const char *s, const char *end)
{
	while (s < end && query_space_length(s, end) == 0) {
		ucs4_t uc;

		s += u8_mbtouc(&uc, (const uint8_t *)s, (size_t)(end - s));
	}
	return s;
}

/* Adds a term of len bytes unless it has nothing searchable in it. */
static void
query_add_term(QueryTerms *terms, const char *text, size_t len, int excluded, int quoted)
{
	QueryTerm *term;

	if (tokenize_count_positions(text, len, TOKENIZE_QUERY) == 0)
		return;
	terms->items = xreallocarray(terms->items, terms->count + 1, sizeof *terms->items);
	term = &terms->items[terms->count++];
	term->text = xstrndup(text, len);
	term->excluded = excluded;
	term->bare_or = !quoted && !excluded && len == 2 && memcmp(text, "OR", 2) == 0;
	term->joined = 0;
	term->quoted = quoted;
	term->prefix = 0;
	term->alternatives = NULL;
	term->nalternatives = 0;
}

/* Splits the cleaned query into terms. */
static void
query_split(QueryTerms *terms, const char *s, const char *end)
{
	while (s < end) {
		size_t space = query_space_length(s, end);
		int excluded = 0;
		const char *stop;

		if (space > 0) {
			s += space;
			continue;
		}
		if (*s == '-' && s + 1 < end && query_space_length(s + 1, end) == 0) {
			excluded = 1;
			s++;
		}
		if (*s == '"') {
			s++;
			stop = memchr(s, '"', (size_t)(end - s));
			if (stop == NULL)
				stop = end;
			query_add_term(terms, s, (size_t)(stop - s), excluded, 1);
			s = stop < end ? stop + 1 : end;
		} else {
			stop = query_word_end(s, end);
			query_add_term(terms, s, (size_t)(stop - s), excluded, 0);
			s = stop;
		}
	}
}

/* Decides which bare ORs are operators: those between two positive terms.
 * An operator OR marks the term after it as joined and is itself dropped
 * from the list; any other OR stays, as the word "OR". */
static void
query_join_alternatives(QueryTerms *terms)
{
	size_t i, kept = 0;

	for (i = 0; i < terms->count; i++) {
		QueryTerm *term = &terms->items[i];

		if (term->bare_or && kept > 0 && !terms->items[kept - 1].excluded &&
		    i + 1 < terms->count && !terms->items[i + 1].excluded &&
		    !terms->items[i + 1].bare_or) {
			free(term->text);
			terms->items[i + 1].joined = 1;
			continue;
		}
		terms->items[kept++] = *term;
	}
	terms->count = kept;
}

/* Returns non-zero when a term says again what a kept one says: an
 * exclusion or a lone word seen before, an alternative already in its
 * group (which starts at kept index group). */
static int
query_is_repeat(const QueryTerms *terms, size_t kept, size_t group, const QueryTerm *term,
    int alone)
{
	size_t k;

	for (k = term->joined ? group : 0; k < kept; k++) {
		const QueryTerm *seen = &terms->items[k];
		int seen_alone = !seen->joined && (k + 1 == kept || !terms->items[k + 1].joined);

		if (strcmp(seen->text, term->text) != 0 || seen->excluded != term->excluded)
			continue;
		if (term->excluded || term->joined || (alone && seen_alone))
			return 1;
	}
	return 0;
}

/* Drops the terms that repeat others (32 times the same word is the
 * word once), then refuses a query of more than QUERY_MAX_TERMS terms. */
static void
query_drop_repeats(QueryTerms *terms)
{
	size_t i, kept = 0, group = 0;

	for (i = 0; i < terms->count; i++) {
		QueryTerm *term = &terms->items[i];
		int alone = !term->joined && (i + 1 == terms->count || !terms->items[i + 1].joined);

		if (!term->excluded && !term->joined)
			group = kept;
		if (kept <= QUERY_MAX_TERMS && query_is_repeat(terms, kept, group, term, alone)) {
			free(term->text);
			continue;
		}
		terms->items[kept++] = *term;
	}
	terms->count = kept;
	terms->too_long = kept > QUERY_MAX_TERMS;
}

/* Appends a term as an FTS5 string: in double quotes, quotes doubled. */
static void
query_append_string(Buffer *b, const char *text)
{
	const char *quote;

	buffer_append(b, "\"", 1);
	while ((quote = strchr(text, '"')) != NULL) {
		buffer_append(b, text, (size_t)(quote - text) + 1);
		buffer_append(b, "\"", 1);
		text = quote + 1;
	}
	buffer_puts(b, text);
	buffer_append(b, "\"", 1);
}

/* Records the last token of a phrase (a TokenHandler). */
static int
query_note_last_token(void *data, const Token *token)
{
	size_t *covered = data;

	*covered = token->position + (token->kind == TOKEN_PAIR ? 2 : 1);
	return 0;
}

/* Returns the token positions a phrase covers in a document: a pair of
 * ideographs is one query token but two document positions. */
static size_t
query_covered_positions(const char *text)
{
	size_t covered = 0;

	tokenize(text, strlen(text), TOKENIZE_QUERY, query_note_last_token, &covered);
	return covered;
}

/* Appends a term as FTS5 strings: alone, or in parentheses ORed with its
 * alternatives. */
static void
query_append_term(Buffer *b, const QueryTerm *term)
{
	size_t i;

	if (term->nalternatives > 0)
		buffer_append(b, "(", 1);
	query_append_string(b, term->text);
	if (term->prefix)
		buffer_append(b, " *", 2);
	for (i = 0; i < term->nalternatives; i++) {
		buffer_append(b, " OR ", 4);
		query_append_string(b, term->alternatives[i]);
	}
	if (term->nalternatives > 0)
		buffer_append(b, ")", 1);
}

/* Adds a phrase to the query's list. */
static void
query_add_phrase(Query *query, const char *text, int prefix)
{
	query->phrases = xreallocarray(query->phrases, query->nphrases + 1, sizeof *query->phrases);
	query->phrases[query->nphrases].text = xstrdup(text);
	query->phrases[query->nphrases].positions = query_covered_positions(text);
	query->phrases[query->nphrases].prefix = prefix;
	query->nphrases++;
}

/* Returns some of the phrases ORed; see query.h. */
char *
query_phrases_ored(const Query *query, const int *phrases, size_t n)
{
	Buffer b = { 0 };
	size_t k;

	buffer_append(&b, "", 0);
	for (k = 0; k < n; k++) {
		const QueryPhrase *phrase = &query->phrases[phrases[k]];

		if (k > 0)
			buffer_append(&b, " OR ", 4);
		query_append_string(&b, phrase->text);
		if (phrase->prefix)
			buffer_append(&b, " *", 2);
	}
	return buffer_take(&b);
}

/* Writes the expressions and the phrase list of a query from its terms. */
static void
query_build(Query *query, const QueryTerms *terms)
{
	Buffer positive = { 0 }, any = { 0 }, excluded = { 0 };
	size_t i, j, npositive = 0, nexcluded = 0, ngroups = 0;
	int open_group = 0;

	for (i = 0; i < terms->count; i++) {
		const QueryTerm *term = &terms->items[i];
		int alternatives = i + 1 < terms->count && terms->items[i + 1].joined;

		if (term->excluded)
			continue;
		if (!term->joined) {
			if (ngroups++ > 0)
				buffer_append(&positive, " AND ", 5);
			if (alternatives) {
				buffer_append(&positive, "(", 1);
				open_group = 1;
			}
		} else
			buffer_append(&positive, " OR ", 4);
		query_append_term(&positive, term);
		if (open_group && !alternatives) {
			buffer_append(&positive, ")", 1);
			open_group = 0;
		}
		if (npositive++ > 0)
			buffer_append(&any, " OR ", 4);
		query_append_string(&any, term->text);
		if (term->prefix)
			buffer_append(&any, " *", 2);
		query_add_phrase(query, term->text, term->prefix);
		for (j = 0; j < term->nalternatives; j++) {
			buffer_append(&any, " OR ", 4);
			query_append_string(&any, term->alternatives[j]);
			query_add_phrase(query, term->alternatives[j], 0);
		}
	}
	for (i = 0; i < terms->count; i++) {
		if (!terms->items[i].excluded)
			continue;
		if (nexcluded++ > 0)
			buffer_append(&excluded, " OR ", 4);
		query_append_term(&excluded, &terms->items[i]);
	}
	if (npositive == 0) {
		buffer_free(&positive);
		buffer_free(&any);
	} else if (nexcluded == 0) {
		query->expression = buffer_take(&positive);
		query->positive = buffer_take(&any);
		query->ored = ngroups == 1;
	} else {
		query->expression = xasprintf(npositive > 1 ? "(%s) NOT %s%s%s" : "%s NOT %s%s%s",
		    positive.data, nexcluded > 1 ? "(" : "", excluded.data, nexcluded > 1 ? ")" : "");
		query->positive = buffer_take(&any);
		buffer_free(&positive);
	}
	buffer_free(&excluded);
}

/* Makes the last term a prefix when it is a Latin word being typed. */
static void
query_mark_prefix(QueryTerms *terms)
{
	QueryTerm *last;
	size_t i;

	if (terms->count == 0)
		return;
	last = &terms->items[terms->count - 1];
	if (last->quoted || last->excluded || last->bare_or)
		return;
	for (i = 0; last->text[i] != '\0'; i++) {
		unsigned char c = (unsigned char)last->text[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return;
	}
	last->prefix = 1;
}

/* Asks for the alternatives of every term that is not the operator OR,
 * dropping those the tokenizer finds nothing in. */
static void
query_expand(QueryTerms *terms, QueryAlternatives alternatives, void *data)
{
	size_t i, j;

	for (i = 0; alternatives != NULL && i < terms->count; i++) {
		QueryTerm *term = &terms->items[i];
		size_t n = 0, kept = 0;
		char **alts;

		if (term->bare_or)
			continue;
		alts = alternatives(data, term->text, term->quoted, &n);

		for (j = 0; j < n; j++) {
			if (tokenize_count_positions(alts[j], strlen(alts[j]), TOKENIZE_QUERY) > 0)
				alts[kept++] = alts[j];
			else
				free(alts[j]);
		}
		term->alternatives = alts;
		term->nalternatives = kept;
	}
}

/* Translates a query; returns it (the caller frees it with query_free). */
Query *
query_parse(const char *text)
{
	return query_parse_with(text, 0, NULL, NULL);
}

/* Translates a query with flags and alternatives; returns it (free with
 * query_free). */
Query *
query_parse_with(const char *text, int flags, QueryAlternatives alternatives, void *data)
{
	Query *query = xcalloc(1, sizeof *query);
	QueryTerms terms = { NULL, 0, 0 };
	size_t len, i;
	char *clean = text_clean(text, strlen(text), 0, &len);

	query_split(&terms, clean, clean + len);
	query_join_alternatives(&terms);
	query_drop_repeats(&terms);
	if (flags & QUERY_LAST_PREFIX)
		query_mark_prefix(&terms);
	query->too_long = terms.too_long;
	if (!terms.too_long) {
		query_expand(&terms, alternatives, data);
		query_build(query, &terms);
	}
	for (i = 0; i < terms.count; i++) {
		size_t j;

		for (j = 0; j < terms.items[i].nalternatives; j++)
			free(terms.items[i].alternatives[j]);
		free(terms.items[i].alternatives);
		free(terms.items[i].text);
	}
	free(terms.items);
	free(clean);
	return query;
}

/* Frees a query. */
void
query_free(Query *query)
{
	size_t i;

	if (query == NULL)
		return;
	for (i = 0; i < query->nphrases; i++)
		free(query->phrases[i].text);
	free(query->phrases);
	free(query->expression);
	free(query->positive);
	free(query);
}
