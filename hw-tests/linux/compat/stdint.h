/* SPDX-License-Identifier: Apache-2.0 */
/* In the kernel the freestanding core's <stdint.h> comes from the kernel's own types. */
#ifndef DMARFUZZ_COMPAT_STDINT_H
#define DMARFUZZ_COMPAT_STDINT_H
#include <linux/types.h>
#include <linux/stddef.h>
#endif
