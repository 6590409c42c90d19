# hids-train: every trainer/*.c but main.c goes into one archive that the
# tool, the unit tests, the fuzzers and the benchmarks link.

TRAINER_SRCS := $(filter-out trainer/main.c,$(sort $(wildcard trainer/*.c)))
TRAINER_OBJS := $(call objs,,$(TRAINER_SRCS))
TRAINER_LIB  := $(BUILD)/libhids-trainer.a
TRAINER_LIBS := $(shell pkg-config --libs libzip babeltrace2 2>/dev/null) -lzstd -lz -lopenblas -lm -lpthread

# Syscall name tables generated from the installed uapi headers (i386 for
# ADFA-LD, x86_64 for live recordings); never committed.
SYSCALL_TABLES := $(BUILD)/gen/syscalls_x86_64.h $(BUILD)/gen/syscalls_i386.h
$(BUILD)/gen/syscalls_%.h: scripts/gen-syscall-table.sh
	@mkdir -p $(dir $@)
	$(Q)scripts/gen-syscall-table.sh $* > $@.tmp && mv $@.tmp $@

$(TRAINER_OBJS) $(BUILD)/trainer/main.o: $(SYSCALL_TABLES)
$(TRAINER_OBJS) $(BUILD)/trainer/main.o: CFLAGS += -I$(BUILD)/gen

$(TRAINER_LIB): $(TRAINER_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(AR) rcs $@ $^

trainer/hids-train: $(BUILD)/trainer/main.o $(TRAINER_LIB) $(ENGINE_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TRAINER_LIBS)

BINS += trainer/hids-train
