# The first screen, and the terminals the reader starts on or refuses.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# A fresh start shows the contents: both sections and their articles.
tui_start 80 24
tui_wait_for "2 地方行动"; ok $? "the first screen shows the contents"
screen=$(tui_screen)
for want in "1 国家部署" "1.1 " "1.15" "2.1 "; do
	printf '%s\n' "$screen" | grep -qF -- "$want"; ok $? "the contents list '$want'"
done
printf '%s\n' "$screen" | grep -q "│"; ok $? "at 80 columns the contents and the article are side by side"
tui_status | grep -qF "h: help"; ok $? "the status line shows the h: help hint"
tui_keys End
tui_wait_for "2.11"; ok $? "the contents scroll to the last article"
tui_screen_attrs | grep -q "$(printf '\033')\[[0-9;]*7m"; ok $? "the selected entry is shown in reverse video"
tui_keys q
is "$(tui_wait_exit)" 0 "q quits with status 0"

# No colour with NO_COLOR: attributes only.
tui_start 80 24 NO_COLOR=1
tui_wait_for "2 地方行动"; ok $? "NO_COLOR: the reader starts"
tui_screen_attrs | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m"; ok $((!$?)) "NO_COLOR: no colour on the screen"
tui_keys q
tui_wait_exit >/dev/null

# The terminals of the spec.
for term in linux screen screen-256color xterm-256color tmux-256color vt100 xterm-mono; do
	tui_start 80 24 TERM=$term
	tui_wait_for "2 地方行动"; ok $? "TERM=$term: the contents show"
	tui_keys : 1 Enter
	tui_wait_status "1\.1 "; ok $? "TERM=$term: an article opens"
	tui_keys q
	is "$(tui_wait_exit)" 0 "TERM=$term: quits cleanly"
done

# A terminal that cannot draw, or none: a message pointing to the printing options.
tui_start 80 24 TERM=dumb
st=$(tui_wait_exit); ok $? "TERM=dumb: the reader does not start"
is "$st" 2 "TERM=dumb: exit status 2"
tui_screen | grep -q -- "--toc"; ok $? "TERM=dumb: the message points to --toc"
tui_start 80 24 TERM=
st=$(tui_wait_exit)
is "$st" 2 "no TERM: exit status 2"
tui_screen | grep -q -- "--article"; ok $? "no TERM: the message points to --article"
out=$("$SHUZHI" "$ISSUE" </dev/null 2>&1)
is "$?" 2 "no terminal: exit status 2"
printf '%s\n' "$out" | grep -q -- "--toc"; ok $? "no terminal: the message points to --toc"

# A locale that is not UTF-8 falls back on C.UTF-8.
tui_start 80 24 LC_ALL=C LANG=C
tui_wait_for "2 地方行动"; ok $? "LC_ALL=C: the reader falls back on C.UTF-8"
tui_screen | grep -qF "国家部署"; ok $? "LC_ALL=C: Chinese shows"
tui_keys q
tui_wait_exit >/dev/null

# Mouse reporting stays off.
tui_start 80 24
tui_wait_for "2 地方行动"
is "$(tmux_ display-message -p -t "run$TUI_RUNS" '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}')" \
    "000" "the mouse is not captured"
tui_keys q
tui_wait_exit >/dev/null

done_testing
