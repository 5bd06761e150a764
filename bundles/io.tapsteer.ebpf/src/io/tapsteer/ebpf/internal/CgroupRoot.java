package io.tapsteer.ebpf.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the root of the cgroup v2 hierarchy, for attaching cgroup programs to every process: at
 * its mount point where this process sees one, else through a mount of its own that is detached
 * again at once (a process started by {@code ip netns exec} has a /sys of its own, without the
 * cgroup mounts). The directory fd outlives the mount.
 */
final class CgroupRoot {
    private static final int O_DIRECTORY = 0x10000;
    private static final int MNT_DETACH = 2;

    static {
        Native.register(CgroupRoot.class, "c");
    }

    private static native int mount(String source, String target, String type, long flags, Pointer data);

    private static native int umount2(String target, int flags);

    private CgroupRoot() {
    }

    /**
     * @return an fd of the hierarchy's root directory, to close after use
     * @throws IllegalStateException in words when there is none to be had
     */
    static int open() {
        Path seen = mountPoint();
        if (seen != null) {
            return openDir(seen);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/run"), "tapsteer-cgroup2-");
        } catch (IOException e) {
            throw new IllegalStateException("no cgroup v2 hierarchy is mounted here, and none can be mounted: " + e.getMessage(), e);
        }
        try {
            if (mount("none", dir.toString(), "cgroup2", 0, null) != 0) {
                throw new IllegalStateException("no cgroup v2 hierarchy is mounted here, and mounting one failed: "
                        + Errors.fail("mount", dir.toString()).getMessage());
            }
            try {
                return openDir(dir);
            } finally {
                umount2(dir.toString(), MNT_DETACH);
            }
        } finally {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // still mounted by someone: /run is cleared at boot
            }
        }
    }

    private static int openDir(Path dir) {
        int fd = LibC.open(dir.toString(), LibC.O_RDONLY | O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("the cgroup v2 hierarchy at " + dir + " cannot be opened: "
                    + Errors.fail("open", dir.toString()).getMessage());
        }
        return fd;
    }

    /** @return where this process sees the root of a cgroup2 mount, or null */
    private static Path mountPoint() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                int dash = line.indexOf(" - ");
                String[] before = line.substring(0, Math.max(dash, 0)).split(" ");
                if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ") && before.length > 4 && before[3].equals("/")) {
                    return Path.of(before[4]);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
