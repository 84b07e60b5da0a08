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

# A heading is kept with the text it heads, never last on its page, even
# when a box printed again is due right after it: the copy takes room too
# (issue 22 of seed 78 once printed 三、系统部署… with only a copy of
# 在工作目标上… after it, then the page's number). Looks in the issues
# above and that one for a numbered heading, then a line that repeats one
# printed a few lines before, then a page number.
python3 "$GEN" --shuzhi="$SHUZHI" --issue="$ISSUE" --first=22 1 "$TEST_TMP/s78" 78 2>"$TEST_TMP/err"
ok $? "make-archive writes issue 22 of seed 78"
python3 - "$A"/*.txt "$TEST_TMP/s78"/*.txt <<'PY'
import re, sys
heading = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
found = 0
for path in sys.argv[1:]:
    text = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
    for i in range(len(text) - 2):
        h, c, n = text[i], text[i + 1], text[i + 2]
        if heading.match(h) and len(h) <= 30 and "。" not in h[:-1] and n.isdigit() and len(c) >= 10 \
                and any(text[j].startswith(c) for j in range(max(0, i - 12), i)):
            print("# %s: %s, then %s… printed again, then page %s" % (path, h, c[:12], n))
            found += 1
sys.exit(1 if found else 0)
PY
ok $? "no heading stands last on its page with only a copy after it"

done_testing
