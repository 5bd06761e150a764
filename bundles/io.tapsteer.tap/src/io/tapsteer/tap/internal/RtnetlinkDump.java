package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One rtnetlink dump in the calling thread's namespace: a request of a header and a zeroed family
 * struct, then every reply message of the asked type handed to a reader until NLMSG_DONE. Used for
 * the link list ({@link TunLinks}) and the qdisc list ({@link TcQdiscs}).
 */
final class RtnetlinkDump {
    private static final int AF_NETLINK = 16;
    private static final int NETLINK_ROUTE = 0;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_DUMP = 0x300;
    private static final int HEADER = 16;
    private static final int BUFFER = 64 * 1024;

    private RtnetlinkDump() {
    }

    /** Reads one reply message: its payload lies from {@code start} to {@code end} in {@code b}. */
    interface Reader {
        void message(ByteBuffer b, int start, int end);
    }

    /**
     * @param request the RTM_GET* message type
     * @param familyBytes the size of the family struct after the header (ifinfomsg 16, tcmsg 20)
     * @param reply the RTM_NEW* type of the messages {@code reader} gets
     * @param name the request's name for errors, e.g. RTM_GETLINK
     * @param what what was asked for, in words for errors, e.g. "the link list"
     * @throws TapException in words when the kernel refuses or answers malformed messages
     */
    static void run(int request, int familyBytes, int reply, String name, String what, Reader reader) {
        int fd = LibC.socket(AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0) {
            throw Errors.fail("socket(AF_NETLINK)", what);
        }
        int size = HEADER + familyBytes;
        try (Memory req = new Memory(size); Memory buf = new Memory(BUFFER)) {
            req.clear();
            req.setInt(0, size); // nlmsghdr: len, type, flags, seq, pid; then the family struct, all 0
            req.setShort(4, (short) request);
            req.setShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
            req.setInt(8, 1);
            if (LibC.send(fd, Pointer.nativeValue(req), size, 0) < 0) {
                throw Errors.fail("send(" + name + ")", what);
            }
            receive(fd, buf, reply, name, what, reader);
        } finally {
            LibC.close(fd);
        }
    }

    private static void receive(int fd, Memory buf, int reply, String name, String what, Reader reader) {
        while (true) {
            long n = LibC.recv(fd, Pointer.nativeValue(buf), BUFFER, 0);
            if (n < 0) {
                throw Errors.fail("recv(" + name + ")", what);
            }
            ByteBuffer b = buf.getByteBuffer(0, n).order(ByteOrder.nativeOrder());
            int at = 0;
            while (at + HEADER <= n) {
                int len = b.getInt(at);
                int type = b.getShort(at + 4) & 0xffff;
                if (len < HEADER || at + len > n) {
                    throw new TapException("recv(" + name + ")", 0, "a malformed netlink message (length " + len + ")");
                }
                if (type == NLMSG_DONE) {
                    return;
                }
                if (type == NLMSG_ERROR) {
                    throw Errors.fail(name, what, -b.getInt(at + HEADER));
                }
                if (type == reply) {
                    reader.message(b, at + HEADER, at + len);
                }
                at += (len + 3) & ~3;
            }
        }
    }
}
