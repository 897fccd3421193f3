// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * session.c - defaults and discovery for the session settings.
 *
 * tapc runs from the build tree (tapset/ and runtime/ beside the binary)
 * or after `make install` (PREFIX/share/tapc); TAPC_DATADIR overrides both.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "session.h"

#ifndef TAPC_DATADIR
#define TAPC_DATADIR "/usr/local/share/tapc"
#endif

void session_init(struct session *s)
{
	struct utsname u;

	memset(s, 0, sizeof(*s));
	s->last_pass = 5;
	s->arch = "x86_64";
	if (uname(&u) == 0)
		s->arch = xstrdup(u.machine);
}

static bool has_data(const char *dir)
{
	char *t = xasprintf("%s/tapset", dir);
	char *r = xasprintf("%s/runtime", dir);
	bool ok = path_is_dir(t) && path_is_dir(r);

	free(t);
	free(r);
	return ok;
}

bool session_find_datadir(struct session *s, const char *argv0)
{
	char buf[PATH_MAX];
	const char *env = getenv("TAPC_DATADIR");
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n > 0) {
		char *slash;

		buf[n] = '\0';
		slash = strrchr(buf, '/');
		if (slash)
			*slash = '\0';
		s->self_dir = xstrdup(buf);
	} else if (argv0 && strchr(argv0, '/')) {
		char *d = xstrdup(argv0);

		*strrchr(d, '/') = '\0';
		s->self_dir = d;
	} else {
		s->self_dir = ".";
	}

	if (env && has_data(env)) {
		s->datadir = env;
		return true;
	}
	if (has_data(s->self_dir)) {
		s->datadir = s->self_dir;
		return true;
	}
	if (has_data(TAPC_DATADIR)) {
		s->datadir = TAPC_DATADIR;
		return true;
	}
	return false;
}

double session_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
