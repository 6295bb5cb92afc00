// SPDX-License-Identifier: Apache-2.0
/* Must compile: the harness may use the oracle's internals (the control for the two above). */
#include "oracles/bits.h"

int dmar_layer_probe(void);
int dmar_layer_probe(void)
{
	return (int)DMAR_CAP_ND(0);
}
