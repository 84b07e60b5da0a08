# Escape sequences the reader does not bind are read whole and ignored,
# whatever the terminal type; bracketed paste is only ever text.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# Raw sequences, as terminals send them: Ctrl/Shift/Alt + arrows, PgDn and
# Home/End with a modifier, F12, an unknown SS3 key, Alt+key, a CSI u key.
SEQUENCES='\033[1;5C \033[1;5D \033[1;2B \033[1;3A \033[6;5~ \033[24~ \033[1;2P \033[1;5H \033[1;2F \033Ox \033x \033[200;5u'

for term in screen xterm-256color; do
	tui_start 80 24 TERM=$term
	tui_wait_for "2 地方行动"
	tui_keys Enter
	tui_wait_status "› 1\.1 "; ok $? "TERM=$term: 1.1 opens"
	tui_keys j j j
	tui_wait_status "› 1\.1 "
	top=$(tui_article_top)
	for seq in $SEQUENCES; do
		tui_type "$(printf "$seq")"
	done
	# A key that shows a message tells that everything before it was read.
	tui_keys x
	tui_wait_status "No command on x"; ok $? "TERM=$term: the keys after the sequences are read"
	is "$(tui_article_top)" "$top" "TERM=$term: no sequence moved the article"
	tui_status | grep -q "› 1\.1 \|No command on x"; ok $? "TERM=$term: still in 1.1 (no [ or ] taken)"
	tui_screen | grep -q "No command on \[\|No command on ;\|No command on C\|No command on O"
	ok $((!$?)) "TERM=$term: no part of a sequence is taken for a key"
	tui_keys q
	is "$(tui_wait_exit)" 0 "TERM=$term: quits cleanly"
done

# Home and End where the terminfo entry lacks them (vt100): still Home and End.
tui_start 80 24 TERM=vt100
tui_wait_for "2 地方行动"
tui_keys Enter
tui_wait_status "› 1\.1 "
tui_type "$(printf '\033[4~')"
tui_wait_status "100%"; ok $? "TERM=vt100: ESC [ 4 ~ is End"
tui_type "$(printf '\033[1~')"
tui_wait_status "p\. 1 of"; ok $? "TERM=vt100: ESC [ 1 ~ is Home"
tui_keys q
tui_wait_exit >/dev/null

# A lone Esc is still Esc: it closes the bar.
tui_start 80 24 TERM=screen
tui_wait_for "2 地方行动"
tui_keys /
tui_wait_for "Type to search"
tui_keys Escape
tui_wait_gone "Type to search"; ok $? "a lone Esc closes the search bar"
tui_keys q
tui_wait_exit >/dev/null

done_testing
