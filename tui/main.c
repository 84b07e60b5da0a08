/* shuzhi: a terminal reader for the magazine 《数志》. Parses the command
 * line, opens the index of an issue or of an archive of issues, and hands
 * over to the printed output or to the interactive reader. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "index.h"
#include "paths.h"
#include "reader.h"
#include "xalloc.h"

/* What the command line asked for. */
typedef struct Options {
	const char	*toc;		/* non-NULL: print the contents */
	const char	*article;
	const char	*page;
	const char	*search;
	const char	*outline;	/* --outline=ID */
	const char	*cite;		/* --cite=ID[:RANGE] */
	size_t		 limit;
	int		 width;		/* -1: the terminal's, else 80 */
	int		 reindex;
	int		 shared;	/* --shared: with --reindex, build DIR's shared index */
	int		 color;		/* -1 auto, 0 never, 1 always */
	const char	*issue;		/* --issue: an issue's prefix */
	const char	*const *files;	/* FILEs and DIRs */
	size_t		 nfiles;
} Options;

enum {
	OPT_TOC = 256, OPT_ARTICLE, OPT_PAGE, OPT_SEARCH, OPT_LIMIT, OPT_WIDTH, OPT_REINDEX, OPT_COLOR,
	OPT_ISSUE, OPT_OUTLINE, OPT_CITE, OPT_SHARED,
};

static const struct option long_options[] = {
	{ "toc", no_argument, NULL, OPT_TOC },
	{ "article", required_argument, NULL, OPT_ARTICLE },
	{ "page", required_argument, NULL, OPT_PAGE },
	{ "search", required_argument, NULL, OPT_SEARCH },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "reindex", no_argument, NULL, OPT_REINDEX },
	{ "shared", no_argument, NULL, OPT_SHARED },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "issue", required_argument, NULL, OPT_ISSUE },
	{ "outline", required_argument, NULL, OPT_OUTLINE },
	{ "cite", required_argument, NULL, OPT_CITE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Prints the usage text. */
static void
main_usage(FILE *f)
{
	fputs("Usage: shuzhi [OPTION]... [FILE|DIR]...\n"
	    "Read the magazine 《数志》 in a terminal. FILE is an issue's text; without it,\n"
	    "the bundled issue. Several FILEs, or a DIR of them (its *.txt files), are an\n"
	    "archive: IDs gain the issue's number, 12/1.3. With no output option, on a\n"
	    "terminal, the reader starts.\n"
	    "\n"
	    "Output options (print and exit):\n"
	    "      --toc             list sections and articles: ID, page, title\n"
	    "      --article=ID      print an article (IDs as --toc lists them)\n"
	    "      --page=N          print the text of printed page N (in an archive\n"
	    "                        12/N, or with --issue)\n"
	    "      --search=QUERY    ranked results: ID, page, snippet; words must all\n"
	    "                        occur, \"a phrase\", -excluded, a OR b\n"
	    "      --outline=ID      an article's headings: depth, page, heading\n"
	    "      --cite=ID[:RANGE] an article's text with the line that cites it;\n"
	    "                        RANGE: paragraphs N or N-M, or pages pN or pN-M\n"
	    "      --limit=N         at most N search results (default 20)\n"
	    "      --issue=N         in an archive, only issue N (as --toc lists it)\n"
	    "      --width=N         wrap at N columns (default: terminal, else 80;\n"
	    "                        0: one line per block)\n"
	    "      --reindex         rebuild the index first\n"
	    "      --reindex --shared DIR  build DIR's index for every user, in DIR/.shuzhi\n"
	    "      --color[=WHEN]    mark headings and hits: auto (default), always, never\n"
	    "  -h, --help            show this help and exit\n"
	    "  -V, --version         show the version and exit\n"
	    "\n"
	    "Exit status: 0 done, 1 a search found nothing, 2 trouble (out of memory too).\n"
	    "The index is kept in $XDG_CACHE_HOME/shuzhi, the reading place in\n"
	    "$XDG_STATE_HOME/shuzhi. See shuzhi(1) for the reader's keys.\n"
	    "\n"
	    "Report bugs to: " PACKAGE_BUGREPORT "\n", f);
}

/* Prints the version, the copyright and the licence, as GNU programs do. */
static void
main_version(FILE *f)
{
	fputs(PACKAGE_STRING "\n"
	    "Copyright (C) 2026 the shuzhi authors.\n"
	    "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n", f);
}

/* Parses a whole non-negative number no larger than max into *value. */
static int
main_parse_count(const char *s, long max, long *value)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 0 || n > max)
		return -1;
	*value = n;
	return 0;
}

/* Returns the terminal's width, or 80 when stdout is not a terminal. */
static int
main_terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Returns non-zero when arg is "--name=value" for a known option that
 * takes no value. */
static int
main_option_takes_no_value(const char *arg)
{
	size_t len = strcspn(arg, "="), i;

	if (strncmp(arg, "--", 2) != 0 || arg[len] != '=')
		return 0;
	for (i = 0; long_options[i].name != NULL; i++)
		if (strlen(long_options[i].name) == len - 2 && strncmp(long_options[i].name, arg + 2, len - 2) == 0)
			return long_options[i].has_arg == no_argument;
	return 0;
}

/* Reads the command line into *o. Returns 0, 1 when done (help, version),
 * or -1 after printing an error. */
static int
main_parse_options(int argc, char **argv, Options *o)
{
	int c, outputs = 0;
	long n;

	memset(o, 0, sizeof *o);
	o->limit = 20;
	o->width = -1;
	o->color = -1;
	opterr = 0;	/* getopt would print the user's bytes raw: cli_error cleans them */
	while ((c = getopt_long(argc, argv, ":hV", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_TOC:
			outputs++;
			o->toc = "";
			break;
		case OPT_ARTICLE:
			outputs++;
			o->article = optarg;
			break;
		case OPT_PAGE:
			outputs++;
			o->page = optarg;
			break;
		case OPT_SEARCH:
			outputs++;
			o->search = optarg;
			break;
		case OPT_OUTLINE:
			outputs++;
			o->outline = optarg;
			break;
		case OPT_CITE:
			outputs++;
			o->cite = optarg;
			break;
		case OPT_LIMIT:
			if (main_parse_count(optarg, INT_MAX, &n) != 0 || n == 0) {
				cli_error("invalid --limit '%s': give a whole number of 1 or more", optarg);
				return -1;
			}
			o->limit = (size_t)n;
			break;
		case OPT_WIDTH:
			if (main_parse_count(optarg, 100000, &n) != 0) {
				cli_error("invalid --width '%s': give a whole number of columns (0: no wrapping)", optarg);
				return -1;
			}
			o->width = (int)n;
			break;
		case OPT_REINDEX:
			o->reindex = 1;
			break;
		case OPT_SHARED:
			o->shared = 1;
			break;
		case OPT_ISSUE:
			o->issue = optarg;
			break;
		case OPT_COLOR:
			if (optarg == NULL || strcmp(optarg, "always") == 0 || strcmp(optarg, "yes") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0 || strcmp(optarg, "no") == 0)
				o->color = 0;
			else if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else {
				cli_error("invalid --color '%s': give auto, always or never", optarg);
				return -1;
			}
			break;
		case 'h':
			main_usage(stdout);
			return 1;
		case 'V':
			main_version(stdout);
			return 1;
		case ':':
			cli_error("option '%s' needs a value", argv[optind - 1]);
			fputs("Try 'shuzhi --help' for more information.\n", stderr);
			return -1;
		default:
			if (main_option_takes_no_value(argv[optind - 1]))
				cli_error("option '%.*s' takes no value", (int)strcspn(argv[optind - 1], "="),
				    argv[optind - 1]);
			else
				cli_error("unknown option '%s'", argv[optind - 1]);
			fputs("Try 'shuzhi --help' for more information.\n", stderr);
			return -1;
		}
	}
	if (outputs > 1) {
		cli_error("give only one of --toc, --article, --page, --search, --outline and --cite");
		return -1;
	}
	o->files = (const char *const *)argv + optind;
	o->nfiles = (size_t)(argc - optind);
	if (o->shared && (!o->reindex || o->nfiles != 1)) {
		cli_error("--shared builds one folder's shared index: shuzhi --reindex --shared DIR");
		return -1;
	}
	return 0;
}

/* Opens the index of what the command line names: the bundled issue, one
 * issue's FILE, or an archive. Returns 0 or -1 with *cause. */
static int
main_open_index(const Options *o, Index **index, char **notice, char **cause)
{
	int flags = o->reindex ? INDEX_REBUILD : 0;
	char *bundled;
	int rc;

	/* One FILE too goes through the archive's door, which refuses a file
	 * that holds no issue. */
	if (o->nfiles > 0)
		return index_open_archive(o->files, o->nfiles, flags, index, notice, cause);
	bundled = paths_bundled_issue();
	rc = index_open(bundled, flags, index, notice, cause);
	free(bundled);
	return rc;
}

/* Builds the shared index of the folder the command line names, then
 * opens it as every reader will. Returns 0, or -1 after printing why. */
static int
main_build_shared(const Options *o, size_t *indexed, Index **index, char **notice)
{
	char *cause = NULL, *skipped = NULL;

	if (index_build_shared(o->files[0], indexed, &skipped, &cause) != 0 ||
	    index_open_archive(o->files, 1, 0, index, notice, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		free(skipped);
		return -1;
	}
	if (skipped != NULL)
		cli_error("%s", skipped);
	free(skipped);
	return 0;
}

/* Prints what the open did when SHUZHI_DEBUG_INDEX is set, for tests that
 * check that one changed file re-indexes one issue. */
static void
main_debug_index(const Index *index)
{
	const char *debug = getenv("SHUZHI_DEBUG_INDEX");

	if (debug != NULL && debug[0] != '\0')
		cli_error("reindexed %zu/%zu issues", index_reindexed(index), index_issue_count(index));
}

/* Sets *issue to the issue --issue names (INDEX_ALL_ISSUES without it).
 * Returns 0, or -1 after printing an error. */
static int
main_find_issue(const Index *index, const Options *o, size_t *issue)
{
	*issue = INDEX_ALL_ISSUES;
	if (o->issue == NULL)
		return 0;
	if (index_find_issue(index, o->issue, strlen(o->issue), issue) != 0) {
		cli_error("no issue '%s' (see --toc)", o->issue);
		return -1;
	}
	return 0;
}

/* Prints what the output option asks for; returns the exit status. */
static int
main_print_output(Index *index, const Options *o, size_t issue, const CliOutput *out)
{
	if (o->search != NULL)
		return cli_search(index, o->search, issue, o->limit, out);
	if (o->outline != NULL)
		return cli_reading_outline_index(index, o->outline, issue);
	if (o->cite != NULL)
		return cli_reading_cite_index(index, o->cite, issue);
	if (o->toc != NULL)
		return cli_toc_index(index, issue, out);
	if (o->article != NULL)
		return cli_article_index(index, o->article, issue, out);
	return cli_page_index(index, o->page, issue, out);
}

/* Runs the command line. */
int
main(int argc, char **argv)
{
	Options o;
	CliOutput out;
	Index *index = NULL;
	char *notice = NULL, *cause = NULL;
	size_t issue;
	int rc, printing;

	rc = main_parse_options(argc, argv, &o);
	if (rc != 0)
		return rc > 0 ? EXIT_FOUND : EXIT_TROUBLE;

	printing = o.toc != NULL || o.article != NULL || o.page != NULL || o.search != NULL ||
	    o.outline != NULL || o.cite != NULL;
	if (!printing && !o.shared && !(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))) {
		cli_error("not a terminal: print with --toc, --article=ID, --page=N or --search=QUERY");
		return EXIT_TROUBLE;
	}
	if (o.shared) {
		size_t indexed;

		if (main_build_shared(&o, &indexed, &index, &notice) != 0)
			return EXIT_TROUBLE;
		if (!printing) {
			/* An administrator's command: it reports, and starts no reader. */
			printf("%s: shared index of %zu issue%s (%zu indexed now) in %s\n", o.files[0],
			    index_issue_count(index), index_issue_count(index) == 1 ? "" : "s", indexed,
			    index_cache_path(index));
			rc = 0;
			if (notice != NULL) {
				cli_error("%s", notice);
				rc = EXIT_TROUBLE;
			}
			index_close(index);
			free(notice);
			return rc;
		}
	} else if (main_open_index(&o, &index, &notice, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	if (notice != NULL) {
		if (printing)
			cli_error("%s", notice);
	}
	main_debug_index(index);
	if (main_find_issue(index, &o, &issue) != 0) {
		index_close(index);
		free(notice);
		return EXIT_TROUBLE;
	}

	out.width = o.width >= 0 ? o.width : main_terminal_width();
	if (o.color < 0) {
		const char *no_color = getenv("NO_COLOR");

		out.color = isatty(STDOUT_FILENO) && (no_color == NULL || no_color[0] == '\0');
	} else
		out.color = o.color;

	if (printing)
		rc = main_print_output(index, &o, issue, &out);
	else {
		/* Only the reader needs the user's locale: loading it costs a
		 * printed answer a tenth of its time, and the printed output is
		 * the same in any locale. */
		setlocale(LC_ALL, "");
		rc = reader_run(index, notice, &cause);
		rc = rc == READER_INTERRUPTED ? READER_INTERRUPTED : rc == 0 ? EXIT_FOUND : EXIT_TROUBLE;
		if (rc == EXIT_TROUBLE) {
			cli_error("%s", cause);
			free(cause);
		}
	}

	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			cli_error("writing output: %s", strerror(errno));
		rc = EXIT_TROUBLE;
	}
	index_close(index);
	free(notice);
	return rc;
}
