# Each binding of the key table does what it says (search keys: search.sh).
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

tui_start 80 24
tui_wait_for "2 地方行动"; ok $? "the reader starts on the contents"
tui_wait_selected "1.1 "; ok $? "the cursor is on the first article"

# The contents: j k Down Up move the cursor, Enter opens.
tui_keys k
tui_wait_selected "1 国家部署"; ok $? "k: previous entry"
tui_keys j
tui_wait_selected "1.1 "; ok $? "j: next entry"
tui_keys j
tui_wait_selected "1.2 "; ok $? "j: next entry again"
tui_keys k
tui_wait_selected "1.1 "; ok $? "k: previous entry again"
tui_keys Down
tui_wait_selected "1.2 "; ok $? "Down: next entry"
tui_keys Up
tui_wait_selected "1.1 "; ok $? "Up: previous entry"
tui_keys Enter
tui_wait_status "国家部署 › 1\.1 "; ok $? "Enter: opens the selected article"
tui_wait_top "国务院印发《“十四五”数字经济发展规划》"; ok $? "the article starts with its title"
tui_article_lines | sed -n 2p | grep -q "^来源"; ok $? "the source line is shown under the title"

# The article: lines, pages, half pages.
title=$(tui_article_top)
tui_keys j
tui_wait_top_change "$title"; ok $? "j: a line down"
second=$(tui_article_top)
tui_keys k
tui_wait_top "$title"; ok $? "k: a line up"
tui_keys Down
tui_wait_top "$second"; ok $? "Down: a line down"
tui_keys Up
tui_wait_top "$title"; ok $? "Up: a line up"
page1=$(tui_article_lines | sed -n 23p)
tui_keys Space
tui_wait_top "$page1"; ok $? "Space: a page down (the last line comes on top)"
top=$(tui_article_top)
tui_keys b
tui_wait_top "$title"; ok $? "b: a page up"
tui_keys f
tui_wait_top "$top"; ok $? "f: a page down"
tui_keys PPage
tui_wait_top "$title"; ok $? "PgUp: a page up"
tui_keys NPage
tui_wait_top "$top"; ok $? "PgDn: a page down"
tui_keys b
tui_wait_top "$title"
half=$(tui_article_lines | sed -n 12p)
tui_keys d
tui_wait_top_change "$title"; ok $? "d: half a page down"
tui_article_lines | sed -n 1,2p | grep -qxF -- "$half"; ok $? "d: the middle line comes to the top"
tui_keys u
tui_wait_top "$title"; ok $? "u: half a page up"
tui_keys G
tui_wait_status "100%"; ok $? "G: the end of the article"
tui_screen | grep -q "— end · Space: 1.2"; ok $? "the end says where Space goes"
tui_keys g
tui_wait_top "$title"; ok $? "g: the top of the article"
tui_keys End
tui_wait_status "100%"; ok $? "End: the end of the article"
tui_keys Home
tui_wait_top "$title"; ok $? "Home: the top of the article"

# Articles: ] [ and Space at the end.
tui_keys ']'
tui_wait_status "› 1\.2 "; ok $? "]: the next article"
tui_keys '['
tui_wait_status "› 1\.1 "; ok $? "[: the previous article"
tui_keys G
tui_wait_status "100%"
tui_keys Space
tui_wait_status "› 1\.2 "; ok $? "Space at an article's end continues into the next"
tui_wait_top "国务院办公厅印发《全国一体化政务服务平台移动端建设"; ok $? "the next article opens at its top"

# Focus and the contents pane.
tui_keys Tab
tui_wait_selected "1.2 "; ok $? "Tab: the contents take the focus, on the open article"
tui_keys j
tui_wait_selected "1.3 "; ok $? "with the focus there, j moves in the contents"
tui_status | grep -q "› 1\.2 "; ok $? "and the article stays"
tui_keys Tab
tui_keys j
tui_wait_top_change "国务院办公厅印发《全国一体化政务服务平台移动端建设"
ok $? "Tab: the article takes the focus back"
tui_keys t
tui_wait_gone "│"; ok $? "t: hides the contents"
tui_keys t
tui_wait_for "│"; ok $? "t: shows them again"
tui_keys Tab

# Printed pages.
tui_keys : 1 5 4 Enter
tui_wait_status "p\. 154 of 174"; ok $? ":154 Enter: printed page 154"
tui_status | grep -q "› 2\.7 "; ok $? "page 154 is where 2.7 begins"
tui_keys : 9 9 9 Enter
tui_wait_status "No page 999"; ok $? ":999: there is no such page"
tui_keys : 1 5
tui_wait_for ":15"; ok $? ": opens the page prompt"
tui_keys Escape
tui_wait_gone ":15"; ok $? "Esc closes the prompt"
tui_status | grep -q "› 2\.7 "; ok $? "and nothing moves"

# Marks and the history of jumps.
tui_keys m a
tui_wait_status "Mark a set"; ok $? "m a: sets mark a"
tui_keys : 2 0 Enter
tui_wait_status "› 1\.2 "
tui_keys "'" a
tui_wait_status "› 2\.7 "; ok $? "' a: jumps to mark a"
tui_keys "'" "'"
tui_wait_status "› 1\.2 "; ok $? "'': back to where it was before the jump"
tui_keys "'" "'"
tui_wait_status "› 2\.7 "; ok $? "'' again: and back"
tui_keys "'" z
tui_wait_status "Mark z is not set"; ok $? "' z: an unset mark says so"
tui_keys BSpace
tui_wait_status "› 1\.2 "; ok $? "Backspace: back through the jumps"
tui_keys BSpace
tui_wait_status "› 2\.7 "; ok $? "Backspace: further back"

# Help, redraw, quit.
tui_keys h
tui_wait_for "shuzhi keys"; ok $? "h: the help"
tui_keys Escape
tui_wait_gone "shuzhi keys"; ok $? "Esc closes the help"
tui_keys F1
tui_wait_for "shuzhi keys"; ok $? "F1: the help"
tui_keys q
tui_wait_gone "shuzhi keys"; ok $? "q closes the help (and does not quit)"
before=$(tui_screen | sed '$d')
tui_keys C-l x
tui_wait_status "h shows the keys"; ok $? "a key with no command points to the help"
is "$(tui_screen | sed '$d')" "$before" "Ctrl-L redraws the same screen"
tui_keys q
is "$(tui_wait_exit)" 0 "q quits"

done_testing
