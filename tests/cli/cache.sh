# Tests the index cache (README, Where things live): built in $XDG_CACHE_HOME/shuzhi
# (else ~/.cache/shuzhi) on the first run and reused untouched after it;
# --reindex rebuilds it; a cache that cannot be written, or a damaged cache
# file, still gives the right answers; an issue whose text changed gets a
# new index; 8 processes started at once on an empty cache all answer the
# same, right answer.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err" ref="$TEST_TMP/ref"
mkdir -p "$ref"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# ask DESCRIPTION [VAR=VALUE...]: asks every question with the environment
# given (through env) and reports whether every answer is right: exit 0,
# the reference output, at most one line (a notice) on stderr.
ask() {
	what=$1; shift
	i=0 bad=""
	for q in "--search=数据要素" "--search=税" "--search=紫金山实验室 OR 算力" "--article=2.9" "--toc"; do
		i=$((i + 1))
		env "$@" "$SHUZHI" "$q" >"$out" 2>"$err"
		r=$?
		if [ "$r" -ne 0 ] || ! cmp -s "$out" "$ref/$i" || [ "$(nlines "$err")" -gt 1 ]; then
			bad="$bad [$q: exit $r, $(nlines "$out") lines, stderr $(head -n 2 "$err" | tr '\n' ' ')]"
		fi
	done
	is "$bad" "" "$what: every answer right"
}

# index_files DIR: the cache files in DIR (not SQLite's side files), sorted.
index_files() {
	find "$1" -type f ! -name '*-wal' ! -name '*-shm' ! -name '*-journal' 2>/dev/null | sort
}

# fingerprint DIR: inode, modification time (ns) and size of each cache file.
fingerprint() {
	for f in $(index_files "$1"); do stat -c '%n %i %y %s' "$f"; done
}

# tick FILE: waits until the file system's clock has moved past FILE's
# modification time, so that a rewrite of FILE would show.
tick() {
	[ -e "$1" ] || return 1		# no file: fail now, not after 100,000 tries
	k=0
	while [ $k -lt 100000 ]; do
		touch "$TEST_TMP/probe"
		[ -n "$(find "$TEST_TMP/probe" -newer "$1")" ] && return 0
		k=$((k + 1))
	done
	return 1
}

# The reference answers, from a cache of their own.
i=0
for q in "--search=数据要素" "--search=税" "--search=紫金山实验室 OR 算力" "--article=2.9" "--toc"; do
	i=$((i + 1))
	XDG_CACHE_HOME="$TEST_TMP/refcache" "$SHUZHI" "$q" >"$ref/$i" 2>/dev/null
	[ -s "$ref/$i" ] || diag "no reference answer for $q"
done
grep -q '^2\.9	' "$ref/1" 2>/dev/null || grep -q '^2\.9	' "$ref/3"; ok $? "the reference answers look right"

# ---- First run: the index is built in $XDG_CACHE_HOME/shuzhi.
cache="$XDG_CACHE_HOME/shuzhi"
run --search=数据要素
is "$rc" 0 "the first search exits 0"
cmp -s "$out" "$ref/1"; ok $? "the first search gives the reference answer"
test ! -s "$err"; ok $? "the first search says nothing on stderr (the cache is writable)"
test -d "$cache"; ok $? "\$XDG_CACHE_HOME/shuzhi/ is made"
files=$(index_files "$cache")
n=$(printf '%s\n' $files | grep -c .)
[ "$n" -ge 1 ]; ok $? "it holds an index file ($n)"
diag "cache: $(ls -A "$cache" 2>/dev/null | tr '\n' ' ')"
index=$(for f in $files; do stat -c '%s %n' "$f"; done | sort -n | tail -n 1 | cut -d ' ' -f 2-)
[ -s "$index" ]; ok $? "the index file is not empty"

# ---- Later runs reuse it untouched.
before=$(fingerprint "$cache")
tick "$index"; ok $? "the clock moves past the index's time"
ask "with the index built"
is "$(fingerprint "$cache")" "$before" "later runs leave the index file as it was (inode, time, size)"
is "$(ls -A "$cache")" "$(printf '%s\n' $files | sed 's|.*/||')" "later runs add no file to the cache"

# ---- --reindex rebuilds it.
tick "$index"
run --reindex --search=数据要素
is "$rc" 0 "--reindex --search exits 0"
cmp -s "$out" "$ref/1"; ok $? "--reindex --search gives the reference answer"
after=$(fingerprint "$cache")
[ "$after" != "$before" ]; ok $? "--reindex rewrites the index file"
test -s "$index" || index=$(index_files "$cache" | head -n 1)
before=$(fingerprint "$cache")
tick "$index"
ask "after --reindex"
is "$(fingerprint "$cache")" "$before" "the rebuilt index is reused untouched"

# ---- A damaged index is rebuilt, and the answers stay right.
size=$(stat -c %s "$index")
damage() {
	case $1 in
	junk) head -c 4096 /dev/urandom >"$index" ;;
	text) printf 'this is not an index\n' >"$index" ;;
	empty) : >"$index" ;;
	half) head -c $((size / 2)) "$XDG_CACHE_HOME/saved" >"$index" ;;
	header) cp "$XDG_CACHE_HOME/saved" "$index"
		printf 'JUNKJUNKJUNKJUNKJUNKJUNKJUNKJUNK' | dd of="$index" bs=1 seek=0 conv=notrunc 2>/dev/null ;;
	middle) cp "$XDG_CACHE_HOME/saved" "$index"
		dd if=/dev/zero of="$index" bs=4096 seek=$((size / 4096 / 3)) count=$((size / 4096 / 3)) conv=notrunc 2>/dev/null ;;
	scribble) cp "$XDG_CACHE_HOME/saved" "$index"
		head -c $((size / 3)) /dev/urandom | dd of="$index" bs=4096 seek=$((size / 4096 / 2)) conv=notrunc 2>/dev/null ;;
	esac
}
cp "$index" "$XDG_CACHE_HOME/saved"
for how in junk text empty half header middle scribble; do
	damage $how
	cp "$index" "$TEST_TMP/damaged"
	ask "an index damaged ($how)"
	cmp -s "$index" "$TEST_TMP/damaged" 2>/dev/null
	ok $((!$?)) "the index damaged ($how) is replaced"
	# The replacement is sound: it is reused untouched.
	index=$(index_files "$cache" | head -n 1)
	before=$(fingerprint "$cache")
	tick "$index"
	ask "the index rebuilt after damage ($how)"
	is "$(fingerprint "$cache")" "$before" "the index rebuilt after damage ($how) is reused untouched"
	cp "$index" "$XDG_CACHE_HOME/saved" 2>/dev/null
	size=$(stat -c %s "$index" 2>/dev/null || echo 0)
done

# A folder where the index file should be.
rm -f "$index"
mkdir "$index"
ask "a folder in the index file's place"
rmdir "$index" 2>/dev/null || rm -rf "$index"

# ---- A cache that cannot be written: the right answers all the same.
: >"$TEST_TMP/file"
ask "XDG_CACHE_HOME under a regular file" XDG_CACHE_HOME="$TEST_TMP/file/cache"
ask "XDG_CACHE_HOME being a regular file" XDG_CACHE_HOME="$TEST_TMP/file"
mkdir -p "$TEST_TMP/c2"
: >"$TEST_TMP/c2/shuzhi"
ask "the cache's shuzhi being a regular file" XDG_CACHE_HOME="$TEST_TMP/c2"
env XDG_CACHE_HOME="$TEST_TMP/file/cache" "$SHUZHI" --search=数据要素 >"$out" 2>"$err"
[ "$(nlines "$err")" -le 1 ]; ok $? "an unwritable cache: at most a one-line notice ($(cat "$err"))"
if bound=$(unprivileged_shuzhi); then
	mkdir -p "$TEST_TMP/ro/shuzhi"
	chmod 500 "$TEST_TMP/ro/shuzhi" "$TEST_TMP/ro"
	saved=$SHUZHI SHUZHI=$bound
	ask "a read-only cache folder" XDG_CACHE_HOME="$TEST_TMP/ro"
	SHUZHI=$saved
	[ -z "$(ls -A "$TEST_TMP/ro/shuzhi")" ]; ok $? "  and nothing was written in it"
	chmod 700 "$TEST_TMP/ro/shuzhi" "$TEST_TMP/ro"
else
	ok 0 "a read-only cache folder # SKIP root writes in read-only folders, and setpriv cannot stop it"
fi

# ---- The default place: ~/.cache/shuzhi, also when XDG_CACHE_HOME is empty.
home1="$TEST_TMP/home1" home2="$TEST_TMP/home2"
mkdir -p "$home1" "$home2"
(unset XDG_CACHE_HOME; HOME="$home1" "$SHUZHI" --search=数据要素 >"$out" 2>"$err")
cmp -s "$out" "$ref/1"; ok $? "without XDG_CACHE_HOME: the right answer"
[ -n "$(index_files "$home1/.cache/shuzhi")" ]; ok $? "without XDG_CACHE_HOME the index is in ~/.cache/shuzhi"
HOME="$home2" XDG_CACHE_HOME= "$SHUZHI" --search=数据要素 >"$out" 2>"$err"
cmp -s "$out" "$ref/1"; ok $? "with an empty XDG_CACHE_HOME: the right answer"
[ -n "$(index_files "$home2/.cache/shuzhi")" ]; ok $? "with an empty XDG_CACHE_HOME the index is in ~/.cache/shuzhi"

# ---- An issue whose text changes gets a new index (same size, same file).
cp "$ISSUE" "$TEST_TMP/issue.txt"
is "$(grep -c 玄武湖实验室 "$ISSUE")" 0 "玄武湖实验室 is not in the issue"
run --search=紫金山实验室 "$TEST_TMP/issue.txt"
cut -f 1 "$out" | grep -qx 2.9; ok $? "the copy: 紫金山实验室 found in 2.9"
sed 's/紫金山实验室/玄武湖实验室/g' "$ISSUE" >"$TEST_TMP/changed"
cat "$TEST_TMP/changed" >"$TEST_TMP/issue.txt"
is "$(stat -c %s "$TEST_TMP/issue.txt")" "$(stat -c %s "$ISSUE")" "the changed copy has the same size"
run --search=玄武湖实验室 "$TEST_TMP/issue.txt"
is "$rc" 0 "the changed copy: 玄武湖实验室 found"
cut -f 1 "$out" | grep -qx 2.9; ok $? "the changed copy: 玄武湖实验室 found in 2.9"
run --search=紫金山实验室 "$TEST_TMP/issue.txt"
is "$rc" 1 "the changed copy: 紫金山实验室 no longer found"
run --search=紫金山实验室
is "$rc" 0 "the bundled issue, sharing the cache: 紫金山实验室 still found"
run --search=玄武湖实验室
is "$rc" 1 "the bundled issue: 玄武湖实验室 not found"

# ---- 8 processes at once on an empty cache: the same, right answer.
# concurrent NAME ARG...: starts 8 runs of the program at once with
# XDG_CACHE_HOME=$TEST_TMP/NAME; the k-th gets the k-th ARG (cycling), each
# either a question number of the reference answers or "reindex" (question 1
# with --reindex). Reports whether all 8 answered right.
concurrent() {
	name=$1; shift
	pids=""
	k=1
	while [ $k -le 8 ]; do
		eval "a=\${$(( (k - 1) % $# + 1 ))}"
		case $a in
		reindex) q=1; extra=--reindex ;;
		*) q=$a; extra= ;;
		esac
		eval "qq=\$q$q"
		XDG_CACHE_HOME="$TEST_TMP/$name" "$SHUZHI" $extra "$qq" >"$TEST_TMP/$name.out.$k" 2>"$TEST_TMP/$name.err.$k" &
		pids="$pids $!"
		echo "$q" >"$TEST_TMP/$name.q.$k"
		k=$((k + 1))
	done
	k=1 bad=""
	for pid in $pids; do
		wait "$pid"
		r=$?
		q=$(cat "$TEST_TMP/$name.q.$k")
		if [ "$r" -ne 0 ] || ! cmp -s "$TEST_TMP/$name.out.$k" "$ref/$q"; then
			bad="$bad [#$k: exit $r, $(head -n 1 "$TEST_TMP/$name.err.$k")]"
		fi
		k=$((k + 1))
	done
	is "$bad" "" "8 at once ($name: $*): all answer right"
}
q1="--search=数据要素" q2="--search=税" q3="--search=紫金山实验室 OR 算力" q4="--article=2.9" q5="--toc"
for round in 1 2 3 4; do
	concurrent "race$round" 1
done
concurrent race-mixed 1 2 3 4 5
concurrent race-mixed reindex 1
concurrent race-reindex reindex
ask "after the races" XDG_CACHE_HOME="$TEST_TMP/race1"
diag "race1 cache: $(ls -A "$TEST_TMP/race1/shuzhi" 2>/dev/null | tr '\n' ' ')"

done_testing
