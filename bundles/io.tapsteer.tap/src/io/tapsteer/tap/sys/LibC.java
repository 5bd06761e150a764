package io.tapsteer.tap.sys;

import com.sun.jna.Native;

/**
 * The C library calls tapsteer uses, JNA direct-mapped (no per-call reflection or allocation).
 * Pointers are passed as {@code long} native addresses. On failure a call returns -1 and
 * {@link Native#getLastError()} holds errno; {@link Errors} turns that into words, and {@link Fd} owns an fd so that it closes exactly once.
 */
public final class LibC {
    static {
        Native.register("c");
    }

    private LibC() {
    }

    /** Forces the class to load (and the library to bind) at a chosen moment. */
    public static void load() {
        // static initializer does the work
    }

    /** open(2). */
    public static native int open(String path, int flags);
    /** close(2). */
    public static native int close(int fd);
    /** read(2) into native memory at {@code buf}. */
    public static native long read(int fd, long buf, long count);
    /** write(2) from native memory at {@code buf}. */
    public static native long write(int fd, long buf, long count);
    /** ioctl(2) with a pointer argument. */
    public static native int ioctl(int fd, long request, long argp);
    /** socket(2). */
    public static native int socket(int domain, int type, int protocol);
    /** bind(2). */
    public static native int bind(int fd, long addr, int addrlen);
    /** setsockopt(2). */
    public static native int setsockopt(int fd, int level, int name, long value, int len);
    /** sendmmsg(2). */
    public static native int sendmmsg(int fd, long msgvec, int vlen, int flags);
    /** send(2). */
    public static native long send(int fd, long buf, long len, int flags);
    /** recv(2). */
    public static native long recv(int fd, long buf, long len, int flags);
    /** epoll_create1(2). */
    public static native int epoll_create1(int flags);
    /** epoll_ctl(2). */
    public static native int epoll_ctl(int epfd, int op, int fd, long event);
    /** epoll_wait(2). */
    public static native int epoll_wait(int epfd, long events, int maxevents, int timeout);
    /** eventfd(2). */
    public static native int eventfd(int initval, int flags);
    /** unshare(2). */
    public static native int unshare(int flags);
    /** setns(2). */
    public static native int setns(int fd, int nstype);
    /** gettid(2). */
    public static native int gettid();
    /** getpid(2). */
    public static native int getpid();
    /** if_nametoindex(3). */
    public static native int if_nametoindex(String name);
    /** syscall(2) with three arguments (bpf). */
    public static native long syscall(long number, long a1, long a2, long a3);
    /** syscall(2) with six arguments (io_uring_enter). */
    public static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
    /** mmap(2). */
    public static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);
    /** munmap(2). */
    public static native int munmap(long addr, long length);
    /** strerror(3). */
    public static native String strerror(int errnum);

    /** O_RDWR. */
    public static final int O_RDWR = 2;
    /** O_RDONLY. */
    public static final int O_RDONLY = 0;
    /** O_NONBLOCK. */
    public static final int O_NONBLOCK = 0x800;
    /** O_CLOEXEC. */
    public static final int O_CLOEXEC = 0x80000;
    /** CLONE_NEWNET. */
    public static final int CLONE_NEWNET = 0x40000000;
    /** AF_INET. */
    public static final int AF_INET = 2;
    /** AF_PACKET. */
    public static final int AF_PACKET = 17;
    /** SOCK_DGRAM. */
    public static final int SOCK_DGRAM = 2;
    /** SOCK_RAW. */
    public static final int SOCK_RAW = 3;
    /** SOCK_NONBLOCK. */
    public static final int SOCK_NONBLOCK = 0x800;
    /** SOCK_CLOEXEC. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** ETH_P_ALL. */
    public static final int ETH_P_ALL = 0x0003;
    /** SOL_SOCKET. */
    public static final int SOL_SOCKET = 1;
    /** SO_SNDBUF. */
    public static final int SO_SNDBUF = 7;
    /** SO_RCVBUF. */
    public static final int SO_RCVBUF = 8;
    /** SO_SNDBUFFORCE. */
    public static final int SO_SNDBUFFORCE = 32;
    /** SO_RCVBUFFORCE. */
    public static final int SO_RCVBUFFORCE = 33;
    /** MSG_DONTWAIT. */
    public static final int MSG_DONTWAIT = 0x40;
    /** EPOLL_CLOEXEC. */
    public static final int EPOLL_CLOEXEC = 0x80000;
    /** EPOLL_CTL_ADD. */
    public static final int EPOLL_CTL_ADD = 1;
    /** EPOLLIN. */
    public static final int EPOLLIN = 0x1;
    /** EFD_NONBLOCK. */
    public static final int EFD_NONBLOCK = 0x800;
    /** EFD_CLOEXEC. */
    public static final int EFD_CLOEXEC = 0x80000;
    /** SYS_bpf on x86_64. */
    public static final long SYS_BPF = 321;
}
