// SPDX-License-Identifier: GPL-2.0-or-later
/* getppid-storm N: call getppid N times (a probe target for the tests). */
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1;

	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}
