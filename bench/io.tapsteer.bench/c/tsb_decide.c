/*
 * The C steering decision with byte tables (one 256-entry table of 32-bit words per tuple byte
 * position, precomputed from the key), every hash fully unrolled (#pragma GCC unroll): two
 * instructions per tuple byte, the strongest plain-C form. See tsb_decision_main.h for the input,
 * the output and the checks.
 */
#define _GNU_SOURCE
#include <stdint.h>

static uint32_t tsb_table[36][256];

static inline __attribute__((always_inline)) uint32_t tsb_tuple_hash(const uint8_t *addresses, int len, const uint8_t *ports)
{
	uint32_t h = 0;
#pragma GCC unroll 32
	for (int i = 0; i < len; i++)
		h ^= tsb_table[i][addresses[i]];
	if (ports) {
#pragma GCC unroll 4
		for (int i = 0; i < 4; i++)
			h ^= tsb_table[len + i][ports[i]];
	}
	return h;
}

#include "tsb_decision_main.h"

/* The 32 key bits starting at bit `bit` (bit 0 = most significant bit of key[0]). */
static uint32_t key_window(const uint8_t *key, int bit)
{
	uint32_t w = 0;
	for (int i = 0; i < 32; i++) {
		int b = bit + i;
		w = w << 1 | ((key[b / 8] >> (7 - b % 8)) & 1);
	}
	return w;
}

static int tsb_setup(const uint8_t *key, const char **why)
{
	(void)why;
	for (int pos = 0; pos < 36; pos++)
		for (int v = 0; v < 256; v++) {
			uint32_t h = 0;
			for (int bit = 0; bit < 8; bit++)
				if (v & (0x80 >> bit))
					h ^= key_window(key, pos * 8 + bit);
			tsb_table[pos][v] = h;
		}
	return 0;
}
