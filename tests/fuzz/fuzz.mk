# libFuzzer harnesses (clang, ASan + UBSan).  Each tests/fuzz/fuzz_NAME.c
# includes the parser sources it tests, so it builds alone:
# FUZZERS += $(BUILD)/fuzz/fuzz_NAME.

FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I$(top)/include/uapi -I$(top)/engine -I$(top)/trainer -I$(BUILD)/gen -MMD -MP

FUZZERS += $(BUILD)/fuzz/fuzz_sc $(BUILD)/fuzz/fuzz_adfa

# The engine fuzzer includes the SIMD kernels, so it is one AVX2 binary:
# built where the CPU can run it (the engine's own tests cover the rest).
ifneq ($(shell grep -qm1 avx2 /proc/cpuinfo 2>/dev/null && echo y),)
FUZZERS += $(BUILD)/fuzz/fuzz_model
$(BUILD)/fuzz/fuzz_model: FUZZ_CFLAGS += -mavx2
endif

$(BUILD)/fuzz/fuzz_adfa: $(BUILD)/gen/syscalls_i386.h

$(BUILD)/fuzz/%: $(top)/tests/fuzz/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $*")
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $< -o $@
