/* A minimal TAP producer for the unit tests (header-only). */
#ifndef SHUZHI_TAP_H
#define SHUZHI_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

/* Reports one test; returns its truth so callers can add diagnostics. */
static int __attribute__((format(printf, 2, 3), unused))
ok(int pass, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return pass;
}

/* Prints a diagnostic line. */
static void __attribute__((format(printf, 1, 2), unused))
diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define is_int(got, want, ...) \
	(ok((long long)(got) == (long long)(want), __VA_ARGS__) ? 1 : \
	 (diag("  got %lld, want %lld", (long long)(got), (long long)(want)), 0))

#define is_str(got, want, ...) \
	(ok((got) != NULL && strcmp((got), (want)) == 0, __VA_ARGS__) ? 1 : \
	 (diag("  got '%s', want '%s'", (got) ? (got) : "(null)", (want)), 0))

/* Prints the plan; returns the exit status. */
static int __attribute__((unused))
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed != 0;
}

#endif
