# Without colour the hit in the selected result is marked; heading levels
# (一、 and (一)) look different, with colour and without.
. "$TESTS_SRCDIR/lib.sh"
TUI_HARNESS_SOURCED=1
. "$TESTS_SRCDIR/tui/harness.sh"

esc=$(printf '\033')

for how in NO_COLOR=1 TERM=vt100; do
	tui_start 80 24 $how
	tui_wait_for "2 地方行动"
	tui_keys / C-u
	tui_type "算力"
	tui_wait_line 24 " 1/[0-9]+$"
	# The selected row is reverse video; the hit inside it must not be.
	row=$(tui_screen_attrs | grep "$esc\[\([0-9;]*;\)*7[;m]" | grep -F "算力" | head -n 1)
	printf '%s\n' "$row" | grep -q "$esc\[[0-9;]*m算力" ; ok $? "$how: the hit in the selected row has its own attributes"
	tui_screen_attrs | grep "$esc\[\([0-9]*;\)*7[;m]" | grep -q "$esc\[\([0-9]*;\)*4\(;[0-9;]*\)*m\($esc\[[0-9;]*m\)*算力"
	ok $? "$how: it is underlined"
	tui_keys Escape
	tui_wait_gone "/ 算力"
	tui_keys q
	tui_wait_exit >/dev/null
done

# Heading levels: 一、发展现状和形势 and (一)发展现状。 (1.1) differ in attributes.
for how in NO_COLOR=1 TERM=xterm-256color; do
	tui_start 80 24 $how
	tui_wait_for "2 地方行动"
	tui_keys / C-u
	tui_type "发展现状和形势"
	tui_wait_line 24 " 1/[0-9]+$"
	tui_keys Enter
	tui_wait_status "Hit 1 of"
	tui_keys Escape
	tui_wait_status "hidden"
	tui_wait_for "(一)发展现状"; ok $? "$how: both headings are on the screen"
	attrs=$(tui_screen_attrs)
	one=$(printf '%s\n' "$attrs" | grep -o "\($esc\[[0-9;]*m\)*一、发展现状和形势" | head -n 1 |
	    sed 's/一、.*//')
	two=$(printf '%s\n' "$attrs" | grep -o "\($esc\[[0-9;]*m\)*(一)发展现状" | head -n 1 |
	    sed 's/(一).*//')
	[ -n "$one$two" ] && [ "$one" != "$two" ]
	ok $? "$how: 一、 and (一) headings are painted differently"
	tui_keys q
	tui_wait_exit >/dev/null
done

done_testing
