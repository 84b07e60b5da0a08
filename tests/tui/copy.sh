# Copying with the citation: y copies the paragraph at the top of the
# article pane, v selects whole paragraphs (j/k extend, y copies, Esc
# cancels). The copy, the text unwrapped with a blank line between
# paragraphs and then the citation line, reaches the terminal as OSC 52,
# which tmux (set-clipboard on) turns into a paste buffer; the state
# folder's clip file holds it too; the status line says what was copied.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

CLIP="$XDG_STATE_HOME/shuzhi/clip"
buf="$TEST_TMP/buffer"

# go PAGE: goes to a printed page and waits for the status line to show it.
go() {
	tui_keys : $(printf '%s' "$1" | sed 's/./& /g') Enter
	tui_wait_status "p\. $1 of" >/dev/null
}

# wait_buffer TEXT: waits until tmux's newest paste buffer holds TEXT; it
# is then in $buf.
wait_buffer() {
	i=0
	while [ $i -lt $((TUI_WAIT * 10)) ]; do
		tmux_ show-buffer >"$buf" 2>/dev/null && grep -qF -- "$1" "$buf" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "timed out waiting for a paste buffer holding: $1"
	tmux_ list-buffers | sed 's/^/#   /'
	return 1
}

# shown_reversed TEXT: succeeds when a line in reverse video holds TEXT.
shown_reversed() {
	esc=$(printf '\033')
	tui_screen_attrs | grep "$esc\[\([0-9]*;\)*7[;m]" | sed "s/$esc\[[0-9;]*m//g" |
	    grep -qF -- "$1"
}

tmux_ start-server \; set-option -s set-clipboard on

tui_start 80 24
tui_wait_for "2 地方行动" >/dev/null
go 154
tui_wait_status "› 2\.7 " >/dev/null; ok $? "p. 154 is 2.7"
first=$("$SHUZHI" --article=2.7 --width=0 "$ISSUE" | sed -n 3p)
tui_keys y
tui_wait_status "Copied 1 paragraph, p\. 154"; ok $? "y says what it copied"
cite='——《数志》2022年第2期(总第十二期),第154页,《江苏省公共数据管理办法》'
wait_buffer "$cite"; ok $? "y reaches tmux as OSC 52: a paste buffer with the citation"
is "$(sed -n 1p "$buf")" "$first" "the buffer starts with the paragraph at the top, unwrapped"
is "$(sed -n 2p "$buf")" "$cite" "then the citation: 数志, 2022年第2期, p. 154, the title"
grep -q '数志' "$buf" && grep -q '2022年第2期' "$buf" && grep -q '154' "$buf" &&
    grep -q '江苏省公共数据管理办法' "$buf"
ok $? "it names 数志, 2022年第2期, page 154 and the article"
printf '%s\n' "$(cat "$buf")" | cmp -s - "$CLIP"; ok $? "the clip file holds the same, with a line break"
tui_screen | grep -qF "$(printf '\033')"; ok $((!$?)) "no escape shows on the screen"

# A selection across a page break: from the top of p. 24, v, k k, y.
go 24
top=$(tui_article_top)
start=$(printf '%s\n' "$top" | cut -c1-9)
tui_keys v
tui_wait_status "Selecting"; ok $? "v starts a selection"
shown_reversed "$start"; ok $? "the paragraph at the top is shown selected"
tui_keys k k
tui_wait_status "Selected 3 paragraphs"; ok $? "k extends it by paragraphs, upwards"
tui_keys y
tui_wait_status "Copied 3 paragraphs, pp\. 23-24"; ok $? "y copies the selection and says so"
wait_buffer "第23-24页" ; ok $? "into a paste buffer"
is "$(grep -c . "$buf")" 4 "three paragraphs and the citation line"
is "$(awk 'NR == 2 || NR == 4' "$buf" | tr -d '\n')" "" "a blank line between paragraphs"
grep -qF -- "$top" "$buf"; ok $? "the paragraph at the top is the last of them"
tail -n 1 "$buf" | grep -q '^——《数志》2022年第2期(总第十二期),第23-24页,《中共中央 国务院印发〈国家标准化发展纲要〉》$'
ok $? "cited with the page range and the title"
shown_reversed "$start"; ok $((!$?)) "the selection is gone after y"

# j extends downwards; f scrolls, keeping the selection; Esc cancels.
n=$(tmux_ list-buffers | wc -l)
tui_keys v j
tui_wait_status "Selected 2 paragraphs"; ok $? "j extends the selection downwards"
top=$(tui_article_top)
tui_keys f
tui_wait_top_change "$top"; ok $? "f scrolls while selecting"
tui_wait_status "Selected 2 paragraphs"; ok $? "the status line still tells the selection"
tui_keys Escape
tui_wait_status "cancelled"; ok $? "Esc cancels it"
is "$(tmux_ list-buffers | wc -l)" "$n" "and copies nothing"
tui_keys v j f y
tui_wait_status "Copied 2 paragraphs"; ok $? "a selection scrolled with f still copies what was selected"

# The clip file cannot be written: the copy still reaches the clipboard.
rm -f "$CLIP"
mkdir -p "$CLIP"
go 154
tui_keys y
tui_wait_for "but no clip file"; ok $? "an unwritable clip file is reported (a long message, wrapped above the status line)"
wait_buffer "$cite"; ok $? "and the copy still reaches tmux"
tui_keys q
is "$(tui_wait_exit)" 0 "q quits"

done_testing
