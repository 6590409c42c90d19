# Shared integer engine and model validator, built for userspace into one
# archive.  The same .c files are compiled into hids.ko by kmod/Kbuild.
# lstm_avx2.c alone is built with AVX2 enabled; callers pick it at run time.

ENGINE_SRCS := $(sort $(wildcard engine/*.c))
ENGINE_OBJS := $(call objs,,$(ENGINE_SRCS))
ENGINE_LIB  := $(BUILD)/libhids-engine.a

CFLAGS_lstm_avx2 := -mavx2

$(ENGINE_LIB): $(ENGINE_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(AR) rcs $@ $^
