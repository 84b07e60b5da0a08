# A warning at start is shown whole at 80 columns (wrapped), and goes with
# the next key.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# A state folder that is a file: the warning names its whole path.
long=$TEST_TMP/a-state-folder-with-a-name-long-enough-not-to-fit-in-eighty-columns
: >"$long"
tui_start 80 24 XDG_STATE_HOME=$long
tui_wait_for "remembered"; ok $? "the warning shows"
joined=$(tui_screen | sed -n '18,24p' | sed 's/^ //; s/ *$//' | tr -d '\n')
printf '%s\n' "$joined" | grep -qF "$long/shuzhi"; ok $? "the whole path shows, wrapped"
printf '%s\n' "$joined" | grep -q "Not a directory"; ok $? "the warning's end shows too"
tui_keys j
tui_wait_gone "remembered"; ok $? "the next key takes it away"
tui_wait_for "2 地方行动"; ok $? "the contents show again where it was"
tui_keys q
tui_wait_exit >/dev/null

tui_start 80 24 XDG_STATE_HOME=/proc/nope
tui_wait_for "/proc/nope"
tui_status | grep -q "No such file or directory"; ok $? "a short warning stays on the status line"
tui_keys q
tui_wait_exit >/dev/null

done_testing
