package io.tapsteer.tap.internal;

import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;

/**
 * Link settings through SIOC* ioctls on an AF_INET datagram socket of the calling thread's
 * namespace: flags (up/down), MTU, MAC, txqueuelen.
 */
final class Ifconfig {
    private Ifconfig() {
    }

    private interface Call {
        void run(int sock, IfReq ifr);
    }

    private static IfReq withSocket(String name, Call call) {
        int sock = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (sock < 0) {
            throw Errors.fail("socket(AF_INET)", "link settings of \"" + name + "\"");
        }
        try {
            IfReq ifr = new IfReq(name);
            call.run(sock, ifr);
            return ifr;
        } finally {
            LibC.close(sock);
        }
    }

    private static void ioctl(int sock, long request, IfReq ifr, String call, String name) {
        if (LibC.ioctl(sock, request, ifr.address()) < 0) {
            throw Errors.fail("ioctl(" + call + ")", "link \"" + name + "\"");
        }
    }

    static int flags(String name) {
        return withSocket(name, (s, r) -> ioctl(s, Tun.SIOCGIFFLAGS, r, "SIOCGIFFLAGS", name)).flags() & 0xffff;
    }

    static void setFlags(String name, int flags) {
        withSocket(name, (s, r) -> ioctl(s, Tun.SIOCSIFFLAGS, r.flags(flags), "SIOCSIFFLAGS", name));
    }

    static int mtu(String name) {
        return withSocket(name, (s, r) -> ioctl(s, Tun.SIOCGIFMTU, r, "SIOCGIFMTU", name)).intValue();
    }

    static void setMtu(String name, int mtu) {
        withSocket(name, (s, r) -> ioctl(s, Tun.SIOCSIFMTU, r.intValue(mtu), "SIOCSIFMTU", name));
    }

    static byte[] mac(String name) {
        return withSocket(name, (s, r) -> ioctl(s, Tun.SIOCGIFHWADDR, r, "SIOCGIFHWADDR", name)).hwaddr();
    }

    static void setMac(String name, byte[] mac) {
        withSocket(name, (s, r) -> ioctl(s, Tun.SIOCSIFHWADDR, r.hwaddr(mac), "SIOCSIFHWADDR", name));
    }

    static void setTxQueueLength(String name, int length) {
        withSocket(name, (s, r) -> ioctl(s, Tun.SIOCSIFTXQLEN, r.intValue(length), "SIOCSIFTXQLEN", name));
    }
}
