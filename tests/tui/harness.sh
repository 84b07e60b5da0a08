# Drives the reader in a private tmux server: start it in a window of a
# fixed size, send keys, read the screen. The tests source this file after
# tests/lib.sh; run as a test itself, it checks that the harness works.
#
# Screens are only ever waited for: polled until what must appear does,
# within TUI_WAIT seconds of real time; a timeout is a failure, never a step.

if [ "${TUI_HARNESS_SOURCED:-}" != 1 ]; then
	. "$TESTS_SRCDIR/lib.sh"
fi

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

TUI_SOCKET="shuzhi-test-$$"
# The server's socket lives in the test's own folder, removed at the end.
TMUX_TMPDIR="$TEST_TMP"
export TMUX_TMPDIR
TUI_CONF="$TEST_TMP/tmux.conf"
TUI_WAIT=${TUI_WAIT:-15}	# seconds before a wait gives up
TUI_RUNS=0

# The tmux server and the temporary folder go when the test ends.
trap 'tmux -L "$TUI_SOCKET" kill-server >/dev/null 2>&1; rm -rf "$TEST_TMP"' EXIT

# No status line (the window is the pane), Esc reaches the program at once,
# and the server stays up between windows (a window closing must not take
# it down while the next one starts).
cat >"$TUI_CONF" <<'EOF'
set -g exit-empty off
set -g status off
set -g escape-time 0
set -g default-terminal tmux-256color
EOF

# tmux_ ARGS: runs tmux on the private server.
tmux_() {
	tmux -L "$TUI_SOCKET" -f "$TUI_CONF" "$@"
}

# tui_start COLS ROWS [VAR=VALUE]... [-- SHUZHI-ARGS...]: starts the reader
# on the bundled issue (or $TUI_ISSUE) in a new window of that size (the old one is closed
# first). When the reader exits, the window shows "[exit STATUS]" and
# "[tty restored]" or "[tty changed]" as the terminal's modes compare with
# those before it started.
tui_start() {
	cols=$1 rows=$2
	shift 2
	tui_stop
	TUI_RUNS=$((TUI_RUNS + 1))
	script="$TEST_TMP/run$TUI_RUNS.sh"
	{
		printf 'modes=$(stty -g)\n'
		printf 'env LC_ALL=C.UTF-8'
		while [ $# -gt 0 ] && [ "$1" != "--" ]; do
			printf " '%s'" "$1"
			shift
		done
		[ "${1:-}" = "--" ] && shift
		printf " '%s'" "$SHUZHI"
		for a in "$@"; do printf " '%s'" "$a"; done
		printf " '%s'\n" "${TUI_ISSUE:-$ISSUE}"
		printf 'st=$?\n'
		printf 'if [ "$(stty -g)" = "$modes" ]; then tty=restored; else tty=changed; fi\n'
		printf 'echo "[exit $st]"; echo "[tty $tty]"\nexec sleep 3600\n'
	} >"$script"
	tmux_ new-session -d -s "run$TUI_RUNS" -x "$cols" -y "$rows" "sh '$script'"
}

# tui_shell COLS ROWS: starts an interactive shell with job control in a new
# window; tui_run_in_shell then starts the reader from it as a job.
tui_shell() {
	tui_stop
	TUI_RUNS=$((TUI_RUNS + 1))
	tmux_ new-session -d -s "run$TUI_RUNS" -x "$1" -y "$2" \
	    "env PS1='$ ' LC_ALL=C.UTF-8 bash --norc --noprofile -i"
}

# tui_run_in_shell: types the command that starts the reader into the shell.
tui_run_in_shell() {
	tui_type "'$SHUZHI' '$ISSUE'"
	tui_keys Enter
}

# tui_shell_status: once the reader's job has ended, prints its exit status
# (asked of the shell).
tui_shell_status() {
	tui_until "the reader's process to end" tui_reader_gone >&2 || return 1
	tui_keys C-l
	tui_type 'echo "[exit $?]"'
	tui_keys Enter
	tui_wait_exit
}

# tui_reader_gone: succeeds when no reader runs in the window.
tui_reader_gone() {
	[ -z "$(tui_pid)" ]
}

# tui_stop: closes the window, whatever runs in it.
tui_stop() {
	if [ "$TUI_RUNS" -gt 0 ]; then
		tmux_ kill-session -t "run$TUI_RUNS" >/dev/null 2>&1 || :
	fi
}

# tui_screen: prints the screen as text.
tui_screen() {
	tmux_ capture-pane -p -t "run$TUI_RUNS"
}

# tui_screen_attrs: prints the screen with its attributes as escapes.
tui_screen_attrs() {
	tmux_ capture-pane -p -e -t "run$TUI_RUNS"
}

# tui_keys KEY...: sends keys (tmux names: Enter, Escape, Space, C-l ...).
tui_keys() {
	tmux_ send-keys -t "run$TUI_RUNS" "$@"
}

# tui_type TEXT: types text literally.
tui_type() {
	tmux_ send-keys -t "run$TUI_RUNS" -l "$1"
}

# tui_resize COLS ROWS: resizes the window.
tui_resize() {
	tmux_ resize-window -t "run$TUI_RUNS" -x "$1" -y "$2"
}

# tui_pid: prints the reader's process ID (while it runs).
tui_pid() {
	shell=$(tmux_ display-message -p -t "run$TUI_RUNS" '#{pane_pid}')
	ps -o pid=,comm= --ppid "$shell" | awk '$2 == "shuzhi" { print $1; exit }'
}

# tui_clock: prints the real time in milliseconds.
tui_clock() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		_tc=${EPOCHREALTIME%[.,]*}${EPOCHREALTIME#*[.,]}
		echo $((_tc / 1000))
	else
		date +%s%3N
	fi
}

# tui_until WHAT COMMAND...: runs COMMAND every 50 ms until it succeeds, for
# at most TUI_WAIT seconds of real time; then reports that it timed out
# waiting for WHAT, shows the screen and returns 1.
tui_until() {
	_tu_what=$1
	shift
	_tu_deadline=$(($(tui_clock) + TUI_WAIT * 1000))
	while :; do
		"$@" && return 0
		[ "$(tui_clock)" -lt "$_tu_deadline" ] || break
		sleep 0.05
	done
	diag "timed out after ${TUI_WAIT} s waiting for $_tu_what"
	tui_screen | sed 's/^/#   | /'
	return 1
}

# tui_shows TEXT: succeeds when the screen shows TEXT (fixed string).
tui_shows() {
	tui_screen | grep -qF -- "$1"
}

# tui_highlighted TEXT: succeeds when TEXT is on the screen in a hit's
# colours (black on yellow) or, without colours, in reverse video.
tui_highlighted() {
	tui_screen_attrs | grep -q "$(printf '\033')\[\([0-9]*;\)*\(43\|7\)m\($(printf '\033')\[[0-9;]*m\)*$1"
}

# tui_wait_for TEXT: waits until the screen shows TEXT (fixed string).
tui_wait_for() {
	tui_until "$1" tui_shows "$1"
}

# tui_wait_gone TEXT: waits until the screen no longer shows TEXT.
tui_wait_gone() {
	tui_until "this to go: $1" tui_shows_not "$1"
}

# tui_shows_not TEXT: succeeds when the screen does not show TEXT.
tui_shows_not() {
	! tui_shows "$1"
}

# tui_line_matches N PATTERN: succeeds when screen line N matches PATTERN.
tui_line_matches() {
	tui_screen | sed -n "$1p" | grep -qE -- "$2"
}

# tui_wait_line N PATTERN: waits until screen line N (1-based) matches the
# extended regular expression PATTERN.
tui_wait_line() {
	tui_until "line $1 to match: $2" tui_line_matches "$1" "$2"
}

# tui_exited: succeeds when the window shows the reader's exit status, and
# sets tui_exit_status to it.
tui_exited() {
	tui_exit_status=$(tui_screen | sed -n 's/^.*\[exit \([0-9]*\)\].*$/\1/p' | head -n 1)
	[ -n "$tui_exit_status" ]
}

# tui_wait_exit: waits until the reader exits; prints its exit status.
tui_wait_exit() {
	tui_until "the reader to exit" tui_exited >&2 || return 1
	echo "$tui_exit_status"
}

# tui_differs BEFORE: succeeds when the screen is not BEFORE.
tui_differs() {
	[ "$(tui_screen)" != "$1" ]
}

# tui_wait_change BEFORE: waits until the screen differs from BEFORE.
tui_wait_change() {
	tui_until "the screen to change" tui_differs "$1"
}

# tui_settled: succeeds when two captures of the screen 50 ms apart agree
# (the reader has painted a whole update), and sets tui_settled_screen.
tui_settled() {
	_ts_before=$(tui_screen)
	sleep 0.05
	tui_settled_screen=$(tui_screen)
	[ "$tui_settled_screen" = "$_ts_before" ]
}

# tui_wait_settled: waits until the screen stops changing; the screen is
# then in tui_settled_screen.
tui_wait_settled() {
	tui_until "the screen to stop changing" tui_settled
}

# tui_prompt_shown: succeeds when the shell's prompt, with nothing typed
# after it, is the screen's last non-blank line (capture-pane drops the
# prompt's trailing space).
tui_prompt_shown() {
	[ "$(tui_status)" = '$' ]
}

# tui_wait_prompt: waits until the shell in the window (tui_shell) waits
# for a command.
tui_wait_prompt() {
	tui_until "the shell's prompt" tui_prompt_shown
}

# tui_status: prints the status line (the last non-blank line).
tui_status() {
	tui_screen | grep -v '^ *$' | tail -n 1
}

# tui_article_lines: prints the article pane's lines, trimmed: the part
# right of the contents' frame when there is one.
tui_article_lines() {
	tui_screen | sed '$d' | sed -e 's/^.*│//' -e 's/^ *//' -e 's/ *$//'
}

# tui_article_top: prints the first line of the article pane.
tui_article_top() {
	tui_article_lines | head -n 1
}

# tui_status_matches PATTERN: succeeds when the status line matches PATTERN.
tui_status_matches() {
	tui_status | grep -qE -- "$1"
}

# tui_wait_status PATTERN: waits until the status line matches PATTERN (ERE).
tui_wait_status() {
	tui_until "the status line to match: $1" tui_status_matches "$1"
}

# tui_selected: prints the first line shown in reverse video, as text.
tui_selected() {
	esc=$(printf '\033')
	tui_screen_attrs | grep -m 1 "$esc\[\([0-9]*;\)*7[;m]" | sed "s/$esc\[[0-9;]*m//g"
}

# tui_selected_holds TEXT: succeeds when the line in reverse video holds TEXT.
tui_selected_holds() {
	tui_selected | grep -qF -- "$1"
}

# tui_wait_selected TEXT: waits until the line in reverse video holds TEXT.
tui_wait_selected() {
	tui_until "the selection to hold: $1" tui_selected_holds "$1" && return 0
	diag "it holds: $(tui_selected)"
	return 1
}

# tui_top_is TEXT: succeeds when the article's first line is TEXT.
tui_top_is() {
	[ "$(tui_article_top)" = "$1" ]
}

# tui_top_is_not TEXT: succeeds when the article's first line is not TEXT.
tui_top_is_not() {
	[ "$(tui_article_top)" != "$1" ]
}

# tui_wait_top TEXT: waits until the article's first line is TEXT.
tui_wait_top() {
	tui_until "the article's top line to be: $1" tui_top_is "$1"
}

# tui_wait_top_change TEXT: waits until the article's first line is not TEXT.
tui_wait_top_change() {
	tui_until "the article's top line to change from: $1" tui_top_is_not "$1"
}

# Run directly (as a test), check the harness itself.
if [ "${TUI_HARNESS_SOURCED:-}" != 1 ]; then
	tui_start 40 10 -- --version
	st=$(tui_wait_exit); ok $? "a program run in the window exits"
	is "$st" 0 "its exit status is read"
	tui_screen | grep -q "shuzhi"; ok $? "its output is on the screen"
	tui_start 80 24
	tui_wait_for "国家部署"; ok $? "the reader starts in a private tmux server"
	is "$(tmux_ display-message -p -t "run$TUI_RUNS" '#{window_width}x#{window_height}')" \
	    "80x24" "the window has the size asked for"
	pid=$(tui_pid)
	kill -0 "$pid"; ok $? "the reader's process is known"
	tui_keys q
	st=$(tui_wait_exit); ok $? "q ends the reader"
	is "$st" 0 "with exit status 0"
	kill -0 "$pid" 2>/dev/null; ok $((!$?)) "its process is gone"
	done_testing
fi
