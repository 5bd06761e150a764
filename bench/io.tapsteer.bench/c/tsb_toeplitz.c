/*
 * Toeplitz baseline: the byte-table method (one 256-entry table of 32-bit words per tuple byte
 * position, precomputed from the key), the hash fully unrolled per tuple length (#pragma GCC
 * unroll: gcc's -funroll-loops alone unrolls the 36-byte loop only partly and keeps index
 * arithmetic per byte), hashing the same tuples the Java side hashes. Compiled with -DTSB_GFNI
 * (where the CPU has GFNI and AVX-512) it hashes with DPDK's rte_thash_gfni instead, as context.
 * Input file: 40-byte key, u32 LE tuple length L, u32 LE count N, then N tuples of L bytes.
 * Usage: tsb_toeplitz FILE ROUNDS
 * Prints: hashes=N*ROUNDS ns=E cpu_ns=C sum=S
 *   (E wall time, C this thread's CPU time: on a shared machine C is the fair figure;
 *    S: wrapping sum of one pass's hashes, to check both sides hash alike)
 */
#define _GNU_SOURCE
#include "tsb_common.h"

#define KEY_LEN 40
#define MAX_TUPLE 36

#ifdef TSB_GFNI
#include <rte_thash.h>
static uint64_t matrices[KEY_LEN];
#endif
static uint32_t table[MAX_TUPLE][256];

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

static void build_tables(const uint8_t *key, int len)
{
	for (int pos = 0; pos < len; pos++)
		for (int v = 0; v < 256; v++) {
			uint32_t h = 0;
			for (int bit = 0; bit < 8; bit++)
				if (v & (0x80 >> bit))
					h ^= key_window(key, pos * 8 + bit);
			table[pos][v] = h;
		}
}

static inline __attribute__((always_inline)) uint32_t toeplitz(const uint8_t *t, int len)
{
#ifdef TSB_GFNI
	return rte_thash_gfni(matrices, t, len);
#else
	uint32_t h = 0;
#pragma GCC unroll 36
	for (int i = 0; i < len; i++)
		h ^= table[i][t[i]];
	return h;
#endif
}

static inline __attribute__((always_inline)) uint32_t passes(const uint8_t *tuples, uint32_t count, int len, long rounds)
{
	uint32_t all = 0;
	for (long r = 0; r < rounds; r++) {
		uint32_t acc = 0;
		for (uint32_t i = 0; i < count; i++)
			acc ^= toeplitz(tuples + (size_t)i * len, len);
		all ^= acc;
	}
	return all;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: tsb_toeplitz FILE ROUNDS\n");
		return 2;
	}
	long rounds = tsb_arg(argv, 2, 1, 1000000000L, "ROUNDS");
	FILE *f = fopen(argv[1], "rb");
	if (!f)
		tsb_die(argv[1]);
	uint8_t key[KEY_LEN], hdr[8];
	if (fread(key, 1, KEY_LEN, f) != KEY_LEN || fread(hdr, 1, 8, f) != 8) {
		fprintf(stderr, "%s: too short for a key and a header\n", argv[1]);
		return 1;
	}
	uint32_t len = hdr[0] | hdr[1] << 8 | hdr[2] << 16 | (uint32_t)hdr[3] << 24;
	uint32_t count = hdr[4] | hdr[5] << 8 | hdr[6] << 16 | (uint32_t)hdr[7] << 24;
	if (len < 1 || len > MAX_TUPLE || count < 1 || count > 1u << 24) {
		fprintf(stderr, "%s: tuple length %u (1..%d) or count %u (1..2^24) out of range\n", argv[1], len, MAX_TUPLE, count);
		return 1;
	}
	uint8_t *tuples = malloc((size_t)len * count);
	if (!tuples || fread(tuples, len, count, f) != count) {
		fprintf(stderr, "%s: fewer than %u tuples\n", argv[1], count);
		return 1;
	}
	fclose(f);
	build_tables(key, (int)len);
#ifdef TSB_GFNI
	rte_thash_complete_matrix(matrices, key, KEY_LEN);
#endif

	uint32_t sum = 0;
	for (uint32_t i = 0; i < count; i++)
		sum += toeplitz(tuples + (size_t)i * len, (int)len);
	/* the hashing loop is instantiated per tuple length, so the compiler sees a constant length and
	 * unrolls: the strongest plain-C form of the byte-table method */
	volatile uint32_t sink = 0;
	struct timespec c0, c1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	uint64_t start = tsb_now();
	if (len == 12)
		sink ^= passes(tuples, count, 12, rounds);
	else if (len == 36)
		sink ^= passes(tuples, count, 36, rounds);
	else
		sink ^= passes(tuples, count, (int)len, rounds);
	uint64_t end = tsb_now();
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	uint64_t cpu = (uint64_t)(c1.tv_sec - c0.tv_sec) * 1000000000ull + (uint64_t)c1.tv_nsec - (uint64_t)c0.tv_nsec;
	printf("hashes=%ld ns=%llu cpu_ns=%llu sum=%u\n", rounds * (long)count, (unsigned long long)(end - start),
	       (unsigned long long)cpu, sum);
	free(tuples);
	return 0;
}
