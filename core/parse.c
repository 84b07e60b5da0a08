/* Parsing an issue's text into the model: the steps in order. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "issue.h"
#include "issue_build.h"
#include "parse.h"
#include "text.h"
#include "xalloc.h"

/* Frees what a Parse owns. */
static void
parse_free(Parse *p)
{
	size_t i;

	for (i = 0; i < p->nentries; i++)
		free(p->entries[i].title);
	for (i = 0; i < p->nsections; i++) {
		free(p->sections[i].title);
		free(p->sections[i].subtitle);
	}
	free(p->entries);
	free(p->sections);
	free(p->lines);
	free(p->text);
	parse_grams_free(p->grams);
	parse_starts_free(p->starts);
}

/* Returns non-zero when the bytes hold nothing but white space. */
static int
parse_is_blank(const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
			return 0;
	return 1;
}

/* Parses an issue's text into a new Issue (the caller frees it). */
int
issue_parse(const char *data, size_t len, const char *name, Issue **out, char **cause)
{
	Parse p;
	Issue *issue;
	size_t clean_len;

	*out = NULL;
	if (parse_is_blank(data, len)) {
		if (cause != NULL)
			*cause = xasprintf("%s: empty file, not an issue's text", name);
		return -1;
	}
	if (text_is_binary(data, len)) {
		if (cause != NULL)
			*cause = xasprintf("%s: binary data, not an issue's text", name);
		return -1;
	}

	memset(&p, 0, sizeof p);
	p.name = name;
	p.text = text_clean(data, len, 1, &clean_len);
	parse_split_lines(&p, p.text, clean_len);
	p.contents_end = 0;

	issue = issue_new(name);
	parse_find_pages(&p);
	parse_find_contents(&p);
	parse_fix_stray_questions(&p);
	parse_find_furniture(&p);
	parse_mark_duplicates(&p);
	if (p.nentries > 0)
		parse_find_titles(&p);
	else
		parse_fallback_articles(&p);
	parse_front_matter(&p, issue);
	if (p.nentries > 0) {
		parse_order_boxes(&p);
		parse_order_late_items(&p);
		parse_order_far_joins(&p);
		parse_read_repeats_in_order(&p);
	}
	parse_build_articles(&p, issue);
	issue_set_page_count(issue, p.last_page);
	issue_finish(issue);
	if (getenv("SHUZHI_PARSE_DEBUG") != NULL) {
		size_t i;

		for (i = 0; i < p.nlines; i++)
			fprintf(stderr, "%5d p%-3d %d %.60s\n", p.lines[i].number, p.lines[i].page,
			    (int)p.lines[i].role, p.lines[i].text);
		for (i = 0; i < p.nentries; i++)
			fprintf(stderr, "entry %zu title %d-%d score %.2f source %d start %d %s\n", i,
			    p.entries[i].title_line == NO_LINE ? -1 : p.lines[p.entries[i].title_line].number,
			    p.entries[i].title_last == NO_LINE ? -1 : p.lines[p.entries[i].title_last].number,
			    p.entries[i].title_score,
			    p.entries[i].source_line == NO_LINE ? -1 : p.lines[p.entries[i].source_line].number,
			    p.entries[i].start == NO_LINE ? -1 : p.lines[p.entries[i].start].number,
			    p.entries[i].title);
	}
	parse_free(&p);
	*out = issue;
	return 0;
}

/* Reads a file and parses it. */
int
issue_load(const char *path, Issue **out, char **cause)
{
	char *data = NULL, *ignored = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (file_read(path, &data, &len, cause != NULL ? cause : &ignored) != 0) {
		free(ignored);
		return -1;
	}
	rc = issue_parse(data, len, path, out, cause);
	free(data);
	return rc;
}
