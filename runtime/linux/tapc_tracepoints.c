// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapc_tracepoints.c - kernel tracepoints looked up by name (the
 * tracepoint structs are not exported to modules).
 *
 * The callback is declared with unsigned long parameters: every tracepoint
 * argument is an integer or pointer, passed in the same registers/stack
 * slots as unsigned long on the supported ABIs (x86_64).
 */

struct tapc_tp_find {
	const char *name;
	struct tracepoint *tp;
};

static void tapc_tp_match(struct tracepoint *tp, void *priv)
{
	struct tapc_tp_find *f = priv;

	if (!strcmp(tp->name, f->name))
		f->tp = tp;
}

int tapc_tracepoints_register(struct tapc_tracepoint *t, int n)
{
	struct tapc_tp_find f;
	int i, rc;

	for (i = 0; i < n; i++) {
		f.name = t[i].name;
		f.tp = NULL;
		for_each_kernel_tracepoint(tapc_tp_match, &f);
		rc = f.tp ? tracepoint_probe_register(f.tp, t[i].fn, NULL) :
			    -ENOENT;
		if (rc) {
			tapc_arm_failed("tracepoint_probe_register", t[i].pp,
					rc, t[i].optional);
			if (t[i].optional)
				continue;
			tapc_tracepoints_unregister(t, i);
			return rc;
		}
		t[i].tp = f.tp;
	}
	return 0;
}

void tapc_tracepoints_unregister(struct tapc_tracepoint *t, int n)
{
	bool any = false;
	int i;

	for (i = 0; i < n; i++) {
		if (!t[i].tp)
			continue;
		tracepoint_probe_unregister(t[i].tp, t[i].fn, NULL);
		t[i].tp = NULL;
		any = true;
	}
	if (any)
		tracepoint_synchronize_unregister();
}
