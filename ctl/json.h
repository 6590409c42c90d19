/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_CTL_JSON_H
#define HIDS_CTL_JSON_H

#include <stdio.h>

/* Write s as a JSON string literal, escaped. */
void json_string(FILE *f, const char *s);

#endif
