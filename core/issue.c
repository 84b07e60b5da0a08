/* The document model: storage and accessors. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "issue.h"
#include "issue_build.h"
#include "xalloc.h"

/* An article while it is built: the public view plus owned storage. */
typedef struct ArticleSlot {
	Article	 view;
	Block	*blocks;
	size_t	 nblocks;
	size_t	 size;
} ArticleSlot;

struct Issue {
	char		*name;
	char		*title;
	char		*date;
	int		 number;
	int		 pages;
	Section		*sections;
	size_t		 nsections;
	ArticleSlot	*articles;
	size_t		 narticles;
};

/* Returns a new empty issue; free with issue_free. */
Issue *
issue_new(const char *name)
{
	Issue *issue = xcalloc(1, sizeof *issue);

	issue->name = xstrdup(name);
	issue->title = xstrdup("");
	issue->date = xstrdup("");
	return issue;
}

/* Sets what the front matter says of the issue. */
void
issue_set_front(Issue *issue, const char *title, const char *date, int number)
{
	free(issue->title);
	free(issue->date);
	issue->title = xstrdup(title);
	issue->date = xstrdup(date);
	issue->number = number;
}

/* Sets the last printed page number. */
void
issue_set_page_count(Issue *issue, int pages)
{
	issue->pages = pages;
}

/* Adds a section; returns its index. */
size_t
issue_add_section(Issue *issue, const char *id, const char *title, const char *subtitle,
    int first_page, int last_page)
{
	Section *s;

	issue->sections = xreallocarray(issue->sections, issue->nsections + 1, sizeof *s);
	s = &issue->sections[issue->nsections];
	memset(s, 0, sizeof *s);
	s->id = xstrdup(id);
	s->title = xstrdup(title);
	s->subtitle = subtitle != NULL ? xstrdup(subtitle) : NULL;
	s->first_page = first_page;
	s->last_page = last_page;
	return issue->nsections++;
}

/* Adds an article to a section (-1: front matter); returns its index. */
size_t
issue_add_article(Issue *issue, const char *id, const char *title, int section)
{
	ArticleSlot *slot;

	issue->articles = xreallocarray(issue->articles, issue->narticles + 1, sizeof *slot);
	slot = &issue->articles[issue->narticles];
	memset(slot, 0, sizeof *slot);
	slot->view.id = xstrdup(id);
	slot->view.title = xstrdup(title);
	slot->view.section = section;
	slot->view.index = issue->narticles;
	return issue->narticles++;
}

/* Sets the source line of article i. */
void
issue_set_source(Issue *issue, size_t i, const char *source)
{
	ArticleSlot *slot = &issue->articles[i];

	free((char *)slot->view.source);
	slot->view.source = xstrdup(source);
}

/* Appends a block of len bytes to article i, printed from page to last_page. */
void
issue_add_block(Issue *issue, size_t i, BlockKind kind, int page, int last_page, int line,
    const char *text, size_t len)
{
	ArticleSlot *slot = &issue->articles[i];
	Block *b;

	if (slot->nblocks == slot->size) {
		slot->size = slot->size ? slot->size * 2 : 16;
		slot->blocks = xreallocarray(slot->blocks, slot->size, sizeof *b);
	}
	b = &slot->blocks[slot->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->page = page;
	b->last_page = last_page > page ? last_page : page;
	b->line = line;
	b->text = xstrndup(text, len);
	b->length = len;
}

/* Joins each article's blocks into its text and fixes pages and offsets. */
void
issue_finish(Issue *issue)
{
	size_t i, j;

	for (i = 0; i < issue->narticles; i++) {
		ArticleSlot *slot = &issue->articles[i];
		Buffer text = { 0 };

		for (j = 0; j < slot->nblocks; j++) {
			Block *b = &slot->blocks[j];

			if (j > 0)
				buffer_append(&text, "\n", 1);
			b->offset = text.len;
			buffer_append(&text, b->text, b->length);
		}
		free((char *)slot->view.text);
		slot->view.text_length = text.len;
		slot->view.text = buffer_take(&text);
		slot->view.blocks = slot->blocks;
		slot->view.nblocks = slot->nblocks;
		if (slot->nblocks > 0) {
			slot->view.page = slot->blocks[0].page;
			slot->view.line = slot->blocks[0].line;
			slot->view.last_page = slot->blocks[slot->nblocks - 1].last_page;
		}
	}
	for (i = 0; i < issue->nsections; i++) {
		Section *s = &issue->sections[i];

		s->narticles = 0;
		for (j = 0; j < issue->narticles; j++) {
			if (issue->articles[j].view.section != (int)i)
				continue;
			if (s->narticles++ == 0)
				s->first_article = j;
		}
	}
}

/* Frees the issue and everything it owns. */
void
issue_free(Issue *issue)
{
	size_t i, j;

	if (issue == NULL)
		return;
	for (i = 0; i < issue->nsections; i++) {
		free((char *)issue->sections[i].id);
		free((char *)issue->sections[i].title);
		free((char *)issue->sections[i].subtitle);
	}
	for (i = 0; i < issue->narticles; i++) {
		ArticleSlot *slot = &issue->articles[i];

		for (j = 0; j < slot->nblocks; j++)
			free((char *)slot->blocks[j].text);
		free(slot->blocks);
		free((char *)slot->view.id);
		free((char *)slot->view.title);
		free((char *)slot->view.source);
		free((char *)slot->view.text);
	}
	free(issue->sections);
	free(issue->articles);
	free(issue->name);
	free(issue->title);
	free(issue->date);
	free(issue);
}

/* The issue's name (file name); owned by the issue. */
const char *
issue_name(const Issue *issue)
{
	return issue->name;
}

/* The magazine title line; owned by the issue. */
const char *
issue_title(const Issue *issue)
{
	return issue->title;
}

/* The issue number, 0 when unknown. */
int
issue_number(const Issue *issue)
{
	return issue->number;
}

/* The date line; owned by the issue. */
const char *
issue_date(const Issue *issue)
{
	return issue->date;
}

/* The last printed page number. */
int
issue_page_count(const Issue *issue)
{
	return issue->pages;
}

size_t
issue_section_count(const Issue *issue)
{
	return issue->nsections;
}

const Section *
issue_section(const Issue *issue, size_t i)
{
	return i < issue->nsections ? &issue->sections[i] : NULL;
}

size_t
issue_article_count(const Issue *issue)
{
	return issue->narticles;
}

const Article *
issue_article(const Issue *issue, size_t i)
{
	return i < issue->narticles ? &issue->articles[i].view : NULL;
}

/* Returns the article with this ID, or NULL. */
const Article *
issue_find_article(const Issue *issue, const char *id)
{
	size_t i;

	for (i = 0; i < issue->narticles; i++)
		if (strcmp(issue->articles[i].view.id, id) == 0)
			return &issue->articles[i].view;
	return NULL;
}

/* Returns the index of the block holding byte offset of the article's text. */
size_t
article_block_at(const Article *a, size_t offset)
{
	size_t lo = 0, hi = a->nblocks;

	if (a->nblocks == 0)
		return 0;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (a->blocks[mid].offset <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}
