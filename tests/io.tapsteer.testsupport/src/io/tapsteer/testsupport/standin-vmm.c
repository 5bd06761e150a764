/*
 * A stand-in VMM for the foreign-tap tests: it does with a multiqueue tap what QEMU's tap backend
 * does, and nothing else. It enters a network namespace, creates a tap with N queues (one fd each,
 * in kernel index order), brings the link up, reads every queue and counts frames per queue.
 *
 * usage: standin-vmm NETNS_PATH TAP_NAME QUEUES
 * stdout: "ready FD0 FD1 ..." once the queues are open, then one line per command.
 * stdin commands: "c" prints "counts C0 C1 ..."; "d" detaches the steering program with
 * TUNSETSTEERINGEBPF -1 on its first fd (what QEMU does when the guest changes its queue count)
 * and prints "detached"; end of input exits. It also exits by itself after 120 s.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_QUEUES 16

static void die(const char *what) {
    fprintf(stderr, "standin-vmm: %s: %s\n", what, strerror(errno));
    exit(2);
}

static int open_queue(const char *name) {
    struct ifreq ifr;
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        die("open /dev/net/tun");
    }
    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_MULTI_QUEUE;
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        die("TUNSETIFF");
    }
    return fd;
}

static void link_up(const char *name) {
    struct ifreq ifr;
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        die("socket");
    }
    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) {
        die("SIOCGIFFLAGS");
    }
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) {
        die("SIOCSIFFLAGS");
    }
    close(s);
}

int main(int argc, char **argv) {
    static char frame[65536];
    unsigned long long counts[MAX_QUEUES] = {0};
    struct pollfd pfd[MAX_QUEUES + 1];
    int fds[MAX_QUEUES];
    char line[64];
    size_t have = 0;
    time_t deadline = time(NULL) + 120;
    if (argc != 4) {
        fprintf(stderr, "usage: standin-vmm NETNS_PATH TAP_NAME QUEUES\n");
        return 2;
    }
    int queues = atoi(argv[3]);
    if (queues < 1 || queues > MAX_QUEUES) {
        fprintf(stderr, "standin-vmm: QUEUES must be 1 to %d\n", MAX_QUEUES);
        return 2;
    }
    int ns = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (ns < 0 || setns(ns, CLONE_NEWNET) < 0) {
        die("setns");
    }
    close(ns);
    for (int q = 0; q < queues; q++) {
        fds[q] = open_queue(argv[2]);
    }
    link_up(argv[2]);
    printf("ready");
    for (int q = 0; q < queues; q++) {
        printf(" %d", fds[q]);
    }
    printf("\n");
    fflush(stdout);
    for (int q = 0; q < queues; q++) {
        pfd[q].fd = fds[q];
        pfd[q].events = POLLIN;
    }
    pfd[queues].fd = 0;
    pfd[queues].events = POLLIN;
    while (time(NULL) < deadline) {
        if (poll(pfd, queues + 1, 100) < 0 && errno != EINTR) {
            die("poll");
        }
        for (int q = 0; q < queues; q++) {
            if (pfd[q].revents & POLLIN) {
                while (read(fds[q], frame, sizeof(frame)) > 0) {
                    counts[q]++;
                }
            }
        }
        if (pfd[queues].revents & (POLLIN | POLLHUP)) {
            ssize_t n = read(0, line + have, sizeof(line) - 1 - have);
            if (n <= 0) {
                return 0;
            }
            have += (size_t) n;
            char *nl;
            while ((nl = memchr(line, '\n', have)) != NULL) {
                if (line[0] == 'c') {
                    /* drain first, so a count asked for after sending covers what was sent */
                    for (int q = 0; q < queues; q++) {
                        while (read(fds[q], frame, sizeof(frame)) > 0) {
                            counts[q]++;
                        }
                    }
                    printf("counts");
                    for (int q = 0; q < queues; q++) {
                        printf(" %llu", counts[q]);
                    }
                    printf("\n");
                } else if (line[0] == 'd') {
                    int none = -1;
                    if (ioctl(fds[0], TUNSETSTEERINGEBPF, &none) < 0) {
                        die("TUNSETSTEERINGEBPF");
                    }
                    printf("detached\n");
                } else if (line[0] == 'q') {
                    /* what QEMU does when the guest lowers its queue count: the last queue is
                     * detached (numqueues drops, numdisabled grows), then steering is reset */
                    struct ifreq ifr;
                    int none = -1;
                    memset(&ifr, 0, sizeof(ifr));
                    ifr.ifr_flags = IFF_DETACH_QUEUE;
                    if (ioctl(fds[queues - 1], TUNSETQUEUE, &ifr) < 0) {
                        die("TUNSETQUEUE");
                    }
                    if (ioctl(fds[0], TUNSETSTEERINGEBPF, &none) < 0) {
                        die("TUNSETSTEERINGEBPF");
                    }
                    printf("queues %d\n", queues - 1);
                }
                fflush(stdout);
                size_t used = (size_t) (nl - line) + 1;
                memmove(line, nl + 1, have - used);
                have -= used;
            }
            if (have == sizeof(line) - 1) {
                have = 0;
            }
        }
    }
    return 0;
}
