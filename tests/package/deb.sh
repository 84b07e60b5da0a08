# Tests the Debian package (make check-deb; .ci/run runs it, make check does
# not: it builds the whole program again). Builds it from a copy of the
# source with dpkg-buildpackage -us -uc -b (the suite's tests skipped: they
# ran already), installs it with dpkg into an empty root, and runs
# /usr/bin/shuzhi there in a chroot that holds only the package and the
# libraries it links: what it prints comes from /usr/share/shuzhi/, since
# the source and build trees are out of its reach.
. "$TESTS_SRCDIR/lib.sh"

for tool in dpkg-buildpackage dh dpkg-deb chroot ldd strings; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed (setup installs debhelper and dpkg-dev)"
		exit 0
	fi
done
if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP needs root: dpkg --root and chroot"
	exit 0
fi

src=$(cd "$TESTS_SRCDIR/.." && pwd)
build="$TEST_TMP/build"
root="$TEST_TMP/root"
mkdir -p "$build/shuzhi" "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/tmp"
: >"$root/var/lib/dpkg/status"

# The source as the repository has it (uncommitted changes too), or the
# whole folder when it is an unpacked tarball.
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$src" && git ls-files -c -o --exclude-standard -z | xargs -0 tar -cf -) | tar -xf - -C "$build/shuzhi"
else
	(cd "$src" && tar -cf - .) | tar -xf - -C "$build/shuzhi"
fi
(cd "$build/shuzhi" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b) \
	>"$TEST_TMP/build.log" 2>&1
rc=$?
is "$rc" 0 "dpkg-buildpackage -us -uc -b builds the package"
[ "$rc" -eq 0 ] || tail -n 20 "$TEST_TMP/build.log" | sed 's/^/# /'

deb=$(ls "$build"/shuzhi_*.deb 2>/dev/null | head -n 1)
test -n "$deb"; ok $? "it makes shuzhi_VERSION_ARCH.deb"
deb=${deb:-"$build/none.deb"}

dpkg-deb -c "$deb" >"$TEST_TMP/contents" 2>&1
for f in ./usr/bin/shuzhi ./usr/share/man/man1/shuzhi.1.gz ./usr/share/shuzhi/shuzhi-2022-02.txt \
    ./usr/share/doc/shuzhi/copyright ./usr/share/doc/shuzhi/examples/shuzhi-shared.timer \
    ./usr/share/doc/shuzhi/examples/shuzhi-shared.service; do
	grep -q " $f\$" "$TEST_TMP/contents"; ok $? "the package holds $f"
done
depends=$(dpkg-deb -f "$deb" Depends 2>/dev/null)
for lib in libncursesw libsqlite3 libunistring libopencc; do
	case $depends in *"$lib"*) ok 0 "it depends on $lib" ;; *) ok 1 "it depends on $lib"; diag "Depends: $depends" ;; esac
done

dpkg --root="$root" --force-depends -i "$deb" >"$TEST_TMP/install.log" 2>&1
ok $? "dpkg --root installs it into an empty root"
dpkg --root="$root" -s shuzhi 2>/dev/null | grep -q '^Status: install ok installed'
ok $? "dpkg lists it as installed there"

bin="$root/usr/bin/shuzhi"
chroot=$(command -v chroot)
strings -a "$bin" >"$TEST_TMP/strings" 2>/dev/null
grep -q -F -e "$src" -e "$build" "$TEST_TMP/strings"
ok $((!$?)) "the installed binary names neither the source tree nor the build tree"
grep -q -F '/usr/share/shuzhi' "$TEST_TMP/strings"; ok $? "it names /usr/share/shuzhi"

# The chroot: the package, the libraries the binary links, and nothing else.
ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
while read -r lib; do
	mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
done
in_root() {
	env -i LC_ALL=C.UTF-8 HOME=/tmp XDG_CACHE_HOME=/tmp/cache XDG_STATE_HOME=/tmp/state \
	    "$chroot" "$root" /usr/bin/shuzhi "$@"
}
in_root --toc >"$TEST_TMP/toc" 2>"$TEST_TMP/err"
is "$?" 0 "shuzhi --toc runs in the root"
"$SHUZHI" --toc "$ISSUE" >"$TEST_TMP/want" 2>/dev/null
cmp -s "$TEST_TMP/toc" "$TEST_TMP/want"
ok $? "it prints the bundled issue's contents, read from /usr/share/shuzhi/"
test ! -s "$TEST_TMP/err"; ok $? "it says nothing on stderr"
[ -s "$TEST_TMP/err" ] && sed 's/^/# /' "$TEST_TMP/err"
in_root --search=紫金山实验室 >"$TEST_TMP/search" 2>&1
is "$?" 0 "a search in the root finds 紫金山实验室"
in_root --version | head -n 1 | grep -q '^shuzhi [0-9]'; ok $? "--version runs in the root"
zcat "$root/usr/share/man/man1/shuzhi.1.gz" | grep -q '^\.TH SHUZHI 1'; ok $? "the man page is installed"

# An administrator's shared index, built and read from /usr/bin/shuzhi.
mkdir -p "$root/srv/shuzhi"
cp "$ISSUE" "$root/srv/shuzhi/"
in_root --reindex --shared /srv/shuzhi >"$TEST_TMP/shared" 2>&1
grep -q '^/srv/shuzhi: shared index of 1 issue (1 indexed now)' "$TEST_TMP/shared"
ok $? "shuzhi --reindex --shared /srv/shuzhi builds a shared index in the root"
rm -rf "$root/tmp/cache"
in_root --search=紫金山实验室 /srv/shuzhi >"$TEST_TMP/search" 2>"$TEST_TMP/err"
is "$?$(find "$root/tmp/cache" -name '*.sqlite' 2>/dev/null | wc -l)" 00 \
    "  a search of the folder answers from it, with no index of its own"

# Outside the root, with no SHUZHI_DATADIR, the binary still looks only in
# /usr/share/shuzhi/ (unless a shuzhi is installed there, it says so).
if [ -e /usr/share/shuzhi/shuzhi-2022-02.txt ]; then
	ok 0 "# SKIP /usr/share/shuzhi/ exists on this machine"
else
	env -u SHUZHI_DATADIR "$bin" --toc >/dev/null 2>"$TEST_TMP/err"
	rc=$?
	grep -q -F '/usr/share/shuzhi/shuzhi-2022-02.txt' "$TEST_TMP/err" && [ "$rc" -eq 2 ]
	ok $? "outside the root it fails, naming /usr/share/shuzhi/shuzhi-2022-02.txt"
fi

done_testing
