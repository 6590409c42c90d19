# hidsctl: ctl/*.c, talking to the module through libnl-genl-3.

CTL_SRCS   := $(sort $(wildcard ctl/*.c))
CTL_OBJS   := $(call objs,,$(CTL_SRCS))
NL_CFLAGS  := $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3)
NL_LIBS    := $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null || echo -lnl-genl-3 -lnl-3)

$(CTL_OBJS): CFLAGS += $(NL_CFLAGS) -I$(BUILD)/gen
$(CTL_OBJS): $(BUILD)/gen/syscalls_x86_64.h $(BUILD)/gen/syscalls_i386.h \
	$(BUILD)/gen/syscalls_x32.h $(BUILD)/gen/syscalls_io_uring.h

# The .sc writer is shared with hids-train's reader, the model loader and
# validator with the kernel, the JSON escaper with hids-train's reports.
CTL_OBJS += $(BUILD)/trainer/sc.o $(BUILD)/trainer/modelfile.o $(BUILD)/trainer/json_writer.o
$(CTL_OBJS): CFLAGS += -I$(top)/trainer

ctl/hidsctl: $(CTL_OBJS) $(ENGINE_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(ENGINE_LIB) $(NL_LIBS) -lzstd -lz -lm

BINS += ctl/hidsctl
