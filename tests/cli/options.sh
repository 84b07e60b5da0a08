. "$TESTS_SRCDIR/lib.sh"
"$SHUZHI" --version >/dev/null; ok $? "--version runs"
done_testing
