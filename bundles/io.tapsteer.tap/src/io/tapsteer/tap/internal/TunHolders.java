package io.tapsteer.tap.internal;

import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tun queue fds of every process: fds whose link is /dev/net/tun and whose
 * /proc/PID/fdinfo/FD names a device in its {@code iff:} line (attached and detached queues alike;
 * an fd not yet bound by TUNSETIFF shows an empty name).
 * The device's namespace comes from TUNGETDEVNETNS on a duplicate of the fd, since a name alone is
 * ambiguous across namespaces; when the fd cannot be duplicated, the holder's own namespace is
 * taken instead.
 */
public final class TunHolders {
    /** TUNGETDEVNETNS, {@code _IO('T', 227)}: returns an fd of the device's network namespace. */
    static final long TUNGETDEVNETNS = 0x54e3L;
    private static final int CAP_SYS_PTRACE = 19;

    /**
     * One queue fd.
     *
     * @param holder who holds it
     * @param device the device name (iff)
     * @param netnsInode the device's namespace inode, 0 when unknown
     */
    public record QueueFd(TapHolder holder, String device, long netnsInode) {
    }

    private TunHolders() {
    }

    /** @return every tun queue fd bound to a device, of every process readable here */
    public static List<QueueFd> all() {
        List<QueueFd> out = new ArrayList<>();
        for (int pid : NetNamespaces.pids()) {
            String command = null;
            for (Path fdLink : NetNamespaces.list(Path.of("/proc/" + pid + "/fd"))) {
                if (!isTun(fdLink)) {
                    continue;
                }
                int fd;
                try {
                    fd = Integer.parseInt(fdLink.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                String iff = iff(Path.of("/proc/" + pid + "/fdinfo/" + fd));
                if (iff.isEmpty()) {
                    continue;
                }
                if (command == null) {
                    command = command(pid);
                }
                out.add(new QueueFd(new TapHolder(pid, command, fd), iff, deviceNamespace(pid, fd)));
            }
        }
        return out;
    }

    /**
     * @return whether the calling thread lacks CAP_SYS_PTRACE, so that it may not list the fds of
     *         other processes (ptrace read access, as pidfd_getfd needs: root without it may not see
     *         a process with more capabilities than its own)
     */
    public static boolean othersUnreadable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << CAP_SYS_PTRACE)) == 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean isTun(Path fdLink) {
        try {
            return Files.readSymbolicLink(fdLink).toString().equals("/dev/net/tun");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return the {@code iff:} value of an fdinfo file, "" when absent */
    static String iff(Path fdinfo) {
        try {
            for (String line : Files.readAllLines(fdinfo)) {
                if (line.startsWith("iff:")) {
                    return line.substring(4).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed meanwhile
        }
        return "";
    }

    static String command(int pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** @return the device's namespace inode through a duplicate, else the holder's, 0 if neither is readable */
    private static long deviceNamespace(int pid, int fd) {
        try {
            int dup = Pidfd.duplicate(pid, fd);
            try {
                long ino = namespaceOf(dup);
                if (ino > 0) {
                    return ino;
                }
            } finally {
                LibC.close(dup);
            }
        } catch (TapException e) {
            // not allowed or gone: fall back to where the holder is
        }
        return NetNamespaces.inodeOf(Path.of("/proc/" + pid + "/ns/net"));
    }

    /** @return the inode of the namespace of the tun device bound to {@code tunFd}, 0 when the ioctl fails */
    static long namespaceOf(int tunFd) {
        int nsfd = LibC.ioctl(tunFd, TUNGETDEVNETNS, 0);
        if (nsfd < 0) {
            return 0;
        }
        try {
            return NetNamespaces.inodeOfFd(nsfd);
        } finally {
            LibC.close(nsfd);
        }
    }
}
