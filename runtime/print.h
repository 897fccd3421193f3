/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * print.h - output formatting for print/printf/sprintf.
 *
 * Format strings are parsed by the translator; generated code calls these
 * helpers directly, one per literal chunk or conversion, so nothing parses
 * a format at run time.  A print statement is:
 *
 *	o = tapc_print_begin(c);
 *	tapc_out_puts(o, "pid "); tapc_fmt_long(o, v, 0, -1, -1, 'd'); ...
 *	tapc_print_end(o);	one tapc_transport_write(TAPC_REC_STDOUT)
 *
 * sprintf formats into a string temporary with tapc_out_init(.., false).
 */
#ifndef TAPC_PRINT_H
#define TAPC_PRINT_H

/* conversion flags */
#define TAPC_F_LEFT	0x01	/* '-' */
#define TAPC_F_PLUS	0x02	/* '+' */
#define TAPC_F_SPACE	0x04	/* ' ' */
#define TAPC_F_ALT	0x08	/* '#' */
#define TAPC_F_ZERO	0x10	/* '0' */

static __always_inline void tapc_out_init(struct tapc_out *o, char *buf,
					  unsigned int cap, bool flush)
{
	o->buf = buf;
	o->len = 0;
	o->cap = cap;
	o->flush = flush;
	buf[0] = '\0';
}

void tapc_out_flush(struct tapc_out *o);
void tapc_out_putn(struct tapc_out *o, const char *s, unsigned int n);
void tapc_out_pad(struct tapc_out *o, char ch, int n);

static __always_inline void tapc_out_puts(struct tapc_out *o, const char *s)
{
	tapc_out_putn(o, s, strnlen(s, MAXSTRINGLEN));
}

static __always_inline void tapc_out_putc(struct tapc_out *o, char ch)
{
	if (likely(o->len + 1 < o->cap)) {
		o->buf[o->len++] = ch;
		o->buf[o->len] = '\0';
	} else {
		tapc_out_putn(o, &ch, 1);
	}
}

/* %d %i %u %x %X %o %p %c with flags/width/precision (-1 = none). */
void tapc_fmt_long(struct tapc_out *o, int64_t v, int flags, int width,
		   int prec, char conv);
/* %b: width (1, 2, 4, 8; else 8) bytes of v, raw, host byte order. */
void tapc_fmt_bin(struct tapc_out *o, int64_t v, int width);
/* %m (raw) / %M (hex) of prec bytes at addr; '#' = user memory.
 * 0, or -EFAULT on a bad address. */
#define TAPC_FMT_MEM_MAX 4096
int tapc_fmt_mem(struct tapc_out *o, int64_t addr, int flags, int width,
		 int prec, char conv);
/* Plain %d, the common case. */
void tapc_out_dec(struct tapc_out *o, int64_t v);
/* %s with flags/width/precision. */
void tapc_fmt_str(struct tapc_out *o, const char *s, int flags, int width,
		  int prec);

static __always_inline struct tapc_out *tapc_print_begin(struct tapc_ctx *c)
{
	struct tapc_out *o = &c->out;

	o->buf = c->printbuf;
	o->len = 0;
	o->cap = TAPC_PRINTBUF_SIZE;
	o->flush = true;
	return o;
}

static __always_inline void tapc_print_end(struct tapc_out *o)
{
	if (o->len)
		tapc_out_flush(o);
}

#endif
