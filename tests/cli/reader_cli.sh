# The command line as issue 11 asked: a section's ID prints the section,
# --page titles the articles it starts, a file that holds no issue is an
# error naming it.
. "$TESTS_SRCDIR/lib.sh"

out=$("$SHUZHI" --article=1 "$ISSUE" 2>&1)
is "$?" 0 "--article=1 (a section ID): exit 0"
is "$(printf '%s\n' "$out" | head -n 1)" "$("$SHUZHI" --toc "$ISSUE" | awk -F'\t' '$1 == "1" { print $3 }')" \
    "the section's title first"
is "$(printf '%s\n' "$out" | sed 1d)" "$("$SHUZHI" --toc "$ISSUE" | grep '^1\.')" \
    "then its articles' contents lines"
"$SHUZHI" --article=2 "$ISSUE" | sed 1d | cut -f1 | tr '\n' ' ' | grep -q "^2.1 .*2.11 $"
ok $? "--article=2: 2.1 to 2.11"
err=$("$SHUZHI" --article=9 "$ISSUE" 2>&1 >/dev/null)
is "$?" 2 "--article=9 (no such section): exit 2"
printf '%s\n' "$err" | grep -q "'9'"; ok $? "naming the ID"

# --page: where an article starts, its title first.
while IFS="	" read -r id page title; do
	"$SHUZHI" --page="$page" --width=0 "$ISSUE" | grep -qxF -- "$title"
	ok $? "--page=$page: the title of $id, which starts on it"
done <<EOT
$("$SHUZHI" --toc "$ISSUE" | awk -F'\t' '$1 ~ /^2\.(10|11)$/')
EOT
out=$("$SHUZHI" --page=163 --width=0 "$ISSUE")
title=$("$SHUZHI" --toc "$ISSUE" | awk -F'\t' '$1 == "2.11" { print $3 }')
printf '%s\n' "$out" | head -n 1 | grep -qxF -- "$title"; ok $((!$?)) "--page=163 starts with the end of 2.10, untitled"

# A file that holds no issue.
echo hello >"$TEST_TMP/hello.txt"
err=$("$SHUZHI" --toc "$TEST_TMP/hello.txt" 2>&1 >/dev/null)
is "$?" 2 "a FILE with no issue: exit 2"
is "$(printf '%s\n' "$err" | wc -l)" 1 "one line"
printf '%s\n' "$err" | grep -qF "$TEST_TMP/hello.txt"; ok $? "naming the file"
"$SHUZHI" --search=hello "$TEST_TMP/hello.txt" >/dev/null 2>&1
is "$?" 2 "--search on it: exit 2 too"

done_testing
