#!/usr/bin/env bash
# hw_drivers_agree.sh DMARFUZZ CASE|DIR...: replays the cases live on QEMU's unit with both drivers,
# the bare-metal one on the cases moved up by 1 GiB (--relocate 0x40000000) and the Linux one (which
# moves them into the pool its guest kernel keeps free), and requires every DMA that both ran (MATCH
# or DIVERGE) to have the same verdict; a DMA one of them had to skip (outside its pool) proves
# nothing either way.  Needs DMARFUZZ_BM_IMAGE and DMARFUZZ_GUEST_MODULE, as hw replay does.
set -u
[ $# -ge 2 ] || { echo "usage: $0 DMARFUZZ CASE|DIR..." >&2; exit 2; }
dmarfuzz=$1
shift
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# one replay; exit 0 or 1 (divergences) are answers, anything else is an error
replay() {
	local out=$1 rc
	shift
	"$dmarfuzz" hw replay --backend qemu "$@" >"$out.log" 2>&1
	rc=$?
	if [ $rc -gt 1 ] || [ ! -s "$out" ]; then
		echo "hw replay $* exited $rc without an expectation file:"
		tail -n 20 "$out.log"
		return 1
	fi
}
replay "$tmp/baremetal.expect" --relocate 0x40000000 --save-expect "$tmp/baremetal.expect" "$@" || {
	echo "0 passed, 1 failed"
	exit 1
}
replay "$tmp/linux.expect" --driver linux --save-expect "$tmp/linux.expect" "$@" || {
	echo "0 passed, 1 failed"
	exit 1
}

fail=0 both=0 total=0
declare -A v
while read -r key verdict rest; do
	case "$key" in "#"* | "") continue ;; esac
	v[$key]=$(echo $verdict $rest)
done <"$tmp/baremetal.expect"
while read -r key verdict rest; do
	case "$key" in "#"* | "") continue ;; esac
	total=$((total + 1))
	a=${v[$key]-}
	[ -n "$a" ] || { echo "only with the Linux driver: $key"; fail=1; continue; }
	unset "v[$key]"
	[ "${a%% *}" = SKIP ] || [ "$verdict" = SKIP ] && continue
	both=$((both + 1))
	if [ "$a" != "$(echo $verdict $rest)" ]; then
		echo "disagree: $key: bare-metal $a / Linux $verdict $rest"
		fail=1
	fi
done <"$tmp/linux.expect"
for key in "${!v[@]}"; do
	echo "only with the bare-metal driver: $key"
	fail=1
done
# on corpora/spec/legacy and corpora/examples about 100 of 218 DMAs fit both pools (the Linux
# driver's pool is smaller): far fewer means a replay went wrong, and agreement would prove nothing
min=${DMARFUZZ_AGREE_MIN:-50}
[ $both -ge "$min" ] || { echo "only $both of $total DMAs ran on both drivers (at least $min needed)"; fail=1; }
if [ $fail = 0 ]; then
	echo "1 passed, 0 failed ($both of $total DMAs ran on both drivers, all agree)"
else
	echo "0 passed, 1 failed"
fi
exit $fail
