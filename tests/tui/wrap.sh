# In a 40-column window no screen line starts with closing punctuation or
# ends with opening punctuation. (Widths are checked by the unit tests:
# tmux cannot show a line wider than its window.)
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# bad_lines: prints the article lines that break a rule.
bad_lines() {
	tui_article_lines | grep -E '^(,|。|、|\)|”|，|）|：|；|！|？|》|」)|(\(|“|《|（|「)$'
}

tui_start 40 30
tui_wait_for "2 地方行动"
checked=0
for page in 1 15 42 73 99 107 120 145 154 163; do
	tui_keys : $(printf '%s' "$page" | sed 's/./& /g') Enter
	tui_wait_status "p\. $page of" >/dev/null || tui_wait_status "›" >/dev/null
	article=$(tui_status | sed -E 's/.*› ([0-9.]+) .*/\1/')
	screens=0
	while [ $screens -lt 8 ]; do
		bad=$(bad_lines)
		if [ -n "$bad" ]; then
			diag "article $article, screen $screens:"
			printf '%s\n' "$bad" | sed 's/^/#   | /'
			checked=-1000
		fi
		checked=$((checked + 1))
		screens=$((screens + 1))
		top=$(tui_article_top)
		tui_keys f
		tui_wait_top_change "$top" >/dev/null 2>&1 || break
	done
	ok $((screens == 0)) "page $page: article $article, $screens screens read"
done
ok $((checked <= 0)) "no line starts with , 。 、 ) ” nor ends with ( “ 《 ($checked screens)"

tui_keys q
tui_wait_exit >/dev/null
done_testing
