// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * proto.c - decode what the module writes: trace records and status.
 *
 * Records are struct tapc_rec_hdr + payload (runtime/session.h).
 * STDOUT payloads go out as they are; WARN and ERROR payloads get the
 * prefix stap uses ("WARNING: ", "ERROR: ") and a newline if they lack
 * one.
 */
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "taprun.h"

static void emit_message(FILE *f, const char *prefix, const char *p,
			 size_t n)
{
	fputs(prefix, f);
	fwrite(p, 1, n, f);
	if (!n || p[n - 1] != '\n')
		fputc('\n', f);
}

long tap_emit_records(struct tap_sink *s, const char *buf, size_t len)
{
	size_t pos = 0;

	while (len - pos >= sizeof(struct tapc_rec_hdr)) {
		struct tapc_rec_hdr h;
		const char *payload;

		memcpy(&h, buf + pos, sizeof(h));
		if (len - pos - sizeof(h) < h.len)
			break;
		payload = buf + pos + sizeof(h);
		switch (h.type) {
		case TAPC_REC_STDOUT:
			fwrite(payload, 1, h.len, s->out);
			break;
		case TAPC_REC_WARN:
			emit_message(s->err, "WARNING: ", payload, h.len);
			break;
		case TAPC_REC_ERROR:
			emit_message(s->err, "ERROR: ", payload, h.len);
			s->errors++;
			break;
		default:
			return -1;
		}
		s->records++;
		pos += sizeof(h) + h.len;
	}
	return (long)pos;
}

int tap_parse_status(struct tap_status *st, const char *text)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "exit", offsetof(struct tap_status, exit) },
		{ "lost", offsetof(struct tap_status, lost) },
		{ "errors", offsetof(struct tap_status, errors) },
		{ "fatal", offsetof(struct tap_status, fatal) },
		{ "skipped", offsetof(struct tap_status, skipped) },
		{ "missed", offsetof(struct tap_status, missed) },
		{ "bufsize", offsetof(struct tap_status, bufsize) },
	};
	const char *line = text;

	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		*(long *)((char *)st + keys[i].off) = -1;

	while (*line) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		const char *sp = memchr(line, ' ', n);

		if (!sp)
			return -1;
		if ((size_t)(sp - line) == 5 && !strncmp(line, "state", 5)) {
			size_t vn = n - 6;

			if (vn >= sizeof(st->state))
				return -1;
			memcpy(st->state, sp + 1, vn);
			st->state[vn] = '\0';
		}
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			size_t kn = strlen(keys[i].key);

			if ((size_t)(sp - line) == kn &&
			    !strncmp(line, keys[i].key, kn))
				*(long *)((char *)st + keys[i].off) =
					strtol(sp + 1, NULL, 10);
		}
		line += n + (end != NULL);
	}
	return st->state[0] ? 0 : -1;
}
