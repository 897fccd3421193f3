# SPDX-License-Identifier: GPL-2.0-or-later
#
# tapc - a SystemTap-style tracing compiler.
#
#   make deps     install build/test dependencies (apt-get) and fetch the
#                 reference guest kernel into the cache (idempotent)
#   make          build ./tapc (translator) and ./taprun (loader)
#   make demo     deps + build + run examples/kprocess.stp in a guest kernel
#   make check    deps + build + the whole DejaGnu testsuite
#   make check-asan  the testsuite with tapc/taprun built under ASan/UBSan
#   make fuzz     build and run the parser fuzzer (clang, libFuzzer)
#   make bench    benchmarks (ratios against baselines of the same run)
#   make install PREFIX=/usr/local

PREFIX  ?= /usr/local
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wno-unused-parameter
STD     := -std=c11 -D_GNU_SOURCE
BUILD   ?= build
SAN     ?=

DATADIR := $(PREFIX)/share/tapc
BINDIR  := $(PREFIX)/bin

# ---- translator -------------------------------------------------------------
TR_SRCS := $(sort $(wildcard translator/*.c translator/*/*.c))
TR_GEN  := $(BUILD)/parse/grammar.tab.c $(BUILD)/parse/lexer.yy.c
TR_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(TR_SRCS)) \
	   $(BUILD)/parse/grammar.tab.o $(BUILD)/parse/lexer.yy.o
TR_LIBS := -ldw -lelf

# ---- loader -----------------------------------------------------------------
LD_SRCS := $(sort $(wildcard runtime/loader/*.c))
LD_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(LD_SRCS))
# taprun is linked statically when SAN is empty so that it runs inside the
# busybox guest without shared libraries.
LD_STATIC := $(if $(SAN),,-static)

ALL_CFLAGS = $(STD) $(WARN) $(CFLAGS) $(SAN) -MMD -MP \
	     -I translator -I $(BUILD)/parse -iquote translator/parse \
	     -DTAPC_DATADIR='"$(DATADIR)"'

.PHONY: all deps demo check check-asan fuzz bench install clean distclean

# the loader shares runtime/session.h with the kernel side
$(LD_OBJS): ALL_CFLAGS += -iquote runtime

all: tapc taprun

tapc: $(TR_OBJS)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(TR_LIBS)

taprun: $(LD_OBJS)
	$(CC) $(CFLAGS) $(SAN) $(LD_STATIC) -o $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/parse/grammar.tab.c $(BUILD)/parse/grammar.tab.h: translator/parse/grammar.y
	@mkdir -p $(dir $@)
	bison -Wall -Werror --defines=$(BUILD)/parse/grammar.tab.h -o $(BUILD)/parse/grammar.tab.c $<

$(BUILD)/parse/lexer.yy.c: translator/parse/lexer.l $(BUILD)/parse/grammar.tab.h
	@mkdir -p $(dir $@)
	flex -o $@ $<

# generated sources: no -Werror noise from flex/bison internals
$(BUILD)/parse/%.o: $(BUILD)/parse/%.c
	$(CC) $(STD) $(CFLAGS) $(SAN) -Wall -I translator -I translator/parse -I $(BUILD)/parse -c -o $@ $<

# everything that includes the generated parser header waits for it
$(patsubst %.c,$(BUILD)/%.o,$(wildcard translator/parse/*.c)): $(BUILD)/parse/grammar.tab.h

deps:
	@runtime/vm/setup-deps

demo: deps all
	./tapc --vm -c 'sh /etc/tapc-demo-workload' examples/kprocess.stp

check: deps all
	@testsuite/run-suite

check-asan:
	$(MAKE) clean-objs
	$(MAKE) all SAN='-fsanitize=address,undefined -fno-omit-frame-pointer' BUILD=build-asan
	TAPC_SAN=1 testsuite/run-suite
	$(MAKE) clean-objs

fuzz:
	@testsuite/fuzz/run-fuzz

bench: deps all
	@testsuite/bench/run-bench

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -m 755 tapc taprun $(DESTDIR)$(BINDIR)
	cp -r tapset runtime $(DESTDIR)$(DATADIR)/
	rm -rf $(DESTDIR)$(DATADIR)/runtime/loader

.PHONY: clean-objs
clean-objs:
	rm -f tapc taprun

clean:
	rm -rf $(BUILD) build-asan tapc taprun testsuite/*.log testsuite/*.sum testsuite/out

-include $(TR_OBJS:.o=.d) $(LD_OBJS:.o=.d)
