# An archive (a folder of issues): the contents list every issue, search
# and n walk across them, and the reader reopens at the issue read last.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

TUI_ISSUE="$TEST_TMP/archive"
mkdir -p "$TUI_ISSUE"
cp "$ISSUE" "$TUI_ISSUE/issue-12.txt"
sed -e 's/总第十二期/总第十三期/g' -e 's/《数志》第12期/《数志》第13期/' -e 's/2022年第2期/2022年第3期/g' \
    "$ISSUE" >"$TUI_ISSUE/issue-13.txt"

tui_start 100 40
tui_wait_for "《数志》2022年第3期"; ok $? "the contents list every issue"
tui_screen | grep -q "12 《数志》2022年第2期"; ok $? "each by its number and title"
tui_screen | grep -q "1 国家部署"; ok $? "the first issue is unfolded"

# Open the other issue from the contents.
tui_keys G
tui_wait_selected "13 《数志》"; ok $? "the cursor reaches the second issue"
tui_keys Enter
tui_wait_status "2022年第3期"; ok $? "Enter opens it at its front matter"
tui_keys : 2 0 Enter
tui_wait_status "^ *13 › 国家部署 › 1\.2 "; ok $? "the status line names the issue"

# Search across the issues; n walks across them.
tui_keys /
tui_type "紫金山实验室"
tui_wait_for " 1/4"; ok $? "a search covers every issue"
tui_screen | grep -q "^ 13/2\.9 "; ok $? "results carry their issue"
tui_keys Enter
tui_wait_status "in 12/2\.9 "; ok $? "Enter opens the hit in its issue"
tui_keys n
tui_wait_status "in 13/2\.9 "; ok $? "n goes on to the next result, in the other issue"
tui_keys BSpace
tui_wait_status "^ *12 › 地方行动 › 2\.9 "; ok $? "Backspace goes back across issues"
tui_keys "'" "'"
tui_wait_status "^ *13 › 地方行动 › 2\.9 "; ok $? "'' too"

# Marks belong to their issue; the archive reopens at the issue read last.
tui_keys m a
tui_wait_status "Mark a set"
tui_keys q
is "$(tui_wait_exit)" 0 "quits"
tui_start 80 24
tui_wait_status "^ *13 › 地方行动 › 2\.9 "; ok $? "restarted at the issue read last, at its place"
tui_keys : 5 Enter
tui_wait_status "13 › 国家部署"
tui_keys "'" a
tui_wait_status "^ *13 › 地方行动 › 2\.9 "; ok $? "its marks came back"
tui_keys q
tui_wait_exit >/dev/null

done_testing
