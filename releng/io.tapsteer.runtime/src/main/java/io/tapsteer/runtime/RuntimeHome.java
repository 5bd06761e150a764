package io.tapsteer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The runtime home and its folders, made and checked so that only the user running the runtime
 * can change what it reads. The runtime runs as root and installs every jar in {@code deploy/} and
 * applies every configuration in {@code conf/}: a folder that anyone else can write would let them
 * run code as root. Folders are created owner-only whatever the umask, and an existing home, conf/
 * or deploy/ (or anything in them) that another user owns or may write is refused in one sentence.
 */
final class RuntimeHome {
    /** The folders of a home, created owner-only. */
    private static final List<String> FOLDERS = List.of("conf", "deploy", "cache", "run");

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private RuntimeHome() {
    }

    /** Thrown when the home is unsafe to read; the message is the sentence to show. */
    static final class UnsafeHomeException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsafeHomeException(String message) {
            super(message);
        }
    }

    /**
     * Creates the home and its folders (owner-only) where missing, then checks what the runtime
     * will read.
     *
     * @param home the runtime home
     * @throws UnsafeHomeException when another user owns or may write the home, conf/, deploy/ or
     *         anything in conf/ or deploy/
     */
    static void prepare(Path home) throws IOException {
        createOwnerOnly(home);
        for (String d : FOLDERS) {
            createOwnerOnly(home.resolve(d));
        }
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        check(home, uid);
        for (String d : List.of("conf", "deploy")) {
            try (Stream<Path> s = Files.walk(home.resolve(d))) {
                for (Path p : s.toList()) {
                    check(p, uid);
                }
            }
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(dir);
        // createDirectories applies the umask; set the mode itself so no umask can widen it.
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }

    private static void check(Path p, int uid) throws IOException {
        int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != uid) {
            throw new UnsafeHomeException(p + " belongs to uid " + owner + ", not to uid " + uid
                    + " that runs tapsteer: the runtime reads nothing another user owns (chown it, or remove it)");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new UnsafeHomeException(p + " is writable by " + (perms.contains(PosixFilePermission.OTHERS_WRITE) ? "every user" : "its group")
                    + " (mode " + PosixFilePermissions.toString(perms) + "): the runtime reads nothing others can change (chmod go-w " + p + ")");
        }
    }
}
