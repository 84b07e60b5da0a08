# Drives the reader in a private tmux server: start it in a window of a
# fixed size, send keys, read the screen. The tests source this file after
# tests/lib.sh; run as a test itself, it checks that the harness works.
#
# Screens are only ever waited for (polling with a timeout), never timed.

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
	i=0
	while [ -n "$(tui_pid)" ] && [ $i -lt $((TUI_WAIT * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	tui_keys C-l
	tui_type 'echo "[exit $?]"'
	tui_keys Enter
	tui_wait_exit
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

# tui_wait_for TEXT: waits until the screen shows TEXT (fixed string).
tui_wait_for() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		tui_screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for: $1"
	tui_screen | sed 's/^/#   | /'
	return 1
}

# tui_wait_gone TEXT: waits until the screen no longer shows TEXT.
tui_wait_gone() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		tui_screen | grep -qF -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for this to go: $1"
	return 1
}

# tui_wait_line N PATTERN: waits until screen line N (1-based) matches the
# extended regular expression PATTERN.
tui_wait_line() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		tui_screen | sed -n "$1p" | grep -qE -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for line $1 to match: $2"
	tui_screen | sed 's/^/#   | /'
	return 1
}

# tui_wait_exit: waits until the reader exits; prints its exit status.
tui_wait_exit() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		st=$(tui_screen | sed -n 's/^.*\[exit \([0-9]*\)\].*$/\1/p' | head -n 1)
		if [ -n "$st" ]; then
			echo "$st"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for the reader to exit" >&2
	tui_screen | sed 's/^/#   | /' >&2
	return 1
}

# tui_wait_change BEFORE: waits until the screen differs from BEFORE.
tui_wait_change() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		[ "$(tui_screen)" != "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for the screen to change"
	return 1
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

# tui_wait_status PATTERN: waits until the status line matches PATTERN (ERE).
tui_wait_status() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		tui_status | grep -qE -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for the status line to match: $1"
	tui_screen | sed 's/^/#   | /'
	return 1
}

# tui_selected: prints the first line shown in reverse video, as text.
tui_selected() {
	esc=$(printf '\033')
	tui_screen_attrs | grep -m 1 "$esc\[\([0-9]*;\)*7[;m]" | sed "s/$esc\[[0-9;]*m//g"
}

# tui_wait_selected TEXT: waits until the line in reverse video holds TEXT.
tui_wait_selected() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		tui_selected | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for the selection to hold: $1 (it holds: $(tui_selected))"
	return 1
}

# tui_wait_top TEXT: waits until the article's first line is TEXT.
tui_wait_top() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		[ "$(tui_article_top)" = "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for the article's top line to be: $1 (it is: $(tui_article_top))"
	return 1
}

# tui_wait_top_change TEXT: waits until the article's first line is not TEXT.
tui_wait_top_change() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		[ "$(tui_article_top)" != "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for the article's top line to change from: $1"
	return 1
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
