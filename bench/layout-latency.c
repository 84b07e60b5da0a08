/* Times the reader's layout of a long paragraph: an article whose one
 * paragraph is SIZE MB (default 50) of Chinese text with punctuation and
 * Latin words, laid out at 78 columns. Prints the time to the first
 * screen (what opening the article costs), to a screen after a resize
 * with the place 1% and 50% into the paragraph, and to the whole layout
 * (what G, the end, costs). Medians of RUNS runs (default 5).
 *
 *	bench/layout-latency [SIZE_MB [RUNS]] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buffer.h"
#include "issue.h"
#include "issue_build.h"
#include "layout.h"
#include "timing.h"

#define BENCH_ROWS 24

/* Lays out a screen of the article at width with place at offset on top;
 * returns the milliseconds it took. whole: the whole article instead. */
static double
bench_screen(const Article *a, int width, size_t offset, int whole)
{
	double start = now_ms();
	ArticleLayout *layout = article_layout_new(a, width);
	size_t top = article_layout_find(layout, offset);

	if (whole)
		article_layout_count(layout);
	else
		article_layout_line(layout, top + BENCH_ROWS);
	article_layout_free(layout);
	return now_ms() - start;
}

int
main(int argc, char **argv)
{
	static const char *const pieces[] = {
		"数据要素市场化配置改革,", "“十四五”时期", "IPv6 and 5G ", "推进数字产业化。",
		"(一)", "加快建设信息网络基础设施,", "……", "《规划》",
	};
	const struct {
		const char	*what;
		int		 width;
		double		 where;	/* of the paragraph; < 0: the whole layout */
	} cases[] = {
		{ "open: the first screen", 78, 0.0 },
		{ "resize: a screen 1% in", 60, 0.01 },
		{ "resize: a screen 50% in", 60, 0.5 },
		{ "the whole layout (G)", 78, -1.0 },
	};
	size_t mb = argc > 1 ? (size_t)atoi(argv[1]) : 50, i, j, article;
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	Buffer text = { 0 };
	Issue *issue = issue_new("bench");
	const Article *a;
	double *times;

	if (mb == 0 || runs <= 0) {
		fprintf(stderr, "usage: layout-latency [SIZE_MB [RUNS]]\n");
		return 2;
	}
	for (i = 0; text.len < mb * 1024 * 1024; i++)
		buffer_puts(&text, pieces[(i * 5) % (sizeof pieces / sizeof pieces[0])]);
	issue_add_section(issue, "1", "国家部署", NULL, 1, 1);
	article = issue_add_article(issue, "1.1", "一篇很长的文章", 0);
	issue_add_block(issue, article, BLOCK_PARAGRAPH, 1, 1, 1, text.data, text.len);
	issue_finish(issue);
	a = issue_article(issue, 0);
	times = calloc((size_t)runs, sizeof *times);
	if (times == NULL)
		return 2;
	printf("layout of a %zu MB paragraph, median of %d runs\n", mb, runs);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t offset = cases[i].where > 0 ? (size_t)(cases[i].where * (double)text.len) : 0;

		for (j = 0; j < (size_t)runs; j++)
			times[j] = bench_screen(a, cases[i].width, offset, cases[i].where < 0);
		qsort(times, (size_t)runs, sizeof *times, compare_doubles);
		printf("  %-26s %10.2f ms\n", cases[i].what, times[runs / 2]);
	}
	free(times);
	buffer_free(&text);
	issue_free(issue);
	return 0;
}
