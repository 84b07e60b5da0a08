/* Simplified and traditional characters through OpenCC.
 *
 * Opening a configuration reads its dictionaries (tens of milliseconds),
 * so a converter opens each direction on its first use, and a query in
 * simplified characters over simplified issues never opens either. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <opencc.h>
#include <unistr.h>

#include "hanconv.h"
#include "pinyin.h"
#include "xalloc.h"

struct HanConv {
	opencc_t	 handle[2];	/* by HanConvDirection; NULL until used */
	int		 failed[2];	/* the open failed: do not try again */
};

/* The configuration of each direction. */
static const char *const hanconv_config[2] = {
	OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP,
	OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD,
};

/* Returns a converter with nothing open; the caller frees it. */
HanConv *
hanconv_new(void)
{
	return xcalloc(1, sizeof(HanConv));
}

/* Returns the converted text (caller frees) or NULL; see hanconv.h. */
char *
hanconv_convert(HanConv *conv, HanConvDirection direction, const char *text, size_t len)
{
	char *converted, *copy;

	if (conv->handle[direction] == NULL && !conv->failed[direction]) {
		opencc_t handle = opencc_open(hanconv_config[direction]);

		if (handle == (opencc_t)-1)
			conv->failed[direction] = 1;
		else
			conv->handle[direction] = handle;
	}
	if (conv->handle[direction] == NULL)
		return NULL;
	converted = opencc_convert_utf8(conv->handle[direction], text, len);
	if (converted == NULL)
		return NULL;
	copy = xstrdup(converted);
	opencc_convert_utf8_free(converted);
	return copy;
}

/* Returns non-zero when the text holds a traditional form. */
int
hanconv_has_traditional(const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text, *end = s + len;

	while (s < end) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, s, (size_t)(end - s));

		if (uc >= 0x3400 && pinyin_is_traditional(uc))
			return 1;
		s += n;
	}
	return 0;
}

/* Closes what the converter opened and frees it. */
void
hanconv_free(HanConv *conv)
{
	size_t i;

	if (conv == NULL)
		return;
	for (i = 0; i < 2; i++)
		if (conv->handle[i] != NULL)
			opencc_close(conv->handle[i]);
	free(conv);
}
