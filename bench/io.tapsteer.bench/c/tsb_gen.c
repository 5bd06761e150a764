/*
 * AF_PACKET generator: sends frames through a tap's transmit path (queue selection by the steering
 * eBPF program or automq) with sendmmsg, 64 frames a call, bounded in count and time.
 * Usage: tsb_gen IFNAME FRAMES SECONDS FLOWS PAYLOAD
 * Prints: sent=N ns=E
 */
#define _GNU_SOURCE
#include "tsb_common.h"
#include <arpa/inet.h>
#include <linux/if_packet.h>
/* net/if.h clashes with linux/if.h (needed for the tun ioctls) */
unsigned int if_nametoindex(const char *ifname);
#include <sys/socket.h>

#define BATCH 64

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: tsb_gen IFNAME FRAMES SECONDS FLOWS PAYLOAD\n");
		return 2;
	}
	long frames = tsb_arg(argv, 2, 1, 1000000000L, "FRAMES");
	long seconds = tsb_arg(argv, 3, 1, 3600, "SECONDS");
	long flows = tsb_arg(argv, 4, 1, 65536, "FLOWS");
	int payload = (int)tsb_arg(argv, 5, 16, 1472, "PAYLOAD");
	int ifindex = if_nametoindex(argv[1]);
	if (!ifindex)
		tsb_die("if_nametoindex");
	int s = socket(AF_PACKET, SOCK_RAW, 0); /* protocol 0: send only, receives nothing */
	if (s < 0)
		tsb_die("socket AF_PACKET");
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_ifindex = ifindex };
	if (bind(s, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		tsb_die("bind");
	/* a full socket buffer blocks sendmmsg; the timeout keeps the time bound */
	struct timeval tv = { .tv_sec = 0, .tv_usec = 100000 };
	setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));

	int len = TSB_HEADERS + payload;
	uint8_t *frames_mem = malloc((size_t)flows * len);
	if (!frames_mem)
		tsb_die("malloc");
	for (long i = 0; i < flows; i++)
		tsb_frame(frames_mem + i * len, (uint32_t)i, payload);
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	memset(msgs, 0, sizeof(msgs));

	uint64_t start = tsb_now(), deadline = start + (uint64_t)seconds * 1000000000ull;
	long sent = 0, next = 0;
	while (sent < frames) {
		int n = frames - sent < BATCH ? (int)(frames - sent) : BATCH;
		for (int k = 0; k < n; k++) {
			iov[k].iov_base = frames_mem + ((next + k) % flows) * len;
			iov[k].iov_len = len;
			msgs[k].msg_hdr.msg_iov = &iov[k];
			msgs[k].msg_hdr.msg_iovlen = 1;
		}
		int r = sendmmsg(s, msgs, n, 0);
		if (r > 0) {
			sent += r;
			next += r;
		} else if (r < 0 && errno != EAGAIN && errno != ENOBUFS && errno != EINTR) {
			tsb_die("sendmmsg");
		}
		if (tsb_now() > deadline)
			break;
	}
	uint64_t end = tsb_now();
	printf("sent=%ld ns=%llu\n", sent, (unsigned long long)(end - start));
	close(s);
	free(frames_mem);
	return 0;
}
