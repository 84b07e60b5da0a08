# Tests --article=ID (shuzhi(1), OPTIONS) on every entry of the bundled issue:
# the contents title first, then blocks with one blank line between them,
# no page furniture, --width=0 one line per block, --width=N wrapped by
# display width without losing text and without a line that starts with
# closing punctuation; unknown IDs refused with a message naming the ID.
. "$TESTS_SRCDIR/lib.sh"

out="$TEST_TMP/out" err="$TEST_TMP/err"
toc="$TEST_TMP/toc" dir="$TEST_TMP/articles"
mkdir -p "$dir"

# run ARG...: runs the program, output in $out and $err, status in $rc.
run() {
	"$SHUZHI" "$@" >"$out" 2>"$err"
	rc=$?
}

# nlines FILE: prints the number of lines in FILE.
nlines() { n=$(wc -l <"$1"); echo $((n)); }

# Display widths come from tests/textwidth, one run for many files: per
# file, its widest line and its narrowest line that is not a block's last.
is "$(printf '数据ab\n' | "$TEXTWIDTH" - | cut -f 2)" 6 "textwidth measures display columns (数据ab is 6)"
is "$(printf '数据ab\ncd\n\nx\n' | "$TEXTWIDTH" - | cut -f 3)" 6 \
    "textwidth gives the narrowest line but a block's last (6)"

"$SHUZHI" --toc >"$toc" 2>/dev/null
ids=$(awk -F '\t' '$1 == "0" || $1 ~ /\./ { print $1 }' "$toc")
is "$(echo $ids | wc -w | tr -d ' ')" 27 "--toc lists the front matter and 26 articles"

# Print every entry at widths 0, 20, 40 and 72 into $dir/ID.W.
bad=""
for id in $ids; do
	for w in 0 20 40 72; do
		"$SHUZHI" --article="$id" --width=$w >"$dir/$id.$w" 2>"$dir/$id.$w.err"
		r=$?
		[ "$r" -eq 0 ] && [ ! -s "$dir/$id.$w.err" ] || bad="$bad $id(w$w:$r)"
	done
done
is "$bad" "" "--article exits 0 with nothing on stderr for every entry at every width"

# The first line is the title the contents gives.
bad=""
for id in $ids; do
	title=$(awk -F '\t' -v id="$id" '$1 "" == id "" { print $3 }' "$toc")
	first=$(head -n 1 "$dir/$id.0")
	[ "$first" = "$title" ] || { bad="$bad $id"; diag "$id: first line '$first', contents title '$title'"; }
done
is "$bad" "" "the first line is the contents title"

# Blocks: line 2 blank, text after it, one blank line between blocks, no
# blank line at the end; --width=0: one line per block, so no two text lines
# in a row.
bad=""
for id in $ids; do
	awk 'NR == 2 && $0 != "" { bad = 1 }
		NR == 3 && $0 == "" { bad = 1 }
		$0 == "" && prev == "" && NR > 1 { bad = 1 }
		{ prev = $0 }
		END { if (NR < 3 || prev == "") bad = 1; exit bad }' "$dir/$id.0" || bad="$bad $id"
done
is "$bad" "" "title, blank line, then blocks with exactly one blank line between them"
bad=""
for id in $ids; do
	awk '$0 != "" && prev != "" { bad = 1; print "# " FILENAME ":" NR ": " $0 } { prev = $0 }
		END { exit bad }' "$dir/$id.0" | head -n 3
	awk '$0 != "" && prev != "" { bad = 1 } { prev = $0 } END { exit bad }' "$dir/$id.0" ||
		bad="$bad $id"
done
is "$bad" "" "--width=0 prints each block on one line"
# each_width AWK-END: runs awk on every entry's files (ID.0 ID.20 ID.40
# ID.72, entry by entry), with AWK-END as its END, after arrays keyed by file
# name: blanks (the blank lines) and text (the text without spaces and line
# ends); ARGV lists the files.
each_width() {
	(cd "$dir" && awk '{ text[FILENAME] = text[FILENAME] $0 } $0 == "" { blanks[FILENAME]++ }
		END { for (i = 1; i < ARGC; i++) gsub(/ /, "", text[ARGV[i]]) } END { '"$1"' }' \
	    $(for id in $ids; do printf '%s.0 %s.20 %s.40 %s.72 ' "$id" "$id" "$id" "$id"; done))
}
bad=$(each_width 'for (i = 1; i < ARGC; i += 4) for (k = 1; k <= 3; k++) {
	a = ARGV[i]; b = ARGV[i + k]; id = substr(a, 1, length(a) - 2)
	if (blanks[a] + 0 != blanks[b] + 0)
		printf " %s(w%s:%d/%d)", id, substr(b, length(id) + 2), blanks[a], blanks[b] }')
is "$bad" "" "wrapping keeps the blocks: as many blank lines at every width"

# No block is printed twice in a row (content the extraction repeats).
bad=""
for id in $ids; do
	awk '$0 != "" { if ($0 == last) bad = 1; last = $0 } END { exit bad }' "$dir/$id.0" ||
		bad="$bad $id"
done
is "$bad" "" "no block is immediately repeated"

# No page furniture: running heads, template leftovers, the site's footer,
# the page numbers of the article's own pages.
bad=""
for id in $ids; do
	if grep -n -e '^做数字化转型领跑者$' -e '|输入文案|' -e '^FLBOOK' -e 'FLBOOK是一款' \
	    -e 'Copyright' -e '内部资料 免费阅读' -e 'All Rights Reserved' "$dir/$id.0" >"$err"; then
		bad="$bad $id"; diag "$id: $(head -n 1 "$err" | cut -c 1-80)"
	fi
done
is "$bad" "" "no running head 做数字化转型领跑者, |输入文案|, FLBOOK boilerplate or site footer"
bad=""
for id in $ids; do
	[ "$id" = 0 ] && continue	# the cover lists the sections' names
	if grep -n -e '^国家部署$' -e '^地方行动$' -e '^0[12]  *国家部署$' -e '^0[12]  *地方行动$' \
	    "$dir/$id.0" >"$err"; then
		bad="$bad $id"; diag "$id: $(head -n 1 "$err")"
	fi
done
is "$bad" "" "no running head 国家部署 or 地方行动 as a line of an article"
bad=""
awk -F '\t' '$1 == "0" || $1 ~ /\./ { print $1, $2 }' "$toc" >"$TEST_TMP/starts"
while read -r id first; do
	# The article's pages run from its first page to the next article's.
	next=$(awk -v id="$id" 'f { print $2; exit } $1 "" == id "" { f = 1 }' "$TEST_TMP/starts")
	[ -n "$next" ] || next=174
	if awk -v lo="$first" -v hi="$next" '/^[1-9][0-9]*$/ && $0 + 0 >= lo && $0 + 0 <= hi { print; bad = 1 }
	    END { exit bad }' "$dir/$id.0" >"$err"; then :; else
		bad="$bad $id"; diag "$id: lone page number(s): $(tr '\n' ' ' <"$err")"
	fi
done <"$TEST_TMP/starts"
is "$bad" "" "no lone page number of the article's own pages"

# --width=N: no line wider than N columns.
(cd "$dir" && "$TEXTWIDTH" *.20 *.40 *.72) >"$TEST_TMP/widths"
is "$(wc -l <"$TEST_TMP/widths" | tr -d ' ')" $((27 * 3)) "every wrapped article is measured"
for w in 20 40 72; do
	bad=$(awk -F '\t' -v w="$w" '$1 ~ "\\." w "$" && $2 > w { printf " %s(%d)", $1, $2 }' \
	    "$TEST_TMP/widths")
	is "$bad" "" "--width=$w: no line wider than $w columns"
done

# Wrapping loses and adds nothing but the line ends (and spaces at breaks).
bad=$(each_width 'for (i = 1; i < ARGC; i += 4) for (k = 1; k <= 3; k++) {
	a = ARGV[i]; b = ARGV[i + k]; id = substr(a, 1, length(a) - 2)
	if (text[a] != text[b]) printf " %s(w%s)", id, substr(b, length(id) + 2) }')
is "$bad" "" "the wrapped text is the unwrapped text"

# The wrapping fills lines: in a block, every line but the last is within a
# few columns of the width (Chinese text may break between any two
# characters; the slack is for kinsoku and unbreakable Latin runs).
bad=""
for id in 1.1 2.3 2.11; do
	for w in 40 72; do
		narrowest=$(awk -F '\t' -v f="$id.$w" '$1 == f { print $3 }' "$TEST_TMP/widths")
		[ -n "$narrowest" ] && [ "$narrowest" -ge $((w - 6)) ] ||
			{ bad="$bad $id(w$w)"; diag "$id at $w: a line but a block's last has ${narrowest:-?} columns"; }
	done
done
is "$bad" "" "--width=N fills lines: no line but a block's last is under N-6 columns"

# Chinese line breaking: no line of a 20- or 40-column run starts with closing
# punctuation or ends with opening punctuation.
for w in 20 40; do
	bad=""
	for id in $ids; do
		if grep -n -e '^[,。、)”》;:?!,;:?!）]' "$dir/$id.$w" >"$err"; then
			bad="$bad $id"; diag "$id at $w: $(head -n 1 "$err")"
		fi
	done
	is "$bad" "" "--width=$w: no line starts with , 。 、 ) ” 》 ; : ? !"
	bad=""
	for id in $ids; do
		if grep -n -e '[“《(（]$' "$dir/$id.$w" >"$err"; then
			bad="$bad $id"; diag "$id at $w: $(head -n 1 "$err")"
		fi
	done
	is "$bad" "" "--width=$w: no line ends with “ 《 ("
done

# Some known text.
grep -q '探索面向业务应用的共享、交换、协作和开放' "$dir/1.1.0"
ok $? "1.1: the paragraph cut between pages 5 and 6 is one block"
awk 'NR > 2 && $0 != "" && $0 !~ /^国务院办公厅印发《全国一体化政务服务平台移动端建设指南》$/ { print; exit }' \
    "$dir/1.2.0" | grep -q '^日前,国务院办公厅印发'
ok $? "1.2: the text starts with its opening paragraph (日前,国务院办公厅印发…)"
grep -q '江苏省人民政府令' "$dir/2.7.0"; ok $? "2.7 holds 江苏省人民政府令"
grep -q '宁夏' "$dir/2.11.0"; ok $? "2.11 runs to its last region (宁夏)"
head -n 1 "$dir/0.0" | grep -qx '《数志》2022年第2期 总第十二期'; ok $? "--article=0: the front matter's title"
for s in 江苏省数字经济联合会 大任智库 南京市企业数字化转型研究会 卷首语 做数字化转型领跑者 丁荣余 王三明 张\ 炜 彭海洋; do
	grep -q "$s" "$dir/0.0" || { diag "front matter lacks $s"; false; } || break
done
ok $? "--article=0: the publishers, the 卷首语 and the editorial board"
bad=""
for id in $ids; do
	[ "$id" = 0 ] && continue
	grep -q '丁荣余' "$dir/$id.0" && bad="$bad $id"
done
is "$bad" "" "the editorial board is in no article"

# Unknown IDs: status 2, nothing on stdout, one line on stderr naming the ID.
for id in 9.9 1.16 2.12 3 0.5 x 1.1x 'a b' 江苏; do
	run --article="$id"
	if [ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ "$(nlines "$err")" -eq 1 ] && grep -qF -- "$id" "$err"; then
		ok 0 "--article=$id: refused with a one-line message naming it"
	else
		ok 1 "--article=$id: refused with a one-line message naming it"
		diag "status $rc, stdout $(nlines "$out") lines, stderr: $(cat "$err")"
	fi
done
run --article=
[ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ "$(nlines "$err")" -eq 1 ]
ok $? "--article= (empty): refused with a one-line message"

done_testing
