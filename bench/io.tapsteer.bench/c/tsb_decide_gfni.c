/*
 * The C steering decision with DPDK's GFNI Toeplitz (rte_thash_gfni, inline from Debian's dpdk-dev
 * headers; its matrices from rte_thash_complete_matrix of librte_hash): the tuple is gathered into
 * one buffer (addresses, then ports) and hashed with one call, as DPDK applications do. Compiled
 * only where the CPU has GFNI and AVX-512 (-march=native), linked with -lrte_hash. See tsb_decision_main.h for the input,
 * the output and the checks.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <rte_thash.h>

#ifndef RTE_THASH_GFNI_DEFINED
#error "rte_thash_gfni needs a compiler target with GFNI and AVX-512"
#endif

static uint64_t tsb_matrices[40];

static inline __attribute__((always_inline)) uint32_t tsb_tuple_hash(const uint8_t *addresses, int len, const uint8_t *ports)
{
	uint8_t tuple[40];
	memcpy(tuple, addresses, len);
	if (ports) {
		memcpy(tuple + len, ports, 4);
		return rte_thash_gfni(tsb_matrices, tuple, len + 4);
	}
	return rte_thash_gfni(tsb_matrices, tuple, len);
}

#include "tsb_decision_main.h"

static int tsb_setup(const uint8_t *key, const char **why)
{
	(void)why; /* the harness compiles this program only where the CPU has GFNI and AVX-512; Debian's
		    * librte_hash is built for a generic target, so rte_thash_gfni_supported() says no */
	rte_thash_complete_matrix(tsb_matrices, key, 40);
	return 0;
}
