# The outline in the reader: o opens the open article's headings indented
# by depth with their pages, the heading the reader is in marked (▸); j/k
# move, Enter jumps there and the status line names the heading (section ›
# article › heading); Esc closes. It fits 80x24 and 40 columns; an article
# without headings says so.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# go PAGE: goes to a printed page and waits for the status line to show it.
go() {
	tui_keys : $(printf '%s' "$1" | sed 's/./& /g') Enter
	tui_wait_status "p\. $1 of" >/dev/null
}

# indent TEXT: prints the column where TEXT starts on the screen.
indent() {
	tui_screen | grep -F -- "$1" | head -n 1 | sed "s/$1.*//" | wc -m
}

tui_start 80 24
tui_wait_for "2 地方行动" >/dev/null

# From the contents (the first article selected at start): the outline
# of the article under the cursor.
tui_wait_selected "1.1" >/dev/null
tui_keys j j
tui_wait_selected "1.3" >/dev/null; ok $? "the contents' cursor on 1.3"
tui_keys o
tui_wait_for "Outline of 1.3"; ok $? "o in the contents opens the outline of the entry under the cursor"
tui_keys Escape
tui_wait_status "› 1\.3 "; ok $? "which is now the open article"

go 23
tui_wait_status "› 1\.3 " >/dev/null; ok $? "at 1.3"
tui_keys o
tui_wait_for "Outline of 1.3"; ok $? "o opens the outline of the open article"
tui_wait_for "一、总体要求"; ok $? "it lists 一、总体要求"
tui_screen | grep -q '一、总体要求 *23 *$'; ok $? "with its page, 23, at the right"
tui_screen | grep -qF "(一)指导思想"; ok $? "and (一)指导思想"
a=$(indent "一、总体要求") b=$(indent "(一)指导思想")
test "$b" -gt "$a"; ok $? "(一) is indented under 一、 ($b > $a columns)"
tui_screen | grep -qF "│"; ok $((!$?)) "it covers the panes (no frame shows)"

# j/k move the highlight; Enter jumps to the heading.
tui_wait_selected "一、总体要求"; ok $? "the highlight starts on the first heading"
tui_keys j j j
tui_wait_selected "二、推动标准化与科技创新互动发展"; ok $? "j moves it down"
tui_keys k
tui_wait_selected "(二)发展目标"; ok $? "k moves it up"
tui_keys j Enter
tui_wait_gone "Outline of"; ok $? "Enter closes the outline"
tui_wait_top "二、推动标准化与科技创新互动发展"; ok $? "and jumps: the heading is at the top"
tui_wait_status "› 二、推动标准化与科技创新互动发展"; ok $? "the status line names the heading"
tui_status | grep -q "国家部署 › 1\.3.* › 二、"; ok $? "as section › article › heading"

# The heading the reader is in is marked.
tui_keys j j j j
tui_wait_status "› \(三\)加强关键技术领域标准研究"
ok $? "scrolling into (三) names it in the status line"
tui_keys o
tui_wait_for "▸"; ok $? "reopened, the outline marks where the reader is"
tui_screen | grep -q "▸ .*(三)加强关键技术领域标准研究"; ok $? "on (三)"
tui_wait_selected "(三)加强关键技术领域标准研究"; ok $? "and starts the highlight there"
tui_keys Escape
tui_wait_gone "Outline of"; ok $? "Esc closes it"
tui_wait_status "› \(三\)"; ok $? "keeping the place"

# G and Enter: the last heading (a run-in title starts its paragraph).
last=$("$SHUZHI" --outline=1.3 "$ISSUE" | tail -n 1 | cut -f 3)
tui_keys o G Enter
i=0
until tui_article_top | grep -qF -- "$last" || [ $i -ge $((TUI_WAIT * 10)) ]; do
	sleep 0.1
	i=$((i + 1))
done
tui_article_top | grep -qF -- "$last"; ok $? "o G Enter jumps to the last heading, $last"

# Backspace goes back to before the jump.
tui_keys BSpace
tui_wait_status "› \(三\)"; ok $? "Backspace goes back to before the jump"

# An article of law: its 第N条.
go 99
tui_keys o
tui_wait_for "第八条"; ok $? "1.12's outline lists 第八条"
tui_screen | grep -qF "网络安全审查办法"; ok $? "under its own title"
tui_keys q
tui_wait_gone "Outline of"; ok $? "q closes the outline (not the reader)"
tui_screen | grep -qF "[exit"; ok $((!$?)) "the reader still runs"

# An article without headings.
go 155
tui_wait_status "› 2\.8 " >/dev/null
tui_keys o
tui_wait_status "no headings"; ok $? "an article without headings says so"

# 40 columns.
tui_start 40 24
tui_wait_for "地方行动" >/dev/null
go 23
tui_keys o
tui_wait_for "一、总体要求"; ok $? "at 40 columns the outline opens"
tui_screen | grep -q '一、总体要求 *23 *$'; ok $? "headings and pages fit"
tui_keys j j j Enter
tui_wait_gone "Outline of"
tui_wait_for "二、推动标准化与科技创新"; ok $? "and jumps"
tui_wait_status "二、推动标准化"; ok $? "the status line names the heading at 40 columns"
tui_keys q
is "$(tui_wait_exit)" 0 "q quits"

done_testing
