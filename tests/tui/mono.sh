# Without colour the hit in the selected result is marked; heading levels
# (一、 and (一)) look different, with colour and without.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

esc=$(printf '\033')

for how in NO_COLOR=1 TERM=vt100; do
	tui_start 80 24 $how
	tui_wait_for "2 地方行动"
	tui_keys /
	tui_type "算力"
	tui_wait_selected "算力"
	# The selected row is reverse video; the hit inside it must not be.
	row=$(tui_screen_attrs | grep "$esc\[\([0-9;]*;\)*7[;m]" | grep -F "算力" | head -n 1)
	printf '%s\n' "$row" | grep -q "$esc\[[0-9;]*m算力" ; ok $? "$how: the hit in the selected row has its own attributes"
	tui_screen_attrs | grep "$esc\[\([0-9]*;\)*7[;m]" | grep -q "$esc\[\([0-9]*;\)*4\(;[0-9;]*\)*m\($esc\[[0-9;]*m\)*算力"
	ok $? "$how: it is underlined"
	tui_keys Escape q
	tui_wait_exit >/dev/null
done

# Heading levels: a (一) heading and a 一、 heading differ in attributes.
for how in NO_COLOR=1 TERM=xterm-256color; do
	tui_start 80 24 $how -- --width=80
	tui_wait_for "2 地方行动"
	tui_keys /
	tui_type "一、总体要求"
	tui_keys Enter
	tui_wait_status "Hit 1 of"
	tui_keys Escape
	tui_wait_status "hidden"
	found=0
	for i in 1 2 3 4 5 6 7 8 9 10; do
		attrs=$(tui_screen_attrs)
		one=$(printf '%s\n' "$attrs" | grep -o "$esc\[[0-9;]*m[一二三四五六七八九十]、[^$esc]*" | head -n 1 | sed "s/m.*/m/")
		two=$(printf '%s\n' "$attrs" | grep -o "$esc\[[0-9;]*m([一二三四五六七八九十])[^$esc]*" | head -n 1 | sed "s/m.*/m/")
		if [ -n "$one" ] && [ -n "$two" ]; then found=1; break; fi
		top=$(tui_article_top)
		tui_keys f
		tui_wait_top_change "$top" || break
	done
	ok $((!found)) "$how: a 一、 heading and a (一) heading are on a screen"
	[ -n "$one" ] && [ "$one" != "$two" ]; ok $? "$how: they are painted differently ($one / $two)"
	tui_keys q
	tui_wait_exit >/dev/null
done

done_testing
