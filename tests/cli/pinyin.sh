# Tests --search with what a reader types without a Chinese input method
# (README, "Searching by pinyin"): pinyin in any spelling finds every
# article holding the Han word, initials likewise, traditional characters
# find exactly what the simplified word finds, Latin words of the text
# still find only themselves, and a word that is neither finds nothing.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err" arts="$TEST_TMP/articles"
mkdir -p "$arts"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# ids FILE: the IDs of a search output, sorted, on one line.
ids() { cut -f 1 "$1" | sort | tr '\n' ' '; }

# The oracle: each entry's printed text, one file per ID.
"$SHUZHI" --toc >"$TEST_TMP/toc"
awk -F '\t' '$1 == "0" || $1 ~ /\./ { print $1 }' "$TEST_TMP/toc" >"$TEST_TMP/starts"
while read -r id; do
	"$SHUZHI" --article="$id" --width=0 >"$arts/$id" 2>/dev/null
done <"$TEST_TMP/starts"

# having WORD [grep option]: the IDs of the entries whose text holds WORD.
having() { (cd "$arts" && grep -l $2 -F -e "$1" -- * | sort | tr '\n' ' '); }

# missing "A" "B": the IDs of A that are not in B.
missing() { printf '%s\n' $1 | sort >"$TEST_TMP/s1"; printf '%s\n' $2 | sort >"$TEST_TMP/s2"
	comm -23 "$TEST_TMP/s1" "$TEST_TMP/s2" | grep -v '^$' | tr '\n' ' '; }

# Pinyin and initials: every article holding the word is found, and each
# result's snippet shows a hit (what the query was read as).
for pair in shuju:数据 "shu ju:数据" "shù jù:数据" shu4ju4:数据 ShuJu:数据 \
    zijinshanshiyanshi:紫金山实验室 qukuailian:区块链 sjys:数据要素 wlaq:网络安全; do
	q=${pair%%:*} w=${pair#*:}
	run --search="$q" --limit=200
	is "$rc" 0 "--search='$q' exits 0"
	is "$(missing "$(having "$w")" "$(ids "$out")")" "" "--search='$q' finds every article holding $w"
	grep -q "$w" "$out"; ok $? "--search='$q': a snippet shows $w"
done

# Traditional characters: exactly the simplified word's articles.
for pair in 數據要素:数据要素 網絡安全:网络安全 區塊鏈:区块链; do
	t=${pair%%:*} s=${pair#*:}
	run --search="$t" --limit=200
	is "$rc.$(ids "$out")" "0.$(having "$s")" "--search=$t finds exactly the articles holding $s"
done

# Latin words of the text mean themselves; other letters find nothing.
for w in ipv6 DCMM 5g; do
	run --search="$w" --limit=200
	is "$rc.$(ids "$out")" "0.$(having "$w" -i)" "--search=$w finds exactly the articles holding it"
done
run --search=xyzzyq
is "$rc" 1 "--search=xyzzyq (no word of the text, no pinyin) exits 1"
test ! -s "$out"; ok $? "--search=xyzzyq prints nothing"

# Over many issues initials still find every article holding the word:
# the chance runs across words' edges that many issues add come after the
# runs most issues hold, and no longer use up the strings a word may
# stand for before the walk reaches it.
A="$TEST_TMP/archive"
# merged_now: how many of the archive cache's merged vocabularies (pairs,
# triples) are of its latest update.
merged_now() {
	sqlite3 "$XDG_CACHE_HOME"/shuzhi/archive-*.sqlite "SELECT count(*) FROM han_all WHERE \
	    generation = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation')"
}
python3 "$TESTS_SRCDIR/../bench/make-archive" --shuzhi="$SHUZHI" --issue="$ISSUE" 10 "$A" 3 2>"$err"
ok $? "make-archive writes 10 issues"
for pair in szjj:数字经济 sjys:数据要素; do
	q=${pair%%:*} w=${pair#*:}
	"$SHUZHI" --search="$w" --limit=100000 "$A" | cut -f 1 | sort >"$TEST_TMP/want"
	"$SHUZHI" --search="$q" --limit=100000 "$A" | cut -f 1 | sort >"$TEST_TMP/got"
	n=$(wc -l <"$TEST_TMP/want") lost=$(comm -23 "$TEST_TMP/want" "$TEST_TMP/got" | wc -l)
	is "$((n >= 10)).$((lost))" "1.0" "10 issues: --search=$q finds all $((n)) articles holding $w"
done
is "$(merged_now)" 2 "a new archive's cache holds its vocabulary merged, pairs and triples"

# union: the archive cache's union of the issues' Han lists, as stored.
union() {
	sqlite3 "$1"/shuzhi/archive-*.sqlite "SELECT kind, hex(keys), hex(issues), \
	    hex(occurrences) FROM han_all ORDER BY kind"
}
# same_as_fresh: whether the union the updates left equals a new cache's
# of the archive as it is now.
same_as_fresh() {
	rm -rf "$TEST_TMP/fresh" && mkdir "$TEST_TMP/fresh" &&
	XDG_CACHE_HOME="$TEST_TMP/fresh" "$SHUZHI" --toc "$A" >/dev/null &&
	union "$XDG_CACHE_HOME" >"$TEST_TMP/union.kept" &&
	union "$TEST_TMP/fresh" >"$TEST_TMP/union.fresh" &&
	test -s "$TEST_TMP/union.fresh" && cmp -s "$TEST_TMP/union.kept" "$TEST_TMP/union.fresh"
}

# One issue changed: the update takes the issue's old characters, pairs
# and triples out of the union and puts its new ones in, so a word new to
# the text reads from pinyin at once, and the union is exactly a new
# build's.
"$SHUZHI" --search=kunpengyaosu "$A" >/dev/null 2>&1
is "$?" 1 "10 issues: kunpengyaosu finds nothing before"
set -- $(grep -l 数据要素 "$A"/shuzhi-*.txt)
sed 's/数据要素/鲲鹏要素/g' "$1" >"$TEST_TMP/changed" && cat "$TEST_TMP/changed" >"$1"
"$SHUZHI" --toc "$A" >/dev/null
is "$(merged_now)" 2 "  the update wrote the union, pairs and triples"
same_as_fresh
ok $? "  the union after the update is a new build's"
"$SHUZHI" --search=鲲鹏要素 --limit=100000 "$A" | cut -f 1 | sort >"$TEST_TMP/want"
"$SHUZHI" --search=kunpengyaosu --limit=100000 "$A" | cut -f 1 | sort >"$TEST_TMP/got"
n=$(wc -l <"$TEST_TMP/want")
cmp -s "$TEST_TMP/got" "$TEST_TMP/want"
ok $((n == 0 || $? != 0)) "one issue changed: kunpengyaosu finds the $((n)) articles of 鲲鹏要素"

# Issues removed: what only they held leaves the union.
last=$(ls "$A"/shuzhi-*.txt | tail -n 1)
rm -f "$1" "$last"
"$SHUZHI" --toc "$A" >/dev/null
same_as_fresh
ok $? "two issues removed: the union is a new build's"
"$SHUZHI" --search=kunpengyaosu "$A" >/dev/null 2>&1
is "$?" 1 "  kunpengyaosu finds nothing once the issue that held 鲲鹏要素 is gone"

done_testing
