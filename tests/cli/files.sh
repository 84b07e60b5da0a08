# Tests what FILE can be (shuzhi(1), OPTIONS): the bundled issue by default, a
# copy anywhere, and the refusals: a missing file, a folder, an empty file,
# binary data (random bytes, NULs, an executable), something unreadable:
# exit 2, nothing on stdout, one line on stderr naming the file, for every
# output option.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# refused FILE DESCRIPTION: every output option on FILE exits 2, prints
# nothing on stdout and one line on stderr that names FILE (its base name
# at least).
refused() {
	name=$(basename "$1")
	for opt in --toc --article=1.1 --page=1 --search=数据; do
		run "$opt" "$1"
		if [ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ "$(nlines "$err")" -eq 1 ] && grep -qF -e "$name" "$err"; then
			ok 0 "$2: $opt refused, one line naming the file"
		else
			ok 1 "$2: $opt refused, one line naming the file"
			diag "status $rc, stdout $(nlines "$out") lines, stderr: $(head -n 3 "$err")"
		fi
	done
}

refused "$TEST_TMP/no-such-issue.txt" "a missing file"
refused "$TEST_TMP/no-such-folder/issue.txt" "a file in a missing folder"
mkdir "$TEST_TMP/empty-folder"
refused "$TEST_TMP/empty-folder" "an empty folder"
mkdir "$TEST_TMP/junk-folder"
echo hello >"$TEST_TMP/junk-folder/readme"
refused "$TEST_TMP/junk-folder" "a folder without issues"
: >"$TEST_TMP/empty.txt"
refused "$TEST_TMP/empty.txt" "an empty file"
printf '\n\n  \n\t\n' >"$TEST_TMP/blank.txt"
refused "$TEST_TMP/blank.txt" "a file of blank lines"
head -c 4096 /dev/urandom >"$TEST_TMP/random.bin"
refused "$TEST_TMP/random.bin" "4 KB of random bytes"
awk 'BEGIN { while (n++ < 2000) printf "%c%c%c数据", 0, 1, 255 }' >"$TEST_TMP/nul.bin"
refused "$TEST_TMP/nul.bin" "bytes with NULs"
# Under make check-valgrind $SHUZHI is a wrapper script; the binary is $SHUZHI_BINARY.
refused "${SHUZHI_BINARY:-$SHUZHI}" "the program itself (an executable)"
refused /dev/null "/dev/null"
if bound=$(unprivileged_shuzhi); then
	cp "$ISSUE" "$TEST_TMP/unreadable.txt"
	chmod 000 "$TEST_TMP/unreadable.txt"
	saved=$SHUZHI SHUZHI=$bound
	refused "$TEST_TMP/unreadable.txt" "an unreadable file"
	SHUZHI=$saved
else
	ok 0 "an unreadable file # SKIP root reads every file, and setpriv cannot stop it"
fi

# A name with spaces, non-ASCII letters and a leading dash works.
mkdir -p "$TEST_TMP/dir with space"
cp "$ISSUE" "$TEST_TMP/dir with space/数志 第12期.txt"
"$SHUZHI" --toc >"$TEST_TMP/want"
run --toc "$TEST_TMP/dir with space/数志 第12期.txt"
is "$rc" 0 "an issue in a folder with a space, under a Chinese name, opens"
cmp -s "$out" "$TEST_TMP/want"; ok $? "and gives the same contents as the bundled issue"
cp "$ISSUE" "$TEST_TMP/-issue.txt"
(cd "$TEST_TMP" && "$SHUZHI" --toc -- -issue.txt) >"$out" 2>"$err"
cmp -s "$out" "$TEST_TMP/want"; ok $? "a file named -issue.txt after --"

# A symbolic link to the issue, and the issue read through a pipe-like path.
ln -s "$ISSUE" "$TEST_TMP/link.txt"
run --toc "$TEST_TMP/link.txt"
cmp -s "$out" "$TEST_TMP/want"; ok $? "a symbolic link to the issue"
run --search=数据要素 "$TEST_TMP/link.txt"
is "$rc" 0 "searching through the symbolic link"

# A file that cannot be written to is fine: the issue is only read.
cp "$ISSUE" "$TEST_TMP/ro.txt"
chmod 444 "$TEST_TMP/ro.txt"
run --search=数据要素 "$TEST_TMP/ro.txt"
is "$rc" 0 "a read-only issue file is searched"

# A missing file named in a message keeps its name whole, even with spaces.
run --toc "$TEST_TMP/no such file.txt"
grep -qF 'no such file.txt' "$err"; ok $? "the message keeps a name with spaces whole"

done_testing
