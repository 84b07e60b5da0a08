# Tests --page=N (shuzhi(1), OPTIONS): the blocks of printed page N, agreeing
# with --toc and --article (each article's first block is on the page the
# contents gives), no page furniture on any page, every page of an article
# in it, and page numbers outside 1-174 or not numbers refused with a
# message naming the page.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err" dir="$TEST_TMP/pages"
mkdir -p "$dir"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# A known page.
run --page=154 --width=0
is "$rc" 0 "--page=154 exits 0"
grep -qx '江苏省人民政府令' "$out"; ok $? "page 154 holds 江苏省人民政府令"
grep -q '第 *148 *号' "$out"; ok $? "page 154 holds 第 148 号"
test ! -s "$err"; ok $? "--page=154 prints nothing on stderr"
run --page=1 --width=0
grep -q '数字经济' "$out"; ok $? "page 1 holds text"
run --page=174 --width=0
is "$rc" 0 "--page=174 (the last) exits 0"
grep -q '宁夏' "$out"; ok $? "page 174 holds 2.11's last region (宁夏)"

# Every page 1-174 at --width=0.
bad="" empty=""
p=1
while [ $p -le 174 ]; do
	"$SHUZHI" --page=$p --width=0 >"$dir/$p" 2>"$dir/$p.err"
	r=$?
	[ "$r" -eq 0 ] && [ ! -s "$dir/$p.err" ] || bad="$bad $p($r)"
	[ -s "$dir/$p" ] || empty="$empty $p"
	p=$((p + 1))
done
is "$bad" "" "--page=N exits 0 with nothing on stderr for every page 1-174"
# Pages 22, 68, 71 and 72 hold nothing but running heads; 27-28 repeat 25-26
# and 53 repeats 42: those may come out empty, no other.
others=$(for p in $empty; do case $p in 22|27|28|53|68|71|72) ;; *) printf ' %s' $p ;; esac; done)
is "$others" "" "every page with text of its own prints text (empty:$empty)"

# Blocks: one line each at --width=0, one blank line between them (one awk
# over all the pages; an empty page passes).
pages=$(seq 1 174)
bad=$(cd "$dir" && awk '
	function end_page() { if (page != "" && prev == "") bad[page] = 1 }
	FNR == 1 { end_page(); page = FILENAME; prev = "" }
	$0 == "" && (prev == "" || FNR == 1) { bad[page] = 1 }
	$0 != "" && prev != "" { bad[page] = 1 }
	{ prev = $0 }
	END { end_page(); for (p in bad) print p }' $pages | sort -n | tr '\n' ' ')
is "$bad" "" "every page: one line per block, one blank line between blocks"

# No furniture on any page (one awk over all the pages): running heads,
# template text, the footer, or the page's own number (or a neighbour's)
# alone on a line.
bad=$(cd "$dir" && awk '
	$0 == "做数字化转型领跑者" || $0 == "国家部署" || $0 == "地方行动" ||
	index($0, "|输入文案|") || index($0, "FLBOOK") || index($0, "Copyright") ||
	index($0, "内部资料 免费阅读") ||
	($0 ~ /^[1-9][0-9]*$/ && $0 + 0 >= FILENAME - 1 && $0 + 0 <= FILENAME + 1) {
		print FILENAME ":" FNR ": " $0
	}' $pages)
[ -z "$bad" ] || printf '%s\n' "$bad" | head -n 5 | sed 's/^/# page /'
bad=$(printf '%s' "$bad" | cut -d : -f 1 | sort -un | tr '\n' ' ')
is "$bad" "" "no page shows running heads, template text, the footer or page numbers"

# Agreement with --toc and --article: an article's first block (after its
# title) is on the page the contents gives, and every block of an article is
# on one of the pages from that page to the next article's.
"$SHUZHI" --toc >"$TEST_TMP/toc"
awk -F '\t' '$1 ~ /\./ { print $1, $2 }' "$TEST_TMP/toc" >"$TEST_TMP/starts"
bad=""
while read -r id page; do
	"$SHUZHI" --article="$id" --width=0 >"$TEST_TMP/a.$id" 2>/dev/null
	first=$(sed -n 3p "$TEST_TMP/a.$id")
	grep -qxF -- "$first" "$dir/$page" ||
		{ bad="$bad $id"; diag "$id: first block not on page $page: $(printf '%s' "$first" | cut -c 1-60)"; }
done <"$TEST_TMP/starts"
is "$bad" "" "each article's first block is on the page --toc gives"

cat "$dir"/[0-9]* >"$TEST_TMP/allpages"
bad=""
while read -r id page; do
	next=$(awk -v id="$id" 'f { print $2; exit } $1 "" == id "" { f = 1 }' "$TEST_TMP/starts")
	[ -n "$next" ] || next=174
	# Every block of the article (from line 3) is on some page in its range.
	q=$page range=""
	while [ "$q" -le "$next" ]; do range="$range $dir/$q"; q=$((q + 1)); done
	cat $range >"$TEST_TMP/range"
	missing=$(sed -n '3,$p' "$TEST_TMP/a.$id" | grep -v '^$' | grep -cvxF -f "$TEST_TMP/range")
	[ "$missing" -eq 0 ] || { bad="$bad $id($missing)"; }
done <"$TEST_TMP/starts"
is "$bad" "" "every block of every article is on a page between its first page and the next article's"

# --width applies to pages too.
run --page=154 --width=20
n=$(wc -L <"$out")
[ "$((n))" -le 20 ]; ok $? "--page=154 --width=20: no line wider than 20 columns ($((n)))"
a=$(tr -d ' \n' <"$out" | cksum) b=$(tr -d ' \n' <"$dir/154" | cksum)
is "$a" "$b" "--page=154 at width 20 is the same text as at width 0"

# Bad page numbers: status 2, nothing on stdout, one line on stderr naming
# the page.
for p in 0 175 abc -1 1000000 99999999999999999999 '' 1.5 12x 'ä'; do
	run --page="$p"
	# The message names the page: the value, not part of a longer number.
	re=$(printf '%s' "$p" | sed 's/[.]/[.]/g')
	named=0
	[ -z "$p" ] || grep -Eq "(^|[^0-9])$re([^0-9]|\$)" "$err" || named=1
	if [ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ "$(nlines "$err")" -eq 1 ] && [ $named -eq 0 ]; then
		ok 0 "--page='$p': refused with a one-line message naming the page"
	else
		ok 1 "--page='$p': refused with a one-line message naming the page"
		diag "status $rc, stdout $(nlines "$out") lines, stderr: $(cat "$err")"
	fi
done

done_testing
