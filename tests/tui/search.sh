# Search as you type, open a hit highlighted, walk the hits with n and N.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"


tui_start 80 24
tui_wait_for "2 地方行动"
tui_keys : 3 0 Enter
tui_wait_status "› 1\.3 "
before=$(tui_article_top)

tui_keys /
tui_wait_for "Type to search"; ok $? "/ opens the search bar with a hint"
tui_type "紫"
tui_wait_for "/ 紫"; ok $? "the query shows as it is typed"
tui_wait_for " 1/"; ok $? "results come with the first character"
tui_type "金山"
tui_wait_for "/ 紫金山"
tui_type "实验室"
tui_wait_for "/ 紫金山实验室"
tui_wait_line 24 " 1/2$"; ok $? "results update on each key: two articles"
screen=$(tui_screen)
printf '%s\n' "$screen" | grep -q "^ 2\.9  *p\.[0-9]"; ok $? "a result shows its article and page"
printf '%s\n' "$screen" | grep -q "^ 2\.6  *p\.[0-9]"; ok $? "the other article is listed"
printf '%s\n' "$screen" | grep -A1 "^ 2\.9 " | grep -q "紫金山实验室"; ok $? "a result shows a snippet with the hit"
tui_highlighted "紫金山实验室"; ok $? "the hit is marked in the snippet"
tui_wait_selected "2.9"; ok $? "the first result is selected"
tui_keys C-n
tui_wait_selected "2.6"; ok $? "C-n selects the next result"
tui_keys C-p
tui_wait_selected "2.9"; ok $? "C-p selects the previous one"
tui_keys Enter
tui_wait_status "in 2\.9 "; ok $? "Enter opens the selected hit's article"
tui_wait_gone "/ 紫金山实验室"; ok $? "the bar closes"
tui_screen | grep -q "紫金山实验室"; ok $? "the hit is in view"
tui_highlighted "紫金山实验室"; ok $? "the hit is highlighted in the article"

tui_keys n
tui_wait_status "Hit 1 of [0-9]+ in 2\.6"; ok $? "n: the next hit, in the other article"
tui_highlighted "紫金山实验室"; ok $? "the hit is highlighted there too"
tui_keys N
tui_wait_status "in 2\.9"; ok $? "N: back to the previous hit"
tui_keys n n
tui_wait_status "wrapped around"; ok $? "n past the last hit wraps around to the first result"
tui_status | grep -q "in 2\.9"; ok $? "which is 2.9 again"

# / opens with the last query ready to edit; Esc closes the bar and keeps
# the place. An Esc is waited out before the next key: Esc and a key in one
# write are Alt+key.
tui_keys : 3 0 Enter
tui_wait_status "› 1\.3 "
tui_wait_top "$before"
tui_keys /
tui_wait_line 24 "^ *[/] 紫金山实验室 "; ok $? "/ opens with the last query opened, ready to edit"
tui_keys C-u
tui_wait_for "Type to search"; ok $? "Ctrl-U empties the bar"
tui_type "数据"
tui_wait_line 24 "^ *[/] 数据 .* 1/[0-9]+$"; ok $? "a new query finds results"
tui_keys Escape
tui_wait_gone "/ 数据"; ok $? "Esc closes the bar"
tui_status | grep -q "› 1\.3 "; ok $? "Esc keeps the article"
is "$(tui_article_top)" "$before" "Esc keeps the place"

# Nothing found; n and N go on with the last search after Esc, as in less.
tui_keys /
tui_wait_line 24 "^ *[/] 紫金山实验室 "
tui_keys C-u
tui_wait_for "Type to search"
tui_type "zzzqqqxyz"
tui_wait_for "Nothing found"; ok $? "a query with no hit says so"
tui_keys Enter
tui_wait_for "Nothing to open"; ok $? "Enter on no result says so"
tui_keys C-u
tui_wait_gone "zzzqqqxyz"; ok $? "Ctrl-U clears the query"
tui_type "紫金山实验室"
tui_wait_line 24 " 1/2$"; ok $? "a query pasted at once finds what it typed one by one does"
tui_keys C-u
tui_wait_for "Type to search"
tui_keys Escape
tui_wait_gone "Type to search"
tui_keys n
tui_wait_status "Hit"; ok $? "n still walks the last search opened"
tui_keys Escape
tui_wait_status "Highlights hidden"; ok $? "Esc hides the highlights"
tui_highlighted "紫金山实验室"; ok $((!$?)) "no hit is highlighted any more"
tui_keys n
tui_wait_status "Hit"; ok $? "n after Esc goes on with the search"
tui_highlighted "紫金山实验室"; ok $? "and shows the hits again"

# Latin words, any case; a query with nothing searchable.
tui_keys /
tui_wait_for "/ 紫金山实验室"
tui_keys C-u
tui_wait_for "Type to search"
tui_type "IPV6"
tui_wait_line 24 "^ *[/] IPV6 .* 1/[0-9]+$"; ok $? "a Latin word finds results whatever its case"
tui_keys BSpace BSpace BSpace BSpace
tui_wait_for "Type to search"; ok $? "Backspace deletes the query character by character"
tui_type "-"
tui_wait_for "Nothing found"; ok $? "a query with nothing searchable finds nothing, and no error"
tui_keys Escape
tui_wait_gone "Nothing found"
tui_keys q
is "$(tui_wait_exit)" 0 "quits"

done_testing
