# Programs that run inside the test VM.  Static where they need no library;
# the rest are copied with their shared libraries by tests/vm/run.sh.

VM_STATIC  := hammer runas replay execer burster int80 escaper uring dropper sigret
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

# score: the userspace engine inside the guest, static (engine only).
$(BUILD)/vm/progs/score: tests/vm/progs/score.c $(BUILD)/trainer/modelfile.o $(ENGINE_LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      vm/score")
	$(Q)$(CC) $(CFLAGS) -static -o $@ $^

# vmdata: runs on the host, writes the models and call lists the suite needs.
VM_HOST := $(BUILD)/vm/host/vmdata
$(VM_HOST): tests/vm/host/vmdata.c $(TRAINER_LIB) $(ENGINE_LIB) $(SYSCALL_TABLES)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      vm/host/vmdata")
	$(Q)$(CC) $(CFLAGS) -I$(BUILD)/gen -I$(top)/tests -o $@ $< $(TRAINER_LIB) $(ENGINE_LIB) $(TRAINER_LIBS)

VM_PROGS += $(BUILD)/vm/progs/score

.PHONY: vm-progs
vm-progs: $(VM_PROGS) $(VM_HOST) ctl/hidsctl
