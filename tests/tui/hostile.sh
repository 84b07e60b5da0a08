# Text from the file never reaches the terminal raw: an issue with escape
# sequences, C1 controls and bidi overrides in an article reads as text.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

esc=$(printf '\033')
bel=$(printf '\007')
csi=$(printf '\302\233')
rlo=$(printf '\342\200\256')
TUI_ISSUE="$TEST_TMP/hostile.txt"
sed "s/明确了“十四五”时期推动/明确${esc}[31m了${esc}]0;PWNED${bel}“十四五”${rlo}时期${esc}[2J推动${csi}41m/g" \
    "$ISSUE" >"$TUI_ISSUE"
grep -q PWNED "$TUI_ISSUE"; ok $? "the issue carries escape sequences"

tui_start 80 24
tui_wait_for "2 地方行动"; ok $? "the reader opens the issue"
tui_keys : 1 Enter
tui_wait_status "› 1\.1 "
tui_keys d
tui_wait_for "PWNED"; ok $? "the paragraph shows, the sequence as plain text"
screen=$(tui_screen_attrs)
printf '%s\n' "$screen" | grep -q "$esc\[\([0-9]*;\)*3[1]m"; ok $((!$?)) "no red from the text"
printf '%s\n' "$screen" | grep -q "$esc\[\([0-9]*;\)*41m"; ok $((!$?)) "no red background from a C1 CSI"
[ "$(tmux_ display-message -p -t "run$TUI_RUNS" '#{pane_title}')" != PWNED ]
ok $? "the window title is untouched"
tui_screen | grep -q "国家部署"; ok $? "the screen was not cleared"
tui_keys q
is "$(tui_wait_exit)" 0 "quits cleanly"

done_testing
