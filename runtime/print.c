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
	case 'p': base = 16; flags |= TAPC_F_ALT; break;
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
	if ((flags & TAPC_F_ALT) && v) {
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
