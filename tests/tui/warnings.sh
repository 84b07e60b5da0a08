# A warning at start is shown whole at 80 columns (wrapped), and goes with
# the next key. A shared index out of date is said on the first screen.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

# A state folder that is a file: the warning names its whole path.
long=$TEST_TMP/a-state-folder-with-a-name-long-enough-not-to-fit-in-eighty-columns
: >"$long"
tui_start 80 24 XDG_STATE_HOME=$long
tui_wait_for "remembered"; ok $? "the warning shows"
joined=$(tui_screen | sed -n '18,24p' | sed 's/^ //; s/ *$//' | tr -d '\n')
printf '%s\n' "$joined" | grep -qF "$long/shuzhi"; ok $? "the whole path shows, wrapped"
printf '%s\n' "$joined" | grep -q "Not a directory"; ok $? "the warning's end shows too"
tui_keys j
tui_wait_gone "remembered"; ok $? "the next key takes it away"
tui_wait_for "2 地方行动"; ok $? "the contents show again where it was"
tui_keys q
tui_wait_exit >/dev/null

tui_start 80 24 XDG_STATE_HOME=/proc/nope
tui_wait_for "/proc/nope"
tui_status | grep -q "No such file or directory"; ok $? "a short warning stays on the status line"
tui_keys q
tui_wait_exit >/dev/null

# A folder's shared index, out of date since a file changed: the reader
# says so, and reads the files as they are.
if command -v python3 >/dev/null 2>&1; then
	A=$TEST_TMP/archive
	python3 "$TESTS_SRCDIR/../bench/make-archive" --shuzhi="$SHUZHI" --issue="$ISSUE" 2 "$A" 5 \
	    2>/dev/null
	"$SHUZHI" --reindex --shared "$A" >/dev/null
	set -- "$A"/shuzhi-*.txt
	sed 's/2021年/2921年/g' "$1" >"$TEST_TMP/changed" && cat "$TEST_TMP/changed" >"$1"
	TUI_ISSUE=$A tui_start 80 24
	tui_wait_for "shared index"; ok $? "a shared index out of date: the reader says so"
	joined=$(tui_screen | sed -n '16,24p' | sed 's/^ //; s/ *$//' | tr -d '\n')
	printf '%s\n' "$joined" | grep -qF "$A/.shuzhi: the shared index is out of date ($1 changed"
	ok $? "  naming the index and the file"
	tui_keys q
	tui_wait_exit >/dev/null
else
	ok 0 "# SKIP no python3 for bench/make-archive"
	ok 0 "# SKIP no python3 for bench/make-archive"
fi

done_testing
