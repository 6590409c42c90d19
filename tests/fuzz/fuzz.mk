# libFuzzer harnesses (clang, ASan + UBSan).  Each tests/fuzz/fuzz_NAME.c
# includes the parser sources it tests, so it builds alone:
# FUZZERS += $(BUILD)/fuzz/fuzz_NAME.

FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I$(top)/include/uapi -I$(top)/engine -I$(top)/trainer -I$(BUILD)/gen -MMD -MP

FUZZERS += $(BUILD)/fuzz/fuzz_sc $(BUILD)/fuzz/fuzz_adfa

$(BUILD)/fuzz/fuzz_adfa: $(BUILD)/gen/syscalls_i386.h

$(BUILD)/fuzz/%: $(top)/tests/fuzz/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $*")
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $< -o $@
