package io.tapsteer.ebpf.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Steering programs and their maps pinned in bpffs, one directory per device:
 * {@code <root>/<netns inode>-<device>/} holding {@code prog}, the unit's maps by name and
 * {@code meta} (an array map of one {@link #META_SIZE}-byte element: the owner, the program's kind
 * and what its maps do not say, as {@code key=value} lines). A pin keeps the program and maps alive
 * without any fd, so a program on a tap outlives tapsteer and a later run finds it here. The root is
 * {@code /sys/fs/bpf/tapsteer} unless {@value #ROOT_PROPERTY} names another directory on a bpffs;
 * bpffs is mounted on {@code /sys/fs/bpf} when nothing is.
 */
public final class Pins {
    /** System property naming the pin root (tests use their own). */
    public static final String ROOT_PROPERTY = "tapsteer.ebpf.pins";
    /** Bytes of the meta map's one element. */
    static final int META_SIZE = 1024;
    private static final long SYS_MOUNT = 165;
    private final Path root;

    /** @param root the directory that holds one directory per pinned device */
    public Pins(Path root) {
        this.root = root;
    }

    /** @return the pins under {@value #ROOT_PROPERTY} or {@code /sys/fs/bpf/tapsteer} */
    public static Pins standard() {
        return new Pins(Path.of(System.getProperty(ROOT_PROPERTY, "/sys/fs/bpf/tapsteer")));
    }

    /** @return the root directory */
    public Path root() {
        return root;
    }

    /** @return the namespace inode of a device, -1 when its namespace cannot be read */
    public static long inodeOf(TapDevice device) {
        try {
            String link = Files.readSymbolicLink(Path.of(device.namespace().path())).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * @return the directory of a device's pins (it may not exist); a '.' of the device name (a VLAN
     *         device such as {@code eth0.100}) is written {@code %2e}: bpffs refuses names with dots
     */
    public Path dirOf(long netnsInode, String device) {
        return root.resolve(netnsInode + "-" + device.replace("%", "%25").replace(".", "%2e"));
    }

    /** @return the device name of a directory {@link #dirOf} made, from the part after its first '-' */
    static String deviceOf(String dirPart) {
        return dirPart.replace("%2e", ".").replace("%25", "%");
    }

    /**
     * Pins {@code objects} (name to fd; "prog" among them) and the meta lines in the device's
     * directory, replacing what was there.
     *
     * @throws RuntimeException when bpffs cannot be mounted or a pin fails; nothing half pinned stays
     */
    public Path pin(long netnsInode, String device, Map<String, Integer> objects, Map<String, String> meta) {
        mountIfAbsent();
        refuseDots();
        Path dir = dirOf(netnsInode, device);
        remove(dir);
        try {
            createDirectory(dir);
            for (Map.Entry<String, Integer> o : objects.entrySet()) {
                Bpf.pin(o.getValue(), dir.resolve(o.getKey()).toString());
            }
            try (ArrayMap m = new ArrayMap("ts_meta", META_SIZE, 1)) {
                m.put(0, encode(meta));
                Bpf.pin(m.fd(), dir.resolve("meta").toString());
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            remove(dir);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Makes the device directory and the root; another run may remove an empty root meanwhile: retried. */
    private static void createDirectory(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(dir);
                return;
            } catch (java.nio.file.NoSuchFileException rootRemoved) {
                if (attempt == 3) {
                    throw rootRemoved;
                }
            }
        }
    }

    /** @return the meta lines pinned in {@code dir}, empty when there is no readable meta */
    public static Map<String, String> meta(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        int fd;
        try {
            fd = Bpf.objGet(dir.resolve("meta").toString());
        } catch (RuntimeException e) {
            return out;
        }
        try (ArrayMap m = new ArrayMap("ts_meta", META_SIZE, 1, fd)) {
            String text = new String(m.get(0), StandardCharsets.UTF_8);
            for (String line : text.substring(0, Math.max(0, text.indexOf('\0') < 0 ? text.length() : text.indexOf('\0')))
                    .split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (RuntimeException e) {
            out.clear();
        }
        return out;
    }

    private static byte[] encode(Map<String, String> meta) {
        StringBuilder b = new StringBuilder();
        meta.forEach((k, v) -> b.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        byte[] text = b.toString().getBytes(StandardCharsets.UTF_8);
        if (text.length >= META_SIZE) {
            throw new IllegalArgumentException("pin meta of " + text.length + " bytes does not fit " + META_SIZE);
        }
        byte[] out = new byte[META_SIZE];
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    /** @return a new fd on the object pinned as {@code name} in {@code dir} */
    public static int open(Path dir, String name) {
        return Bpf.objGet(dir.resolve(name).toString());
    }

    /** @return every device directory under the root */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).sorted().forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * Unlinks every pin in {@code dir} and the directory; the kernel frees what nothing else holds.
     * The root goes too when that was its last device (unless it is a mount point): no empty
     * directory stays behind in bpffs.
     */
    public static void remove(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the pins in " + dir + ": " + e.getMessage(), e);
        }
        Path root = dir.toAbsolutePath().getParent();
        if (root != null && !isMountPoint(root)) {
            try {
                Files.deleteIfExists(root);
            } catch (IOException stillUsed) {
                // other devices' pins (or another run's new ones) are in it
            }
        }
    }

    private static boolean isMountPoint(Path dir) {
        String abs = dir.toAbsolutePath().normalize().toString();
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" "))
                    .anyMatch(f -> f.length > 1 && f[1].equals(abs));
        } catch (IOException e) {
            return true; // cannot tell: keep it
        }
    }

    /** bpffs refuses names with a '.' (EPERM): say so of the root before anything is made. */
    private void refuseDots() {
        Path abs = root.toAbsolutePath().normalize();
        Path mount = bpfMountOf(abs);
        for (Path part : mount == null ? abs : mount.relativize(abs)) {
            if (part.toString().contains(".")) {
                throw new IllegalStateException("the pin directory " + root + " has a '.' in '" + part + "', which bpffs does not "
                        + "allow in a name: choose one without dots (-D" + ROOT_PROPERTY + "=DIR)");
            }
        }
    }

    /** Mounts bpffs on /sys/fs/bpf when the root is on no bpffs. */
    private void mountIfAbsent() {
        if (onBpffs(root)) {
            return;
        }
        String target = "/sys/fs/bpf";
        if (!root.toAbsolutePath().startsWith(target)) {
            throw new IllegalStateException("the pin directory " + root + " is on no bpffs: use a directory under a bpf "
                    + "mount (for example /sys/fs/bpf/tapsteer)");
        }
        try (Memory src = new Memory(8); Memory dst = new Memory(target.length() + 1); Memory type = new Memory(8)) {
            src.setString(0, "bpf", "US-ASCII");
            dst.setString(0, target, "US-ASCII");
            type.setString(0, "bpf", "US-ASCII");
            if (LibC.syscall(SYS_MOUNT, Pointer.nativeValue(src), Pointer.nativeValue(dst), Pointer.nativeValue(type), 0, 0, 0) < 0) {
                throw Errors.fail("mount(bpf, /sys/fs/bpf)", "the bpffs for pinned steering programs");
            }
        }
    }

    /** @return whether a bpf filesystem is mounted on {@code dir} or a directory above it */
    static boolean onBpffs(Path dir) {
        return bpfMountOf(dir.toAbsolutePath().normalize()) != null;
    }

    /** @return the deepest bpf mount point at or above {@code abs}, or null */
    private static Path bpfMountOf(Path abs) {
        Path best = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("bpf") && abs.startsWith(f[1])
                        && (best == null || Path.of(f[1]).getNameCount() > best.getNameCount())) {
                    best = Path.of(f[1]);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return best;
    }
}
