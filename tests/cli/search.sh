# Tests --search=QUERY and --limit=N (shuzhi(1), --search and --limit): the output
# format, results checked against the articles' own text (--article), the
# page of each result holding the hit (--page), AND, "phrases", -exclusion,
# OR, case and width folding of Latin words, ranking (titles first, best
# first), exit 1 when nothing is found, and hostile queries that must never
# give exit 2 or a database error.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err" arts="$TEST_TMP/articles"
mkdir -p "$arts"
tab=$(printf '\t')

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# ids FILE: the IDs of a search output, sorted, on one line.
ids() { cut -f 1 "$1" | sort | tr '\n' ' '; }

# The text of every entry, one file per ID, is the oracle: an article is
# found by a word when its printed text contains the word.
"$SHUZHI" --toc >"$TEST_TMP/toc"
awk -F '\t' '$1 == "0" || $1 ~ /\./ { print $1, $2 }' "$TEST_TMP/toc" >"$TEST_TMP/starts"
while read -r id page; do
	"$SHUZHI" --article="$id" --width=0 >"$arts/$id" 2>/dev/null
done <"$TEST_TMP/starts"

# having WORD [grep option]: the IDs of the entries whose text holds WORD.
having() { (cd "$arts" && grep -l $2 -F -e "$1" -- * | sort | tr '\n' ' '); }

# inter "A" "B" / minus "A" "B" / union "A" "B": sets of IDs as lines.
inter() { printf '%s\n' $1 | sort >"$TEST_TMP/s1"; printf '%s\n' $2 | sort >"$TEST_TMP/s2"
	comm -12 "$TEST_TMP/s1" "$TEST_TMP/s2" | tr '\n' ' '; }
minus() { printf '%s\n' $1 | sort >"$TEST_TMP/s1"; printf '%s\n' $2 | sort >"$TEST_TMP/s2"
	comm -23 "$TEST_TMP/s1" "$TEST_TMP/s2" | grep -v '^$' | tr '\n' ' '; }
union() { printf '%s\n' $1 $2 | grep -v '^$' | sort -u | tr '\n' ' '; }
# subset "A" "B": true when every ID of A is in B.
subset() { [ -z "$(minus "$1" "$2")" ]; }

# well_formed FILE LIMIT: every line ID<TAB>PAGE<TAB>SNIPPET with an ID that
# --toc lists (once) and a page 0-174; at most LIMIT lines.
well_formed() {
	awk -F '\t' -v limit="$2" 'FILENAME == ARGV[1] { split($0, f, " "); known[f[1]] = 1; next }
		{ n++ }
		NF < 3 || !($1 in known) || $2 !~ /^[0-9]+$/ || $2 + 0 > 174 || $3 == "" || seen[$1]++ { bad = 1 }
		END { if (n > limit) bad = 1; exit bad }' "$TEST_TMP/starts" "$1"
}

# outside_pages FILE: " ID:pPAGE(outside FIRST-NEXT)" for each result of
# FILE whose page is not one of its article's pages: from the page the
# article starts on to the page the next entry starts on (174 after the last).
outside_pages() {
	awk -F '\t' 'FILENAME == ARGV[1] { split($0, f, " "); if (prev != "") next_page[prev] = f[2]
			first[f[1]] = f[2]; prev = f[1]; next }
		{ lo = first[$1]; hi = ($1 in next_page) ? next_page[$1] : 174
		  if (!($1 in first) || $2 + 0 < lo + 0 || $2 + 0 > hi + 0)
			printf " %s:p%s(outside %s-%s)", $1, $2, lo, hi }' "$TEST_TMP/starts" "$1"
}

# The printed pages, each fetched once (--page=N --width=0), for the
# results' pages.
pages="$TEST_TMP/pages"
mkdir -p "$pages"

# The bundled issue's index is built by the first search.
run --search=紫金山实验室
is "$rc" 0 "--search=紫金山实验室 exits 0"
test ! -s "$err"; ok $? "--search prints nothing on stderr"
well_formed "$out" 20; ok $? "lines are ID<TAB>PAGE<TAB>SNIPPET, one per article"
cut -f 1 "$out" | grep -qx '2.9'; ok $? "紫金山实验室 is found in 2.9"

# Words: exactly the articles whose text holds the word; the snippet holds
# the hit and the page of the result holds it too.
for w in 紫金山实验室 税 算力 数据要素 数据安全 江苏省人民政府令 软件和信息技术服务业 大数据 标准化 数字经济; do
	run --search="$w" --limit=100
	is "$rc" 0 "--search=$w exits 0"
	is "$(ids "$out")" "$(having "$w")" "--search=$w finds exactly the articles holding it"
	well_formed "$out" 100; ok $? "--search=$w: well-formed lines"
	bad=""
	while IFS="$tab" read -r id page snippet; do
		case $snippet in *"$w"*) ;; *) bad="$bad $id" ;; esac
	done <"$out"
	is "$bad" "" "--search=$w: every snippet shows the hit"
	bad=""
	while IFS="$tab" read -r id page snippet; do
		# Page 0 (the front matter) is no printed page: its text is the entry's.
		if [ "$page" -eq 0 ]; then
			text="$arts/$id"
		else
			text="$pages/$page"
			[ -s "$text" ] || "$SHUZHI" --page="$page" --width=0 >"$text" 2>/dev/null
		fi
		grep -qF -e "$w" "$text" || bad="$bad $id:p$page"
	done <"$out"
	bad="$bad$(outside_pages "$out")"
	is "$bad" "" "--search=$w: the page of each result holds the word"
done

# Latin words regardless of case and width: ipv6, IPV6, ＩＰｖ６ find the same
# articles, those whose text holds IPv6 in any case.
run --search=ipv6 --limit=100
is "$rc" 0 "--search=ipv6 exits 0"
set_ipv6=$(ids "$out")
is "$set_ipv6" "$(having ipv6 -i)" "ipv6 finds exactly the articles holding IPv6"
for q in IPV6 IPv6 ＩＰｖ６ ｉｐｖ６ Ipv6; do
	run --search="$q" --limit=100
	is "$rc.$(ids "$out")" "0.$set_ipv6" "--search=$q finds the same articles as ipv6"
done
bad=""
while IFS="$tab" read -r id page snippet; do
	printf '%s\n' "$snippet" | grep -qi 'ipv6' || bad="$bad $id"
done <"$out"
is "$bad" "" "ipv6: every snippet shows IPv6"
run --search=ipv --limit=100
n_ipv=$(nlines "$out")
diag "ipv (a prefix of a word) finds $n_ipv articles"

# AND: every word must occur.
run --search='数据 安全' --limit=100
is "$rc" 0 "--search='数据 安全' exits 0"
and=$(ids "$out")
run --search=数据 --limit=100
subset "$and" "$(ids "$out")"; ok $? "the articles for '数据 安全' are among those for 数据"
run --search=安全 --limit=100
subset "$and" "$(ids "$out")"; ok $? "the articles for '数据 安全' are among those for 安全"
is "$and" "$(inter "$(having 数据)" "$(having 安全)")" "'数据 安全' finds exactly the articles holding both"
run --search='紫金山实验室 江苏省人民政府令' --limit=100
is "$rc.$(ids "$out")" "1." "two words never in the same article: nothing found, exit 1"
run --search='算力   数据要素' --limit=100
is "$(ids "$out")" "$(inter "$(having 算力)" "$(having 数据要素)")" "several spaces between words are one separator"

# "Phrases".
run --search='"数据要素市场"' --limit=100
is "$rc.$(ids "$out")" "0.$(having 数据要素市场)" '"数据要素市场" finds exactly the articles holding it'
run --search='"数据 安全"' --limit=100
got=$(ids "$out")
is "$rc" 0 '"数据 安全" (a phrase of two words) exits 0'
subset "$(having 数据安全)" "$got"; ok $? '"数据 安全" finds every article holding 数据安全'
subset "$got" "$(inter "$(having 数据)" "$(having 安全)")"; ok $? '"数据 安全" finds only articles holding both words'
# The same phrase where the text itself writes the two words with a space.
sed 's/数据安全/数据 安全/g' "$ISSUE" >"$TEST_TMP/spaced.txt"
run --search='"数据 安全"' --limit=100 "$TEST_TMP/spaced.txt"
is "$rc.$(ids "$out")" "0.$(having 数据安全)" '"数据 安全" finds the text 数据 安全 (an issue written with the space)'
run --search='"IPv6 网络"' --limit=100
got=$(ids "$out")
is "$rc" 0 '"IPv6 网络" exits 0'
subset "$(having IPv6网络)" "$got"; ok $? '"IPv6 网络" finds every article holding IPv6网络'
run --search='"网络 IPv6 安全 数据 要素"' --limit=100
is "$rc.$(ids "$out")" "1." "a phrase that is nowhere: nothing found, exit 1"

# -exclusion.
run --search='数据 -安全' --limit=100
is "$rc.$(ids "$out")" "0.$(minus "$(having 数据)" "$(having 安全)")" "'数据 -安全' finds the articles with 数据 and without 安全"
expect=$(minus "$(having 税)" "$(having 数字经济)")
run --search='税 -数字经济' --limit=100
[ -n "$expect" ] && want=0 || want=1
is "$rc.$(ids "$out")" "$want.$expect" "'税 -数字经济' finds the articles with 税 and without 数字经济"
run --search='紫金山实验室 -"人才特区"' --limit=100
is "$rc.$(ids "$out")" "0.$(minus "$(having 紫金山实验室)" "$(having 人才特区)")" "an excluded phrase"

# OR.
run --search='算力 OR 税' --limit=100
is "$rc.$(ids "$out")" "0.$(union "$(having 算力)" "$(having 税)")" "'算力 OR 税' finds the articles with either"
run --search='紫金山实验室 OR 江苏省人民政府令' --limit=100
is "$rc.$(ids "$out")" "0.$(union "$(having 紫金山实验室)" "$(having 江苏省人民政府令)")" \
    "'紫金山实验室 OR 江苏省人民政府令' finds the articles with either"
run --search='量子纠缠 OR 紫金山实验室' --limit=100
is "$rc.$(ids "$out")" "0.$(having 紫金山实验室)" "OR with a word found nowhere"

# --limit and the default of 20; best first: a smaller limit gives the first
# results of a larger one.
n=$(printf '%s\n' $(having 数据) | wc -l)
[ "$n" -gt 20 ]; ok $? "数据 is in more than 20 entries ($n)"
run --search=数据
is "$rc.$(nlines "$out")" "0.20" "--search=数据 prints 20 results by default"
cp "$out" "$TEST_TMP/twenty"
run --search=数据 --limit=3
is "$(nlines "$out")" 3 "--limit=3 prints 3 results"
head -n 3 "$TEST_TMP/twenty" | cmp -s - "$out"; ok $? "--limit=3 prints the first 3 of the 20"
run --search=数据 --limit=1000
is "$(nlines "$out")" "$n" "--limit=1000 prints every article holding 数据"
head -n 20 "$out" | cmp -s - "$TEST_TMP/twenty"; ok $? "the first 20 of them are the default 20"
run --search=数据要素 --limit=100
cp "$out" "$TEST_TMP/a"
run --search=数据要素 --limit=100
cmp -s "$out" "$TEST_TMP/a"; ok $? "the same search twice gives the same output"

# Titles weigh more: the article whose contents title holds the words comes first.
for pair in 网络安全审查:1.12 智能制造:1.10 大数据产业:1.11 科技创新:2.4 公共数据:2.7 数字政府:2.3 数字素养:1.5 金融科技:2.10; do
	w=${pair%%:*} id=${pair#*:}
	run --search="$w"
	is "$(head -n 1 "$out" | cut -f 1)" "$id" "--search=$w ranks $id (its title) first"
done
run --search=算法推荐
is "$(head -n 2 "$out" | cut -f 1 | sort | tr '\n' ' ')" "1.13 1.14 " "--search=算法推荐 ranks 1.13 and 1.14 (their titles) first"

# Nothing found: exit 1, nothing on stdout nor stderr.
for q in 量子纠缠 zzyzx '"数据 zzyzx"'; do
	run --search="$q"
	is "$rc" 1 "--search=$q (nowhere) exits 1"
	test ! -s "$out" && test ! -s "$err"; ok $? "--search=$q prints nothing"
done
# Nothing searchable in the query: exit 1 as well.
for q in - '""' '' '*' '"' '--' '-"' ' ' '。,、' '-数据'; do
	run --search="$q"
	case $q in
	-数据) [ "$rc" -le 1 ]; ok $? "--search='$q' (only an exclusion) exits 0 or 1 ($rc)" ;;
	*)	is "$rc" 1 "--search='$q' (nothing searchable) exits 1"
		test ! -s "$out"; ok $? "--search='$q' prints no result" ;;
	esac
done

# Hostile queries: never exit 2, never a database error, well-formed output.
big=$(awk 'BEGIN { while (n++ < 1463) printf "数据 "; }')
bigsyntax=$(awk 'BEGIN { while (n++ < 1024) printf "a\"(*:^ "; }')
bigword=$(awk 'BEGIN { while (n++ < 10240) printf "x"; }')
hostile() {
	run --search="$1" --limit=50
	if [ "$rc" -le 1 ] && ! grep -Eqi 'sql|fts|syntax|database|malformed|no such|unterminated|parse error|unknown special' "$err" &&
	    well_formed "$out" 50 && [ "$(nlines "$err")" -le 1 ]; then
		ok 0 "hostile query $2: exit $rc, no database error"
	else
		ok 1 "hostile query $2: exit $rc, no database error"
		diag "stderr: $(head -n 2 "$err")"
	fi
}
for q in '"' '*' 'NEAR(' 'NEAR(数据 安全)' 'AND' 'OR' 'NOT' '-' '^' ':' '(' ')' '{}' '{数据}' 'a:b' 'col:数据' \
    'text:数据' 'rowid:1' '数据*' '*数据' '^数据' '数据 AND' 'AND 数据' '数据 OR' 'OR 数据' 'NOT 数据' '数据 NOT 安全' \
    '"数据' '数据"' '"""' '("数据")' '数据 +安全' '-(数据)' '- -' '-OR' "'" "''" '\' '%' '_' '数据;DROP TABLE x' \
    '数据 NEAR/2 安全' '数据 -' '[数据]' '$' '0' '-1' ; do
	hostile "$q" "'$q'"
done
hostile "$big" "10 KB of '数据 '"
hostile "$bigsyntax" "10 KB of quote, parenthesis, star, colon, caret"
hostile "$bigword" "a 10 KB word"
hostile "$(printf '\377\376')" "invalid UTF-8 (ff fe)"
hostile "$(printf '数据\377')" "数据 then an invalid byte"
hostile "$(printf '\355\240\200')" "an encoded surrogate"
hostile "$(printf '\300\200')" "an overlong NUL"
hostile "$(printf '\001\002\033[2J\177')" "control characters"
hostile "$(printf '数据\033[31m要素\007')" "数据要素 with an escape sequence inside"
hostile "$(printf 'a\tb\rc\vd\fe')" "tab, CR, VT, FF"
hostile "$(printf '\342\200\256数据')" "a bidi override before 数据"
run --search="$big"
is "$rc" 0 "10 KB of '数据 ' finds 数据"
run --search="$(printf '\177数据\001')"
is "$rc.$(ids "$out")" "0.$(ids "$TEST_TMP/twenty")" "control characters around 数据 are ignored"

done_testing
