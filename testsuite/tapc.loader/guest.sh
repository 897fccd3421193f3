#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs inside the tapvm guest (cwd /job, with kmod_transport.ko, taprun
# and getppid-storm installed); loader.exp checks what it prints.
# Every result is one line "R <check> <value...>".  Usage: guest.sh up|smp
M=kmod_transport.ko

r() { echo "R $*"; }

# records the module produced in the last run (from its stop-time log)
produced() { dmesg | sed -n 's/.*kmod_transport: produced \([0-9]*\) records.*/\1/p' | tail -1; }
loaded() { grep -c '^kmod_transport ' /proc/modules; }
# "getppid H.I cpu C" hit numbers must increase line by line
inorder() { awk '/^getppid/ { split($2, a, "."); h = a[1] * 1000 + a[2]; if (h <= last) bad++; last = h } END { print bad + 0 }' "$1"; }
lostmsg() { sed -n 's/^taprun: \([0-9]*\) records lost.*/\1/p' "$1"; }
nrec() { grep -c . "$1"; }

if [ "$1" = smp ]; then
	taprun -b 2048 -c 'getppid-storm 20000 & getppid-storm 20000; wait' $M anypid=1 >o 2>e
	r smp_rc $?
	r smp_records $(nrec o) $(produced)
	r smp_disorder $(inorder o)
	r smp_cpus $(sed -n 's/^getppid .* cpu \([0-9]*\)$/\1/p' o | sort -u | wc -l)
	r smp_lost "$(lostmsg e)"
	r smp_loaded $(loaded)
	exit 0
fi

taprun -c 'exec getppid-storm 10000' $M >o 2>e
r storm_rc $?
r storm_records $(nrec o) $(produced)
r storm_hits $(grep -c '^getppid' o)
r storm_disorder $(inorder o)
r storm_lost "$(lostmsg e)"

taprun -c 'exec getppid-storm 10000' $M flood=10 >o 2>e
r flood_rc $?
r flood_records $(nrec o) $(produced)
r flood_lost "$(lostmsg e)"

taprun -b 4 -c 'exec getppid-storm 10000' $M >o 2>e
r tiny_rc $?
r tiny_records $(nrec o) $(produced) $(lostmsg e)
r tiny_disorder $(inorder o)
r tiny_msg "$(grep -c 'records lost (output buffer full; try -b with more than 4 KiB)' e)"

taprun -c 'exec getppid-storm 100000' $M error_after=50 >o 2>e
r error_rc $?
r error_stderr "$(cat e)"
r error_end "$(tail -1 o)"

taprun -c 'echo SHOULD-NOT-RUN' $M fail_start=1 >o 2>e
r failstart_rc $?
r failstart_stderr "$(cat e)"
r failstart_cmd $(grep -c SHOULD-NOT-RUN o)
r failstart_loaded $(loaded)

taprun -c 'exec getppid-storm 100000' $M exit_after=20 >o 2>e
r exit_rc $?
r exit_end "$(tail -1 o)"

taprun -c 'exec getppid-storm 10' $M warn_at=3 >o 2>e
r warn_rc $?
r warn_stderr "$(cat e)"

taprun -o out.txt -c 'exec getppid-storm 5' $M >o 2>e
r ofile_rc $?
r ofile_stdout $(wc -c <o)
r ofile_file $(head -1 out.txt | cut -d= -f1) "$(tail -1 out.txt)"

taprun -o /dev/full -c 'exec getppid-storm 100' $M >o 2>e
r fullout_rc $?
r fullout_stderr "$(cat e)"
r fullout_loaded $(loaded)

taprun -c 'exit 7' $M >o 2>e
r cmdfail_rc $?

taprun -c 'echo pid=$$; exec getppid-storm 5' $M >o 2>e
r target_rc $?
r target_pids $(sed -n 's/^pid=//p' o) $(sed -n 's/^begin target=//p' o)

getppid-storm 1000000000 &
p=$!
taprun -T 1 -x $p $M >o 2>e
r xpid_rc $?
kill $p
r xpid_pids $p $(sed -n 's/^begin target=//p' o)
r xpid_hits $(grep -c '^getppid' o)

taprun -c 'sleep 100' $M >o 2>e &
p=$!
sleep 1
kill -INT $p
wait $p
r sigint_rc $?
r sigint_end $(grep -c '^end hits=' o)
r sigint_loaded $(loaded)
r sigint_child $(ps | grep -c '[s]leep 100')

taprun -T 1 -c 'sleep 100' $M >o 2>e
r timeout_rc $?
r timeout_end $(grep -c '^end hits=' o)
r timeout_child $(ps | grep -c '[s]leep 100')

insmod $M
taprun $M >o 2>e
r loaded_rc $?
r loaded_stderr "$(cat e)"
rmmod kmod_transport

taprun >o 2>e
r usage_rc $?

grep -q '^nobody:' /etc/passwd ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
su -s /bin/sh nobody -c "taprun $PWD/$M" >o 2>e
r nonroot_rc $?
r nonroot_stderr "$(cat e)"

r final_loaded $(loaded)
