# The help screen lists every binding; the man page documents every key,
# every option, the files, the environment and the exit status.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

MAN="$TESTS_SRCDIR/../assets/shuzhi.1"

# The keys of the spec's table, as the help names them.
SPEC_KEYS="j Down k Up Space f PgDn b PgUp d u g Home G End ] [ Tab t Enter :N_Enter / n N m_x '_x '' Backspace h F1 Esc q"

tui_start 100 60
tui_wait_for "2 地方行动"
tui_keys h
tui_wait_for "shuzhi keys"; ok $? "h shows the help"
help=$(tui_screen)
printf '%s\n' "$help" | grep -q "In the search bar"; ok $? "the help fits a 100x60 window whole"

# The key column: names separated by two spaces or more, a space inside one
# becoming _.
help_keys=$(printf '%s\n' "$help" | grep '^  [^ ]' | cut -c3-20 |
    sed -e 's/ *$//' -e 's/\([^ ]\) \([^ ]\)/\1_\2/g' -e 's/  */\n/g' | grep -v '^$' | sort -u)
# each_listed LIST STRIP WORD...: prints "STATUS WORD" for each WORD, in one
# awk pass; STATUS is 0 when the WORD, the characters STRIP matches taken
# away, is a line of LIST.
each_listed() {
	printf '%s\n' "$1" >"$TEST_TMP/list"
	strip=$2
	shift 2
	printf '%s\n' "$@" | awk -v strip="$strip" 'FNR == NR { listed[$0] = 1; next }
		{ k = $0; if (strip != "") gsub(strip, "", k); print ((k in listed) ? 0 : 1), $0 }' \
	    "$TEST_TMP/list" -
}
each_listed "$help_keys" "" $SPEC_KEYS >"$TEST_TMP/listed"
while read -r status key; do
	ok "$status" "the help lists the key $key"
done <"$TEST_TMP/listed"
printf '%s\n' "$help" | grep -qF "Ctrl-L"; ok $? "the help lists Ctrl-L"
tui_keys Escape
tui_wait_gone "shuzhi keys"
tui_keys F1
tui_wait_for "shuzhi keys"; ok $? "F1 shows the same help"
is "$(tui_screen)" "$help" "F1's help is h's help"

# In a small window the help scrolls to its end.
tui_resize 60 12
tui_wait_for "shuzhi keys"
tui_keys G
tui_wait_for "close the bar, keeping the place"; ok $? "a small window's help scrolls to its end"
tui_keys g
tui_wait_for "shuzhi keys"; ok $? "and back to its top"
tui_keys q
tui_wait_gone "shuzhi keys"
tui_keys q
tui_wait_exit >/dev/null

# The man page's keys: the line after each .TP of the KEYS section, without
# roff, split at commas, spaces removed.
man_keys=$(sed -n '/^\.SH KEYS/,/^\.SH FILES/p' "$MAN" | grep -A1 '^\.TP' | grep -v '^\.TP' |
    grep -v '^--' | sed -e 's/^\.[A-Z]* *//' -e 's/\\(aq/'"'"'/g' -e 's/\\-/-/g' \
    -e 's/\\f[BIRP]//g' -e 's/"//g' | tr ',' '\n' | tr -d ' ' | grep -v '^$' | sort -u)
each_listed "$man_keys" _ $help_keys >"$TEST_TMP/documented"
while read -r status key; do
	ok "$status" "the man page documents the key $key"
done <"$TEST_TMP/documented"

# Options: the spec's, and whatever --help lists.
for opt in --toc --article= --page= --search= --limit= --width= --reindex --color -h --help -V --version; do
	sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$MAN" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' |
	    grep -qF -- "$opt"
	ok $? "the man page documents $opt"
done
for opt in $("$SHUZHI" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	sed -e 's/\\-/-/g' "$MAN" | grep -qF -- "$opt"; ok $? "the man page documents $opt (from --help)"
done

# Files, environment, exit status.
section() {
	sed -n "/^\.SH $1/,/^\.SH /p" "$MAN"
}
section FILES | grep -q 'XDG_CACHE_HOME/shuzhi'; ok $? "FILES: the cache folder"
section FILES | grep -q 'XDG_STATE_HOME/shuzhi'; ok $? "FILES: the state folder"
for var in XDG_CACHE_HOME XDG_STATE_HOME NO_COLOR TERM; do
	section ENVIRONMENT | grep -q "^\.B $var"; ok $? "ENVIRONMENT: $var"
done
for st in 0 1 2; do
	section "EXIT STATUS" | grep -qx "\.B $st"; ok $? "EXIT STATUS: $st"
done
if command -v groff >/dev/null 2>&1; then
	warnings=$(groff -k -Tutf8 -man -ww -z "$MAN" 2>&1)
	is "$warnings" "" "groff reads the man page without a warning"
fi

done_testing
