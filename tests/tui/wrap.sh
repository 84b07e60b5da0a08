# In a 40-column window no screen line starts with closing punctuation or
# ends with opening punctuation: ten articles, each read screen by screen
# from a page inside it, then its last screen. (Widths are checked by the
# unit tests and tests/cli/article.sh: tmux cannot show a line wider than its
# window.)
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

SCREENS=8	# screens read from the page before jumping to the article's end

# bad_lines: prints the article lines of the settled screen that break a rule.
bad_lines() {
	printf '%s\n' "$tui_settled_screen" | sed -E -n -e '$d' -e 's/^ *//' -e 's/ *$//' \
	    -e '/^(,|。|、|\)|”|，|）|：|；|！|？|》|」)|(\(|“|《|（|「)$/p'
}

# check_screen WHAT: waits for the screen to settle and checks its lines;
# counts the screen in $checked, or sets $failed.
check_screen() {
	tui_wait_settled || { failed=1; return 1; }
	bad=$(bad_lines)
	if [ -n "$bad" ]; then
		diag "$1:"
		printf '%s\n' "$bad" | sed 's/^/#   | /'
		failed=1
	fi
	checked=$((checked + 1))
}

# The line the reader paints after an article's last.
END_MARK="— end"

tui_start 40 50
tui_wait_for "2 地方行动"
checked=0 failed=0
for page in 1 15 42 73 99 107 120 145 154 163; do
	tui_keys : $(printf '%s' "$page" | sed 's/./& /g') Enter
	# The status line's right end: "p. N of M  P%", or only "N" where that
	# would take more than half the line.
	tui_wait_status "(^| )(p\. )?$page( of [0-9]+)?( +[0-9]+%)? *\$"
	ok $? "page $page: the status line shows the page"
	article=$(tui_status | sed -E 's/.*› ([0-9.]+) .*/\1/')
	screens=0
	while check_screen "article $article, screen $screens"; do
		screens=$((screens + 1))
		tui_shows "$END_MARK" && break
		if [ "$screens" -ge "$SCREENS" ]; then
			tui_keys G
			tui_wait_for "$END_MARK" || break
		else
			tui_keys f
			tui_wait_change "$tui_settled_screen" || break
		fi
	done
	tui_shows "$END_MARK"
	ok $? "page $page: article $article read to its end ($screens screens)"
done
is "$failed" 0 "no line starts with , 。 、 ) ” nor ends with ( “ 《 ($checked screens)"

tui_keys q
tui_wait_exit >/dev/null
done_testing
