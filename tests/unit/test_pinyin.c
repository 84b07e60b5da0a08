/* Tests of search by pinyin, initials and traditional characters on the
 * bundled issue, against a brute-force reading of the text: a pinyin or
 * initials query finds every article holding the Han word it stands for,
 * and at least 90% of its results hold a string that really reads so;
 * a traditional query finds exactly the simplified query's articles; Latin
 * words of the text find what they found before; an issue printed in
 * traditional characters is found by a simplified query. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unictype.h>
#include <unistr.h>

#include "brute.h"
#include "hanconv.h"
#include "index.h"
#include "index_han.h"
#include "issue.h"
#include "pinyin.h"
#include "query.h"
#include "search.h"
#include "search_reading.h"
#include "helpers.h"
#include "tap.h"

#define MAX_CHARS 16

static char temp_dir[] = "/tmp/shuzhi-test-pinyin.XXXXXX";

/* Returns non-zero when the characters at s (Han, in a row) spell folded
 * from offset at: every reading of each counts; initials: the first
 * letter of a reading per character. */
static int
brute_reads_from(const uint8_t *s, const char *folded, size_t at, int initials, size_t depth)
{
	const uint16_t *syllables;
	ucs4_t uc;
	size_t i, n;
	int len;

	if (folded[at] == '\0')
		return depth >= (initials ? 2u : 1u);
	len = u8_mbtouc(&uc, s, strlen((const char *)s));
	if (*s == '\0' || len <= 0)
		return 0;
	n = pinyin_readings(uc, &syllables);
	for (i = 0; i < n; i++) {
		const char *syl = pinyin_syllable(syllables[i]);
		size_t k = initials ? 1 : strlen(syl);

		if (strncmp(folded + at, syl, k) == 0 &&
		    brute_reads_from(s + len, folded, at + k, initials, depth + 1))
			return 1;
	}
	return 0;
}

/* Returns non-zero when the text holds Han characters that read so. */
static int
brute_text_reads(const char *text, size_t len, const char *folded, int initials)
{
	char *n = brute_normalise(text, len);
	const uint8_t *s = (const uint8_t *)n;
	int found = 0;

	while (*s != '\0' && !found) {
		ucs4_t uc;
		int step = u8_mbtouc(&uc, s, strlen((const char *)s));

		found = brute_reads_from(s, folded, 0, initials, 0);
		s += step > 0 ? step : 1;
	}
	free(n);
	return found;
}

/* Returns non-zero when the article reads so, in its title or text. */
static int
brute_article_reads(const Article *a, const char *folded, int initials)
{
	return brute_text_reads(a->title, strlen(a->title), folded, initials) ||
	    brute_text_reads(a->text, a->text_length, folded, initials);
}

/* Runs a query; returns its results (never NULL). */
static SearchResults *
run(Index *index, const char *query)
{
	SearchResults *results = NULL;
	char *cause = NULL;

	if (search_run(index, query, NO_LIMIT, &results, &cause) != 0) {
		diag("%s: %s", query, cause);
		free(cause);
		results = calloc(1, sizeof *results);
	}
	return results;
}

/* Returns non-zero when the results hold article index i. */
static int
results_have(const SearchResults *results, size_t i)
{
	size_t j;

	for (j = 0; j < results->count; j++)
		if (results->items[j].article_index == i)
			return 1;
	return 0;
}

/* Checks a pinyin or initials query against the Han word it stands for. */
static void
check_reading(Index *index, const Issue *issue, const char *query, const char *folded,
    const char *word, int initials)
{
	SearchResults *results = run(index, query);
	char *terms[1];
	size_t i, missing = 0, right = 0, holding = 0;

	terms[0] = brute_normalise(word, strlen(word));
	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		if (!brute_article_has_all(a, terms, 1))
			continue;
		holding++;
		if (!results_have(results, i)) {
			diag("%s: misses %s, which holds %s", query, a->id, word);
			missing++;
		}
	}
	for (i = 0; i < results->count; i++)
		right += brute_article_reads(issue_article(issue, results->items[i].article_index),
		    folded, initials);
	ok(holding > 0 && missing == 0, "%s finds the %zu articles holding %s", query, holding,
	    word);
	ok(results->count > 0 && right * 10 >= results->count * 9,
	    "%s: %zu of %zu results read %s", query, right, results->count, folded);
	free(terms[0]);
	search_results_free(results);
}

/* Returns the results' article IDs as one line; the caller frees it. */
static char *
result_ids(Index *index, const char *query)
{
	SearchResults *results = run(index, query);
	size_t i, len = 1;
	char *line;

	for (i = 0; i < results->count; i++)
		len += strlen(results->items[i].article_id) + 1;
	line = calloc(1, len);
	if (line == NULL)
		abort();
	for (i = 0; i < results->count; i++) {
		strcat(line, results->items[i].article_id);
		strcat(line, " ");
	}
	search_results_free(results);
	return line;
}

/* Checks that two queries find the same articles, in the same order. */
static void
check_same(Index *index, const char *a, const char *b)
{
	char *x = result_ids(index, a), *y = result_ids(index, b);

	if (!ok(x[0] != '\0' && strcmp(x, y) == 0, "%s finds what %s finds", a, b))
		diag("  %s\n  %s", x, y);
	free(x);
	free(y);
}

/* Checks that a Latin word finds exactly the articles that hold it. */
static void
check_latin(Index *index, const Issue *issue, const char *word)
{
	SearchResults *results = run(index, word);
	char *terms[1];
	size_t i, holding = 0, wrong = 0;

	terms[0] = brute_normalise(word, strlen(word));
	for (i = 0; i < issue_article_count(issue); i++)
		holding += brute_article_has_all(issue_article(issue, i), terms, 1);
	for (i = 0; i < results->count; i++)
		wrong += !brute_article_has_all(issue_article(issue,
		    results->items[i].article_index), terms, 1);
	ok(results->count == holding && wrong == 0, "%s still finds just the %zu articles holding it",
	    word, holding);
	free(terms[0]);
	search_results_free(results);
}

/* The pairs of adjacent Han characters of a text, with repeats. */
typedef struct BrutePairs {
	uint64_t	*keys;
	size_t		 count;
	size_t		 size;
} BrutePairs;

#define BRUTE_PAIR(a, b) ((uint64_t)(a) << 21 | (uint64_t)(b))

/* Adds the pairs of adjacent ideographs of the normalised text. */
static void
brute_pairs_add(BrutePairs *pairs, const char *text, size_t len)
{
	char *norm = brute_normalise(text, len);
	const uint8_t *s = (const uint8_t *)norm;
	ucs4_t uc, before = 0;

	while ((s = u8_next(&uc, s)) != NULL) {
		if (!uc_is_property_ideographic(uc)) {
			before = 0;
			continue;
		}
		if (before != 0) {
			if (pairs->count == pairs->size) {
				pairs->size = pairs->size ? 2 * pairs->size : 4096;
				pairs->keys = realloc(pairs->keys, pairs->size * sizeof *pairs->keys);
				if (pairs->keys == NULL)
					abort();
			}
			pairs->keys[pairs->count++] = BRUTE_PAIR(before, uc);
		}
		before = uc;
	}
	free(norm);
}

/* Orders pair keys (for qsort and bsearch). */
static int
brute_compare_keys(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* Returns how often the sorted pairs hold the pair a, b. */
static size_t
brute_pair_count(const BrutePairs *pairs, ucs4_t a, ucs4_t b)
{
	uint64_t key = BRUTE_PAIR(a, b);
	const uint64_t *hit = bsearch(&key, pairs->keys, pairs->count, sizeof key,
	    brute_compare_keys);
	size_t count = 0;

	if (hit == NULL)
		return 0;
	while (hit > pairs->keys && hit[-1] == key)
		hit--;
	while (hit + count < pairs->keys + pairs->count && hit[count] == key)
		count++;
	return count;
}

/* The runs of Han characters of a text whose initials a query spells, each
 * once, with how often the rarest of its pairs occurs. */
typedef struct BruteRuns {
	char	**texts;
	size_t	 *weights;
	size_t	  count;
} BruteRuns;

/* Adds the runs of the normalised text whose characters' readings start
 * with the letters in turn. */
static void
brute_runs_add(BruteRuns *runs, const BrutePairs *pairs, const char *text, size_t len,
    const char *letters)
{
	size_t n = strlen(letters), i, k;
	char *norm = brute_normalise(text, len);
	const uint8_t *s = (const uint8_t *)norm, *at;
	ucs4_t chain[8];

	for (; *s != '\0'; s += u8_mblen(s, strlen((const char *)s)) > 0 ?
	    (size_t)u8_mblen(s, strlen((const char *)s)) : 1) {
		size_t weight = SIZE_MAX;

		at = s;
		for (k = 0; k < n && at != NULL && *at != '\0'; k++) {
			at = u8_next(&chain[k], at);
			if (at == NULL || !uc_is_property_ideographic(chain[k]) ||
			    !(pinyin_initials(chain[k]) & (UINT32_C(1) << (letters[k] - 'a'))))
				break;
		}
		if (k < n)
			continue;
		for (k = 0; k + 1 < n; k++) {
			size_t c = brute_pair_count(pairs, chain[k], chain[k + 1]);

			if (c < weight)
				weight = c;
		}
		for (i = 0; i < runs->count; i++)
			if (strncmp(runs->texts[i], (const char *)s, (size_t)(at - s)) == 0 &&
			    runs->texts[i][at - s] == '\0')
				break;
		if (i < runs->count)
			continue;
		runs->texts = realloc(runs->texts, (runs->count + 1) * sizeof *runs->texts);
		runs->weights = realloc(runs->weights, (runs->count + 1) * sizeof *runs->weights);
		if (runs->texts == NULL || runs->weights == NULL)
			abort();
		runs->texts[runs->count] = strndup((const char *)s, (size_t)(at - s));
		runs->weights[runs->count++] = weight;
	}
	free(norm);
}

/* Returns the weight brute force gives the string, or 0 when the text
 * holds no such run. */
static size_t
brute_runs_weight(const BruteRuns *runs, const char *text)
{
	size_t i;

	for (i = 0; i < runs->count; i++)
		if (strcmp(runs->texts[i], text) == 0)
			return runs->weights[i];
	return 0;
}

/* Checks which strings initials stand for, against brute force over one
 * issue: the first is one whose rarest pair occurs most often; every one
 * the text holds has a rarest pair that occurs at least a sixteenth as
 * often; and no run that does is left out (unless four are taken). */
static void
check_initials_choice(Index *index, const Issue *issue, const char *letters)
{
	BrutePairs pairs = { NULL, 0, 0 };
	BruteRuns runs = { NULL, NULL, 0 };
	Query *query = search_reading_parse(index, letters, 0, NULL);
	size_t i, j, best = 0, wanted = 0, missing = 0, weak = 0, nalts;

	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		brute_pairs_add(&pairs, a->title, strlen(a->title));
		brute_pairs_add(&pairs, a->text, a->text_length);
	}
	qsort(pairs.keys, pairs.count, sizeof *pairs.keys, brute_compare_keys);
	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		brute_runs_add(&runs, &pairs, a->title, strlen(a->title), letters);
		brute_runs_add(&runs, &pairs, a->text, a->text_length, letters);
	}
	for (i = 0; i < runs.count; i++)
		if (runs.weights[i] > best)
			best = runs.weights[i];
	/* The query's phrases: the letters as typed, then what they stand for. */
	nalts = query != NULL && query->nphrases > 0 ? query->nphrases - 1 : 0;
	for (i = 0; i < runs.count; i++) {
		if (runs.weights[i] * 16 < best)
			continue;
		wanted++;
		for (j = 0; j < nalts && strcmp(query->phrases[j + 1].text, runs.texts[i]) != 0; j++)
			;
		if (j == nalts) {
			missing++;
			diag("%s: %s (%zu, best %zu) is left out", letters, runs.texts[i],
			    runs.weights[i], best);
		}
	}
	/* (The walk knows pairs and triples, not longer runs: a string whose
	 * every triple the text holds may be no run of it, and find nothing.) */
	for (j = 0; j < nalts; j++)
		if (brute_runs_weight(&runs, query->phrases[j + 1].text) > 0 &&
		    brute_runs_weight(&runs, query->phrases[j + 1].text) * 16 < best) {
			diag("%s: %s occurs less than a sixteenth as often (%zu, best %zu)",
			    letters, query->phrases[j + 1].text,
			    brute_runs_weight(&runs, query->phrases[j + 1].text), best);
			weak++;
		}
	ok(best > 0 && nalts > 0 && brute_runs_weight(&runs, query->phrases[1].text) == best,
	    "%s stands first for a run whose rarest pair occurs most (%zu times): %s", letters,
	    best, nalts > 0 ? query->phrases[1].text : "nothing");
	ok(weak == 0 && (missing == 0 || nalts == 4),
	    "%s stands for the %zu of %zu runs that occur a sixteenth as often (%zu wanted)",
	    letters, nalts, runs.count, wanted);
	for (i = 0; i < runs.count; i++)
		free(runs.texts[i]);
	free(runs.texts);
	free(runs.weights);
	free(pairs.keys);
	query_free(query);
}

/* Returns the first string query stands for, or "" (the caller frees). */
static char *
first_reading(Index *index, const char *letters)
{
	Query *query = search_reading_parse(index, letters, 0, NULL);
	char *first = strdup(query != NULL && query->nphrases > 1 ? query->phrases[1].text : "");

	query_free(query);
	if (first == NULL)
		abort();
	return first;
}

/* Returns how often the pair of the first two characters of s occurs in
 * the index's vocabulary, and sets *issues to how many issues hold it. */
static unsigned
han_pair(Index *index, const char *s, unsigned *issues)
{
	ucs4_t a, b;
	const uint8_t *p = u8_next(&a, (const uint8_t *)s);

	u8_next(&b, p);
	return index_han_occurrences(index_han_vocabulary(index), a, b, issues);
}

/* Checks an archive of the bundled issue and a copy that says 鲲鹏要素 for
 * 数据要素: the merged vocabulary sums how often each pair occurs over the
 * issues and counts the issues holding it, and initials stand first for
 * the string each issue's words make most often. */
static void
check_archive_counts(const char *dir)
{
	static const char *old_word = "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0";
	static const char *new_word = "\xe9\xb2\xb2\xe9\xb9\x8f\xe8\xa6\x81\xe7\xb4\xa0";
	Issue *issue = NULL, *copy = NULL;
	Index *index = NULL;
	BrutePairs original = { NULL, 0, 0 }, both = { NULL, 0, 0 };
	char *cause = NULL, *text = NULL, *path, *first;
	const char *paths[1] = { dir };
	size_t len = 0, i, want_shuju, want_pengyao;
	unsigned count, issues;
	FILE *f = fopen(TEST_ISSUE, "rb");

	if (f != NULL) {
		text = malloc(1 << 20);
		len = text != NULL ? fread(text, 1, (1 << 20) - 1, f) : 0;
		fclose(f);
	}
	path = malloc(strlen(dir) + 32);
	if (text == NULL || path == NULL || mkdir(dir, 0700) != 0)
		abort();
	text[len] = '\0';
	sprintf(path, "%s/shuzhi-2022-02.txt", dir);
	f = fopen(path, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	/* The copy: the same length in bytes, one word changed throughout. */
	for (char *at = text; (at = strstr(at, old_word)) != NULL; at += strlen(old_word))
		memcpy(at, new_word, strlen(new_word));
	sprintf(path, "%s/shuzhi-2022-03.txt", dir);
	f = fopen(path, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	if (!ok(issue_load(TEST_ISSUE, &issue, &cause) == 0 &&
	    issue_load(path, &copy, &cause) == 0 &&
	    index_open_archive(paths, 1, 0, &index, NULL, &cause) == 0,
	    "an archive of the issue and a changed copy is indexed")) {
		diag("  %s", cause);
		free(cause);
		goto out;
	}
	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		brute_pairs_add(&original, a->title, strlen(a->title));
		brute_pairs_add(&original, a->text, a->text_length);
		brute_pairs_add(&both, a->title, strlen(a->title));
		brute_pairs_add(&both, a->text, a->text_length);
	}
	for (i = 0; i < issue_article_count(copy); i++) {
		const Article *a = issue_article(copy, i);

		brute_pairs_add(&both, a->title, strlen(a->title));
		brute_pairs_add(&both, a->text, a->text_length);
	}
	qsort(original.keys, original.count, sizeof *original.keys, brute_compare_keys);
	qsort(both.keys, both.count, sizeof *both.keys, brute_compare_keys);
	want_shuju = brute_pair_count(&both, 0x6570, 0x636e);		/* 数据 */
	want_pengyao = brute_pair_count(&original, 0x636e, 0x8981);	/* 据要: 1 issue */
	count = han_pair(index, "\xe6\x95\xb0\xe6\x8d\xae", &issues);
	ok(count == want_shuju && issues == 2, "the archive: \xe6\x95\xb0\xe6\x8d\xae occurs %u "
	    "times (%zu by brute force) in %u issues", count, want_shuju, issues);
	count = han_pair(index, "\xe6\x8d\xae\xe8\xa6\x81", &issues);
	ok(count == want_pengyao && issues == 1, "the archive: \xe6\x8d\xae\xe8\xa6\x81 occurs "
	    "%u times (%zu by brute force) in %u issue", count, want_pengyao, issues);
	first = first_reading(index, "sjys");
	ok(strcmp(first, old_word) == 0, "the archive: sjys stands first for %s", first);
	free(first);
	first = first_reading(index, "kpys");
	ok(strcmp(first, new_word) == 0, "the archive: kpys stands first for %s", first);
	free(first);
out:
	index_close(index);
	issue_free(issue);
	issue_free(copy);
	free(original.keys);
	free(both.keys);
	sprintf(path, "%s/shuzhi-2022-02.txt", dir);
	unlink(path);
	sprintf(path, "%s/shuzhi-2022-03.txt", dir);
	unlink(path);
	rmdir(dir);
	free(path);
	free(text);
}

/* Checks the folding of typed pinyin and the readings table. */
static void
check_pinyin(void)
{
	static const struct {
		const char	*typed;
		const char	*folded;
	} folds[] = {
		{ "shuju", "shuju" }, { "ShuJu", "shuju" }, { "shu4ju4", "shuju" },
		{ "sh\xc3\xb9j\xc3\xb9", "shuju" }, { "l\xc7\x9c", "lv" }, { "lv4", "lv" },
		{ "5g", NULL }, { "ipv6", NULL }, { "a-b", NULL }, { "\xe6\x95\xb0", NULL },
	};
	const uint16_t *syl;
	size_t i, n;
	int shu = 0, shuo = 0, xing = 0, hang = 0;

	for (i = 0; i < sizeof folds / sizeof folds[0]; i++) {
		char *got = pinyin_fold(folds[i].typed, strlen(folds[i].typed));

		ok(got == folds[i].folded || (got != NULL && folds[i].folded != NULL &&
		    strcmp(got, folds[i].folded) == 0), "%s folds to %s", folds[i].typed,
		    folds[i].folded != NULL ? folds[i].folded : "nothing");
		free(got);
	}
	ok(pinyin_is_syllables("zijinshanshiyanshi"), "zijinshanshiyanshi is syllables");
	ok(!pinyin_is_syllables("sjys"), "sjys is no syllables");
	ok(!pinyin_is_syllables("dcmm"), "dcmm is no syllables");
	n = pinyin_readings(0x6570, &syl);	/* 数 */
	for (i = 0; i < n; i++) {
		shu |= strcmp(pinyin_syllable(syl[i]), "shu") == 0;
		shuo |= strcmp(pinyin_syllable(syl[i]), "shuo") == 0;
	}
	ok(shu && shuo, "\xe6\x95\xb0 reads shu and shuo");
	n = pinyin_readings(0x884c, &syl);	/* 行 */
	for (i = 0; i < n; i++) {
		xing |= strcmp(pinyin_syllable(syl[i]), "xing") == 0;
		hang |= strcmp(pinyin_syllable(syl[i]), "hang") == 0;
	}
	ok(xing && hang, "\xe8\xa1\x8c reads xing and hang");
	ok(pinyin_is_traditional(0x6578) && !pinyin_is_traditional(0x6570),
	    "\xe6\x95\xb8 is a traditional form, \xe6\x95\xb0 is not");
}

/* Writes the bundled issue in traditional characters to path and checks
 * that simplified queries find it. */
static void
check_traditional_issue(const char *path)
{
	static const char *words[] = {
		"\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0",	/* 数据要素 */
		"\xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe",			/* 区块链 */
	};
	HanConv *conv = hanconv_new();
	Issue *simplified = NULL, *traditional = NULL;
	Index *index = NULL;
	char *cause = NULL, *text = NULL, *converted;
	size_t len = 0, i;
	FILE *f = fopen(TEST_ISSUE, "rb");

	if (f != NULL) {
		text = malloc(1 << 20);
		len = text != NULL ? fread(text, 1, 1 << 20, f) : 0;
		fclose(f);
	}
	converted = text != NULL ? hanconv_convert(conv, HANCONV_TO_TRADITIONAL, text, len) : NULL;
	f = converted != NULL ? fopen(path, "wb") : NULL;
	if (f != NULL) {
		fputs(converted, f);
		fclose(f);
	}
	if (!ok(f != NULL && index_open(path, 0, &index, NULL, &cause) == 0 &&
	    issue_load(path, &traditional, NULL) == 0 && issue_load(TEST_ISSUE, &simplified,
	    NULL) == 0, "the issue in traditional characters is indexed")) {
		diag("  %s", cause != NULL ? cause : "");
		goto out;
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		char *trad = hanconv_convert(conv, HANCONV_TO_TRADITIONAL, words[i], strlen(words[i]));
		char *terms[1] = { brute_normalise(trad, strlen(trad)) };
		SearchResults *results = run(index, words[i]);
		size_t j, holding = 0, wrong = 0;

		for (j = 0; j < issue_article_count(traditional); j++)
			holding += brute_article_has_all(issue_article(traditional, j), terms, 1);
		for (j = 0; j < results->count; j++)
			wrong += !brute_article_has_all(issue_article(traditional,
			    results->items[j].article_index), terms, 1);
		ok(holding > 0 && results->count == holding && wrong == 0,
		    "%s finds the %zu articles holding %s in the traditional issue", words[i],
		    holding, trad);
		search_results_free(results);
		free(terms[0]);
		free(trad);
	}
out:
	issue_free(simplified);
	issue_free(traditional);
	index_close(index);
	free(cause);
	free(text);
	free(converted);
	hanconv_free(conv);
}

int
main(void)
{
	static const struct {
		const char	*query;
		const char	*folded;
		const char	*word;
		int		 initials;
	} readings[] = {
		{ "shuju", "shuju", "\xe6\x95\xb0\xe6\x8d\xae", 0 },
		{ "shu ju", "shuju", "\xe6\x95\xb0\xe6\x8d\xae", 0 },
		{ "sh\xc3\xb9 j\xc3\xb9", "shuju", "\xe6\x95\xb0\xe6\x8d\xae", 0 },
		{ "shu4ju4", "shuju", "\xe6\x95\xb0\xe6\x8d\xae", 0 },
		{ "ShuJu", "shuju", "\xe6\x95\xb0\xe6\x8d\xae", 0 },
		{ "shujuyaosu", "shujuyaosu", "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0", 0 },
		{ "zijinshanshiyanshi", "zijinshanshiyanshi",
		    "\xe7\xb4\xab\xe9\x87\x91\xe5\xb1\xb1\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4", 0 },
		{ "qukuailian", "qukuailian", "\xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe", 0 },
		{ "suanli", "suanli", "\xe7\xae\x97\xe5\x8a\x9b", 0 },
		{ "jiangsu", "jiangsu", "\xe6\xb1\x9f\xe8\x8b\x8f", 0 },
		{ "hangye", "hangye", "\xe8\xa1\x8c\xe4\xb8\x9a", 0 },
		{ "sjys", "sjys", "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0", 1 },
		{ "qkl", "qkl", "\xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe", 1 },
		{ "wlaq", "wlaq", "\xe7\xbd\x91\xe7\xbb\x9c\xe5\xae\x89\xe5\x85\xa8", 1 },
		{ "szjj", "szjj", "\xe6\x95\xb0\xe5\xad\x97\xe7\xbb\x8f\xe6\xb5\x8e", 1 },
	};
	static const char *traditional[][2] = {
		{ "\xe6\x95\xb8\xe6\x93\x9a\xe8\xa6\x81\xe7\xb4\xa0",
		    "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0" },	/* 數據要素 */
		{ "\xe7\xb6\xb2\xe7\xb5\xa1\xe5\xae\x89\xe5\x85\xa8",
		    "\xe7\xbd\x91\xe7\xbb\x9c\xe5\xae\x89\xe5\x85\xa8" },	/* 網絡安全 */
		{ "\xe5\x8d\x80\xe5\xa1\x8a\xe9\x8f\x88",
		    "\xe5\x8c\xba\xe5\x9d\x97\xe9\x93\xbe" },		/* 區塊鏈 */
		{ "\xe6\x95\xb8\xe5\xad\x97\xe7\xb6\x93\xe6\xbf\x9f \xe6\xb1\x9f\xe8\x98\x87",
		    "\xe6\x95\xb0\xe5\xad\x97\xe7\xbb\x8f\xe6\xb5\x8e \xe6\xb1\x9f\xe8\x8b\x8f" },
	};
	/* Initials, from words of the issue and two letters that spell many. */
	static const char *choices[] = { "sjys", "szjj", "wlaq", "qkl", "rgzn", "jjfz", "gjbz",
	    "sj", "fz", "xxh", "aqy" };
	static const char *latin[] = { "ipv6", "IPv6", "DCMM", "5g", "5G", "AI" };
	Issue *issue = NULL;
	Index *index = NULL;
	char *cause = NULL, *reading, *path;
	size_t i;

	if (mkdtemp(temp_dir) == NULL) {
		printf("Bail out! mkdtemp failed\n");
		return 1;
	}
	setenv("HOME", temp_dir, 1);
	setenv("XDG_CACHE_HOME", temp_dir, 1);
	check_pinyin();
	if (!ok(issue_load(TEST_ISSUE, &issue, &cause) == 0 &&
	    index_open(TEST_ISSUE, 0, &index, NULL, &cause) == 0, "the bundled issue is indexed")) {
		diag("  %s", cause);
		free(cause);
		return done_testing();
	}
	for (i = 0; i < sizeof readings / sizeof readings[0]; i++)
		check_reading(index, issue, readings[i].query, readings[i].folded, readings[i].word,
		    readings[i].initials);
	for (i = 0; i < sizeof choices / sizeof choices[0]; i++)
		check_initials_choice(index, issue, choices[i]);
	for (i = 0; i < sizeof traditional / sizeof traditional[0]; i++)
		check_same(index, traditional[i][0], traditional[i][1]);
	for (i = 0; i < sizeof latin / sizeof latin[0]; i++)
		check_latin(index, issue, latin[i]);
	reading = result_ids(index, "xyzzyq");
	ok(reading[0] == '\0', "xyzzyq (no word, no pinyin) finds nothing");
	free(reading);
	reading = search_reading(index, "shuju");
	ok(reading != NULL && strstr(reading, "shuju \xe2\x86\x92") == reading &&
	    strstr(reading, "\xe6\x95\xb0\xe6\x8d\xae") != NULL, "shuju reads as %s",
	    reading != NULL ? reading : "nothing");
	free(reading);
	reading = search_reading(index, "\xe6\x95\xb0\xe6\x8d\xae ipv6");
	ok(reading == NULL, "a query of the text's own words reads as typed");
	free(reading);
	index_close(index);
	issue_free(issue);

	path = malloc(strlen(temp_dir) + 32);
	if (path == NULL)
		abort();
	sprintf(path, "%s/traditional.txt", temp_dir);
	check_traditional_issue(path);
	unlink(path);
	sprintf(path, "%s/archive", temp_dir);
	check_archive_counts(path);
	free(path);
	return done_testing();
}
