# Tests colour (shuzhi(1), OPTIONS): --color=always marks the hits of --search
# with SGR sequences and adds nothing else; --color=never, and auto when
# stdout is a pipe, print no escape at all; on a terminal (a pty made with
# script(1)) auto colours unless NO_COLOR is set and not empty.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"
esc=$(printf '\033')
unset NO_COLOR

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# has_esc FILE: true when FILE holds an ESC.
has_esc() { grep -q "$esc" "$1"; }

# strip FILE: FILE without SGR sequences.
strip() { sed "s/$esc\\[[0-9;]*m//g" "$1"; }

# marked FILE: the texts between an SGR that starts a mark and the reset
# after it, one per line.
marked() {
	awk -v e="$esc" '{ n = split($0, p, e)
		for (i = 2; i <= n; i++) {
			j = index(p[i], "m"); code = substr(p[i], 2, j - 2); text = substr(p[i], j + 1)
			if (code !~ /^0*$/ && text != "") print text
		} }' "$1"
}

# --color=always on a pipe: hits marked.
for q in 数据要素 紫金山实验室 ipv6 '数据 安全'; do
	run --search="$q" --color=always --limit=100
	cp "$out" "$TEST_TMP/always"
	run --search="$q" --color=never --limit=100
	cp "$out" "$TEST_TMP/never"
	is "$rc" 0 "--search='$q' --color=never exits 0"
	has_esc "$TEST_TMP/never"; ok $((!$?)) "--search='$q' --color=never: no escape"
	bad=$(grep -vc "$esc\\[[0-9;]*m" "$TEST_TMP/always")
	is "$bad" 0 "--search='$q' --color=always: an SGR sequence on every line"
	strip "$TEST_TMP/always" | cmp -s - "$TEST_TMP/never"
	ok $? "--search='$q' --color=always is the plain output plus SGR sequences"
	# Each result has a mark, and every mark is a hit: part of a query word.
	n=$(wc -l <"$TEST_TMP/always")
	m=$(grep -c "$esc\\[[0-9;]*[1-9][0-9;]*m[^$esc][^$esc]*$esc\\[0*m" "$TEST_TMP/always")
	is "$((m))" "$((n))" "--search='$q' --color=always: every result marks a hit"
	bad=""
	for t in $(marked "$TEST_TMP/always" | sort -u); do
		case $q in
		ipv6) printf '%s\n' "$t" | grep -qix 'ipv6' || bad="$bad $t" ;;
		*) found=1
		   for word in $q; do case $word in *"$t"*) found=0 ;; esac; done
		   [ $found -eq 0 ] || bad="$bad $t" ;;
		esac
	done
	is "$bad" "" "--search='$q' --color=always: the marks are around hits"
done
run --search=数据要素 --color=always --limit=100
marked "$out" | grep -qx 数据要素; ok $? "数据要素 is marked whole"

# Marks never break a snippet's characters: the stripped output is the same
# text, and valid UTF-8.
run --search=数据 --color=always --limit=100
strip "$out" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; ok $? "--color=always output is valid UTF-8"

# Auto on a pipe, never, NO_COLOR: no escape in any output.
for args in "--search=数据要素" "--article=1.1" "--page=154" "--toc"; do
	run $args
	cp "$out" "$TEST_TMP/auto"
	has_esc "$out"; ok $((!$?)) "$args on a pipe (auto): no escape"
	run $args --color=never
	has_esc "$out"; ok $((!$?)) "$args --color=never: no escape"
	cmp -s "$out" "$TEST_TMP/auto"; ok $? "$args: auto on a pipe prints what never prints"
	env NO_COLOR=1 "$SHUZHI" $args >"$out" 2>"$err"
	has_esc "$out"; ok $((!$?)) "NO_COLOR=1 $args: no escape"
	run $args --color=always
	strip "$out" | cmp -s - "$TEST_TMP/auto"; ok $? "$args --color=always adds nothing but SGR sequences"
	has_esc "$err"; ok $((!$?)) "$args --color=always: no escape on stderr"
done
run --search=数据要素 --color=always
has_esc "$out"; ok $? "--color=always colours a pipe"
env NO_COLOR=1 "$SHUZHI" --search=数据要素 --color=always >"$out" 2>"$err"
has_esc "$out"; ok $? "--color=always wins over NO_COLOR"
# Nothing found: no escape either.
run --search=量子纠缠 --color=always
is "$rc" 1 "--color=always, nothing found: exit 1"
test ! -s "$out"; ok $? "--color=always, nothing found: nothing printed"

# On a terminal: script(1) gives the program a pty.
if script -qec true /dev/null >/dev/null 2>&1; then
	# on_tty FILE VAR=VALUE ARG...: runs the program on a pty with VAR set
	# (none for "-"), its output in FILE.
	on_tty() {
		f=$1 set_var=$2; shift 2
		[ "$set_var" = - ] && set_var=
		cmd=$(printf "'%s' " "$SHUZHI" "$@")
		script -qec "env $set_var $cmd" /dev/null </dev/null >"$f" 2>&1
	}
	on_tty "$out" - --search=数据要素
	has_esc "$out"; ok $? "on a terminal, auto colours the hits"
	grep -q '数据要素' "$out"; ok $? "on a terminal, the results are printed"
	on_tty "$out" NO_COLOR=1 --search=数据要素
	has_esc "$out"; ok $((!$?)) "on a terminal, NO_COLOR=1 turns colour off"
	on_tty "$out" NO_COLOR= --search=数据要素
	has_esc "$out"; ok $? "on a terminal, an empty NO_COLOR does not"
	on_tty "$out" - --search=数据要素 --color=never
	has_esc "$out"; ok $((!$?)) "on a terminal, --color=never: no escape"
	on_tty "$out" NO_COLOR=1 --article=1.1
	has_esc "$out"; ok $((!$?)) "on a terminal, NO_COLOR=1 --article: no escape"
else
	for d in "auto colours" "results printed" "NO_COLOR=1" "empty NO_COLOR" "--color=never" "NO_COLOR=1 --article"; do
		ok 0 "on a terminal: $d # SKIP script(1) cannot make a pty here"
	done
fi

done_testing
