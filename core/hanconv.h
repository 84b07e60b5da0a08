/* Simplified and traditional Chinese characters converted by OpenCC, whose
 * dictionaries are read only when a conversion is first asked for. See
 * README, "Searching in traditional characters". */
#ifndef SHUZHI_HANCONV_H
#define SHUZHI_HANCONV_H

#include <stddef.h>

typedef enum HanConvDirection {
	HANCONV_TO_SIMPLIFIED,	/* OpenCC's t2s.json */
	HANCONV_TO_TRADITIONAL,	/* OpenCC's s2t.json */
} HanConvDirection;

typedef struct HanConv HanConv;

/* Returns a converter that has opened nothing yet; free with hanconv_free. */
HanConv *hanconv_new(void);

/* Returns len bytes of text converted (the caller frees it), or NULL when
 * OpenCC's configuration cannot be opened (then never tried again). */
char *hanconv_convert(HanConv *conv, HanConvDirection direction, const char *text, size_t len);

/* Returns non-zero when the text holds a traditional form (pinyin.h),
 * which is what makes a conversion to simplified worth its cost. */
int hanconv_has_traditional(const char *text, size_t len);

void hanconv_free(HanConv *conv);

#endif
