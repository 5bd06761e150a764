package io.tapsteer.tap.sys;

import com.sun.jna.Native;
import io.tapsteer.api.tap.TapException;

/**
 * The one place where errno becomes an exception with words a user can act on. Every failing call
 * in the tap binding comes through here, keeping the call's name and errno.
 */
public final class Errors {
    private Errors() {
    }

    /** @return errno of the last failed native call on this thread */
    public static int errno() {
        return Native.getLastError();
    }

    /**
     * @param call the system call, e.g. {@code ioctl(TUNSETIFF)}
     * @param subject what it was done to, e.g. {@code tap "lab0"}
     * @return an exception for the current errno
     */
    public static TapException fail(String call, String subject) {
        return fail(call, subject, errno());
    }

    /**
     * @param call the system call
     * @param subject what it was done to
     * @param errno the error
     * @return an exception whose message says what went wrong and what to do
     */
    public static TapException fail(String call, String subject, int errno) {
        String advice = advice(call, errno);
        return new TapException(call, errno, call + " on " + subject + " failed with " + Errno.name(errno)
                + ": " + advice);
    }

    /** @return the words for an errno of a call */
    public static String advice(String call, int errno) {
        switch (errno) {
            case Errno.EPERM:
            case Errno.EACCES:
                return call.startsWith("bpf")
                        ? "loading eBPF needs CAP_BPF (or CAP_SYS_ADMIN), attaching it to a tap CAP_NET_ADMIN: run as root or grant the capabilities"
                        : "needs CAP_NET_ADMIN: run as root or grant the capability (setcap cap_net_admin+ep)";
            case Errno.ENOENT:
                return call.startsWith("open(/dev/net/tun")
                        ? "/dev/net/tun is missing: load the tun module (modprobe tun) or create it (mknod /dev/net/tun c 10 200)"
                        : "no such file or device";
            case Errno.E2BIG:
                return "a tap holds at most 256 queues (detached queues count too): close a queue first";
            case Errno.EBUSY:
                if (call.contains("TUNSETIFF")) {
                    return "the device is busy: it exists without multi_queue and its one queue is open elsewhere, "
                            + "or it exists and exclusive access was asked";
                }
                return "the device or resource is busy (another owner holds it)";
            case Errno.EEXIST:
                return "this fd is already bound to a device: open a new fd for each queue";
            case Errno.EINVAL:
                if (call.contains("TUNSETIFF")) {
                    return "the existing device has other flags (tap/tun, multi_queue, vnet_hdr) or the name is not valid: "
                            + "open it with the flags it was created with";
                }
                if (call.contains("TUNSETQUEUE")) {
                    return "the queue is already in that state (attach of an attached queue or detach of a detached one)";
                }
                if (call.contains("TUNSETVNETHDRSZ")) {
                    return "vnet header size must be 10 or more";
                }
                if (call.contains("TUNSETOFFLOAD")) {
                    return "offload bits need TUN_F_CSUM and a vnet header";
                }
                if (call.contains("STEERINGEBPF") || call.contains("FILTEREBPF")) {
                    return "not a socket-filter program fd";
                }
                return "the kernel rejected an argument as invalid";
            case Errno.ENODEV:
            case Errno.ENXIO:
            case Errno.EBADFD:
                return "the device is gone (deleted underneath or its namespace closed)";
            case Errno.EBADF:
                return "the file descriptor is closed";
            case Errno.ENOTTY:
                return "this kernel does not know the ioctl";
            case Errno.EMSGSIZE:
                return "the frame is larger than the device accepts (MTU plus headers)";
            case Errno.ENOMEM:
            case Errno.ENOBUFS:
                return "the kernel is out of memory or buffer space: retry later or lower the load";
            case Errno.ENETDOWN:
                return "the link is down: bring it up first";
            default:
                String s = LibC.strerror(errno);
                return s == null ? "unexpected error" : s;
        }
    }
}
