# Shared integer engine and model validator, built for userspace into one
# archive.  The same .c files are compiled into hids.ko by kmod/Kbuild.
# dot_sse2.c and dot_avx2.c alone get SIMD flags; callers pick the ISA at run time.

ENGINE_SRCS := $(sort $(wildcard engine/*.c))
ENGINE_OBJS := $(call objs,,$(ENGINE_SRCS))
ENGINE_LIB  := $(BUILD)/libhids-engine.a

CFLAGS_dot_avx2 := -mavx2
CFLAGS_dot_sse2 := -msse2

$(ENGINE_LIB): $(ENGINE_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(AR) rcs $@ $^
