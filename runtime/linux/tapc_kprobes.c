// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapc_kprobes.c - kprobe/kretprobe tables (see tapc_probes.h).
 *
 * Module probes (symbol_name "module:symbol") whose module is not loaded
 * when the session starts are armed later: a module notifier registers
 * them when the module comes (MODULE_STATE_COMING, before its init runs)
 * and unregisters them when it goes, so an rmmod/insmod cycle re-arms
 * them.  Elaboration has already checked the symbol against the
 * module's debuginfo, so -ENOENT at start means "not loaded yet".
 */

static struct tapc_kprobe *tapc_kp_tab;
static int tapc_kp_n;
static struct tapc_kretprobe *tapc_krp_tab;
static int tapc_krp_n;
static bool tapc_modnb_on;
static DEFINE_MUTEX(tapc_mod_mutex);	/* the tables vs the notifier */

static void tapc_arm_failed(const char *what, const char *pp, int rc,
			    bool optional)
{
	char msg[200];

	snprintf(msg, sizeof(msg), "%s failed for probe %s (%d)%s", what, pp,
		 rc, optional ? ", skipped (optional)" : "");
	if (optional)
		tapc_transport_write(TAPC_REC_WARN, msg, strlen(msg));
	else
		tapc_session_error(msg);
}

/* "mod:sym" -> true if mod is name (NULL name: any module) */
static bool tapc_kp_in_module(const struct kprobe *kp, const char *name)
{
	const char *sym = kp->symbol_name;
	const char *colon = sym ? strchr(sym, ':') : NULL;

	if (!colon)
		return false;
	return !name || (strlen(name) == (size_t)(colon - sym) &&
			 !strncmp(sym, name, colon - sym));
}

/* Back to the state before register_kprobe(), keeping what we set. */
static void tapc_kp_reset(struct kprobe *kp)
{
	struct kprobe k = {
		.symbol_name = kp->symbol_name,
		.offset = kp->offset,
		.pre_handler = kp->pre_handler,
		.post_handler = kp->post_handler,
		.nmissed = kp->nmissed,
	};

	*kp = k;
}

static void tapc_kretprobe_reset(struct kretprobe *rp)
{
	tapc_kp_reset(&rp->kp);
	rp->kp.pre_handler = NULL;
}

static int tapc_module_notify(struct notifier_block *nb, unsigned long val,
			      void *data)
{
	struct module *mod = data;
	int i, rc;

	if (val != MODULE_STATE_COMING && val != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	mutex_lock(&tapc_mod_mutex);
	for (i = 0; i < tapc_kp_n; i++) {
		struct tapc_kprobe *t = &tapc_kp_tab[i];

		if (!tapc_kp_in_module(&t->kp, mod->name))
			continue;
		if (val == MODULE_STATE_GOING && t->armed) {
			unregister_kprobe(&t->kp);
			t->armed = false;
		} else if (val == MODULE_STATE_COMING && !t->armed) {
			tapc_kp_reset(&t->kp);
			rc = register_kprobe(&t->kp);
			if (rc)
				tapc_arm_failed("register_kprobe", t->pp, rc, true);
			else
				t->armed = true;
		}
	}
	for (i = 0; i < tapc_krp_n; i++) {
		struct tapc_kretprobe *t = &tapc_krp_tab[i];

		if (!tapc_kp_in_module(&t->rp.kp, mod->name))
			continue;
		if (val == MODULE_STATE_GOING && t->armed) {
			unregister_kretprobe(&t->rp);
			t->armed = false;
		} else if (val == MODULE_STATE_COMING && !t->armed) {
			tapc_kretprobe_reset(&t->rp);
			rc = register_kretprobe(&t->rp);
			if (rc)
				tapc_arm_failed("register_kretprobe", t->pp, rc,
						true);
			else
				t->armed = true;
		}
	}
	mutex_unlock(&tapc_mod_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block tapc_module_nb = {
	.notifier_call = tapc_module_notify,
};

/* Before arming module probes: from now on module loads are seen. */
static int tapc_modnb_start(void)
{
	int rc;

	if (tapc_modnb_on)
		return 0;
	rc = register_module_notifier(&tapc_module_nb);
	if (!rc)
		tapc_modnb_on = true;
	return rc;
}

/* At the first disarm: no callbacks run after this returns. */
static void tapc_modnb_stop(void)
{
	if (!tapc_modnb_on)
		return;
	unregister_module_notifier(&tapc_module_nb);
	tapc_modnb_on = false;
}

int tapc_kprobes_register(struct tapc_kprobe *t, int n)
{
	int i, rc;
	bool mod = false;

	for (i = 0; i < n; i++)
		mod |= tapc_kp_in_module(&t[i].kp, NULL);
	if (mod) {
		rc = tapc_modnb_start();
		if (rc) {
			tapc_session_error("cannot watch module loads for "
					   "module probes");
			return rc;
		}
	}
	mutex_lock(&tapc_mod_mutex);
	tapc_kp_tab = t;
	tapc_kp_n = n;
	for (i = 0; i < n; i++) {
		rc = register_kprobe(&t[i].kp);
		if (rc == -ENOENT && tapc_kp_in_module(&t[i].kp, NULL)) {
			/* armed when the module loads */
			tapc_kp_reset(&t[i].kp);
			continue;
		}
		if (rc) {
			tapc_arm_failed("register_kprobe", t[i].pp, rc,
					t[i].optional);
			if (t[i].optional)
				continue;
			mutex_unlock(&tapc_mod_mutex);
			tapc_kprobes_unregister(t, i);
			return rc;
		}
		t[i].armed = true;
	}
	mutex_unlock(&tapc_mod_mutex);
	return 0;
}

void tapc_kprobes_unregister(struct tapc_kprobe *t, int n)
{
	struct kprobe **v = kmalloc_array(n ? n : 1, sizeof(*v), GFP_KERNEL);
	int i, k = 0;

	tapc_modnb_stop();
	mutex_lock(&tapc_mod_mutex);
	if (tapc_kp_tab == t) {
		tapc_kp_tab = NULL;
		tapc_kp_n = 0;
	}
	for (i = 0; i < n; i++) {
		if (!t[i].armed)
			continue;
		if (v)
			v[k++] = &t[i].kp;
		else
			unregister_kprobe(&t[i].kp);
		t[i].armed = false;
	}
	mutex_unlock(&tapc_mod_mutex);
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
	bool mod = false;

	for (i = 0; i < n; i++)
		mod |= tapc_kp_in_module(&t[i].rp.kp, NULL);
	if (mod) {
		rc = tapc_modnb_start();
		if (rc) {
			tapc_session_error("cannot watch module loads for "
					   "module probes");
			return rc;
		}
	}
	mutex_lock(&tapc_mod_mutex);
	tapc_krp_tab = t;
	tapc_krp_n = n;
	for (i = 0; i < n; i++) {
		if (!t[i].rp.maxactive)
			t[i].rp.maxactive = tapc_kretprobe_default_maxactive();
		rc = register_kretprobe(&t[i].rp);
		if (rc == -ENOENT && tapc_kp_in_module(&t[i].rp.kp, NULL)) {
			tapc_kretprobe_reset(&t[i].rp);
			continue;
		}
		if (rc) {
			tapc_arm_failed("register_kretprobe", t[i].pp, rc,
					t[i].optional);
			if (t[i].optional)
				continue;
			mutex_unlock(&tapc_mod_mutex);
			tapc_kretprobes_unregister(t, i);
			return rc;
		}
		t[i].armed = true;
	}
	mutex_unlock(&tapc_mod_mutex);
	return 0;
}

void tapc_kretprobes_unregister(struct tapc_kretprobe *t, int n)
{
	struct kretprobe **v = kmalloc_array(n ? n : 1, sizeof(*v),
					     GFP_KERNEL);
	int i, k = 0;

	tapc_modnb_stop();
	mutex_lock(&tapc_mod_mutex);
	if (tapc_krp_tab == t) {
		tapc_krp_tab = NULL;
		tapc_krp_n = 0;
	}
	for (i = 0; i < n; i++) {
		if (!t[i].armed)
			continue;
		if (v)
			v[k++] = &t[i].rp;
		else
			unregister_kretprobe(&t[i].rp);
		t[i].armed = false;
	}
	mutex_unlock(&tapc_mod_mutex);
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

/*
 * Run-time address of symbol in the loaded module named module, or 0:
 * module globals and statics in generated target-variable code (their
 * link-time addresses in the .ko mean nothing).  The module list is
 * walked from our own entry (its head, a kernel variable, is not
 * exported); nodes outside the module area are that head.  Probe
 * handlers run with preemption disabled, which the RCU-sched protected
 * list and kallsyms need; the explicit disable covers other callers.
 */
unsigned long tapc_module_sym(const char *module, const char *symbol)
{
	struct module *mod;
	unsigned long v = 0;

	preempt_disable();
	list_for_each_entry_rcu(mod, &THIS_MODULE->list, list) {
		struct mod_kallsyms *ks;
		unsigned int i;

		if ((unsigned long)mod < MODULES_VADDR ||
		    (unsigned long)mod >= MODULES_END)
			continue;	/* the list head */
		if (mod->state == MODULE_STATE_UNFORMED ||
		    strcmp(mod->name, module))
			continue;
		ks = rcu_dereference_sched(mod->kallsyms);
		for (i = 1; ks && i < ks->num_symtab; i++)
			if (!strcmp(ks->strtab + ks->symtab[i].st_name, symbol)) {
				v = ks->symtab[i].st_value;
				break;
			}
		break;
	}
	preempt_enable();
	return v;
}
