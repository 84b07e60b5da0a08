# Tests --cite=ID[:RANGE]: an article's paragraphs (N, N-M) or pages (pN,
# pN-M) as printed, unwrapped, a blank line between paragraphs, then the
# citation line ——《数志》2022年第2期(总第十二期),第P页,《TITLE》 (a page
# range when it spans pages). Bad ranges are exit 2 naming them.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# The first paragraph of 2.7 on p. 154, as --article prints it unwrapped.
para=$("$SHUZHI" --article=2.7 --width=0 | sed -n 3p)
run --cite=2.7:1
is "$rc" 0 "--cite=2.7:1 exits 0"
is "$(sed -n 1p "$out")" "$para" "it prints the paragraph as --article does, unwrapped"
is "$(sed -n 2p "$out")" "——《数志》2022年第2期(总第十二期),第154页,《江苏省公共数据管理办法》" \
    "then the citation line with the issue, p. 154 and the title"
is "$(nlines "$out")" 2 "and nothing more"
test ! -s "$err"; ok $? "nothing on stderr"

# --width does not wrap a citation: it is for pasting.
run --cite=2.7:1 --width=20
is "$(nlines "$out")" 2 "--width does not wrap it"

# Several paragraphs: blank lines between them, a page range.
run --cite=1.3:p23-24
is "$rc" 0 "--cite=1.3:p23-24 exits 0"
tail -n 1 "$out" | grep -q '^——《数志》2022年第2期(总第十二期),第23-24页,《中共中央 国务院印发〈国家标准化发展纲要〉》$'
ok $? "pages 23-24 cite the page range, the title's own 《》 as 〈〉"
grep -qx '一、总体要求' "$out"; ok $? "the pages' headings are in it"
blank=$(awk 'NR % 2 == 0 && $0 != "" && !/^——/' "$out" | head -1)
is "$blank" "" "paragraphs alternate with blank lines"
# One paragraph the page break at p. 100 cuts: both pages cited.
run --cite=1.12:11
head -n 1 "$out" | grep -q '^第四条 ' && tail -n 1 "$out" | grep -q ',第99-100页,'
ok $? "a paragraph run across a page break cites both pages ($(tail -n 1 "$out" | cut -c1-40))"
run --cite=1.12:11 --width=0
is "$(nlines "$out")" 2 "  as one paragraph, not two"
run --cite=1.3:1-3
is "$(grep -c . "$out")" 4 "--cite=1.3:1-3: three paragraphs and the citation"
run --cite=2.7
is "$rc" 0 "--cite=2.7 (the whole article) exits 0"
is "$(grep -c . "$out")" "$(( $("$SHUZHI" --article=2.7 --width=0 | grep -c .) ))" \
    "the whole article: its paragraphs, and the citation in place of its title"

# An archive: the issue's own number in the citation.
arch="$TEST_TMP/archive"
mkdir -p "$arch"
cp "$ISSUE" "$arch/a.txt"
sed 's/总第十二期/总第十三期/; s/2022年第2期/2022年第3期/' "$ISSUE" >"$arch/b.txt"
run --cite=13/2.7:1 "$arch"
is "$rc" 0 "--cite=13/2.7:1 in an archive exits 0"
tail -n 1 "$out" | grep -q '^——《数志》2022年第3期(总第十三期),第154页,'; ok $? "it cites issue 13"

# Bad ranges and IDs.
for bad in 2.7:0 2.7:99 2.7:3-2 2.7:x 2.7:p 2.7:p999 2.7:1- 2.7:-1 9.9:1 9.9; do
	run --cite="$bad"
	r=$rc
	grep -qF -- "$bad" "$err"
	ok $(( r != 2 || $? != 0 )) "--cite=$bad exits 2 naming it"
	test ! -s "$out" || diag "  printed: $(head -c 200 "$out")"
done

done_testing
