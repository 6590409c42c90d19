/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_MAIN_H
#define HIDS_MAIN_H

#define HIDS_VERSION "0.1.0"

#endif /* HIDS_MAIN_H */
