/* Reading files the program is given: regular files only, never waiting on
 * a FIFO or a device. */
#ifndef SHUZHI_FILE_H
#define SHUZHI_FILE_H

#include <stddef.h>

/* Opens path for reading when it is a regular file; returns the
 * descriptor (the caller closes it), or -1 with *cause (caller frees)
 * naming the file, and errno set. */
int file_open_regular(const char *path, char **cause);

/* Reads the whole regular file at path into *data (the caller frees it;
 * a NUL follows the bytes) and *length. Returns 0, or -1 with *cause
 * (caller frees) naming the file. */
int file_read(const char *path, char **data, size_t *length, char **cause);

#endif
