# Tests a shared index (shuzhi(1), SHARED INDEX): `--reindex --shared DIR`
# builds DIR/.shuzhi/index.sqlite, readable by everyone; another user who
# opens DIR answers from it exactly as from an index of their own, writes no
# index of their own, and so does a copy of the folder made with cp -a. A
# file changed, added or removed since, a damaged index, or a .shuzhi that
# is a symbolic link is named once on stderr, and the answers are those of
# the files as they are, from the user's own cache.
. "$TESTS_SRCDIR/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3"
	exit 0
fi
GEN="$TESTS_SRCDIR/../bench/make-archive"
A="$TEST_TMP/archive" out="$TEST_TMP/out" err="$TEST_TMP/err"
WORD=数字经济

# run ARG...: runs the program as a user whose cache is $XDG_CACHE_HOME,
# output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# as_new_user NAME: gives the commands that follow a cache and state of
# their own, empty: another user, as far as shuzhi can tell.
as_new_user() {
	export XDG_CACHE_HOME="$TEST_TMP/$1/cache" XDG_STATE_HOME="$TEST_TMP/$1/state"
	mkdir -p "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
}

# own_index_files: prints how many index files the current user's cache holds.
own_index_files() { find "$XDG_CACHE_HOME" -name '*.sqlite' | wc -l | tr -d ' '; }

# stderr_lines: prints how many lines the last run wrote on stderr.
stderr_lines() { wc -l <"$err" | tr -d ' '; }

python3 "$GEN" --shuzhi="$SHUZHI" --issue="$ISSUE" 2 "$A" 5 2>"$err"
ok $? "make-archive writes 2 issues"

# ---- What an index of one's own answers, to compare with.
as_new_user reference
run --search="$WORD" "$A"; cp "$out" "$TEST_TMP/want-search"
is "$rc" 0 "the reference search finds $WORD"
run --toc "$A"; cp "$out" "$TEST_TMP/want-toc"
first=$(grep -v "^[0-9]*$(printf '\t')0$(printf '\t')" "$TEST_TMP/want-toc" | sed -n '3s/\t.*//p')
run --article="$first" "$A"; cp "$out" "$TEST_TMP/want-article"

# ---- The administrator builds it.
as_new_user admin
run --reindex --shared "$A"
is "$rc" 0 "--reindex --shared DIR exits 0"
is "$(cat "$out")" "$A: shared index of 2 issues (2 indexed now) in $A/.shuzhi/index.sqlite" \
    "  and says what it built, where"
is "$(stderr_lines)" 0 "  nothing on stderr"
is "$(stat -c %a "$A/.shuzhi")" 755 "  the folder is 0755"
is "$(stat -c %a "$A/.shuzhi/index.sqlite")" 644 "  the index is 0644, whatever the umask"
is "$(find "$A/.shuzhi" -type f | wc -l | tr -d ' ')" 1 "  nothing else is left in the folder"
is "$(own_index_files)" 0 "  and the administrator's own cache holds no index"
(umask 077 && "$SHUZHI" --reindex --shared "$A" >"$out" 2>&1)
is "$(stat -c %a "$A/.shuzhi/index.sqlite")" 644 "built again under umask 077: still 0644"
grep -q "(0 indexed now)" "$out"; ok $? "  nothing changed: no issue indexed again"

# ---- Another user reads it and builds nothing.
as_new_user second
run --search="$WORD" "$A"
is "$rc" 0 "a second user's search exits 0"
cmp -s "$out" "$TEST_TMP/want-search"; ok $? "  the same results as an index of their own"
is "$(stderr_lines)" 0 "  nothing on stderr"
is "$(own_index_files)" 0 "  no index in the second user's cache"
run --toc "$A"
cmp -s "$out" "$TEST_TMP/want-toc"; ok $? "  --toc the same"
run --article="$first" "$A"
cmp -s "$out" "$TEST_TMP/want-article"; ok $? "  --article=$first the same"
run --search=shuju "$A"
is "$rc" 0 "  a pinyin search answers from it too"
is "$(own_index_files)" 0 "  still no index of their own"

# Many readers at once: each answers, none waits on a lock.
for i in 1 2 3 4 5 6 7 8; do
	"$SHUZHI" --search="$WORD" "$A" >"$TEST_TMP/many$i" 2>&1 &
done
wait
bad=""
for i in 1 2 3 4 5 6 7 8; do
	cmp -s "$TEST_TMP/many$i" "$TEST_TMP/want-search" || bad="$bad $i"
done
is "$bad" "" "8 searches at once: all answer as one does, with nothing on stderr"

# A user who cannot write the folder (root without its override).
if unprivileged=$(unprivileged_shuzhi); then
	chmod a-w "$A" "$A/.shuzhi"
	"$unprivileged" --search="$WORD" "$A" >"$out" 2>"$err"
	cmp -s "$out" "$TEST_TMP/want-search"; ok $? "a user who cannot write the folder: the same results"
	is "$(stderr_lines)" 0 "  nothing on stderr"
	"$unprivileged" --reindex --shared "$A" >"$out" 2>"$err"
	is "$?" 2 "  and cannot rebuild it: exit 2"
	grep -q "^shuzhi: $A/\.shuzhi: " "$err"; ok $? "  with a line naming the folder"
	chmod u+w "$A" "$A/.shuzhi"
else
	ok 0 "# SKIP cannot drop the override of file permissions"
	ok 0 "# SKIP cannot drop the override of file permissions"
	ok 0 "# SKIP cannot drop the override of file permissions"
	ok 0 "# SKIP cannot drop the override of file permissions"
fi

# Another account for real (root acting as nobody), with a binary of its
# own that nobody may run, wherever the build tree is.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	chmod 755 "$TEST_TMP"
	mkdir -p "$TEST_TMP/bin" "$TEST_TMP/nobody"
	cp "${SHUZHI_BINARY:-$SHUZHI}" "$TEST_TMP/bin/shuzhi" && chmod 755 "$TEST_TMP/bin/shuzhi"
	chown nobody "$TEST_TMP/nobody"
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
	    env HOME="$TEST_TMP/nobody" XDG_CACHE_HOME="$TEST_TMP/nobody/cache" \
	    XDG_STATE_HOME="$TEST_TMP/nobody/state" \
	    "$TEST_TMP/bin/shuzhi" --search="$WORD" "$A" >"$out" 2>"$err"
	is "$?" 0 "as the user nobody: the search exits 0"
	cmp -s "$out" "$TEST_TMP/want-search"; ok $? "  the same results"
	is "$(stderr_lines)" 0 "  nothing on stderr"
	is "$(find "$TEST_TMP/nobody" -name '*.sqlite' | wc -l | tr -d ' ')" 0 "  and no index of nobody's own"
else
	for i in 1 2 3 4; do
		ok 0 "# SKIP not root with setpriv and a user nobody: another account cannot be acted"
	done
fi

# ---- A copy of the folder with the archive serves where it lands.
cp -a "$A" "$TEST_TMP/copy"
as_new_user third
run --search="$WORD" "$TEST_TMP/copy"
sed "s|$A|$TEST_TMP/copy|g" "$TEST_TMP/want-search" >"$TEST_TMP/want-copy"
cmp -s "$out" "$TEST_TMP/want-copy"; ok $? "a copy made with cp -a: the same results"
is "$(stderr_lines)$(own_index_files)" 00 "  nothing said, no index of one's own"

# ---- Out of date: named once, and the files answer as they are.
change() { sed 's/2021年/2921年/g' "$1" >"$TEST_TMP/changed" && cat "$TEST_TMP/changed" >"$1"; }
set -- "$TEST_TMP/copy"/shuzhi-*.txt
change "$1"
as_new_user fourth
run --search=2921年 "$TEST_TMP/copy"
is "$rc" 0 "a file changed since: the new text is found"
is "$(stderr_lines)" 1 "  one line on stderr"
grep -q "^shuzhi: $TEST_TMP/copy/.shuzhi: the shared index is out of date ($1 changed since it was built); using your own index\$" "$err"
ok $? "  naming the shared index out of date and the file"
[ "$(own_index_files)" -ge 1 ]; ok $? "  the user's own index answers"
run --search=2921年 "$TEST_TMP/copy"
is "$(stderr_lines)" 1 "  said again on the next start, once"

# The administrator brings it up to date: the changed issue alone, and
# readers trust it again.
as_new_user admin
run --reindex --shared "$TEST_TMP/copy"
is "$(cat "$out")" "$TEST_TMP/copy: shared index of 2 issues (1 indexed now) in $TEST_TMP/copy/.shuzhi/index.sqlite" \
    "--reindex --shared after one file changed: that issue alone indexed again"
as_new_user fourth-again
run --search=2921年 "$TEST_TMP/copy"
is "$rc$(stderr_lines)$(own_index_files)" 000 "  readers find the new text in it, say nothing, build nothing"

cp -a "$A" "$TEST_TMP/added"
cp "$ISSUE" "$TEST_TMP/added/zz-new.txt"
run --toc "$TEST_TMP/added"
grep -q "(.*zz-new.txt was added since it was built)" "$err"; ok $? "a file added since: named"
is "$(grep -c "^[0-9]*$(printf '\t')0$(printf '\t')" "$out")" 3 "  and its issue listed"
cp -a "$A" "$TEST_TMP/removed"
set -- "$TEST_TMP/removed"/shuzhi-*.txt
rm "$1"
run --toc "$TEST_TMP/removed"
grep -q "($(basename "$1") was removed since it was built)" "$err"; ok $? "a file removed since: named"
is "$(grep -c "^[0-9]*$(printf '\t')0$(printf '\t')" "$out")" 1 "  and its issue gone"

# ---- Damaged: not trusted.
cp -a "$A" "$TEST_TMP/damaged"
printf 'not a database, not at all' | dd of="$TEST_TMP/damaged/.shuzhi/index.sqlite" bs=1 seek=0 \
    conv=notrunc 2>/dev/null
as_new_user fifth
run --search="$WORD" "$TEST_TMP/damaged"
sed "s|$A|$TEST_TMP/damaged|g" "$TEST_TMP/want-search" >"$TEST_TMP/want-damaged"
cmp -s "$out" "$TEST_TMP/want-damaged"; ok $? "a damaged shared index: the right results"
grep -q "^shuzhi: $TEST_TMP/damaged/.shuzhi: the shared index is unusable (damaged); using your own index\$" "$err"
ok $? "  and one line saying it is damaged"

as_new_user admin
run --reindex --shared "$TEST_TMP/damaged"
grep -q "(2 indexed now)" "$out"; ok $? "--reindex --shared over a damaged one: built whole"
as_new_user fifth-again
run --search="$WORD" "$TEST_TMP/damaged"
is "$(stderr_lines)$(own_index_files)" 00 "  and trusted again"

# ---- A .shuzhi that is a symbolic link is never followed.
cp -a "$A" "$TEST_TMP/linked"
mv "$TEST_TMP/linked/.shuzhi" "$TEST_TMP/elsewhere"
ln -s "$TEST_TMP/elsewhere" "$TEST_TMP/linked/.shuzhi"
as_new_user sixth
run --search="$WORD" "$TEST_TMP/linked"
grep -q "^shuzhi: $TEST_TMP/linked/.shuzhi: the shared index is unusable (a symbolic link, never followed); using your own index\$" "$err"
ok $? "a .shuzhi that links elsewhere (to a good index): refused"
[ "$(own_index_files)" -ge 1 ]; ok $? "  the user's own index answers"
before=$(stat -c %Y.%s "$TEST_TMP/elsewhere/index.sqlite")
run --reindex --shared "$TEST_TMP/linked"
is "$rc" 2 "--reindex --shared through that link: exit 2"
is "$(cat "$err")" "shuzhi: $TEST_TMP/linked/.shuzhi: not a folder (a symbolic link): refusing to write there" \
    "  one line naming it"
is "$(stat -c %Y.%s "$TEST_TMP/elsewhere/index.sqlite")" "$before" "  and the link's target untouched"

# ---- Usage.
run --shared "$A"
is "$rc" 2 "--shared without --reindex: exit 2"
is "$(cat "$err")" "shuzhi: --shared builds one folder's shared index: shuzhi --reindex --shared DIR" \
    "  saying how it goes"
set -- "$A"/shuzhi-*.txt
run --reindex --shared "$1"
is "$rc" 2 "--reindex --shared FILE: exit 2"
is "$(cat "$err")" "shuzhi: $1: not a folder (--shared indexes a folder of issues)" "  naming the file"

done_testing
