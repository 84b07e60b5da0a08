/* The document model: issue -> sections -> articles -> blocks.
 *
 * An Issue is built by issue_parse() from an issue's text and is read-only
 * afterwards. Sections, articles and blocks are plain structs owned by the
 * Issue: pointers returned by the accessors stay valid until issue_free().
 * All text in the model is valid UTF-8 in NFC with no control characters
 * (see text_clean()). */
#ifndef SHUZHI_ISSUE_H
#define SHUZHI_ISSUE_H

#include <stddef.h>

typedef struct Issue Issue;

typedef enum BlockKind {
	BLOCK_PARAGRAPH,
	BLOCK_HEADING,	/* a heading inside an article, e.g. "一、总体要求" */
	BLOCK_SOURCE,	/* the article's source line, e.g. "来源:新华社" */
} BlockKind;

typedef struct Block {
	BlockKind	 kind;
	int		 page;		/* printed page where the block starts; 0 = before page 1 */
	int		 last_page;	/* printed page where it ends: > page when it runs across a page break */
	int		 line;		/* 1-based line in the issue's text where it starts */
	const char	*text;		/* one line of text: no newlines */
	size_t		 length;	/* strlen(text) */
	size_t		 offset;	/* byte offset of text within article_text() */
} Block;

typedef struct Article {
	const char	*id;		/* "1.1" ... "2.11"; "0" for the front matter */
	const char	*title;		/* the title as the printed contents give it */
	const char	*source;	/* the source line ("来源:新华社"), or NULL */
	int		 page;		/* printed page where its text begins */
	int		 last_page;	/* printed page of its last block */
	int		 line;		/* 1-based line of its first block in the text */
	int		 section;	/* index into the sections, -1 for front matter */
	size_t		 index;		/* its own position in issue_article() order */
	const Block	*blocks;
	size_t		 nblocks;
	const char	*text;		/* all blocks joined by "\n"; see Block.offset */
	size_t		 text_length;
} Article;

typedef struct Section {
	const char	*id;		/* "1", "2" */
	const char	*title;		/* "国家部署" */
	const char	*subtitle;	/* "数字经济发展规划顶层设计", or NULL */
	int		 first_page;	/* as printed in the contents ("01/114") */
	int		 last_page;
	size_t		 first_article;	/* index of its first article */
	size_t		 narticles;
} Section;

/* Parses an issue's text (any bytes: invalid UTF-8 and control characters
 * are cleaned). name is used in messages (usually the file name).
 * Returns 0 and sets *out (the caller frees with issue_free), or -1 with a
 * one-line message in *cause (the caller frees) when the text holds no issue. */
int issue_parse(const char *data, size_t len, const char *name, Issue **out, char **cause);

/* Reads a file and parses it. Returns 0 or -1 with *cause set (caller frees). */
int issue_load(const char *path, Issue **out, char **cause);

void issue_free(Issue *issue);

/* The issue's name as given to issue_parse (file name). Owned by the issue. */
const char *issue_name(const Issue *issue);
/* The magazine title line, e.g. "《数志》2022年第2期". Owned by the issue. */
const char *issue_title(const Issue *issue);
/* The issue number ("总第十二期" -> 12), or 0 when unknown. */
int issue_number(const Issue *issue);
/* The date line, e.g. "2022年第2期", or "" when unknown. Owned by the issue. */
const char *issue_date(const Issue *issue);
/* The last printed page number, 0 when the text has no page numbers. */
int issue_page_count(const Issue *issue);

size_t issue_section_count(const Issue *issue);
const Section *issue_section(const Issue *issue, size_t i);

/* Articles in reading order: the front matter ("0") first, then 1.1 ... */
size_t issue_article_count(const Issue *issue);
const Article *issue_article(const Issue *issue, size_t i);
/* Returns the article with this ID, or NULL. */
const Article *issue_find_article(const Issue *issue, const char *id);

/* Returns the index of the block of article a that holds byte offset of
 * its text (the last block for an offset past the end). */
size_t article_block_at(const Article *a, size_t offset);

#endif
