# Tests of damaged and hostile inputs that must lose nothing and follow
# nothing: a missing or damaged page-number line, a stray NUL, a FIFO
# given as FILE, file names that are not UTF-8, a symbolic link in the
# cache's place, long queries, unreadable files in a folder.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# ids FILE: prints the IDs and titles of a --toc output (not the pages,
# which a missing page number may move).
ids() { cut -f 1,3 "$1"; }

"$SHUZHI" --toc >"$TEST_TMP/want"
ids "$TEST_TMP/want" >"$TEST_TMP/want-ids"

# A page-number line lost in the middle of the issue: the page before it
# is longer, and the issue goes on to its end.
middle=$(awk '/^[0-9]+$/ { n[++k] = NR } END { print n[int(k / 2)] }' "$ISSUE")
awk -v skip="$middle" 'NR != skip' "$ISSUE" >"$TEST_TMP/gap.txt"
run --toc "$TEST_TMP/gap.txt"
is "$rc" 0 "an issue missing a page-number line: --toc works"
ids "$out" >"$TEST_TMP/got-ids"
cmp -s "$TEST_TMP/got-ids" "$TEST_TMP/want-ids"
ok $? "and lists every article ($(nlines "$out") of $(nlines "$TEST_TMP/want") lines)"
last=$(tail -n 1 "$TEST_TMP/want" | cut -f 1)
run --article="$last" --width=0 "$TEST_TMP/gap.txt"
is "$rc" 0 "the last article is still there"

# Invalid bytes landing on several page-number lines, the first page's
# among them, do the same.
awk -v bad="$(printf '\377')" '/^[1-9][0-9]*$/ && (++k == 2 || k % 23 == 5) { print bad $0; next } { print }' \
    "$ISSUE" >"$TEST_TMP/damaged.txt"
run --toc "$TEST_TMP/damaged.txt"
ids "$out" >"$TEST_TMP/got-ids"
cmp -s "$TEST_TMP/got-ids" "$TEST_TMP/want-ids"
ok $? "invalid bytes on page-number lines: every article listed ($(nlines "$out") lines)"

# One NUL among the text is a damaged byte, not binary data.
size=$(wc -c <"$ISSUE")
{ head -c $((size / 2)) "$ISSUE"; printf '\000'; tail -c +$((size / 2 + 1)) "$ISSUE"; } >"$TEST_TMP/nul.txt"
run --toc "$TEST_TMP/nul.txt"
is "$rc" 0 "one NUL in the issue: read"
cmp -s "$out" "$TEST_TMP/want"; ok $? "with the same contents"
head -c 200000 /dev/zero >"$TEST_TMP/zeros.txt"
run --toc "$TEST_TMP/zeros.txt"
is "$rc" 2 "a file of NULs is still refused"

# A FIFO given as FILE is refused at once, never opened for a writer
# that may never come; alone, beside an issue, or in a folder.
mkfifo "$TEST_TMP/fifo.txt"
timeout 20 "$SHUZHI" --toc "$TEST_TMP/fifo.txt" >"$out" 2>"$err"
rc=$?
is "$rc" 2 "a FIFO as FILE: exit 2, no hang"
grep -q 'fifo.txt' "$err"; ok $? "the message names it"
is "$(nlines "$err")" 1 "in one line"
timeout 20 "$SHUZHI" --toc "$ISSUE" "$TEST_TMP/fifo.txt" >"$out" 2>"$err"
is "$?" 2 "a FIFO beside an issue: exit 2, no hang"
mkdir "$TEST_TMP/fifo-folder"
cp "$ISSUE" "$TEST_TMP/fifo-folder/issue.txt"
mkfifo "$TEST_TMP/fifo-folder/pipe.txt"
timeout 20 "$SHUZHI" --toc "$TEST_TMP/fifo-folder" >"$out" 2>"$err"
is "$?" 0 "a FIFO in a folder is passed over"

# A symbolic link put in the archive cache's place is replaced, never
# followed: its target is neither written nor, when dangling, created.
mkdir "$TEST_TMP/two"
cp "$ISSUE" "$TEST_TMP/two/a.txt"
sed 's/总第十二期/总第十三期/' "$ISSUE" >"$TEST_TMP/two/b.txt"
"$SHUZHI" --toc "$TEST_TMP/two" >"$TEST_TMP/two-want" 2>/dev/null
cache=$(ls "$XDG_CACHE_HOME"/shuzhi/archive-*.sqlite)
for target in "$TEST_TMP/victim" "$TEST_TMP/dangling"; do
	rm -f "$cache"
	case $target in *victim) : >"$target" ;; esac
	ln -s "$target" "$cache"
	run --toc "$TEST_TMP/two"
	cmp -s "$out" "$TEST_TMP/two-want"; ok $? "a link in the archive cache's place ($(basename "$target")): the archive opens"
	case $target in
	*victim) is "$(wc -c <"$target" | tr -d ' ')" 0 "the link's target is not written" ;;
	*) [ ! -e "$target" ]; ok $? "a dangling link's target is not created" ;;
	esac
	[ -f "$cache" ] && [ ! -L "$cache" ]; ok $? "a cache file stands in the link's place"
done

# A long query is taken whole or refused in one line, never cut short:
# 32 words then an exclusion, and 17 or more alternatives.
words() { i=0; while [ $i -lt "$2" ]; do printf '%s ' "$1"; i=$((i + 1)); done; }
# same_or_refused QUERY EQUIVALENT DESCRIPTION: QUERY finds what EQUIVALENT
# finds, or exits 2 with one line saying the query is too long.
same_or_refused() {
	"$SHUZHI" --search="$2" --limit=1000 >"$TEST_TMP/same" 2>/dev/null
	run --search="$1" --limit=1000
	if [ "$rc" -eq 2 ]; then
		[ ! -s "$out" ] && [ "$(nlines "$err")" -eq 1 ] && grep -q 'terms' "$err"
		ok $? "$3: refused in one line"
	else
		cmp -s "$out" "$TEST_TMP/same"; ok $? "$3: finds what '$2' finds (exit $rc)"
	fi
}
same_or_refused "$(words 数据 32)-安全" "数据 -安全" "32 words then -安全"
same_or_refused "$(words '数据 OR' 17)数据" "数据" "17 alternatives"
same_or_refused "$(words 数据 31)-安全" "数据 -安全" "31 words then -安全"
run --search="$(i=0; while [ $i -lt 300 ]; do printf 'w%d ' $i; i=$((i + 1)); done)"
is "$rc" 2 "300 different words: exit 2"
grep -q 'terms' "$err"; ok $? "with a message about the terms ($(head -c 80 "$err"))"

# A home folder that does not exist is not made (root could make it).
(
	unset XDG_CACHE_HOME XDG_STATE_HOME
	HOME="$TEST_TMP/no-such-home/user" "$SHUZHI" --toc >"$out" 2>"$err"
)
cmp -s "$out" "$TEST_TMP/want"; ok $? "a missing HOME: the contents are printed"
[ ! -e "$TEST_TMP/no-such-home" ]; ok $? "and the missing home's folders are not made"

# Out of file descriptors while reading a folder: said, not "no issues".
mkdir "$TEST_TMP/fds"
cp "$ISSUE" "$TEST_TMP/fds/a.txt"
sed 's/总第十二期/总第十三期/' "$ISSUE" >"$TEST_TMP/fds/b.txt"
run --toc "$TEST_TMP/fds"
cp "$out" "$TEST_TMP/want-fds"
want_fds=$(nlines "$out")
# The smallest limit that still lets SQLite open the cache and the
# program start, found by trying, so that reading the issues runs out.
# The binary itself, never a wrapper: valgrind needs a dozen descriptors
# of its own and fails to start under these limits.
# Once a limit gives the whole answer, nothing on stderr and a cache file,
# no descriptor was refused, and every higher limit runs the same (the
# program never asks for its limit): the limits above it are not run.
found= said= clean=
for n in 4 5 6 7 8 9 10 11 12 13 14 15 16; do
	rm -rf "$XDG_CACHE_HOME"
	(ulimit -n $n && exec "${SHUZHI_BINARY:-$SHUZHI}" --toc "$TEST_TMP/fds") >"$out" 2>"$err"
	rc=$?
	if grep -qi 'no issues' "$err"; then found="$n: no issues"; break; fi
	if grep -qi 'too many open files' "$err"; then said=$n; fi
	if [ "$rc" -eq 0 ] && [ ! -s "$err" ] && [ "$(nlines "$out")" -eq "$want_fds" ] &&
	    [ -n "$(find "$XDG_CACHE_HOME/shuzhi" -name 'archive-*.sqlite' 2>/dev/null)" ]; then
		clean=$n
		break
	fi
done
is "${found:-none}" none "no file-descriptor limit reads as 'no issues in this folder'"
[ -n "$clean" ]; ok $? "some limit up to 16 gives the whole answer, nothing on stderr (${clean:-none})"
[ -n "$said" ]; ok $? "some limit is said to be 'too many open files' (${said:-none})"

# An unreadable .txt in a folder: passed over, and said once, naming it.
if bound=$(unprivileged_shuzhi); then
	mkdir "$TEST_TMP/locked"
	cp "$TEST_TMP/fds/a.txt" "$TEST_TMP/fds/b.txt" "$TEST_TMP/locked/"
	chmod 000 "$TEST_TMP/locked/b.txt"
	rm -rf "$XDG_CACHE_HOME"
	"$bound" --toc "$TEST_TMP/locked" >"$out" 2>"$err"
	is "$?" 0 "an unreadable issue in a folder: the others open"
	is "$(grep -c . "$err")" 1 "  one line on stderr"
	grep -q 'b\.txt.*Permission denied' "$err"; ok $? "  naming the file and why ($(head -c 100 "$err"))"
	cmp -s "$out" "$TEST_TMP/want"; ok $? "  the contents of the readable issue alone"
	chmod 000 "$TEST_TMP/locked/a.txt"
	"$bound" --toc "$TEST_TMP/locked" >"$out" 2>"$err"
	is "$?" 2 "every issue unreadable: exit 2"
	grep -q 'no issues.*2 unreadable files skipped' "$err"; ok $? "  saying why ($(head -c 120 "$err"))"
	chmod 644 "$TEST_TMP/locked/a.txt" "$TEST_TMP/locked/b.txt"
else
	ok 0 "an unreadable issue in a folder # SKIP root reads every file, and setpriv cannot stop it"
fi

# A damaged cache is rebuilt, and said once on stderr.
for what in issue folder; do
	if [ $what = issue ]; then set -- --toc; else set -- --toc "$TEST_TMP/fds"; fi
	rm -rf "$XDG_CACHE_HOME"
	run "$@"
	cp "$out" "$TEST_TMP/want-damaged"
	for cache in "$XDG_CACHE_HOME"/shuzhi/*.sqlite; do
		head -c 9000 /dev/urandom >"$cache"
	done
	run "$@"
	cmp -s "$out" "$TEST_TMP/want-damaged" && [ "$(grep -c . "$err")" -eq 1 ] &&
	    grep -q 'damaged' "$err"
	ok $? "a damaged cache ($what): the same answer and one line saying so ($(head -c 100 "$err"))"
	run "$@"
	[ ! -s "$err" ]; ok $? "  and the next run says nothing"
done

# A full disk (here a file-size limit, its signal ignored) while the cache
# is first built: the answer from memory, no half a database left behind.
# The answers are those printed above with a cache: --toc of the bundled
# issue, of the folder.
for what in issue folder; do
	if [ $what = issue ]; then set -- --toc; want="$TEST_TMP/want"
	else set -- --toc "$TEST_TMP/fds"; want="$TEST_TMP/want-fds"; fi
	rm -rf "$XDG_CACHE_HOME"
	(trap '' XFSZ; ulimit -f 400 && exec "$SHUZHI" "$@") >"$out" 2>"$err"
	is "$?" 0 "a full disk ($what): exit 0"
	cmp -s "$out" "$want"; ok $? "  the same answer"
	grep -q 'kept in memory' "$err"; ok $? "  saying the index is kept in memory ($(head -c 100 "$err"))"
	left=$(find "$XDG_CACHE_HOME" -type f | sed 's|.*/||' | tr '\n' ' ')
	is "$left" "" "  and no file left in the cache folder"
done

# File names that are no UTF-8 (GBK names from a Windows zip): kept as
# bytes, so every issue is found, run after run; shown as \xNN.
mkdir "$TEST_TMP/gbk"
cp "$TEST_TMP/fds/a.txt" "$TEST_TMP/gbk/$(printf 'a\312\375.txt')"
cp "$TEST_TMP/fds/b.txt" "$TEST_TMP/gbk/$(printf 'b\312\375.txt')"
rm -rf "$XDG_CACHE_HOME"
run --toc "$TEST_TMP/gbk"
is "$rc" 0 "a folder of GBK-named issues: exit 0"
is "$(cut -f1 "$out" | grep -c -e '^12/' -e '^13/')" "$(( 2 * $(nlines "$TEST_TMP/want") ))" \
    "  both issues listed whole"
cp "$TEST_TMP/fds/a.txt" "$TEST_TMP/gbk/plain.txt"
for k in 1 2; do
	run --toc "$TEST_TMP/gbk"
	[ "$rc" -eq 0 ] && [ ! -s "$err" ]; ok $? "  and a UTF-8 name beside them, run $k: exit 0, nothing on stderr ($(head -c 100 "$err"))"
done
is "$(cut -f1 "$out" | grep -v / | tr '\n' ' ')" 'a\xca\xfd plain 13 ' \
    "  two issues 12 told apart by their names, the GBK one as \\xNN"
iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1; ok $? "  the output is UTF-8"
run --article='a\xca\xfd/1.1' "$TEST_TMP/gbk"
[ "$rc" -eq 0 ] && [ -s "$out" ]; ok $? "  the name as shown opens the issue: --article='a\\xca\\xfd/1.1'"
rm "$TEST_TMP/gbk/plain.txt"
printf 'x' >"$TEST_TMP/gbk/$(printf 'c\312\375.txt')"
run --article=1.1 "$TEST_TMP/gbk/$(printf 'c\312\375.txt')"
grep -q 'c\\xca\\xfd\.txt' "$err"; ok $? "  a message names it as \\xNN ($(head -c 100 "$err"))"

# Equal scores rank by ID, whatever order the cache met the issues in:
# issues 13 and 14 indexed before issue 12, then all afresh.
mkdir "$TEST_TMP/ties"
cp "$TEST_TMP/fds/b.txt" "$TEST_TMP/ties/"
sed 's/总第十二期/总第十四期/' "$ISSUE" >"$TEST_TMP/ties/c.txt"
rm -rf "$XDG_CACHE_HOME"
run --toc "$TEST_TMP/ties"
cp "$TEST_TMP/fds/a.txt" "$TEST_TMP/ties/"
run --search=数据 "$TEST_TMP/ties"
cut -f1 "$out" >"$TEST_TMP/ties.later"
rm -rf "$XDG_CACHE_HOME"
run --search=数据 "$TEST_TMP/ties"
cut -f1 "$out" >"$TEST_TMP/ties.fresh"
cmp -s "$TEST_TMP/ties.later" "$TEST_TMP/ties.fresh"
ok $? "the same results in the same order, however the cache was built"
first12=$(grep -n '^12/' "$TEST_TMP/ties.fresh" | head -1 | cut -d: -f1)
first13=$(grep -n '^13/' "$TEST_TMP/ties.fresh" | head -1 | cut -d: -f1)
[ -n "$first12" ] && [ -n "$first13" ] && [ "$first12" -lt "$first13" ]
ok $? "of two equal articles, issue 12's comes first (lines ${first12:-none} and ${first13:-none})"

done_testing
