/* The command line's printed output. */
#include "config.h"

#include "cli.h"
