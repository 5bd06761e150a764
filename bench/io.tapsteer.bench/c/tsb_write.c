/*
 * Writer baseline: attaches QUEUES queue fds to an existing multiqueue tap and writes FRAMES
 * prebuilt frames with write(2), frame i of flow i % FLOWS on queue i % QUEUES, bounded by SECONDS.
 * Usage: tsb_write IFNAME QUEUES FRAMES SECONDS FLOWS PAYLOAD
 * Prints: frames=N ns=E cpu_ns=C
 *   (E wall time; C the process's CPU time, user and system: one thread, so the writer's own work;
 *    on a machine shared with other work C is the fair figure, E also counts time the writer waited)
 */
#define _GNU_SOURCE
#include "tsb_common.h"

int main(int argc, char **argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: tsb_write IFNAME QUEUES FRAMES SECONDS FLOWS PAYLOAD\n");
		return 2;
	}
	int queues = (int)tsb_arg(argv, 2, 1, TSB_MAX_QUEUES, "QUEUES");
	long frames = tsb_arg(argv, 3, 1, 1000000000L, "FRAMES");
	long seconds = tsb_arg(argv, 4, 1, 3600, "SECONDS");
	long flows = tsb_arg(argv, 5, 1, 65536, "FLOWS");
	int payload = (int)tsb_arg(argv, 6, 16, 1472, "PAYLOAD");
	int fds[TSB_MAX_QUEUES];
	for (int q = 0; q < queues; q++)
		fds[q] = tsb_open_queue(argv[1]);
	int len = TSB_HEADERS + payload;
	uint8_t *mem = malloc((size_t)flows * len);
	if (!mem)
		tsb_die("malloc");
	for (long i = 0; i < flows; i++)
		tsb_frame(mem + i * len, (uint32_t)i, payload);

	struct timespec c0, c1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	uint64_t start = tsb_now(), deadline = start + (uint64_t)seconds * 1000000000ull;
	long written = 0;
	for (long i = 0; i < frames; i++) {
		ssize_t r = write(fds[i % queues], mem + (i % flows) * len, len);
		if (r == len)
			written++;
		else if (r < 0 && errno != EAGAIN && errno != EINTR)
			tsb_die("write");
		if ((i & 1023) == 0 && tsb_now() > deadline)
			break;
	}
	uint64_t end = tsb_now();
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	uint64_t cpu = (uint64_t)(c1.tv_sec - c0.tv_sec) * 1000000000ull + (uint64_t)c1.tv_nsec - (uint64_t)c0.tv_nsec;
	printf("frames=%ld ns=%llu cpu_ns=%llu\n", written, (unsigned long long)(end - start), (unsigned long long)cpu);
	for (int q = 0; q < queues; q++)
		close(fds[q]);
	free(mem);
	return 0;
}
