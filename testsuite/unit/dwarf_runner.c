// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dwarf_runner.c - linked into the fixture: plants int3 breakpoints at the
 * addresses listed by the generated checks (a shared object named on the
 * command line), runs fx_run(), and at each stop runs the checks of that
 * address on the trapped registers.  Prints "PASS: ..." / "FAIL: ...".
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

#include "dwarf_harness.h"

#define MAX_BP 64

struct bp {
	unsigned long addr;
	unsigned char orig;
	int hits;
};

static const struct tapc_check *checks;
static int nchecks;
static struct bp bps[MAX_BP];
static int nbps;
static int failures;

int fx_run(void);

unsigned long tapc_dwarf_reg(struct pt_regs *regs, int n)
{
	return n >= 0 && n <= 16 ? regs->r[n] : 0;
}

unsigned long tapc_kernel_reloc(unsigned long link_addr)
{
	return link_addr;
}

unsigned long tapc_return_value(struct pt_regs *regs)
{
	return regs->r[0];
}

/* fault-safe like copy_from_kernel_nofault: reads through the kernel */
int tapc_read_kernel(void *dst, unsigned long addr, size_t n)
{
	struct iovec l = { dst, n }, r = { (void *)addr, n };

	return process_vm_readv(getpid(), &l, 1, &r, 1, 0) == (ssize_t)n ?
	       0 : -EFAULT;
}

static void poke(unsigned long addr, unsigned char b)
{
	long pg = sysconf(_SC_PAGESIZE);
	void *page = (void *)(addr & ~(pg - 1));

	mprotect(page, 2 * pg, PROT_READ | PROT_WRITE | PROT_EXEC);
	*(volatile unsigned char *)addr = b;
	mprotect(page, 2 * pg, PROT_READ | PROT_EXEC);
}

static void report(bool ok, const struct tapc_check *k, const char *got)
{
	char buf[600];
	int n = snprintf(buf, sizeof(buf), "%s: value %s%s%s\n",
			 ok ? "PASS" : "FAIL", k->desc, ok ? "" : " got ",
			 ok ? "" : got);

	if (!ok)
		failures++;
	write(1, buf, n);
}

static void run_check(const struct tapc_check *k, struct pt_regs *regs)
{
	struct tapc_ctx c = { .regs = regs };
	char got[256] = "";
	int64_t v = 0;
	int rc;

	if (k->kind == CHK_PRETTY || k->kind == CHK_PRETTY_HAS) {
		rc = k->fn_str(&c, got, sizeof(got));
		report(rc == 0 && (k->kind == CHK_PRETTY ? !strcmp(got, k->sexpect) :
				   strstr(got, k->sexpect) != NULL), k, got);
		return;
	}
	rc = k->fn_long(&c, &v);
	if (rc) {
		snprintf(got, sizeof(got), "error %d", rc);
		report(false, k, got);
	} else if (k->kind == CHK_STR) {
		snprintf(got, sizeof(got), "\"%.100s\"", (const char *)v);
		report(!strcmp((const char *)v, k->sexpect), k, got);
	} else {
		snprintf(got, sizeof(got), "%lld", (long long)v);
		report(v == k->expect, k, got);
	}
}

static void on_trap(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	greg_t *g = uc->uc_mcontext.gregs;
	unsigned long pc = g[REG_RIP] - 1;
	static const int map[17] = {
		REG_RAX, REG_RDX, REG_RCX, REG_RBX, REG_RSI, REG_RDI, REG_RBP,
		REG_RSP, REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13,
		REG_R14, REG_R15, REG_RIP,
	};
	struct pt_regs regs;
	int i;

	for (i = 0; i < 17; i++)
		regs.r[i] = g[map[i]];
	regs.r[16] = pc;
	for (i = 0; i < nbps; i++)
		if (bps[i].addr == pc)
			break;
	if (i == nbps)
		abort();
	bps[i].hits++;
	poke(pc, bps[i].orig);	/* one stop per address is enough */
	g[REG_RIP] = pc;
	for (i = 0; i < nchecks; i++)
		if (checks[i].addr == pc)
			run_check(&checks[i], &regs);
}

static void plant(unsigned long addr)
{
	int i;

	for (i = 0; i < nbps; i++)
		if (bps[i].addr == addr)
			return;
	if (nbps == MAX_BP)
		return;
	bps[nbps].addr = addr;
	bps[nbps].orig = *(unsigned char *)addr;
	nbps++;
	poke(addr, 0xcc);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };
	void *h;
	int i, j;

	if (argc < 2)
		return 2;
	h = dlopen(argv[1], RTLD_NOW);
	if (!h) {
		printf("FAIL: dlopen %s\n", dlerror());
		return 1;
	}
	checks = dlsym(h, "tapc_checks");
	nchecks = *(int *)dlsym(h, "tapc_nchecks");
	sigaction(SIGTRAP, &sa, NULL);
	for (i = 0; i < nchecks; i++) {
		void *sa = checks[i].sym ? dlsym(RTLD_DEFAULT, checks[i].sym) : NULL;

		/* symbol+offset is what a kprobe is armed at */
		if (sa && (unsigned long)sa + checks[i].off != checks[i].addr) {
			printf("FAIL: armable %s: %s+0x%lx is not the probe address\n",
			       checks[i].desc, checks[i].sym, checks[i].off);
			failures++;
		} else if (sa) {
			printf("PASS: armable %s: %s+0x%lx\n", checks[i].desc,
			       checks[i].sym, checks[i].off);
		}
		plant(checks[i].addr);
	}
	fx_run();
	for (i = 0; i < nbps; i++)
		if (!bps[i].hits)
			for (j = 0; j < nchecks; j++)
				if (checks[j].addr == bps[i].addr) {
					printf("FAIL: value %s (probe address never reached)\n",
					       checks[j].desc);
					failures++;
				}
	return failures ? 1 : 0;
}
