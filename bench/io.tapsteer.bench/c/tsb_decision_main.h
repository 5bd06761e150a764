/*
 * The timed loop of the decision programs: the steering decision of prebuilt frames in batches of
 * 64, as a poller decides a batch, after checking the hash against the Microsoft vectors and the
 * decisions against the checksum the Java side computed from its reference.
 * The including program defines tsb_hash (see tsb_decision.h) and
 *   static int tsb_setup(const uint8_t *key, const char **why);  (0 when it can run here)
 * Input file (little endian): 40-byte key, u32 frames N, u32 slot bytes S, u32 hash types,
 *   u32 unclassified queue, u32 table size T (a power of two), T u32 queues, N u32 lengths, N*S bytes.
 * Usage: PROGRAM FILE PASSES
 * Prints: decisions=N*PASSES ns=E cpu_ns=C sum=K
 *   (E wall time, C this thread's CPU time; K the wrapping sum over one pass of
 *    hash + queue * 0x9e3779b1 + report * 0x85ebca6b, to check both sides decide alike)
 */
#ifndef TSB_DECISION_MAIN_H
#define TSB_DECISION_MAIN_H

#include "tsb_common.h"
#include "tsb_decision.h"

#define TSB_BATCH 64

static int tsb_setup(const uint8_t *key, const char **why);

static uint32_t tsb_u32le(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint8_t *tsb_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		tsb_die(path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *b = malloc((size_t)n);
	if (!b || fread(b, 1, (size_t)n, f) != (size_t)n)
		tsb_die(path);
	fclose(f);
	*size = (size_t)n;
	return b;
}

struct tsb_frames {
	uint32_t n, slot, types, unclassified, mask;
	const uint32_t *table; /* aligned copies */
	const uint32_t *lengths;
	const uint8_t *bytes;
};

/* One pass over every frame, batch by batch; the queues go to lanes as a poller's would. */
static inline __attribute__((always_inline)) uint32_t tsb_pass(const struct tsb_frames *fr, uint32_t *lanes)
{
	uint32_t acc = 0;
	for (uint32_t b = 0; b < fr->n; b += TSB_BATCH) {
		const uint8_t *f = fr->bytes + (size_t)b * fr->slot;
		for (int i = 0; i < TSB_BATCH; i++) {
			uint32_t h = 0;
			int report = tsb_decide(f + (size_t)i * fr->slot, fr->lengths[b + i], fr->types, &h);
			uint32_t q = report ? fr->table[h & fr->mask] : fr->unclassified;
			lanes[i] = q;
			acc += h;
		}
		acc ^= lanes[TSB_BATCH - 1];
	}
	return acc;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s FILE PASSES\n", argv[0]);
		return 2;
	}
	long passes = tsb_arg(argv, 2, 1, 1000000000L, "PASSES");
	size_t size;
	uint8_t *file = tsb_read_file(argv[1], &size);
	if (size < TSB_KEY_LEN + 20) {
		fprintf(stderr, "%s: too short for a key and a header\n", argv[1]);
		return 1;
	}
	const uint8_t *p = file + TSB_KEY_LEN;
	struct tsb_frames fr;
	fr.n = tsb_u32le(p);
	fr.slot = tsb_u32le(p + 4);
	fr.types = tsb_u32le(p + 8);
	fr.unclassified = tsb_u32le(p + 12);
	uint32_t tsize = tsb_u32le(p + 16);
	p += 20;
	if (fr.n < TSB_BATCH || fr.n % TSB_BATCH || fr.slot < 64 || fr.slot > 4096 || tsize < 1 || tsize > 4096
	    || (tsize & (tsize - 1)) || size != TSB_KEY_LEN + 20 + 4ull * tsize + 4ull * fr.n + (size_t)fr.n * fr.slot) {
		fprintf(stderr, "%s: frame count %u (a multiple of %d), slot %u (64..4096), table %u (a power of two up to 4096)"
			" or file size %zu do not fit\n", argv[1], fr.n, TSB_BATCH, fr.slot, tsize, size);
		return 1;
	}
	uint32_t *table = malloc(4ull * tsize), *lengths = malloc(4ull * fr.n);
	for (uint32_t i = 0; i < tsize; i++, p += 4)
		table[i] = tsb_u32le(p);
	for (uint32_t i = 0; i < fr.n; i++, p += 4) {
		lengths[i] = tsb_u32le(p);
		if (lengths[i] > fr.slot) {
			fprintf(stderr, "%s: frame %u is longer (%u) than its slot\n", argv[1], i, lengths[i]);
			return 1;
		}
	}
	uint8_t *bytes = aligned_alloc(64, ((size_t)fr.n * fr.slot + 63) / 64 * 64);
	memcpy(bytes, p, (size_t)fr.n * fr.slot);
	fr.table = table;
	fr.lengths = lengths;
	fr.bytes = bytes;
	fr.mask = tsize - 1;
	const char *why = NULL;
	if (tsb_setup(file, &why)) {
		fprintf(stderr, "%s cannot run here: %s\n", argv[0], why);
		return 3;
	}
	if (tsb_check_vectors(argv[0]))
		return 1;

	uint32_t sum = 0;
	for (uint32_t i = 0; i < fr.n; i++) {
		uint32_t h = 0;
		int report = tsb_decide(bytes + (size_t)i * fr.slot, lengths[i], fr.types, &h);
		uint32_t q = report ? table[h & fr.mask] : fr.unclassified;
		sum += h + q * 0x9e3779b1u + (uint32_t)report * 0x85ebca6bu;
	}
	uint32_t lanes[TSB_BATCH];
	volatile uint32_t sink = 0;
	for (long r = 0; r < passes / 10 + 1; r++) /* warm caches and the branch predictor, as the JIT warm-up does */
		sink ^= tsb_pass(&fr, lanes);
	struct timespec c0, c1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	uint64_t start = tsb_now();
	for (long r = 0; r < passes; r++)
		sink ^= tsb_pass(&fr, lanes);
	uint64_t end = tsb_now();
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	uint64_t cpu = (uint64_t)(c1.tv_sec - c0.tv_sec) * 1000000000ull + (uint64_t)c1.tv_nsec - (uint64_t)c0.tv_nsec;
	printf("decisions=%ld ns=%llu cpu_ns=%llu sum=%u\n", passes * (long)fr.n, (unsigned long long)(end - start),
	       (unsigned long long)cpu, sum);
	free(bytes);
	free(lengths);
	free(table);
	free(file);
	return 0;
}

#endif
