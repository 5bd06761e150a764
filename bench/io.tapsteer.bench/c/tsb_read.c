/*
 * Reader baseline: attaches QUEUES queue fds to an existing multiqueue tap and drains them with
 * read(2), one thread per queue blocking in epoll (as tapsteer's pollers do), until EXPECT frames,
 * SECONDS, or IDLE_MS without a frame once frames flowed. Prints "ready" once the queues are
 * attached (the harness then starts the generator), and at the end:
 * frames=N ns=E   (E: from the first frame read to the last, summed over queues: max - min)
 * Usage: tsb_read IFNAME QUEUES SECONDS IDLE_MS EXPECT
 */
#define _GNU_SOURCE
#include "tsb_common.h"
#include <pthread.h>
#include <stdatomic.h>
#include <sys/epoll.h>

struct poller {
	pthread_t thread;
	int fd;
	long frames;
	uint64_t first, last;
};

static atomic_int stop;
static atomic_long total;

static void *poll_queue(void *arg)
{
	struct poller *p = arg;
	static _Thread_local uint8_t buf[2048];
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = p->fd };
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, p->fd, &ev) < 0)
		tsb_die("epoll");
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		struct epoll_event out;
		if (epoll_wait(ep, &out, 1, 5) <= 0)
			continue;
		long n = 0;
		for (int b = 0; b < 64; b++) { /* drain a budget of 64, like a poller's batch */
			ssize_t r = read(p->fd, buf, sizeof(buf));
			if (r <= 0)
				break;
			n++;
		}
		if (n) {
			uint64_t t = tsb_now();
			if (!p->frames)
				p->first = t;
			p->last = t;
			p->frames += n;
			atomic_fetch_add_explicit(&total, n, memory_order_relaxed);
		}
	}
	close(ep);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: tsb_read IFNAME QUEUES SECONDS IDLE_MS EXPECT\n");
		return 2;
	}
	int queues = (int)tsb_arg(argv, 2, 1, TSB_MAX_QUEUES, "QUEUES");
	long seconds = tsb_arg(argv, 3, 1, 3600, "SECONDS");
	long idle_ms = tsb_arg(argv, 4, 1, 60000, "IDLE_MS");
	long expect = tsb_arg(argv, 5, 1, 1000000000L, "EXPECT");
	struct poller p[TSB_MAX_QUEUES];
	memset(p, 0, sizeof(p));
	for (int q = 0; q < queues; q++)
		p[q].fd = tsb_open_queue(argv[1]);
	for (int q = 0; q < queues; q++)
		if (pthread_create(&p[q].thread, NULL, poll_queue, &p[q]))
			tsb_die("pthread_create");
	printf("ready\n");
	fflush(stdout);

	uint64_t deadline = tsb_now() + (uint64_t)seconds * 1000000000ull, idle_since = tsb_now();
	long seen = 0;
	while (tsb_now() < deadline) {
		usleep(1000);
		long now_total = atomic_load(&total);
		if (now_total >= expect)
			break;
		if (now_total != seen) {
			seen = now_total;
			idle_since = tsb_now();
		} else if (seen > 0 && tsb_now() - idle_since > (uint64_t)idle_ms * 1000000ull) {
			break;
		}
	}
	atomic_store(&stop, 1);
	long frames = 0;
	uint64_t first = UINT64_MAX, last = 0;
	for (int q = 0; q < queues; q++) {
		pthread_join(p[q].thread, NULL);
		frames += p[q].frames;
		if (p[q].frames && p[q].first < first)
			first = p[q].first;
		if (p[q].last > last)
			last = p[q].last;
		close(p[q].fd);
	}
	printf("frames=%ld ns=%llu\n", frames, (unsigned long long)(frames ? last - first : 0));
	return 0;
}
