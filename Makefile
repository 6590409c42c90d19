# SPDX-License-Identifier: GPL-2.0
#
# hids top-level build.  `make` builds the module, hidsctl and hids-train;
# `make check` runs every test the README promises; `make bench` prints
# figures.  Userspace is one non-recursive make: each directory adds its
# own rules in a *.mk fragment.  The module is built by Kbuild in kmod/.

top := $(CURDIR)
# The fragments included below define rules first: plain `make` means all.
.DEFAULT_GOAL := all
include config.mk

# Kernel headers to build kmod/hids.ko against: the running kernel's where
# they are installed, else the cloud 6.1 test kernel's in the project cache.
KDIR ?= $(or $(wildcard /lib/modules/$(shell uname -r)/build),\
	     $(shell $(top)/scripts/kernels.sh kdir 6.1 2>/dev/null))

BINS        :=
UNIT_TESTS  :=
FUZZERS     :=
BENCHES     :=
# Seconds per fuzzer for `make fuzz` (make check runs a short smoke pass).
FUZZ_SECONDS ?= 60

# Libraries first (later fragments name their archives in prerequisites).
FRAGMENTS := engine/engine.mk trainer/trainer.mk
include $(FRAGMENTS)
include $(filter-out $(FRAGMENTS),$(sort $(wildcard */*.mk tests/*/*.mk)))

.PHONY: all kmod userspace setup check races unit vm style dkms-check demo bench \
	adfa fuzz clean install uninstall dkms-install deb deb-check

all: kmod userspace

userspace: $(BINS)

kmod:
	@test -n "$(KDIR)" || { echo "no kernel headers found: run scripts/setup.sh" >&2; exit 1; }
	$(Q)$(MAKE) -C kmod KDIR=$(KDIR) $(if $(Q),-s)

setup:
	$(Q)$(top)/scripts/setup.sh

# Everything, in order: setup, build (the benchmarks too, so they cannot
# rot unseen), style, DKMS, the Debian packages (built, installed,
# purged), unit tests, fuzz smoke,
# VM suite on the two Debian kernels, the debug lane (built once per
# machine, scripts/debug-kernel.sh) and the PREEMPT_RT lane, the real
# scenario on both Debian kernels, the hids package booted with systemd
# on both, and last a check that all of it (setup
# included) left /boot and the machine's services alone; one reliability
# line per VM lane and one summary line at the end.
check:
	$(Q)$(top)/scripts/host-footprint.sh save
	$(Q)$(top)/scripts/setup.sh
	$(Q)$(MAKE) --no-print-directory all $(UNIT_TESTS) $(FUZZERS) $(BENCHES)
	$(Q)$(top)/tests/run.sh script:style script:dkms-check script:deb-check $(UNIT_TESTS:%=unit:%) \
		$(FUZZERS:%=fuzz:%) vm:6.1 vm:6.12 vm:debug vm:rt scenario:6.1 scenario:6.12 \
		boot:6.1 boot:6.12 script:host-footprint

# The stress and race tests, RACE_ROUNDS rounds in a row in one boot of
# each lane (default 10), every lane with real parallel vCPUs: what
# "passes repeatedly" means here.
RACE_ROUNDS ?= 10
races: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)RACE_ROUNDS=$(RACE_ROUNDS) $(top)/tests/run.sh races:6.1 races:6.12 races:debug

unit: $(UNIT_TESTS)
	$(Q)$(top)/tests/run.sh $(UNIT_TESTS:%=unit:%)

vm: all
	$(Q)$(top)/tests/run.sh vm:6.1 vm:6.12 vm:debug vm:rt scenario:6.1 scenario:6.12

style:
	$(Q)$(top)/scripts/style.sh

dkms-check:
	$(Q)$(top)/scripts/dkms-check.sh

# The ADFA-LD quality run (long; not part of check): build/adfa/report.*
adfa: userspace
	$(Q)$(top)/scripts/adfa.sh

demo:
	$(Q)$(top)/scripts/host-footprint.sh save
	$(Q)$(top)/scripts/setup.sh
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(top)/scripts/demo.sh
	$(Q)$(top)/scripts/host-footprint.sh

bench:
	$(Q)$(top)/scripts/setup.sh bench
	$(Q)$(MAKE) --no-print-directory all $(BENCHES)
	$(Q)$(top)/scripts/bench.sh $(BENCHES)

fuzz: $(FUZZERS)
	$(Q)$(top)/tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

# Installation: the tools, their man pages, systemd units, an example
# configuration and bash completion, under DESTDIR (staging) and PREFIX.
# The module is installed by DKMS (make dkms-install) or a package.
PREFIX     ?= /usr/local
SBINDIR    ?= $(PREFIX)/sbin
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
UNITDIR    ?= $(PREFIX)/lib/systemd/system
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
UNITS      := hids.service hids-monitor.service

install: userspace
	install -D -m 755 ctl/hidsctl $(DESTDIR)$(SBINDIR)/hidsctl
	install -D -m 755 trainer/hids-train $(DESTDIR)$(BINDIR)/hids-train
	install -D -m 644 ctl/hidsctl.8 $(DESTDIR)$(MANDIR)/man8/hidsctl.8
	install -D -m 644 ctl/hids.conf.5 $(DESTDIR)$(MANDIR)/man5/hids.conf.5
	install -D -m 644 trainer/hids-train.1 $(DESTDIR)$(MANDIR)/man1/hids-train.1
	install -d $(DESTDIR)$(UNITDIR)
	$(foreach u,$(UNITS),sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
		etc/$(u).in > $(DESTDIR)$(UNITDIR)/$(u) && chmod 644 $(DESTDIR)$(UNITDIR)/$(u);)
	install -D -m 644 etc/hids.conf $(DESTDIR)$(SYSCONFDIR)/hids/hids.conf.example
	test -e $(DESTDIR)$(SYSCONFDIR)/hids/hids.conf || \
		install -m 600 etc/hids.conf $(DESTDIR)$(SYSCONFDIR)/hids/hids.conf
	install -D -m 644 etc/hidsctl.bash-completion $(DESTDIR)$(COMPLETIONDIR)/hidsctl

# What install put there, but an edited hids.conf (the operator's).
uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/hidsctl $(DESTDIR)$(BINDIR)/hids-train \
		$(DESTDIR)$(MANDIR)/man8/hidsctl.8 $(DESTDIR)$(MANDIR)/man5/hids.conf.5 \
		$(DESTDIR)$(MANDIR)/man1/hids-train.1 $(UNITS:%=$(DESTDIR)$(UNITDIR)/%) \
		$(DESTDIR)$(SYSCONFDIR)/hids/hids.conf.example $(DESTDIR)$(COMPLETIONDIR)/hidsctl
	cmp -s etc/hids.conf $(DESTDIR)$(SYSCONFDIR)/hids/hids.conf && \
		rm -f $(DESTDIR)$(SYSCONFDIR)/hids/hids.conf || true

# The module's source to /usr/src/hids-VERSION, built and installed by
# DKMS for the running kernel (and rebuilt for every kernel installed later).
dkms-install:
	rm -rf $(DESTDIR)/usr/src/hids-$(HIDS_VERSION)
	$(top)/scripts/module-source.sh $(DESTDIR)/usr/src/hids-$(HIDS_VERSION)
	dkms add -m hids -v $(HIDS_VERSION)
	dkms install -m hids -v $(HIDS_VERSION)

# Debian packages hids (tools, units, man pages) and hids-dkms (module
# source), built with dpkg-buildpackage from a copy of the tree: build/deb/.
deb:
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/src
	git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t $(BUILD)/deb/src
	cd $(BUILD)/deb/src && dpkg-buildpackage -b -us -uc >../build.log 2>&1 || \
		{ tail -n 30 ../build.log; exit 1; }
	rm -rf $(BUILD)/deb/src
	@ls $(BUILD)/deb/*.deb

# Build, install, check and purge the packages on this machine.
deb-check:
	$(Q)$(top)/scripts/deb-check.sh

clean:
	$(Q)$(MAKE) -C kmod KDIR=$(KDIR) clean >/dev/null 2>&1 || true
	$(Q)rm -rf $(BUILD) $(BINS) bench.json

-include $(shell find $(BUILD) -name rootfs -prune -o -name '*.d' -type f -print 2>/dev/null)
