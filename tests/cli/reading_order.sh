# Printed reading order (README, "Reading order"): bench/check-order finds
# no fault in any article of the bundled issue (numbering, headings twice,
# repeated boxes, stray ?, paragraphs left open at a page break, lone
# numbers); the bundled issue's page-break joins, full-text titles and
# words broken by a lost space read right; and two issues of
# bench/make-archive read exactly as its truth says. The checker itself is
# first proven on a stand-in binary that prints the truth, with and without
# planted faults.
. "$TESTS_SRCDIR/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3"
	exit 0
fi
CHECK="$TESTS_SRCDIR/../bench/check-order"
GEN="$TESTS_SRCDIR/../bench/make-archive"
KEYS="inversions twice duplicates qmarks open numbers"
TRUTH_KEYS="joins titles order diff"
arts="$TEST_TMP/articles"
mkdir -p "$arts"

# Faults the reading-order stage does not undo yet, each reported as a TODO
# (the README's "Reading order" says which): a count that reaches 0 turns
# its TODO into an XPASS, and the mark must then go. None is left on the
# two issues below (joins and order went to 0 once the words a
# continuation shares with the line it completes were weighed); the
# generator's larger samples still show some (README).
KNOWN_FAULTS=""
KNOWN_FAULTS=$(echo $KNOWN_FAULTS)

# count REPORT KEY: the number check-order's last summary line gives KEY.
count() { tail -n 1 "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# zeros REPORT WHAT KEY...: one test per KEY that REPORT counts 0 of it,
# with the report's lines of that kind when not.
zeros() {
	report=$1 what=$2
	shift 2
	for key in "$@"; do
		n=$(count "$report" "$key")
		case " $KNOWN_FAULTS " in
		*" $what:$key "*) todo $((n != 0)) "$what: 0 $key (got ${n:-no count})" \
		    "reading order not finished (README, Reading order)"
			continue ;;
		esac
		if [ "$n" = 0 ]; then ok 0 "$what: 0 $key"; else
			ok 1 "$what: 0 $key (got ${n:-no count})"
			grep "^  [0-9.]* *$key " "$report" | head -n 8 | sed 's/^/#   /'
		fi
	done
}

# -- The checker, on a stand-in for shuzhi that prints the truth.
python3 "$GEN" --shuzhi="$SHUZHI" --issue="$ISSUE" 2 "$TEST_TMP/gen" 5 2>"$TEST_TMP/err"
ok $? "make-archive writes 2 issues with their truth (seed 5)"
[ -s "$TEST_TMP/err" ] && diag "stderr: $(cat "$TEST_TMP/err")"
# The stand-in is made from the first issue whose truth has an article of
# each kind a fault is planted in (a full text's title is not in every one).
first=$(python3 - "$TEST_TMP"/gen/*.order <<'EOF'
import json, sys
for path in sys.argv[1:]:
    arts = json.load(open(path, encoding="utf-8"))["articles"]
    if any(a["titles"] for a in arts) and any(a["joins"] for a in arts):
        print(path[:-len(".order")])
        break
EOF
)
[ -n "$first" ]
ok $? "a generated issue has a full text's title and a cut paragraph"
python3 -c 'import json, sys; t = json.load(open(sys.argv[1])); sys.exit(not t["articles"])' \
    "$first.order" 2>/dev/null
ok $? "the truth (.order) is JSON with articles"

# The stand-in: prints --toc from the .toc and --article from the .order,
# as written beforehand into $OUT: into clean/ as the truth has it, into
# faulty/ with one fault of each kind planted, each in an article of its own.
python3 - "$first" "$TEST_TMP" <<'EOF'
import json, os, re, sys
base, tmp = sys.argv[1], sys.argv[2]
arts = json.load(open(base + ".order", encoding="utf-8"))["articles"]
def prose(blocks):
    return [k for k, b in enumerate(blocks) if len(b) > 40 and "?" not in b
            and not re.match(r"[(（第一二三四五六七八九十0-9]", b)]
victims, taken = {}, set()
for fault, fits in (("title", lambda a: a["titles"]), ("join", lambda a: a["joins"]),
                    ("swap", lambda a: len(prose(a["blocks"])) > 3),
                    ("twice", lambda a: len(prose(a["blocks"])) > 3),
                    ("qmark", lambda a: len(prose(a["blocks"])) > 3)):
    a = next(a for a in arts if a["id"] not in taken and fits(a))
    victims[a["id"]] = fault
    taken.add(a["id"])
for mode in ("clean", "faulty"):
    os.makedirs(os.path.join(tmp, mode))
    with open(os.path.join(tmp, mode, "toc"), "w", encoding="utf-8") as f:
        f.write(open(base + ".toc", encoding="utf-8").read())
    for a in arts:
        blocks = list(a["blocks"])
        fault = victims.get(a["id"]) if mode == "faulty" else None
        long = prose(blocks)
        if fault == "swap":
            k = long[1]
            blocks[k], blocks[k + 1] = blocks[k + 1], blocks[k]
        elif fault == "twice":
            blocks.insert(long[1] + 2, blocks[long[1]])
        elif fault == "qmark":
            b = blocks[long[0]]
            k = next(i for i in range(2, len(b)) if b[i - 1] in ",，")
            blocks[long[0]] = b[:k] + "?" + b[k:]
        elif fault == "title":
            del blocks[a["titles"][0]]
        elif fault == "join":
            head, tail = a["joins"][0]
            k = blocks.index(head + tail)
            blocks[k:k + 1] = [head, tail]
        with open(os.path.join(tmp, mode, a["id"]), "w", encoding="utf-8") as f:
            f.write(a["title"] + "\n" + "".join("\n" + b + "\n" for b in blocks))
EOF
ok $? "the stand-in's articles are written"
cat >"$TEST_TMP/truthful" <<'EOF'
#!/bin/sh
for arg; do
	case $arg in
	--toc) cat "$OUT/toc"; exit 0 ;;
	--article=*) id=${arg#--article=} ;;
	esac
done
cat "$OUT/$id"
EOF
chmod +x "$TEST_TMP/truthful"

OUT="$TEST_TMP/clean" python3 "$CHECK" --shuzhi="$TEST_TMP/truthful" --quiet "$first.txt" >"$TEST_TMP/self" 2>&1
ok $? "check-order: the truth itself has no fault (exit 0)"
is "$(tail -n 1 "$TEST_TMP/self" | sed 's/.* total=//')" 0 "check-order: the truth counts 0 in all"
OUT="$TEST_TMP/faulty" python3 "$CHECK" --shuzhi="$TEST_TMP/truthful" "$first.txt" >"$TEST_TMP/self" 2>&1
ok $(($? != 1)) "check-order: planted faults make it exit 1"
got=""
for kind in $KEYS $TRUTH_KEYS; do
	got="$got $kind=$(count "$TEST_TMP/self" "$kind")"
done
is "$got" " inversions=0 twice=0 duplicates=1 qmarks=1 open=1 numbers=0 joins=1 titles=1 order=1 diff=0" \
    "check-order: one planted fault of each kind counts once, as its kind (a join left in two is also open)"

# -- The bundled issue.
python3 "$CHECK" --shuzhi="$SHUZHI" --no-truth "$ISSUE" >"$TEST_TMP/bundled" 2>"$TEST_TMP/err"
rc=$?
[ "$rc" -le 1 ] && [ ! -s "$TEST_TMP/err" ]
ok $? "check-order runs on the bundled issue (exit $rc)"
diag "$(tail -n 1 "$TEST_TMP/bundled")"
zeros "$TEST_TMP/bundled" bundled $KEYS

"$SHUZHI" --toc >"$TEST_TMP/toc" 2>/dev/null
for id in $(awk -F '\t' '$1 ~ /\./ { print $1 }' "$TEST_TMP/toc"); do
	"$SHUZHI" --article="$id" --width=0 >"$arts/$id" 2>/dev/null
done

# Paragraphs a page break cuts, read as one block: the line before the
# break and the one that completes it, which is not always the first body
# line of the next page.
bad=""
while IFS='|' read -r id text; do
	grep -qF -- "$text" "$arts/$id" || { bad="$bad $id"; diag "$id lacks $text"; }
done <<'END'
1.1|从数字化转型需求迫切的环节入手
1.1|规模化发展。探索发展跨越物理边界
1.2|面向工作人员提供移动政务服务
1.3|产业废弃物综合利用等标准
1.3|一体化发展体制机制
1.4|完善国家标准化技术文件制度
1.5|优化完善课程设置,建设高水平数字技能职业教育
1.6|继续发展具有多方面优势和条件
1.6|推动新型工业化、信息化、城镇化、农业现代化
1.6|不断推动城市宽带网络向高速化和智能化升级
1.7|分片区对全国主要省份
1.7|重点加强政产学协同攻关
1.7|推进重点领域数字化发展、服务信息消费扩大升级
1.8|拉动企业提高融合度等级
1.8|大数据支撑服务体系
1.11|培育壮大大数据等新兴数字产业
1.11|对于保护数据“时效性”价值
1.12|中华人民共和国公安部、中华人民共和国国家安全部
1.14|算法推荐服务提供者应当立即停止提供相关服务
1.15|流程和技术创新,从核算共享向多领域共享延伸
2.3|推动政府部门业务整合重塑
2.3|推广5G、北斗、物联网等新技术应用
2.3|加强新农民新技术教育培训。推动全省
2.5|〔责任单位:省工业和信息化厅、省通信管理局
2.6|加快构建区块链平台体系
END
test -z "$bad"
ok $? "the bundled issue's cut paragraphs are joined to the line that completes them${bad:+ (not in$bad)}"

# The full texts' own titles, as blocks of their own.
bad=""
while IFS='|' read -r id text; do
	grep -qxF -- "$text" "$arts/$id" || bad="$bad $id"
done <<'END'
1.1|“十四五”数字经济发展规划
1.2|全国一体化政务服务平台移动端建设指南
1.4|“十四五”推动高质量发展的国家标准体系建设规划
END
is "$bad" "" "the full texts' titles are headings in 1.1, 1.2 and 1.4"

# A lost thin space printed as ?: the words whole again, and found.
bad=""
for word in 大变局 内在要求 分类有序推进; do
	grep -qF "$word" "$arts/1.6" || bad="$bad $word"
done
is "$bad" "" "1.6 reads 大变局, 内在要求 and 分类有序推进"
"$SHUZHI" --search=大变局 2>/dev/null | cut -f 1 | grep -qx '1.6'
ok $? "--search=大变局 finds 1.6"
grep -qF '是怎么编制的?总体考虑是什么?' "$arts"/* && grep -qF '六、未来如何推动《规划》落实?' "$arts/1.11"
ok $? "real questions keep their ? (是怎么编制的?总体…, 如何推动《规划》落实?)"

# -- Issues the rules were not written for: exactly the generator's truth.
python3 "$CHECK" --shuzhi="$SHUZHI" "$TEST_TMP"/gen/*.txt >"$TEST_TMP/generated" 2>"$TEST_TMP/err"
rc=$?
[ "$rc" -le 1 ] && [ ! -s "$TEST_TMP/err" ]
ok $? "check-order runs on the generated issues (exit $rc)"
diag "$(tail -n 1 "$TEST_TMP/generated")"
zeros "$TEST_TMP/generated" generated $KEYS $TRUTH_KEYS

# reads_as_truth FIRST SEED ID WHAT: issue FIRST of make-archive's SEED
# is made alone, and check-order finds no fault in its article ID.
reads_as_truth() {
	python3 "$GEN" --issue="$ISSUE" --first="$1" 1 "$TEST_TMP/gen$1" "$2" 2>"$TEST_TMP/err"
	ok $? "make-archive writes issue $1 of seed $2"
	python3 "$CHECK" --shuzhi="$SHUZHI" "$TEST_TMP/gen$1"/*.txt >"$TEST_TMP/gen$1.report" 2>"$TEST_TMP/err"
	grep "^  $3 " "$TEST_TMP/gen$1.report" | sed 's/^/#   /'
	! grep -qF "  $3 " "$TEST_TMP/gen$1.report" && [ ! -s "$TEST_TMP/err" ]
	ok $? "issue $1 of seed $2: $3 reads as its truth ($4)"
}

# prints_before FIRST SEED A B: issue FIRST of SEED, made by reads_as_truth,
# prints a line starting with A before any starting with B: the witness
# that it still holds its case (the generator reads the bundled issue with
# the binary under test, so a changed parser changes what it makes).
prints_before() {
	awk -v a="$3" -v b="$4" 'index($0, b) == 1 { found = seen; exit } index($0, a) == 1 { seen = 1 }
	    END { exit !found }' "$TEST_TMP/gen$1"/*.txt
	ok $? "issue $1 of seed $2 prints $3… before $4…"
}

# prints_twice FIRST SEED A: issue FIRST of SEED prints two lines starting
# with A (a box printed again), the witness of its case.
prints_twice() {
	is "$(grep -c "^$3" "$TEST_TMP/gen$1"/*.txt)" 2 "issue $1 of seed $2 prints the start of $3 twice"
}

# A page of a generated issue where the rules once went wrong: 1.4's
# banner (规划全文) last on the page that holds its title and preamble, with
# the next page's (三) above its running head (seed 31, 总第41期).
reads_as_truth 41 31 1.4 "a banner at a page's foot, a heading a page late"

# holds_case FIRST SEED WITNESS ID FAULTS WHAT: issue FIRST of
# make-archive's SEED is made alone and must first be seen to hold its
# case, two lines starting with WITNESS (the generator parses the bundled
# issue with the binary under test, so a changed parser changes what it
# makes); then check-order finds in article ID no fault whose kind
# matches FAULTS (an extended regex).
holds_case() {
	make_case "$1" "$2"
	is "$(grep -c "^$3" "$TEST_TMP/case$1"/*.txt)" 2 "issue $1 of seed $2 prints the start of $3 twice"
	no_fault "$1" "$2" "$4" "$5" "$6"
}

# make_case FIRST SEED: issue FIRST of make-archive's SEED, made alone in
# case$FIRST.
make_case() {
	python3 "$GEN" --issue="$ISSUE" --first="$1" 1 "$TEST_TMP/case$1" "$2" 2>"$TEST_TMP/err"
	ok $? "make-archive writes issue $1 of seed $2"
}

# no_fault FIRST SEED ID FAULTS WHAT: check-order finds in article ID of
# the issue make_case made no fault whose kind matches FAULTS (an
# extended regex).
no_fault() {
	python3 "$CHECK" --shuzhi="$SHUZHI" "$TEST_TMP/case$1"/*.txt >"$TEST_TMP/case$1.report" 2>"$TEST_TMP/err"
	case_id=$(printf '%s' "$3" | sed 's/\./\\./g')
	grep "^  $case_id " "$TEST_TMP/case$1.report" | sed 's/^/#   /'
	! grep -qE "^  $case_id +($4) " "$TEST_TMP/case$1.report" && [ ! -s "$TEST_TMP/err" ]
	ok $? "issue $1 of seed $2: $3 $5"
}

# A page whose items start again ((一) after (二)) with two headings that
# could mend it: 四、, emitted where it stands, moved down past the items
# it heads, or 五、, which the extraction emitted after the items it heads
# and after the page's number, moved up. The one moved up is the one the
# extraction moved (seed 92, 总第16期, 1.3).
reads_as_truth 16 92 1.3 "moves up the heading emitted after its items, not down the one before them"
awk 'prev ~ /^[0-9]+$/ && /^五、重构/ { found = 1 } NF { prev = $0 } END { exit !found }' \
    "$TEST_TMP/gen16"/*.txt
ok $? "issue 16 of seed 92 prints a chapter heading (五、) right after a page's number"

# A paragraph a page break cuts, printed again two characters short as the
# last box of the next page: the copy is no continuation of the paragraph
# (it shares every word of it), and, the rest of what it copies (系,)
# starting no line, it leaves no sentence open for the page after it
# (seed 93, 总第24期, 1.1).
reads_as_truth 24 93 1.1 "a cut paragraph printed again a little short carries nothing on"
prints_twice 24 93 '二是《规划》府统总结'

# Numbering that would run back costs more than a sentence left open
# completed by the box weighed second best: on seed 96 (总第29期, 1.7) the
# rest of 第十七条, with 第十八条 and 第十九条 in its box, emitted after
# 第二十条 and 第二十一条; on seed 97 (总第26期, 2.9) a box holding (三)
# emitted before the one holding (二). Both seeds were made after the
# rules above and never used to choose them.
reads_as_truth 29 96 1.7 "a continuation box holding earlier articles is read before later ones"
prints_before 29 96 '第二十条 ' '第十八条 '
reads_as_truth 26 97 2.9 "the box holding (二) is read before the one holding (三), though that one was weighed the continuation"
prints_before 26 97 '(三)完现智础前瞻' '(二)完现全效有以'

# A paragraph's start printed again two boxes before the paragraph itself,
# last on its page: it carries nothing on, so the next page's first
# paragraph (八是…) stays its own (seed 95, 总第31期, 2.3; made after
# the rules above and never used to choose them).
reads_as_truth 31 95 2.3 "a copy printed before the paragraph it copies takes nothing from the next page"
prints_twice 31 95 '第五,跨地域跨行业统筹动调方为'

# A paragraph that opens with a lead sentence, as its neighbours do, cut
# by a page break after 从2015年到2020年,; the next page holds its rest
# (固定宽带…) and then the next paragraph of the run, itself opening with
# a lead sentence (数字经济实现跨越式发展。, scrambled), whose run across
# the join the issue prints elsewhere: the rest takes the join (seed 21,
# 总第19期, 1.12).
reads_as_truth 19 21 1.12 "a box opening with a lead sentence, as the open paragraph did, is not its rest"
grep -q '从2015年到2020年,$' "$TEST_TMP/gen19"/*.txt
ok $? "issue 19 of seed 21 cuts a paragraph after 从2015年到2020年,"
prints_before 19 21 '固定宽带家庭普及率' '展才经济实部跨越式发支。'

# A paragraph cut by a page break after …等方面取得突破,; the next page
# opens with a box that ends mid-sentence itself (防范化解风险,…, the
# paragraph its own page's break cuts), then the rest (推动实现更高质量…,
# scrambled): the rest takes the join (seed 91, 总第33期, 1.4).
reads_as_truth 33 91 1.4 "a box that ends mid-sentence itself does not carry the page before's sentence on"
grep -q '化解风险等方地取得突破,$' "$TEST_TMP/gen33"/*.txt
ok $? "issue 33 of seed 91 cuts a paragraph after 等方地取得突破,"
prints_before 33 91 '防范化解风险,' '推动实现更高质'

# 一是 二是 三是, then 二是's start printed again and 四是 五是 六是, each
# a box of its own: the copy, dead, takes no part in the run of 一是
# 二是…, else 二是 after 三是 ran back and the run read better with the
# real 二是 moved (seed 21, 总第16期, 1.14).
reads_as_truth 16 21 1.14 "a dead copy of 二是 after 三是 takes no part in the run of 一是 二是…"
prints_twice 16 21 '二是提升数相产业成展际级'
awk '/^三是深入品生产业数相化转型/ { three = NR } /^二是提升数相产业成展际级/ && three { found = 1 } END { exit !found }' \
    "$TEST_TMP/gen16"/*.txt
ok $? "issue 16 of seed 21 prints 二是's start again after 三是"

# A paragraph cut by a page break; the next page opens with its rest
# (薪酬制度和绩效考核机制…, scrambled), then a chapter heading, its
# first item heading and that item's text, whose run across the join the
# issue prints elsewhere: a box right after two headings is the text they
# head, and the rest takes the join (seed 43, 总第34期, 1.4).
reads_as_truth 34 43 1.4 "a box right after two headings does not take the join from the page's first box"
awk '/^薪酬关度和绩各考核机关/ { rest = NR } /^四、重公工体/ && rest == NR - 2 { top = NR }
    /^\(一\)关造计业上化转型行动/ && top == NR - 2 { item = NR } /^关定关造计业上化转型行动项/ && item == NR - 2 { found = 1 }
    END { exit !found }' "$TEST_TMP/gen34"/*.txt
ok $? "issue 34 of seed 43 prints the rest, 四、, (一) and its text in that order"

# A paragraph cut by a page break, its rest emitted in one box with the
# next paragraph and (一)…(二)…, after a paragraph of the page (采用信息化…,
# scrambled) and 四、 (moved after its items): the parser cuts that box
# where (一) starts the items again, but its parts stay one box of the
# extraction, with nothing but a heading between them, so the paragraph
# emitted first goes after them (seed 23, 总第19期, 1.5).
reads_as_truth 19 23 1.5 "a box cut where its numbering starts again takes no text between its parts"
prints_before 19 23 '采设和息化、专字化手段' '智进享制数市、引战混享'
awk '/^加大“两非”剥离/ { line = NR } /^\(一\)完善纵横贯通/ && line == NR - 1 { found = 1 } END { exit !found }' \
    "$TEST_TMP/gen19"/*.txt
ok $? "issue 19 of seed 23 prints (一) in the box of the rest, right after 加大“两非”…"

# A page that opens with (二) and (三), emitted after their items, then
# the rest of the paragraph the page break cut with (二)'s items 1.-4. in
# its box, then (三)'s text. One heading goes between the parts of that
# box, cut where its items start again: the one over the items; (三)
# there too would head nothing (seed 97, 总第39期, 1.2; never used to
# choose the rule).
reads_as_truth 39 97 1.2 "between the parts of a box cut where its items start again, one heading of a kind"
awk '/^\(二\)为断丰富移动政务/ { two = NR } /^\(三\)积极运用新区网/ && two == NR - 2 { three = NR }
    /^1\.推进集成套餐式以务/ && three == NR - 3 { found = 1 } END { exit !found }' "$TEST_TMP/gen39"/*.txt
ok $? "issue 39 of seed 97 prints (二), (三), then the rest with 1.-4. in its box"

# A page that ends with 1. 原材料, a copy of a paragraph's start, (二)
# emitted after its item and the start of 1.'s paragraph, which the page
# break cuts: read as one box with that paragraph, (二) costs as much as
# read apart over 1., and the paragraph is left open with its rest on
# the next page as a paragraph of its own. Apart is nearer the
# extraction's order (seed 100, 总第33期, 1.10; never used to choose the
# rule).
reads_as_truth 33 100 1.10 "a heading emitted right above the paragraph a page break cuts may not head it"
awk '/^1\. 原材料$/ { one = NR } /^\(二\)持进行业全法数字/ && one == NR - 4 { two = NR }
    /^面向石化化应、钢铁/ && two == NR - 2 { found = 1 } END { exit !found }' "$TEST_TMP/gen33"/*.txt
ok $? "issue 33 of seed 100 prints 1. 原材料, a copy, (二) and the cut paragraph in that order"

# A paragraph cut at a page's foot; the next page holds 三、's text, a
# lone (一), then the box that carries the paragraph on, with 三、 glued
# to its end. Another box takes the join there (a wrong join left), but
# (一) does not head the box below it, which holds a heading of a higher
# rank: no (一) under (二), no numbering run back (seed 108, 总第34期,
# 1.3; found on the issues made after the other rules).
make_case 34 108
awk '/^在务提供层域过据动互联内/ { last = NR } /^三、移化政务在务改台支任/ && last == NR - 1 { found = 1 } END { exit !found }' \
    "$TEST_TMP/case34"/*.txt
ok $? "issue 34 of seed 108 prints 三、 glued to the end of a box"
no_fault 34 108 1.3 'inversions|order' "a lone item heading does not head a box that holds a chapter heading"

# A page of more boxes than every order can be tried for: (一)层级架构。
# emitted first, then the rest of the paragraph the page break cut, the
# items (一) heads, and 二、 after them. Moving (一) down under 二、 puts
# the rest first too, in one move; moving 二、 up to (一) is nearer the
# extraction's order, and the two moved back as one reach it (seed 21,
# 总第36期, 1.8).
reads_as_truth 36 21 1.8 "a heading emitted after its items goes up to its item, not the item down to it"
awk '/^\(一\)层级架构。$/ { item = NR } /^二、总体架构$/ && item && NR - item < 30 { found = 1 } END { exit !found }' \
    "$TEST_TMP/gen36"/*.txt
ok $? "issue 36 of seed 21 prints (一)层级架构。 before 二、总体架构 on one page"

# A page whose first box, the rest of the paragraph the page break cut,
# holds the paragraphs after it too, down to “十三五”时期…; the extraction
# emitted it after two boxes of the page, one of them a repeat of that
# “十三五”时期…. The rest is read at the break, and with it its box's
# “十三五”时期…: the repeat printed before it is the one dropped (seed 95,
# 总第39期, 1.4; made before the rule and never used to choose it).
reads_as_truth 39 95 1.4 "a repeat printed before the box that carries the paragraph is the one dropped"
prints_twice 39 95 '“十三五”时期,我国用件和行'
prints_before 39 95 '“十三五”时期,我国用件和行' '件合业发展的关键问题'

# The same on a page whose rest, emitted after 到2035年,… and a repeat of
# ——标准化互集程度…, holds in its box ——标准化互集程度… and then
# ——标准化发展研础…: the line printed twice keeps the box one, so both
# come before 到2035年,… (seed 104, 总第25期, 2.3; never used to choose
# the rule).
holds_case 25 104 '——标准化互集程度显著类强' 2.3 'order|joins|open|duplicates|diff' \
    "a line printed twice keeps the box that carries it one box"
awk '/^化,国家标准备均相定周期缩短/ { rest = NR } /^——标准化互集程度显著类强/ && rest == NR - 1 { line = NR }
    /^——标准化发展研础更加牢固/ && line && line == NR - 1 { found = 1 } END { exit !found }' "$TEST_TMP/case25"/*.txt
ok $? "issue 25 of seed 104 prints the rest, ——标准化互集程度… and ——标准化发展研础… in one box"

# A question (七、…) with its answers in boxes of their own, and after
# them the start of the previous question's last answer (因此,…) printed
# again, cut short: the copy, dropped later, answers no question, and
# 七、 is not moved down past its first answer to stand after it (seed
# 102, 总第16期, 2.11; never used to choose the rule).
reads_as_truth 16 102 2.11 "a dead copy of an earlier answer does not move the next question down"
prints_twice 16 102 '因此,《转等》将提升融件价值'
awk '/^七、《转等》提出/ { question = NR } /^因此,《转等》将提升融件价值/ && question { found = 1 } END { exit !found }' \
    "$TEST_TMP/gen16"/*.txt
ok $? "issue 16 of seed 102 prints 因此,… again after 七、"

# A copy of a paragraph a page break cuts (the whole line left open, then
# the start of the line that carries it on), emitted further on: it is
# shown once and takes no paragraph away (seed 21, 总第15期, 1.10).
holds_case 15 21 '促实企业间的数心互通和业为互联' 1.10 'duplicates|diff' \
    "shows a cut copy of a paragraph joined across a page break once, nothing lost"

# A page of questions and answers where the weighing of answers once went
# wrong: a question's answer (推于流述考虑…, scrambled), the next question
# and its answer, then a cut copy of the first answer that the extraction
# repeated; the next answer stays under its question (seed 21, 总第17期,
# 1.15).
holds_case 17 21 '推于流述考虑' 1.15 '[a-z]+' "reads as its truth, each answer under its question"

done_testing
