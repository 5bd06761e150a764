/*
 * Shared helpers of the C baselines: monotonic time, opening queues of an existing multiqueue tap,
 * and the benchmark frame (Ethernet + IPv4 + UDP, documentation addresses), identical to the one
 * the Java side builds, so both sides move the same bytes.
 */
#ifndef TSB_COMMON_H
#define TSB_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define TSB_MAX_QUEUES 16
#define TSB_HEADERS (14 + 20 + 8)

static inline void tsb_die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	exit(1);
}

static inline long tsb_arg(char **argv, int i, long min, long max, const char *name)
{
	char *end;
	long v = strtol(argv[i], &end, 10);
	if (*end || v < min || v > max) {
		fprintf(stderr, "%s '%s' must be an integer from %ld to %ld\n", name, argv[i], min, max);
		exit(2);
	}
	return v;
}

static inline uint64_t tsb_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Attaches one more queue fd to the existing multiqueue tap `name` (TUNSETIFF by name). */
static inline int tsb_open_queue(const char *name)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		tsb_die("open /dev/net/tun");
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_MULTI_QUEUE;
	if (ioctl(fd, TUNSETIFF, &ifr) < 0)
		tsb_die("ioctl TUNSETIFF");
	return fd;
}

static inline uint16_t tsb_ip_checksum(const uint8_t *h)
{
	uint32_t sum = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * Writes the frame of flow `flow` with `payload` bytes of UDP payload at `f`; returns its length.
 * 02:00:00:00:00:02 <- 02:00:00:00:00:01, 192.0.2.(1 + flow % 250) -> 198.51.100.(1 + flow / 250 % 250),
 * UDP (1024 + flow % 60000) -> 9 (discard). The payload starts with the flow id (8 bytes, big endian).
 */
static inline int tsb_frame(uint8_t *f, uint32_t flow, int payload)
{
	int ip_len = 20 + 8 + payload;
	memset(f, 0, TSB_HEADERS + payload);
	memcpy(f, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00", 14);
	uint8_t *ip = f + 14;
	ip[0] = 0x45;
	ip[2] = ip_len >> 8;
	ip[3] = ip_len & 0xff;
	ip[8] = 64;
	ip[9] = 17;
	ip[12] = 192; ip[13] = 0; ip[14] = 2; ip[15] = 1 + flow % 250;
	ip[16] = 198; ip[17] = 51; ip[18] = 100; ip[19] = 1 + flow / 250 % 250;
	uint16_t c = tsb_ip_checksum(ip);
	ip[10] = c >> 8;
	ip[11] = c & 0xff;
	uint8_t *udp = ip + 20;
	uint16_t sport = 1024 + flow % 60000;
	udp[0] = sport >> 8;
	udp[1] = sport & 0xff;
	udp[3] = 9;
	udp[4] = (8 + payload) >> 8;
	udp[5] = (8 + payload) & 0xff;
	for (int i = 0; i < 8 && i < payload; i++)
		udp[8 + i] = (uint8_t)((uint64_t)flow >> (56 - 8 * i));
	return TSB_HEADERS + payload;
}

#endif
