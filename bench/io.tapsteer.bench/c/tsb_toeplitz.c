/*
 * Toeplitz baseline: the byte-table method (one 256-entry table of 32-bit words per tuple byte
 * position, precomputed from the key), hashing the same tuples the Java side hashes.
 * Input file: 40-byte key, u32 LE tuple length L, u32 LE count N, then N tuples of L bytes.
 * Usage: tsb_toeplitz FILE ROUNDS
 * Prints: hashes=N*ROUNDS ns=E sum=S   (S: wrapping sum of one pass's hashes, to check equality)
 */
#define _GNU_SOURCE
#include "tsb_common.h"

#define KEY_LEN 40
#define MAX_TUPLE 36

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

static inline uint32_t toeplitz(const uint8_t *t, int len)
{
	uint32_t h = 0;
	for (int i = 0; i < len; i++)
		h ^= table[i][t[i]];
	return h;
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

	uint32_t sum = 0;
	for (uint32_t i = 0; i < count; i++)
		sum += toeplitz(tuples + (size_t)i * len, (int)len);
	volatile uint32_t sink = 0;
	uint64_t start = tsb_now();
	for (long r = 0; r < rounds; r++) {
		uint32_t acc = 0;
		for (uint32_t i = 0; i < count; i++)
			acc ^= toeplitz(tuples + (size_t)i * len, (int)len);
		sink ^= acc;
	}
	uint64_t end = tsb_now();
	printf("hashes=%ld ns=%llu sum=%u\n", rounds * (long)count, (unsigned long long)(end - start), sum);
	free(tuples);
	return 0;
}
