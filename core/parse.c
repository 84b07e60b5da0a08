/* Parsing an issue's text into the model (stub; being written). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "issue.h"
#include "issue_build.h"
#include "parse.h"
#include "text.h"
#include "xalloc.h"

/* Parses an issue's text. */
int
issue_parse(const char *data, size_t len, const char *name, Issue **out, char **cause)
{
	(void)data; (void)len;
	*out = NULL;
	if (cause != NULL)
		*cause = xasprintf("%s: not parsed yet", name);
	return -1;
}

/* Reads a file and parses it. */
int
issue_load(const char *path, Issue **out, char **cause)
{
	return issue_parse("", 0, path, out, cause);
}
