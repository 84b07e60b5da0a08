/* Tests of the parser on the bundled issue and on issues derived from it. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "issue.h"
#include "parse.h"
#include "helpers.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/* What the printed contents and the body say: ID, page where the text
 * begins, contents title. Read off the issue by hand. */
static const struct {
	const char *id;
	int page;
	const char *title;
} expected[] = {
	{ "1.1", 1, "国务院印发《“十四五”数字经济发展规划》" },
	{ "1.2", 15, "国务院办公厅印发《全国一体化政务服务平台移动端建设指南》" },
	{ "1.3", 23, "中共中央 国务院印发《国家标准化发展纲要》" },
	{ "1.4", 32, "国家十部委印发《“十四五”推动高质量发展的国家标准体系建设规划》" },
	{ "1.5", 42, "中央网络安全和信息化委员会印发《提升全民数字素养与技能行动纲要》" },
	{ "1.6", 54, "中央网络安全和信息化委员会印发《“十四五”国家信息化规划》" },
	{ "1.7", 73, "《“十四五”软件和信息技术服务业发展规划》解读及全文" },
	{ "1.8", 78, "工信部印发《“十四五”信息化和工业化深度融合发展规划》" },
	{ "1.9", 88, "“十四五”信息通信行业发展规划解读及全文" },
	{ "1.10", 92, "《“十四五”智能制造发展规划》解读及全文" },
	{ "1.11", 96, "《“十四五”大数据产业发展规划》解读及全文" },
	{ "1.12", 99, "国家互联网信息办公室等十三部门修订发布《网络安全审查办法》" },
	{ "1.13", 102, "国家互联网信息办公室等四部门发布《互联网信息服务算法推荐管理规定》(附全文)" },
	{ "1.14", 103, "《互联网信息服务算法推荐管理规定》3月1日起正式施行" },
	{ "1.15", 107, "国务院国资委:中央企业加快建设世界一流财务管理体系" },
	{ "2.1", 115, "数字经济成多地政策发力点" },
	{ "2.2", 118, "江苏省“十四五”数字经济发展规划解读及全文" },
	{ "2.3", 120, "江苏省“十四五”数字政府建设规划" },
	{ "2.4", 141, "《江苏省“十四五”科技创新规划》解读及全文" },
	{ "2.5", 145, "江苏省制造业智能化改造和数字化转型三年行动计划(2022-2024年)" },
	{ "2.6", 149, "江苏省数字经济加速行动实施方案" },
	{ "2.7", 154, "《江苏省公共数据管理办法》(省政府令第148号)" },
	{ "2.8", 155, "数字经济怎么发展?江苏“工作计划”来了!" },
	{ "2.9", 157, "江苏壮大“数字尖兵”,锻造“人才苏军”" },
	{ "2.10", 159, "数字经济、金融科技大篇幅进驻各地“十四五”金融改革规划,多个探索方向被鼓励" },
	{ "2.11", 163, "31省市数字化转型路线图公布!(2022)" },
};
#define NEXPECTED (sizeof expected / sizeof expected[0])

/* Paragraphs cut by a page break: the words across the break, and the
 * article that must hold them in one block. */
static const struct {
	const char *id;
	const char *words;
} rejoined[] = {
	{ "1.1", "的共享、交换、协作和开放。加" },
	{ "1.1", "数字化转型需求迫切的环节入手" },
	{ "1.1", "规模化发展。探索发展跨越物理" },
	{ "1.1", "创新领域,避免低水平重复、同" },
	{ "1.5", ",五是激发数字创新活力,六是" },
	{ "1.5", "生活、对外高水平开放,为我国" },
	{ "1.5", "课程设置,建设高水平数字技能" },
	{ "1.6", "化、信息化、城镇化、农业现代" },
	{ "1.6", ",不断推动城市宽带网络向高速" },
	{ "1.7", "分片区对全国主要省份和代表性" },
	{ "1.7", "力。重点加强政产学协同攻关," },
	{ "1.8", "力,拉动企业提高融合度等级。" },
	{ "1.11", "育壮大大数据等新兴数字产业的" },
	{ "1.13", ",应当便利老年人安全使用算法" },
	{ "1.15", "增强,规范化、标准化明显提高" },
	{ "2.4", "给支撑产业链供应链自主可控和" },
	{ "2.6", "快构建区块链平台体系,建设一" },
};

/* Replaces *s by a copy with from replaced by to. */
static void
replace_in(char **s, const char *from, const char *to)
{
	char *next = replace_all(*s, from, to);

	free(*s);
	*s = next;
}

/* Returns a copy of s without quotes, book-title marks and spaces, for
 * comparing a title printed in the body with the contents' one. */
static char *
strip_marks(const char *s)
{
	static const char *const marks[] = { "《", "》", "“", "”", " ", "\"" };
	char *out = xstrdup(s);
	size_t i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		replace_in(&out, marks[i], "");
	return out;
}

/* Checks the contents: sections, articles, titles and pages. */
static void
check_contents(const Issue *issue, const char *what, const char *s1, const char *s2)
{
	size_t i;
	int titles = 0, pages = 0;

	is_int(issue_section_count(issue), 2, "%s: two sections", what);
	if (issue_section_count(issue) == 2) {
		is_str(issue_section(issue, 0)->title, s1, "%s: section 1 title", what);
		is_str(issue_section(issue, 1)->title, s2, "%s: section 2 title", what);
		is_int(issue_section(issue, 0)->first_page, 1, "%s: section 1 starts on page 1", what);
		is_int(issue_section(issue, 1)->first_page, 115, "%s: section 2 starts on page 115", what);
		is_int(issue_section(issue, 0)->narticles, 15, "%s: 15 articles in section 1", what);
		is_int(issue_section(issue, 1)->narticles, 11, "%s: 11 articles in section 2", what);
	}
	is_int(issue_page_count(issue), 174, "%s: 174 pages", what);
	for (i = 0; i < NEXPECTED; i++) {
		const Article *a = issue_find_article(issue, expected[i].id);

		if (a == NULL) {
			ok(0, "%s: article %s exists", what, expected[i].id);
			continue;
		}
		titles += strcmp(a->title, expected[i].title) == 0;
		pages += a->page == expected[i].page;
		if (a->page != expected[i].page)
			diag("%s: article %s begins on page %d, want %d", what, a->id, a->page, expected[i].page);
		if (strcmp(a->title, expected[i].title) != 0)
			diag("%s: article %s title '%s'", what, a->id, a->title);
	}
	is_int(titles, NEXPECTED, "%s: all 26 titles as the contents print them", what);
	is_int(pages, NEXPECTED, "%s: all 26 articles begin on the page their text begins", what);
}

/* Checks that no block holds page furniture. */
static void
check_no_furniture(const Issue *issue, const char *what, const char *const *heads, size_t nheads,
    const char *junk)
{
	size_t i, j, k, bad = 0, numbers = 0;

	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		if (strcmp(a->id, "0") == 0)
			continue;
		for (j = 0; j < a->nblocks; j++) {
			const char *t = a->blocks[j].text;
			char *end;
			long n = strtol(t, &end, 10);

			for (k = 0; k < nheads; k++)
				if (strcmp(t, heads[k]) == 0) {
					diag("%s: running head '%s' in %s", what, t, a->id);
					bad++;
				}
			if (strstr(t, junk) != NULL || strstr(t, "FLBOOK") != NULL
			    || strstr(t, "Copyright") != NULL || strstr(t, "内部资料") != NULL) {
				diag("%s: junk in %s: %.40s", what, a->id, t);
				bad++;
			}
			if (*end == '\0' && end != t) {
				/* Lone numbers: only the items 01-05 of 2.11 and the
				 * figure label 10 of page 26 are text. */
				numbers++;
				if (!(strcmp(a->id, "2.11") == 0 && n <= 5) && !(n == 10 && a->blocks[j].page == 26)) {
					diag("%s: lone number %s in %s p.%d", what, t, a->id, a->blocks[j].page);
					bad++;
				}
			}
		}
	}
	is_int(bad, 0, "%s: no running heads, template junk, page numbers or footer in articles", what);
	ok(numbers >= 5, "%s: 2.11's item numbers are kept as text (%zu lone numbers)", what, numbers);
}

/* Returns all titles and article texts, stripped of marks; caller frees. */
static char *
all_text(const Issue *issue)
{
	Buffer b = { 0 };
	size_t i;
	char *joined, *stripped;

	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *a = issue_article(issue, i);

		buffer_printf(&b, "%s\n%s\n", a->title, a->text);
	}
	joined = buffer_take(&b);
	stripped = strip_marks(joined);
	free(joined);
	return stripped;
}

/* Checks that every line of real text on pages 1-174 is in some article.
 * Page numbers and furniture are found here independently of the parser:
 * the numbers 1..174 in sequence, the known running heads. */
static void
check_nothing_lost(const Issue *issue, const char *data, size_t len)
{
	char *clean = text_clean(data, len, 1, NULL);
	char *haystack = all_text(issue);
	char *line, *save = NULL;

	/* A "?" that stood for a lost thin space is dropped (check_questions). */
	replace_in(&haystack, "?", "");
	int page = 1, in_body = 0, lost = 0, checked = 0;
	char previous[64] = "";

	for (line = strtok_r(clean, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *t = line, *stripped, *end;
		char *next;
		long n;

		while (*t == ' ')
			t++;
		for (end = t + strlen(t); end > t && end[-1] == ' '; end--)
			;
		*end = '\0';
		if (*t == '\0')
			continue;
		if (!in_body) {
			/* The body starts after the contents' last entry. */
			if (strncmp(t, "11、31省市", strlen("11、31省市")) == 0)
				in_body = 1;
			continue;
		}
		n = strtol(t, &next, 10);
		if (*next == '\0' && next != t) {
			if (n == page) {
				page++;
				continue;
			}
			if (page > 174 && n == 146)
				break;	/* the back cover */
		}
		if (strcmp(t, "做数字化转型领跑者") == 0 || strcmp(t, "国家部署") == 0
		    || strcmp(t, "地方行动") == 0 || strcmp(t, "|输入文案|") == 0
		    || strncmp(t, "FLBOOK", 6) == 0)
			continue;
		if ((strcmp(t, "01") == 0 || strcmp(t, "02") == 0) && next == t + 2) {
			/* A section number in a running head is followed by the
			 * section's name; look ahead. */
			const char *ahead = save;

			while (ahead != NULL && (*ahead == '\n' || *ahead == ' '))
				ahead++;
			if (ahead != NULL && (strncmp(ahead, "国家部署", strlen("国家部署")) == 0
			    || strncmp(ahead, "地方行动", strlen("地方行动")) == 0))
				continue;
		}
		checked++;
		stripped = strip_marks(t);
		replace_in(&stripped, "?", "");
		if (strstr(haystack, stripped) == NULL) {
			if (lost++ < 10)
				diag("lost from page %d: %.60s", page, t);
		}
		free(stripped);
		snprintf(previous, sizeof previous, "%s", t);
	}
	ok(checked > 1400, "checked %d lines of body text", checked);
	is_int(lost, 0, "every line of text on pages 1-174 is in some article");
	free(haystack);
	free(clean);
}

/* Returns the index of the first block of article id whose text starts
 * with prefix (or holds it, with anywhere), or -1. */
static long
block_of(const Issue *issue, const char *id, const char *prefix, int anywhere)
{
	const Article *a = issue_find_article(issue, id);
	size_t i;

	for (i = 0; a != NULL && i < a->nblocks; i++)
		if (anywhere ? strstr(a->blocks[i].text, prefix) != NULL
		    : strncmp(a->blocks[i].text, prefix, strlen(prefix)) == 0)
			return (long)i;
	return -1;
}

/* Returns how many blocks of article id start with prefix. */
static int
blocks_starting(const Issue *issue, const char *id, const char *prefix)
{
	const Article *a = issue_find_article(issue, id);
	size_t i;
	int n = 0;

	for (i = 0; a != NULL && i < a->nblocks; i++)
		n += strncmp(a->blocks[i].text, prefix, strlen(prefix)) == 0;
	return n;
}

/* Returns the value of a bracketed item "(十五)…" at s, or 0. */
static int
item_value(const char *s)
{
	static const char *const digits[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	int value = 0, unit = 0, d, found;

	if (strncmp(s, "(", 1) != 0)
		return 0;
	for (s++;;) {
		for (found = 0, d = 0; d < 9; d++)
			if (strncmp(s, digits[d], strlen(digits[d])) == 0) {
				unit = d + 1;
				s += strlen(digits[d]);
				found = 1;
			}
		if (found)
			continue;
		if (strncmp(s, "十", strlen("十")) != 0)
			break;
		value += (unit == 0 ? 1 : unit) * 10;
		unit = 0;
		s += strlen("十");
	}
	return strncmp(s, ")", 1) == 0 ? value + unit : 0;
}

/* Checks the reading order of the articles (README, "Reading order"):
 * headings before what they head, items in sequence, joins to the line
 * that completes the sentence, repeated boxes once, titles kept. */
static void
check_reading_order(const Issue *issue)
{
	const Article *art;
	size_t k, i, n;
	int inversions = 0;

	/* Numbering: "(N)" items rise, and start again at (一) only after a
	 * heading or an article "第N条". */
	for (k = 0; k < issue_article_count(issue); k++) {
		const Article *a = issue_article(issue, k);
		int last = 0, headed = 1;

		for (i = 0; i < a->nblocks; i++) {
			int v = item_value(a->blocks[i].text);

			if (v == 0) {
				if (a->blocks[i].kind == BLOCK_HEADING || strncmp(a->blocks[i].text, "第", strlen("第")) == 0
				    || strstr(a->blocks[i].text, "、") == a->blocks[i].text + 3)
					headed = 1;
				continue;
			}
			if (!(v > last || (v == 1 && headed))) {
				diag("%s: %.40s after (%d)", a->id, a->blocks[i].text, last);
				inversions++;
			}
			last = v;
			headed = 0;
		}
	}
	is_int(inversions, 0, "numbered items rise and restart only under a new heading");

	/* A list of numbered paragraphs (一、组织宣贯培训。面向…) right under
	 * a chapter heading (六、…落实?) is no second heading in a row: it
	 * stays where the extraction emitted it, under the question. */
	ok(block_of(issue, "1.11", "六、未来如何推动《规划》落实", 0) + 1 == block_of(issue, "1.11", "一、组织宣贯培训", 0),
	    "1.11: 六、's answers numbered 一、 follow it");

	/* p98: the extraction emitted 五、 before the last of 四、's answer
	 * (基于上述考虑,《规划》提出“发挥大数据特性优势”, which echoes
	 * 四、) and 六、 with its list before 五、's answer (国际格局…大数据
	 * 产业链, which echoes 五、). */
	ok(block_of(issue, "1.11", "基于上述考虑", 0) + 1 == block_of(issue, "1.11", "五、《规划》在构建", 0)
	    && block_of(issue, "1.11", "五、《规划》在构建", 0) + 1 == block_of(issue, "1.11", "国际格局的深刻调整", 0)
	    && block_of(issue, "1.11", "一是打造高端产品链", 0) + 1 == block_of(issue, "1.11", "六、未来如何推动", 0),
	    "1.11: each answer under the question it echoes");

	/* A heading emitted after the body it heads, on its page or above
	 * the next page's running head, is put back. */
	ok(block_of(issue, "1.15", "四、持续完善五大体系", 0) + 1 == block_of(issue, "1.15", "(一)完善纵横贯通", 0),
	    "1.15: 四、 before its (一), from the next page's top");
	ok(block_of(issue, "1.2", "(三)工作目标", 0) < block_of(issue, "1.2", "二、总体架构", 0)
	    && block_of(issue, "1.2", "二、总体架构", 0) + 1 == block_of(issue, "1.2", "(一)层级架构", 0),
	    "1.2: (三) of 一 stays under 一, 二、 heads its (一)");
	ok(block_of(issue, "1.3", "六、提升标准化对外开放", 0) + 1 == block_of(issue, "1.3", "(二十二)", 0)
	    && block_of(issue, "1.3", "七、推动标准化改革", 0) + 1 == block_of(issue, "1.3", "(二十五)", 0),
	    "1.3: headings printed after their items head them again");
	ok(block_of(issue, "1.3", "(十五)", 0) + 1 == block_of(issue, "1.3", "五、加快城乡建设", 0)
	    && block_of(issue, "1.3", "(二十九)", 0) + 1 == block_of(issue, "1.3", "八、夯实标准化", 0),
	    "1.3: an item emitted after later ones goes back after the one before it");
	ok(block_of(issue, "2.6", "14、", 0) + 1 == block_of(issue, "2.6", "15、", 0),
	    "2.6: 15、 emitted on the next page goes back after 14、");
	ok(block_of(issue, "1.14", "第一章 总 则", 0) + 1 == block_of(issue, "1.14", "第一条", 0),
	    "1.14: 第一章 before 第一条");
	ok(block_of(issue, "2.4", "一是重视程度前所未有", 0) + 1 == block_of(issue, "2.4", "二是挑战机遇前所未有", 0)
	    && block_of(issue, "2.4", "二是挑战机遇前所未有", 0) + 1 == block_of(issue, "2.4", "三是创新需求前所未有", 0)
	    && block_of(issue, "2.4", "三是创新需求前所未有", 0) + 1 == block_of(issue, "2.4", "二、准确把握", 0),
	    "2.4: 一是 二是 三是 in order (三是 was emitted first), then 二、");

	/* Joins: to the box that completes the sentence, not the first one. */
	ok(block_of(issue, "1.12", "中华人民共和国公安部、中华人民共和国国家安全部", 1) >= 0,
	    "1.12: the open line joins the line that completes it");
	ok(block_of(issue, "1.14", "算法推荐服务提供者应当立即停止提供相关服务", 1) >= 0,
	    "1.14: the open line joins the last box of the next page");
	ok(block_of(issue, "2.3", "推动政府部门业务整合重塑", 1) >= 0, "2.3: 业 + 务整合重塑 joined");
	ok(block_of(issue, "1.15", "流程和技术创新,从核算共享向多领域共享延伸", 1) >= 0
	    && block_of(issue, "1.15", "新,从核算共享", 0) < 0,
	    "1.15: a sentence left open mid-page joins the box two pages on that completes it");
	ok(block_of(issue, "2.3", "推广5G、北斗、物联网等新技术应用", 1) >= 0
	    && block_of(issue, "2.3", "联网等新技术应用", 0) < 0,
	    "2.3: and the box behind two others on the next page");
	ok(block_of(issue, "1.2", "协同服务各地区各部门", 1) < 0,
	    "1.2: a numbered heading without a full stop is joined to nothing");
	ok(block_of(issue, "1.8", "工业大数据支撑服务体系。", 1) >= 0 && block_of(issue, "1.8", "务体系。", 0) < 0,
	    "1.8: a line cut mid-word inside a box goes on with the next line");

	ok(block_of(issue, "1.6", "建设泛在智能的网络连接设施", 0) + 1 == block_of(issue, "1.6", "建设物联数通的新型感知", 0),
	    "1.6: 城市| is joined to 宽带网络…, not to the next paragraph of the list, which opens alike");

	/* Repeated boxes once. */
	is_int(blocks_starting(issue, "2.3", "深化数字乡村建设。"), 1, "2.3: a repeated paragraph once");
	is_int(blocks_starting(issue, "1.6", "三、主攻方向"), 1, "1.6: a repeated heading once");
	ok(block_of(issue, "2.4", "采用先进技术架构和统一标准规范", 1) < 0 && block_of(issue, "2.3", "采用先进技术架构和统一标准规范", 1) >= 0,
	    "2.4 no longer opens with a cut copy of a paragraph of 2.3");

	/* A document's own title stays, as a heading. */
	ok(block_of(issue, "1.1", "“十四五”数字经济发展规划", 0) >= 0
	    && issue_find_article(issue, "1.1")->blocks[block_of(issue, "1.1", "“十四五”数字经济发展规划", 0)].kind == BLOCK_HEADING
	    && block_of(issue, "1.1", "规划全文", 0) + 1 == block_of(issue, "1.1", "“十四五”数字经济发展规划", 0),
	    "1.1: the full text's title is a heading, after its banner");
	ok(block_of(issue, "1.2", "全国一体化政务服务平台移动端建设指南", 0) >= 0, "1.2: the full text's title kept");
	ok(block_of(issue, "1.5", "行动纲要全文", 0) + 1 == block_of(issue, "1.5", "提升全民数字素养与技能行动纲要", 0)
	    && block_of(issue, "1.5", "提升全民数字素养与技能行动纲要", 0) + 1 == block_of(issue, "1.5", "一、发展形势与重要意义", 0)
	    && block_of(issue, "1.5", "一、发展形势与重要意义", 0) + 1 == block_of(issue, "1.5", "数字素养与技能是数字社会", 0),
	    "1.5: banner, title, then the first chapter and its text, all emitted before the title");
	ok(block_of(issue, "1.4", "规划全文", 0) + 1 == block_of(issue, "1.4", "“十四五”推动高质量发展的国家标准体系建设规划", 0)
	    && block_of(issue, "1.4", "“十四五”推动高质量发展的国家标准体系建设规划", 0) + 1
	    == block_of(issue, "1.4", "标准是经济活动和社会发展的技术支撑", 0)
	    && block_of(issue, "1.4", "为落实《中华人民共和国国民经济", 0) + 1 == block_of(issue, "1.4", "一、总体要求", 0),
	    "1.4: the full text's title after its banner, before its preamble (both emitted after it)");

	/* A lone number beside a page number (p26's foot: "10" then "26") is
	 * no text: neither a heading nor a paragraph of its own. */
	art = issue_find_article(issue, "1.3");
	for (i = 0, n = 0; art != NULL && i < art->nblocks; i++)
		n += strcmp(art->blocks[i].text, "10") == 0;
	ok(art != NULL && n == 0, "1.3: the lone 10 beside page number 26 is no block of the article");

	/* A ? that stood for a lost thin space is gone, real ones stay. */
	ok(block_of(issue, "1.6", "大变局", 1) >= 0 && block_of(issue, "1.6", "内在要求", 1) >= 0
	    && block_of(issue, "1.6", "分类有序推进", 1) >= 0 && block_of(issue, "1.6", "?", 1) < 0,
	    "1.6: no stray ? left in words");
	ok(block_of(issue, "1.7", "存在哪些问题?《规划》", 1) >= 0, "1.7: a real question mark stays");
}

/* Returns text with a blank line put before the line that starts with
 * prefix (a box of its own from there on); the caller frees. */
static char *
box_from(const char *text, const char *prefix)
{
	char *needle = xasprintf("\n%s", prefix), *to = xasprintf("\n\n%s", prefix), *out;

	out = replace_all(text, needle, to);
	free(needle);
	free(to);
	return out;
}

/* Returns text with a blank line put before each line that starts with
 * one of the prefixes (a NULL-terminated list); the caller frees. */
static char *
boxes_from(const char *text, ...)
{
	char *out = xstrdup(text), *next;
	const char *prefix;
	va_list ap;

	va_start(ap, text);
	while ((prefix = va_arg(ap, const char *)) != NULL) {
		next = box_from(out, prefix);
		free(out);
		out = next;
	}
	va_end(ap);
	return out;
}

/* Returns text with the line that starts with prefix moved, as a box of
 * its own, before the line that starts with before (as the extraction
 * emits a heading after its items); the caller frees. */
static char *
move_box_before(const char *text, const char *prefix, const char *before)
{
	char *needle = xasprintf("\n%s", prefix), *line, *removed, *at_needle, *at, *boxed, *out;
	const char *start = strstr(text, needle), *eol;

	free(needle);
	if (start == NULL || (eol = strchr(start + 1, '\n')) == NULL)
		return xstrdup(text);
	line = xasprintf("%.*s", (int)(eol - start - 1), start + 1);
	removed = xasprintf("%.*s%s", (int)(start - text), text, eol);
	at_needle = xasprintf("\n%s", before);
	at = strstr(removed, at_needle);
	boxed = xasprintf("\n\n%s\n\n%s", line, before);
	out = at == NULL ? xstrdup(text) : replace_all(removed, at_needle, boxed);
	free(line);
	free(removed);
	free(at_needle);
	free(boxed);
	return out;
}

/* Returns text with the count lines from the one that starts with prefix
 * moved to stand right before the line that starts with before, in its
 * box (text again when either is missing); the caller frees. */
static char *
move_lines_before(const char *text, const char *prefix, int count, const char *before)
{
	char *needle = xasprintf("\n%s", prefix), *lines, *removed, *at_needle, *out;
	const char *start = strstr(text, needle), *end = start;
	int k;

	free(needle);
	for (k = 0; k < count && end != NULL; k++)
		end = strchr(end + 1, '\n');
	if (start == NULL || end == NULL)
		return xstrdup(text);
	lines = xasprintf("%.*s", (int)(end - start), start);
	removed = xasprintf("%.*s%s", (int)(start - text), text, end);
	at_needle = xasprintf("\n%s", before);
	needle = xasprintf("%s%s", lines, at_needle);
	out = strstr(removed, at_needle) == NULL ? xstrdup(text) : replace_all(removed, at_needle, needle);
	free(lines);
	free(removed);
	free(at_needle);
	free(needle);
	return out;
}

/* Fills eol[0, count) with the ends of the count lines from the one that
 * starts after the newline at line (NULL past the text, or all NULL
 * when line is). */
static void
line_ends(const char *line, const char **eol, int count)
{
	const char *at = line;
	int k;

	for (k = 0; k < count; k++)
		at = eol[k] = at == NULL ? NULL : strchr(at + 1, '\n');
}

/* Returns a copy of the line of text that starts with prefix, or NULL
 * when there is none; the caller frees. */
static char *
line_starting(const char *text, const char *prefix)
{
	char *needle = xasprintf("\n%s", prefix);
	const char *line = strstr(text, needle), *eol = line == NULL ? NULL : strchr(line + 1, '\n');

	free(needle);
	return eol == NULL ? NULL : xasprintf("%.*s", (int)(eol - line - 1), line + 1);
}

/* Returns the issue parsed from text (derived from the bundled issue),
 * or NULL with a diagnostic; the caller frees both, the issue first. */
static Issue *
derived_parse(const char *text, const char *what)
{
	Issue *issue = NULL;
	char *cause = NULL;

	if (issue_parse(text, strlen(text), what, &issue, &cause) != 0) {
		diag("%s: %s", what, cause);
		free(cause);
		return NULL;
	}
	return issue;
}

/* A line of text cut in two, as a page break cuts a paragraph: the whole
 * line, the part before the cut and the rest, each owned by the CutLine
 * (cut_line_free). */
typedef struct {
	char	*whole;
	char	*open;
	char	*rest;
} CutLine;

/* Cuts the line of text that holds needle before the first at that
 * follows needle in that line (a needle may open with the newline
 * before the line), into *cut; returns 0 (and *cut all NULL)
 * when either is not there. */
static int
cut_line(const char *text, const char *needle, const char *at, CutLine *cut)
{
	const char *line = strstr(text, needle), *eol, *rest;

	memset(cut, 0, sizeof *cut);
	if (line == NULL)
		return 0;
	if (*line == '\n')
		line++;
	rest = strstr(line, at);
	while (line > text && line[-1] != '\n')
		line--;
	if ((eol = strchr(line, '\n')) == NULL)
		eol = line + strlen(line);
	if (rest == NULL || rest >= eol)
		return 0;
	cut->whole = xasprintf("%.*s", (int)(eol - line), line);
	cut->open = xasprintf("%.*s", (int)(rest - line), line);
	cut->rest = xasprintf("%.*s", (int)(eol - rest), rest);
	return 1;
}

/* Frees what cut_line() put in *cut. */
static void
cut_line_free(CutLine *cut)
{
	free(cut->whole);
	free(cut->open);
	free(cut->rest);
}

/* Returns text with insert put right after the line that starts with
 * prefix (text again when there is none); the caller frees. */
static char *
insert_after_line(const char *text, const char *prefix, const char *insert)
{
	char *needle = xasprintf("\n%s", prefix);
	const char *line = strstr(text, needle), *eol = line == NULL ? NULL : strchr(line + 1, '\n');

	free(needle);
	if (eol == NULL)
		return xstrdup(text);
	return xasprintf("%.*s%s%s", (int)(eol - text), text, insert, eol);
}

/* Parses text (derived from the bundled issue; freed here) and says
 * whether a block of article id holds needle. */
static int
derived_holds(char *text, const char *what, const char *id, const char *needle)
{
	Issue *issue = derived_parse(text, what);
	int rc = issue != NULL && block_of(issue, id, needle, 1) >= 0;

	issue_free(issue);
	free(text);
	return rc;
}

/* Parses text (derived from the bundled issue by the caller, who frees
 * it) and says whether in article id the block starting with first is
 * followed by the one starting with second, the one starting with third
 * after that (NULL: not checked). */
static int
derived_order(char *text, const char *what, const char *id, const char *first, const char *second,
    const char *third)
{
	Issue *issue = derived_parse(text, what);
	long a, b, c;
	int rc = 0;

	if (issue != NULL) {
		a = block_of(issue, id, first, 0);
		b = block_of(issue, id, second, 0);
		c = third == NULL ? b + 1 : block_of(issue, id, third, 0);
		rc = a >= 0 && b == a + 1 && c == b + 1;
		if (!rc)
			diag("%s: blocks %ld %ld %ld", what, a, b, c);
		issue_free(issue);
	}
	free(text);
	return rc;
}

/* Parses data with old replaced by laid (a page laid out again; data
 * stays the caller's, old and laid are freed here) and says whether laid
 * is in it and whether in article id the blocks starting with first,
 * second and third follow each other (derived_order()). */
static int
laid_out_order(const char *data, char *old, char *laid, const char *what, const char *id,
    const char *first, const char *second, const char *third)
{
	char *text = replace_all(data, old, laid);
	int there = strstr(text, laid) != NULL;

	free(old);
	free(laid);
	return derived_order(text, what, id, first, second, third) && there;
}

/* Fills lines[0, n) with copies of the lines of text that start with
 * prefixes[0, n) (line_starting(); NULL where there is none) and says
 * whether all were found; the caller frees them (free_lines()). */
static int
lines_starting(const char *text, const char *const *prefixes, size_t n, char **lines)
{
	size_t k;
	int found = 1;

	for (k = 0; k < n; k++)
		found = (lines[k] = line_starting(text, prefixes[k])) != NULL && found;
	return found;
}

/* Frees lines[0, n). */
static void
free_lines(char **lines, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(lines[k]);
}

/* Checks, on pages of the bundled issue laid out again as the extraction
 * might have emitted them, where headings and numbered items go: a
 * heading after the items it heads (on a page of few boxes, where every
 * order is tried, and of many, where single moves are), and lists
 * numbered on across items. */
static void
check_derived_headings(const char *data)
{
	char *a, *b;

	/* 1.8 p82: (二) after its 1. and 2.: a list restarts only under a
	 * heading. Seven boxes. */
	a = boxes_from(data, "7. 服务化延伸\n", "2. 装备制造\n", "4. 电子信息\n", (char *)NULL);
	b = move_box_before(a, "(二)推进行业领域数字化转型", "3. 消费品\n"), free(a);
	a = box_from(b, "1. 原材料\n"), free(b);
	ok(derived_order(a, "derived-82", "1.8", "(二)推进行业领域数字化转型", "1. 原材料", NULL),
	    "a heading emitted after its items heads them again (a page of 7 boxes)");

	/* 1.8 p84: (四) after its 1. and 2.; eight boxes. */
	b = boxes_from(data, "2. 打造示范引领型骨干企业\n", "4. 发展专业化系统解决方", "(五)培育跨界融合新生态\n",
	    "1. 推动产业链供应链升级\n", (char *)NULL);
	a = move_box_before(b, "(四)激发企业主体新活力", "3. 壮大“专精特新”中小"), free(b);
	b = box_from(a, "1. 培育生态聚合型平台企"), free(a);
	ok(derived_order(b, "derived-84", "1.8", "(四)激发企业主体新活力", "1. 培育生态聚合型平台企", NULL),
	    "a heading emitted after its items heads them again (a page of 8 boxes)");

	/* 2.5 p147: 三、 emitted after its (一) and (二), which the extraction
	 * gave in one box with (九) and (十) of the chapter before: the box is
	 * cut where its numbering starts again. */
	a = replace_all(data, "\n\n三、保障措施\n\n(一)加强工作统筹", "\n(一)加强工作统筹");
	b = replace_all(a, "\n\n(八)工业互联网支撑工", "\n\n三、保障措施\n\n(八)工业互联网支撑工"), free(a);
	ok(derived_order(b, "derived-147", "2.5", "(十)优秀解决方案推广", "三、保障措施", "(一)加强工作统筹"),
	    "a heading emitted after its items goes back inside the box that holds them");

	/* 1.4 pp33-34 as one page, 二、 and its (一) emitted after the list
	 * they head (1. 2. 3.), with the next item (二): read before them,
	 * the list would number on across the chapter heading (3. 二、 (一)
	 * (二) 4.), which a list of 1. 2. never does; 3、 lists may. */
	a = replace_all(data, "\n\n二、建设重点领域国家标准体系\n\n(一)农业农村领域。\n1. 农业全产业链标准",
	    "\n\n1. 农业全产业链标准");
	b = replace_all(a, "\n\n34\n\n01\n\n国家部署\n\n2. 农业农村绿色发展标准", "\n2. 农业农村绿色发展标准"), free(a);
	a = replace_all(b, "\n(二)食品消费品领域。\n4. 食品安全和质量标准",
	    "\n\n(一)农业农村领域。\n\n(二)食品消费品领域。\n\n二、建设重点领域国家标准体系\n\n4. 食品安全和质量标准"), free(b);
	ok(derived_order(a, "derived-34", "1.4", "二、建设重点领域国家标准体系", "(一)农业农村领域。",
	    "1. 农业全产业链标准"),
	    "a list of 1. 2. does not number on across a chapter heading emitted after it");

	/* 1.2 p21: the attachments' list, 附件:1. and 2., as two boxes: a
	 * label before the list's 1. does not hide it. */
	a = replace_all(data, "移动端层级架构图\n", "移动端层级架构图\n\n");
	ok(derived_order(a, "derived-21", "1.2", "附件:1.全国一体化政务服务平台移动端层级架构图",
	    "2.全国一体化政务服务平台移动端技术架构图", NULL),
	    "a list whose 1. follows a label (附件:1.) reads in order");

	/* 1.8 p83: (三) emitted after its 3., above 3.'s paragraph: the
	 * paragraph stays with 3., (三) goes back before 1. */
	b = boxes_from(data, "2. 提升关键核心技术支撑能力\n", "3. 推动工业大数据创新发展\n", (char *)NULL);
	a = move_box_before(b, "(三)筑牢融合发展新基础", "加快工业数据汇聚"), free(b);
	ok(derived_order(xstrdup(a), "derived-83", "1.8", "3. 推动工业大数据创新发展", "加快工业数据汇聚", NULL)
	    && derived_order(a, "derived-83b", "1.8", "(三)筑牢融合发展新基础", "1. 建设新型信息基础设施", NULL),
	    "a heading emitted above the paragraph of its last item leaves it to that item");

	/* 1.2 p20 with p19's (一) and its 1.-3. moved onto it, and (二) emitted
	 * after its 2.: its lists start again at 1. under each item heading,
	 * so they do not number on across one, and (二) goes back before its
	 * 1. rather than (一) down after the first 4. */
	a = move_lines_before(data, "(一)不断优化个性化", 4, "4.开展适老化改造");
	b = move_box_before(a, "(二)不断丰富移动政务服务应用场景", "3.推广“一证通办”"), free(a);
	a = boxes_from(b, "(一)不断优化个性化", "1.建设用户专属服务空间", "2.推广“扫码亮证”", (char *)NULL), free(b);
	b = a;
	ok(derived_order(xstrdup(b), "derived-20", "1.2", "(一)不断优化个性化", "1.建设用户专属服务空间", NULL)
	    && derived_order(b, "derived-20b", "1.2", "(二)不断丰富移动政务服务应用场景", "1.推进集成套餐式服务", NULL),
	    "lists that start again under each item heading do not number on across one");

	/* The same with p20's number moved up after 2.推广“扫码亮证”, and (二)
	 * emitted after it, above p21's running head: a chapter's items
	 * come before any list of its own, so (一) stays first rather than
	 * going down after 4., and (二) goes back before its 1. */
	a = move_lines_before(data, "(一)不断优化个性化", 4, "4.开展适老化改造");
	b = replace_all(a, "\n(二)不断丰富移动政务服务应用场景。\n", "\n"), free(a);
	a = replace_all(b, "\n\n20\n\n01\n\n国家部署\n", "\n"), free(b);
	b = insert_after_line(a, "2.推广“扫码亮证”", "\n\n20\n\n(二)不断丰富移动政务服务应用场景。\n\n01\n\n国家部署\n"), free(a);
	a = boxes_from(b, "1.建设用户专属服务空间", "2.推广“扫码亮证”", (char *)NULL), free(b);
	ok(derived_order(xstrdup(a), "derived-20c", "1.2", "(一)不断优化个性化", "1.建设用户专属服务空间", NULL)
	    && derived_order(a, "derived-20d", "1.2", "(二)不断丰富移动政务服务应用场景", "1.推进集成套餐式服务", NULL),
	    "a chapter's items come before a list of its own");

	/* 1.4 p39 as bench/make-archive lays it out: p38 cut inside 30.
	 * (…节水标|准。), the rest emitted after (一), 三、 after (二), each
	 * heading and paragraph a box of its own. Orders that read (一) and
	 * (二) after 三、 cost alike and move as much; the one with (一)
	 * over the paragraph that echoes it (紧紧围绕…强制性国家标准) wins,
	 * not (一) (二) in a row. */
	a = replace_all(data, "等节水标准。开展工业固废", "等节水标\n\n38\n\n01\n\n国家部署\n\n准。开展工业固废");
	b = replace_all(a, "\n\n38\n\n01\n\n国家部署\n\n32. 碳达峰", "\n32. 碳达峰"), free(a);
	a = move_box_before(b, "准。开展工业固废", "紧紧围绕人身健康"), free(b);
	b = move_box_before(a, "三、优化国家标准供给体系", "加强推荐性国家标准顶层设计"), free(a);
	a = boxes_from(b, "(二)提升推荐性国家标准供给效率", "加强推荐性国家标准顶层设计", (char *)NULL), free(b);
	ok(derived_order(a, "derived-39", "1.4", "(一)优强制性国家标准", "紧紧围绕人身健康", "(二)提升推荐性国家标准"),
	    "of orders alike, a heading stands over the paragraph that echoes it");

	/* 1.2 p21 as bench/make-archive lays it out: (二) to (四) and their
	 * paragraphs as boxes of their own under a running head, 附件:1.
	 * in the box of (四)'s paragraph and 2. a box of its own. The caption
	 * 1.…架构图 ends in no full stop, but leaves no sentence open that
	 * (二)'s paragraph would carry on. */
	a = replace_all(data, "\n\n20\n\n01\n\n国家部署\n\n(三)健全评估评价机制。\n", "\n\n(三)健全评估评价机制。\n\n");
	b = replace_all(a, "\n(二)加强运营保障。\n各地区",
	    "\n\n20\n\n01\n\n国家部署\n\n(二)加强运营保障。\n\n做数字化转型领跑者\n\n各地区"), free(a);
	a = replace_all(b, "\n(四)提升安全保障能力。\n", "\n\n(四)提升安全保障能力。\n\n"), free(b);
	b = replace_all(a, "\n   2.全国一体化政务服务平台移动端技术架构图", "\n\n2.全国一体化政务服务平台移动端技术架构图"), free(a);
	ok(derived_order(b, "derived-21", "1.2", "(二)加强运营保障", "各地区和国务院有关部门要加强政务服务平台", NULL),
	    "a caption numbered as a list (附件:1.…架构图) leaves no sentence open");

	/* 2.3 p139 as bench/make-archive lays it out: p138 cut inside 3.'s
	 * paragraph (建立新技术|网络安全…), 1. emitted before the rest, (四)
	 * after 2.'s paragraph, every line a box. The attachments 2﹒ 3﹒ 4﹒
	 * (their 1﹒ lost) are another list than 1. 2.: read after 1. they
	 * are no reason to put (四) and 1. after 2. */
	a = replace_all(data, "\n\n139\n\n做数字化转型领跑者\n\n(三)健全安全防控体系。", "\n(三)健全安全防控体系。");
	b = replace_all(a, "建立新技术网络安全风险评估制度,深化",
	    "建立新技术\n\n139\n\n做数字化转型领跑者\n\n1.强化科学考评。\n\n网络安全风险评估制度,深化"), free(a);
	a = replace_all(b, "\n(四)强化科学考核评估。\n1.强化科学考评。\n", "\n\n"), free(b);
	b = replace_all(a, "\n   2﹒政务服务一件事", "\n\n(四)强化科学考核评估。\n\n   2﹒政务服务一件事"), free(a);
	a = boxes_from(b, "2.强化监督指导。", "组建数字政府建设专家委员会", "   3﹒社会治理", "   4﹒政务运行", (char *)NULL), free(b);
	ok(derived_order(a, "derived-139", "2.3", "(四)强化科学考核评估", "1.强化科学考评", "数字政府建设时间紧"),
	    "a list numbered in another style (2﹒ after 2.) is another list");

	/* 1.1 pp5-6 as bench/make-archive lays them out: 三、 emitted after
	 * p5's number, where p6's text begins; p6's running head printed
	 * below its first box, 四、's (一) (二) (三), and 四、 after it. Only
	 * the headings the next page opens with may belong to this page: the
	 * box of items after 三、 is p6's, whose 四、 heads it. */
	a = replace_all(data, "\n\n三、优化升级数字基础设施\n\n四、充分发挥数据要素作用\n\n", "\n\n");
	b = replace_all(a, "\n\n5\n\n做数字化转型领跑者\n\n协作和开放。", "协作和开放。"), free(a);
	a = replace_all(b, "\xc2\xa0 \xc2\xa0 (一)强化高质量数据要素",
	    "5\n\n三、优化升级数字基础设施\n\n(一)强化高质量数据要素"), free(b);
	b = replace_all(a, "\n\n(二)加快数据要素市场化流通", "\n(二)加快数据要素市场化流通"), free(a);
	a = replace_all(b, "\n\n(三)创新数据要素开发利用机", "\n(三)创新数据要素开发利用机"), free(b);
	b = insert_after_line(a, "(三)创新数据要素开发利用机", "\n\n做数字化转型领跑者\n\n四、充分发挥数据要素作用"), free(a);
	ok(derived_order(b, "derived-5b", "1.1", "三、优化升级数字基础设施", "(一)加快建设信息网络基础设施", NULL),
	    "a heading emitted after a page's number heads that page's items, not the next page's");

	/* 1.4 p34 as bench/make-archive lays it out: p33 cut inside 到2025年…
	 * (明显提|升), (一) emitted before the rest, 二、 after 3., p35 opening
	 * with (二). Read last, (一) would head nothing: the next item
	 * follows it. */
	a = replace_all(data, "\n\n33\n\n做数字化转型领跑者\n\n坚持质量效益", "\n坚持质量效益");
	b = replace_all(a, "供给和保障能力明显提升,国家标准体系的系统性",
	    "供给和保障能力明显提\n\n33\n\n做数字化转型领跑者\n\n(一)农业农村领域。\n\n升,国家标准体系的系统性"), free(a);
	a = replace_all(b, "\n\n二、建设重点领域国家标准体系\n\n(一)农业农村领域。\n1. 农业全产业链标准",
	    "\n\n1. 农业全产业链标准"), free(b);
	b = replace_all(a, "\n\n34\n\n01\n\n国家部署\n\n2. 农业农村绿色发展标准", "\n\n2. 农业农村绿色发展标准"), free(a);
	a = box_from(b, "3. 乡村治理标准。"), free(b);
	b = replace_all(a, "\n(二)食品消费品领域。\n4. 食品安全",
	    "\n\n二、建设重点领域国家标准体系\n\n34\n\n01\n\n国家部署\n\n(二)食品消费品领域。\n4. 食品安全"), free(a);
	ok(derived_order(b, "derived-34b", "1.4", "二、建设重点领域国家标准体系", "(一)农业农村领域。", "1. 农业全产业链标准"),
	    "an item heading is not read last on a page when the next item follows it");

	/* 1.4 p33: 二、 emitted last on its page, after (一) and its 1. as
	 * two boxes: (一) starts the items again with no chapter heading
	 * before it, so 二、 goes before it and 1. stays after it. */
	a = box_from(data, "1. 农业全产业链标准");
	b = move_box_before(a, "二、建设重点领域国家标准体系", "34\n\n01\n\n国家部署"), free(a);
	ok(derived_order(b, "derived-33", "1.4", "二、建设重点领域国家标准体系", "(一)农业农村领域。", "1. 农业全产业链标准"),
	    "a first item keeps its list when its chapter heading was emitted after both");

	/* 1.2 p19 with (一)不断优化… and its list 1.–3. emitted as boxes of
	 * their own, 四、 (their chapter heading) at the page's foot as the
	 * issue prints it, and p18's (三) read last: (一) starts the items
	 * again with no chapter heading read since (三), so it keeps its list,
	 * not left under (三) before (三)'s own text (基于自然人…). */
	a = boxes_from(data, "(一)不断优化个性化", "1.建设用户专属服务空间", (char *)NULL);
	{
		const char *item = strstr(a, "\n\n(一)不断优化个性化、智慧化服务功能。\n\n1.建设用户专属服务空间");
		const char *chapter = item == NULL ? NULL : strstr(item, "\n四、优化政务服务平台移动端服务功能");
		const char *number = item == NULL ? NULL : strstr(item, "\n19\n");
		int split = chapter != NULL && number != NULL && chapter < number;

		if (!split)
			diag("derived-19: (一) and 1. are no boxes of their own, or 四、 is not after them on p19");
		ok(derived_order(a, "derived-19", "1.2", "(一)不断优化个性化", "1.建设用户专属服务空间",
		    "2.优化搜索服务和智能客服") && split,
		    "a first item keeps its list when its chapter heading was emitted at the page's foot");
	}

	/* 2.3 p127 with 四、 emitted first, as it reads, and 五、 after the
	 * page's number, above p128's running head: 五、 goes back before its
	 * (一), which stays after 四、's items rather than moving up under 三、
	 * at no cost. */
	b = move_box_before(data, "四、打造数字政府主干应用平台", "(二)升级一体化在线监管平台");
	a = replace_all(b, "\n五、重构数字政府运行体系\n\n128\n\n02\n", "\n128\n\n五、重构数字政府运行体系\n\n02\n"), free(b);
	ok(derived_order(a, "derived-127", "2.3", "重构升级全省一体化在线监管", "五、重构数字政府运行体系",
	    "(一)升级一体化政务服务平台"),
	    "a chapter heading emitted a page late goes back before its first item");

	/* 1.7 p76: the last paragraph of 六、's answer (因此,《规划》将提升
	 * 软件价值…, which echoes 六、…“提升软件价值保障能力”) emitted after
	 * 七、, in a box of its own: it goes back above 七、. */
	a = move_box_before(data, "因此,《规划》将提升软件价值", "“软件定义”是新一轮");
	ok(derived_order(xstrdup(a), "derived-76", "1.7", "软件通过可编程的方式", "因此,《规划》将提升软件价值",
	    "七、《规划》提出“深化软件定义”"),
	    "an answer emitted after the next question goes back under the question it echoes");

	/* The same with 七、 in the box of 六、 and its answer: the answer
	 * cannot go back between them, and is moved nowhere else either (not
	 * above 六、, which it echoes, to the page's top). */
	b = replace_all(a, "\n\n七、《规划》提出“深化软件定义”", "\n七、《规划》提出“深化软件定义”"), free(a);
	ok(derived_order(b, "derived-76b", "1.7", "七、《规划》提出“深化软件定义”", "因此,《规划》将提升软件价值",
	    "“软件定义”是新一轮"),
	    "an answer is not moved above the question it echoes, emitted before it");

	/* 1.4 p36: 10. emitted before 9., in six boxes: the list numbers on
	 * across (四), which stays where it is; then a box per item (eight
	 * boxes, single moves tried): 10. goes back after 9. */
	b = boxes_from(data, "11.材料标准。", "(四)新一代信息技术产业", "12.新型信息基础设施标准。",
	    "13.强化基础软硬件标准。", (char *)NULL);
	a = move_box_before(b, "10. 高端装备标准。", "9. 绿色制造标准。");
	ok(derived_order(a, "derived-36", "1.4", "11.材料标准。", "(四)新一代信息技术产业", "12.新型信息基础设施标准。"),
	    "a list numbered on across items keeps its item headings in place");
	a = boxes_from(b, "14.网络安全标准。", "15.生物技术标准。", (char *)NULL), free(b);
	b = a;
	a = move_box_before(b, "10. 高端装备标准。", "9. 绿色制造标准。"), free(b);
	ok(derived_order(a, "derived-36b", "1.4", "9. 绿色制造标准。", "10. 高端装备标准。", "11.材料标准。"),
	    "an item emitted before the one it follows goes back after it (a page of 8 boxes)");
	/* 1.15 pp110-111 with (五)'s 加大“两非”… cut by the page break after
	 * 清理工作力度, its rest emitted in one box with (一) and (二) and their
	 * paragraphs, and 采用信息化… (the paragraph after (二)'s) emitted
	 * first on p111: the parser cuts that box where (一) starts the items
	 * again, but no text goes between its parts, one box of the
	 * extraction, so 采用信息化… goes after (二)'s paragraph. */
	{
		const char *line = strstr(data, "\n采用信息化、数字化手段");
		const char *eol = line == NULL ? NULL : strchr(line + 1, '\n');
		const char *top = "做数字化转型领跑者\n\n(一)完善纵横贯通";
		const char *what = "a box cut where its numbering starts again takes no text between its parts";
		CutLine cut;
		int laid;

		if (cut_line(data, "\n加大“两非”剥离", "加快亏损企业治理", &cut) && eol != NULL
		    && strstr(data, top) != NULL && strstr(data, "\n(三)完善智能前瞻") != NULL) {
			char *taken = xasprintf("%.*s", (int)(eol - line), line);
			char *moved = xasprintf("做数字化转型领跑者\n\n%s\n\n%s\n(一)完善纵横贯通", taken + 1, cut.rest);

			a = replace_all(data, cut.whole, cut.open);
			b = replace_all(a, taken, ""), free(a);
			a = replace_all(b, top, moved), free(b);
			b = replace_all(a, "\n(三)完善智能前瞻", "\n\n(三)完善智能前瞻"), free(a);
			laid = strstr(b, moved) != NULL;
			ok(derived_order(b, "derived-111", "1.15", "(二)完善全面有效的合规风控体系", "采用信息化、数字化手段",
			    "(三)完善智能前瞻") && laid, "%s", what);
			free(taken);
			free(moved);
		} else
			ok(0, "%s (1.15's 加大“两非”…, 采用信息化… or p111's top not found)", what);
		cut_line_free(&cut);
	}

	/* 1.8 p82 as the extraction may emit it, each line a box: (二)'s
	 * heading emitted after its item 1. 原材料 and after the start of
	 * 6.'s paragraph printed again, right above 1.'s paragraph, which the
	 * page break now cuts (the rest of p82 moved to p83). The heading is
	 * read with the paragraph below it as one box only while that costs
	 * no more: apart, it goes over 1., and the paragraph is carried on
	 * by its rest. */
	{
		const char *what = "a heading emitted right above the paragraph a page break cuts may not head it";
		const char *prefixes[] = { "6. 个性化定制", "面向消费者个性化需求", "7. 服务化延伸", "推动工业企业产品供应和服务",
			"1. 原材料", "(二)推进行业领域数字化转型", "面向石化化工、钢铁" };
		const char *foot = "\n\n82\n\n01\n\n国家部署\n\n";
		char *lines[7], *laid = NULL, *old = NULL;
		const char *start = strstr(data, "\n6. 个性化定制\n"), *end = start == NULL ? NULL : strstr(start, foot);
		const char *after = NULL, *stop, *cut;

		if (lines_starting(data, prefixes, 7, lines) && start != NULL && end != NULL) {
			after = strstr(start, lines[6]);
			stop = strstr(lines[1], "。");
			cut = strstr(lines[6], "务系统互联互通");
			if (after != NULL && after < end && stop != NULL && cut != NULL) {
				after += strlen(lines[6]) + 1;
				old = xasprintf("%.*s", (int)(end + strlen(foot) - start), start);
				laid = xasprintf("\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%.*s\n\n%s\n\n%.*s%s%s\n%.*s\n\n", lines[0],
				    lines[1], lines[2], lines[3], lines[4], (int)(stop + 3 - lines[1]), lines[1], lines[5],
				    (int)(cut - lines[6]), lines[6], foot, cut, (int)(end - after), after);
			}
		}
		if (laid != NULL)
			ok(laid_out_order(data, old, laid, "derived-82", "1.8", "(二)推进行业领域数字化转型", "1. 原材料",
			    "面向石化化工、钢铁"), "%s", what);
		else
			ok(0, "%s (1.8's p82 not found as it is printed)", what);
		free_lines(lines, 7);
	}

	/* 1.2 p18 as the extraction may emit it: 三、's text (各地区各部门…)
	 * and (一)统一标准规范。 emitted before the box that holds (二)'s last
	 * paragraphs with 三、 glued to its end. (一) does not head that box
	 * (read so, it stood under (二)): a box that holds a heading of a
	 * higher rank is no item's text. */
	{
		const char *what = "a lone item heading does not head a box that holds a chapter heading";
		const char *prefixes[] = { "(二)技术架构。", "全国一体化平台移动端技术架", "基础支撑层主要为政务服务平",
			"应用管理层部署移动政务服务", "服务提供层通过移动互联网应", "三、强化政务服务平台支撑能",
			"各地区各部门要充分发挥全国", "(一)统一标准规范。", "1.建设和接入标准。" };
		char *lines[9], *old, *laid;

		if (lines_starting(data, prefixes, 9, lines)) {
			old = xasprintf("\n%s\n%s\n%s\n%s\n%s\n\n%s\n\n%s\n%s\n%s\n", lines[0], lines[1], lines[2],
			    lines[3], lines[4], lines[5], lines[6], lines[7], lines[8]);
			laid = xasprintf("\n%s\n%s\n\n%s\n\n%s\n\n%s\n%s\n%s\n%s\n\n%s\n", lines[0], lines[1], lines[6],
			    lines[7], lines[2], lines[3], lines[4], lines[5], lines[8]);
			ok(laid_out_order(data, old, laid, "derived-18", "1.2", "三、强化政务服务平台支撑能力",
			    "各地区各部门要充分发挥全国", "(一)统一标准规范。"), "%s", what);
		} else
			ok(0, "%s (1.2's p18 not found as it is printed)", what);
		free_lines(lines, 9);
	}

	/* 1.2 p20 as the extraction may emit it: (二)不断丰富… and (三)积极运用…
	 * first, then 4.开展适老化改造。 with (二)'s items 1.-4. in its box (cut
	 * where the items start again), then (三)'s text. Between the two
	 * parts of that box one heading goes, the one over the items; a
	 * second heading of the same kind there would head nothing. */
	{
		const char *what = "between the parts of a box cut where its items start again, one heading of a kind";
		const char *four = strstr(data, "\n4.开展适老化改造。");
		const char *eol[8];

		line_ends(four, eol, 8);
		if (eol[7] != NULL && strncmp(eol[0], "\n(二)不断丰富移动政务服务", strlen("\n(二)不断丰富移动政务服务")) == 0
		    && strncmp(eol[5], "\n(三)积极运用新技术", strlen("\n(三)积极运用新技术")) == 0) {
			char *old = xasprintf("%.*s", (int)(eol[7] - four), four);
			char *laid = xasprintf("\n%.*s\n%.*s\n\n%.*s%.*s\n%.*s", (int)(eol[1] - eol[0] - 1), eol[0] + 1,
			    (int)(eol[6] - eol[5]), eol[5], (int)(eol[0] - four - 1), four + 1, (int)(eol[5] - eol[1]), eol[1],
			    (int)(eol[7] - eol[6]), eol[6]);

			ok(laid_out_order(data, old, laid, "derived-20", "1.2", "4.拓展便民服务应用", "(三)积极运用新技术",
			    "积极运用大数据、人工智能"), "%s", what);
		} else
			ok(0, "%s (1.2's 4.开展适老化改造。… not found)", what);
	}

	/* 1.2 pp15-16 with 坚持安全可控…, (三)工作目标。 and 2022年底前… moved
	 * to p15's foot, that paragraph cut there before 移动政务服务能力显著
	 * 提升, its rest emitted after (一)层级架构。, and p16's lines as boxes
	 * of their own (nine: single moves are tried), 二、 last as the issue
	 * prints it. Moving (一) down under 二、 puts the rest first too, in
	 * one move; moving 二、 up to (一) is nearer the extraction's order,
	 * and the two moved back as one reach it. */
	{
		const char *safe = strstr(data, "\n\n坚持安全可控。");
		const char *goal = safe == NULL ? NULL : strstr(safe, "\n2022年底前,各省");
		const char *goal_eol = goal == NULL ? NULL : strchr(goal + 1, '\n');
		const char *top = "国家部署\n\n(一)层级架构。\n";
		const char *what = "a heading emitted at the page's foot goes up to its item, not the item down to it";
		CutLine cut;
		int laid;

		if (goal_eol != NULL && strstr(data, "\n坚持创新驱动。充分发挥") != NULL
		    && cut_line(goal, "\n2022年底前,各省", "移动政务服务能力显著提升", &cut) && strstr(data, top) != NULL) {
			char *box = xasprintf("%.*s", (int)(goal_eol - safe), safe);
			char *foot = xasprintf("\n%.*s%s", (int)(goal - safe - 2), safe + 2, cut.open);
			char *moved = xasprintf("国家部署\n\n(一)层级架构。\n\n%s\n\n", cut.rest);

			a = replace_all(data, box, "");
			b = insert_after_line(a, "坚持创新驱动。充分发挥", foot), free(a);
			a = replace_all(b, top, moved), free(b);
			b = boxes_from(a, "1.国家政务服务平台和", "国家政务服务平台移动端是", "国务院部门应积极推进",
			    "2.省级政务服务平台移动端", "各省(自治区、直辖市)省级", (char *)NULL), free(a);
			laid = strstr(b, moved) != NULL && strstr(b, foot) != NULL;
			ok(derived_order(b, "derived-16", "1.2", "二、总体架构", "(一)层级架构。", "全国一体化平台移动端包括")
			    && laid, "%s", what);
			free(box);
			free(foot);
			free(moved);
		} else
			ok(0, "%s (1.2's 坚持安全可控…, 坚持创新驱动… or p16's top not found)", what);
		cut_line_free(&cut);
	}

}

/* Checks, on pages of the bundled issue laid out again as the extraction
 * might have emitted them, which box carries on a sentence a page break
 * cut. */
static void
check_derived_joins(const char *data)
{
	char *a, *b;
	Issue *issue;

	/* 1.8 p86: the rest of a paragraph cut at p85's foot emitted right
	 * after a lone item heading, which would otherwise head it. */
	a = move_box_before(data, "高融合度等级。", "完善工业互联网平台体系。");
	ok(derived_order(xstrdup(a), "derived-86", "1.8", "(三)工业互联网平台推广工程", "完善工业互联网平台体系。", NULL),
	    "an item heading emitted before a page's continuation keeps its own paragraph");
	ok(derived_holds(a, "derived-86", "1.8", "拉动企业提高融合度等级"),
	    "  and the continuation joins the paragraph left open");

	/* 1.8 p86: the continuation emitted after a box holding a line
	 * printed twice in a row: the page's boxes are still ordered
	 * together, the continuation first. */
	a = move_box_before(data, "高融合度等级。", "四)系统解决方案能力提升行动");
	{
		const char *line = strstr(a, "\n完善工业互联网平台体系。"), *eol = line == NULL ? NULL : strchr(line + 1, '\n');
		char *again = eol == NULL ? xstrdup("") : xasprintf("%.*s", (int)(eol - line), line);

		b = insert_after_line(a, "完善工业互联网平台体系。", again), free(a), free(again);
	}
	ok(derived_holds(b, "derived-86c", "1.8", "拉动企业提高融合度等级"),
	    "a line printed twice in a row does not cut a page's boxes in two");

	/* 1.8 p86 as four boxes that may carry p85's open sentence on, the
	 * first the real one, and a fifth (made up) whose run across the
	 * join, 企业提|升, the issue prints elsewhere: a short run far down the
	 * page is chance, not a continuation. */
	a = boxes_from(data, "完善工业互联网平台体系。", "打造系统解决方案资源池。", "制定和推广供应链数字化管理",
	    (char *)NULL);
	b = insert_after_line(a, "制定和推广供应链数字化管理", "\n\n升级服务能力,推动平台应用。"), free(a);
	ok(derived_holds(b, "derived-86d", "1.8", "拉动企业提高融合度等级"),
	    "a short run across a page break far down the page does not take the join");

	/* 1.11 p98 with a box (made up) emitted fourth on its page, after the
	 * real continuation of …对于保护数据, a question heading and a box of
	 * text, whose run across the join (保护数据|隐私) the issue prints
	 * elsewhere: the extraction emits a continuation past two boxes of
	 * text that may carry it on far less often than such a run turns up,
	 * so the first box keeps it. */
	a = insert_after_line(data, "基于上述考虑,《规划》提出“", "\n\n隐私,促进数据开发利用。");
	issue = derived_parse(a, "derived-98");
	ok(issue != NULL && block_of(issue, "1.11", "对于保护数据“时效性”价值", 1) >= 0
	    && block_of(issue, "1.11", "隐私,促进数据开发利用。", 0) >= 0,
	    "a box emitted fourth, after two boxes of text, does not take the join on a run the first box lacks");
	issue_free(issue);
	free(a);

	/* 1.9 p88-89 with 二是…'s paragraph cut by the page break after
	 * 短板和弱项, its rest (这也将是…) opening p89, and the cut line printed
	 * again cut short (…短板和弱) as a box further down: that copy shares
	 * every word of the open line, but a paragraph printed again is no
	 * continuation of itself. */
	{
		const char *what = "a cut paragraph printed again is not taken for its own continuation";
		const char *weak = NULL;
		CutLine cut;

		if (cut_line(data, "\n二是《规划》系统总结", "这也将是", &cut) && (weak = strstr(cut.open, "弱项")) != NULL) {
			char *moved = xasprintf("国家部署\n\n%s\n三是《规划》概括", cut.rest);
			char *copy = xasprintf("\n\n%.*s", (int)(weak + strlen("弱") - cut.open), cut.open);

			a = replace_all(data, cut.whole, cut.open);
			b = replace_all(a, "国家部署\n\n三是《规划》概括", moved), free(a);
			a = insert_after_line(b, "四是《规划》确立", copy), free(b);
			issue = strstr(a, copy) == NULL ? NULL : derived_parse(a, "derived-89");
			ok(issue != NULL && block_of(issue, "1.9", "还存在一些短板和弱项,这也将是", 1) >= 0, "%s", what);
			issue_free(issue);
			free(a);
			free(moved);
			free(copy);
		} else
			ok(0, "%s (1.9's 二是… not found)", what);
		cut_line_free(&cut);
	}

	/* 1.5 p44 with its 以习近平…思想为指导 paragraph cut by a page break
	 * after …五中全会精, the rest (神,深入学习…) opening p45: earlier
	 * articles print longer paragraphs that start with the same words and
	 * go on 神, too, so the cut line is no copy of one of them cut short;
	 * the page break carries it on. */
	{
		const char *start = "以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中、"
		    "四中、五中全会精神,深入学习";
		char *needle = xasprintf("\n%s", start);
		const char *what = "a paragraph cut where it reads as earlier ones, and goes on as they do, is joined "
		    "across the break";
		CutLine cut;

		if (cut_line(data, needle, "神,深入学习", &cut) && strstr(data, "\n\n44\n\n01\n\n国家部署\n") != NULL) {
			char *cut_text = xasprintf("%s\n\n44\n\n01\n\n国家部署\n\n%s", cut.open, cut.rest);

			a = replace_all(data, "\n\n44\n\n01\n\n国家部署\n", "\n");
			b = replace_all(a, cut.whole, cut_text), free(a);
			issue = derived_parse(b, "derived-44");
			ok(issue != NULL && block_of(issue, "1.5", start, 0) >= 0, "%s", what);
			issue_free(issue);
			free(b);
			free(cut_text);
		} else
			ok(0, "%s (1.5's 以习近平… or p44's foot not found)", what);
		cut_line_free(&cut);
		free(needle);
	}

	/* 1.6 p54-55 with 信息基础设施规模全球领先。…'s paragraph cut by the
	 * page break after 从2015年到2020年, its rest (固定宽带…) opening p55
	 * in one box with 信息技术产业…: the paragraph opened with a lead
	 * sentence, as its neighbours do, and the box after the rest opens
	 * with one too (数字经济实现跨越式发展。), whose run across the join
	 * (2020年,|数字经济) the issue prints elsewhere: such a box is the run's
	 * next paragraph, not the open sentence's rest. */
	{
		const char *what = "a box opening with a lead sentence, as the open paragraph did, is not its rest";
		const char *after = NULL, *next = NULL;
		CutLine cut;

		if (cut_line(data, "\n信息基础设施规模全球领先。", "固定宽带家庭普及率", &cut)) {
			after = strstr(data, cut.whole) + strlen(cut.whole);
			next = strchr(after + 1, '\n');
		}
		if (next != NULL && strncmp(after, "\n信息技术产业", 19) == 0
		    && strstr(data, "国家部署\n\n数字经济实现跨越式发展") != NULL) {
			char *following = xasprintf("%.*s", (int)(next - after), after);
			char *moved = xasprintf("国家部署\n\n%s%s\n\n数字经济实现跨越式发展", cut.rest, following);

			a = replace_all(data, cut.whole, cut.open);
			b = replace_all(a, following, ""), free(a);
			a = replace_all(b, "国家部署\n\n数字经济实现跨越式发展", moved), free(b);
			issue = strstr(a, moved) == NULL ? NULL : derived_parse(a, "derived-54");
			ok(issue != NULL && block_of(issue, "1.6", "从2015年到2020年,固定宽带家庭普及率", 1) >= 0, "%s",
			    what);
			issue_free(issue);
			free(a);
			free(following);
			free(moved);
		} else
			ok(0, "%s (1.6's 信息基础设施… or p55's top not found)", what);
		cut_line_free(&cut);
	}

	/* 1.6 p58-59 with “十四五”时期信息化发展…'s paragraph cut by the page
	 * break after …等方面取得突破, (the last box of p58, 深化创新驱动… moved
	 * below its rest), and p59 opening with 防范化解风险,确保更为安全发展。
	 * cut mid-sentence (…防患于未然) before the rest: a box that ends
	 * mid-sentence itself is the paragraph its own page's break cuts, not
	 * the rest of the one before. */
	{
		const char *guard = strstr(data, "\n防范化解风险,确保更为安全发展。");
		const char *guard_eol = guard == NULL ? NULL : strchr(guard + 1, '\n');
		const char *guard_cut = guard == NULL ? NULL : strstr(guard, "防患于未然");
		const char *drive = strstr(data, "\n深化创新驱动,引领更高质量发展。");
		const char *drive_eol = drive == NULL ? NULL : strchr(drive + 1, '\n');
		const char *top = "\n59\n\n做数字化转型领跑者\n";
		const char *what = "a box that ends mid-sentence itself does not carry the page before's sentence on";
		CutLine cut;

		if (cut_line(data, "等方面取得突破,推动实现更高质量", "推动实现更高质量", &cut) && guard_eol != NULL
		    && guard_cut != NULL && guard_cut < guard_eol && drive_eol != NULL && strstr(data, top) != NULL) {
			char *guard_line = xasprintf("%.*s", (int)(guard_eol - guard), guard);
			char *drive_line = xasprintf("%.*s", (int)(drive_eol - drive), drive);
			char *moved = xasprintf("%s\n%.*s\n\n%s%s\n", top, (int)(guard_cut + strlen("防患于未然") - guard - 1),
			    guard + 1, cut.rest, drive_line);

			a = replace_all(data, cut.whole, cut.open);
			b = replace_all(a, guard_line, ""), free(a);
			a = replace_all(b, drive_line, ""), free(b);
			b = replace_all(a, top, moved), free(a);
			issue = strstr(b, moved) == NULL ? NULL : derived_parse(b, "derived-59");
			ok(issue != NULL && block_of(issue, "1.6", "等方面取得突破,推动实现更高质量", 1) >= 0, "%s", what);
			issue_free(issue);
			free(b);
			free(guard_line);
			free(drive_line);
			free(moved);
		} else
			ok(0, "%s (1.6's 取得突破, 防范化解风险 or p59's top not found)", what);
		cut_line_free(&cut);
	}

	/* 1.8 p86 with a chapter heading, an item heading and a box (made up)
	 * after the rest of …拉动企业提, that box's run across the join
	 * (企业提|升) printed elsewhere: a box right after two headings is the
	 * text they head, not the rest of a sentence the page's first box
	 * may carry on. */
	a = insert_after_line(data, "高融合度等级。", "\n\n四、重点工程\n\n(一)加强组织领导\n\n升生产设备的网络连接能力。");
	{
		int inserted = strstr(a, "\n\n(一)加强组织领导\n\n升生产") != NULL;

		ok(derived_holds(a, "derived-86h", "1.8", "拉动企业提高融合度等级") && inserted,
		    "a box right after two headings does not take the join from the page's first box");
	}

	/* 1.8 p86 with a heading and a box (made up) after 五、保障措施, the
	 * fifth box of the page, whose run across the join (企业提|升) the
	 * issue prints elsewhere: a continuation is among the first four
	 * boxes of its page. */
	a = replace_all(data, "\n\n五、保障措施\n\n86\n", "\n\n五、保障措施\n\n(一)加强组织领导\n\n升企业数字化转型水平。\n\n86\n");
	ok(derived_holds(a, "derived-86e", "1.8", "拉动企业提高融合度等级"),
	    "a box emitted fifth on its page does not take the join");

	/* 2.3 p123: the rest of 推动政府部门业 emitted after a box (made up)
	 * that may carry the sentence on too, with nothing printed elsewhere
	 * across the join: the run across the true one, 部门业|务, printed
	 * elsewhere, outweighs the first box's place. */
	a = replace_all(data, "\n\n务整合重塑", "\n\n基于上述考虑,提出以下意见。\n\n务整合重塑");
	ok(derived_holds(a, "derived-123", "2.3", "推动政府部门业务整合重塑"),
	    "a box emitted second takes the join on a run across it printed elsewhere");

	/* 2.3 p123 with a box (made up) emitted after the page's headings and
	 * before the rest of 推动政府部门业, its join to the open line (业|态势)
	 * printed nowhere else: the first box that may carry the sentence on
	 * has no head start when the page's headings were emitted before it,
	 * and one with no run across the join takes it from none that shows
	 * one. */
	a = replace_all(data, "\n\n务整合重塑", "\n\n态势平稳向好,发展质量持续提升。\n\n务整合重塑");
	ok(derived_holds(a, "derived-123b", "2.3", "推动政府部门业务整合重塑"),
	    "a box with no run across the join, emitted after the headings, leaves it to the box with one");

	/* 2.3 p123 with a box (made up) emitted right after the rest of
	 * 推动政府部门业 that would carry 业|务 on too (务流程优化再造。), its
	 * run across the join no longer than the first box's: a box emitted
	 * after others takes the sentence only on a longer one. */
	a = insert_after_line(data, "务整合重塑", "\n\n务流程优化再造。");
	ok(derived_holds(a, "derived-123c", "2.3", "推动政府部门业务整合重塑"),
	    "a box emitted after the continuation, with no longer run across the join, does not take it");

	/* 1.2 p17 with a box (made up) emitted right after the rest of
	 * …面向工, its run across the join (面向工|业互) printed elsewhere and
	 * longer than the true one's, but in none of the open line's words:
	 * the continuation goes on in them (移动, 政务, 服务…). */
	a = insert_after_line(data, "作人员提供移动政务服务应用注册", "\n\n业互联网领域,培育新业态。");
	ok(derived_holds(a, "derived-17", "1.2", "面向工作人员提供移动政务服务应用注册"),
	    "a box with a longer run across the join, in none of the open line's words, does not take it");

	/* 1.2 p17 with a box (made up) that opens an enumeration, 二是…,
	 * emitted between the page's number and its running head, before the
	 * rest of …面向工: an enumeration carries on no word cut inside. */
	a = replace_all(data, "\n\n17\n\n做数字化转型领跑者\n",
	    "\n\n17\n\n二是加快推进数字化转型,提升治理能力。\n\n做数字化转型领跑者\n");
	{
		int inserted = strstr(a, "\n17\n\n二是加快推进数字化转型") != NULL;

		ok(derived_holds(a, "derived-17e", "1.2", "面向工作人员提供移动政务服务应用注册") && inserted,
		    "a box that opens an enumeration, emitted first on the page, does not carry on a word cut inside");
	}

	/* 1.1 p5 with the rest of …共享、交换、 emitted after a paragraph
	 * (made up) and the next item's heading, (二)加快数据要素市场化流通。,
	 * a box of its own with its text below: that text echoes the
	 * heading's words, the continuation hardly, so the continuation is no
	 * text of the heading's and takes the join from the first box. */
	a = replace_all(data, "\n(二)加快数据要素市场化流通。加快构建",
	    "\n在重点行业开展试点示范,逐步提升数据质量。\n\n(二)加快数据要素市场化流通。\n\n加快构建");
	b = move_box_before(a, "协作和开放。加快推动各领域通信协议兼容统一", "加快构建数据要素市场规则"), free(a);
	ok(derived_holds(b, "derived-5", "1.1", "探索面向业务应用的共享、交换、协作和开放"),
	    "a box right after a heading that echoes it less than the box after it takes the join");

	/* 1.3 p29 with a box (made up) emitted first, in the open line's own
	 * words (统筹布局国家质量基础设施资源。…), before the rest of …一体化发:
	 * that rest closes its sentence in six characters (展体制机制。), as
	 * the end of a cut sentence does, and takes the join. */
	a = replace_all(data, "\n\n八、夯实标准化发展基础\n",
	    "\n\n统筹布局国家质量基础设施资源。推进国家质量基础设施统一建设。\n\n八、夯实标准化发展基础\n");
	ok(derived_holds(a, "derived-29", "1.3", "健全国家质量基础设施一体化发展体制机制。"),
	    "a box whose first sentence closes in a few characters takes the join from one in the open line's words");

	/* 1.2 pp20-21 with (二)'s paragraph cut at p20's foot after 创新运营服务
	 * 模式, and its rest emitted on p21 after the attachments, 附件:1.… and
	 * 2.… as two boxes: a numbered line after a label carries nothing on. */
	{
		const char *line = strstr(data, "\n各地区和国务院有关部门要加强政务服务平台移动端建设");
		const char *cut = line == NULL ? NULL : strstr(line, "形成配备合理");
		const char *eol = cut == NULL ? NULL : strchr(cut, '\n');
		char *rest = eol == NULL ? xstrdup("") : xasprintf("%.*s", (int)(eol - cut), cut);
		char *moved = xasprintf("\n\n01\n\n国家部署\n\n附件:1.全国一体化政务服务平台移动端层级架构图\n\n"
		    "   2.全国一体化政务服务平台移动端技术架构图\n\n%s\n\n(三)健全评估评价机制。", rest);

		a = replace_all(data, *rest != '\0' ? rest : "\x01", "");
		b = replace_all(a, "\n附件:1.全国一体化政务服务平台移动端层级架构图\n   2.全国一体化政务服务平台移动端技术架构图\n",
		    "\n"), free(a);
		a = replace_all(b, "\n\n01\n\n国家部署\n\n(三)健全评估评价机制。", moved), free(b);
		ok(derived_holds(a, "derived-21b", "1.2", "创新运营服务模式,形成配备合理") && *rest != '\0',
		    "a numbered line after a label (附件:1.) does not carry a sentence on");

		/* The same with the rest lost: the sentence stays open, the
		 * attachments stay a list of their own. */
		a = replace_all(data, *rest != '\0' ? rest : "\x01", "");
		b = replace_all(a, "\n附件:1.全国一体化政务服务平台移动端层级架构图\n   2.全国一体化政务服务平台移动端技术架构图\n",
		    "\n"), free(a);
		a = replace_all(b, "\n\n01\n\n国家部署\n\n(三)健全评估评价机制。",
		    "\n\n01\n\n国家部署\n\n附件:1.全国一体化政务服务平台移动端层级架构图\n\n"
		    "   2.全国一体化政务服务平台移动端技术架构图\n\n(三)健全评估评价机制。"), free(b);
		issue = derived_parse(a, "derived-21c");
		ok(issue != NULL && *rest != '\0' && block_of(issue, "1.2", "创新运营服务模式,附件", 1) < 0
		    && blocks_starting(issue, "1.2", "附件:1.全国一体化政务服务平台移动端层级架构图") == 1,
		    "with nothing to carry it on, a sentence is not joined to a numbered line after a label");
		issue_free(issue);
		free(a);
		free(rest);
		free(moved);
	}

	/* 1.1 p5 and 1.11 p98, each with a box emitted first that opens as
	 * the issue opens ten lines and none inside one (近日,…; two texts,
	 * or the second would be a repeat of the first): the paragraph left
	 * open goes on with its real continuation, emitted after it. */
	a = replace_all(data, "\n\n迫切的环节入手", "\n\n近日,省政府办公厅印发了实施意见,要求各地抓好落实。\n\n迫切的环节入手");
	b = replace_all(a, "\n\n“时效性”价值需畅通", "\n\n近日,市政府召开常务会议,研究部署相关工作。\n\n“时效性”价值需畅通"), free(a);
	issue = derived_parse(b, "derived-opener");
	ok(issue != NULL && block_of(issue, "1.1", "从数字化转型需求迫切的环节入手", 1) >= 0
	    && block_of(issue, "1.11", "对于保护数据“时效性”价值", 1) >= 0,
	    "a box that opens as the issue opens lines takes no join from the box after it");
	issue_free(issue);
	free(b);

	/* 1.6 p61 with a box emitted first that opens an enumeration (二是…):
	 * the paragraph cut inside a word (…推动城市) is not carried on by it. */
	a = replace_all(data, "\n\n宽带网络向高速化和智能化升级", "\n\n二是加快推进数字化转型,提升治理能力。\n\n宽带网络向高速化和智能化升级");
	ok(derived_holds(a, "derived-enumeration", "1.6", "不断推动城市宽带网络向高速化"),
	    "a box that opens an enumeration (二是…) does not carry on a word cut by a page break");
}

/* Checks, on pages of the bundled issue laid out again as the extraction
 * might have emitted them, that a box it printed twice is read once and
 * carries nothing on. */
static void
check_derived_copies(const char *data)
{
	char *a, *b;
	Issue *issue;

	/* 1.8 p85: a cut copy of an earlier paragraph emitted after the
	 * paragraph a page break cuts: the copy carries nothing on, the cut
	 * paragraph still joins the next page's first line. */
	a = insert_after_line(data, "开展两化融合度标准制定",
	    "\n\n制定制造业数字化转型行动计划。建立健全部际协同、部省联动的工作推进机制,推动形成市场主导、");
	issue = derived_parse(a, "derived-85");
	ok(issue != NULL && block_of(issue, "1.8", "拉动企业提高融合度等级", 1) >= 0
	    && blocks_starting(issue, "1.8", "制定制造业数字化转型行动计划") == 1,
	    "a cut copy after a paragraph a page break cuts does not stop the join");
	issue_free(issue);
	free(a);

	/* 2.3 p123: the paragraph p122 cut (从省内态势看,…推动政府部门业)
	 * printed again at p123's foot, with the start of the line that
	 * carries it on (务整合重塑,打破部门边界): that copy carries nothing
	 * on past the next break, and p124's first paragraph stays its own. */
	{
		const char *line = strstr(data, "\n从省内态势看,");
		const char *eol = line == NULL ? NULL : strchr(line + 1, '\n');
		char *copy = eol == NULL ? xstrdup("") : xasprintf("\n%.*s务整合重塑,打破部门边界", (int)(eol - line), line);

		/* the line opens with a no-break space and a space, twice */
		a = insert_after_line(data, "\xc2\xa0 \xc2\xa0 习近平总书记指出,“要把", copy);
		issue = derived_parse(a, "derived-123d");
		ok(issue != NULL && *copy != '\0' && blocks_starting(issue, "2.3", "坚持以人民为中心的发展思想") == 1
		    && block_of(issue, "2.3", "打破部门边界坚持", 1) < 0,
		    "the start of a cut paragraph printed again past the break carries nothing on");
		issue_free(issue);
		free(a);
		free(copy);
	}

	/* 1.8 p85: a copy of the page's 推进制造业“双创”… cut short, emitted
	 * as the page's first box, before what it copies: it leaves no
	 * sentence open (else it goes last on the page, after the paragraph
	 * a page break cuts, and is shown twice). */
	a = replace_all(data, "\n2. 推进产业集群数字化", "\n推进制造业“双创”与工业互联网协同发展,\n\n2. 推进产业集群数字化");
	issue = derived_parse(a, "derived-85c");
	ok(issue != NULL && blocks_starting(issue, "1.8", "推进制造业“双创”与工业互联网协同发展") == 1
	    && block_of(issue, "1.8", "拉动企业提高融合度等级", 1) >= 0,
	    "a copy cut short, emitted before what it copies, leaves no sentence open");
	issue_free(issue);
	free(a);

	/* 1.7 p75 with 一是 二是 三是, 四是 and 五、 in boxes of their own, 四是's
	 * start printed again last on the page (after 五、) and the page's
	 * last paragraph moved to the next page's top: a dead copy takes no
	 * part in the run of 一是 二是…, else it stood as an enumeration right
	 * after a heading in the extraction's order, and 四是, 五、, 一是… read
	 * better. */
	{
		const char *four = strstr(data, "\n四是产业发展取得新成效。");
		const char *four_eol = four == NULL ? NULL : strchr(four + 1, '\n');
		const char *copy_end = four == NULL ? NULL : strstr(four, "年均增长");
		const char *foot = "\n\n75\n\n做数字化转型领跑者\n\n";
		const char *what = "a dead copy of 四是 after the next heading takes no part in the run of 一是 二是…";

		if (four_eol != NULL && copy_end != NULL && copy_end < four_eol
		    && strncmp(four_eol + 1, "五、关于推动软件产业链升级", strlen("五、关于推动软件产业链升级")) == 0) {
			const char *five_eol = strchr(four_eol + 1, '\n');
			const char *china_eol = five_eol == NULL ? NULL : strchr(five_eol + 1, '\n');

			if (china_eol != NULL && strncmp(china_eol, foot, strlen(foot)) == 0) {
				char *old = xasprintf("%.*s%s", (int)(china_eol - four), four, foot);
				char *moved = xasprintf("\n%.*s\n%.*s\n\n%.*s%s%.*s\n", (int)(four_eol - four), four,
				    (int)(five_eol - four_eol), four_eol, (int)(copy_end - four - 1), four + 1, foot,
				    (int)(china_eol - five_eol - 1), five_eol + 1);
				long first, five;

				a = replace_all(data, "\n一是产业基础实现新提升", "\n\n一是产业基础实现新提升");
				b = replace_all(a, old, moved), free(a);
				issue = strstr(b, moved) == NULL ? NULL : derived_parse(b, "derived-75");
				first = issue == NULL ? -1 : block_of(issue, "1.7", "一是产业基础实现新提升", 0);
				five = issue == NULL ? -1 : block_of(issue, "1.7", "五、关于推动软件产业链升级", 0);
				ok(first >= 0 && first < five, "%s", what);
				issue_free(issue);
				free(b);
				free(old);
				free(moved);
			} else
				ok(0, "%s (p75's foot not found)", what);
		} else
			ok(0, "%s (1.7's 四是… 五、 not found)", what);
	}

	/* 1.6 pp57-58 with 到2025年,… cut at p57's foot inside 数字基础设施,
	 * and p58 laid out as the extraction may emit it: a later paragraph
	 * (数字技术创新体系…, or 数字经济发展质量效益… with 数字技术创新体系…
	 * left below the rest), a repeat of 数字基础设施体系更加完备。…, then
	 * the rest of the cut paragraph with 数字基础设施体系… below it in its
	 * box. Read at the break, that box brings its 数字基础设施体系… first,
	 * and the repeat printed before it is the one dropped; the repeat in
	 * the box does not cut it in two. */
	{
		const char *what[] = {
			"the repeat of a paragraph printed before the box that carries it is the one dropped",
			"a paragraph printed twice keeps the box that carries it one box",
		};
		const char *infrastructure = strstr(data, "\n数字基础设施体系更加完备。");
		const char *eol[3];
		CutLine cut;
		int k, later;

		line_ends(infrastructure, eol, 3);
		if (eol[2] != NULL && strncmp(eol[0], "\n数字技术创新体系基本形成。", strlen("\n数字技术创新体系基本形成。")) == 0
		    && strncmp(eol[1], "\n数字经济发展质量效益", strlen("\n数字经济发展质量效益")) == 0
		    && cut_line(data, "\n到2025年,数字中国建设取得决定性进展", "施全面夯实", &cut)) {
			for (later = 0; later < 2; later++) {
				/* The lines moved: 数字基础设施… and the paragraphs after it. */
				const char *moved_end = eol[1 + later];
				char *lines = xasprintf("%.*s", (int)(moved_end - infrastructure), infrastructure);
				char *laid = xasprintf("%.*s\n%.*s\n\n%s%.*s\n", (int)(moved_end - eol[later]), eol[later],
				    (int)(eol[0] - infrastructure), infrastructure, cut.rest,
				    (int)(eol[later] - infrastructure), infrastructure);
				a = replace_all(data, cut.whole, cut.open);
				k = later ? laid_out_order(a, lines, laid, "derived-58b", "1.6", "数字基础设施体系更加完备",
				    "数字技术创新体系基本形成", "数字经济发展质量效益")
				    : laid_out_order(a, lines, laid, "derived-58", "1.6", "到2025年,数字中国建设取得决定性进展",
				    "数字基础设施体系更加完备", "数字技术创新体系基本形成");
				ok(k, "%s", what[later]);
				free(a);
			}
		} else {
			ok(0, "%s (1.6's 到2025年,… or p58's top not found)", what[0]);
			ok(0, "%s (1.6's 到2025年,… or p58's top not found)", what[1]);
		}
		cut_line_free(&cut);
	}

	/* 1.7 p77 with 十、's question and its answers in boxes of their own,
	 * and the start of 九、's first answer (经过多年发展,…) printed again,
	 * cut short, before the last one: the copy, dropped later, answers
	 * no question, and 十、 is not moved down past it (and past its own
	 * first answer) to stand after it. */
	{
		const char *what = "a dead copy of an earlier answer does not move the next question down";
		const char *question = strstr(data, "\n十、《规划》对于培育壮大国内开源生态");
		const char *answer = strstr(data, "\n经过多年发展,我国软件企业盈利能力");
		const char *eol[4];

		line_ends(question, eol, 4);
		if (eol[3] != NULL && answer != NULL
		    && strncmp(eol[2], "\n《规划》突出强调开源", strlen("\n《规划》突出强调开源")) == 0) {
			char *old = xasprintf("%.*s", (int)(eol[3] - question), question);
			char *laid = xasprintf("\n%.*s\n%.*s\n%.*s\n%.*s\n%.*s", (int)(eol[0] - question), question,
			    (int)(eol[1] - eol[0]), eol[0], (int)(eol[2] - eol[1]), eol[1], (int)strlen("\n经过多年发展,"
			    "我国软件企业盈利能力和核心竞争力持续提升,形成了大企业和中小企业融通发展的良好局面。"
			    "一是骨干企业加速壮大。"), answer, (int)(eol[3] - eol[2]), eol[2]);

			ok(laid_out_order(data, old, laid, "derived-77", "1.7", "十、《规划》对于培育壮大国内开源生态",
			    "开放、平等、协作、共享的开源模式", "目前,我国已成为全球开源生态"), "%s", what);
		} else
			ok(0, "%s (1.7's 十、 and its answers or 经过多年发展,… not found)", what);
	}

	/* 1.4 p33 with the start of its preamble printed again (made up)
	 * right above the document's title, cut as short as a title: a copy,
	 * no title, and dropped. */
	a = replace_all(data, "\n\n“十四五”推动高质量发展的国家标准体系建设规划\n\n规划全文\n",
	    "\n\n为落实《中华人民共和国国民经济和社会发展第十四个五年规划"
	    "\n\n“十四五”推动高质量发展的国家标准体系建设规划\n\n规划全文\n");
	issue = derived_parse(a, "derived-copy-title");
	ok(issue != NULL && blocks_starting(issue, "1.4", "为落实《中华人民共和国国民经济") == 1,
	    "the start of a paragraph printed again right above a document's title is a copy, no title");
	issue_free(issue);
	free(a);
}

/* Checks, on pages of the bundled issue laid out again as the extraction
 * might have emitted them, where documents open: their titles, banners
 * and running heads. */
static void
check_derived_documents(const char *data)
{
	char *a, *b;
	Issue *issue;

	/* The two banners 行动纲要全文 each emitted below the next page's
	 * running head: a heading seen on two pages only, each by furniture,
	 * is no template junk. */
	a = replace_all(data, "\n行动纲要全文\n\n43\n\n做数字化转型领跑者\n\n", "\n43\n\n做数字化转型领跑者\n\n行动纲要全文\n\n");
	b = replace_all(a, "\n行动纲要全文\n\n54\n\n01\n\n国家部署\n\n", "\n54\n\n01\n\n国家部署\n\n行动纲要全文\n\n"), free(a);
	issue = derived_parse(b, "derived-banners");
	ok(issue != NULL && blocks_starting(issue, "1.5", "行动纲要全文") == 1
	    && blocks_starting(issue, "1.6", "行动纲要全文") == 1,
	    "a banner printed twice, each under a running head, is kept");
	issue_free(issue);
	free(b);

	/* 1.1 p2 with (二)面临形势。 emitted after the page's number, above its
	 * running head: the next page's heading is no reason to move the
	 * banner (规划全文) from before the document's title. */
	a = replace_all(data, "\n\n2\n\n01\n\n国家部署\n\n(二)面临形势。\n",
	    "\n\n2\n\n(二)面临形势。\n\n01\n\n国家部署\n\n");
	{
		int moved = strstr(a, "\n2\n\n(二)面临形势。\n\n01\n") != NULL;

		ok(derived_order(a, "derived-2", "1.1", "规划全文", "“十四五”数字经济发展规划", NULL) && moved,
		    "a heading emitted after a page's number leaves the banner before the document's title");
	}

	/* 1.4 pp32-33 with a paragraph (made up) cut at p32's foot, its first
	 * part as short as a title, with no comma, and 一、 a few lines on: a
	 * sentence closes on the next page and the document's own title
	 * follows, so the cut line is no title, and the page break joins it. */
	a = replace_all(data, "\n\n32\n\n01\n\n国家部署\n\n标准是经济活动",
	    "\n\n加快推进标准化改革、强化标准实施应用、提升标准国际\n\n32\n\n01\n\n国家部署\n\n"
	    "化水平,全面支撑经济社会高质量发展。\n\n标准是经济活动");
	issue = derived_parse(a, "derived-cut-title");
	ok(issue != NULL && block_of(issue, "1.4", "加快推进标准化改革、强化标准实施应用、提升标准国际化水平", 0) >= 0
	    && block_of(issue, "1.4", "“十四五”推动高质量发展的国家标准体系建设规划", 0) >= 0
	    && issue_find_article(issue, "1.4")->blocks[block_of(issue, "1.4",
	    "“十四五”推动高质量发展的国家标准体系建设规划", 0)].kind == BLOCK_HEADING,
	    "a line cut at a page's foot, a title's length, is joined; the document's title stays its heading");
	issue_free(issue);
	free(a);

	/* 1.15 p113 with its running head printed at its foot: the heading
	 * emitted after p112's number (四、持续完善五大体系) may go back to
	 * p112, but p113's own text stays p113's, and 技术创 at p112's foot
	 * still finds 新,从核算共享… far on. */
	a = replace_all(data, "四、持续完善五大体系\n\n01\n\n国家部署\n\n(四)", "四、持续完善五大体系\n\n(四)");
	b = replace_all(a, "\n\n113\n\n五、做好组织实施", "\n\n01\n\n国家部署\n\n113\n\n五、做好组织实施"), free(a);
	ok(derived_holds(b, "derived-foot-head", "1.15", "推进共享模式、流程和技术创新,从核算共享"),
	    "a page whose running head is at its foot lends the page before none of its text");

	/* 2.3 p118: (三)发展目标。 of 2.3 under a running head, as 1.1's is
	 * on p3: a numbered heading seen on two pages, each by furniture,
	 * is the documents' own, no template junk. */
	a = replace_all(data, "\n(三)发展目标。\n到2025年,基本建成", "\n\n做数字化转型领跑者\n\n(三)发展目标。\n到2025年,基本建成");
	issue = derived_parse(a, "derived-118");
	ok(issue != NULL && blocks_starting(issue, "1.1", "(三)发展目标") == 1
	    && blocks_starting(issue, "2.3", "(三)发展目标") == 1,
	    "a numbered heading under a running head on two pages is kept in both");
	issue_free(issue);
	free(a);

	/* 2.7's decree in boxes of a line each, and 2.8 made to open with a
	 * chapter 一、: the decree's heading 江苏省人民政府令 is no document
	 * title (its 一、 is the next article's), and the decree reads as
	 * emitted. */
	a = replace_all(data, "\n在强化数字技能人才学制培养", "\n一、在强化数字技能人才学制培养");
	b = replace_all(a, "\n                      代省长:许昆林\n", "\n\n代省长:许昆林\n\n"), free(a);
	a = replace_all(b, "\n                      2021年12月18日\n", "\n2021年12月18日\n"), free(b);
	b = replace_all(a, "\n江苏省人民政府令\n第 148 号\n", "\n江苏省人民政府令\n\n第 148 号\n"), free(a);
	ok(derived_order(b, "derived-154", "2.7", "2021年12月18日", "江苏省人民政府令", "第 148 号"),
	    "a document's title is looked for in its own article only");
}

/* Checks 1.6's first page, whose first chapter and banner the extraction
 * emitted after the text they head: the banner opens the page, the
 * chapter heads the first items. */
static void
check_document_opening(const Issue *issue)
{
	long banner = block_of(issue, "1.6", "行动纲要全文", 0);
	long preamble = block_of(issue, "1.6", "“十四五”时期,信息化进入", 0);
	long chapter = block_of(issue, "1.6", "一、现状与形势", 0);
	long item = block_of(issue, "1.6", "(一)发展现状", 0);

	ok(banner >= 0 && banner < preamble, "a banner emitted last on a document's first page heads the page");
	ok(preamble < chapter && chapter + 1 == item, "a first chapter emitted after the first items heads them");
	if (!(banner >= 0 && banner < preamble && preamble < chapter && chapter + 1 == item))
		diag("1.6: banner %ld, preamble %ld, 一、 %ld, (一) %ld", banner, preamble, chapter, item);
}

/* Fills *p with the lines of a copy of text, all body; text_parse_free()
 * frees what it holds. */
static void
text_parse(Parse *p, const char *text)
{
	memset(p, 0, sizeof *p);
	p->text = xstrdup(text);
	parse_split_lines(p, p->text, strlen(p->text));
	p->body_end = p->nlines;
}

/* Frees what text_parse() put in *p. */
static void
text_parse_free(Parse *p)
{
	free(p->lines);
	free(p->text);
	parse_grams_free(p->grams);
	parse_starts_free(p->starts);
}

/* Returns the weight parse_join_weight() gives the join of line open to
 * line next of text (lines counted from 0). */
static double
join_weight(const char *text, size_t open, size_t next)
{
	Parse p;
	double weight;

	text_parse(&p, text);
	weight = parse_join_weight(&p, &p.lines[open], &p.lines[next]);
	text_parse_free(&p);
	return weight;
}

/* Checks how a join is weighed: a line that opens with what opens lines
 * in the text (到2025年) is no continuation; one that opens with what
 * follows the open line's end elsewhere (城市|宽带) is. */
static void
check_join_weight(void)
{
	static const char text[] =
	    "各地要不断推动城市\n"			/* 0: left open */
	    "宽带网络向高速化和智能化升级。\n"	/* 1: carries it on */
	    "到2025年,数字经济迈向全面扩展期。\n"	/* 2: opens a paragraph */
	    "到2025年,基本建成数字中国。\n"
	    "到2025年,网络全面覆盖。\n"
	    "加快城市宽带网络建设,提升质量。\n"
	    "推进城市宽带接入,扩大覆盖。\n"
	    "都市到处可见。\n";		/* 市到 is printed too */
	double on = join_weight(text, 0, 1), apart = join_weight(text, 0, 2);

	ok(on > 0, "a line whose start follows the open line's end elsewhere weighs for the join (%.2f)", on);
	ok(apart < 0, "a line whose start opens lines elsewhere weighs against it (%.2f)", apart);
}

/* Checks which words a line shares with another (parse_pairs_shared, and
 * parse_pairs_echoed as a share of the other's):
 * pairs of Han characters side by side, each counted once, none across
 * punctuation, only among the first characters asked for. */
static void
check_shared_pairs(void)
{
	Parse p;
	ParsePairs open;
	double share;

	text_parse(&p, "推动数据资源共享\n数据资源共享交换,数据\n数,据。交换\n数据资源\n");
	parse_pairs_collect(&p.lines[0], SIZE_MAX, &open);
	ok(open.count == 7, "a line of 8 Han characters holds 7 pairs (%zu)", open.count);
	share = parse_pairs_shared(&open, &p.lines[1], SIZE_MAX);
	ok(fabs(share - 5.0 / 7) < 1e-9, "5 of the 7 distinct pairs of the next line are shared (%.3f)", share);
	ok(parse_pairs_shared(&open, &p.lines[2], SIZE_MAX) == 0, "pairs do not run across punctuation");
	ok(fabs(parse_pairs_shared(&open, &p.lines[1], 3) - 1) < 1e-9, "only the first characters asked for count");
	share = parse_pairs_echoed(&open, &p.lines[3], SIZE_MAX);
	ok(fabs(share - 3.0 / 7) < 1e-9, "a line echoes 3 of the 7 pairs of another (%.3f)", share);
	parse_pairs_free(&open);
	text_parse_free(&p);
}

/* Returns what parse_join_span() (with punctuation) and, in *score,
 * parse_join_score() (without) say of the join of line open to line next
 * of text. */
static int
join_span(const char *text, size_t open, size_t next, int *score)
{
	Parse p;
	int span;

	text_parse(&p, text);
	span = parse_join_span(&p, &p.lines[open], &p.lines[next]);
	*score = parse_join_score(&p, &p.lines[open], &p.lines[next]);
	text_parse_free(&p);
	return span;
}

/* Checks which line a text goes on past (parse_line_starting): the
 * longest other line it starts with, none shorter than the index's key. */
static void
check_line_starting(void)
{
	static const char text[] =
	    "开展两\n"				/* 0: shorter than the key */
	    "开展两化融合度标准制定与评估\n"	/* 1 */
	    "开展两化融合度标准制定\n"		/* 2 */
	    "开展两化融合度标准制定与评估推广\n"	/* 3: the text itself */
	    "开展两化融合度标准化工作\n";		/* 4: no start of it */
	Parse p;
	const char *line;
	size_t length;

	text_parse(&p, text);
	line = parse_line_starting(&p, p.lines[3].text, p.lines[3].length, p.lines[3].text, &length);
	ok(line == p.lines[1].text && length == p.lines[1].length, "a text goes on past the longest line it starts with");
	line = parse_line_starting(&p, p.lines[2].text, p.lines[2].length, p.lines[2].text, &length);
	ok(line == NULL && length == 0, "  not past a line shorter than the index's key, nor past itself");
	line = parse_line_starting(&p, p.lines[4].text, p.lines[4].length, p.lines[4].text, &length);
	ok(line == NULL, "  nor past a line that parts from it");
	text_parse_free(&p);
}

/* Checks which line opens as a line cut mid-word opened
 * (parse_opens_alike): the next paragraph of a list of lead sentences,
 * which does not carry the cut word on. */
static void
check_opens_alike(void)
{
	static const char text[] =
	    "建设泛在智能的网络连接设施。加快5G商用网络规模建设,不断推动城市\n"	/* 0: cut mid-word */
	    "建设物联数通的新型感知基础设施。加快公共安全领域的数字化升级。\n"	/* 1: its sibling */
	    "宽带网络向高速化和智能化升级。统筹推进骨干网改造。\n"		/* 2: what carries it on */
	    "建设全国一体化大数据中心,加快构建算力网络。\n"			/* 3: no lead sentence */
	    "提升公民数字素养。建设数字社会,组织数字化技能提升大赛,\n"		/* 4: cut after a comma */
	    "提升实践创造能力。(责任单位:省委网信办)\n"				/* 5 */
	    "建设数字政府,不断推动城市\n";					/* 6: opens with no lead */
	Parse p;

	text_parse(&p, text);
	ok(parse_opens_alike(&p.lines[0], &p.lines[1]), "a lead sentence opening as the cut paragraph's did is its sibling");
	ok(!parse_opens_alike(&p.lines[0], &p.lines[2]), "  a line opening otherwise is none");
	ok(!parse_opens_alike(&p.lines[0], &p.lines[3]), "  nor one with no lead sentence");
	ok(!parse_opens_alike(&p.lines[4], &p.lines[5]), "  nor any line after a comma, where any clause may follow");
	ok(!parse_opens_alike(&p.lines[6], &p.lines[1]), "  nor any line after a paragraph that opened with no lead sentence");
	text_parse_free(&p);

	text_parse(&p, "各地要不断推动城市\n"	/* 0: cut inside a word */
	    "二是加快推进数字化转型。\n"		/* 1: an enumeration */
	    "大数据产业发展的第\n"		/* 2: cut after 第 */
	    "十是一个数字。\n"			/* 3 */
	    "主要有两个方面,\n"			/* 4: cut after a comma */
	    "一系列政策出台。\n"		/* 5: no 是 */
	    "2是一个数字。\n");			/* 6: digits, no numeral */
	ok(parse_opens_enumeration(&p.lines[0], &p.lines[1]), "an enumeration (二是…) carries on no word cut inside");
	ok(!parse_opens_enumeration(&p.lines[2], &p.lines[3]), "  but may after 第 (第|十是)");
	ok(!parse_opens_enumeration(&p.lines[4], &p.lines[1]), "  and after punctuation");
	ok(!parse_opens_enumeration(&p.lines[0], &p.lines[5]), "  a numeral without 是 is no enumeration");
	ok(!parse_opens_enumeration(&p.lines[0], &p.lines[6]), "  nor are digits before 是");
	text_parse_free(&p);
}

/* Checks the weight against a line carrying a sentence on that its first
 * three characters give (parse_opening_weight). */
static void
check_opening_weight(void)
{
	static const char text[] =
	    "近日,省里印发通知。\n"		/* 0: 近日, opens lines */
	    "近日,市里召开会议。\n"
	    "近日,县里部署工作。\n"
	    "各地要推动数字政府建设。\n"	/* 3: 数字政 inside lines */
	    "加快数字政府转型。\n"
	    "数字政府建设提速。\n"		/* 5 */
	    "这是近日,的事。\n"		/* 6: 近日, inside a line once */
	    "独一无二的开头。\n";		/* 7: printed nowhere else */
	Parse p;
	double w;

	text_parse(&p, text);
	w = parse_opening_weight(&p, &p.lines[0]);
	ok(w > 0.50 && w < 0.52, "opening words the issue opens two lines with, and one inside, weigh log(2.5/1.5) (%.3f)", w);
	ok(parse_opening_weight(&p, &p.lines[5]) == 0.0, "  words printed mostly inside lines weigh nothing");
	ok(parse_opening_weight(&p, &p.lines[7]) == 0.0, "  nor words printed nowhere else");
	text_parse_free(&p);
}

/* Checks what tells a question heading and which question a paragraph
 * answers (parse_is_question, parse_shared_run). */
static void
check_answers(void)
{
	static const char text[] =
	    "四、《规划》提出“发挥大数据特性优势”,是出于什么考虑?\n"	/* 0: a question */
	    "六、《规划》将“提升软件价值保障能力”作为产业基础能力提升的重要内容,为什么强调要推动“软件价值提升”?\n"
	    "五、保障措施\n"						/* 2: no question */
	    "数字经济怎么发展?江苏给出了答案,这是一段很长的正文,并非任何标题,只是以问号结尾的一段话吗?\n"
	    "(三)未来如何推动落实?\n";				/* 4: an item */
	static char long_question[600];
	Parse p;
	size_t k;

	text_parse(&p, text);
	ok(parse_is_question(&p.lines[0]) && parse_is_question(&p.lines[1]) && parse_is_question(&p.lines[4]),
	    "a heading, or a numbered line however long, that ends with ? is a question");
	ok(!parse_is_question(&p.lines[2]) && !parse_is_question(&p.lines[3]),
	    "  a heading without ?, or a paragraph that ends with ?, is none");
	text_parse_free(&p);

	is_int(parse_shared_run("基于上述考虑,《规划》提出“发挥大数据特性优势”,坚持", strlen("基于上述考虑,《规划》提出“发挥大数据特性优势”,坚持"),
	    "四、《规划》提出“发挥大数据特性优势”,是出于什么考虑?", strlen("四、《规划》提出“发挥大数据特性优势”,是出于什么考虑?")),
	    13, "a shared run counts its letters and digits, not its punctuation");
	is_int(parse_shared_run("支持IPv6和5G网络", strlen("支持IPv6和5G网络"), "IPv6改造", strlen("IPv6改造")), 4,
	    "  Latin letters and digits count");
	is_int(parse_shared_run("《》“”,。", strlen("《》“”,。"), "《》“”,。", strlen("《》“”,。")), 0,
	    "  punctuation alone shares nothing");
	is_int(parse_shared_run("甲乙丙", strlen("甲乙丙"), "丁戊己", strlen("丁戊己")), 0, "  nothing shared, 0");
	is_int(parse_shared_run("", 0, "丁戊己", strlen("丁戊己")), 0, "  an empty text shares nothing");
	is_int(parse_shared_run("丁戊己", strlen("丁戊己"), "", 0), 0, "  nor with an empty one");
	/* Only the first 160 characters of the question are looked at. */
	for (k = 0; k + 3 <= 3 * 170; k += 3)
		memcpy(long_question + k, "一", 3);
	memcpy(long_question + 3 * 165, "龘", 3);
	is_int(parse_shared_run("龘", strlen("龘"), long_question, strlen(long_question)), 0,
	    "  a question is looked at up to its 160th character");
	is_int(parse_shared_run("一一一", strlen("一一一"), long_question, strlen(long_question)), 3,
	    "  and a run within it is found");
}

/* Checks the run across a join: the longest printed elsewhere, of three
 * characters or more and four from either side at most; punctuation
 * counts as a side for the span (。|二是), not for the score. */
static void
check_join_span(void)
{
	static const char text[] =
	    "要推动城市宽带网络建设。二是推进应用。\n"
	    "推动城市\n"			/* 1: left open */
	    "宽带网络升级\n"		/* 2: 推动城市宽带网络: 4 + 4 */
	    "宽带接入\n"			/* 3: 推动城市宽带: 4 + 2 */
	    "网络安全\n"			/* 4: nothing */
	    "一是完善体系。\n"		/* 5: ends a sentence */
	    "二是推进\n";		/* 6: 。二是推进: 1 + 4 */
	int score, span;

	span = join_span(text, 1, 2, &score);
	ok(span == 8 && score == 8, "a run across a join is measured up to four characters a side (%d, %d)", span, score);
	span = join_span(text, 1, 3, &score);
	ok(span == 6 && score == 6, "  a shorter run is measured whole (%d, %d)", span, score);
	span = join_span(text, 1, 4, &score);
	ok(span == 0 && score == 0, "  a join with no run printed elsewhere has none (%d, %d)", span, score);
	span = join_span(text, 5, 6, &score);
	ok(span == 5 && score == 0, "  punctuation counts for the span, not for the score (%d, %d)", span, score);
}

/* A text and what a check must say of it. */
typedef struct TextCase {
	const char	*text;
	int		 expected;
} TextCase;

/* Checks what ends a sentence: a full stop, and a note in brackets after
 * it (〔责任单位：…〕), not a word cut by a page break; and that a
 * chapter's heading ends one however long. */
static void
check_sentence_ends(void)
{
	static const TextCase cases[] = {
		{ "加快落地落实。", 1 },
		{ "不再列出〕", 1 },
		{ "(见附件)", 1 },
		{ "【专栏】", 1 },
		{ "“一件事一次办”。”", 1 },
		{ "不断推动城市", 0 },
		{ "数字经济核心产业增加值,", 0 },
	};
	static const struct {
		const char *name, *text;
		int heading;
	} chapters[] = {
		{ "四、 of 42 characters", "四、优化政务服务平台移动端服务功能和方式,为企业和群众提供更加便利高效的移动政务服务", 1 },
		{ "第二章", "第二章 信息服务规范", 1 },
		{ "一、 with a full stop", "一、组织宣贯培训。面向地方各级工业和信息化主管部门", 0 },
		{ "(一), an item", "(一)统一标准规范,为企业和群众提供更加便利高效的移动政务服务", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_int(parse_ends_sentence(cases[i].text, strlen(cases[i].text)), cases[i].expected,
		    "%s ends a sentence: %d", cases[i].text, cases[i].expected);
	/* A chapter's heading, however long, leaves no sentence open. */
	for (i = 0; i < sizeof chapters / sizeof chapters[0]; i++)
		is_int(parse_is_chapter_heading(chapters[i].text, strlen(chapters[i].text)), chapters[i].heading,
		    "%s is a chapter's heading: %d", chapters[i].name, chapters[i].heading);
}

/* Checks the rule for a ? that stands for a lost thin space. */
static void
check_stray_questions(void)
{
	static const TextCase cases[] = {
		{ "内在要?求,是", 1 },		/* inside Han text, no question */
		{ "提升到?96%", 1 },		/* before a digit */
		{ "2019?年以来", 1 },		/* after a digit */
		{ "合作倡议》,?与", 1 },	/* after a comma */
		{ "直面?“后疫情", 1 },		/* before an opening quote */
		{ "5G?网络普及", 1 },		/* after a Latin letter */
		{ "怎么发展?江苏", 0 },		/* the clause asks */
		{ "存在哪些问题?《规划》", 0 },
		{ "如何建设?就一起", 0 },
		{ "背景是什么?", 0 },		/* ends the line */
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *q = strchr(cases[i].text, '?');

		is_int(parse_is_stray_question(cases[i].text, strlen(cases[i].text), (size_t)(q - cases[i].text)),
		    cases[i].expected, "stray ? in %s: %d", cases[i].text, cases[i].expected);
	}
}

/* Checks a dozen paragraphs that a page break cut are one block again. */
static void
check_rejoined(const Issue *issue)
{
	size_t i, j, found = 0;

	for (i = 0; i < sizeof rejoined / sizeof rejoined[0]; i++) {
		const Article *a = issue_find_article(issue, rejoined[i].id);
		int hit = 0;

		for (j = 0; a != NULL && j < a->nblocks; j++)
			hit |= strstr(a->blocks[j].text, rejoined[i].words) != NULL;
		if (!hit)
			diag("not rejoined in %s: %s", rejoined[i].id, rejoined[i].words);
		found += hit;
	}
	is_int(found, sizeof rejoined / sizeof rejoined[0], "paragraphs cut by a page break are rejoined");
}

/* Paragraphs that end a page with a full sentence, and the paragraph that
 * opens the next page: they stay two blocks. */
static const struct {
	const char	*end;
	const char	*next;
} not_joined[] = {
	{ "确保目标任务落到实处。", "数字经济是继农业经济" },
	{ "重大事项及时向国务院报告。", "日前,国务院办公厅印发" },
	{ "持续提升移动政务服务便利化水平。", "《建设指南》强调" },
};

/* Checks that a paragraph ending a page with a full sentence is not joined
 * to the next page's first one. */
static void
check_not_joined(const Issue *issue)
{
	size_t i, j, k, joined = 0;

	for (k = 0; k < sizeof not_joined / sizeof not_joined[0]; k++) {
		char *both = xasprintf("%s%s", not_joined[k].end, not_joined[k].next);

		for (i = 0; i < issue_article_count(issue); i++) {
			const Article *a = issue_article(issue, i);

			for (j = 0; j < a->nblocks; j++)
				if (strstr(a->blocks[j].text, both) != NULL) {
					diag("joined in %s: %s", a->id, both);
					joined++;
				}
		}
		free(both);
	}
	is_int((int)joined, 0, "a paragraph ending with a full sentence is not joined to the next page's");
}

/* Passages the extraction printed twice (a page's text repeated, with its
 * headings): each must be shown once. */
static const char *const printed_twice[] = {
	"多方面优势和条件。加快数字化发展",
	"四、完善绿色发展标准化保障",
	"五、加快城乡建设和社会建设标准化进程",
};

/* Checks that text printed twice is shown once. */
static void
check_no_repeats(const Issue *issue)
{
	size_t i, j, k, wrong = 0;

	for (k = 0; k < sizeof printed_twice / sizeof printed_twice[0]; k++) {
		size_t count = 0;

		for (i = 0; i < issue_article_count(issue); i++) {
			const Article *a = issue_article(issue, i);

			for (j = 0; j < a->nblocks; j++) {
				const char *at = a->blocks[j].text;

				while ((at = strstr(at, printed_twice[k])) != NULL) {
					count++;
					at += strlen(printed_twice[k]);
				}
			}
		}
		if (count != 1) {
			diag("shown %zu times: %s", count, printed_twice[k]);
			wrong++;
		}
	}
	is_int((int)wrong, 0, "text printed twice is shown once");
}

/* Checks blocks are in reading order, headings and sources classified. */
static void
check_blocks(const Issue *issue)
{
	const Article *a = issue_find_article(issue, "1.1");
	const Article *front = issue_find_article(issue, "0");
	const Article *a14 = issue_find_article(issue, "1.14");
	const Article *a15 = issue_find_article(issue, "1.15");
	size_t i, heading2 = 0, item1 = 0;

	ok(front != NULL && strstr(front->title, "《数志》") != NULL && strstr(front->title, "2022年第2期") != NULL,
	    "front matter is an entry of its own");
	ok(front != NULL && strstr(front->text, "江苏省数字经济联合会") != NULL && strstr(front->text, "卷首语") != NULL,
	    "front matter holds the publishers and the 卷首语");
	is_int(issue_number(issue), 12, "issue number 总第十二期 read from the front matter");
	is_str(issue_date(issue), "2022年第2期", "issue date read from the front matter");
	is_str(issue_title(issue), "《数志》2022年第2期", "issue title");
	ok(a != NULL && a->source != NULL && strcmp(a->source, "来源:新华社") == 0, "1.1's source line");
	ok(a != NULL && a->nblocks > 0 && a->blocks[0].kind == BLOCK_SOURCE, "1.1 opens with its source line");
	ok(a14 != NULL && a14->source == NULL, "1.14 has no source line of its own");
	ok(a15 != NULL && a15->source != NULL && strcmp(a15->source, "来源:中国经营报") == 0,
	    "1.15's source is printed a page before its title");
	for (i = 0; a != NULL && i < a->nblocks; i++) {
		if (strcmp(a->blocks[i].text, "二、总体要求") == 0) {
			heading2 = i;
			ok(a->blocks[i].kind == BLOCK_HEADING, "二、总体要求 is a heading");
		}
		if (strcmp(a->blocks[i].text, "(一)指导思想。") == 0 && item1 == 0)
			item1 = i;
	}
	ok(heading2 > 0 && item1 > heading2, "a heading printed after its items is put back before them");
	for (i = 0; a14 != NULL && i + 1 < a14->nblocks; i++)
		if (strcmp(a14->blocks[i].text, "第一章 总 则") == 0)
			ok(strncmp(a14->blocks[i + 1].text, "第一条", strlen("第一条")) == 0,
			    "第一章 is put back before 第一条");
	for (i = 0; i < issue_article_count(issue); i++) {
		const Article *art = issue_article(issue, i);
		size_t j;
		int order = 1;

		for (j = 1; j < art->nblocks; j++)
			if (art->blocks[j].page < art->blocks[j - 1].page)
				order = 0;
		if (!order)
			ok(0, "%s: blocks in page order", art->id);
	}
}

/* Derives another issue: other running heads, other template junk, other
 * section names, and two pages of advertising in front. */
static char *
derive_issue(const char *data)
{
	char *s = xstrdup(data), *with_ads;

	replace_in(&s, "做数字化转型领跑者\n", "数字中国建设者\n");
	replace_in(&s, "国家部署", "政策速递");
	replace_in(&s, "地方行动", "各地动态");
	replace_in(&s, "|输入文案|", "【此处添加标题】");
	replace_in(&s, "FLBOOK是一款轻量级电子书刊在线制作平台", "云刊宝为您提供专业的期刊排版服务");
	with_ads = xasprintf("广告\n\n智慧城市解决方案,助力数字政府建设。\n\n咨询热线 400-000-0000\n\n"
	    "广告\n\n工业互联网平台,赋能制造业转型升级。\n\n%s", s);
	free(s);
	return with_ads;
}

/* Checks damaged and unusual texts: cut in half, no contents page, CRLF,
 * a BOM, invalid UTF-8, a 1 MB line. */
static void
check_damaged(const Issue *good, const char *data, size_t len)
{
	Issue *issue = NULL;
	char *cause = NULL, *copy;
	const char *cut = data;
	size_t i, lines = 0, same = 0;
	Buffer b = { 0 };

	/* Cut after line 1600 (page 95): the articles present keep their pages. */
	while (lines < 1600 && (cut = strchr(cut, '\n')) != NULL)
		cut++, lines++;
	if (ok(cut != NULL && issue_parse(data, (size_t)(cut - data), "half", &issue, &cause) == 0,
	    "an issue cut in half parses")) {
		for (i = 0; i < 10; i++) {
			const Article *a = issue_find_article(issue, expected[i].id);

			same += a != NULL && a->page == expected[i].page && strcmp(a->title, expected[i].title) == 0;
		}
		is_int(same, 10, "cut in half: articles 1.1-1.10 listed with their pages");
		ok(issue_find_article(issue, "2.5") == NULL, "cut in half: articles not in the text are not listed");
		issue_free(issue);
	}

	/* Without the contents page: one article per source line, not nothing. */
	copy = replace_all(data, "CONTENTS\n", "");
	{
		char *from = strstr(copy, "01\n\n数字经济发展规划顶层设计"), *to = strstr(copy, "11、31省市数字化转型路线图公布!(2022)\n");

		if (from != NULL && to != NULL)
			memmove(from, to + strlen("11、31省市数字化转型路线图公布!(2022)\n"),
			    strlen(to + strlen("11、31省市数字化转型路线图公布!(2022)\n")) + 1);
	}
	if (ok(issue_parse(copy, strlen(copy), "no-contents", &issue, &cause) == 0, "an issue without contents parses")) {
		size_t text = 0;

		for (i = 0; i < issue_article_count(issue); i++)
			text += issue_article(issue, i)->text_length;
		ok(issue_article_count(issue) >= 10, "no contents: %zu articles, one per source line",
		    issue_article_count(issue));
		ok(text > len / 2, "no contents: the text is still read (%zu bytes)", text);
		issue_free(issue);
	}
	free(copy);

	/* CRLF line ends and a BOM change nothing. */
	buffer_puts(&b, "\xef\xbb\xbf");
	for (cut = data; *cut != '\0'; cut++) {
		if (*cut == '\n')
			buffer_append(&b, "\r", 1);
		buffer_append(&b, cut, 1);
	}
	if (ok(issue_parse(b.data, b.len, "crlf", &issue, &cause) == 0, "CRLF text with a BOM parses")) {
		same = issue_article_count(issue) == issue_article_count(good);
		for (i = 0; same && i < issue_article_count(good); i++)
			same = strcmp(issue_article(issue, i)->text, issue_article(good, i)->text) == 0
			    && issue_article(issue, i)->page == issue_article(good, i)->page;
		ok(same, "CRLF and a BOM: the same articles, text and pages");
		issue_free(issue);
	}
	buffer_free(&b);

	/* Invalid bytes inside a paragraph show as U+FFFD, the rest intact. */
	copy = replace_all(data, "数据要素是数字经济深化发展的核心引擎", "数据要素是\xff\xfe数字经济深化发展的核心引擎");
	if (ok(issue_parse(copy, strlen(copy), "bad-utf8", &issue, &cause) == 0, "invalid UTF-8 inside parses")) {
		const Article *a = issue_find_article(issue, "1.1");

		ok(a != NULL && strstr(a->text, "数据要素是\xef\xbf\xbd\xef\xbf\xbd数字经济深化发展的核心引擎") != NULL,
		    "each invalid byte becomes U+FFFD in place");
		is_int(issue_article_count(issue), issue_article_count(good), "invalid UTF-8: all articles still there");
		issue_free(issue);
	}
	free(copy);

	/* A 1 MB line in the middle of an article. */
	for (i = 0; i < (1 << 20) / 3; i++)
		buffer_puts(&b, "长");
	copy = replace_all(data, "开发5万个就业见习岗位\n", "开发5万个就业见习岗位\n\n");
	{
		char *with_line = xasprintf("%.*s%s\n%s", (int)(strstr(copy, "开发5万个就业见习岗位") - copy), copy,
		    b.data, strstr(copy, "开发5万个就业见习岗位"));

		if (ok(issue_parse(with_line, strlen(with_line), "long-line", &issue, &cause) == 0, "a 1 MB line parses")) {
			const Article *a = issue_find_article(issue, "2.9");

			ok(a != NULL && strstr(a->text, b.data) != NULL, "the 1 MB line is kept in its article");
			issue_free(issue);
		}
		free(with_line);
	}
	free(copy);
	buffer_free(&b);
}

int
main(void)
{
	size_t len;
	char *data = read_file(TEST_ISSUE, &len), *derived, *cause = NULL;
	Issue *issue = NULL, *other = NULL;
	static const char *const heads[] = { "做数字化转型领跑者", "国家部署", "地方行动", "|输入文案|" };
	static const char *const other_heads[] = { "数字中国建设者", "政策速递", "各地动态" };

	if (!ok(data != NULL, "read %s", TEST_ISSUE))
		return done_testing();
	if (!ok(issue_parse(data, len, "bundled", &issue, &cause) == 0, "parse the bundled issue")) {
		diag("%s", cause);
		return done_testing();
	}
	check_contents(issue, "bundled", "国家部署", "地方行动");
	check_no_furniture(issue, "bundled", heads, 4, "|输入文案|");
	check_nothing_lost(issue, data, len);
	check_rejoined(issue);
	check_not_joined(issue);
	check_no_repeats(issue);
	check_blocks(issue);
	check_reading_order(issue);
	check_stray_questions();
	check_sentence_ends();
	check_derived_headings(data);
	check_derived_joins(data);
	check_derived_copies(data);
	check_derived_documents(data);
	check_document_opening(issue);
	check_join_weight();
	check_shared_pairs();
	check_join_span();
	check_line_starting();
	check_answers();
	check_opens_alike();
	check_opening_weight();

	check_damaged(issue, data, len);

	derived = derive_issue(data);
	if (ok(issue_parse(derived, strlen(derived), "derived", &other, &cause) == 0, "parse a derived issue")) {
		check_contents(other, "derived", "政策速递", "各地动态");
		check_no_furniture(other, "derived", other_heads, 3, "【此处添加标题】");
		ok(strstr(issue_find_article(other, "1.1")->text, "云刊宝") == NULL, "derived: new template junk dropped");
		ok(strstr(issue_find_article(other, "1.1")->text, "智慧城市解决方案") == NULL,
		    "derived: advertising in front is not article text");
	} else
		diag("%s", cause);

	issue_free(other);
	other = NULL;

	/* Without the line that completes it, an open sentence is joined to
	 * nothing else: a join needs a word the issue prints whole. */
	free(derived);
	derived = replace_all(data, "新,从核算共享向多领域共享延伸", "");
	if (ok(issue_parse(derived, strlen(derived), "no-continuation", &other, &cause) == 0,
	    "parse the issue without 1.15's continuation")) {
		const Article *a = issue_find_article(other, "1.15");
		size_t j, open = 0;

		for (j = 0; a != NULL && j < a->nblocks; j++) {
			const char *t = a->blocks[j].text, *end = "流程和技术创";
			size_t tl = strlen(t), el = strlen(end);

			open += tl >= el && strcmp(t + tl - el, end) == 0;
		}
		is_int((int)open, 1, "  the open sentence stays open, joined to nothing");
	} else
		diag("%s", cause);

	issue_free(other);
	issue_free(issue);
	free(derived);
	free(data);
	return done_testing();
}
