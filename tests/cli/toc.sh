# Tests --toc (shuzhi(1), OPTIONS): the whole contents of the bundled issue,
# ID<TAB>PAGE<TAB>TITLE, front matter first, then each section and its
# articles with the printed titles and the pages where their text begins.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err" want="$TEST_TMP/want"
tab=$(printf '\t')

# The expected contents, tabs written as <TAB>.
sed "s/<TAB>/$tab/g" >"$want" <<'END'
0<TAB>0<TAB>《数志》2022年第2期 总第十二期
1<TAB>1<TAB>国家部署
1.1<TAB>1<TAB>国务院印发《“十四五”数字经济发展规划》
1.2<TAB>15<TAB>国务院办公厅印发《全国一体化政务服务平台移动端建设指南》
1.3<TAB>23<TAB>中共中央 国务院印发《国家标准化发展纲要》
1.4<TAB>32<TAB>国家十部委印发《“十四五”推动高质量发展的国家标准体系建设规划》
1.5<TAB>42<TAB>中央网络安全和信息化委员会印发《提升全民数字素养与技能行动纲要》
1.6<TAB>54<TAB>中央网络安全和信息化委员会印发《“十四五”国家信息化规划》
1.7<TAB>73<TAB>《“十四五”软件和信息技术服务业发展规划》解读及全文
1.8<TAB>78<TAB>工信部印发《“十四五”信息化和工业化深度融合发展规划》
1.9<TAB>88<TAB>“十四五”信息通信行业发展规划解读及全文
1.10<TAB>92<TAB>《“十四五”智能制造发展规划》解读及全文
1.11<TAB>96<TAB>《“十四五”大数据产业发展规划》解读及全文
1.12<TAB>99<TAB>国家互联网信息办公室等十三部门修订发布《网络安全审查办法》
1.13<TAB>102<TAB>国家互联网信息办公室等四部门发布《互联网信息服务算法推荐管理规定》(附全文)
1.14<TAB>103<TAB>《互联网信息服务算法推荐管理规定》3月1日起正式施行
1.15<TAB>107<TAB>国务院国资委:中央企业加快建设世界一流财务管理体系
2<TAB>115<TAB>地方行动
2.1<TAB>115<TAB>数字经济成多地政策发力点
2.2<TAB>118<TAB>江苏省“十四五”数字经济发展规划解读及全文
2.3<TAB>120<TAB>江苏省“十四五”数字政府建设规划
2.4<TAB>141<TAB>《江苏省“十四五”科技创新规划》解读及全文
2.5<TAB>145<TAB>江苏省制造业智能化改造和数字化转型三年行动计划(2022-2024年)
2.6<TAB>149<TAB>江苏省数字经济加速行动实施方案
2.7<TAB>154<TAB>《江苏省公共数据管理办法》(省政府令第148号)
2.8<TAB>155<TAB>数字经济怎么发展?江苏“工作计划”来了!
2.9<TAB>157<TAB>江苏壮大“数字尖兵”,锻造“人才苏军”
2.10<TAB>159<TAB>数字经济、金融科技大篇幅进驻各地“十四五”金融改革规划,多个探索方向被鼓励
2.11<TAB>163<TAB>31省市数字化转型路线图公布!(2022)
END

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# The bundled issue, found without naming it.
run --toc
is "$rc" 0 "--toc exits 0"
if cmp -s "$out" "$want"; then ok 0 "--toc prints the whole contents exactly"; else
	ok 1 "--toc prints the whole contents exactly"
	diff "$want" "$out" | sed 's/^/# /'
fi
test ! -s "$err"; ok $? "--toc prints nothing on stderr"

# The same issue named on the command line, under another name and in a
# folder whose name has a space in it.
run --toc "$ISSUE"
cmp -s "$out" "$want"; ok $? "--toc FILE prints the same contents"
mkdir -p "$TEST_TMP/a folder"
cp "$ISSUE" "$TEST_TMP/a folder/第12期.txt"
run --toc "$TEST_TMP/a folder/第12期.txt"
cmp -s "$out" "$want"; ok $? "--toc of a copy under another name prints the same contents"
(cd "$TEST_TMP/a folder" && "$SHUZHI" --toc 第12期.txt) >"$out" 2>"$err"
cmp -s "$out" "$want"; ok $? "--toc of a relative path prints the same contents"

# The issue read from a file with Windows line ends (CR LF) is the same issue.
sed 's/$/\r/' "$ISSUE" >"$TEST_TMP/crlf.txt"
run --toc "$TEST_TMP/crlf.txt"
if cmp -s "$out" "$want"; then ok 0 "--toc of the issue with CR LF line ends is the same"; else
	ok 1 "--toc of the issue with CR LF line ends is the same"
	diff "$want" "$out" | head -n 10 | sed 's/^/# /'
fi

# One line per entry whatever the width asked for, and no colour when piped.
run --toc --width=20
cmp -s "$out" "$want"; ok $? "--toc ignores --width: one line per entry"
run --toc --width=0
cmp -s "$out" "$want"; ok $? "--toc --width=0 is the same"

# Every line has three fields and IDs are unique.
awk -F '\t' 'NF != 3 || $1 !~ /^[0-9]+(\.[0-9]+)?$/ || $2 !~ /^[0-9]+$/ || $3 == "" { bad = 1 }
	END { exit bad }' "$out"
ok $? "every line is ID<TAB>PAGE<TAB>TITLE"
dups=$(cut -f 1 "$out" | sort | uniq -d)
is "$dups" "" "IDs are unique"

# Pages never go backwards in contents order.
awk -F '\t' '$2 < last { bad = 1 } { last = $2 } END { exit bad }' "$out"
ok $? "pages never decrease down the contents"

done_testing
