/* Tests of citations: Chinese numerals, cited titles, citation lines and
 * passages on the bundled issue, the clip file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "citation.h"
#include "issue.h"
#include "tap.h"
#include "xalloc.h"

static const struct {
	int n;
	const char *han;
} numbers[] = {
	{ 1, "一" }, { 10, "十" }, { 12, "十二" }, { 20, "二十" }, { 99, "九十九" },
	{ 100, "一百" }, { 108, "一百零八" }, { 110, "一百一十" }, { 1001, "一千零一" },
	{ 2022, "二千零二十二" }, { 0, "0" }, { -3, "-3" },
};

static const struct {
	const char *title;
	const char *cited;
} titles[] = {
	{ "《江苏省公共数据管理办法》(省政府令第148号)", "《江苏省公共数据管理办法》" },
	{ "《互联网信息服务算法推荐管理规定》3月1日起正式施行",
	    "《〈互联网信息服务算法推荐管理规定〉3月1日起正式施行》" },
	{ "中共中央 国务院印发《国家标准化发展纲要》", "《中共中央 国务院印发〈国家标准化发展纲要〉》" },
	{ "数字经济成多地政策发力点", "《数字经济成多地政策发力点》" },
	{ "《规划》", "《规划》" },
};

/* Tests the numerals and the titles. */
static void
test_pieces(void)
{
	size_t i;
	char *s;

	for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		s = citation_han_number(numbers[i].n);
		is_str(s, numbers[i].han, "%d in Chinese numerals", numbers[i].n);
		free(s);
	}
	for (i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		s = citation_title(titles[i].title);
		is_str(s, titles[i].cited, "title '%s' as cited", titles[i].title);
		free(s);
	}
}

/* Tests that each paragraph the parser joined across a page break cites
 * its page range, alone and as the last of a passage. */
static void
test_spanning(const Issue *issue)
{
	size_t i, j, spanning = 0, right = 0, ordered = 0, far = 0;

	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		for (j = 0; j < a->nblocks; j++) {
			const Block *b = &a->blocks[j];
			char *alone, *passage, *want;

			if (b->last_page <= b->page)
				continue;
			spanning++;
			/* A page break carries a paragraph onto the next page; a
			 * sentence left open mid-page is completed by a box up
			 * to two pages on (README, Reading order). */
			ordered += b->page > 0 && b->last_page <= b->page + 2;
			far += b->last_page == b->page + 2;
			want = xasprintf(",第%d-%d页,", b->page, b->last_page);
			alone = citation_passage(issue, a, j, j);
			passage = citation_passage(issue, a, j > 0 ? j - 1 : 0, j);
			right += strstr(alone, want) != NULL && strstr(passage, want) != NULL;
			free(alone);
			free(passage);
			free(want);
		}
	}
	/* The issue's text has such paragraphs in most long articles. */
	ok(spanning >= 10, "paragraphs joined across a page break: %zu", spanning);
	is_int((long)right, (long)spanning, "each cites its page range, alone or with the one before");
	is_int((long)ordered, (long)spanning, "each runs onto the next page, or two on");
	is_int((long)far, 1, "  two on only for 1.15's 技术创|新, completed two pages on");
}

/* Tests passages of the bundled issue with their citation lines. */
static void
test_passages(const Issue *issue)
{
	const Article *a = issue_find_article(issue, "2.7"), *b = issue_find_article(issue, "1.3");
	char *s, *want;
	size_t last;

	s = citation_line(issue, a, 154, 154);
	is_str(s, "——《数志》2022年第2期(总第十二期),第154页,《江苏省公共数据管理办法》",
	    "the citation line of 2.7 on p. 154");
	free(s);
	s = citation_passage(issue, a, 0, 0);
	want = xasprintf("%s\n——《数志》2022年第2期(总第十二期),第154页,《江苏省公共数据管理办法》",
	    a->blocks[0].text);
	is_str(s, want, "a paragraph of 2.7: its text, then the citation line");
	ok(strchr(s, '\r') == NULL && strstr(s, "\n\n") == NULL, "one paragraph: no blank line");
	free(want);
	free(s);

	/* Across a page break: the range, blank lines between paragraphs. */
	for (last = 1; last < b->nblocks && b->blocks[last].page == b->blocks[1].page; last++)
		;
	s = citation_passage(issue, b, 1, last);
	want = xasprintf(",第%d-%d页,《中共中央 国务院印发〈国家标准化发展纲要〉》", b->blocks[1].page,
	    b->blocks[last].page);
	ok(strstr(s, want) != NULL, "paragraphs over a page break cite the page range");
	ok(strstr(s, b->blocks[1].text) == s && strstr(s, "\n\n") != NULL,
	    "they start with the first paragraph, a blank line between them");
	free(want);
	free(s);

	/* One paragraph run across a page break cites both pages. */
	test_spanning(issue);

	/* Past the end: clamped to the last block. */
	s = citation_passage(issue, a, a->nblocks - 1, a->nblocks + 10);
	ok(strstr(s, a->blocks[a->nblocks - 1].text) == s, "a range past the end stops at the end");
	free(s);
}

/* Tests the clip file: written whole, a final line break, a new folder made. */
static void
test_clip(void)
{
	char dir[] = "/tmp/shuzhi-clip-XXXXXX", *sub, *path, *cause = NULL, buf[64] = { 0 };
	const char *text = buf;
	FILE *f;
	size_t n = 0;

	if (!ok(mkdtemp(dir) != NULL, "a scratch folder"))
		return;
	sub = xasprintf("%s/state/shuzhi", dir);
	path = xasprintf("%s/clip", sub);
	ok(citation_write_clip(sub, "第一段\n\n第二段", &cause) == 0, "the clip file is written");
	ok(citation_write_clip(sub, "引文", &cause) == 0, "and written again");
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	is_str(text, "引文\n", "it holds the last copy and a line break (%zu bytes)", n);
	ok(citation_write_clip(NULL, "x", &cause) == -1 && cause != NULL, "no state folder: an error");
	free(cause);
	unlink(path);
	rmdir(sub);
	free(sub);
	sub = xasprintf("%s/state", dir);
	rmdir(sub);
	rmdir(dir);
	free(sub);
	free(path);
}

int
main(void)
{
	Issue *issue = NULL;
	char *cause = NULL;

	test_pieces();
	test_clip();
	if (!ok(issue_load(TEST_ISSUE, &issue, &cause) == 0, "the bundled issue loads")) {
		diag("%s", cause);
		free(cause);
		return done_testing();
	}
	test_passages(issue);
	issue_free(issue);
	return done_testing();
}
