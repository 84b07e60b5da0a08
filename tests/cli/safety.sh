# Tests that output never holds a control character other than newline and
# tab, nor a bidi override, whatever the input holds (shuzhi(1), OPTIONS): an
# issue with escape sequences, C1 controls, bidi overrides and stray control
# characters injected into it, printed with --toc, --article, --page and
# --search; and messages on stderr about names, IDs, pages and options that
# hold such characters.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"
esc=$(printf '\033')
bad_issue="$TEST_TMP/hostile.txt"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# dangerous FILE: true when FILE holds a C0 control other than newline and
# tab, DEL, a C1 control (UTF-8 encoded or raw), or a bidi control.
dangerous() {
	LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c' "$1"
}

# dangerous_files FILE...: prints the names of the FILEs that hold what
# dangerous looks for, with one grep for them all.
dangerous_files() {
	LC_ALL=C grep -alP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c' "$@"
}

# show FILE: a diagnostic of the first dangerous bytes in FILE.
show() {
	LC_ALL=C grep -anP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c' "$1" |
		head -n 1 | LC_ALL=C cat -v | cut -c 1-200 | sed 's/^/#   /'
}

# clean FILE DESCRIPTION: reports whether FILE is free of dangerous bytes.
clean() {
	if dangerous "$1"; then ok 1 "$2"; show "$1"; else ok 0 "$2"; fi
}

# The checks catch what they must.
printf 'a\033[2Jb\n' >"$TEST_TMP/probe"; dangerous "$TEST_TMP/probe"; ok $? "the check sees ESC"
printf 'a\302\233b\n' >"$TEST_TMP/probe"; dangerous "$TEST_TMP/probe"; ok $? "the check sees a C1 CSI"
printf 'a\342\200\256b\n' >"$TEST_TMP/probe"; dangerous "$TEST_TMP/probe"; ok $? "the check sees a bidi override"
printf '数据\t要素「」《》\n' >"$TEST_TMP/probe"; dangerous "$TEST_TMP/probe"; ok $((!$?)) "the check lets Chinese text and tabs through"

# The hostile issue: the bundled one with, on paragraphs (never on page
# numbers nor titles), screen-clearing CSI, OSC title and clipboard sequences, DCS,
# C1 CSI, bidi overrides and isolates, BEL, BS, VT, FF, CR, DEL and SO;
# and a contents title with an SGR inside.
awk -v esc="$(printf '\033')" -v bel="$(printf '\007')" -v c1="$(printf '\302\233')" \
    -v rlo="$(printf '\342\200\256')" -v lri="$(printf '\342\201\246')" -v pdi="$(printf '\342\201\251')" \
    -v ctl="$(printf '\001\010\013\014\016\177')" -v cr="$(printf '\r')" -v raw="$(printf '\233')" '
	/^[0-9]+$/ || NF == 0 { print; next }
	/^1、/ { sub(/^1、/, "1、" esc "[1m"); print; next }
	/江苏省人民政府令/ { print esc "[2J" $0 esc "]0;title" bel; next }
	/紫金山实验室/ { print c1 "31m" rlo $0 lri "x" pdi; next }
	length($0) > 200 && NR % 37 == 0 { print esc "]52;c;ZXZpbA==" bel $0 ctl; next }
	length($0) > 200 && NR % 41 == 0 { print esc "P1$r" esc "\\" $0 cr "overwritten"; next }
	length($0) > 200 && NR % 43 == 0 { print raw "[2J" $0 esc "[6n"; next }
	{ print }' "$ISSUE" >"$bad_issue"
dangerous "$bad_issue"; ok $? "the hostile issue holds control characters"

# It is still an issue: same IDs and pages.
"$SHUZHI" --toc >"$TEST_TMP/toc"
run --toc "$bad_issue"
is "$rc" 0 "--toc of the hostile issue exits 0"
clean "$out" "--toc: no control character"
clean "$err" "--toc: none on stderr"
cut -f 1,2 "$TEST_TMP/toc" >"$TEST_TMP/want"
cut -f 1,2 "$out" | cmp -s - "$TEST_TMP/want"; ok $? "--toc of the hostile issue has the same IDs and pages"
grep -q '国务院印发《“十四五”数字经济发展规划》' "$out"; ok $? "the title with an SGR inside keeps its text"

# Every article at widths 0 and 40, every page at width 0.
# The outputs are kept, one file each, and searched at once.
printed="$TEST_TMP/printed"
mkdir -p "$printed"
bad=""
for id in $(cut -f 1 "$TEST_TMP/toc" | grep -E '^0$|\.'); do
	for w in 0 40; do
		"$SHUZHI" --article="$id" --width=$w "$bad_issue" >"$printed/$id.w$w.out" 2>"$printed/$id.w$w.err"
		r=$?
		[ "$r" -eq 0 ] || bad="$bad $id(w$w:$r)"
	done
done
for f in $(dangerous_files "$printed"/*); do
	bad="$bad ${f##*/}"; show "$f"
done
is "$bad" "" "--article: every entry at widths 0 and 40 exits 0 with no control character"
rm -f "$printed"/*
bad=""
p=1
while [ $p -le 174 ]; do
	"$SHUZHI" --page=$p --width=0 "$bad_issue" >"$printed/$p.out" 2>"$printed/$p.err"
	r=$?
	[ "$r" -eq 0 ] || bad="$bad $p($r)"
	p=$((p + 1))
done
for f in $(dangerous_files "$printed"/*); do
	bad="$bad ${f##*/}"; show "$f"
done
is "$bad" "" "--page: every page exits 0 with no control character"
run --page=154 --width=0 "$bad_issue"
grep -q '江苏省人民政府令' "$out"; ok $? "page 154 still shows 江苏省人民政府令"

# Search: results, snippets, with and without colour.
for q in 江苏省人民政府令 紫金山实验室 数据 ipv6 '数据 -安全' title overwritten; do
	for c in never always; do
		run --search="$q" --color=$c --limit=100 "$bad_issue"
		# Colour may add SGR sequences and nothing else.
		sed "s/$esc\[[0-9;]*m//g" "$out" >"$TEST_TMP/stripped"
		if [ "$rc" -le 1 ] && ! dangerous "$TEST_TMP/stripped" && ! dangerous "$err"; then
			ok 0 "--search='$q' --color=$c: exit $rc, no control character"
		else
			ok 1 "--search='$q' --color=$c: exit $rc, no control character"
			show "$TEST_TMP/stripped"; show "$err"
		fi
	done
done
run --search=江苏省人民政府令 "$bad_issue"
cut -f 1 "$out" | grep -qx 2.7; ok $? "江苏省人民政府令 is still found in 2.7"
run --search=紫金山实验室 "$bad_issue"
cut -f 1 "$out" | grep -qx 2.9; ok $? "紫金山实验室 is still found in 2.9"

# Printed text is valid UTF-8, even from invalid input.
awk -v bad="$(printf '\377\376\300\200\355\240\200')" 'NR % 29 == 0 && !/^[0-9]+$/ { $0 = $0 bad } { print }' \
    "$ISSUE" >"$TEST_TMP/invalid.txt"
run --article=1.1 --width=40 "$TEST_TMP/invalid.txt"
is "$rc" 0 "an issue with invalid UTF-8 on some lines is read"
iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1; ok $? "--article prints valid UTF-8 from it"
run --search=数据 --limit=100 "$TEST_TMP/invalid.txt"
iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1; ok $? "--search prints valid UTF-8 from it"

# The issue with NULs in the middle: refused as binary data, or read; never
# a NUL printed.
{ head -c 100000 "$ISSUE"; head -c 64 /dev/zero; tail -c 100000 "$ISSUE"; } >"$TEST_TMP/nuls.txt"
run --toc "$TEST_TMP/nuls.txt"
if [ "$rc" -eq 0 ] || { [ "$rc" -eq 2 ] && [ "$(nlines "$err")" -eq 1 ]; }; then
	ok 0 "an issue with NULs inside: read or refused in one line (exit $rc)"
else
	ok 1 "an issue with NULs inside: read or refused in one line (exit $rc)"
fi
clean "$out" "an issue with NULs inside: no control character printed"

# Messages: what the user typed comes back without its controls.
esc_name="$TEST_TMP/$(printf 'no\033]0;pwned\007such\033[2J.txt')"
run --toc "$esc_name"
is "$rc" 2 "a missing file whose name holds escapes: exit 2"
clean "$err" "its name is printed without control characters"
grep -q 'such' "$err"; ok $? "the message still names it"
for arg in "--article=$(printf '1.1\033[2J')" "--page=$(printf '1\033[2J')" "--page=$(printf '\302\2332J')" \
    "--limit=$(printf '\033[2J')" "--width=$(printf '\033[2J')" "--color=$(printf '\033]0;x\007')" \
    "--bogus$(printf '\033[2J')" "--article=$(printf '\342\200\256x')" "--page=$(printf '\r\033[K5')" \
    "$(printf '\033[2J')"; do
	# Options that need an output option to mean something get --search.
	case $arg in
	--limit=* | --width=* | --color=* | --bogus* | "$esc"*) run --search=数据 "$arg" ;;
	*) run "$arg" ;;
	esac
	[ "$rc" -eq 2 ] && ! dangerous "$err" && ! dangerous "$out"
	ok $? "$(printf '%s' "$arg" | LC_ALL=C tr -c ' -~' '?'): refused, stderr without controls"
	[ "$rc" -eq 2 ] || diag "status $rc"
	dangerous "$err" && show "$err"
done
for arg in "--article=$(printf '1.1\033[2J')" "--page=$(printf '1\033[2J')" "--article=$(printf '\342\200\256x')"; do
	run "$arg"
	[ "$rc" -eq 2 ] && ! dangerous "$err" && [ "$(nlines "$err")" -eq 1 ]
	ok $? "$(printf '%s' "$arg" | LC_ALL=C tr -c ' -~' '?'): one clean line on stderr"
done

done_testing
