/* The terminal's clipboard through OSC 52: "ESC ] 52 ; c ; BASE64 BEL". */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clipboard.h"
#include "xalloc.h"

/* Returns data in base64; the caller frees it. */
char *
clipboard_base64(const char *data, size_t len)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *in = (const unsigned char *)data;
	char *out = xmalloc((len + 2) / 3 * 4 + 1), *o = out;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];

		*o++ = alphabet[v >> 18 & 63];
		*o++ = alphabet[v >> 12 & 63];
		*o++ = alphabet[v >> 6 & 63];
		*o++ = alphabet[v & 63];
	}
	if (i < len) {
		uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < len ? (uint32_t)in[i + 1] << 8 : 0);

		*o++ = alphabet[v >> 18 & 63];
		*o++ = alphabet[v >> 12 & 63];
		*o++ = i + 1 < len ? alphabet[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/* Sends text to the terminal's clipboard. The sequence goes straight to
 * the terminal between two screen updates, when curses has nothing
 * waiting to be written, and moves nothing on the screen. */
int
clipboard_send(const char *text)
{
	size_t len = strlen(text), at = 0, total;
	char *encoded, *sequence;
	int rc = 0;

	if (len > CLIPBOARD_MAX_BYTES)
		return -1;
	encoded = clipboard_base64(text, len);
	sequence = xasprintf("\033]52;c;%s\007", encoded);
	total = strlen(sequence);
	while (at < total) {
		ssize_t n = write(STDOUT_FILENO, sequence + at, total - at);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = -1;
			break;
		}
		at += (size_t)n;
	}
	free(sequence);
	free(encoded);
	return rc;
}
