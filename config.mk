# Userspace build settings shared by every fragment (*.mk) of the top Makefile.
# Objects go under build/, never beside the sources: the kernel build owns
# *.o in the source tree.

CC       ?= gcc
CLANG    ?= clang
OPTFLAGS ?= -O2
CFLAGS   := $(OPTFLAGS) -g -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	    -fno-strict-aliasing -I$(top)/include/uapi -I$(top)/engine -I$(top)/trainer \
	    -MMD -MP
# The release, one number for module, tools and packages (kmod/main.h).
HIDS_VERSION := $(shell sed -n 's/^\#define HIDS_VERSION "\(.*\)"/\1/p' $(top)/kmod/main.h)
CFLAGS   += -DHIDS_VERSION='"$(HIDS_VERSION)"'
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
