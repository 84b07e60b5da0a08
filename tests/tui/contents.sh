# At 80x24 the contents tell look-alike titles apart, show each entry's
# printed page and the selected entry's full title; the first screen opens
# on the contents with the first article selected.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# entry ID: prints the pane's row of entry ID (left of the frame).
entry() {
	tui_screen | sed 's/│.*//' | grep -E "^[ >]$(printf '%s' "$1" | sed 's/\./\\./') "
}

tui_start 80 24
tui_wait_for "2 地方行动"
tui_wait_selected "1.1 "; ok $? "the first screen selects the first article"
tui_status | grep -q "h: help"; ok $? "the first screen shows the h: help hint"
tui_article_top | grep -qF "国务院印发《“十四五”数字经济发展规划》"; ok $? "the article pane shows 1.1, not the cover"
tui_screen | grep -q "DIGITALIZATION"; ok $((!$?)) "no cover junk on the first screen"

# Every article shows its printed page, as --toc gives it.
"$SHUZHI" --toc "$ISSUE" | awk -F'\t' '$1 ~ /^1\.(2|5|6|12|13)$|^2\.(2|3)$/' >"$TEST_TMP/toc"
while IFS="	" read -r id page title; do
	entry "$id" | grep -qE " $page *\$"; ok $? "$id shows its page $page"
done <"$TEST_TMP/toc"
# Look-alike titles (the same long start) read differently.
for pair in "1.5 1.6" "1.12 1.13" "2.2 2.3"; do
	set -- $pair
	a=$(entry "$1" | sed 's/^[ >][^ ]* *//; s/ *[0-9]* *$//')
	b=$(entry "$2" | sed 's/^[ >][^ ]* *//; s/ *[0-9]* *$//')
	[ -n "$a" ] && [ "$a" != "$b" ]; ok $? "$1 and $2 look different ($a / $b)"
done

# The selected entry shows its whole title.
tui_keys j j j j j j j j j j j
tui_wait_selected "1.12 "; ok $? "j moves to 1.12"
tui_screen | sed 's/│.*//' | sed 's/^ *//; s/ *$//' | tr -d '\n ' |
    grep -qF "国家互联网信息办公室等十三部门修订发布《网络安全审查办法》"
ok $? "the selected entry's full title shows, wrapped"
tui_keys q
tui_wait_exit >/dev/null

done_testing
