/* Which line carries on a sentence left open: how well a line's first
 * characters follow an open line's last ones, weighed by how the issue
 * itself writes (see README, "Reading order"). Counts of the body's
 * characters, pairs, line openings and three-character runs are made
 * once, on the first join weighed. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "parse.h"
#include "xalloc.h"

/* How many characters either side of a join are tried as one run. */
#define JOIN_SPAN 4
/* A lead sentence opening a paragraph is this long at most; a line opens
 * as another when their first this many characters are the same. */
#define LEAD_MAX_CHARS 24
#define LEAD_SAME_CHARS 2
/* How much a run printed elsewhere weighs beside the pair at the join. */
#define JOIN_RUN_WEIGHT 0.5

/* Keys of the counts: a character is its code point; a pair and a line's
 * first character are marked above any code point. */
#define KEY_PAIR	(UINT64_C(1) << 42)
#define KEY_START	(UINT64_C(1) << 43)
/* Code points below this are counted in arrays, not the table. */
#define PLANE_SIZE	0x10000

/* The body's text, counted. Runs: where each run of three characters
 * starts, chained by hash (a join is tried against the body thousands of
 * times; three, not two: every run tried is three characters or more,
 * and the chains of a pair as common as 数据 were long enough to cost a
 * tenth of an index build). Counts: of each character, pair of
 * characters and line's first character, in an open-addressed table. */
struct ParseGrams {
	const char	**at;		/* a place of the text for each run */
	size_t		 *next;		/* the next place in the same bucket, or SIZE_MAX */
	size_t		 *buckets;	/* the first place of each bucket, or SIZE_MAX */
	size_t		  nbuckets;	/* a power of two */

	/* characters and first characters of the Basic Multilingual Plane
	 * by code point (all the text holds but for rare Han); others, and
	 * pairs, by key in the table */
	uint32_t	 *plane_chars;
	uint32_t	 *plane_starts;
	uint64_t	 *keys;		/* 0 for a free slot */
	uint32_t	 *counts;
	size_t		  nslots;	/* a power of two */
	size_t		  nkeys;
	size_t		  lines;	/* lines of text counted */
	size_t		  chars;	/* characters of them */
};

/* Returns the bytes of the character at s (of len > 0 bytes), as
 * u8_mblen() does: 0 for a NUL, -1 for an invalid byte. */
static int
parse_char_length(const char *s, size_t len)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? c != 0 : u8_mblen((const uint8_t *)s, len);
}

/* Returns the bytes of the three characters at s (of len bytes), 0 when
 * fewer than three are left. */
static size_t
parse_triple_length(const char *s, size_t len)
{
	size_t at = 0;
	int k, n;

	for (k = 0; k < 3; k++) {
		n = at < len ? parse_char_length(s + at, len - at) : 0;
		if (n <= 0)
			return 0;
		at += (size_t)n;
	}
	return at;
}

/* Returns the bucket hash of a run (FNV-1a: runs are a few bytes, which
 * hash_bytes() spends more on setting up than on). */
static size_t
parse_run_hash(const char *s, size_t len)
{
	uint64_t hash = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
	return (size_t)(hash ^ hash >> 32);
}

/* Returns the slot of key in the counts: its own, or the free one it
 * would take. */
static size_t
parse_grams_slot(const struct ParseGrams *g, uint64_t key)
{
	size_t k = (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 20) & (g->nslots - 1);

	while (g->keys[k] != 0 && g->keys[k] != key)
		k = (k + 1) & (g->nslots - 1);
	return k;
}

/* Adds one to the count of key, growing the table past half full. */
static void
parse_grams_add(struct ParseGrams *g, uint64_t key)
{
	size_t k;

	if (2 * (g->nkeys + 1) > g->nslots) {
		uint64_t *keys = g->keys;
		uint32_t *counts = g->counts;
		size_t old = g->nslots, i;

		g->nslots = old == 0 ? 4096 : 2 * old;
		g->keys = xcalloc(g->nslots, sizeof *g->keys);
		g->counts = xcalloc(g->nslots, sizeof *g->counts);
		for (i = 0; i < old; i++)
			if (keys[i] != 0) {
				k = parse_grams_slot(g, keys[i]);
				g->keys[k] = keys[i];
				g->counts[k] = counts[i];
			}
		free(keys);
		free(counts);
	}
	k = parse_grams_slot(g, key);
	if (g->keys[k] == 0) {
		g->keys[k] = key;
		g->nkeys++;
	}
	g->counts[k]++;
}

/* Returns the count of key. */
static size_t
parse_grams_count(const struct ParseGrams *g, uint64_t key)
{
	size_t k;

	if (key < PLANE_SIZE)
		return g->plane_chars[key];
	if ((key & ~KEY_START) < PLANE_SIZE && (key & KEY_START))
		return g->plane_starts[key & ~KEY_START];
	k = parse_grams_slot(g, key);
	return g->keys[k] == key ? g->counts[k] : 0;
}

/* Counts the characters, pairs and first character of one line of text. */
static void
parse_grams_count_line(struct ParseGrams *g, const Line *line)
{
	const uint8_t *s = (const uint8_t *)line->text, *end = s + line->length;
	ucs4_t uc, before = 0;
	int n;

	for (; s < end; s += n) {
		n = u8_mbtouc(&uc, s, (size_t)(end - s));
		if (n <= 0)
			break;
		if (before != 0)
			parse_grams_add(g, KEY_PAIR | ((uint64_t)before << 21) | uc);
		else if (uc < PLANE_SIZE)
			g->plane_starts[uc]++;
		else
			parse_grams_add(g, KEY_START | uc);
		if (uc < PLANE_SIZE)
			g->plane_chars[uc]++;
		else
			parse_grams_add(g, uc);
		before = uc;
		g->chars++;
	}
	g->lines++;
}

/* Returns the counts and runs of the body's lines; the caller frees them
 * with parse_grams_free. */
static struct ParseGrams *
parse_grams_new(const Parse *p)
{
	struct ParseGrams *g = xcalloc(1, sizeof *g);
	size_t i, n = 0, size = 0, chars = 0, k;

	g->plane_chars = xcalloc(PLANE_SIZE, sizeof *g->plane_chars);
	g->plane_starts = xcalloc(PLANE_SIZE, sizeof *g->plane_starts);

	for (i = p->contents_end; i < p->body_end; i++) {
		size += p->lines[i].length;
		chars += parse_line_chars(&p->lines[i]);
		if (p->lines[i].role == ROLE_TEXT && p->lines[i].length > 0)
			parse_grams_count_line(g, &p->lines[i]);
	}
	/* A place at most per byte (only those used are touched); about a
	 * bucket per character: sized by bytes they were thrice that, and
	 * filling them cost more than all the lookups. */
	g->at = xreallocarray(NULL, size + 1, sizeof *g->at);
	g->next = xreallocarray(NULL, size + 1, sizeof *g->next);
	for (g->nbuckets = 1024; g->nbuckets < chars; g->nbuckets *= 2)
		;
	g->buckets = xreallocarray(NULL, g->nbuckets, sizeof *g->buckets);
	for (k = 0; k < g->nbuckets; k++)
		g->buckets[k] = SIZE_MAX;
	for (i = p->contents_end; i < p->body_end; i++) {
		const char *s = p->lines[i].text, *end = s + p->lines[i].length;
		int len[3] = { 0, 0, 0 };	/* of the characters at s and the two after */

		while (s < end) {
			size_t run;

			/* Each character's length is found once, not once
			 * for each of the three runs it is in. */
			if (len[0] <= 0) {
				len[0] = parse_char_length(s, (size_t)(end - s));
				len[1] = len[2] = 0;
				if (len[0] > 0 && s + len[0] < end)
					len[1] = parse_char_length(s + len[0],
					    (size_t)(end - s - len[0]));
			}
			if (len[1] > 0 && len[2] <= 0 && s + len[0] + len[1] < end)
				len[2] = parse_char_length(s + len[0] + len[1],
				    (size_t)(end - s - len[0] - len[1]));
			run = len[0] > 0 && len[1] > 0 && len[2] > 0 ?
			    (size_t)(len[0] + len[1] + len[2]) : 0;
			if (run > 0) {
				k = parse_run_hash(s, run) & (g->nbuckets - 1);
				g->at[n] = s;
				g->next[n] = g->buckets[k];
				g->buckets[k] = n++;
			}
			if (len[0] > 0) {
				s += len[0];
				len[0] = len[1];
				len[1] = len[2];
				len[2] = 0;
			} else
				s++;
		}
	}
	return g;
}

/* Frees the counts and runs. */
void
parse_grams_free(struct ParseGrams *g)
{
	if (g == NULL)
		return;
	free(g->at);
	free(g->next);
	free(g->buckets);
	free(g->plane_chars);
	free(g->plane_starts);
	free(g->keys);
	free(g->counts);
	free(g);
}

/* Returns the parse's counts, made on first use. */
static const struct ParseGrams *
parse_grams(const Parse *p)
{
	if (p->grams == NULL)
		((Parse *)p)->grams = parse_grams_new(p);	/* a cache, not a change */
	return p->grams;
}

/* Returns how many times the bytes (three characters or more, no NUL)
 * occur in the body's text, inside one line; with first_only, 1 at the
 * first. */
static size_t
parse_text_count(const Parse *p, const char *bytes, size_t len, int first_only)
{
	const struct ParseGrams *g = parse_grams(p);
	size_t run = parse_triple_length(bytes, len), at, count = 0;

	if (run == 0)
		return 0;
	at = g->buckets[parse_run_hash(bytes, run) & (g->nbuckets - 1)];
	for (; at != SIZE_MAX; at = g->next[at])
		if (strncmp(g->at[at], bytes, len) == 0) {
			count++;
			if (first_only)
				break;
		}
	return count;
}

/* Returns how many times the len bytes at s (one character or more)
 * occur in the body's text. */
static size_t
parse_string_count(const Parse *p, const char *s, size_t len)
{
	const struct ParseGrams *g = parse_grams(p);
	ucs4_t a, b;
	int n = u8_mbtouc(&a, (const uint8_t *)s, len);

	if (n <= 0)
		return 0;
	if ((size_t)n == len)
		return parse_grams_count(g, a);
	if (u8_mbtouc(&b, (const uint8_t *)s + n, len - (size_t)n) == (int)(len - (size_t)n))
		return parse_grams_count(g, KEY_PAIR | ((uint64_t)a << 21) | b);
	return parse_text_count(p, s, len, 0);
}

/* A run of characters spanning a join: the open line's last `tail`
 * bytes, then the next line's first `head` bytes. */
typedef struct JoinRun {
	size_t	chars;		/* characters in all, 0 for none */
	size_t	tail, head;	/* bytes from either side */
} JoinRun;

/* Finds the longest run spanning the join of line open to line next
 * that the issue prints elsewhere too (a word cut by the break), of
 * three characters or more and at most JOIN_SPAN from either side, into
 * *run. Unless with_punctuation, a run takes a character that is no
 * punctuation from either side: after a comma any clause may follow, and
 * that "，建立" is printed elsewhere says nothing of how likely this one
 * is. */
static void
parse_join_run(const Parse *p, const Line *open, const Line *next, int with_punctuation, JoinRun *run)
{
	const uint8_t *tail_start = (const uint8_t *)open->text;
	const uint8_t *cut[JOIN_SPAN + 1];
	size_t head_len[JOIN_SPAN + 1], ntail = 0, nhead = 0, a, b, min_tail = 0, min_head = 0;
	const uint8_t *s = tail_start + open->length, *h = (const uint8_t *)next->text;
	ucs4_t uc;
	char buf[8 * JOIN_SPAN];

	memset(run, 0, sizeof *run);
	/* cut[a]: where the last a characters of the open line begin. */
	while (ntail < JOIN_SPAN && s > tail_start && (s = u8_prev(&uc, s, tail_start)) != NULL) {
		cut[++ntail] = s;
		if (min_tail == 0 && (with_punctuation || !uc_is_general_category(uc, UC_CATEGORY_P)))
			min_tail = ntail;
	}
	head_len[0] = 0;
	while (nhead < JOIN_SPAN && head_len[nhead] < next->length) {
		int n = u8_mbtouc(&uc, h + head_len[nhead], next->length - head_len[nhead]);

		if (n <= 0)
			break;
		head_len[nhead + 1] = head_len[nhead] + (size_t)n;
		nhead++;
		if (min_head == 0 && (with_punctuation || !uc_is_general_category(uc, UC_CATEGORY_P)))
			min_head = nhead;
	}
	if (min_tail == 0 || min_head == 0)
		return;
	for (a = min_tail; a <= ntail; a++)
		for (b = min_head; b <= nhead; b++) {
			size_t tl = (size_t)(tail_start + open->length - cut[a]);

			if (a + b <= run->chars || a + b < 3)
				continue;
			memcpy(buf, cut[a], tl);
			memcpy(buf + tl, h, head_len[b]);
			if (parse_text_count(p, buf, tl + head_len[b], 1) > 0) {
				run->chars = a + b;
				run->tail = tl;
				run->head = head_len[b];
			}
		}
}

/* Returns how well line next completes the sentence open at the end of
 * line open: the most characters of a run spanning the join that the
 * issue prints elsewhere too, 0 for none. */
int
parse_join_score(const Parse *p, const Line *open, const Line *next)
{
	JoinRun run;

	parse_join_run(p, open, next, 0, &run);
	return (int)run.chars;
}

/* Returns the characters of the longest run spanning the join of line
 * open to line next that the issue prints elsewhere too, punctuation
 * taken as any character ("。二是" printed elsewhere counts): which of
 * two boxes a sentence runs on into, 0 for no such run. */
int
parse_join_span(const Parse *p, const Line *open, const Line *next)
{
	JoinRun run;

	parse_join_run(p, open, next, 1, &run);
	return (int)run.chars;
}

/* Returns the weight of the evidence that line next carries on the
 * sentence open at the end of line open rather than opening a paragraph
 * of its own: how much more often the issue has next's first character
 * follow open's last than open a line, and, for a run spanning the join
 * that the issue prints elsewhere, how much more often it prints the
 * run than its two sides would meet by chance (natural logarithms; 0 is
 * no evidence either way). */
double
parse_join_weight(const Parse *p, const Line *open, const Line *next)
{
	const struct ParseGrams *g = parse_grams(p);
	const uint8_t *end = (const uint8_t *)open->text + open->length;
	ucs4_t last, first;
	double weight;
	JoinRun run;

	if (open->length == 0 || next->length == 0 || u8_prev(&last, end, (const uint8_t *)open->text) == NULL
	    || u8_mbtouc(&first, (const uint8_t *)next->text, next->length) <= 0)
		return 0;
	weight = log(((double)parse_grams_count(g, KEY_PAIR | ((uint64_t)last << 21) | first) + 0.5) * (double)g->lines
	    / (((double)parse_grams_count(g, last) + 1) * ((double)parse_grams_count(g, KEY_START | first) + 0.5)));
	parse_join_run(p, open, next, 0, &run);
	if (run.chars > 0) {
		char buf[8 * JOIN_SPAN];
		size_t count;

		memcpy(buf, end - run.tail, run.tail);
		memcpy(buf + run.tail, next->text, run.head);
		count = parse_text_count(p, buf, run.tail + run.head, 0);
		weight += JOIN_RUN_WEIGHT * log((double)(count > 0 ? count : 1) * (double)g->chars
		    / (((double)parse_string_count(p, (const char *)end - run.tail, run.tail) + 1)
		    * ((double)parse_string_count(p, next->text, run.head) + 1)));
	}
	return weight;
}

/* Returns the characters of the lead sentence that opens text (a clause
 * of at most LEAD_MAX_CHARS closed by 。 with no comma, colon or
 * semicolon before it, as a bold lead opens each paragraph of a list),
 * 0 when it opens with none. */
size_t
parse_lead_sentence(const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text, *end = s + len;
	size_t chars = 0;
	ucs4_t uc;
	int n;

	while (s < end && chars <= LEAD_MAX_CHARS) {
		n = u8_mbtouc(&uc, s, (size_t)(end - s));
		s += n;
		chars++;
		if (uc == 0x3002)			/* 。 */
			return chars;
		if (uc == 0xff0c || uc == ',' || uc == 0xff1a || uc == ':' || uc == 0xff1b || uc == ';'
		    || uc == 0x3001)		/* ,:; 、 */
			return 0;
	}
	return 0;
}

/* Returns non-zero when line open ends inside a word (its last character
 * a letter, no punctuation), that character in *last unless NULL. */
static int
parse_cut_inside_word(const Line *open, ucs4_t *last)
{
	const uint8_t *s = (const uint8_t *)open->text;
	ucs4_t uc;

	if (open->length == 0 || u8_prev(&uc, s + open->length, s) == NULL || !uc_is_general_category(uc, UC_LETTER))
		return 0;
	if (last != NULL)
		*last = uc;
	return 1;
}

/* Returns non-zero when line next opens as line open does, open being
 * cut inside a word: with a lead sentence, its first LEAD_SAME_CHARS
 * characters the same. Such a line is the next paragraph of a list
 * (建设泛在智能的网络连接设施。…推动城市 then 建设物联数通的新型感知基础
 * 设施。…), not what carries open's last word on. After punctuation (…大赛,
 * then 提升实践创造能力。) any clause may follow, one opening as the
 * paragraph did too. */
int
parse_opens_alike(const Line *open, const Line *next)
{
	const uint8_t *same = (const uint8_t *)open->text;
	ucs4_t uc;
	size_t k;

	if (!parse_cut_inside_word(open, NULL) || parse_lead_sentence(open->text, open->length) == 0
	    || parse_lead_sentence(next->text, next->length) == 0)
		return 0;
	/* The same characters are the same bytes in clean UTF-8. */
	for (k = 0; k < LEAD_SAME_CHARS && same != NULL; k++)
		same = u8_next(&uc, same);
	return same != NULL && (size_t)(same - (const uint8_t *)open->text) <= next->length
	    && memcmp(open->text, next->text, (size_t)(same - (const uint8_t *)open->text)) == 0;
}

/* Returns non-zero when place, inside the text of p, is where a line's
 * text starts (past its leading spaces). */
static int
parse_opens_line(const Parse *p, const char *place)
{
	while (place > p->text) {
		if (place[-1] == ' ')
			place--;
		else if (place - p->text >= 3 && memcmp(place - 3, "\xe3\x80\x80", 3) == 0)
			place -= 3;
		else
			break;
	}
	return place == p->text || place[-1] == '\0';
}

/* Returns the weight against line next carrying a sentence on that its
 * opening words give: the natural logarithm of how much more often the
 * issue opens a line with its first three characters (近日,…, 展望20…)
 * than prints them inside a line, next itself aside; 0 when they stand
 * inside lines as often or more, as most words do. */
double
parse_opening_weight(const Parse *p, const Line *next)
{
	const struct ParseGrams *g = parse_grams(p);
	size_t run = parse_triple_length(next->text, next->length), at, opens = 0, inside = 0;

	if (run == 0)
		return 0;
	at = g->buckets[parse_run_hash(next->text, run) & (g->nbuckets - 1)];
	for (; at != SIZE_MAX; at = g->next[at])
		if (g->at[at] != next->text && strncmp(g->at[at], next->text, run) == 0) {
			if (parse_opens_line(p, g->at[at]))
				opens++;
			else
				inside++;
		}
	return opens > inside ? log(((double)opens + 0.5) / ((double)inside + 0.5)) : 0;
}

/* Returns non-zero when line next opens an enumeration (一是…, 二是…)
 * while line open is cut inside a word: the issue prints those only after
 * punctuation or 第, never as the rest of a word. */
int
parse_opens_enumeration(const Line *open, const Line *next)
{
	ucs4_t last;

	if (!parse_cut_inside_word(open, &last) || last == 0x7b2c)	/* 第 */
		return 0;
	return parse_line_enumeration(next) > 0;
}
