// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print.c - bounded formatting into a tapc_out (see print.h).
 */

void tapc_out_flush(struct tapc_out *o)
{
	if (o->flush && o->len)
		tapc_transport_write(TAPC_REC_STDOUT, o->buf, o->len);
	o->len = 0;
	o->buf[0] = '\0';
}

void tapc_out_putn(struct tapc_out *o, const char *s, unsigned int n)
{
	unsigned int room;

	while (n) {
		room = o->cap - 1 - o->len;
		if (!room) {
			if (!o->flush)
				break;		/* string: truncate */
			tapc_out_flush(o);	/* print: emit a chunk */
			continue;
		}
		if (room > n)
			room = n;
		memcpy(o->buf + o->len, s, room);
		o->len += room;
		s += room;
		n -= room;
	}
	o->buf[o->len] = '\0';
}

void tapc_out_pad(struct tapc_out *o, char ch, int n)
{
	char buf[16];

	memset(buf, ch, sizeof(buf));
	while (n > 0) {
		int k = n > 16 ? 16 : n;

		tapc_out_putn(o, buf, k);
		n -= k;
	}
}

void tapc_out_dec(struct tapc_out *o, int64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);
	u64 u = v < 0 ? -(u64)v : (u64)v;

	do {
		tmp[--i] = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	tapc_out_putn(o, tmp + i, sizeof(tmp) - i);
}

void tapc_fmt_long(struct tapc_out *o, int64_t v, int flags, int width,
		   int prec, char conv)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	const char *digs = conv == 'X' ? upper : lower;
	char tmp[24], sign = 0;
	const char *prefix = "";
	int i = sizeof(tmp), ndig, base = 10, len, zeros;
	u64 u;

	if (conv == 'c') {
		char ch = (char)v;

		if (!(flags & TAPC_F_LEFT))
			tapc_out_pad(o, ' ', width - 1);
		tapc_out_putn(o, &ch, 1);
		if (flags & TAPC_F_LEFT)
			tapc_out_pad(o, ' ', width - 1);
		return;
	}
	switch (conv) {
	case 'x': case 'X': base = 16; break;
	case 'o': base = 8; break;
	case 'p':	/* as stap: 0x and 16 digits unless a width is given */
		base = 16;
		flags |= TAPC_F_ALT;
		if (width < 0) {
			width = 2 + 2 * (int)sizeof(void *);
			flags |= TAPC_F_ZERO;
		}
		break;
	default: break;
	}
	if ((conv == 'd' || conv == 'i') && v < 0) {
		u = -(u64)v;
		sign = '-';
	} else {
		u = (u64)v;
		if (conv == 'd' || conv == 'i') {
			if (flags & TAPC_F_PLUS)
				sign = '+';
			else if (flags & TAPC_F_SPACE)
				sign = ' ';
		}
	}
	if (u || prec != 0) {
		do {
			tmp[--i] = digs[u % base];
			u /= base;
		} while (u);
	}
	ndig = sizeof(tmp) - i;
	if ((flags & TAPC_F_ALT) && (v || conv == 'p')) {
		if (base == 16)
			prefix = conv == 'X' ? "0X" : "0x";
		else if (base == 8 && tmp[i] != '0')
			prefix = "0";
	}
	zeros = prec > ndig ? prec - ndig : 0;
	len = ndig + zeros + (sign ? 1 : 0) + strlen(prefix);
	if ((flags & TAPC_F_ZERO) && !(flags & TAPC_F_LEFT) && prec < 0 &&
	    width > len) {
		zeros += width - len;
		len = width;
	}
	if (!(flags & TAPC_F_LEFT))
		tapc_out_pad(o, ' ', width - len);
	if (sign)
		tapc_out_putn(o, &sign, 1);
	tapc_out_puts(o, prefix);
	tapc_out_pad(o, '0', zeros);
	tapc_out_putn(o, tmp + i, ndig);
	if (flags & TAPC_F_LEFT)
		tapc_out_pad(o, ' ', width - len);
}

void tapc_fmt_str(struct tapc_out *o, const char *s, int flags, int width,
		  int prec)
{
	int len = strnlen(s, prec >= 0 && prec < MAXSTRINGLEN ?
			  prec : MAXSTRINGLEN);

	if (!(flags & TAPC_F_LEFT))
		tapc_out_pad(o, ' ', width - len);
	tapc_out_putn(o, s, len);
	if (flags & TAPC_F_LEFT)
		tapc_out_pad(o, ' ', width - len);
}

/* %b: the value's low width bytes (1, 2, 4 or 8; default 8), raw. */
void tapc_fmt_bin(struct tapc_out *o, int64_t v, int width)
{
	u8 b1 = v;
	u16 b2 = v;
	u32 b4 = v;

	switch (width) {
	case 1: tapc_out_putn(o, (const char *)&b1, 1); break;
	case 2: tapc_out_putn(o, (const char *)&b2, 2); break;
	case 4: tapc_out_putn(o, (const char *)&b4, 4); break;
	default: tapc_out_putn(o, (const char *)&v, 8); break;
	}
}

/*
 * %m / %M: prec bytes (default 1, at most TAPC_FMT_MEM_MAX) of kernel
 * memory at addr, or user memory with '#', raw (%m) or as two lowercase
 * hex digits per byte (%M), padded to width.  Reads in chunks through the
 * fault-safe copies; returns -EFAULT (output may be partial) on a fault.
 */
int tapc_fmt_mem(struct tapc_out *o, int64_t addr, int flags, int width,
		 int prec, char conv)
{
	static const char hex[] = "0123456789abcdef";
	unsigned long a = (unsigned long)addr;
	int n = prec < 0 ? 1 : min(prec, TAPC_FMT_MEM_MAX);
	int len = conv == 'M' ? 2 * n : n;
	u8 chunk[32];
	char h[2 * sizeof(chunk)];
	int done = 0;

	if (!(flags & TAPC_F_LEFT))
		tapc_out_pad(o, ' ', width - len);
	while (done < n) {
		int k = min_t(int, n - done, sizeof(chunk)), i;
		unsigned long at = a + done;
		int bad;

		if (flags & TAPC_F_ALT)
			bad = at < PAGE_SIZE || copy_from_user_nofault(chunk,
					(const void __user *)at, k);
		else
			bad = tapc_kread(chunk, at, k);
		if (bad)
			return -EFAULT;
		if (conv == 'm') {
			tapc_out_putn(o, (const char *)chunk, k);
		} else {
			for (i = 0; i < k; i++) {
				h[2 * i] = hex[chunk[i] >> 4];
				h[2 * i + 1] = hex[chunk[i] & 15];
			}
			tapc_out_putn(o, h, 2 * k);
		}
		done += k;
	}
	if (flags & TAPC_F_LEFT)
		tapc_out_pad(o, ' ', width - len);
	return 0;
}
