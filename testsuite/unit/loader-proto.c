// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * loader-proto.c - unit test of runtime/loader/proto.c: record decoding
 * (stap prefixes, newline handling, partial and malformed records) and
 * status parsing.  Built and run by testsuite/tapc.loader/loader.exp:
 *
 *   cc -std=c11 -D_GNU_SOURCE -iquote runtime -iquote runtime/loader \
 *      testsuite/unit/loader-proto.c runtime/loader/proto.c
 *
 * Prints "PASS: name" or "FAIL: name" per check; exits 1 on a failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "taprun.h"

static int failures;

static void check(const char *name, int ok)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", name);
	failures += !ok;
}

/* Append one record to buf at *len. */
static void put(char *buf, size_t *len, int type, const char *payload)
{
	struct tapc_rec_hdr h = { .len = strlen(payload), .type = type };

	memcpy(buf + *len, &h, sizeof(h));
	memcpy(buf + *len + sizeof(h), payload, h.len);
	*len += sizeof(h) + h.len;
}

struct capture {
	char *out, *err;
	size_t outn, errn;
	struct tap_sink sink;
};

static void cap_open(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->sink.out = open_memstream(&c->out, &c->outn);
	c->sink.err = open_memstream(&c->err, &c->errn);
}

static void cap_close(struct capture *c)
{
	fclose(c->sink.out);
	fclose(c->sink.err);
}

static void test_records(void)
{
	char buf[512];
	size_t len = 0;
	struct capture c;
	long n;

	put(buf, &len, TAPC_REC_STDOUT, "hello ");
	put(buf, &len, TAPC_REC_STDOUT, "world\n");
	put(buf, &len, TAPC_REC_WARN, "careful");
	put(buf, &len, TAPC_REC_ERROR, "division by zero\n");
	put(buf, &len, TAPC_REC_STDOUT, "");

	cap_open(&c);
	n = tap_emit_records(&c.sink, buf, len);
	cap_close(&c);
	check("records: all consumed", n == (long)len);
	check("records: STDOUT verbatim", !strcmp(c.out, "hello world\n"));
	check("records: WARNING:/ERROR: prefixes, one newline each",
	      !strcmp(c.err, "WARNING: careful\nERROR: division by zero\n"));
	check("records: counts", c.sink.records == 5 && c.sink.errors == 1);
	free(c.out);
	free(c.err);

	cap_open(&c);
	n = tap_emit_records(&c.sink, buf, len - 3);
	cap_close(&c);
	/* the last record (empty payload) is just a header; cut it short */
	check("records: a partial record is left",
	      n == (long)(len - sizeof(struct tapc_rec_hdr)) &&
	      c.sink.records == 4);
	free(c.out);
	free(c.err);

	len = 0;
	put(buf, &len, 99, "x");
	cap_open(&c);
	n = tap_emit_records(&c.sink, buf, len);
	cap_close(&c);
	check("records: unknown type is an error", n == -1);
	free(c.out);
	free(c.err);
}

static void test_status(void)
{
	struct tap_status st;

	check("status: full",
	      !tap_parse_status(&st, "state running\nexit 1\nlost 12\n"
				"errors 3\nfatal 1\nskipped 4\nmissed 5\n"
				"bufsize 256\nfuture 9\n") &&
	      !strcmp(st.state, "running") && st.exit == 1 && st.lost == 12 &&
	      st.errors == 3 && st.fatal == 1 && st.skipped == 4 &&
	      st.missed == 5 && st.bufsize == 256);
	check("status: absent keys are -1",
	      !tap_parse_status(&st, "state loaded\n") && st.lost == -1 &&
	      st.fatal == -1);
	check("status: no state is an error", tap_parse_status(&st, "lost 1\n"));
	check("status: garbage is an error", tap_parse_status(&st, "garbage\n"));
	check("status: overlong state is an error",
	      tap_parse_status(&st, "state aaaaaaaaaaaaaaaaaaaaaaaa\n"));
}

int main(void)
{
	test_records();
	test_status();
	return failures != 0;
}
