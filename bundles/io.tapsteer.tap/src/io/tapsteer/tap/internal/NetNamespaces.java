package io.tapsteer.tap.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network namespaces of the host, deduplicated by inode: the initial one (pid 1's, labelled
 * {@code host}), the named ones under /run/netns, and those any thread of any process is in
 * (labelled {@code pid:N}, N the lowest pid found in it). Threads count, not only processes: a
 * process may run threads in several namespaces (tapsteer's own private labs are such threads).
 */
public final class NetNamespaces {
    /**
     * One namespace.
     *
     * @param inode its nsfs inode
     * @param label host, a /run/netns name, or pid:N
     * @param path a file that opens it (for setns)
     */
    public record Ref(long inode, String label, String path) {
    }

    private NetNamespaces() {
    }

    /** @return every namespace found, host first, then named ones, then those of processes */
    public static List<Ref> discover() {
        Map<Long, Ref> found = new LinkedHashMap<>();
        long host = inodeOf(Path.of("/proc/1/ns/net"));
        if (host > 0) {
            found.put(host, new Ref(host, "host", "/proc/1/ns/net"));
        }
        for (Path p : list(Path.of("/run/netns"))) {
            long ino = statInode(p);
            if (ino > 0) {
                found.putIfAbsent(ino, new Ref(ino, p.getFileName().toString(), p.toString()));
            }
        }
        for (int pid : pids()) {
            for (Path task : list(Path.of("/proc/" + pid + "/task"))) {
                Path ns = task.resolve("ns/net");
                long ino = inodeOf(ns);
                if (ino > 0) {
                    found.putIfAbsent(ino, new Ref(ino, "pid:" + pid, ns.toString()));
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** @return the processes, in ascending pid order */
    static List<Integer> pids() {
        List<Integer> pids = new ArrayList<>();
        for (Path p : list(Path.of("/proc"))) {
            String n = p.getFileName().toString();
            if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                pids.add(Integer.parseInt(n));
            }
        }
        pids.sort(null);
        return pids;
    }

    /** @return the inode of a namespace symlink such as /proc/PID/ns/net ({@code net:[INODE]}), 0 if unreadable */
    public static long inodeOf(Path nsLink) {
        try {
            return parse(Files.readSymbolicLink(nsLink).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** @return the inode named in {@code net:[INODE]}, 0 when the text is not of that form */
    static long parse(String link) {
        if (link.startsWith("net:[") && link.endsWith("]")) {
            try {
                return Long.parseLong(link.substring(5, link.length() - 1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * @return the inode of the namespace an open fd refers to, 0 when it is not one. An fd opened
     *         through /proc/PID/ns/net links as {@code net:[INODE]}; one opened through a bind
     *         mount (/run/netns/NAME) links as that path, and its stat gives the inode (setns
     *         refuses the fd if it is not a namespace after all)
     */
    static long inodeOfFd(int fd) {
        long ino = parse(Pidfd.link(fd));
        return ino != 0 ? ino : statInode(Path.of("/proc/self/fd/" + fd));
    }

    /** @return the inode of a bind-mounted namespace file (/run/netns/NAME), 0 if unreadable */
    static long statInode(Path p) {
        try {
            Object ino = Files.getAttribute(p, "unix:ino");
            return ino instanceof Long l ? l : 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(p);
            }
        } catch (IOException | RuntimeException e) {
            // the process exited or is not readable: nothing to list
        }
        return out;
    }
}
