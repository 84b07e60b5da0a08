# Tests the layering of the tree (doc/DESIGN.md) with tools/include-graph:
# no cycle between modules, no module's internal header included by
# another, no curses in core/; and that the tool sees each of the three
# when one is planted in a copy of the tree.
. "$TESTS_SRCDIR/lib.sh"

top="$TESTS_SRCDIR/.."
graph="$top/tools/include-graph"

"$graph" "$top" >"$TEST_TMP/edges" 2>"$TEST_TMP/err"
ok $? "the tree keeps its layers ($(head -n 3 "$TEST_TMP/err" | tr '\n' ' '))"
grep -q '^search -> index$' "$TEST_TMP/edges"
ok $? "  the graph is printed (search -> index among its $(wc -l <"$TEST_TMP/edges") edges)"
! grep -q '^index -> search$' "$TEST_TMP/edges"
ok $? "  the index does not include the search"

# plant NAME FILE LINE: copies core/ and tui/, appends LINE to FILE in the
# copy, and checks that the tool fails on it, saying why.
plant() {
	rm -rf "$TEST_TMP/tree" && mkdir "$TEST_TMP/tree" &&
	    cp -R "$top/core" "$top/tui" "$TEST_TMP/tree/" &&
	    echo "$3" >>"$TEST_TMP/tree/$2" || return 1
	"$graph" "$TEST_TMP/tree" >/dev/null 2>"$TEST_TMP/err"
	[ $? -eq 1 ] && [ -s "$TEST_TMP/err" ]
	ok $? "a planted $1 is found ($(head -n 1 "$TEST_TMP/err"))"
}
plant "cycle" core/index_fts.h '#include "search.h"'
plant "internal header" core/snippet.c '#include "index_internal.h"'
plant "curses in core/" core/layout.c '#include <curses.h>'

done_testing
