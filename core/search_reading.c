/* Reading a query as pinyin, initials or the other script.
 *
 * A query word of Latin letters means itself first: when the text holds
 * it as a word it is left alone (ipv6, DCMM). Otherwise, when it
 * spells pinyin (tone marks, tone digits and capitals fold away;
 * consecutive such words join, so "shu ju" is shuju), it also stands for
 * every string of Han characters of the text that reads so, and when it
 * is two to four letters that are no pinyin, for every string whose
 * characters' readings start with its letters in turn (a longer word is
 * no initials of a word). Both are found by walking the index's
 * vocabulary (search_walk.c), the most frequent first. The strings become
 * phrases ORed with the word (query_parse_with), so FTS5 finds and ranks
 * them and the reader highlights them as any other hit.
 *
 * Han text in a query with a traditional form also stands for its
 * simplified conversion, and when the index holds an issue printed in
 * traditional characters, Han text stands for its traditional conversion
 * too (hanconv.c, OpenCC opened then only). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unictype.h>
#include <unistr.h>

#include "buffer.h"
#include "hanconv.h"
#include "index_han.h"
#include "index_query.h"
#include "pinyin.h"
#include "search_reading.h"
#include "search_walk.h"
#include "xalloc.h"

/* The strings a reading line shows of a word. */
#define READING_SHOWN 6

/* The state of one query's reading. */
typedef struct Reading {
	Index	*index;
	int	 traditional;	/* the index holds a traditional issue; -1 unknown */
	Buffer	 line;		/* how the query was read */
	char	*checked;	/* the last word reading_is_text_word() looked up */
	int	 checked_found;	/* and what it found */
} Reading;

/* Returns non-zero when the index holds the word as typed (one token). */
static int
reading_is_text_word(Index *index, const char *word, size_t len)
{
	sqlite3_stmt *stmt = NULL;
	char *quoted = xasprintf("\"%.*s\"", (int)len, word);
	int found = 0;

	if (memchr(word, '"', len) == NULL && sqlite3_prepare_v2(index_database(index),
	    "SELECT 1 FROM search WHERE search MATCH ?1 LIMIT 1", -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, quoted, -1, SQLITE_STATIC);
		found = sqlite3_step(stmt) == SQLITE_ROW;
	}
	sqlite3_finalize(stmt);
	free(quoted);
	return found;
}

/* Returns reading_is_text_word() of the word, looked up once for the
 * query (joining pinyin and reading it ask of the same word). */
static int
reading_is_word(Reading *r, const char *word, size_t len)
{
	if (r->checked == NULL || strlen(r->checked) != len || memcmp(r->checked, word, len) != 0) {
		free(r->checked);
		r->checked = xstrndup(word, len);
		r->checked_found = reading_is_text_word(r->index, word, len);
	}
	return r->checked_found;
}

/* Returns non-zero when the text holds a character of a script written
 * without spaces. */
static int
reading_has_han(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	ucs4_t uc;

	while ((s = u8_next(&uc, s)) != NULL)
		if (uc_is_property_ideographic(uc))
			return 1;
	return 0;
}

/* Adds conversion direction of term to the alternatives when it differs. */
static void
reading_convert(Reading *r, const char *term, HanConvDirection direction, char ***alts,
    size_t *n)
{
	char *converted = hanconv_convert(index_han_converter(r->index), direction, term,
	    strlen(term));
	size_t i;

	if (converted == NULL || strcmp(converted, term) == 0) {
		free(converted);
		return;
	}
	for (i = 0; i < *n; i++)
		if (strcmp((*alts)[i], converted) == 0) {
			free(converted);
			return;
		}
	*alts = xreallocarray(*alts, *n + 1, sizeof **alts);
	(*alts)[(*n)++] = converted;
}

/* Returns the other-script forms of a Han term, *n of them. */
static char **
reading_scripts(Reading *r, const char *term, size_t *n)
{
	char **alts = NULL;

	*n = 0;
	if (hanconv_has_traditional(term, strlen(term)))
		reading_convert(r, term, HANCONV_TO_SIMPLIFIED, &alts, n);
	if (r->traditional < 0)
		r->traditional = index_han_has_traditional(r->index);
	if (r->traditional)
		reading_convert(r, term, HANCONV_TO_TRADITIONAL, &alts, n);
	return alts;
}

/* Notes in the reading line that term stands for the n strings alts. */
static void
reading_note(Reading *r, const char *term, char **alts, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	if (r->line.len > 0)
		buffer_puts(&r->line, "; ");
	buffer_printf(&r->line, "%s →", term);
	for (i = 0; i < n && i < READING_SHOWN; i++)
		buffer_printf(&r->line, "%s%s", i > 0 ? " · " : " ", alts[i]);
	if (n > READING_SHOWN)
		buffer_printf(&r->line, " … (%zu)", n);
}

/* Offers what a term stands for (a QueryAlternatives). */
static char **
reading_alternatives(void *data, const char *term, int quoted, size_t *n)
{
	Reading *r = data;
	char **alts = NULL, *folded;

	*n = 0;
	if (reading_has_han(term))
		alts = reading_scripts(r, term, n);
	else if (!quoted && (folded = pinyin_fold(term, strlen(term))) != NULL) {
		if (!reading_is_word(r, term, strlen(term))) {
			if (pinyin_is_syllables(folded))
				alts = search_walk(r->index, folded, 0, n);
			else if (strlen(folded) >= SEARCH_WALK_MIN_INITIALS &&
			    strlen(folded) <= SEARCH_WALK_MAX_INITIALS)
				alts = search_walk(r->index, folded, 1, n);
		}
		free(folded);
	}
	reading_note(r, term, alts, *n);
	return alts;
}

/* Returns the folded pinyin of a plain word (not quoted, excluded or the
 * operator OR) that is no word of the text, or NULL. */
static char *
reading_pinyin_word(Reading *r, const char *word, size_t len)
{
	char *folded;

	if (len == 0 || word[0] == '-' || word[0] == '"' || memchr(word, '"', len) != NULL ||
	    (len == 2 && memcmp(word, "OR", 2) == 0))
		return NULL;
	folded = pinyin_fold(word, len);
	if (folded != NULL && (!pinyin_is_syllables(folded) ||
	    reading_is_word(r, word, len))) {
		free(folded);
		folded = NULL;
	}
	return folded;
}

/* Returns the query with its pinyin words folded and runs of them joined
 * ("Shu ju" becomes "shuju"); the caller frees it. */
static char *
reading_join_pinyin(Reading *r, const char *text)
{
	const char *s = text, *end = text + strlen(text);
	Buffer b = { 0 };
	int joining = 0;

	buffer_append(&b, "", 0);
	while (s < end) {
		size_t space = query_space_length(s, end);
		const char *stop = s;
		char *folded;

		if (space > 0) {
			if (!joining)
				buffer_append(&b, s, space);
			s += space;
			continue;
		}
		if (*s == '"' || (*s == '-' && s + 1 < end && s[1] == '"')) {
			const char *close = memchr(s + (*s == '-') + 1, '"', (size_t)(end - s) -
			    (size_t)(*s == '-') - 1);

			stop = close != NULL ? close + 1 : end;
		}
		while (stop < end && query_space_length(stop, end) == 0) {
			ucs4_t uc;

			stop += u8_mbtouc(&uc, (const uint8_t *)stop, (size_t)(end - stop));
		}
		folded = reading_pinyin_word(r, s, (size_t)(stop - s));
		if (folded != NULL) {
			buffer_puts(&b, folded);
			free(folded);
			joining = 1;
		} else {
			if (joining)
				buffer_append(&b, " ", 1);
			buffer_append(&b, s, (size_t)(stop - s));
			joining = 0;
		}
		s = stop;
	}
	return buffer_take(&b);
}

/* Returns the query translated for the index; see search_reading.h. */
Query *
search_reading_parse(Index *index, const char *text, int flags, char **reading)
{
	Reading r = { index, -1, { 0 }, NULL, 0 };
	char *joined = reading_join_pinyin(&r, text);
	Query *query = query_parse_with(joined, flags, reading_alternatives, &r);

	free(joined);
	if (reading != NULL)
		*reading = r.line.len > 0 ? buffer_take(&r.line) : NULL;
	buffer_free(&r.line);
	free(r.checked);
	return query;
}

/* Returns how the query is read, or NULL; see search_reading.h. */
char *
search_reading(Index *index, const char *text)
{
	char *reading = NULL;

	query_free(search_reading_parse(index, text, 0, &reading));
	return reading;
}
