/* The command line's printed output: --toc, --article, --page, --search. */
#ifndef SHUZHI_CLI_H
#define SHUZHI_CLI_H

#endif
