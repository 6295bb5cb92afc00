#!/usr/bin/env bash
# hw_drivers_agree.sh A.expect B.expect: two drivers' expectation files (the bare-metal driver on
# cases moved by 1 GiB, the Linux driver) must give every DMA that both ran the same verdict; a DMA
# one of them had to skip (outside its pool) proves nothing either way.
set -u
fail=0 both=0
declare -A v
while read -r key verdict rest; do
	case "$key" in "#"* | "") continue ;; esac
	v[$key]=$(echo $verdict $rest)
done <"$1"
while read -r key verdict rest; do
	case "$key" in "#"* | "") continue ;; esac
	a=${v[$key]-}
	[ -n "$a" ] || { echo "only in $2: $key"; fail=1; continue; }
	[ "${a%% *}" = SKIP ] || [ "$verdict" = SKIP ] && continue
	both=$((both + 1))
	if [ "$a" != "$(echo $verdict $rest)" ]; then
		echo "disagree: $key: $a / $verdict $rest"
		fail=1
	fi
done <"$2"
[ $both -gt 100 ] || { echo "only $both DMAs ran on both drivers"; fail=1; }
if [ $fail = 0 ]; then echo "1 passed, 0 failed ($both DMAs ran on both drivers, all agree)"; else echo "0 passed, 1 failed"; fi
exit $fail
