/* shuzhi: a terminal reader for the magazine 《数志》. */
#include "config.h"

#include <stdio.h>

int
main(int argc, char **argv)
{
	(void)argc; (void)argv;
	puts("shuzhi " PACKAGE_VERSION);
	return 0;
}
