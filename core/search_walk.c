/* The strings of Han text a word of Latin letters stands for: those that
 * read as its pinyin, or whose characters' readings start with its letters
 * in turn (initials), found by walking the index's vocabulary of
 * characters, pairs and triples (index_han.c) from each character that can
 * start the word, through the characters that follow it in the text,
 * keeping those whose readings (pinyin.c: every reading counts) spell the
 * next letters.
 *
 * Each string found is weighed by how often it can occur: the issues
 * holding all its pairs and triples times how often an issue holds its
 * rarest pair (the vocabulary counts them). Words of the language recur;
 * a run across two words' edges (sjys: 省教育数) seldom does. The strings
 * come most frequent first (the reading line shows them so). Pinyin keeps
 * them all, since every word that reads so counts; initials, which many
 * more strings spell, keep a few that occur nearly as often as the most
 * frequent, and their walk passes over whatever cannot. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "buffer.h"
#include "index.h"
#include "index_han.h"
#include "pinyin.h"
#include "search_walk.h"
#include "xalloc.h"

/* The most strings a word stands for (the most frequent first), of at
 * most SEARCH_WALK_MAX_FOUND found (repeats counted), and the most steps of
 * each walk that finds them: beyond these a word is too vague to be worth
 * it. */
#define SEARCH_WALK_MAX_STRINGS 400
/* Initials are vaguer: they keep fewer (each costs FTS5 a phrase, and
 * over 100 issues sjys spells 8 strings that occur a sixteenth as often
 * as 数据要素, all but 数据要素 runs across words' edges). */
#define SEARCH_WALK_MAX_INITIALS_STRINGS 4
#define SEARCH_WALK_MAX_FOUND 1000
#define SEARCH_WALK_MAX_STEPS 2000000
/* Initials keep the strings that occur at least 1/this as often as the one
 * that occurs most (by search_walk_weight()): sjys means 数据要素, whose rarest
 * pair occurs 73 times in the bundled issue, and not the runs across
 * words' edges whose rarest pairs occur up to 7 times; szjj means 数字经济
 * (293), not also 数字基建 (7). */
#define SEARCH_WALK_SHARE 16
/* The most characters a string found may have. */
#define SEARCH_WALK_MAX_CHARS 32

/* A string a word stands for. */
typedef struct SearchWalkFound {
	char		*text;
	unsigned	 weight;	/* how often it can occur (search_walk_weight) */
	size_t		 order;		/* when the walk found it */
} SearchWalkFound;

/* The walk of one word through the vocabulary. */
typedef struct SearchWalk {
	IndexHan	*han;
	const char	*folded;
	size_t		 len;
	int		 initials;
	Buffer		 path;		/* the characters so far */
	uint32_t	 chain[SEARCH_WALK_MAX_CHARS];	/* the same, as code points */
	unsigned	 issues[SEARCH_WALK_MAX_CHARS + 1];	/* .issues of the path so far */
	double		 rate[SEARCH_WALK_MAX_CHARS + 1];	/* the least rate of its pairs */
	unsigned	 best;		/* the greatest weight found */
	unsigned	 min_issues;	/* pairs and triples held by fewer are passed over */
	size_t		 limit;		/* the most strings kept */
	SearchWalkFound	*found;
	size_t		 nfound;
	size_t		 steps;
} SearchWalk;

/* Returns how often an issue holding the pair a, b holds it (0 when
 * none does). */
static double
search_walk_pair_rate(const IndexHan *han, uint32_t a, uint32_t b)
{
	unsigned issues, occurrences = index_han_occurrences(han, a, b, &issues);

	return issues > 0 ? (double)occurrences / (double)issues : 0.0;
}

/* Returns about how often the path's string of depth characters occurs:
 * one character, as often as it does; more, the issues holding them all
 * times how often an issue holds the rarest pair. A word occurs as often
 * as its rarest pair; a run across a word's edge far less often. No
 * longer string the path starts can occur more often. */
static unsigned
search_walk_weight(const SearchWalk *w, size_t depth)
{
	unsigned issues;
	double weight;

	if (depth == 1)
		return index_han_occurrences(w->han, w->chain[0], 0, &issues);
	weight = w->rate[depth] * (double)w->issues[depth];
	return weight < (double)UINT_MAX ? (unsigned)(weight + 0.5) : UINT_MAX;
}

/* Records the path as a string the word stands for (repeats are dropped
 * at the end, by search_walk_select). */
static void
search_walk_found(SearchWalk *w, size_t depth)
{
	SearchWalkFound *f;

	w->found = xreallocarray(w->found, w->nfound + 1, sizeof *w->found);
	f = &w->found[w->nfound];
	f->text = xstrdup(w->path.data);
	f->weight = search_walk_weight(w, depth);
	f->order = w->nfound++;
	if (f->weight > w->best)
		w->best = f->weight;
}

/* Orders found strings by text, then by when found (for qsort). */
static int
search_walk_compare_text(const void *a, const void *b)
{
	const SearchWalkFound *x = a, *y = b;
	int cmp = strcmp(x->text, y->text);

	if (cmp != 0)
		return cmp;
	return (x->order > y->order) - (x->order < y->order);
}

/* Orders found strings by how often they can occur, most first, then by
 * when found (for qsort). */
static int
search_walk_compare_weight(const void *a, const void *b)
{
	const SearchWalkFound *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return (x->order > y->order) - (x->order < y->order);
}

/* Returns the strings found, each once, at most the walk's limit of
 * them: those held by the most issues, in the order found on a tie (one
 * issue: the order found). *n is set; the caller frees. */
static char **
search_walk_select(SearchWalk *w, size_t *n)
{
	char **out;
	size_t i, kept = 0;

	if (w->nfound > 1)	/* qsort wants a real array, even for none */
		qsort(w->found, w->nfound, sizeof *w->found, search_walk_compare_text);
	for (i = 0; i < w->nfound; i++) {
		if (kept > 0 && strcmp(w->found[kept - 1].text, w->found[i].text) == 0) {
			free(w->found[i].text);
			continue;
		}
		w->found[kept++] = w->found[i];
	}
	if (kept > 1)
		qsort(w->found, kept, sizeof *w->found, search_walk_compare_weight);
	*n = kept < w->limit ? kept : w->limit;
	if (w->initials)
		while (*n > 1 && (double)w->found[*n - 1].weight * SEARCH_WALK_SHARE <
		    (double)w->found[0].weight)
			(*n)--;
	out = xreallocarray(NULL, *n + 1, sizeof *out);
	for (i = 0; i < kept; i++) {
		if (i < *n)
			out[i] = w->found[i].text;
		else
			free(w->found[i].text);
	}
	free(w->found);
	return out;
}

static void search_walk_on(SearchWalk *w, size_t at, size_t depth);

/* Returns non-zero when initials pass over the path of depth characters:
 * nothing it starts can occur nearly as often as the best found. */
static int
search_walk_pruned(const SearchWalk *w, size_t depth)
{
	return w->initials && depth >= 2 &&
	    (double)search_walk_weight(w, depth) * SEARCH_WALK_SHARE < (double)w->best;
}

/* Tries character c at offset at of the word, depth characters in; the
 * pair or triple it ends is held by issues issues, and an issue holding
 * the pair it ends holds it rate times (-1: not known yet). */
static void
search_walk_char(SearchWalk *w, uint32_t c, unsigned issues, double rate, size_t at,
    size_t depth)
{
	size_t next[8], n, i, mark = w->path.len;
	uint8_t utf8[6];
	int len;

	if (w->nfound >= SEARCH_WALK_MAX_FOUND || ++w->steps > SEARCH_WALK_MAX_STEPS ||
	    depth >= SEARCH_WALK_MAX_CHARS)
		return;
	if (w->initials) {
		next[0] = at + 1;	/* the caller saw c's readings start so */
		n = 1;
	} else if ((n = pinyin_read_at(c, w->folded, at, 0, next, 8)) == 0)
		return;
	w->chain[depth] = c;
	w->issues[depth + 1] = issues < w->issues[depth] ? issues : w->issues[depth];
	w->rate[depth + 1] = w->rate[depth];
	if (depth > 0) {
		/* The pairs before bound it already: no need to look c up. */
		if (depth > 1 && search_walk_pruned(w, depth + 1))
			return;
		if (rate < 0.0)
			rate = search_walk_pair_rate(w->han, w->chain[depth - 1], c);
		if (depth == 1 || rate < w->rate[depth + 1])
			w->rate[depth + 1] = rate;
		if (search_walk_pruned(w, depth + 1))
			return;
	}
	len = u8_uctomb(utf8, c, sizeof utf8);
	if (len <= 0)
		return;
	buffer_append(&w->path, (const char *)utf8, (size_t)len);
	for (i = 0; i < n; i++)
		search_walk_on(w, next[i], depth + 1);
	w->path.len = mark;
	w->path.data[mark] = '\0';
}

/* Returns how often the most frequent pair occurs that character c starts
 * with a character whose readings start with the letter at offset at of
 * the word. */
static unsigned
search_walk_most_after(const SearchWalk *w, uint32_t c, size_t at)
{
	return index_han_most_after(w->han, c, (unsigned)(w->folded[at] - 'a'));
}

/* Walks on from the depth characters of the chain, at offset at: to any
 * character first (those that occur most first), then to those that
 * follow the last in the text, then (pairs only say that each two follow
 * one another somewhere) to those that follow the last two in a row. */
static void
search_walk_on(SearchWalk *w, size_t at, size_t depth)
{
	const uint64_t *keys;
	const uint32_t *initials = NULL;
	uint32_t letter;
	size_t n, i;

	if (at == w->len) {
		if (depth >= (w->initials ? (size_t)SEARCH_WALK_MIN_INITIALS : 1u))
			search_walk_found(w, depth);
		return;
	}
	letter = UINT32_C(1) << (w->folded[at] - 'a');
	if (depth == 0) {
		const uint32_t *chars = index_han_chars(w->han, &n);

		for (i = 0; i < n; i++)
			if (index_han_initials(w->han, chars[i]) & letter)
				search_walk_char(w, chars[i], UINT_MAX, -1.0, at, depth);
		return;
	}
	if (depth == 1) {
		keys = index_han_pairs_after(w->han, w->chain[0], &n);
		initials = index_han_last_initials(w->han, keys, n);
	} else if (w->initials && (double)search_walk_most_after(w, w->chain[depth - 1], at) *
	    SEARCH_WALK_SHARE < (double)w->best)
		return;	/* no pair on occurs often enough: no string either */
	else {
		keys = index_han_triples_after(w->han, w->chain[depth - 2], w->chain[depth - 1], &n);
		initials = index_han_last_initials(w->han, keys, n);
	}
	for (i = 0; i < n; i++) {
		unsigned issues;
		double rate = -1.0;

		if (!((initials != NULL ? initials[i] :
		    index_han_initials(w->han, INDEX_HAN_SECOND(keys[i]))) & letter))
			continue;
		issues = index_han_issues(w->han, keys, i);
		if (issues < w->min_issues)
			continue;
		if (w->initials && depth >= 2 && at + 1 < w->len &&
		    (double)search_walk_most_after(w, INDEX_HAN_SECOND(keys[i]), at + 1) *
		    SEARCH_WALK_SHARE < (double)w->best)
			continue;	/* nothing on from it occurs often enough */
		if (depth == 1)	/* keys[i] is the pair itself */
			rate = (double)index_han_pair_occurrences(w->han, keys, i) / (double)issues;
		search_walk_char(w, INDEX_HAN_SECOND(keys[i]), issues, rate, at, depth);
	}
}

/* Walks from the pairs and triples most issues hold down to all of them
 * (thresholds shares[from] on), adding to what was found, until the
 * walk's limit is found: for pinyin that spells too many strings to walk
 * at once, the words of the language come first. Over one issue it is
 * one walk. */
static void
search_walk_passes(SearchWalk *w, size_t issues, size_t from)
{
	static const size_t shares[] = { 2, 8, SIZE_MAX };
	size_t pass;

	for (pass = from; pass < sizeof shares / sizeof shares[0]; pass++) {
		unsigned min = (unsigned)(issues / shares[pass]);

		if (pass > from && (min > 0 ? min : 1) >= w->min_issues)
			continue;	/* the same walk again */
		w->min_issues = min > 0 ? min : 1;
		w->steps = 0;
		search_walk_on(w, 0, 0);
		if (w->nfound >= w->limit || w->min_issues == 1)
			return;
	}
}

/* A pair of characters a string of initials may start with. */
typedef struct SearchWalkStart {
	uint32_t	first;
	uint32_t	second;
	unsigned	issues;		/* the issues holding the pair */
	unsigned	occurrences;	/* how often it occurs */
} SearchWalkStart;

/* Orders starts by how often they occur, most first, then by their
 * characters (for qsort). */
static int
search_walk_compare_starts(const void *a, const void *b)
{
	const SearchWalkStart *x = a, *y = b;

	if (x->occurrences != y->occurrences)
		return x->occurrences < y->occurrences ? 1 : -1;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return (x->second > y->second) - (x->second < y->second);
}

/* Walks on from the pair of start as the first two characters. */
static void
search_walk_start(SearchWalk *w, const SearchWalkStart *start)
{
	size_t mark = w->path.len;
	uint8_t utf8[6];
	int len = u8_uctomb(utf8, start->first, sizeof utf8);

	if (len <= 0 || start->issues == 0)
		return;
	buffer_append(&w->path, (const char *)utf8, (size_t)len);
	w->chain[0] = start->first;
	w->issues[1] = UINT_MAX;
	w->rate[1] = w->rate[0];
	search_walk_char(w, start->second, start->issues,
	    (double)start->occurrences / (double)start->issues, 1, 1);
	w->path.len = mark;
	w->path.data[mark] = '\0';
}

/* Walks the initials from the pairs their first two letters start, those
 * that occur most first: no string occurs more often than its first pair,
 * so once a string is found, the walk ends at the first pair that occurs
 * less than a share as often, and within a pair it passes over any path
 * that cannot reach that (search_walk_pruned()). Over many issues there
 * are tens of thousands of such pairs, most of which are never walked:
 * they are taken in bands (those a share as frequent as the most
 * frequent, then a share of the best string found, or of the band), each
 * gathered and sorted when it is reached, and only from the characters
 * whose most frequent pair reaches it (index_han_most_after()). */
static void
search_walk_initials(SearchWalk *w)
{
	uint32_t first = UINT32_C(1) << (w->folded[0] - 'a');
	uint32_t second = UINT32_C(1) << (w->folded[1] - 'a');
	SearchWalkStart *starts = NULL, *firsts = NULL;
	size_t nchars, nfirsts = 0, nstarts, size = 0, i, k, nkeys;
	unsigned top = 0, band, above;
	const uint32_t *chars = index_han_chars(w->han, &nchars);

	/* The characters the first letter stands for, each with how often
	 * the most frequent pair occurs that it starts with the second (of
	 * a firsts entry only .first and .occurrences are used). */
	firsts = xreallocarray(NULL, nchars + 1, sizeof *firsts);
	for (i = 0; i < nchars; i++) {
		if (!(index_han_initials(w->han, chars[i]) & first))
			continue;
		firsts[nfirsts].first = chars[i];
		firsts[nfirsts].occurrences = search_walk_most_after(w, chars[i], 1);
		if (firsts[nfirsts].occurrences > top)
			top = firsts[nfirsts].occurrences;
		nfirsts++;
	}
	above = UINT_MAX;
	band = top / SEARCH_WALK_SHARE;
	for (;;) {
		/* The starts of the band, from the characters that reach it:
		 * those of a band above were walked. */
		nstarts = 0;
		for (i = 0; i < nfirsts; i++) {
			const uint64_t *keys;
			const uint32_t *initials;

			if (firsts[i].occurrences < band)
				continue;
			keys = index_han_pairs_after(w->han, firsts[i].first, &nkeys);
			initials = index_han_last_initials(w->han, keys, nkeys);
			for (k = 0; k < nkeys; k++) {
				unsigned occurrences;

				if (!(initials[k] & second))
					continue;
				occurrences = index_han_pair_occurrences(w->han, keys, k);
				if (occurrences < band || occurrences >= above)
					continue;
				if (nstarts == size) {
					size = size ? 2 * size : 256;
					starts = xreallocarray(starts, size, sizeof *starts);
				}
				starts[nstarts].first = firsts[i].first;
				starts[nstarts].second = INDEX_HAN_SECOND(keys[k]);
				starts[nstarts].issues = index_han_issues(w->han, keys, k);
				starts[nstarts++].occurrences = occurrences;
			}
		}
		/* The most frequent first. */
		if (nstarts > 1)
			qsort(starts, nstarts, sizeof *starts, search_walk_compare_starts);
		for (i = 0; i < nstarts; i++)
			if ((double)starts[i].occurrences * SEARCH_WALK_SHARE >= (double)w->best)
				search_walk_start(w, &starts[i]);
		/* Done when the band reached down to a share of the best. */
		if (band == 0 || (double)band * SEARCH_WALK_SHARE <= (double)w->best)
			break;
		above = band;
		band = w->best > 0 ? w->best / SEARCH_WALK_SHARE : band / SEARCH_WALK_SHARE;
	}
	free(starts);
	free(firsts);
}

/* Returns the Han strings folded spells; see search_walk.h. */
char **
search_walk(Index *index, const char *folded, int initials, size_t *n)
{
	SearchWalk w;
	size_t i;

	memset(&w, 0, sizeof w);
	w.han = index_han_vocabulary(index);
	w.folded = folded;
	w.len = strlen(folded);
	w.initials = initials;
	w.limit = initials ? SEARCH_WALK_MAX_INITIALS_STRINGS : SEARCH_WALK_MAX_STRINGS;
	w.issues[0] = UINT_MAX;
	w.min_issues = 1;
	buffer_append(&w.path, "", 0);
	if (initials)
		search_walk_initials(&w);
	else {
		/* Pinyin mostly spells few strings: one walk finds them all;
		 * one that spells too many is walked again as initials are. */
		search_walk_on(&w, 0, 0);
		if (w.nfound >= SEARCH_WALK_MAX_FOUND || w.steps > SEARCH_WALK_MAX_STEPS) {
			for (i = 0; i < w.nfound; i++)
				free(w.found[i].text);
			w.nfound = 0;
			search_walk_passes(&w, index_issue_count(index), 0);
		}
	}
	buffer_free(&w.path);
	return search_walk_select(&w, n);
}
