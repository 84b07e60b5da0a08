# Search without a Chinese input method: the bar says how a pinyin,
# initials or traditional query was read, and the Han hits are marked in
# the results and highlighted in the article.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"


tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys /
tui_wait_for "Type to search"
tui_type "zijinshanshiyanshi"
tui_wait_for "zijinshanshiyanshi → 紫金山实验室"; ok $? "the bar shows how the pinyin was read"
tui_wait_line 24 " 1/2$"; ok $? "pinyin finds the two articles"
tui_highlighted "紫金山实验室"; ok $? "the Han hit is marked in the snippet"
tui_keys Enter
tui_wait_status "in 2\.9 "; ok $? "Enter opens the hit's article"
tui_highlighted "紫金山实验室"; ok $? "the Han hit is highlighted in the article"

tui_keys /
tui_wait_line 24 "^ *[/] zijinshanshiyanshi "
tui_keys C-u
tui_wait_for "Type to search"
tui_type "區塊鏈"
tui_wait_for "區塊鏈 → 区块链"; ok $? "the bar shows the traditional query's simplified form"
tui_keys Escape
tui_wait_gone "/ 區塊鏈"
tui_keys /
tui_wait_line 24 "^ *[/] zijinshanshiyanshi "
tui_keys C-u
tui_wait_for "Type to search"
tui_type "数据"
tui_wait_line 24 "^ *[/] 数据 .* 1/[0-9]+$"
tui_wait_gone "→"; ok $? "a query of the text's own words shows no reading"
tui_keys Escape
tui_wait_gone "/ 数据"
tui_keys q
is "$(tui_wait_exit)" 0 "quits"

done_testing
