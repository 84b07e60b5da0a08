/* Internal to the parser: a line of the cleaned text. */
#ifndef SHUZHI_PARSE_H
#define SHUZHI_PARSE_H

#endif
