# Shared helpers for the shell tests: TAP output and a private environment.
# Each test sources this file; $SHUZHI and $ISSUE come from the Makefile.

: "${SHUZHI:?run through make check}"
: "${ISSUE:?run through make check}"
tap_n=0
tap_failed=0
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/shuzhi-test.XXXXXX")
export XDG_CACHE_HOME="$TEST_TMP/cache" XDG_STATE_HOME="$TEST_TMP/state" HOME="$TEST_TMP/home"
mkdir -p "$HOME"
trap 'rm -rf "$TEST_TMP"' EXIT

# ok CONDITION-EXIT-STATUS DESCRIPTION: reports one test.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# todo CONDITION-EXIT-STATUS DESCRIPTION REASON: reports a test of what is
# known not to work yet (TAP's TODO: automake counts it XFAIL, and XPASS,
# a failure, once it works, so that the mark is taken away).
todo() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2 # TODO $3"
	else
		echo "not ok $tap_n - $2 # TODO $3"
	fi
}

# is GOT WANT DESCRIPTION: reports whether two strings are equal.
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"; printf '#   got:  %s\n#   want: %s\n' "$1" "$2"; fi
}

# unprivileged_shuzhi: prints the path of a script that runs $SHUZHI bound
# by file permissions: itself for a user, and for root without the
# capabilities that override them (setpriv); fails when that cannot be.
unprivileged_shuzhi() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "$SHUZHI"
		return 0
	fi
	command -v setpriv >/dev/null 2>&1 &&
	    setpriv --bounding-set=-dac_override,-dac_read_search true 2>/dev/null || return 1
	printf '#!/bin/sh\nexec setpriv --bounding-set=-dac_override,-dac_read_search "%s" "$@"\n' \
	    "$SHUZHI" >"$TEST_TMP/unprivileged-shuzhi"
	chmod +x "$TEST_TMP/unprivileged-shuzhi"
	echo "$TEST_TMP/unprivileged-shuzhi"
}

# diag TEXT: prints a diagnostic.
diag() { printf '# %s\n' "$*"; }

# done_testing: prints the plan and exits with the result.
done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}
