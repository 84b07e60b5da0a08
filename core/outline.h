/* An article's outline: its headings as a tree, found by the numbering the
 * documents use (一、 / (一) / 1. / (1), 第N章 / 第N节 / 第N条) and by the
 * un-numbered headings the parser marks (a full text's own title, the
 * headings of a news story), with the printed page and the block each one
 * starts at. See README, "Outline and citations". */
#ifndef SHUZHI_OUTLINE_H
#define SHUZHI_OUTLINE_H

#include <stddef.h>

#include "issue.h"

/* What numbers a heading, from the outermost to the innermost. */
typedef enum OutlineKind {
	OUTLINE_TITLE,		/* an un-numbered heading: a root */
	OUTLINE_PART,		/* 第一编 */
	OUTLINE_CHAPTER,	/* 第一章 */
	OUTLINE_SECTION,	/* 第一节 */
	OUTLINE_CLAUSE,		/* 第一条: an article of a law, the smallest unit */
	OUTLINE_HAN,		/* 一、 */
	OUTLINE_HAN_PAREN,	/* (一) */
	OUTLINE_ARABIC,		/* 1. 1、 */
	OUTLINE_ARABIC_PAREN,	/* (1) */
	OUTLINE_NONE,		/* not numbered */
} OutlineKind;

#define OUTLINE_NO_ENTRY ((size_t)-1)

typedef struct OutlineEntry {
	OutlineKind	 kind;
	int		 depth;		/* 0: a root title; 1, 2 ... the nesting below */
	int		 number;	/* the numbering's value (十二 -> 12), 0 for a title */
	size_t		 parent;	/* index of the entry it falls under, or OUTLINE_NO_ENTRY */
	int		 page;		/* printed page of its block (0: unknown) */
	size_t		 block;		/* index of the block it starts at */
	size_t		 offset;	/* that block's offset in the article's text */
	const char	*text;		/* the heading: a heading block's text, or a
					 * numbered paragraph's run-in title */
} OutlineEntry;

typedef struct Outline Outline;

/* Builds the outline of an article (which must outlive it). Returns an
 * outline the caller frees with outline_free; never NULL. */
Outline *outline_build(const Article *article);
void outline_free(Outline *outline);

/* Returns the number of entries; outline_entry(i) one of them (owned by
 * the outline), or NULL past the end. Entries are in the text's order. */
size_t outline_count(const Outline *outline);
const OutlineEntry *outline_entry(const Outline *outline, size_t i);

/* Returns the entry the text at byte offset of the article's text falls
 * under (the last one starting at or before it), or OUTLINE_NO_ENTRY. */
size_t outline_at(const Outline *outline, size_t offset);

/* Classifies the numbering that opens text (len bytes, UTF-8): returns
 * its kind (OUTLINE_NONE when there is none) and sets *marker to the bytes
 * of the number with its punctuation and the spaces after it. */
OutlineKind outline_numbering(const char *text, size_t len, size_t *marker);

/* Returns the value of the first number in text (len bytes): Chinese
 * numerals ("二十六" -> 26, "一百零八" -> 108) or ASCII digits; 0 when
 * there is none. */
int outline_number_value(const char *text, size_t len);

#endif
