# Tests the command line's options (shuzhi(1), OPTIONS): --help and --version
# as GNU programs have them, and every malformed or contradictory command
# line refused with exit status 2, nothing on stdout and a message on stderr.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# --help and -h: usage on stdout, status 0, nothing on stderr.
for opt in --help -h; do
	run "$opt"
	is "$rc" 0 "$opt exits 0"
	grep -q '^Usage: shuzhi' "$out"; ok $? "$opt prints the usage on stdout"
	for o in --toc --article --page --search --limit --width --reindex --color --help --version; do
		grep -q -e "$o" "$out" || { diag "$opt does not mention $o"; break; }
	done
	ok $? "$opt mentions every option"
	test ! -s "$err"; ok $? "$opt prints nothing on stderr"
done
run -h; cp "$out" "$TEST_TMP/h"
run --help
cmp -s "$out" "$TEST_TMP/h"; ok $? "-h and --help print the same text"

# --version and -V: "shuzhi VERSION" on stdout, status 0.
for opt in --version -V; do
	run "$opt"
	is "$rc" 0 "$opt exits 0"
	head -n 1 "$out" | grep -Eq '^shuzhi [0-9]+(\.[0-9]+)*'; ok $? "$opt prints 'shuzhi VERSION' first"
	test ! -s "$err"; ok $? "$opt prints nothing on stderr"
done
run -V; cp "$out" "$TEST_TMP/v"
run --version
cmp -s "$out" "$TEST_TMP/v"; ok $? "-V and --version print the same text"

# --help wins over the rest of the line the way GNU programs do it: no output
# option is run.
run --help --toc
is "$rc" 0 "--help --toc exits 0"
grep -q '^Usage: shuzhi' "$out"; ok $? "--help --toc prints the usage"
grep -q '国家部署' "$out"; ok $((!$?)) "--help --toc does not print the contents"

# refused ARG...: the command line must be refused: status 2, nothing on
# stdout, a message on stderr.
refused() {
	run "$@"
	if [ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ -s "$err" ]; then
		ok 0 "refused: $*"
	else
		ok 1 "refused: $*"
		diag "status $rc, stdout $(nlines "$out") lines, stderr: $(head -n 2 "$err")"
	fi
}

refused --limit=0 --search=数据
refused --limit=x --search=数据
refused --limit= --search=数据
refused --limit=-1 --search=数据
refused --limit=3x --search=数据
refused --width=-3 --toc
refused --width=x --article=1.1
refused --width= --article=1.1
refused --color=purple --search=数据
refused --color= --search=数据
refused --bogus
refused --bogus --toc
refused -x --toc
refused --toc=yes
refused --article
refused --page
refused --search
refused --limit
refused --width
refused --toc --article=1.1
refused --toc --page=1
refused --toc --search=数据
refused --article=1.1 --page=1
refused --article=1.1 --search=数据
refused --page=1 --search=数据
refused --article=1.1 --article=1.2
refused --toc "$ISSUE" "$ISSUE"
refused --search=数据 "$ISSUE" "$ISSUE"

# The message about a bad value names the value.
run --limit=x --search=数据
grep -q 'x' "$err"; ok $? "--limit=x: the message names the value"
is "$(nlines "$err")" 1 "--limit=x: a one-line message"
run --width=-3 --toc
grep -q -e '-3' "$err"; ok $? "--width=-3: the message names the value"
run --color=purple --search=数据
grep -q 'purple' "$err"; ok $? "--color=purple: the message names the value"
run --bogus
grep -q 'bogus' "$err"; ok $? "--bogus: the message names the option"

# Options that are fine are accepted, in any order, before or after FILE.
run --search=数据 --limit=1
is "$rc" 0 "--search --limit=1 exits 0"
is "$(nlines "$out")" 1 "--limit=1 prints one result"
run --limit=1 --search=数据
is "$(nlines "$out")" 1 "--limit before --search works too"
run --search 数据 --limit 2
is "$rc.$(nlines "$out")" "0.2" "option values given as separate arguments"
run --toc "$ISSUE"
is "$rc" 0 "--toc FILE exits 0"
cp "$out" "$TEST_TMP/toc1"
run "$ISSUE" --toc
cmp -s "$out" "$TEST_TMP/toc1"; ok $? "FILE before the option gives the same output"
run --toc -- "$ISSUE"
cmp -s "$out" "$TEST_TMP/toc1"; ok $? "-- before FILE works"
for c in always never auto; do
	run --color=$c --toc
	is "$rc" 0 "--color=$c is accepted"
done
run --width=0 --article=1.1
is "$rc" 0 "--width=0 is accepted"
run --width=1 --article=1.1
is "$rc" 0 "--width=1 is accepted"
run --reindex --toc
is "$rc" 0 "--reindex --toc exits 0"
cmp -s "$out" "$TEST_TMP/toc1"; ok $? "--reindex does not change the output"

# No output option and no terminal: nothing to do; refused rather than
# waiting for a terminal or drawing a screen into a pipe.
"$SHUZHI" </dev/null >"$out" 2>"$err"
rc=$?
is "$rc" 2 "no output option without a terminal exits 2"
test ! -s "$out"; ok $? "no output option without a terminal prints nothing on stdout"
is "$(nlines "$err")" 1 "no output option without a terminal: a one-line message"

done_testing
