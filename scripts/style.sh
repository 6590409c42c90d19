#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernel coding style gate: checkpatch --strict over the module, the code it
# shares with userspace, and the uapi headers.  Any warning fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/checkpatch-fetch.sh"
cd "$top"
files=$(ls kmod/*.[ch] kmod/conftest/*.c engine/*.[ch] include/uapi/linux/*.h 2>/dev/null |
	grep -v 'compat-generated.h\|\.mod\.c$')
status=0
for f in $files; do
	ignore=FILE_PATH_CHANGES
	# GCC vector types can only be named by a typedef (SIMD kernels).
	case $f in engine/dot_*.c) ignore=$ignore,NEW_TYPEDEFS ;; esac
	# Its ENOSYS is the entry code's answer to a bad call number, the one
	# meaning the check allows (the enforce test reads it).
	case $f in kmod/enforce.c) ignore=$ignore,ENOSYS ;; esac
	out=$(.cache/checkpatch/checkpatch.pl --strict --no-tree --terse --show-types \
		--ignore "$ignore" -f "$f" 2>&1) || { echo "$out"; status=1; }
done
n=$(echo "$files" | wc -w)
if [ $status -eq 0 ]; then
	echo "style: checkpatch --strict clean ($n files)"
else
	echo "style: checkpatch --strict found problems" >&2
fi
exit $status
