/* In-process search latency (README, Performance): opens the index of an issue
 * or an archive once, then runs a fixed set of queries (Chinese words of
 * 1, 2 and 4 characters, common and rare; Latin words; words ANDed;
 * phrases) RUNS times each, each run being search_run() with the limit
 * the command line uses (20 results with their snippets). Prints one line
 * per query (its median and 99th percentile in milliseconds, its number
 * of results) and a last line "all" over every run of every query.
 * Built by `make bench`, run by bench/run; not part of the program. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index.h"
#include "search.h"
#include "timing.h"

#define DEFAULT_RUNS 50
#define LIMIT 20

/* A query and what it stands for. */
typedef struct BenchQuery {
	const char	*query;
	const char	*kind;
} BenchQuery;

/* The fixed query set. */
static const BenchQuery fixed_queries[] = {
	{ "\xe6\x95\xb0", "1 char, common" },				/* 数 */
	{ "\xe7\x9a\x84", "1 char, common" },				/* 的 */
	{ "\xe7\xa8\x8e", "1 char, rare" },				/* 税 */
	{ "\xe6\x95\xb0\xe6\x8d\xae", "2 chars, common" },		/* 数据 */
	{ "\xe5\x8f\x91\xe5\xb1\x95", "2 chars, common" },		/* 发展 */
	{ "\xe7\xae\x97\xe5\x8a\x9b", "2 chars, rare" },		/* 算力 */
	{ "\xe6\x95\xb0\xe5\xad\x97\xe7\xbb\x8f\xe6\xb5\x8e", "4 chars, common" },	/* 数字经济 */
	{ "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81\xe7\xb4\xa0", "4 chars, rare" },	/* 数据要素 */
	{ "\xe4\xba\xba\xe5\xb7\xa5\xe6\x99\xba\xe8\x83\xbd", "4 chars, rare" },	/* 人工智能 */
	{ "IPv6", "Latin" },
	{ "5g", "Latin" },
	{ "DCMM", "Latin, rare" },
	{ "\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8", "AND" },		/* 数据 安全 */
	{ "\xe7\xae\x97\xe5\x8a\x9b \xe6\xb1\x9f\xe8\x8b\x8f", "AND" },		/* 算力 江苏 */
	{ "\"\xe6\x95\xb0\xe6\x8d\xae \xe5\xae\x89\xe5\x85\xa8\"", "phrase" },	/* "数据 安全" */
	{ "\"\xe6\x95\xb0\xe5\xad\x97\xe7\xbb\x8f\xe6\xb5\x8e \xe5\x8f\x91\xe5\xb1\x95\"",
	    "phrase" },							/* "数字经济 发展" */
	{ "shuju", "pinyin of 数据" },
	{ "shuzijingji", "pinyin of 数字经济" },
	{ "shujuyaosu", "pinyin of 数据要素" },
	{ "szjj", "initials of 数字经济" },
	{ "sjys", "initials of 数据要素" },
	{ "\xe6\x95\xb8\xe6\x93\x9a\xe8\xa6\x81\xe7\xb4\xa0", "traditional 數據要素" },
};
#define NFIXED (sizeof fixed_queries / sizeof fixed_queries[0])

/* Returns the p-th percentile (0-100) of n sorted times. */
static double
percentile(const double *sorted, size_t n, double p)
{
	size_t i = (size_t)(p / 100.0 * (double)(n - 1) + 0.5);

	return sorted[i < n ? i : n - 1];
}

/* Runs a query once; returns its time in ms and its results in *count,
 * or exits on an error. */
static double
run_once(Index *index, const char *query, size_t *count)
{
	SearchResults *results = NULL;
	char *cause = NULL;
	double start = now_ms(), took;

	if (search_run(index, query, LIMIT, &results, &cause) != 0) {
		fprintf(stderr, "search-latency: %s: %s\n", query, cause);
		exit(2);
	}
	*count = results->count;
	search_results_free(results);
	took = now_ms() - start;
	return took;
}

/* Measures every query; prints the table. */
int
main(int argc, char **argv)
{
	Index *index = NULL;
	char *cause = NULL;
	double *all, *times;
	size_t runs = DEFAULT_RUNS, nall = 0, i, j, count = 0, nqueries = NFIXED;
	const BenchQuery *queries = fixed_queries;
	BenchQuery *given = calloc((size_t)argc + 1, sizeof *given);
	size_t ngiven = 0;
	int first = 1;

	for (;;) {
		if (argc > first + 1 && strcmp(argv[first], "-n") == 0)
			runs = (size_t)strtoul(argv[first + 1], NULL, 10);
		else if (argc > first + 1 && strcmp(argv[first], "-q") == 0 && given != NULL) {
			given[ngiven].query = argv[first + 1];
			given[ngiven++].kind = "given";
		} else
			break;
		first += 2;
	}
	if (argc <= first || runs == 0 || given == NULL) {
		fprintf(stderr, "usage: search-latency [-n RUNS] [-q QUERY]... FILE|DIR...\n");
		return 2;
	}
	if (ngiven > 0) {
		queries = given;
		nqueries = ngiven;
	}
	if (index_open_archive((const char *const *)argv + first, (size_t)(argc - first), 0, &index,
	    NULL, &cause) != 0) {
		fprintf(stderr, "search-latency: %s\n", cause);
		return 2;
	}
	all = calloc(nqueries * runs, sizeof *all);
	times = calloc(runs, sizeof *times);
	if (all == NULL || times == NULL)
		return 3;
	printf("%9s %9s %7s  %s\n", "p50 ms", "p99 ms", "results", "query");
	for (i = 0; i < nqueries; i++) {
		run_once(index, queries[i].query, &count);	/* warm the page cache */
		for (j = 0; j < runs; j++)
			all[nall++] = times[j] = run_once(index, queries[i].query, &count);
		qsort(times, runs, sizeof *times, compare_doubles);
		printf("%9.3f %9.3f %7zu  %s (%s)\n", percentile(times, runs, 50),
		    percentile(times, runs, 99), count, queries[i].query, queries[i].kind);
	}
	qsort(all, nall, sizeof *all, compare_doubles);
	printf("%9.3f %9.3f %7s  all (%zu issues, %zu runs of each query)\n",
	    percentile(all, nall, 50), percentile(all, nall, 99), "-", index_issue_count(index), runs);
	free(all);
	free(times);
	free(given);
	index_close(index);
	return 0;
}
