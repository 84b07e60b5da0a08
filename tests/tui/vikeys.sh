# The keys of less and vi: C-d C-u C-f C-b C-e C-y e < >, and y left free.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys Enter
tui_wait_status "› 1\.1 "
title=$(tui_article_top)
tui_keys e
tui_wait_top_change "$title"; ok $? "e: a line down"
second=$(tui_article_top)
tui_keys C-y
tui_wait_top "$title"; ok $? "C-y: a line up"
tui_keys C-e
tui_wait_top "$second"; ok $? "C-e: a line down"
tui_keys C-y
tui_wait_top "$title"
half=$(tui_article_lines | sed -n 12p)
tui_keys C-d
tui_wait_top_change "$title"; ok $? "C-d: half a page down"
tui_article_lines | sed -n 1,2p | grep -qxF -- "$half"; ok $? "C-d: the middle line comes to the top"
tui_keys C-u
tui_wait_top "$title"; ok $? "C-u: half a page up"
page1=$(tui_article_lines | sed -n 23p)
tui_keys C-f
tui_wait_top "$page1"; ok $? "C-f: a page down"
tui_keys C-b
tui_wait_top "$title"; ok $? "C-b: a page up"
tui_keys '>'
tui_wait_status "100%"; ok $? ">: the end of the article"
tui_keys '<'
tui_wait_top "$title"; ok $? "<: the top"
tui_keys y
tui_wait_status "No command on y|[Cc]op"; ok $? "y is not taken by a move"
tui_wait_top "$title"; ok $? "y did not move"
tui_keys q
tui_wait_exit >/dev/null

done_testing
