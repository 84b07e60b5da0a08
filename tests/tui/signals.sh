# Signals: the terminal is always restored; SIGINT ends the reader cleanly,
# SIGTSTP stops it with the terminal restored and SIGCONT brings it back.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# pane FORMAT: prints a tmux format of the reader's pane.
pane() {
	tmux_ display-message -p -t "run$TUI_RUNS" "$1"
}

# stopped PID: succeeds when the process is stopped (state T).
stopped() {
	case $(ps -o stat= -p "$1") in T*) return 0 ;; esac
	return 1
}

# After q: normal screen, cursor shown, modes as before.
tui_start 80 24
tui_wait_for "2 地方行动"
is "$(pane '#{alternate_on}')" 1 "the reader draws on the alternate screen"
tui_keys q
is "$(tui_wait_exit)" 0 "q: exit status 0"
tui_wait_for "[tty restored]"; ok $? "q: the terminal's modes are restored"
is "$(pane '#{alternate_on}')" 0 "q: back to the normal screen"
is "$(pane '#{cursor_flag}')" 1 "q: the cursor is shown"

# SIGINT.
tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys : 3 0 Enter
tui_wait_status "› 1\.3 "
kill -INT "$(tui_pid)"
is "$(tui_wait_exit)" 130 "SIGINT: the reader ends, status 130"
tui_wait_for "[tty restored]"; ok $? "SIGINT: the terminal's modes are restored"
is "$(pane '#{alternate_on}')" 0 "SIGINT: back to the normal screen"
tui_start 80 24
tui_wait_status "› 1\.3 "; ok $? "SIGINT: the place was saved"

# SIGTSTP where no shell has job control (the reader's process group is
# orphaned, the system discards the stop): the reader goes on.
pid=$(tui_pid)
kill -TSTP "$pid"
tui_keys ']'
tui_wait_status "› 1\.4 "; ok $? "SIGTSTP without job control: the reader goes on"
kill -0 "$pid"; ok $? "and still runs"

# SIGSTOP from outside and SIGCONT: a full repaint. While the reader is
# stopped, text written straight to its terminal lands on the screen (in
# the contents pane, which no key below changes); only a repaint of the
# whole screen takes it away.
kill -STOP "$pid"
tui_until "the reader to stop" stopped "$pid"
printf '\033[20;3HGARBAGE-WRITTEN' >"$(pane '#{pane_tty}')"
tui_wait_for "GARBAGE-WRITTEN"; ok $? "SIGSTOP: text written to the terminal shows"
kill -CONT "$pid"
tui_wait_gone "GARBAGE-WRITTEN"; ok $? "SIGCONT: the screen is repainted whole"
tui_keys '['
tui_wait_status "› 1\.3 "; ok $? "SIGSTOP then SIGCONT: the reader goes on"

# SIGTERM while a prompt and the search bar are open.
tui_keys /
tui_type "数据"
tui_wait_line 24 "^ *[/] 数据 .* 1/[0-9]+$"; ok $? "the search bar is open with its results"
kill -TERM "$pid"
is "$(tui_wait_exit)" 0 "SIGTERM with the search bar open: status 0"
tui_wait_for "[tty restored]"; ok $? "SIGTERM: the terminal's modes are restored"

# Job control from an interactive shell: Ctrl-Z stops the reader with the
# terminal restored, fg brings it back; Ctrl-C ends it cleanly.
tui_shell 80 24
tui_wait_prompt
tui_run_in_shell
tui_wait_status "› 1\.3 "; ok $? "started from a shell"
tui_keys C-z
tui_wait_for "Stopped"; ok $? "Ctrl-Z: the reader stops"
is "$(pane '#{alternate_on}')" 0 "Ctrl-Z: the terminal is restored while stopped"
is "$(pane '#{cursor_flag}')" 1 "Ctrl-Z: the cursor is shown while stopped"
tui_type 'echo MODE-$(stty -a | grep -c -- -icanon)'
tui_keys Enter
tui_wait_for "MODE-0"; ok $? "Ctrl-Z: the terminal is in its usual mode"
tui_type "fg"
tui_keys Enter
tui_wait_status "› 1\.3 "; ok $? "fg: the screen comes back"
is "$(pane '#{alternate_on}')" 1 "fg: on the alternate screen again"
tui_keys ']'
tui_wait_status "› 1\.4 "; ok $? "fg: keys work again"
tui_keys C-c
is "$(tui_shell_status)" 130 "Ctrl-C: the reader ends cleanly, status 130 (SIGINT)"
is "$(pane '#{alternate_on}')" 0 "Ctrl-C: back to the normal screen"
tui_type 'echo ECHO-$(stty -a | grep -c -- "-echo ")'
tui_keys Enter
tui_wait_for "ECHO-0"; ok $? "Ctrl-C: the terminal echoes again"
tui_run_in_shell
tui_wait_status "› 1\.4 "; ok $? "Ctrl-C saved the place"
tui_keys C-z
tui_wait_for "Stopped"
pid=$(tui_pid)
kill -HUP "$pid"
tui_keys C-l
tui_type "fg"
tui_keys Enter
is "$(tui_shell_status)" 0 "SIGHUP while stopped: the reader ends when continued"

done_testing
