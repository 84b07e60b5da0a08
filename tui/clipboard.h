/* The terminal's clipboard: text sent with OSC 52, which terminals (and
 * tmux with set-clipboard) put on the clipboard, over SSH too. */
#ifndef SHUZHI_CLIPBOARD_H
#define SHUZHI_CLIPBOARD_H

#include <stddef.h>

/* The most text one OSC 52 sequence carries; terminals drop longer ones. */
#define CLIPBOARD_MAX_BYTES 100000

/* Returns len bytes of data in base64, NUL-terminated; the caller frees it. */
char *clipboard_base64(const char *data, size_t len);

/* Sends text to the terminal's clipboard. Returns 0, or -1 when it is too
 * long or the terminal cannot be written to. */
int clipboard_send(const char *text);

#endif
