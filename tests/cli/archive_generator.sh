# The archive generator (bench/make-archive): every issue it writes parses
# to exactly the contents it knows (--toc), it is deterministic for a seed,
# and its issues differ from one another.
. "$TESTS_SRCDIR/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3"
	exit 0
fi
GEN="$TESTS_SRCDIR/../bench/make-archive"
SEED=1
COUNT=6
A="$TEST_TMP/a"
B="$TEST_TMP/b"

python3 "$GEN" --shuzhi="$SHUZHI" --issue="$ISSUE" "$COUNT" "$A" "$SEED" 2>"$TEST_TMP/err"
ok $? "make-archive writes $COUNT issues (seed $SEED)"
[ -s "$TEST_TMP/err" ] && diag "stderr: $(cat "$TEST_TMP/err")"

n=$(ls "$A" 2>/dev/null | grep -c '^shuzhi-[0-9][0-9][0-9][0-9]-[0-9][0-9]\.txt$')
is "$n" "$COUNT" "$COUNT issue files named shuzhi-YYYY-MM.txt"
first=$(ls "$A" 2>/dev/null | grep '\.txt$' | head -n 1)
is "$first" "shuzhi-2022-03.txt" "the first is the issue after the bundled one"

size=$(wc -c <"$ISSUE")
for f in "$A"/*.txt; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .txt)
	toc="$A/$name.toc"
	if [ ! -s "$toc" ]; then
		ok 1 "$name: has its .toc"
		continue
	fi
	"$SHUZHI" --toc "$f" >"$TEST_TMP/got" 2>"$TEST_TMP/err"
	status=$?
	if [ "$status" -eq 0 ] && cmp -s "$TEST_TMP/got" "$toc"; then
		ok 0 "$name: --toc prints what the generator knows"
	else
		ok 1 "$name: --toc prints what the generator knows (exit $status)"
		diff "$toc" "$TEST_TMP/got" | sed -n '1,40s/^/#   /p'
		[ -s "$TEST_TMP/err" ] && diag "stderr: $(cat "$TEST_TMP/err")"
	fi
	# About the size of the bundled issue.
	s=$(wc -c <"$f")
	[ "$s" -gt $((size / 2)) ] && [ "$s" -lt $((size * 2)) ]
	ok $? "$name: $s bytes, about the bundled issue's $size"
done

python3 "$GEN" --shuzhi="$SHUZHI" --issue="$ISSUE" "$COUNT" "$B" "$SEED" 2>/dev/null
ok $? "make-archive runs again with the same seed"
diff -r "$A" "$B" >/dev/null 2>&1
ok $? "the same seed gives byte-identical files"

dups=$(for f in "$A"/*.txt; do cksum <"$f"; done | sort | uniq -d | wc -l)
is "$dups" "0" "the issues all differ"
titles=$(cut -f3 "$A"/*.toc | sort | uniq -c | awk '$1 == '"$COUNT"'' | wc -l)
is "$titles" "0" "no article title is the same in every issue"
nums=$(grep -h '^0	' "$A"/*.toc | sort -u | wc -l)
is "$nums" "$COUNT" "each issue has its own number and date"

done_testing
