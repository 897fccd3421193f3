// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapc_kprobes.c - kprobe/kretprobe tables (see tapc_probes.h).
 */

static void tapc_arm_failed(const char *what, const char *pp, int rc,
			    bool optional)
{
	char msg[200];

	snprintf(msg, sizeof(msg), "%s failed for probe %s (%d)%s%s", what, pp,
		 rc, rc == -ENOENT && !strncmp(pp, "module(", 7) ?
		 ": is the module loaded?" : "",
		 optional ? ", skipped (optional)" : "");
	if (optional)
		tapc_transport_write(TAPC_REC_WARN, msg, strlen(msg));
	else
		tapc_session_error(msg);
}

int tapc_kprobes_register(struct tapc_kprobe *t, int n)
{
	int i, rc;

	for (i = 0; i < n; i++) {
		rc = register_kprobe(&t[i].kp);
		if (rc) {
			tapc_arm_failed("register_kprobe", t[i].pp, rc,
					t[i].optional);
			if (t[i].optional)
				continue;
			tapc_kprobes_unregister(t, i);
			return rc;
		}
		t[i].armed = true;
	}
	return 0;
}

void tapc_kprobes_unregister(struct tapc_kprobe *t, int n)
{
	struct kprobe **v = kmalloc_array(n ? n : 1, sizeof(*v), GFP_KERNEL);
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (!t[i].armed)
			continue;
		if (v)
			v[k++] = &t[i].kp;
		else
			unregister_kprobe(&t[i].kp);
		t[i].armed = false;
	}
	if (v && k)
		unregister_kprobes(v, k);	/* one synchronize for all */
	kfree(v);
}

unsigned long tapc_kprobes_missed(struct tapc_kprobe *t, int n)
{
	unsigned long s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += t[i].kp.nmissed;
	return s;
}

int tapc_kretprobe_default_maxactive(void)
{
	return max_t(int, 20, 2 * num_possible_cpus());
}

int tapc_kretprobes_register(struct tapc_kretprobe *t, int n)
{
	int i, rc;

	for (i = 0; i < n; i++) {
		if (!t[i].rp.maxactive)
			t[i].rp.maxactive = tapc_kretprobe_default_maxactive();
		rc = register_kretprobe(&t[i].rp);
		if (rc) {
			tapc_arm_failed("register_kretprobe", t[i].pp, rc,
					t[i].optional);
			if (t[i].optional)
				continue;
			tapc_kretprobes_unregister(t, i);
			return rc;
		}
		t[i].armed = true;
	}
	return 0;
}

void tapc_kretprobes_unregister(struct tapc_kretprobe *t, int n)
{
	struct kretprobe **v = kmalloc_array(n ? n : 1, sizeof(*v),
					     GFP_KERNEL);
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (!t[i].armed)
			continue;
		if (v)
			v[k++] = &t[i].rp;
		else
			unregister_kretprobe(&t[i].rp);
		t[i].armed = false;
	}
	if (v && k)
		unregister_kretprobes(v, k);
	kfree(v);
}

unsigned long tapc_kretprobes_missed(struct tapc_kretprobe *t, int n)
{
	unsigned long s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += t[i].rp.nmissed + t[i].rp.kp.nmissed;
	return s;
}
