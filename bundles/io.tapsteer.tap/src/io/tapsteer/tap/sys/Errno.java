package io.tapsteer.tap.sys;

/** errno values of Linux x86_64 that tapsteer tells apart. */
public final class Errno {
    private Errno() {
    }

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** I/O error. */
    public static final int EIO = 5;
    /** No such device or address. */
    public static final int ENXIO = 6;
    /** Argument list too long (tap queue limit). */
    public static final int E2BIG = 7;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Try again. */
    public static final int EAGAIN = 11;
    /** Out of memory. */
    public static final int ENOMEM = 12;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Bad address. */
    public static final int EFAULT = 14;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** File exists. */
    public static final int EEXIST = 17;
    /** No such device. */
    public static final int ENODEV = 19;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Inappropriate ioctl for device. */
    public static final int ENOTTY = 25;
    /** Function not implemented. */
    public static final int ENOSYS = 38;
    /** File descriptor in bad state (tun: device gone). */
    public static final int EBADFD = 77;
    /** Message too long. */
    public static final int EMSGSIZE = 90;
    /** Operation not supported. */
    public static final int EOPNOTSUPP = 95;
    /** No buffer space available. */
    public static final int ENOBUFS = 105;
    /** Network is down. */
    public static final int ENETDOWN = 100;
    /** Operation canceled (an io_uring chain stopped before it). */
    public static final int ECANCELED = 125;

    /**
     * The one "would block" rule of the non-blocking calls: EAGAIN (EWOULDBLOCK) says there is
     * nothing to read or no room to write now, EINTR that a signal came first. Either way nothing
     * moved and the call is tried again on the next wake-up.
     *
     * @param errno the errno of a failed call
     * @return whether the call would have blocked
     */
    public static boolean wouldBlock(int errno) {
        return errno == EAGAIN || errno == EINTR;
    }

    /** @return the symbolic name of an errno, or "errno N" */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case ENXIO -> "ENXIO";
            case E2BIG -> "E2BIG";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOTTY -> "ENOTTY";
            case ENOSYS -> "ENOSYS";
            case EBADFD -> "EBADFD";
            case EMSGSIZE -> "EMSGSIZE";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            case ENOBUFS -> "ENOBUFS";
            case ENETDOWN -> "ENETDOWN";
            case ECANCELED -> "ECANCELED";
            default -> "errno " + errno;
        };
    }
}
