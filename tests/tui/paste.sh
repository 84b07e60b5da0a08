# Bracketed paste: on while the reader runs, off when it exits; pasted text
# goes into the bar or the prompt as text and never runs a command.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# last_mode: prints the last bracketed paste switch the reader wrote (h: on,
# l: off), from the pane's output as tmux pipes it to $TEST_TMP/raw.
last_mode() {
	grep -ao "$(printf '\033')\[?2004[hl]" "$TEST_TMP/raw" | tail -n 1 | sed 's/.*2004//'
}

# wait_mode h|l: waits until the last switch is the one given.
wait_mode() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		[ "$(last_mode)" = "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# paste TEXT: pastes text the way a terminal does when the program asked
# for bracketed paste (tmux paste-buffer -p).
paste() {
	printf '%s' "$1" >"$TEST_TMP/paste"
	tmux_ load-buffer "$TEST_TMP/paste"
	tmux_ paste-buffer -p -t "run$TUI_RUNS"
}

tui_start 80 24
tui_wait_for "2 地方行动"

# The case: a query, a newline and qq pasted at /.
tui_keys /
tui_wait_for "Type to search"
paste "$(printf '紫金山实验室\nqq')"
tui_wait_for "/ 紫金山实验室 qq"; ok $? "the pasted newline became a space, qq stayed text"
tui_screen | grep -q "\[exit"; ok $((!$?)) "nothing pasted quit the reader"
tui_keys C-u
tui_wait_gone "紫金山实验室 qq"
paste "$(printf '紫金山\t实验室\033[31m')"
tui_wait_for "/ 紫金山 实验室"; ok $? "a tab and an escape in a paste are spaces or gone"
tui_keys Enter
tui_wait_status "Hit 1 of"; ok $? "the pasted query searches"

# While reading, a paste does nothing but say so: no key in it runs.
tui_keys g
paste "qGq]"
tui_wait_status "Pasted text is only ever text"; ok $? "a paste while reading says it is text"
tui_screen | grep -q "\[exit"; ok $((!$?)) "the q in it did not quit"

# The page prompt takes the digits of a paste.
tui_keys :
paste "1 6 3"
tui_wait_for ":163"; ok $? "the page prompt takes a paste's digits"
tui_keys Enter
tui_wait_status "p\. 163 "; ok $? "and goes there"

tui_keys q
is "$(tui_wait_exit)" 0 "q quits"

# On at start, off on suspend, on when continued, off at exit: seen in the
# output of a reader started from a shell (its own bracketed paste off).
tui_shell 80 24
tui_type "bind 'set enable-bracketed-paste off'"
tui_keys Enter
: >"$TEST_TMP/raw"
tmux_ pipe-pane -o -t "run$TUI_RUNS" "cat >>'$TEST_TMP/raw'"
tui_run_in_shell
tui_wait_for "2 地方行动"
wait_mode h; ok $? "bracketed paste is on while the reader runs"
tui_keys C-z
wait_mode l; ok $? "suspended (C-z): off"
tui_type "fg"
tui_keys Enter
tui_wait_for "2 地方行动"
wait_mode h; ok $? "continued: on again"
tui_keys q
is "$(tui_shell_status)" 0 "q quits"
is "$(last_mode)" l "off after the reader exits"

done_testing
