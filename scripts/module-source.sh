#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# module-source.sh DEST: the module's source as DKMS builds it -- dkms.conf,
# kmod/, engine/, include/, scripts/ -- the tracked and new files only,
# never build output, into DEST (make dkms-install, dkms-check.sh).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:?usage: module-source.sh DEST}
mkdir -p "$dest"
cd "$top"
git ls-files -z --cached --others --exclude-standard dkms.conf kmod engine include scripts |
	xargs -0 cp --parents -t "$dest"
