// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fx.c - DWARF fixture for translator/dwarf/ tests, built with gcc -g -O2.
 *
 * Each fx_* function is called once from fx_run() with known values; the
 * value harness (testsuite/unit/dwarf_runner.c) stops at the probe
 * addresses tapc computed, runs the generated access functions on the real
 * registers and memory, and compares with what is written here.
 */
#include <string.h>

enum fx_color { FX_RED = 1, FX_GREEN = 2, FX_BLUE = -4 };

struct fx_inner {
	int b;
	short c;
};

struct fx_obj {
	long a;
	struct fx_inner in;
	unsigned int flag : 3, mode : 5;
	int sfield : 4;
	char name[16];
	const char *label;
	struct fx_obj *next;
	int arr[4];
	enum fx_color color;
	union {
		int i;
		unsigned char bytes[4];
	} u;
};

typedef struct fx_obj fx_obj_t;
typedef const fx_obj_t *fx_ptr_t;

volatile int fx_sink;
int fx_global = 77;
static volatile int fx_static_var = -5;

__attribute__((noinline)) long fx_simple(int a, long b, unsigned char c)
{
	fx_sink = a;
	return a + b + c;
}

__attribute__((noinline)) int fx_chain(fx_ptr_t o, int k)
{
	fx_sink = k;
	return o->in.b + o->next->in.c + o->arr[k] + fx_global;
}

__attribute__((noinline)) int fx_bits(struct fx_obj *o)
{
	return o->flag + o->mode + o->sfield + o->color + o->u.i;
}

/* only o->in.b is used: IPA-SRA passes that int instead of o */
static __attribute__((noinline)) int fx_isra(struct fx_obj *o, const char *s)
{
	fx_sink = s[0];
	return o->in.b * 3 + s[1];
}

/* always called with mode == 3: a .constprop clone */
static __attribute__((noinline)) int fx_cp(int x, int mode)
{
	fx_sink = x;
	return x * mode + fx_sink;
}

/* exists only inlined */
static inline __attribute__((always_inline)) int fx_inl(int v)
{
	return v * 3 + fx_global;
}

__attribute__((noinline)) int fx_user1(int v)
{
	return fx_inl(v) + 1;
}

__attribute__((noinline)) int fx_user2(int v)
{
	return fx_inl(v + 1) - 1;
}

/* statement probes: the spec names lines of this function */
__attribute__((noinline)) int fx_stmt(int a, int b)
{
	int s = a * 2;

	fx_sink = s + fx_static_var;	/* FX_STMT_1 */
	s += b;
	fx_sink = s;			/* FX_STMT_2 */
	return s * a;
}

/* at -O2 p lives in two registers: DW_OP_reg0 piece 4, DW_OP_reg4 piece 4 */
struct fx_pair {
	int lo;
	int hi;
};

__attribute__((noinline)) int fx_piece(int a, int b)
{
	struct fx_pair p = { a + 1, b * 2 };

	fx_sink = p.lo;
	fx_sink = p.hi;			/* FX_PIECE */
	return p.lo ^ p.hi;
}

int fx_run(void)
{
	static struct fx_obj tail = { .a = 5, .in = { 11, -12 } };
	static struct fx_obj o = {
		.a = -1234567890123LL,
		.in = { -7, 300 },
		.flag = 5, .mode = 17, .sfield = -3,
		.name = "fixture",
		.label = "label-string",
		.next = &tail,
		.arr = { 10, 20, 30, 40 },
		.color = FX_BLUE,
		.u = { .i = 0x01020304 },
	};
	int r = 0;

	r += fx_simple(-7, 1L << 40, 200);
	r += fx_chain(&o, 2);
	r += fx_bits(&o);
	r += fx_isra(&o, "hi");
	r += fx_isra(&tail, "yo");
	r += fx_cp(41, 3);
	r += fx_cp(fx_sink, 3);
	r += fx_user1(4) + fx_user2(5);
	r += fx_stmt(3, 10);
	r += fx_piece(6, 21);
	return r;
}
