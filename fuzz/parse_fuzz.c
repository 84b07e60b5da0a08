/* libFuzzer target: the parser on any bytes. Checks the model's
 * invariants: offsets inside the text, no control characters. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "issue.h"

/* Aborts when text holds a byte no terminal should see. */
static void
check_clean(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f)
			abort();
		if (c == 0xc2 && i + 1 < len && (unsigned char)text[i + 1] >= 0x80
		    && (unsigned char)text[i + 1] < 0xa0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Issue *issue = NULL;
	char *cause = NULL;
	size_t i, j;

	if (issue_parse((const char *)data, size, "fuzz", &issue, &cause) != 0) {
		if (cause == NULL || strchr(cause, '\n') != NULL)
			abort();
		free(cause);
		return 0;
	}
	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		if (issue_find_article(issue, a->id) != a)
			abort();
		check_clean(a->title, strlen(a->title));
		check_clean(a->text, a->text_length);
		for (j = 0; j < a->nblocks; j++) {
			const Block *b = &a->blocks[j];

			if (b->offset + b->length > a->text_length || strchr(b->text, '\n') != NULL)
				abort();
			if (memcmp(a->text + b->offset, b->text, b->length) != 0)
				abort();
			if (article_block_at(a, b->offset) != j && b->length > 0)
				abort();
		}
	}
	for (i = 0; i < issue_section_count(issue); i++)
		check_clean(issue_section(issue, i)->title, strlen(issue_section(issue, i)->title));
	issue_free(issue);
	return 0;
}
