package io.tapsteer.tap.internal;

/**
 * Constants of {@code linux/if_tun.h} and {@code linux/sockios.h} for x86_64, named as in C.
 * struct ifreq is 40 bytes: ifr_name at 0 (16 bytes), the union at 16 (flags: short, mtu: int,
 * hwaddr: sockaddr with sa_family at 16 and the address bytes at 18).
 */
public final class Tun {
    private Tun() {
    }

    /** Size of struct ifreq. */
    public static final int IFREQ_SIZE = 40;
    /** IFNAMSIZ. */
    public static final int IFNAMSIZ = 16;

    /** Create or attach a tun/tap device by name. */
    public static final long TUNSETIFF = 0x400454caL;
    /** Attach or detach a queue. */
    public static final long TUNSETQUEUE = 0x400454d9L;
    /** Read back the device name and flags. */
    public static final long TUNGETIFF = 0x800454d2L;
    /** Read the supported IFF_* flags. */
    public static final long TUNGETFEATURES = 0x800454cfL;
    /** Make the device persistent (value argument). */
    public static final long TUNSETPERSIST = 0x400454cbL;
    /** Set the owner uid (value argument). */
    public static final long TUNSETOWNER = 0x400454ccL;
    /** Set the owner gid (value argument). */
    public static final long TUNSETGROUP = 0x400454ceL;
    /** Set TUN_F_* offloads (value argument). */
    public static final long TUNSETOFFLOAD = 0x400454d0L;
    /** Get the vnet header size. */
    public static final long TUNGETVNETHDRSZ = 0x800454d7L;
    /** Set the vnet header size. */
    public static final long TUNSETVNETHDRSZ = 0x400454d8L;
    /** Set little-endian vnet headers. */
    public static final long TUNSETVNETLE = 0x400454dcL;
    /** Set the carrier. */
    public static final long TUNSETCARRIER = 0x400454e2L;
    /** Attach a steering eBPF program (int* to prog fd, -1 detaches). */
    public static final long TUNSETSTEERINGEBPF = 0x800454e0L;
    /** Attach a filter eBPF program. */
    public static final long TUNSETFILTEREBPF = 0x800454e1L;
    /** Read the hash capabilities (virtio-net RSS series; absent from mainline kernels). */
    public static final long TUNGETVNETHASHCAP = 0x800854e4L;

    /** IFF_TUN. */
    public static final int IFF_TUN = 0x0001;
    /** IFF_TAP. */
    public static final int IFF_TAP = 0x0002;
    /** IFF_NAPI. */
    public static final int IFF_NAPI = 0x0010;
    /** IFF_MULTI_QUEUE. */
    public static final int IFF_MULTI_QUEUE = 0x0100;
    /** IFF_ATTACH_QUEUE. */
    public static final int IFF_ATTACH_QUEUE = 0x0200;
    /** IFF_DETACH_QUEUE. */
    public static final int IFF_DETACH_QUEUE = 0x0400;
    /** IFF_NO_PI. */
    public static final int IFF_NO_PI = 0x1000;
    /** IFF_VNET_HDR. */
    public static final int IFF_VNET_HDR = 0x4000;
    /** IFF_TUN_EXCL. */
    public static final int IFF_TUN_EXCL = 0x8000;

    /** TUN_F_CSUM. */
    public static final int TUN_F_CSUM = 0x01;
    /** TUN_F_TSO4. */
    public static final int TUN_F_TSO4 = 0x02;
    /** TUN_F_TSO6. */
    public static final int TUN_F_TSO6 = 0x04;
    /** TUN_F_TSO_ECN. */
    public static final int TUN_F_TSO_ECN = 0x08;
    /** TUN_F_UFO. */
    public static final int TUN_F_UFO = 0x10;

    /** SIOCGIFFLAGS. */
    public static final long SIOCGIFFLAGS = 0x8913;
    /** SIOCSIFFLAGS. */
    public static final long SIOCSIFFLAGS = 0x8914;
    /** SIOCGIFMTU. */
    public static final long SIOCGIFMTU = 0x8921;
    /** SIOCSIFMTU. */
    public static final long SIOCSIFMTU = 0x8922;
    /** SIOCSIFHWADDR. */
    public static final long SIOCSIFHWADDR = 0x8924;
    /** SIOCGIFHWADDR. */
    public static final long SIOCGIFHWADDR = 0x8927;
    /** SIOCGIFINDEX. */
    public static final long SIOCGIFINDEX = 0x8933;
    /** SIOCSIFTXQLEN. */
    public static final long SIOCSIFTXQLEN = 0x8943;
    /** IFF_UP (interface flag). */
    public static final int IFF_UP = 0x1;
    /** ARPHRD_ETHER. */
    public static final int ARPHRD_ETHER = 1;

    /** @return the IFF_* names set in {@code flags}, e.g. "TAP NO_PI MULTI_QUEUE" */
    public static String describeFlags(int flags) {
        StringBuilder b = new StringBuilder();
        String[] names = {"TUN", "TAP", "", "", "NAPI", "NAPI_FRAGS", "", "", "MULTI_QUEUE", "ATTACH_QUEUE",
            "DETACH_QUEUE", "PERSIST", "NO_PI", "ONE_QUEUE", "VNET_HDR", "TUN_EXCL"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0 && !names[i].isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(names[i]);
            }
        }
        return b.toString();
    }
}
