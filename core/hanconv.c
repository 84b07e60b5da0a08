/* Simplified and traditional characters through OpenCC.
 *
 * Opening a configuration reads its dictionaries (tens of milliseconds),
 * so a converter opens each direction on its first use, and a query in
 * simplified characters over simplified issues never opens either. The
 * library itself, with the C++ runtime it needs, is loaded with dlopen
 * then too: linked, it would slow every start of the program. */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>
#include <unistr.h>

#include "hanconv.h"
#include "pinyin.h"
#include "xalloc.h"

struct HanConv {
	void		*library;	/* dlopen's handle, NULL until loaded */
	int		 unloadable;	/* the library could not be loaded */
	opencc_t	 (*open)(const char *);
	int		 (*close)(opencc_t);
	char		*(*convert)(opencc_t, const char *, size_t);
	void		 (*free)(char *);
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

/* Loads the library on first use; returns 0, or -1 when it cannot be. */
static int
hanconv_load(HanConv *conv)
{
	if (conv->library != NULL)
		return 0;
	if (conv->unloadable)
		return -1;
	conv->library = dlopen(OPENCC_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (conv->library != NULL) {
		*(void **)&conv->open = dlsym(conv->library, "opencc_open");
		*(void **)&conv->close = dlsym(conv->library, "opencc_close");
		*(void **)&conv->convert = dlsym(conv->library, "opencc_convert_utf8");
		*(void **)&conv->free = dlsym(conv->library, "opencc_convert_utf8_free");
	}
	if (conv->library == NULL || conv->open == NULL || conv->close == NULL ||
	    conv->convert == NULL || conv->free == NULL) {
		if (conv->library != NULL)
			dlclose(conv->library);
		conv->library = NULL;
		conv->unloadable = 1;
		return -1;
	}
	return 0;
}

/* Returns the converted text (caller frees) or NULL; see hanconv.h. */
char *
hanconv_convert(HanConv *conv, HanConvDirection direction, const char *text, size_t len)
{
	char *converted, *copy;

	if (hanconv_load(conv) != 0)
		return NULL;
	if (conv->handle[direction] == NULL && !conv->failed[direction]) {
		opencc_t handle = conv->open(hanconv_config[direction]);

		if (handle == (opencc_t)-1)
			conv->failed[direction] = 1;
		else
			conv->handle[direction] = handle;
	}
	if (conv->handle[direction] == NULL)
		return NULL;
	converted = conv->convert(conv->handle[direction], text, len);
	if (converted == NULL)
		return NULL;
	copy = xstrdup(converted);
	conv->free(converted);
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
			conv->close(conv->handle[i]);
	if (conv->library != NULL)
		dlclose(conv->library);
	free(conv);
}
