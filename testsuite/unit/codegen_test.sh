#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# codegen_test.sh - pass-3 unit test without the parser: codegen_gen builds
# hand-made el_programs, each is compiled into a module against the kernel
# headers, and all modules run in one guest boot under taprun.  Each case's
# output (stdout + stderr) is compared with the expectations below.
#
#   testsuite/unit/codegen_test.sh [KDIR]
# KDIR defaults to the headers of the cached guest kernel (make deps).
# Env: TAPC_VM (default runtime/vm/tapvm), TAPC_KERNEL (a release or a
# bzImage for tapvm -k; default its kernels/default).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cache=${TAPC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tapc}
rel=$(cat "$cache/kernels/default" 2>/dev/null || true)
KDIR=${1:-/usr/src/linux-headers-$rel}
VM=${TAPC_VM:-$top/runtime/vm/tapvm}
[ -n "$rel" ] && [ -d "$KDIR" ] || { echo "codegen_test: no guest kernel headers (make deps)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cgtest.XXXXXX")
trap 'rm -rf "$work"' EXIT

cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter \
	-I "$top/translator" -o "$work/gen" "$top/testsuite/unit/codegen_gen.c" \
	"$top"/translator/codegen/*.c "$top/translator/parse/ast.c" \
	"$top/translator/diag.c" "$top"/translator/util/*.c
"$work/gen" "$work/out"
fail=0
kos=()
for d in "$work"/out/*/; do
	n=$(basename "$d")
	printf 'obj-m := cg_%s.o\nccflags-y := -I%s/runtime -Werror\n' "$n" "$top" >"$d/Kbuild"
	if ! make -s -C "$KDIR" M="$d" modules >"$d/build.log" 2>&1; then
		echo "FAIL: build $n"; cat "$d/build.log"; fail=1; continue
	fi
	kos+=(-f "$d/cg_$n.ko")
done
# workload: getppid() from a few shells, some context switches
printf 'for i in 1 2 3 4 5; do sh -c '"'"'echo $PPID'"'"' >/dev/null; done\n' >"$work/load.sh"
kos+=(-f "$work/load.sh")
[ -x "$top/taprun" ] || make -C "$top" taprun >/dev/null
cmd='for m in basic kprobe arrays timer maxaction divzero badread nesting full strlen; do
	echo "== $m"
	./taprun -T 5 -c "sh /job/load.sh" cg_$m.ko 2>&1
	echo "rc=$?"
done'
"$VM" ${TAPC_KERNEL:+-k "$TAPC_KERNEL"} -f "$top/taprun" "${kos[@]}" "$cmd" \
	>"$work/run.out" 2>&1 || true
cat "$work/run.out"

# expectations: case, grep -E pattern that must match its section
expect() {
	local sec
	sec=$(awk -v m="== $1" '$0 == m {on=1; next} /^== / {on=0} on' "$work/run.out")
	if [ "$2" = -v ]; then
		if ! grep -qE -- "$3" <<<"$sec"; then echo "PASS: $1: no $3"; else echo "FAIL: $1: $3"; fail=1; fi
		return
	fi
	if grep -qE -- "$2" <<<"$sec"; then echo "PASS: $1: $2"; else echo "FAIL: $1: $2"; fail=1; fi
}
expect basic '^n=8 gs=hi x=    5\|ab  \|00ff\|010\|Z\|\+7$'
expect basic '^n=11 s=hi there! len=9 mypid=44 fact=3628800$'
expect basic '^caught: division by zero near operator ./.$'
expect basic -v 'not reached'
expect basic '^sp--12$'
expect basic '^substr=cde isinstr=1 strtol=31 cmp=1$'
expect kprobe '^hits>=3 1 rets>=3 1 sum 0$'
expect kprobe -v 'bad entry'
expect arrays '^four=5$'
expect arrays '^key three$'
expect arrays '^after delete in=0 a\[two\]=0$'
expect arrays '^count=100 sum=4950 min=0 max=99 avg=49$'
expect arrays '^   64 \|@{50} 36$'
expect arrays '^   32 \|@{44} +32$'
expect arrays '^aa\[2\] count=33 sum=1650$'
expect timer '^ticks=[5-9] switches>0=1$'
expect maxaction 'ERROR: MAXACTION exceeded in probe begin at unit.stp:[0-9]+:1'
expect divzero 'ERROR: division by zero near operator ./. in probe begin at unit.stp:1:1'
expect badread "ERROR: kernel read fault at 0x0 near function 'kernel_string' in probe begin"
expect nesting "ERROR: MAXNESTING exceeded \(limit 10\) calling 'rec'"
expect full "ERROR: array 'full' full \(limit MAXMAPENTRIES=16\) in probe begin"
expect strlen '^0123456 7$'
[ $fail = 0 ] && echo "codegen_test: all passed"
exit $fail
