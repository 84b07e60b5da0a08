# A warning at start is shown whole at 80 columns (wrapped), and goes with
# the next key.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

tui_start 80 24 XDG_STATE_HOME=/proc/nope
tui_wait_for "/proc/nope"; ok $? "the warning names the state folder"
joined=$(tui_screen | sed -n '18,24p' | sed 's/^ *//; s/ *$//' | tr -d '\n')
printf '%s\n' "$joined" | grep -q "nothing will be remembered\|not be remembered\|remembered"
ok $? "the warning's end shows too"
printf '%s\n' "$joined" | grep -qF "…"; ok $((!$?)) "the warning is not cut"
tui_keys j
tui_wait_gone "/proc/nope"; ok $? "the next key takes it away"
tui_wait_for "2 地方行动"; ok $? "the contents show again where it was"
tui_keys q
tui_wait_exit >/dev/null

done_testing
