package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Duplicates another process's fd into this one: pidfd_open(2) then pidfd_getfd(2) (Linux 5.6+).
 * pidfd_getfd needs PTRACE_MODE_ATTACH_REALCREDS over the target: root, or CAP_SYS_PTRACE.
 */
public final class Pidfd {
    /** pidfd_open on x86_64. */
    static final long SYS_PIDFD_OPEN = 434;
    /** pidfd_getfd on x86_64. */
    static final long SYS_PIDFD_GETFD = 438;
    private static final int ESRCH = 3;

    private Pidfd() {
    }

    /**
     * @param pid the process
     * @param fd its fd
     * @return a new fd of this process on the same open file (close it)
     * @throws TapException whose message says in one sentence why not
     */
    public static int duplicate(int pid, int fd) {
        int pidfd = (int) LibC.syscall(SYS_PIDFD_OPEN, pid, 0, 0);
        if (pidfd < 0) {
            int errno = Errors.errno();
            throw new TapException("pidfd_open", errno, "pidfd_open(" + pid + "): " + name(errno) + ": "
                    + (errno == ESRCH ? "process " + pid + " is gone" : Errors.advice("pidfd_open", errno)));
        }
        try {
            int dup = (int) LibC.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0);
            if (dup < 0) {
                int errno = Errors.errno();
                throw new TapException("pidfd_getfd", errno, "pidfd_getfd(pid " + pid + ", fd " + fd + "): "
                        + name(errno) + ": " + advice(errno, pid, fd));
            }
            return dup;
        } finally {
            LibC.close(pidfd);
        }
    }

    private static String advice(int errno, int pid, int fd) {
        return switch (errno) {
            case Errno.EPERM, Errno.EACCES -> "needs CAP_SYS_PTRACE (ptrace access to pid " + pid + "): run as root";
            case Errno.EBADF -> "process " + pid + " closed fd " + fd;
            case ESRCH -> "process " + pid + " is gone";
            case Errno.ENOSYS -> "this kernel has no pidfd_getfd (Linux 5.6 or newer is needed)";
            default -> Errors.advice("pidfd_getfd", errno);
        };
    }

    private static String name(int errno) {
        return errno == ESRCH ? "ESRCH" : Errno.name(errno);
    }

    /** @return the target of /proc/self/fd/FD, or "" when it cannot be read */
    static String link(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
