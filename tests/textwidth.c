/* textwidth: measures the display width of text files' lines for the shell
 * tests, with libunistring's u8_width (East Asian wide characters are two
 * columns, as wcwidth counts them). For each FILE it prints one line:
 *
 *	FILE <tab> WIDEST <tab> NARROWEST-INNER
 *
 * WIDEST is the widest line's width; NARROWEST-INNER the narrowest width of
 * a non-empty line followed by a non-empty line (a block's line but its
 * last), or -1 when there is none. Exit status 0, or 2 when a file cannot
 * be read or is not valid UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>
#include <unistr.h>

/* Measures one open file; prints its line; returns 0 or -1. */
static int
textwidth_file(const char *name, FILE *f)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t n;
	int widest = 0, narrowest = -1, prev = -1, rc = 0;	/* prev: -1 after an empty line */
	long lineno = 0;

	while ((n = getline(&line, &size, f)) >= 0) {
		int w;

		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			n--;
		if (u8_check((const uint8_t *)line, (size_t)n) != NULL) {
			fprintf(stderr, "textwidth: %s:%ld: not valid UTF-8\n", name, lineno);
			rc = -1;
			break;
		}
		w = u8_width((const uint8_t *)line, (size_t)n, "UTF-8");
		if (w > widest)
			widest = w;
		/* The previous line is inner when this one continues its block. */
		if (n > 0 && prev >= 0 && (narrowest < 0 || prev < narrowest))
			narrowest = prev;
		prev = n > 0 ? w : -1;
	}
	free(line);
	if (rc == 0)
		printf("%s\t%d\t%d\n", name, widest, narrowest);
	return rc;
}

/* Measures each file named on the command line ("-": standard input). */
int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: textwidth FILE...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");

		if (f == NULL) {
			perror(argv[i]);
			rc = 2;
			continue;
		}
		if (textwidth_file(argv[i], f) != 0)
			rc = 2;
		if (f != stdin)
			fclose(f);
	}
	return rc;
}
