# Tests details of printed output: --toc opens with the front matter (ID
# 0), with --color=always only headings are bold (a paragraph never is),
# and an error message that quotes the user's bytes carries no control
# byte to the terminal.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"
esc=$(printf '\033')

"$SHUZHI" --toc >"$out" 2>"$err"
head -n 1 "$out" | grep -q "^0	[0-9]*	."; ok $? "--toc opens with the front matter, ID 0"

# Headings in bold, paragraphs (two sentences or more) never.
"$SHUZHI" --article=1.1 --width=0 --color=always >"$out" 2>"$err"
is "$?" 0 "--article=1.1 --color=always exits 0"
grep -c "^$esc\\[1m" "$out" >"$TEST_TMP/n"
[ "$(cat "$TEST_TMP/n")" -gt 0 ]; ok $? "some lines are bold (headings)"
grep "^$esc\\[1m.*。.*。$esc\\[0m\$" "$out" >"$TEST_TMP/bold-paragraphs"
test ! -s "$TEST_TMP/bold-paragraphs"; ok $? "no paragraph (two sentences) is bold"
grep -v "^$esc\\[1m" "$out" | grep -q "$esc"; ok $((!$?)) "only bold lines carry escapes"

# The user's bytes in a message: named, their controls shown as \xNN.
for arg in --article --page; do
	"$SHUZHI" "$arg=x${esc}[31my$(printf '\007')" >"$out" 2>"$err"
	is "$?" 2 "$arg with control bytes: exit 2"
	grep -q "$esc" "$err" || grep -q "$(printf '\007')" "$err"
	ok $((!$?)) "$arg with control bytes: no control byte in the message"
	grep -qF 'x\x1b[31my\x07' "$err"; ok $? "$arg with control bytes: the message names the argument ($(head -c 100 "$err"))"
done

done_testing
