# Tests an archive on the command line (shuzhi(1), OPTIONS): several FILEs or a
# folder of issues made by bench/make-archive are one index. --toc lists
# each issue (NUMBER<TAB>0<TAB>title) and then exactly what --toc prints for
# the issue alone, with prefixed IDs; --article and --page take the prefix
# (or --issue); --search spans every issue and finds exactly the articles
# whose text holds the word, or those of one issue with --issue. A folder
# holding one issue prints as that issue does. Adding, changing or removing
# one file re-indexes that issue alone (SHUZHI_DEBUG_INDEX says how many);
# several processes at once and a damaged cache still answer right.
. "$TESTS_SRCDIR/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3"
	exit 0
fi
GEN="$TESTS_SRCDIR/../bench/make-archive"
A="$TEST_TMP/archive" arts="$TEST_TMP/articles" out="$TEST_TMP/out" err="$TEST_TMP/err"
mkdir -p "$arts"
tab=$(printf '\t')

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# reindexed ARG...: runs the program with SHUZHI_DEBUG_INDEX=1 and prints
# what it says it re-indexed ("N/M").
reindexed() {
	SHUZHI_DEBUG_INDEX=1 "$SHUZHI" "$@" >"$out" 2>"$err"
	sed -n 's/^shuzhi: reindexed \([0-9]*\/[0-9]*\) issues$/\1/p' "$err"
}

# ids FILE: the IDs of a search output, sorted, on one line.
ids() { cut -f 1 "$1" | sort | tr '\n' ' '; }

# having WORD [PREFIX]: the prefixed IDs of the articles (of issue PREFIX)
# whose printed text holds WORD, sorted, on one line.
having() { (cd "$arts" && grep -l -F -e "$1" -- ${2:-*}_* | sed 's/_/\//' | sort | tr '\n' ' '); }

python3 "$GEN" --shuzhi="$SHUZHI" --issue="$ISSUE" 4 "$A" 7 2>"$err"
ok $? "make-archive writes 4 issues"
[ -s "$err" ] && diag "stderr: $(cat "$err")"
set -- "$A"/shuzhi-*.txt
is "$#" 4 "4 issue files"
first=$1

# ---- --toc: the issues, each followed by its own contents, prefixed.
is "$(reindexed --toc "$A")" "4/4" "the first --toc of the folder indexes its 4 issues"
run --toc "$A"
is "$rc" 0 "--toc of the folder exits 0"
[ "$(grep -vc '^shuzhi: reindexed' "$err")" -eq 0 ]; ok $? "  and says nothing else on stderr"
cp "$out" "$TEST_TMP/toc"
issues=$(awk -F '\t' '$1 !~ /\// { printf "%s ", $1 }' "$TEST_TMP/toc")
is "$issues" "13 14 15 16 " "  one entry per issue, by number, without a slash"
bad=""
for f in "$A"/shuzhi-*.txt; do
	toc=${f%.txt}.toc
	number=$(awk -F '\t' -v t="$(sed -n 's/^0\t0\t\(.*\) 总第.*$/\1/p' "$toc")" \
	    '$1 !~ /\// && $3 == t { print $1; exit }' "$TEST_TMP/toc")
	if [ -z "$number" ]; then
		bad="$bad [$(basename "$f"): no issue entry titled as its front matter]"
		continue
	fi
	awk -F '\t' -v p="$number/" 'index($1, p) == 1 { sub(p, "", $1); print }' OFS='\t' \
	    "$TEST_TMP/toc" >"$TEST_TMP/one"
	cmp -s "$TEST_TMP/one" "$toc" || bad="$bad [$(basename "$f") as $number]"
	"$SHUZHI" --toc "$f" >"$TEST_TMP/alone"
	cmp -s "$TEST_TMP/alone" "$toc" || bad="$bad [$(basename "$f") alone]"
done
is "$bad" "" "each issue's entries, without the prefix, are its .toc (and its --toc alone)"
grep -q "^13${tab}0${tab}《数志》2022年第3期\$" "$TEST_TMP/toc"
ok $? "an issue's entry: 13<TAB>0<TAB>《数志》2022年第3期"
run --toc "$A"/shuzhi-2022-04.txt "$A"/shuzhi-2022-06.txt
awk -F '\t' '$1 ~ /^(14|16)(\/|$)/' "$TEST_TMP/toc" >"$TEST_TMP/two"
cmp -s "$out" "$TEST_TMP/two"; ok $? "two FILEs: the same entries as the folder's, for those two"
run --toc --issue=15 "$A"
awk -F '\t' '$1 ~ /^15(\/|$)/' "$TEST_TMP/toc" >"$TEST_TMP/one"
cmp -s "$out" "$TEST_TMP/one"; ok $? "--toc --issue=15: that issue's entries alone"

# ---- --article and --page with a prefix, or with --issue.
run --article=14/1.2 --width=0 "$A"
"$SHUZHI" --article=1.2 --width=0 "$A"/shuzhi-2022-04.txt >"$TEST_TMP/alone"
[ "$rc" -eq 0 ] && [ -s "$out" ] && cmp -s "$out" "$TEST_TMP/alone"
ok $? "--article=14/1.2 prints article 1.2 of issue 14"
run --issue=14 --article=1.2 --width=0 "$A"
cmp -s "$out" "$TEST_TMP/alone"; ok $? "--issue=14 --article=1.2 too"
run --page=15/20 "$A"
"$SHUZHI" --page=20 "$A"/shuzhi-2022-05.txt >"$TEST_TMP/alone"
[ "$rc" -eq 0 ] && [ -s "$out" ] && cmp -s "$out" "$TEST_TMP/alone"
ok $? "--page=15/20 prints page 20 of issue 15"
for bad_arg in --page=20 --article=1.2 --page=99/20 --article=99/1.2 --issue=99; do
	case $bad_arg in --issue=*) run "$bad_arg" --toc "$A" ;; *) run "$bad_arg" "$A" ;; esac
	[ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ "$(nlines "$err")" -eq 1 ]
	ok $? "$bad_arg in an archive: exit 2, one line ($(cat "$err"))"
done
run --page=20 "$A"
grep -q -e '--page=13/20' "$err"; ok $? "  --page=20 says how to name the issue"
run --issue=14 --article=15/1.2 "$A"
is "$rc" 2 "--issue=14 --article=15/1.2: refused"

# ---- --search: exactly the articles that hold the word, in every issue.
for f in "$A"/shuzhi-*.txt; do
	number=$(sed -n 's/^0\t0\t.*总第\(.*\)期$/\1/p' "${f%.txt}.toc")
	case $number in 十三) p=13 ;; 十四) p=14 ;; 十五) p=15 ;; 十六) p=16 ;; *) p=x ;; esac
	awk -F '\t' '$1 == "0" || $1 ~ /\./ { print $1 }' "${f%.txt}.toc" | while read -r id; do
		"$SHUZHI" --article="$id" --width=0 "$f" >"$arts/${p}_$id" 2>/dev/null
	done
done
for q in 数据要素 税 实验室 算力 IPv6; do
	run --search="$q" --limit=10000 --color=never "$A"
	want=$(having "$q")
	is "$(ids "$out")" "$want" "--search=$q: exactly the articles of every issue that hold it"
done
run --search=数据要素 --issue=15 --limit=10000 "$A"
is "$(ids "$out")" "$(having 数据要素 15)" "--search=数据要素 --issue=15: those of issue 15 alone"
run --search=数据要素 --limit=3 "$A"
[ "$rc" -eq 0 ] && [ "$(nlines "$out")" -eq 3 ] && ! grep -qv "^1[3-6]/[0-9.]*${tab}[0-9]*${tab}." "$out"
ok $? "--search lines are PREFIX/ID<TAB>PAGE<TAB>SNIPPET"
run --search=不存在的词 "$A"
is "$rc" 1 "a word in no issue: exit 1"

# ---- A folder of one issue prints as that issue.
mkdir -p "$TEST_TMP/one-issue"
cp "$first" "$TEST_TMP/one-issue/"
"$SHUZHI" --toc "$first" >"$TEST_TMP/alone"
run --toc "$TEST_TMP/one-issue"
cmp -s "$out" "$TEST_TMP/alone"; ok $? "a folder of one issue: --toc as for its file"
"$SHUZHI" --search=数据 "$first" >"$TEST_TMP/alone"
run --search=数据 "$TEST_TMP/one-issue"
cmp -s "$out" "$TEST_TMP/alone"; ok $? "  and --search too"
mkdir -p "$TEST_TMP/no-issue"
echo "notes" >"$TEST_TMP/no-issue/README.txt"
run --toc "$TEST_TMP/no-issue"
[ "$rc" -eq 2 ] && [ "$(nlines "$err")" -eq 1 ] && grep -q no-issue "$err"
ok $? "a folder whose .txt is no issue: exit 2, one line naming it"

# ---- One file added, changed or removed re-indexes that issue alone.
is "$(reindexed --toc "$A")" "0/4" "a second run indexes nothing"
echo "notes on these issues" >"$A/README.txt"
is "$(reindexed --toc "$A")" "0/4" "a README.txt added: no issue, nothing indexed"
cmp -s "$out" "$TEST_TMP/toc"; ok $? "  the contents unchanged"
touch "$A/shuzhi-2022-05.txt"
is "$(reindexed --search=数据要素 "$A")" "0/4" "a file touched, not changed: nothing indexed"
# Digits are the same in every issue make-archive writes.
run --search=2921 "$A"
is "$rc" 1 "2921 is in no issue"
sed 's/2021年/2921年/g' "$A/shuzhi-2022-05.txt" >"$TEST_TMP/changed"
cat "$TEST_TMP/changed" >"$A/shuzhi-2022-05.txt"
is "$(reindexed --toc "$A")" "1/4" "a file changed: its issue alone re-indexed"
run --search=2921 --limit=10000 "$A"
[ -n "$(having 2021年 15)" ] && [ "$(ids "$out")" = "$(having 2021年 15)" ]
ok $? "  the new text is found where the old was, in that issue alone"
run --search=2021年 --issue=15 "$A"
is "$rc" 1 "  and the old text no longer"
mv "$A/shuzhi-2022-06.txt" "$TEST_TMP/away.txt"
is "$(reindexed --toc "$A")" "0/3" "a file removed: 3 issues, nothing indexed"
grep -q '^16' "$out"; ok $((!$?)) "  its issue is gone from the contents"
run --search=数据要素 --limit=10000 "$A"
grep -q '^16/' "$out"; ok $((!$?)) "  and from the search results"
mv "$TEST_TMP/away.txt" "$A/shuzhi-2022-06.txt"
is "$(reindexed --toc "$A")" "1/4" "the file back: its issue alone indexed"
python3 "$GEN" --shuzhi="$SHUZHI" --issue="$ISSUE" --first=20 1 "$TEST_TMP/new" 7 2>/dev/null
cp "$TEST_TMP"/new/shuzhi-*.txt "$A/"
is "$(reindexed --toc "$A")" "1/5" "a new file: its issue alone indexed"
grep -q "^20${tab}0${tab}" "$out"; ok $? "  and listed as issue 20"

# ---- Several processes at once, a damaged cache, --reindex.
run --toc "$A"
cp "$out" "$TEST_TMP/ref-toc"
run --search=2921 "$A"
cp "$out" "$TEST_TMP/ref-search"
# The binary itself, never a wrapper: under valgrind one build of the
# archive takes longer than the minute a process waits for another's
# lock, and the others then rightly say they keep the index in memory.
# Single processes cover the same code under valgrind.
racer=${SHUZHI_BINARY:-$SHUZHI}
pids=""
for k in 1 2 3 4 5 6 7 8; do
	case $k in
	[1357]) XDG_CACHE_HOME="$TEST_TMP/race" "$racer" --toc "$A" >"$TEST_TMP/race.$k" 2>&1 & ;;
	*) XDG_CACHE_HOME="$TEST_TMP/race" "$racer" --search=2921 "$A" >"$TEST_TMP/race.$k" 2>&1 & ;;
	esac
	pids="$pids $!"
done
bad=""
k=1
for pid in $pids; do
	wait "$pid" || bad="$bad [#$k exit $?]"
	case $k in [1357]) ref="$TEST_TMP/ref-toc" ;; *) ref="$TEST_TMP/ref-search" ;; esac
	cmp -s "$TEST_TMP/race.$k" "$ref" || bad="$bad [#$k output]"
	k=$((k + 1))
done
is "$bad" "" "8 processes at once on an empty cache: all answer right"
n=0
for cache in "$XDG_CACHE_HOME"/shuzhi/archive-*.sqlite; do
	[ -f "$cache" ] && head -c 8192 /dev/urandom >"$cache" && n=$((n + 1))
done
[ "$n" -ge 1 ]; ok $? "the archives' cache files damaged ($n)"
run --search=2921 "$A"
[ "$rc" -eq 0 ] && cmp -s "$out" "$TEST_TMP/ref-search"; ok $? "a damaged cache: rebuilt, the right answer"
is "$(reindexed --reindex --toc "$A")" "5/5" "--reindex re-indexes every issue"
cmp -s "$out" "$TEST_TMP/ref-toc"; ok $? "  with the same contents"

# An archive's build hands FTS5 the tokens made while the files were read
# (core/index_fts.c records them); words of every length are found, the
# longest past the recording's short form. One issue holds the words, in
# a paragraph with 数据要素.
L="$TEST_TMP/long"
mkdir -p "$L"
words=""
for n in 126 127 128 300; do
	words="$words $(printf 'q%0*d' "$((n - 1))" 0 | tr 0 z)"
done
awk -v w="$words" '!done && /数据要素/ { $0 = $0 w; done = 1 } { print }' "$ISSUE" >"$L/a.txt"
cp "$ISSUE" "$L/b.txt"
bad=""
for w in $words; do
	n=$(XDG_CACHE_HOME="$TEST_TMP/long-cache" "$SHUZHI" --search="$w" --limit=100 "$L" | wc -l)
	[ "$n" -eq 1 ] || bad="$bad [${#w} letters: $n]"
done
is "$bad" "" "words of 126, 127, 128 and 300 letters are each found in the one article"

done_testing
