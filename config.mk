# Userspace build settings shared by every fragment (*.mk) of the top Makefile.
# Objects go under build/, never beside the sources: the kernel build owns
# *.o in the source tree.

CC       ?= gcc
CLANG    ?= clang
OPTFLAGS ?= -O2
CFLAGS   := $(OPTFLAGS) -g -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	    -fno-strict-aliasing -I$(top)/include/uapi -I$(top)/engine -I$(top)/trainer \
	    -MMD -MP
LDFLAGS  ?=
BUILD    := $(top)/build

ifeq ($(V),1)
Q :=
else
Q := @
endif

# $(call objs,dir,sources) -> build/dir/x.o ...
objs = $(patsubst %.c,$(BUILD)/%.o,$(2))

$(BUILD)/%.o: $(top)/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $*.o")
	$(Q)$(CC) $(CFLAGS) $(CFLAGS_$(notdir $*)) -c $< -o $@
