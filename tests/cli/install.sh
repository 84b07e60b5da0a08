# Tests what an installed shuzhi reads and says: the bundled issue only from
# the installed data folder or $SHUZHI_DATADIR (never a path of the build),
# the build tree's ./shuzhi script, exit status 2 when memory runs out, and
# the licence and bug-report address, the same in every document.
. "$TESTS_SRCDIR/lib.sh"

bin=${SHUZHI_BINARY:-$SHUZHI}
srcdir=$(cd "$TESTS_SRCDIR/.." && pwd)
builddir=$(cd "$(dirname "$bin")/.." && pwd)
out="$TEST_TMP/out" err="$TEST_TMP/err"
"$bin" --toc "$ISSUE" >"$TEST_TMP/want" 2>/dev/null

# The bundled issue from the folder SHUZHI_DATADIR names.
mkdir -p "$TEST_TMP/data" "$TEST_TMP/empty"
cp "$ISSUE" "$TEST_TMP/data/shuzhi-2022-02.txt"
SHUZHI_DATADIR="$TEST_TMP/data" "$SHUZHI" --toc >"$out" 2>"$err"
is "$?" 0 "SHUZHI_DATADIR=DIR: --toc exits 0"
cmp -s "$out" "$TEST_TMP/want"; ok $? "SHUZHI_DATADIR=DIR: the contents of DIR's issue"
SHUZHI_DATADIR="$TEST_TMP/empty" "$SHUZHI" --toc >"$out" 2>"$err"
is "$?" 2 "SHUZHI_DATADIR with no issue in it: exit 2"
test ! -s "$out" && [ "$(wc -l <"$err")" -eq 1 ] && grep -q -F "$TEST_TMP/empty/shuzhi-2022-02.txt" "$err"
ok $? "SHUZHI_DATADIR with no issue in it: one line naming the missing file"

# Without SHUZHI_DATADIR the binary reads the installed data folder
# ($SHUZHI_PKGDATADIR, from make) only: either shuzhi is installed there, or
# it names the file it missed there.
: "${SHUZHI_PKGDATADIR:?run through make check}"
env -u SHUZHI_DATADIR "$bin" --toc >"$out" 2>"$err"
rc=$?
if [ "$rc" -eq 0 ]; then
	cmp -s "$out" "$TEST_TMP/want"; ok $? "no SHUZHI_DATADIR: the installed issue"
else
	is "$(cat "$err")" "shuzhi: $SHUZHI_PKGDATADIR/shuzhi-2022-02.txt: No such file or directory" \
	    "no SHUZHI_DATADIR: it looks in the installed data folder only"
fi

# No path of the source or build trees compiled in (debugging sections apart,
# which strip removes, as make install-strip and the Debian package do). The
# prefix may lie inside them (make distcheck's does): whole strings only.
if command -v strip >/dev/null 2>&1 && command -v strings >/dev/null 2>&1; then
	strip -o "$TEST_TMP/stripped" "$bin"
	strings -a "$TEST_TMP/stripped" |
	grep -x -F -e "$srcdir" -e "$builddir" -e "$srcdir/" -e "$builddir/" -e "$srcdir/assets" >"$out"
	test ! -s "$out"; ok $? "the binary names neither the source tree nor the build tree"
	[ -s "$out" ] && diag "$(head -n 3 "$out")"
else
	ok 0 "# SKIP strip or strings is not installed"
fi

# ./shuzhi at the top of the build tree: the README's quick start.
if [ -x "$builddir/shuzhi" ] && [ "$builddir/shuzhi" != "$bin" ]; then
	(cd "$TEST_TMP" && env -u SHUZHI_DATADIR "$builddir/shuzhi" --toc) >"$out" 2>"$err"
	is "$?" 0 "the build tree's ./shuzhi runs"
	cmp -s "$out" "$TEST_TMP/want"; ok $? "the build tree's ./shuzhi reads the source's assets/"
else
	ok 0 "# SKIP no ./shuzhi script in $builddir"
	ok 0 "# SKIP no ./shuzhi script in $builddir"
fi

# Out of memory: exit 2 and one line, like any other trouble. An issue of
# 200 MB (a sparse file) under a 60 MB address space.
if ldd "$bin" 2>/dev/null | grep -q libasan; then
	ok 0 "# SKIP out of memory: AddressSanitizer needs more address space than the limit"
else
	truncate -s 200M "$TEST_TMP/huge.txt"
	(ulimit -v 60000 && "$bin" --toc "$TEST_TMP/huge.txt") >"$out" 2>"$err"
	rc=$?
	[ "$rc" -eq 2 ] && test ! -s "$out" && [ "$(wc -l <"$err")" -eq 1 ] && grep -q 'out of memory' "$err"
	ok $? "out of memory: exit 2 and one line saying so"
	[ "$rc" -eq 2 ] || diag "status $rc: $(head -c 200 "$err")"
fi

# The licence and the bug-report address: --version, --help, the man page,
# the README and the Debian package say the same.
"$bin" --version >"$out"
grep -q '^License GPLv3+: GNU GPL version 3 or later' "$out"; ok $? "--version names GPL version 3 or later"
grep -q 'Version 3, 29 June 2007' "$srcdir/LICENSE"; ok $? "LICENSE holds the GPL version 3"
grep -q 'GPL-3.0-or-later' "$srcdir/README"; ok $? "the README names GPL-3.0-or-later"
address=$("$bin" --help | sed -n 's/^Report bugs to: //p')
case $address in
*@*.*) ok 0 "--help gives an address for bug reports" ;;
*) ok 1 "--help gives an address for bug reports"; diag "got '$address'" ;;
esac
case $address in
*example.*|"") ok 1 "the address is not a placeholder" ;;
*) ok 0 "the address is not a placeholder" ;;
esac
for doc in assets/shuzhi.1 README debian/control debian/copyright; do
	grep -q -F "$address" "$srcdir/$doc"; ok $? "$doc gives the same address ($address)"
done

done_testing
