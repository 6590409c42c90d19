/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_PROBES_H
#define HIDS_PROBES_H

int hids_probes_register(void);
void hids_probes_unregister(void);

#endif /* HIDS_PROBES_H */
