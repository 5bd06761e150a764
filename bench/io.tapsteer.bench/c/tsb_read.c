/*
 * Reader baseline: attaches QUEUES queue fds to an existing multiqueue tap and drains them, one
 * thread per queue blocking in epoll (as tapsteer's pollers do), until EXPECT frames, SECONDS, or
 * IDLE_MS without a frame once frames flowed. A wake-up drains up to 64 frames: with read(2) one
 * call each (mode "read"), or with one io_uring submission of 64 reads with RWF_NOWAIT (mode
 * "uring", what tapsteer's pollers do; raw system calls, as tapsteer makes them). Prints "ready"
 * once the queues are attached (the harness then starts the generator), and at the end:
 * frames=N ns=E   (E: from the first frame read to the last, summed over queues: max - min)
 * Usage: tsb_read IFNAME QUEUES SECONDS IDLE_MS EXPECT [read|uring]
 */
#define _GNU_SOURCE
#include "tsb_common.h"
#include <linux/io_uring.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define BATCH 64
#define SLOT 2048

struct poller {
	pthread_t thread;
	int fd;
	long frames;
	uint64_t first, last;
};

static atomic_int stop;
static atomic_long total;
static int use_uring;

/* One submission queue and its completions, set up with io_uring_setup and mmap. */
struct uring {
	int fd;
	unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

static void uring_setup(struct uring *u)
{
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	u->fd = (int)syscall(__NR_io_uring_setup, BATCH, &p);
	if (u->fd < 0)
		tsb_die("io_uring_setup");
	size_t sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	size_t cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	int single = p.features & IORING_FEAT_SINGLE_MMAP;
	if (single && cq_len > sq_len)
		sq_len = cq_len;
	uint8_t *sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd, IORING_OFF_SQ_RING);
	uint8_t *cq = single ? sq : mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd, IORING_OFF_CQ_RING);
	u->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       u->fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || u->sqes == MAP_FAILED)
		tsb_die("mmap io_uring");
	u->sq_tail = (unsigned *)(sq + p.sq_off.tail);
	u->sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
	u->sq_array = (unsigned *)(sq + p.sq_off.array);
	u->cq_head = (unsigned *)(cq + p.cq_off.head);
	u->cq_tail = (unsigned *)(cq + p.cq_off.tail);
	u->cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
	u->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
}

/* BATCH reads with RWF_NOWAIT in one submission; returns the frames read (up to the first EAGAIN). */
static long drain_uring(struct uring *u, int fd, uint8_t (*bufs)[SLOT])
{
	unsigned tail = *u->sq_tail, mask = *u->sq_mask;
	for (unsigned b = 0; b < BATCH; b++) {
		unsigned i = (tail + b) & mask;
		struct io_uring_sqe *e = &u->sqes[i];
		memset(e, 0, sizeof(*e));
		e->opcode = IORING_OP_READ;
		e->fd = fd;
		e->addr = (uint64_t)(uintptr_t)bufs[b];
		e->len = SLOT;
		e->rw_flags = RWF_NOWAIT;
		e->user_data = b;
		u->sq_array[i] = i;
	}
	__atomic_store_n(u->sq_tail, tail + BATCH, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, u->fd, BATCH, BATCH, IORING_ENTER_GETEVENTS, NULL, 0) < 0)
		tsb_die("io_uring_enter");
	unsigned head = *u->cq_head, end = __atomic_load_n(u->cq_tail, __ATOMIC_ACQUIRE);
	long n = 0;
	for (; head != end; head++)
		if (u->cqes[head & *u->cq_mask].res > 0)
			n++;
	__atomic_store_n(u->cq_head, head, __ATOMIC_RELEASE);
	return n;
}

/* Up to BATCH read(2) calls, until the queue is empty. */
static long drain_read(int fd, uint8_t *buf)
{
	long n = 0;
	for (int b = 0; b < BATCH; b++) {
		if (read(fd, buf, SLOT) <= 0)
			break;
		n++;
	}
	return n;
}

static void *poll_queue(void *arg)
{
	struct poller *p = arg;
	static _Thread_local uint8_t bufs[BATCH][SLOT];
	struct uring u = { .fd = -1 };
	if (use_uring)
		uring_setup(&u);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = p->fd };
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, p->fd, &ev) < 0)
		tsb_die("epoll");
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		struct epoll_event out;
		if (epoll_wait(ep, &out, 1, 5) <= 0)
			continue;
		long n = use_uring ? drain_uring(&u, p->fd, bufs) : drain_read(p->fd, bufs[0]);
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
	if (use_uring)
		close(u.fd);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: tsb_read IFNAME QUEUES SECONDS IDLE_MS EXPECT [read|uring]\n");
		return 2;
	}
	if (argc == 7 && strcmp(argv[6], "uring") != 0 && strcmp(argv[6], "read") != 0) {
		fprintf(stderr, "tsb_read: mode '%s' is not read or uring\n", argv[6]);
		return 2;
	}
	use_uring = argc == 7 && strcmp(argv[6], "uring") == 0;
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
