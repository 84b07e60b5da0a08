/* Timing for the benchmark programs: a monotonic clock in milliseconds
 * and an order for sorting times to take their median. */
#ifndef SHUZHI_BENCH_TIMING_H
#define SHUZHI_BENCH_TIMING_H

#include <time.h>

/* Returns the time now in milliseconds. */
static inline double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Orders doubles (for qsort). */
static inline int
compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#endif
