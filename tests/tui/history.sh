# Esc keeps the last search for n and N; / opens with the last query;
# Up and Down walk a search history kept in the state folder.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys /
tui_type "算力"
tui_wait_for "/ 算力"
tui_keys Enter
tui_wait_status "Hit 1 of"; ok $? "/算力 Enter opens a hit"
tui_keys Escape
tui_wait_status "Highlights hidden"; ok $? "Esc hides the highlights"
tui_keys n
tui_wait_status "Hit 2 of"; ok $? "n after Esc goes on with the search"
tui_keys N
tui_wait_status "Hit 1 of"; ok $? "N too"
tui_keys /
tui_wait_for "/ 算力"; ok $? "/ opens with the last query ready to edit"
tui_keys C-u
tui_type "税收"
tui_wait_for "/ 税收"
tui_keys Enter
tui_wait_status "Hit 1 of"
tui_keys /
tui_wait_for "/ 税收"
tui_keys Up
tui_wait_for "/ 算力"; ok $? "Up: the search before"
tui_keys Down
tui_wait_for "/ 税收"; ok $? "Down: the newer one"
tui_keys C-u
tui_type "数据"
tui_keys Up Down
tui_wait_for "/ 数据"; ok $? "Down past the newest: what was typed"
tui_keys Escape
tui_wait_gone "/ 数据"
tui_keys n
tui_wait_status "税收|Hit"; ok $? "Esc in the bar keeps the last search for n"
tui_keys q
tui_wait_exit >/dev/null

test -f "$XDG_STATE_HOME/shuzhi/search-history"; ok $? "the history is kept in the state folder"
is "$(cat "$XDG_STATE_HOME/shuzhi/search-history")" "$(printf '算力\n税收')" \
    "one query a line, newest last; what was not run is not kept"

# A new reader walks the same history.
tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys /
tui_wait_for "/ 税收"; ok $? "a new reader's / opens with the last query run"
tui_keys Up
tui_wait_for "/ 算力"; ok $? "and Up walks the kept history"
tui_keys Escape
tui_wait_gone "/ 算力"
tui_keys q
tui_wait_exit >/dev/null

# ? searches too; n then walks backward.
tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys '?'
tui_wait_for "? 税收"; ok $? "? opens the bar, marked ?"
tui_keys Enter
tui_wait_status "Hit 1 of ([0-9]+)"
n=$(tui_status | sed -n 's/.*Hit 1 of \([0-9]*\).*/\1/p')
tui_keys n
if [ "${n:-1}" -gt 1 ]; then
	tui_wait_status "wrapped|Hit [0-9]+ of"; ok $? "after ?, n walks backward (from hit 1: back round)"
else
	tui_wait_status "Hit|wrapped"; ok $? "after ?, n walks backward"
fi
tui_status | grep -q "Hit 2 of"; ok $((!$?)) "after ?, n does not go to hit 2"
tui_keys q
tui_wait_exit >/dev/null

done_testing
