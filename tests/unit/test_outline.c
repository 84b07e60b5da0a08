/* Tests of the outline: the numbering it reads, and the outline of every
 * article of the bundled issue against the documents' own numbering. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "issue.h"
#include "outline.h"
#include "tap.h"
#include "xalloc.h"

/* Numbering at the start of a line: the kind and the marker's bytes. */
static const struct {
	const char *text;
	OutlineKind kind;
	const char *marker;
} numberings[] = {
	{ "一、总体要求", OUTLINE_HAN, "一、" },
	{ "十二、保障措施", OUTLINE_HAN, "十二、" },
	{ "(一)指导思想。以……", OUTLINE_HAN_PAREN, "(一)" },
	{ "(二十六)深化", OUTLINE_HAN_PAREN, "(二十六)" },
	{ "七)推进产业优化升级。", OUTLINE_HAN_PAREN, "七)" },
	{ "1.基础设施体系基本形成。", OUTLINE_ARABIC, "1." },
	{ "2. 农业农村绿色发展标准。", OUTLINE_ARABIC, "2. " },
	{ "3、加强", OUTLINE_ARABIC, "3、" },
	{ "(1)建设", OUTLINE_ARABIC_PAREN, "(1)" },
	{ "第八条 当事人申报", OUTLINE_CLAUSE, "第八条 " },
	{ "第二十三条 本办法", OUTLINE_CLAUSE, "第二十三条 " },
	{ "第一章 总则", OUTLINE_CHAPTER, "第一章 " },
	{ "第二节 审查", OUTLINE_SECTION, "第二节 " },
	{ "第 148 号", OUTLINE_NONE, "" },
	{ "1.5倍以上", OUTLINE_NONE, "" },
	{ "2022年", OUTLINE_NONE, "" },
	{ "一、", OUTLINE_NONE, "" },
	{ "一是加快", OUTLINE_NONE, "" },
	{ "(一", OUTLINE_NONE, "" },
	{ "十二", OUTLINE_NONE, "" },
	{ "", OUTLINE_NONE, "" },
	{ "\xff\xfe", OUTLINE_NONE, "" },
};

static const struct {
	const char *text;
	int value;
} values[] = {
	{ "一", 1 }, { "十", 10 }, { "十二", 12 }, { "二十", 20 }, { "二十六", 26 },
	{ "三十五", 35 }, { "一百零八", 108 }, { "两千", 2000 }, { "148", 148 },
	{ "(十一)", 11 }, { "第二十三条", 23 }, { "无", 0 },
};

/* Tests the numbering classifier and the numbers' values. */
static void
test_numbering(void)
{
	size_t i, marker;

	for (i = 0; i < sizeof numberings / sizeof numberings[0]; i++) {
		const char *t = numberings[i].text;
		OutlineKind kind = outline_numbering(t, strlen(t), &marker);

		is_int(kind, numberings[i].kind, "numbering of '%s'", t);
		is_int(marker, strlen(numberings[i].marker), "marker of '%s'", t);
	}
	for (i = 0; i < sizeof values / sizeof values[0]; i++)
		is_int(outline_number_value(values[i].text, strlen(values[i].text)), values[i].value,
		    "value of '%s'", values[i].text);
}

/* Returns non-zero when the outline's tree is well formed: entries in the
 * text's order at their blocks' pages; roots are titles at depth 0; every
 * other entry one deeper than its parent, an earlier entry of an outer
 * kind (or of its own, for a list restarted inside it); outline_at finds
 * each entry at its own offset. */
static int
outline_well_formed(const Article *a, const Outline *o, char *why, size_t size)
{
	size_t i;

	for (i = 0; i < outline_count(o); i++) {
		const OutlineEntry *e = outline_entry(o, i), *p;
		int parent_depth = 0;

		if (e->block >= a->nblocks || e->offset != a->blocks[e->block].offset ||
		    e->page != a->blocks[e->block].page)
			return snprintf(why, size, "entry %zu: not at its block", i), 0;
		if (i > 0 && e->block <= outline_entry(o, i - 1)->block)
			return snprintf(why, size, "entry %zu: out of the text's order", i), 0;
		if ((e->kind == OUTLINE_TITLE) != (e->depth == 0))
			return snprintf(why, size, "entry %zu: depth %d for its kind", i, e->depth), 0;
		if (e->parent != OUTLINE_NO_ENTRY) {
			if (e->parent >= i || (p = outline_entry(o, e->parent))->kind > e->kind)
				return snprintf(why, size, "entry %zu: parent %zu", i, e->parent), 0;
			parent_depth = p->depth;
		} else if (e->kind == OUTLINE_TITLE)
			parent_depth = -1;
		if (e->depth != parent_depth + 1)
			return snprintf(why, size, "entry %zu: depth %d under depth %d", i, e->depth,
			    parent_depth), 0;
		if (outline_at(o, e->offset) != i)
			return snprintf(why, size, "entry %zu: outline_at says %zu", i,
			    outline_at(o, e->offset)), 0;
		if (e->text == NULL || e->text[0] == '\0')
			return snprintf(why, size, "entry %zu: no text", i), 0;
	}
	return 1;
}

/* Returns non-zero when the outline follows the document's numbering:
 * headings of one kind under one parent number upwards (一、 before 二、,
 * (三) before (四)), and the printed pages never fall. */
static int
outline_in_order(const Outline *o, char *why, size_t size)
{
	size_t i, j;

	for (i = 1; i < outline_count(o); i++) {
		const OutlineEntry *e = outline_entry(o, i);

		if (e->page < outline_entry(o, i - 1)->page)
			return snprintf(why, size, "'%s' on p. %d after p. %d", e->text, e->page,
			    outline_entry(o, i - 1)->page), 0;
		for (j = i; j-- > 0;) {
			const OutlineEntry *before = outline_entry(o, j);

			if (before->parent != e->parent || before->kind != e->kind ||
			    e->kind == OUTLINE_TITLE)
				continue;
			if (before->number >= e->number)
				return snprintf(why, size, "'%s' after '%s'", e->text, before->text), 0;
			break;
		}
	}
	return 1;
}

/* Articles whose text the parser gives today with headings after their
 * text or paragraphs out of place across page breaks (the reading-order
 * issue): their order checks are TODO, reported but not failing. Once the
 * parser reads them in order they pass, the TAP driver calls that an
 * unexpected pass, and they leave this list. */
static const char reading_order_faults[] = " ";
/* The same for 1.3's items under their own 一、: 五、 and 八、 come before
 * items of the part above them ((十五), (二十八), (二十九)) printed in the
 * other column of their page. */
static const int standard_parents_fault = 0;

/* Returns non-zero when article id is in reading_order_faults. */
static int
known_reading_order_fault(const char *id)
{
	char key[64];

	snprintf(key, sizeof key, " %s ", id);
	return strstr(reading_order_faults, key) != NULL;
}

/* Reports a test, as TODO (a known fault: not counted as failing) when todo. */
static int
ok_todo(int pass, int todo, const char *what, const char *id)
{
	if (!todo)
		return ok(pass, "%s: %s", id, what);
	printf("%sok %d - %s: %s # TODO the parser's reading order\n", pass ? "" : "not ",
	    ++tap_count, id, what);
	return pass;
}

/* Tests the outline of every article. */
static void
test_every_article(const Issue *issue)
{
	size_t i;
	char why[512];

	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);
		Outline *o = outline_build(a);

		why[0] = '\0';
		if (!ok(outline_well_formed(a, o, why, sizeof why), "%s: the outline is a tree", a->id))
			diag("  %s", why);
		why[0] = '\0';
		if (!ok_todo(outline_in_order(o, why, sizeof why), known_reading_order_fault(a->id),
		    "headings in the numbering's order", a->id))
			diag("  %s", why);
		outline_free(o);
	}
}

/* Which 一、 each (N) of 1.3 (《国家标准化发展纲要》) falls under, read off
 * the document: (一)-(二) under 一、, (三)-(五) under 二、 ... */
static const int standard_last_item[] = { 2, 5, 10, 15, 21, 24, 29, 33, 35 };

/* Tests 1.3: 一、 to 九、 at depth 1 in order, each (N) at depth 2 under its own. */
static void
test_standardisation(const Issue *issue)
{
	const Article *a = issue_find_article(issue, "1.3");
	Outline *o = outline_build(a);
	size_t i, wrong_parent = 0, han = 0, items = 0;
	int want = 1;

	for (i = 0; i < outline_count(o); i++) {
		const OutlineEntry *e = outline_entry(o, i), *p;
		int under = 0;

		if (e->kind == OUTLINE_HAN) {
			if (!is_int(e->number, want, "1.3: '%s' is heading %d of depth 1", e->text, want))
				break;
			is_int(e->depth, 1, "1.3: '%s' at depth 1", e->text);
			want++;
			han++;
		} else if (e->kind == OUTLINE_HAN_PAREN) {
			items++;
			while (under < 9 && e->number > standard_last_item[under])
				under++;
			p = e->parent != OUTLINE_NO_ENTRY ? outline_entry(o, e->parent) : NULL;
			if (e->depth != 2 || p == NULL || p->number != under + 1) {
				if (wrong_parent++ == 0)
					diag("  '%s' under '%s', not heading %d", e->text,
					    p != NULL ? p->text : "nothing", under + 1);
			}
		}
	}
	is_int(han, 9, "1.3: nine headings 一、 to 九、");
	ok(items >= 30, "1.3: its (N) items are in the outline (%zu)", items);
	ok_todo(wrong_parent == 0, standard_parents_fault,
	    "every (N) at depth 2 under its own heading", "1.3");
	if (wrong_parent > 0)
		diag("  %zu under another heading", wrong_parent);
	outline_free(o);
}

/* Tests 1.12: the 第N条 of 《网络安全审查办法》 under its title, without the
 * items of its articles. */
static void
test_review_measures(const Issue *issue)
{
	const Article *a = issue_find_article(issue, "1.12");
	Outline *o = outline_build(a);
	size_t i, clauses = 0, items = 0;
	const OutlineEntry *title = NULL;

	for (i = 0; i < outline_count(o); i++) {
		const OutlineEntry *e = outline_entry(o, i);

		if (e->kind == OUTLINE_TITLE && strcmp(e->text, "网络安全审查办法") == 0)
			title = e;
		else if (e->kind == OUTLINE_CLAUSE) {
			clauses++;
			if (e->number != (int)clauses || e->depth != 1 ||
			    outline_entry(o, e->parent) != title) {
				ok(0, "1.12: '%s' is 第%zu条 at depth 1 under the title", e->text, clauses);
				break;
			}
		} else if (e->kind > OUTLINE_CLAUSE)
			items++;
	}
	ok(title != NULL, "1.12: its own title is a root");
	is_int(clauses, 23, "1.12: 第一条 to 第二十三条");
	is_int(items, 0, "1.12: the items inside its articles are not headings");
	outline_free(o);
}

/* Tests an article made by hand from lines: the kinds given to them, any
 * bytes, and lists restarted inside lists without end. */
static void
test_made_up(void)
{
	static const char *const odd[] = {
		"", "第", "(", "(十", "一、", "01", "\xff\xfe一、坏", "第一条", "1.", "1.5", "十二、",
		"(一)很长的第一句话超过了三十个字的限度所以它不是一个标题而是正文的开头部分。后文",
		"一、\xe4\xb8", "02", "标题", "01",
	};
	enum { NBLOCKS = 400 };
	Block *blocks = xcalloc(NBLOCKS, sizeof *blocks);
	Article a = { 0 };
	Outline *o;
	char why[512] = "", *texts[NBLOCKS];
	size_t i, offset = 0, nodd = sizeof odd / sizeof odd[0];
	int deepest = 0;

	for (i = 0; i < NBLOCKS; i++) {
		/* Odd lines first, then 二、 and 一、 by turns: each 一、 restarts a
		 * list inside the 二、 before it; (一) at the deepest of them. */
		texts[i] = i < nodd ? xstrdup(odd[i]) : i >= NBLOCKS - 9 ? xasprintf("(一)丙%zu", i) :
		    xasprintf("%s%zu", i % 2 ? "一、甲" : "二、乙", i);
		blocks[i].kind = i % 3 == 0 ? BLOCK_HEADING : BLOCK_PARAGRAPH;
		blocks[i].page = (int)(i / 10) + 1;
		blocks[i].text = texts[i];
		blocks[i].length = strlen(texts[i]);
		blocks[i].offset = offset;
		offset += blocks[i].length + 1;
	}
	a.id = "9.9";
	a.title = "made up";
	a.blocks = blocks;
	a.nblocks = NBLOCKS;
	o = outline_build(&a);
	if (!ok(outline_well_formed(&a, o, why, sizeof why), "made up: the outline is a tree"))
		diag("  %s", why);
	for (i = 0; i < outline_count(o); i++)
		if (outline_entry(o, i)->depth > deepest)
			deepest = outline_entry(o, i)->depth;
	ok(deepest > 2 && deepest <= 2 * OUTLINE_NONE, "made up: lists in lists nest, to a limit (%d)",
	    deepest);
	is_int(outline_at(o, 0), OUTLINE_NO_ENTRY, "made up: nothing before the first heading");
	outline_free(o);
	a.nblocks = 0;
	o = outline_build(&a);
	is_int(outline_count(o), 0, "an article without blocks has an empty outline");
	outline_free(o);
	for (i = 0; i < NBLOCKS; i++)
		free(texts[i]);
	free(blocks);
}

int
main(void)
{
	Issue *issue = NULL;
	char *cause = NULL;

	test_numbering();
	test_made_up();
	if (!ok(issue_load(TEST_ISSUE, &issue, &cause) == 0, "the bundled issue loads")) {
		diag("%s", cause);
		free(cause);
		return done_testing();
	}
	test_every_article(issue);
	test_standardisation(issue);
	test_review_measures(issue);
	issue_free(issue);
	return done_testing();
}
