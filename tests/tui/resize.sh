# Resizing keeps the same text at the top, survives a window too small and
# recovers fully when it grows again.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# near_top TEXT: succeeds when the start of TEXT is in the article's first
# lines (a narrower window wraps the paragraph differently).
near_top() {
	start=$(printf '%s\n' "$1" | sed -E 's/^(.{6}).*/\1/')
	tui_article_lines | head -n 3 | tr -d '\n' | grep -qF -- "$start"
}

tui_start 100 30
tui_wait_for "2 地方行动"
tui_keys : 4 5 Enter
tui_wait_status "› 1\.5 "
# Scroll until a line inside a paragraph is at the top.
n=$(tui_article_lines | awk 'NR >= 6 && prev != "" && $0 != "" { print NR; exit } { prev = $0 }')
want=$(tui_article_lines | sed -n "${n}p")
i=1
while [ $i -lt "$n" ]; do
	tui_keys j
	i=$((i + 1))
done
tui_wait_top "$want"; ok $? "scrolled to a line inside a paragraph"
top=$(tui_article_top)
pid=$(tui_pid)
diag "top line at 100x30: $top"

tui_resize 50 20
tui_wait_gone "│"; ok $? "50x20: one pane at a time"
tui_wait_status "p\. "; ok $? "50x20: the status line is there"
near_top "$top"; ok $? "50x20: the same text at the top"

tui_resize 12 5
tui_wait_for "small"; ok $? "12x5: says the window is too small"
kill -0 "$pid"; ok $? "12x5: still running"

tui_resize 100 30
tui_wait_for "│"; ok $? "100x30: both panes again"
tui_wait_top "$top"; ok $? "100x30: exactly the same text at the top"
tui_wait_status "› 1\.5 "; ok $? "100x30: the status line is back"
tui_screen | grep -q "small"; ok $((!$?)) "100x30: no trace of the notice"

# Starting in a window too small, then growing.
tui_keys q
tui_wait_exit >/dev/null
tui_start 15 4
tui_wait_for "small"; ok $? "starting at 15x4: the notice"
tui_keys j j
tui_resize 80 24
tui_wait_for "│"; ok $? "grown to 80x24: the reader"
tui_wait_status "› 1\.5 "
near_top "$top"; ok $? "and the place it was left at (keys were ignored while too small)"

# Many sizes in a row, with the search bar open: no crash.
tui_keys /
tui_type "数据"
tui_wait_for " 1/"
for size in "30 10" "200 50" "20 6" "19 6" "70 24" "69 24" "21 7" "120 40"; do
	tui_resize $size
done
tui_wait_for " 1/"; ok $? "sizes in a row with the search bar open"
tui_keys Escape
tui_wait_gone "/ 数据"
tui_wait_for "2.11"	# all the contents: the last size (120x40) is in
near_top "$top"; ok $? "and the place is still the same"
tui_resize 100 30
tui_wait_top "$top"; ok $? "back at 100x30: exactly the same top line"
pid=$(tui_pid)
kill -0 "$pid"; ok $? "the reader runs"
tui_keys q
is "$(tui_wait_exit)" 0 "quits cleanly"

done_testing
