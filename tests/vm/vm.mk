# Programs that run inside the test VM.  Static where they need no library;
# the rest are copied with their shared libraries by tests/vm/run.sh.

VM_STATIC  := hammer runas replay
VM_DYNAMIC := genl_ops
VM_PROGS   := $(addprefix $(BUILD)/vm/progs/,$(VM_STATIC) $(VM_DYNAMIC))

$(addprefix $(BUILD)/vm/progs/,$(VM_STATIC)): $(BUILD)/vm/progs/%: tests/vm/progs/%.c $(BUILD)/gen/syscalls_x86_64.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      vm/$*")
	$(Q)$(CC) $(CFLAGS) -I$(BUILD)/gen -static -pthread -o $@ $<

$(BUILD)/vm/progs/genl_ops: tests/vm/progs/genl_ops.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      vm/genl_ops")
	$(Q)$(CC) $(CFLAGS) $(NL_CFLAGS) -o $@ $< $(NL_LIBS)

.PHONY: vm-progs
vm-progs: $(VM_PROGS) ctl/hidsctl
