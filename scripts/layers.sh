#!/usr/bin/env bash
# Checks the project's layering by reading every quoted #include: each part
# may include only the parts it is allowed to use (docs/architecture.md).
# The build enforces the same rules through its target links; this check
# also catches a path the build cannot see, such as "../harness/x.h".
#   scripts/layers.sh [TOP]   exit 0: no forbidden include; 1: each one listed
set -euo pipefail
top=$(cd "${1:-$(dirname "$0")/..}" && pwd)
cd "$top"

# the part a path belongs to (hw-tests has three kinds of part)
part_of() {
	case "$1" in
	include/*) echo include ;;
	hw-tests/core/*) echo hw-core ;;
	hw-tests/host/*) echo hw-host ;;
	hw-tests/baremetal/* | hw-tests/linux/*) echo hw-driver ;;
	*/*) echo "${1%%/*}" ;;
	*) echo top ;;
	esac
}

# what each part may include, itself and the public API aside (the arrows, closed transitively)
allowed() {
	case "$1" in
	oracles) echo "" ;;
	harness) echo "oracles" ;;
	hw-core) echo "oracles" ;;
	hw-driver) echo "hw-core oracles" ;;
	hw-host) echo "harness hw-core oracles" ;;
	translators) echo "" ;;
	reports) echo "harness hw-host hw-core oracles" ;;
	fuzz) echo "harness translators hw-host hw-core oracles" ;;
	cli | tests | bench | examples) echo "*" ;;
	*) echo "" ;;
	esac
}

bad=0
while IFS= read -r file; do
	from=$(part_of "$file")
	may=$(allowed "$from")
	dir=$(dirname "$file")
	while IFS= read -r inc; do
		# a quoted include is looked up beside the file first, then from the top
		if [ -e "$dir/$inc" ]; then
			target=$(realpath -m --relative-to="$top" "$dir/$inc")
		elif [ -e "$(dirname "$dir")/$inc" ]; then # the Linux module's build folder holds core/ beside it
			target=$(realpath -m --relative-to="$top" "$(dirname "$dir")/$inc")
		elif [ -e "include/$inc" ]; then
			target="include/$inc"
		else
			target=$(realpath -m --relative-to="$top" "$inc")
		fi
		to=$(part_of "$target")
		case " $to $from include $may " in
		*" * "*) continue ;;
		esac
		if [ "$to" != "$from" ] && [ "$to" != include ] && [[ " $may " != *" $to "* ]]; then
			echo "$file: includes \"$inc\" ($to), which $from may not use" >&2
			bad=1
		fi
		# the public API stands alone: it includes nothing but itself
		if [ "$from" = include ] && [ "$to" != include ]; then
			echo "$file: the public API includes \"$inc\" ($to)" >&2
			bad=1
		fi
	done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file")
done < <(git ls-files '*.c' '*.h' '*.S' 2>/dev/null || find . -name '*.[chS]' | sed 's|^\./||')
if ((bad)); then
	exit 1
fi
echo "layers: every include is allowed"
