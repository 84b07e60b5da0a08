# The search bar and the page prompt edit as readline does, by grapheme;
# a long query is taken, or the bar says where it was cut.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# bar: prints the search bar's line.
bar() {
	tui_screen | tail -n 1 | sed 's/ *[0-9]*\/[0-9]* *$//; s/ *$//'
}

# bar_reads TEXT: succeeds when the bar reads TEXT.
bar_reads() { [ "$(bar)" = "$1" ]; }

# wait_bar TEXT: waits until the bar reads TEXT.
wait_bar() {
	tui_until "the bar to read: $1" bar_reads "$1"
}

tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys /
tui_type "数据要素"
wait_bar "/ 数据要素"; ok $? "typed"
tui_keys Left Left
tui_type "x"
wait_bar "/ 数据x要素"; ok $? "Left moves by a character: text goes in at the cursor"
tui_keys BSpace
wait_bar "/ 数据要素"; ok $? "Backspace deletes the character before the cursor"
tui_keys DC
wait_bar "/ 数据素"; ok $? "Delete deletes the character under the cursor"
tui_keys Home
tui_type "y"
wait_bar "/ y数据素"; ok $? "Home: the start"
tui_keys End
tui_type "z"
wait_bar "/ y数据素z"; ok $? "End: the end"
tui_keys C-a
tui_type "("
wait_bar "/ (y数据素z"; ok $? "C-a: the start"
tui_keys C-e
tui_type ")"
wait_bar "/ (y数据素z)"; ok $? "C-e: the end"
tui_keys Right Left Left
tui_keys C-u
wait_bar "/ z)"; ok $? "C-u: everything before the cursor goes"
tui_keys C-e C-u
tui_type "IPv6 算力 税"
tui_keys C-w
wait_bar "/ IPv6 算力"; ok $? "C-w: the word before the cursor goes"
tui_keys C-w
wait_bar "/ IPv6"; ok $? "C-w again"
tui_keys C-u
tui_type "e$(printf '\314\201')a"
tui_keys Left BSpace
wait_bar "/ a"; ok $? "Backspace deletes a letter and its combining mark together"
tui_keys C-e C-u
tui_wait_for "Type to search"

# A query longer than 256 bytes is taken whole.
tui_keys C-u
long=$(printf '紫金山 %.0s' $(seq 1 40))
tui_type "${long}实验室"
tui_wait_for "紫金山 实验室"; ok $? "a query of $(printf '%s实验室' "$long" | wc -c) bytes is taken to its end"
tui_keys Enter
tui_wait_status "Hit 1 of"; ok $? "and searched whole"
tui_keys q
tui_wait_exit >/dev/null

# The page prompt edits the same way.
tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys :
tui_type "13"
tui_keys Home
tui_type "1"
tui_wait_for ":113"; ok $? "the prompt: Home and a digit"
tui_keys End BSpace
tui_wait_for ":11 "; ok $? "the prompt: End and Backspace"
tui_type "5"
tui_keys Enter
tui_wait_status "p\. 115 "; ok $? "goes to the page typed"
tui_keys q
tui_wait_exit >/dev/null

done_testing
