# Search results show which article (its title) and the position of the
# selected one; snippets never start with closing punctuation.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys /
tui_type "数据"
tui_wait_for "1/"; ok $? "the bar shows the selected result's position"
count=$("$SHUZHI" --search=数据 --limit=200 "$ISSUE" | wc -l)
tui_screen | tail -n 1 | grep -q " 1/$count *\$"; ok $? "as 1/$count"
first=$("$SHUZHI" --search=数据 --limit=1 "$ISSUE" | cut -f1)
title=$("$SHUZHI" --toc "$ISSUE" | awk -F'\t' -v id="$first" '$1 == id { print $3 }')
tui_screen | grep "^ $first  *p\.[0-9]" | grep -qF -- "$(printf '%s' "$title" | head -c 15)"
ok $? "the first result shows its article's title"
tui_keys C-n
tui_wait_for "2/$count"; ok $? "C-n: the next result, 2/$count"
tui_keys Tab
tui_wait_for "3/$count"; ok $? "Tab: the next result too"
tui_keys C-p
tui_wait_for "2/$count"; ok $? "C-p: the previous one"
# No snippet row starts with closing punctuation (after its …).
tui_screen | sed -n '/────/,$p' | grep -E '^ +…?[,。、:;!?)》”’]' >/dev/null
ok $((!$?)) "no snippet starts with closing punctuation"
tui_keys C-u
tui_type "IPv"
tui_wait_for "IPv6"; ok $? "IPv: the last Latin word is a prefix while typing"
tui_keys Enter
tui_wait_status "Hit 1 of"; ok $? "Enter keeps that meaning: a hit opens"
tui_keys q
tui_wait_exit >/dev/null

# The printed snippets too.
"$SHUZHI" --search=数据 --limit=200 "$ISSUE" | cut -f3 | grep -E '^…[,。、:;!?)》”’]' >/dev/null
ok $((!$?)) "--search: no snippet starts with … and closing punctuation"

done_testing
