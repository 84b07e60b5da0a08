/* libFuzzer target: an article's lazy layout (a paragraph wrapped a window
 * at a time) on any bytes, at a width the first byte gives. Checks that
 * the lines cover the paragraph in order with only spaces between them,
 * that a line over the width is one grapheme, and that finding a line's
 * place gives the line. `make fuzz` builds it with a small window, so
 * that short inputs cross window edges. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "issue.h"
#include "issue_build.h"
#include "layout.h"
#include "text.h"

/* Checks the layout of article a's one block at width; aborts on a fault. */
static void
check_layout(const Article *a, int width)
{
	const Block *b = &a->blocks[0];
	ArticleLayout *layout = article_layout_new(a, width);
	const ArticleLine *l;
	size_t i, at = b->offset, n;

	n = article_layout_count(layout);
	for (i = 0; i < n; i++) {
		l = article_layout_line(layout, i);
		if (l == NULL)
			abort();
		if (l->kind != ARTICLE_LINE_PARAGRAPH)
			continue;
		if (l->start < at || l->end < l->start || l->end > b->offset + b->length)
			abort();
		while (at < l->start)		/* only spaces left out between lines */
			if (a->text[at++] != ' ')
				abort();
		if (width > 0 && l->width > width &&
		    layout_grapheme(l->base + l->start, l->end - l->start, NULL) != l->end - l->start)
			abort();
		if (l->offset > 0 && article_layout_find(layout, l->offset) != i)
			abort();	/* offset 0 is the title's */
		at = l->end;
	}
	while (at < b->offset + b->length)
		if (a->text[at++] != ' ')
			abort();
	if (article_layout_line(layout, n) != NULL)
		abort();
	article_layout_free(layout);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Issue *issue;
	char *text;
	size_t len, article;
	int width;

	if (size < 1)
		return 0;
	width = data[0] % 64;		/* 0: no wrapping */
	text = text_clean((const char *)data + 1, size - 1, 0, &len);
	issue = issue_new("fuzz");
	issue_add_section(issue, "1", "section", NULL, 1, 1);
	article = issue_add_article(issue, "1.1", "title", 0);
	issue_add_block(issue, article, BLOCK_PARAGRAPH, 1, 1, 1, text, len);
	issue_finish(issue);
	check_layout(issue_article(issue, 0), width);
	issue_free(issue);
	free(text);
	return 0;
}
