# Signals that end the process by default (SIGQUIT, SIGUSR1, SIGUSR2,
# SIGPIPE, SIGALRM, SIGXCPU ...): the reader ends through its loop, the
# terminal restored and the place saved, as on SIGTERM.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# pane FORMAT: prints a tmux format of the reader's pane.
pane() {
	tmux_ display-message -p -t "run$TUI_RUNS" "$1"
}

# Each signal moves the place on by one article first, so that the next
# start shows whether it was saved.
tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys : 3 0 Enter
tui_wait_status "› 1\.3 "
article=3
for sig in QUIT USR1 PIPE ALRM USR2 XCPU; do
	article=$((article + 1))
	tui_keys ']'
	tui_wait_status "› 1\.$article "
	kill -"$sig" "$(tui_pid)"
	status=$(tui_wait_exit)
	[ -n "$status" ] && [ "$status" -lt 128 ]; ok $? "SIG$sig: the reader ends by itself (status $status)"
	tui_wait_for "[tty restored]"; ok $? "SIG$sig: the terminal's modes are restored"
	is "$(pane '#{alternate_on}')" 0 "SIG$sig: back to the normal screen"
	tui_start 80 24
	tui_wait_status "› 1\.$article "; ok $? "SIG$sig: the place was saved"
done

done_testing
