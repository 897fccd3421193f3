// SPDX-License-Identifier: GPL-2.0-or-later
#include "dwarf/dwarf.h"
int dwarf_gen(struct dw_kernel *dw, const char *spec, const char *outc);
int dwarf_gen(struct dw_kernel *dw, const char *spec, const char *outc)
{
	return 1;
}
