# Tests --outline=ID: DEPTH<TAB>PAGE<TAB>HEADING one a line in printed
# order. 1.3 lists 一、 to 九、 at depth 1 in order with its (N) at depth 2
# and pages that never fall; 1.12 lists its 第N条 under its own title;
# every article prints a well-formed outline; an unknown ID is exit 2
# naming it; an archive takes the issue's prefix (12/1.3) as elsewhere.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

run --outline=1.3
is "$rc" 0 "--outline=1.3 exits 0"
test ! -s "$err"; ok $? "and says nothing on stderr"
bad=$(awk -F'\t' 'NF != 3 || $1 !~ /^[0-9]+$/ || $2 !~ /^[0-9]+$/ || $3 == ""' "$out" | head -1)
is "$bad" "" "every line is DEPTH<TAB>PAGE<TAB>HEADING"
got=$(awk -F'\t' '$1 == 1 { sub(/、.*/, "", $3); printf "%s ", $3 }' "$out")
is "$got" "一 二 三 四 五 六 七 八 九 " "1.3: 一、 to 九、 at depth 1, in order"
n=$(awk -F'\t' '$1 == 2 && $3 ~ /^[(]?[一二三四五六七八九十]+[)]/' "$out" | wc -l)
test "$n" -ge 30; ok $? "1.3: its (N) items at depth 2 ($n)"
n=$(awk -F'\t' '$1 != 1 && $1 != 2' "$out" | wc -l)
is "$n" 0 "1.3: nothing but depths 1 and 2"
first=$(sed -n 1p "$out")
is "$first" "$(printf '1\t23\t一、总体要求')" "1.3 starts with 一、总体要求 on p. 23"
falls=$(awk -F'\t' 'NR > 1 && $2 < last { print; exit } { last = $2 }' "$out")
is "$falls" "" "1.3: pages rise through the outline"
# The (N) items number upwards: (一) (二) ... with no step back.
back=$(awk -F'\t' '$1 == 2 { print $3 }' "$out" | python3 -c '
import sys
han = {c: i for i, c in enumerate("零一二三四五六七八九")}
def value(s):
    s = s.lstrip("(").split(")")[0]
    total, digit = 0, 0
    for c in s:
        if c == "十":
            total += (digit or 1) * 10; digit = 0
        else:
            digit = han[c]
    return total + digit
last = 0
for line in sys.stdin:
    v = value(line.strip())
    if v <= last:
        print(line.strip()); break
    last = v
' 2>&1)
# TODO until the parser's reading order puts (十五) back before (十六):
# reported, not failing; it passes (an unexpected pass) once it does, and
# then TODO_ORDER is to be emptied.
TODO_ORDER=""
if [ -z "$TODO_ORDER" ]; then
	is "$back" "" "1.3: its (N) items in the order of their numbers"
elif [ -z "$back" ]; then
	echo "ok $((tap_n += 1)) - 1.3: its (N) items in the order of their numbers$TODO_ORDER"
else
	echo "not ok $((tap_n += 1)) - 1.3: its (N) items in the order of their numbers$TODO_ORDER"
	diag "  $back comes after a higher number"
fi

run --outline=1.12
is "$rc" 0 "--outline=1.12 exits 0"
got=$(awk -F'\t' '$3 ~ /^第[一二三四五六七八九十]+条/ { sub(/条.*/, "条", $3); printf "%s ", $3 }' "$out")
is "$got" "第一条 第二条 第三条 第四条 第五条 第六条 第七条 第八条 第九条 第十条 第十一条 第十二条 第十三条 第十四条 第十五条 第十六条 第十七条 第十八条 第十九条 第二十条 第二十一条 第二十二条 第二十三条 " \
    "1.12: 第一条 to 第二十三条 in order"
grep -q "$(printf '^0\t99\t网络安全审查办法$')" "$out"; ok $? "1.12: its own title is a root at depth 0"
n=$(awk -F'\t' '$3 ~ /^第.*条/ && $1 != 1' "$out" | wc -l)
is "$n" 0 "1.12: every 第N条 at depth 1"
n=$(grep -c '(一)申报书' "$out")
is "$n" 0 "1.12: the items of 第八条 are not headings"

# Every article: exit 0, well-formed lines, depths that go down one at a time.
bad=""
for id in $("$SHUZHI" --toc | cut -f1 | grep '\.'); do
	"$SHUZHI" --outline="$id" >"$out" 2>"$err" || bad="$bad $id(exit)"
	test -s "$err" && bad="$bad $id(stderr)"
	awk -F'\t' 'NF != 3 || $3 == "" || $1 > last + 1 { exit 1 } { last = $1 }' last=0 "$out" ||
	    bad="$bad $id(lines)"
done
is "$bad" "" "every article's outline: well-formed, each level one below the last"

# Unknown IDs.
run --outline=9.99
is "$rc" 2 "--outline=9.99 exits 2"
grep -q "9\.99" "$err"; ok $? "and names 9.99 on stderr"
test ! -s "$out"; ok $? "and prints nothing"
run --outline=
is "$rc" 2 "--outline= (empty) exits 2"
run --outline=1.3 --toc
is "$rc" 2 "--outline with --toc exits 2"

# An archive: the issue's prefix, or --issue.
arch="$TEST_TMP/archive"
mkdir -p "$arch"
cp "$ISSUE" "$arch/a.txt"
sed 's/总第十二期/总第十三期/; s/2022年第2期/2022年第3期/' "$ISSUE" >"$arch/b.txt"
"$SHUZHI" --outline=1.3 >"$TEST_TMP/single"
run --outline=12/1.3 "$arch"
is "$rc" 0 "--outline=12/1.3 in an archive exits 0"
cmp -s "$out" "$TEST_TMP/single"; ok $? "and prints what --outline=1.3 prints for the issue alone"
run --outline=1.3 --issue=13 "$arch"
is "$rc" 0 "--outline=1.3 --issue=13 exits 0"
run --outline=1.3 "$arch"
is "$rc" 2 "--outline=1.3 without the issue in an archive exits 2"
run --outline=99/1.3 "$arch"
is "$rc" 2 "--outline=99/1.3 (no such issue) exits 2"
grep -q "99" "$err"; ok $? "and names it"

done_testing
