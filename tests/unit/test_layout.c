/* Unit tests of the text layout: widths, graphemes, Chinese line breaking,
 * and articles as screen lines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "issue.h"
#include "issue_build.h"
#include "layout.h"
#include "tap.h"
#include "xalloc.h"

/* Characters that must never start a line. */
static const char *const no_start[] = {
	",", ".", ":", ";", "?", "!", ")", "]", "%",
	"。", "、", "，", "．", "：", "；", "？", "！", "）", "》", "」", "』", "】",
	"〕", "〉", "”", "’", "·", NULL
};
/* Characters that must never end a line. */
static const char *const no_end[] = {
	"(", "[", "（", "《", "「", "『", "【", "〔", "〈", "“", "‘", NULL
};

/* Returns non-zero when s[0, len) starts with one of the strings. */
static int
starts_with_any(const char *s, size_t len, const char *const *set)
{
	size_t i;

	for (i = 0; set[i] != NULL; i++) {
		size_t n = strlen(set[i]);

		if (n <= len && memcmp(s, set[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Returns non-zero when s[0, len) ends with one of the strings. */
static int
ends_with_any(const char *s, size_t len, const char *const *set)
{
	size_t i;

	for (i = 0; set[i] != NULL; i++) {
		size_t n = strlen(set[i]);

		if (n <= len && memcmp(s + len - n, set[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Returns a map of the grapheme boundaries of text (the caller frees). */
static char *
grapheme_starts(const char *text, size_t len)
{
	char *map = xcalloc(len + 1, 1);
	size_t i = 0;

	while (i < len) {
		map[i] = 1;
		i += layout_grapheme(text + i, len - i, NULL);
	}
	map[len] = 1;
	return map;
}

/* Checks every rule on text wrapped at width; returns a description of the
 * first broken rule (static text) or NULL. */
static const char *
check_wrap(const char *text, int width)
{
	size_t len = strlen(text), n, i, pos = 0;
	char *starts = grapheme_starts(text, len);
	LayoutLine *lines;
	const char *broken = NULL;

	n = layout_wrap(text, len, width, &lines);
	for (i = 0; i < n && broken == NULL; i++) {
		const LayoutLine *l = &lines[i];
		const char *s = text + l->start;
		size_t slen = l->end - l->start;

		while (pos < l->start && text[pos] == ' ')
			pos++;
		if (l->start != pos)
			broken = "lines do not cover the text";
		else if (!starts[l->start] || !starts[l->end])
			broken = "a grapheme is split";
		else if (l->width > width && layout_grapheme(s, slen, NULL) != slen)
			broken = "line wider than the width";
		else if (l->width != layout_width(s, slen))
			broken = "wrong line width";
		else if (i > 0 && starts_with_any(s, slen, no_start))
			broken = "line starts with closing punctuation";
		else if (i + 1 < n && ends_with_any(s, slen, no_end))
			broken = "line ends with opening punctuation";
		pos = l->end;
	}
	if (broken == NULL && strspn(text + lines[n - 1].end, " ") != len - lines[n - 1].end)
		broken = "last line does not end the text";
	if (broken != NULL)
		diag("width %d, line %zu of %zu: %s", width, i, n, broken);
	free(starts);
	free(lines);
	return broken;
}

/* Returns s as a pointer (is_str compares pointers with NULL). */
static const char *
as_str(const char *s)
{
	return s;
}

/* Returns the number of lines and the text of line i in buf. */
static size_t
wrap_line(const char *text, int width, size_t i, char *buf, size_t size)
{
	LayoutLine *lines;
	size_t n = layout_wrap(text, strlen(text), width, &lines);

	buf[0] = '\0';
	if (i < n)
		snprintf(buf, size, "%.*s", (int)(lines[i].end - lines[i].start),
		    text + lines[i].start);
	free(lines);
	return n;
}

/* Widths in display columns. */
static void
test_widths(void)
{
	is_int(layout_width("中文", strlen("中文")), 4, "CJK characters are 2 columns");
	is_int(layout_width("abc", 3), 3, "ASCII is 1 column");
	is_int(layout_width("“”", strlen("“”")), 2, "ambiguous quotes are narrow in UTF-8");
	is_int(layout_width("e\xcc\x81", 3), 1, "combining accent takes no column");
	is_int(layout_width("，", strlen("，")), 2, "fullwidth comma is 2 columns");
}

/* Graphemes are never split. */
static void
test_graphemes(void)
{
	const char *decomposed = "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81";
	const char *flags = "🇨🇳🇨🇳🇨🇳";
	char buf[64];
	int w;

	is_int(layout_grapheme(decomposed, strlen(decomposed), &w), 3, "e + accent is one grapheme");
	is_int(w, 1, "its width is 1");
	is_int(layout_grapheme(flags, strlen(flags), NULL), 8, "a flag is one grapheme");
	is_int(layout_grapheme("👨‍👩‍👧x", strlen("👨‍👩‍👧x"), NULL), strlen("👨‍👩‍👧"),
	    "an emoji ZWJ sequence is one grapheme");
	ok(check_wrap("中文“十四五 ”时期,“ 数字”经济", 8) == NULL, "spaces inside quotes do not strand them");
	ok(check_wrap(decomposed, 1) == NULL, "decomposed accents wrap at width 1");
	wrap_line(decomposed, 1, 1, buf, sizeof buf);
	is_str(as_str(buf), "e\xcc\x81", "each line holds e with its accent");
	is_int(wrap_line(flags, 2, 0, buf, sizeof buf), 3, "three flags in width 2: three lines");
	is_str(as_str(buf), "🇨🇳", "a flag stays whole");
	is_int(wrap_line("中文", 1, 0, buf, sizeof buf), 2, "a wide character wider than the width gets its own line");
	is_int(layout_fit("中文字", strlen("中文字"), 5, &w), 6, "fit: two wide characters in 5 columns");
	is_int(w, 4, "fit: they take 4 columns");
}

/* Plain wrapping by width. */
static void
test_basic(void)
{
	LayoutLine *lines;
	char buf[128];
	size_t n;

	n = layout_wrap("", 0, 10, &lines);
	is_int(n, 1, "empty text gives one line");
	is_int(lines[0].end, 0, "the empty line is empty");
	free(lines);
	n = layout_wrap("中国人民共和国", strlen("中国人民共和国"), 0, &lines);
	is_int(n, 1, "width 0: one line");
	free(lines);
	is_int(wrap_line("hello world foo", 11, 0, buf, sizeof buf), 2, "words wrap");
	is_str(as_str(buf), "hello world", "first line fills the width");
	wrap_line("hello world foo", 11, 1, buf, sizeof buf);
	is_str(as_str(buf), "foo", "the space at the break is dropped");
	is_int(wrap_line("中国人民共和国", 6, 0, buf, sizeof buf), 3, "CJK breaks between characters");
	is_str(as_str(buf), "中国人", "three wide characters in 6 columns");
	is_int(wrap_line("第一行\n第二行", 0, 1, buf, sizeof buf), 2, "newlines end lines");
	is_str(as_str(buf), "第二行", "the second line after the newline");
	ok(check_wrap("https://www.example.org/very/long/path/name.html", 10) == NULL,
	    "a long URL is cut to the width");
}

/* What libunistring does for Chinese punctuation, and what is fixed. */
static void
test_chinese_rules(void)
{
	static const char *const samples[] = {
		"数字经济,数据要素。政务服务、移动端(APP)建设:加快推进;是否?",
		"国务院印发《“十四五”数字经济发展规划》,明确“数字中国”建设目标。",
		"他说:“数字经济是未来。”随后又说“好”。",
		"规划“好”的纲要,“十四五”时期(2021-2025年)。",
		"来源:新江苏·中国江苏网  作者:黄红芳",
		"一、总体要求(一)指导思想。以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届历次全会精神……",
		"支持IPv6、5G、“互联网+”等新型基础设施——建设。",
		"(1)加强组织领导。(2)强化资金保障,“专项资金”。",
		"‘单引号’内的“文字”,以及「直角引号」和『双直角』。",
		NULL
	};
	char buf[256];
	size_t i;
	int w, failed = 0;

	for (i = 0; samples[i] != NULL; i++)
		for (w = 6; w <= 40; w++)
			if (check_wrap(samples[i], w) != NULL)
				failed++;
	is_int(failed, 0, "sample sentences keep every rule at widths 6-40");
	/* ASCII , ) : inside Chinese text are handled by libunistring. */
	wrap_line("数字经济,数据", 8, 0, buf, sizeof buf);
	is_str(as_str(buf), "数字经", "ASCII comma is not pushed to the next line (moved back)");
	wrap_line("(APP)建设", 4, 1, buf, sizeof buf);
	ok(buf[0] != ')', "ASCII closing parenthesis does not start a line");
	/* QU fix: libunistring alone would not break 规划“好”的纲要 at all
	 * before 纲; Unicode 15.1 breaks before “ and after ” here. */
	wrap_line("规划“好”的纲要", 5, 0, buf, sizeof buf);
	is_str(as_str(buf), "规划", "a break before an opening quote after Chinese");
	wrap_line("数字“好”的纲要", 8, 1, buf, sizeof buf);
	is_str(as_str(buf), "的纲要", "a break after a closing quote before Chinese");
	wrap_line("他说“好”,对", 9, 1, buf, sizeof buf);
	ok(strncmp(buf, ",", 1) != 0, "no break between a closing quote and a comma");
	wrap_line("新江苏·中国", 6, 1, buf, sizeof buf);
	ok(strncmp(buf, "·", strlen("·")) != 0, "the middle dot does not start a line");
	wrap_line("新江苏·中国", 6, 0, buf, sizeof buf);
	is_str(as_str(buf), "新江", "the middle dot moves with the character before it");
}

/* Every line of the bundled issue's text keeps the rules at many widths. */
static void
test_corpus(void)
{
	FILE *f = fopen(TEST_ISSUE, "r");
	char line[8192];
	int failed = 0, lines = 0, w;

	if (!ok(f != NULL, "the bundled issue opens"))
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		lines++;
		for (w = 8; w <= 80; w += 2)
			if (check_wrap(line, w) != NULL && failed++ < 5)
				diag("  in: %s", line);
	}
	fclose(f);
	ok(lines > 3000, "read the issue's lines");
	is_int(failed, 0, "every line of the issue keeps the rules at widths 8-80");
}

/* Builds a small issue with one article. */
static Issue *
sample_issue(void)
{
	Issue *issue = issue_new("sample");
	size_t a;

	issue_add_section(issue, "1", "国家部署", NULL, 1, 10);
	a = issue_add_article(issue, "1.1", "国务院印发《“十四五”数字经济发展规划》", 0);
	issue_set_source(issue, a, "来源:新华社");
	issue_add_block(issue, a, BLOCK_SOURCE, 1, 1, 1, "来源:新华社", strlen("来源:新华社"));
	issue_add_block(issue, a, BLOCK_PARAGRAPH, 1, 1, 2, "第一段文字,很长很长很长。", strlen("第一段文字,很长很长很长。"));
	issue_add_block(issue, a, BLOCK_HEADING, 2, 2, 3, "一、总体要求", strlen("一、总体要求"));
	issue_add_block(issue, a, BLOCK_PARAGRAPH, 2, 2, 4, "第二段。", strlen("第二段。"));
	issue_finish(issue);
	return issue;
}

/* Articles as screen lines: title, source under it, blocks, places. */
static void
test_article_layout(void)
{
	Issue *issue = sample_issue();
	const Article *a = issue_article(issue, 0);
	ArticleLayout *layout = article_layout_new(a, 12);
	const ArticleLine *l;
	size_t n = article_layout_count(layout), i, heading = 0;
	int blanks = 0, sources = 0;

	l = article_layout_line(layout, 0);
	is_int(l->kind, ARTICLE_LINE_TITLE, "the first line is the title");
	ok(!l->in_text && l->offset == 0, "the title shows the article's start");
	for (i = 0; i < n; i++) {
		l = article_layout_line(layout, i);
		if (l->kind == ARTICLE_LINE_SOURCE)
			sources++;
		if (l->kind == ARTICLE_LINE_BLANK)
			blanks++;
		if (l->kind == ARTICLE_LINE_HEADING)
			heading = i;
		ok(l->width <= 12, "line %zu fits 12 columns", i);
	}
	is_int(sources, 1, "the source line is shown once, under the title");
	for (i = 0; article_layout_line(layout, i)->kind == ARTICLE_LINE_TITLE; i++)
		continue;
	ok(i > 1, "the title takes several lines at width 12");
	is_int(article_layout_line(layout, i)->kind, ARTICLE_LINE_SOURCE,
	    "the source follows the title's lines");
	is_int(blanks, 3, "a blank line before each shown block");
	ok(heading > 0, "the heading is laid out as a heading");
	l = article_layout_line(layout, heading);
	is_int(l->page, 2, "lines know their printed page");
	is_int(article_layout_find(layout, 0), 0, "offset 0 is the title");
	is_int(article_layout_find(layout, a->blocks[2].offset), heading, "a block's offset finds its first line");
	is_int(article_layout_find(layout, a->blocks[2].offset + 3), heading, "an offset inside finds its line");
	is_int(article_layout_find(layout, article_layout_line(layout, heading - 1)->offset), heading - 1,
	    "a blank line's place finds the blank line");
	for (i = 0; i < n; i++)
		if (article_layout_find(layout, article_layout_line(layout, i)->offset) != i &&
		    article_layout_line(layout, i)->in_text)
			break;
	is_int(i, n, "every text line's place finds the line itself");
	ok(article_layout_line(layout, n) == NULL, "no line past the end");
	article_layout_free(layout);
	layout = article_layout_new(a, 0);
	is_int(article_layout_count(layout), 1 + 1 + 3 * 2, "width 0: a line per block");
	article_layout_free(layout);
	issue_free(issue);
}

/* Builds an issue whose one article is a heading and a paragraph of about
 * n bytes: Chinese with its punctuation, quotes with spaces around them,
 * Latin words and numbers, so that every rule of line breaking meets the
 * edges of the windows a long paragraph is wrapped in. */
static Issue *
long_issue(size_t n, Buffer *text)
{
	static const char *const pieces[] = {
		"数据要素市场化配置改革,", "“十四五 ”时期", "(一)", "IPv6 and 5G networks ",
		"新江苏·中国", "——", "2022年", "……", "《规划》。", "“数字经济”", " ", "eÌ",
	};
	Issue *issue = issue_new("long");
	size_t a, i = 0;

	while (text->len < n)
		buffer_puts(text, pieces[(i++ * 7) % (sizeof pieces / sizeof pieces[0])]);
	issue_add_section(issue, "1", "国家部署", NULL, 1, 10);
	a = issue_add_article(issue, "1.1", "一篇很长的文章", 0);
	issue_add_block(issue, a, BLOCK_HEADING, 1, 1, 1, "一、总体要求", strlen("一、总体要求"));
	issue_add_block(issue, a, BLOCK_PARAGRAPH, 1, 2, 2, text->data, text->len);
	issue_finish(issue);
	return issue;
}

/* A long paragraph is laid out lazily, a window of it at a time, into
 * the same lines as wrapping it whole. */
static void
test_lazy_layout(void)
{
	Buffer text = { 0 };
	Issue *issue = long_issue(400000, &text);
	const Article *a = issue_article(issue, 0);
	const Block *b = &a->blocks[1];
	size_t n, i, j, first, made, mid, wrong = 0;
	const ArticleLine *next;
	LayoutLine *whole;
	int widths[] = { 7, 40, 78 }, k;

	for (k = 0; k < 3; k++) {
		ArticleLayout *layout = article_layout_new(a, widths[k]);
		const ArticleLine *l = article_layout_line(layout, 20);

		made = article_layout_extent(layout, 0);
		ok(l != NULL && made < 21 + 256, "width %d: line 20 made %zu lines, not the article's",
		    widths[k], made);
		mid = b->offset + b->length / 2;
		i = article_layout_find(layout, mid);
		l = article_layout_line(layout, i);
		next = article_layout_line(layout, i + 1);
		ok(l->offset <= mid && next != NULL && next->offset > mid,
		    "width %d: the middle of the paragraph is found", widths[k]);
		ok(article_layout_extent(layout, 0) < article_layout_count(layout),
		    "  without laying out the rest");
		n = layout_wrap(b->text, b->length, widths[k], &whole);
		/* The paragraph's lines: after the title, the blank and heading
		 * lines, and the blank line before it. */
		for (first = 0; article_layout_line(layout, first)->offset < b->offset ||
		    article_layout_line(layout, first)->kind != ARTICLE_LINE_PARAGRAPH; first++)
			;
		is_int(article_layout_count(layout) - first, n,
		    "width %d: as many lines as wrapping the paragraph whole (%zu)", widths[k], n);
		for (j = 0, wrong = 0; j < n && first + j < article_layout_count(layout); j++) {
			l = article_layout_line(layout, first + j);
			if (l->start - b->offset != whole[j].start || l->end - b->offset != whole[j].end ||
			    l->width != whole[j].width)
				wrong++;
		}
		is_int(wrong, 0, "width %d: every line the same", widths[k]);
		free(whole);
		article_layout_free(layout);
	}
	buffer_free(&text);
	issue_free(issue);
}

/* Checks layout_fit: whole graphemes up to the width, a grapheme that
 * ends exactly at the width included. */
static void
test_fit(void)
{
	const char *s = "\xe6\x95\xb0\xe6\x8d\xae\xe8\xa6\x81";	/* 数据要, 6 columns */
	int used = -1;

	is_int((int)layout_fit(s, strlen(s), 4, &used), 6, "fit: two wide characters fill 4 columns");
	is_int(used, 4, "fit: 4 columns used of 4");
	is_int((int)layout_fit(s, strlen(s), 3, &used), 3, "fit: one wide character in 3 columns");
	is_int(used, 2, "fit: 2 columns used of 3");
	is_int((int)layout_fit("abc", 3, 3, &used), 3, "fit: three narrow characters fill 3 columns");
	is_int((int)layout_fit(s, strlen(s), 1, &used), 0, "fit: no wide character in 1 column");
}

int
main(void)
{
	test_widths();
	test_fit();
	test_graphemes();
	test_basic();
	test_chinese_rules();
	test_corpus();
	test_article_layout();
	test_lazy_layout();
	return done_testing();
}
