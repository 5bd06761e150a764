package io.tapsteer.ebpf.internal;

import io.tapsteer.tap.sys.LibC;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the pin directories whose device is gone: left by a run that crashed or was killed before
 * it could detach, after the device's holder exited or its namespace was deleted. A directory
 * {@code <netns inode>-<device>} is stale when no file of the host opens a network namespace of
 * that inode (/proc/self, /run/netns, any thread of any process), or when that namespace has no
 * device of that name. Anything it cannot tell (a name of another form, a namespace it cannot
 * enter) counts as there: pins are removed only when their device is certainly gone.
 */
public final class StalePins {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    private StalePins() {
    }

    /**
     * @param dir a device directory under the pin root
     * @return why its device is gone, or empty when it is there or that cannot be told
     */
    public static Optional<String> whyGone(Path dir) {
        String name = dir.getFileName().toString();
        int dash = name.indexOf('-');
        long inode;
        try {
            inode = dash > 0 ? Long.parseLong(name.substring(0, dash)) : -1;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (inode <= 0 || dash == name.length() - 1) {
            return Optional.empty();
        }
        String device = Pins.deviceOf(name.substring(dash + 1));
        Optional<Path> ns = namespaceFile(inode);
        if (ns.isEmpty()) {
            return Optional.of("its network namespace (inode " + inode + ") is gone");
        }
        return hasDevice(ns.get(), device).filter(has -> !has)
                .map(has -> "its network namespace (inode " + inode + ") has no device " + device + " any more");
    }

    /** @return a file that opens the network namespace of that inode, empty when none does */
    static Optional<Path> namespaceFile(long inode) {
        if (linkInode(Path.of("/proc/self/ns/net")) == inode) {
            return Optional.of(Path.of("/proc/self/ns/net"));
        }
        for (Path p : list(Path.of("/run/netns"))) {
            try {
                if (((Number) Files.getAttribute(p, "unix:ino")).longValue() == inode) {
                    return Optional.of(p);
                }
            } catch (IOException | RuntimeException e) {
                // not a namespace file (or gone meanwhile)
            }
        }
        for (Path proc : list(Path.of("/proc"))) {
            if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
                continue;
            }
            for (Path task : list(proc.resolve("task"))) {
                Path ns = task.resolve("ns/net");
                if (linkInode(ns) == inode) {
                    return Optional.of(ns);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @return whether the namespace opened by {@code nsFile} has a device of that name, empty when
     *         the namespace cannot be entered; asked on a thread of its own, which ends in it
     */
    static Optional<Boolean> hasDevice(Path nsFile, String device) {
        AtomicReference<Optional<Boolean>> answer = new AtomicReference<>(Optional.empty());
        Thread t = new Thread(() -> {
            int fd = LibC.open(nsFile.toString(), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                return;
            }
            try {
                if (LibC.setns(fd, CLONE_NEWNET) == 0) {
                    answer.set(Optional.of(LibC.if_nametoindex(device) > 0));
                }
            } finally {
                LibC.close(fd);
            }
        }, "tapsteer-stale-pins");
        t.setDaemon(true);
        t.start();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer.get();
    }

    private static long linkInode(Path nsLink) {
        try {
            String link = Files.readSymbolicLink(nsLink).toString();
            int open = link.indexOf('[');
            int close = link.indexOf(']');
            return link.startsWith("net:") && open > 0 && close > open ? Long.parseLong(link.substring(open + 1, close)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException | RuntimeException e) {
            return out; // a process that exited while listed
        }
        return out;
    }
}
