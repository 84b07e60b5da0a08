# The place (article and offset) and the marks survive quitting, a dropped
# link (SIGHUP), SIGTERM, and a restart in another window size; state that
# cannot be read or written costs no more than itself.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

STATE="$XDG_STATE_HOME/shuzhi"

# near_top TEXT: succeeds when the start of TEXT is in the article's first lines.
near_top() {
	start=$(printf '%s\n' "$1" | sed -E 's/^(.{6}).*/\1/')
	tui_article_lines | head -n 3 | tr -d '\n' | grep -qF -- "$start"
}

# go_inside PAGE: goes to a printed page and scrolls to a line inside a
# paragraph; prints that line.
go_inside() {
	tui_keys : $(printf '%s' "$1" | sed 's/./& /g') Enter
	tui_wait_status "p\. $1 of" >/dev/null
	n=$(tui_article_lines | awk 'NR >= 4 && prev != "" && $0 != "" { print NR; exit } { prev = $0 }')
	want=$(tui_article_lines | sed -n "${n}p")
	i=1
	while [ $i -lt "$n" ]; do
		tui_keys j
		i=$((i + 1))
	done
	tui_wait_top "$want" >/dev/null
	printf '%s\n' "$want"
}

# Quit and start again, in another size.
tui_start 80 24
tui_wait_for "2 地方行动"
top=$(go_inside 60)
where=$(tui_status | sed -E 's/.*› ([0-9.]+) .*/\1/')
diag "place: $where, top line: $top"
tui_keys q
is "$(tui_wait_exit)" 0 "q quits"
ls "$STATE" | grep -q .; ok $? "the state folder holds the place"
ls "$STATE" | grep -q '\.'; ok $((!$?)) "no temporary file is left behind"
tui_start 120 40
tui_wait_status "› $where "; ok $? "restarted at 120x40: the same article"
near_top "$top"; ok $? "restarted at 120x40: the same text at the top"
tui_keys q
tui_wait_exit >/dev/null
tui_start 80 24
tui_wait_top "$top"; ok $? "restarted at 80x24: exactly the same top line"
tui_keys q
tui_wait_exit >/dev/null

# SIGHUP (the link drops) and SIGTERM save the place.
for sig in HUP TERM; do
	tui_start 80 24
	tui_wait_status "› "
	top=$(go_inside 120)
	where=$(tui_status | sed -E 's/.*› ([0-9.]+) .*/\1/')
	kill -$sig "$(tui_pid)"
	st=$(tui_wait_exit); ok $? "SIG$sig ends the reader"
	tui_start 80 24
	tui_wait_top "$top"; ok $? "SIG$sig saved the place ($where)"
	tui_wait_status "› $where "; ok $? "SIG$sig: the same article"
	tui_keys : 1 Enter
	tui_wait_status "p\. 1 of"
	tui_keys q
	tui_wait_exit >/dev/null
done

# The window closing under the reader (tmux kills the pane: SIGHUP).
tui_start 80 24
tui_wait_status "› "
top=$(go_inside 140)
tmux_ kill-session -t "run$TUI_RUNS"
tui_start 80 24
tui_wait_top "$top"; ok $? "a closed window kept the place"

# Marks persist.
tui_keys m q
tui_wait_status "Mark q set"; ok $? "m q sets a mark (q is a mark's name here)"
tui_keys : 2 0 Enter
tui_wait_status "› 1\.2 "
tui_keys q
tui_wait_exit >/dev/null
tui_start 80 24
tui_wait_status "› 1\.2 "
tui_keys "'" q
tui_wait_top "$top"; ok $? "the mark came back after a restart"
tui_keys "'" "'"
tui_wait_status "› 1\.2 "; ok $? "and '' goes back"
tui_keys q
tui_wait_exit >/dev/null

# A damaged state file loses only itself.
for f in "$STATE"/*; do printf '\001garbage\000\n' >"$f"; done
tui_start 80 24
tui_wait_for "starting afresh"; ok $? "a damaged state file is reported"
tui_wait_for "2 地方行动"; ok $? "and the reader starts on the contents"
tui_keys : 3 0 Enter
tui_wait_status "› 1\.3 "
tui_keys q
tui_wait_exit >/dev/null
tui_start 80 24
tui_wait_status "› 1\.3 "; ok $? "the damaged file was replaced by a good one"
tui_keys q
tui_wait_exit >/dev/null

# A state folder that cannot be written: the reader still reads, says so once.
blocker="$TEST_TMP/not-a-folder"
echo "a file" >"$blocker"
tui_start 80 24 XDG_STATE_HOME="$blocker/state"
tui_wait_for "nothing will be remembered"; ok $? "an unwritable state folder is reported"
tui_wait_for "2 地方行动"; ok $? "and the reader works"
tui_keys j
tui_wait_gone "nothing will be remembered"; ok $? "said once: gone at the next key"
tui_keys : 3 0 Enter
tui_wait_status "› 1\.3 "
tui_keys m a
tui_wait_status "Mark a set"; ok $? "marks still work for the session"
tui_keys q
is "$(tui_wait_exit)" 0 "and it quits cleanly"
tui_screen | grep -q "shuzhi:"; ok $((!$?)) "without a message after the session"

# No HOME nor XDG_STATE_HOME at all.
tui_start 80 24 HOME= XDG_STATE_HOME=
tui_wait_for "nothing will be remembered"; ok $? "no state folder at all is reported"
tui_keys q
is "$(tui_wait_exit)" 0 "and it quits cleanly"

done_testing
