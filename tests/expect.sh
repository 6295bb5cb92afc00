# Sourced by the CLI test scripts: `expect STATUS TEXT ARGS...` runs "$bin" ARGS and counts a pass when
# it exits STATUS and prints TEXT (a fixed string) on standard output or error; `expect_done` prints
# the "N passed, N failed" line and fails the script when anything failed.
pass=0 fail=0

expect() {
	local want=$1 text=$2 out status
	shift 2
	out=$("$bin" "$@" 2>&1)
	status=$?
	if [ "$status" = "$want" ] && grep -qF -- "$text" <<<"$out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: dmarfuzz $* -> exit $status (want $want), missing: $text"
		echo "$out" | tail -20
	fi
}

expect_done() {
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
}
