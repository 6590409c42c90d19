# Each tests/unit/test_*.c is one TAP-producing binary linked against the
# trainer and engine archives (and libnl for ctl tests).

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_TESTS += $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRCS))

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(TRAINER_LIB) $(ENGINE_LIB)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TRAINER_LIBS)

$(patsubst %.c,$(BUILD)/%.o,$(UNIT_SRCS)): CFLAGS += -I$(top)/tests -I$(BUILD)/gen
$(patsubst %.c,$(BUILD)/%.o,$(UNIT_SRCS)): $(SYSCALL_TABLES)

# hidsctl's syscall tables.
$(BUILD)/tests/unit/test_syscall_names: $(BUILD)/ctl/options.o
$(BUILD)/tests/unit/test_syscall_names.o: CFLAGS += -I$(top)/ctl $(NL_CFLAGS)
$(BUILD)/tests/unit/test_syscall_names.o: $(BUILD)/gen/syscalls_x32.h $(BUILD)/gen/syscalls_io_uring.h

# hidsctl record's compressed writer, read back by hids-train's reader.
$(BUILD)/tests/unit/test_read_sc: $(BUILD)/ctl/sc_output.o
$(BUILD)/tests/unit/test_read_sc.o: CFLAGS += -I$(top)/ctl
