# Benchmarks: each prints "BENCH key=value" lines that scripts/bench.sh
# gathers into bench.json.

BENCHES += $(BUILD)/bench/engine_bench

$(BUILD)/bench/engine_bench: $(BUILD)/bench/engine_bench.o $(TRAINER_LIB) $(ENGINE_LIB)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TRAINER_LIBS)

# hotpath_bench: the module's own probe, thread, slot and scorer code
# (kmod/ files, unchanged) built for userspace against bench/kshim:
# kshim.h is force-included and every kernel header those files name is
# an empty file under build/bench/kshim/include (except the uapi headers
# userspace has: errno values, types, hids).
HOTPATH_KMOD  := probes threads scorer slots model stats mem neg_cache
KSHIM_INC     := $(BUILD)/bench/kshim/include
KSHIM_HEADERS := $(filter-out linux/types.h linux/errno.h linux/hids.h linux/hids_model.h, \
	$(sort $(shell sed -n 's/^.include <\(.*\)>/\1/p' \
		$(HOTPATH_KMOD:%=$(top)/kmod/%.c) $(top)/kmod/*.h)))
KSHIM_STUBS   := $(addprefix $(KSHIM_INC)/,$(KSHIM_HEADERS))
# The kernel's build does not warn on sign comparisons; -Wextra would.
KSHIM_CFLAGS  := -iquote $(top)/kmod -I$(KSHIM_INC) -include $(top)/bench/kshim/kshim.h \
	-Wno-sign-compare
HOTPATH_OBJS  := $(HOTPATH_KMOD:%=$(BUILD)/bench/kmod/%.o) $(BUILD)/bench/kshim/kshim.o \
	$(BUILD)/bench/hotpath_glue.o

$(KSHIM_STUBS):
	@mkdir -p $(dir $@)
	$(Q)echo '/* empty: bench/kshim/kshim.h, force-included, defines the API */' > $@

$(BUILD)/bench/kmod/%.o: $(top)/kmod/%.c | $(KSHIM_STUBS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      bench/kmod/$*.o")
	$(Q)$(CC) $(CFLAGS) $(KSHIM_CFLAGS) -c $< -o $@

$(BUILD)/bench/kshim/kshim.o $(BUILD)/bench/hotpath_glue.o: CFLAGS += $(KSHIM_CFLAGS)
$(BUILD)/bench/kshim/kshim.o $(BUILD)/bench/hotpath_glue.o: | $(KSHIM_STUBS)
$(BUILD)/bench/hotpath_bench.o: CFLAGS += -I$(BUILD)/gen -I$(top)/tests
$(BUILD)/bench/hotpath_bench.o: $(SYSCALL_TABLES)

BENCHES += $(BUILD)/bench/hotpath_bench

$(BUILD)/bench/hotpath_bench: $(BUILD)/bench/hotpath_bench.o $(HOTPATH_OBJS) $(TRAINER_LIB) \
		$(ENGINE_LIB)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TRAINER_LIBS)

# Scripts are benchmarks too: the getppid loop in a VM (vm_bench.sh), hids
# beside auditd, bpftrace, LTTng and Falco's driver in one (vm_peers.sh), and
# training throughput (train_bench.sh builds train_bench and runs it beside
# bench/train_torch.py).
BENCHES += $(top)/bench/vm_bench.sh $(top)/bench/vm_peers.sh $(top)/bench/train_bench.sh

$(BUILD)/bench/train_bench: $(BUILD)/bench/train_bench.o $(TRAINER_LIB) $(ENGINE_LIB)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TRAINER_LIBS)
