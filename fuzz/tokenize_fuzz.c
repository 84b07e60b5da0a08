/* libFuzzer target: the tokenizer on any bytes, as a document and as a
 * query. Checks that every token lies inside the input, in order. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "tokenize.h"

typedef struct TokenCheck {
	size_t	len;
	size_t	last_start;
	size_t	last_position;
	int	count;
} TokenCheck;

/* Checks one token against the input's bounds and the ones before it. */
static int
check_token(void *data, const Token *t)
{
	TokenCheck *c = data;

	if (t->start > t->end || t->end > c->len || t->length == 0)
		abort();
	if (u8_check((const uint8_t *)t->text, t->length) != NULL)
		abort();
	if (c->count > 0 && (t->start < c->last_start || t->position < c->last_position))
		abort();
	c->last_start = t->start;
	c->last_position = t->position;
	c->count++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int flags[] = { 0, TOKENIZE_QUERY, TOKENIZE_UNIGRAMS };
	size_t i;

	for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		TokenCheck c = { size, 0, 0, 0 };
		char *described;

		if (tokenize((const char *)data, size, flags[i], check_token, &c) != 0)
			abort();
		described = tokenize_describe((const char *)data, size, flags[i]);
		free(described);
	}
	return 0;
}
