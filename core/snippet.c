/* The snippet of a search result: the sentence that holds the hit, cut to
 * a line's width around it, on grapheme boundaries, measured in display
 * columns (libunistring). The sentence is found by its final punctuation:
 * libunistring has no sentence segmentation, and this text's sentences end
 * in 。！？ or their ASCII forms. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>
#include <uniwidth.h>

#include "buffer.h"
#include "layout.h"
#include "snippet.h"
#include "text.h"
#include "xalloc.h"

#define SNIPPET_ELLIPSIS "\xe2\x80\xa6"	/* U+2026, one column */
#define SNIPPET_ELLIPSIS_COLUMNS 1

/* One grapheme cluster of the sentence. */
typedef struct SnippetCluster {
	size_t	start;		/* byte offset in the text */
	int	columns;
} SnippetCluster;

/* Returns non-zero when uc ends a sentence. */
static int
snippet_is_sentence_end(ucs4_t uc)
{
	switch (uc) {
	case 0x3002:	/* 。 */
	case 0xff01:	/* ！ */
	case 0xff1f:	/* ？ */
	case 0xff1b:	/* ； */
	case '!':
	case '?':
	case ';':
		return 1;
	}
	return 0;
}

/* Finds the sentence around [from, to) of text: sets *start after the
 * last sentence end before from, *end after the first one at or after to. */
static void
snippet_sentence(const char *text, size_t len, size_t from, size_t to, size_t *start, size_t *end)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t i = 0;

	*start = 0;
	*end = len;
	while (i < len) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, s + i, len - i);

		i += (size_t)n;
		if (!snippet_is_sentence_end(uc))
			continue;
		if (i <= from)
			*start = i;
		else if (i - (size_t)n >= to) {
			*end = i;
			break;
		}
	}
	while (*start < from && text[*start] == ' ')
		(*start)++;
	while (*end > to && text[*end - 1] == ' ')
		(*end)--;
}

/* Splits [start, end) of text into clusters with their widths; returns
 * their number and sets *out (the caller frees), with a final entry that
 * marks the end. */
static size_t
snippet_clusters(const char *text, size_t start, size_t end, SnippetCluster **out)
{
	const uint8_t *s = (const uint8_t *)text + start, *stop = (const uint8_t *)text + end;
	SnippetCluster *clusters = NULL;
	size_t count = 0, size = 0;

	for (;;) {
		const uint8_t *next = s < stop ? text_cluster_end(s, stop) : stop;

		if (count == size) {
			size = size ? size * 2 : 64;
			clusters = xreallocarray(clusters, size, sizeof *clusters);
		}
		clusters[count].start = (size_t)(s - (const uint8_t *)text);
		if (s == stop) {
			clusters[count].columns = 0;
			break;
		}
		clusters[count].columns = u8_width(s, (size_t)(next - s), "UTF-8");
		if (clusters[count].columns < 0)
			clusters[count].columns = 1;
		count++;
		s = next;
	}
	*out = clusters;
	return count;
}

/* Returns the index of the cluster holding byte offset. */
static size_t
snippet_cluster_at(const SnippetCluster *clusters, size_t count, size_t offset)
{
	size_t i = 0;

	while (i < count && clusters[i + 1].start <= offset)
		i++;
	return i;
}

/* Chooses the clusters [*first, *last) to show out of count, so that the
 * hit's clusters [hit_first, hit_last) are shown with some context before
 * them and the whole fits SNIPPET_COLUMNS with its ellipses. */
static void
snippet_window(const SnippetCluster *c, size_t count, size_t hit_first, size_t hit_last,
    size_t *first, size_t *last)
{
	int budget = SNIPPET_COLUMNS - 2 * SNIPPET_ELLIPSIS_COLUMNS;
	int total = 0, hit = 0, before, used = 0;
	size_t i;

	for (i = 0; i < count; i++)
		total += c[i].columns;
	*first = 0;
	*last = count;
	if (total <= SNIPPET_COLUMNS)
		return;
	for (i = hit_first; i < hit_last; i++)
		hit += c[i].columns;
	/* A third of what the hit leaves goes before it. */
	before = hit < budget ? (budget - hit) / 3 : 0;
	*first = hit_first;
	while (*first > 0 && used + c[*first - 1].columns <= before)
		used += c[--(*first)].columns;
	if (*first == 0)
		budget += SNIPPET_ELLIPSIS_COLUMNS;
	used = 0;
	*last = *first;
	while (*last < count && used + c[*last].columns <= budget)
		used += c[(*last)++].columns;
	if (*last == count && *first > 0) {
		/* The sentence ended early: spend the rest before the hit. */
		budget += SNIPPET_ELLIPSIS_COLUMNS;
		while (*first > 0 && used + c[*first - 1].columns <= budget)
			used += c[--(*first)].columns;
	}
	if (*last == *first && *last < count)
		(*last)++;
}

/* Returns the snippet around spans[chosen]; see snippet.h. */
char *
snippet_make(const char *text, size_t len, const Span *spans, size_t nspans,
    size_t chosen, Span **marks, size_t *nmarks)
{
	SnippetCluster *clusters;
	size_t hit_start = 0, hit_end = 0, start, end, count, first, last, from, to, i;
	Buffer b = { 0 };
	Span *out = NULL;
	size_t nout = 0;

	if (nspans > 0 && chosen < nspans) {
		hit_start = spans[chosen].start;
		hit_end = spans[chosen].start + spans[chosen].length;
	}
	snippet_sentence(text, len, hit_start, hit_end, &start, &end);
	count = snippet_clusters(text, start, end, &clusters);
	snippet_window(clusters, count, snippet_cluster_at(clusters, count, hit_start),
	    hit_end > hit_start ? snippet_cluster_at(clusters, count, hit_end - 1) + 1 :
	    snippet_cluster_at(clusters, count, hit_start), &first, &last);
	/* A cut excerpt starts after the punctuation that closes what went
	 * before, never with it ("…，工业" reads as debris). */
	while (first > 0 && clusters[first].start < hit_start &&
	    layout_skip_no_start(text + clusters[first].start,
	    clusters[first + 1].start - clusters[first].start) > 0)
		first++;
	from = clusters[first].start;
	to = clusters[last].start;
	buffer_append(&b, "", 0);
	if (first > 0)
		buffer_puts(&b, SNIPPET_ELLIPSIS);
	for (i = 0; i < nspans; i++) {
		size_t s = spans[i].start, e = spans[i].start + spans[i].length;

		/* Other hits are marked when they fit whole; the chosen one
		 * always, cut to the window if it is wider. */
		if (i != chosen && (s < from || e > to))
			continue;
		if (s < from)
			s = from;
		if (e > to)
			e = to;
		if (s >= e)
			continue;
		out = xreallocarray(out, nout + 1, sizeof *out);
		out[nout].start = b.len + (s - from);
		out[nout].length = e - s;
		nout++;
	}
	buffer_append(&b, text + from, to - from);
	if (last < count)
		buffer_puts(&b, SNIPPET_ELLIPSIS);
	free(clusters);
	*marks = out;
	*nmarks = nout;
	return buffer_take(&b);
}
