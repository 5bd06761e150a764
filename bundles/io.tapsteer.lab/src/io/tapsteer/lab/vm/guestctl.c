/*
 * guestctl: the guest's view of its virtio-net queues, for the lab guest's init script.
 *   guestctl stats IF        prints "rx N0 N1 ..." : rx_queue_<q>_packets of ETHTOOL_GSTATS, q = 0..
 *   guestctl channels IF N   sets N combined channels (what `ethtool -L IF combined N` does) and
 *                            prints "channels N"
 * Built statically at image build time, so the initramfs needs no libraries.
 */
#include <errno.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int ethtool(int s, const char *ifname, void *cmd) {
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    ifr.ifr_data = cmd;
    return ioctl(s, SIOCETHTOOL, &ifr);
}

static int stats(int s, const char *ifname) {
    struct { struct ethtool_sset_info hdr; __u32 len; } info;
    memset(&info, 0, sizeof info);
    info.hdr.cmd = ETHTOOL_GSSET_INFO;
    info.hdr.sset_mask = 1ULL << ETH_SS_STATS;
    if (ethtool(s, ifname, &info) < 0) { perror("ETHTOOL_GSSET_INFO"); return 1; }
    __u32 n = info.len;
    struct ethtool_gstrings *names = calloc(1, sizeof *names + (size_t) n * ETH_GSTRING_LEN);
    struct ethtool_stats *values = calloc(1, sizeof *values + (size_t) n * sizeof(__u64));
    if (!names || !values) { fputs("out of memory\n", stderr); return 1; }
    names->cmd = ETHTOOL_GSTRINGS;
    names->string_set = ETH_SS_STATS;
    names->len = n;
    values->cmd = ETHTOOL_GSTATS;
    values->n_stats = n;
    if (ethtool(s, ifname, names) < 0) { perror("ETHTOOL_GSTRINGS"); return 1; }
    if (ethtool(s, ifname, values) < 0) { perror("ETHTOOL_GSTATS"); return 1; }
    printf("rx");
    for (int q = 0;; q++) {
        char want[ETH_GSTRING_LEN];
        snprintf(want, sizeof want, "rx_queue_%d_packets", q);
        __u32 i;
        for (i = 0; i < n; i++) {
            if (strncmp((char *) names->data + (size_t) i * ETH_GSTRING_LEN, want, ETH_GSTRING_LEN) == 0) {
                break;
            }
        }
        if (i == n) {
            break;
        }
        printf(" %llu", (unsigned long long) values->data[i]);
    }
    printf("\n");
    return 0;
}

static int channels(int s, const char *ifname, int combined) {
    struct ethtool_channels ch = { .cmd = ETHTOOL_GCHANNELS };
    if (ethtool(s, ifname, &ch) < 0) { perror("ETHTOOL_GCHANNELS"); return 1; }
    ch.cmd = ETHTOOL_SCHANNELS;
    ch.combined_count = (__u32) combined;
    if (ethtool(s, ifname, &ch) < 0 && errno != EALREADY) { perror("ETHTOOL_SCHANNELS"); return 1; }
    printf("channels %d\n", combined);
    return 0;
}

int main(int argc, char **argv) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0) { perror("socket"); return 1; }
    if (argc == 3 && strcmp(argv[1], "stats") == 0) {
        return stats(s, argv[2]);
    }
    if (argc == 4 && strcmp(argv[1], "channels") == 0) {
        return channels(s, argv[2], atoi(argv[3]));
    }
    fputs("usage: guestctl stats IF | guestctl channels IF N\n", stderr);
    return 2;
}
