package io.tapsteer.lab.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The lab guest's kernel and initramfs, built once into a cache folder from Debian packages
 * (linux-image-*-cloud-amd64 through {@code apt-get download}, busybox-static, gcc) by
 * {@code build-guest.sh}. A cache is reused while it was built from the same scripts; a changed
 * script rebuilds it.
 */
public final class GuestImage {
    /** System property naming the cache folder; default {@code target/vm-guest} of the checkout. */
    public static final String CACHE_PROPERTY = "tapsteer.vm.cache";
    private static final String[] SOURCES = {"build-guest.sh", "guest-init.sh", "guestctl.c"};
    private static final long BUILD_LIMIT_SECONDS = 300;

    private final Path kernel;
    private final Path initrd;
    private final String kernelVersion;

    private GuestImage(Path kernel, Path initrd, String kernelVersion) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.kernelVersion = kernelVersion;
    }

    /** @return the kernel image (bzImage) */
    public Path kernel() {
        return kernel;
    }

    /** @return the gzip'ed initramfs */
    public Path initrd() {
        return initrd;
    }

    /** @return the Debian kernel's release, e.g. 6.1.0-57-cloud-amd64 */
    public String kernelVersion() {
        return kernelVersion;
    }

    /**
     * @return the cache folder: the {@value #CACHE_PROPERTY} system property, else
     *         {@code target/vm-guest} in the nearest folder up from the working directory that holds
     *         the project's {@code tapsteer} launcher, else in the working directory
     */
    public static Path defaultCache() {
        String p = System.getProperty(CACHE_PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path d = cwd; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tapsteer")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d.resolve("target/vm-guest");
            }
        }
        return cwd.resolve("target/vm-guest");
    }

    /**
     * Returns the image in {@code cache}, building it first when it is missing or was built from
     * other scripts (takes a few seconds; needs root for apt, gcc and busybox-static).
     *
     * @throws IllegalStateException saying what failed and what to install
     */
    public static synchronized GuestImage ensure(Path cache) {
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("the lab guest's image folder " + cache + " could not be created: " + e.getMessage(), e);
        }
        // another process (a second runtime, a test JVM) may be building the same cache
        try (FileChannel lock = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lock.lock()) {
            return ensureLocked(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("the lab guest's image in " + cache + " could not be locked: " + e.getMessage(), e);
        }
    }

    private static GuestImage ensureLocked(Path cache) {
        try {
            byte[][] sources = new byte[SOURCES.length][];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < SOURCES.length; i++) {
                sources[i] = resource(SOURCES[i]);
                sha.update(sources[i]);
            }
            String stamp = HexFormat.of().formatHex(sha.digest());
            Path stampFile = cache.resolve("built-from");
            Path kernel = cache.resolve("vmlinuz");
            Path initrd = cache.resolve("initrd.gz");
            Path version = cache.resolve("kernel-version");
            boolean fresh = Files.isRegularFile(kernel) && Files.isRegularFile(initrd) && Files.isRegularFile(version)
                    && Files.isRegularFile(stampFile) && Files.readString(stampFile).strip().equals(stamp);
            if (!fresh) {
                Files.deleteIfExists(stampFile);
                for (int i = 0; i < SOURCES.length; i++) {
                    Files.write(cache.resolve(SOURCES[i]), sources[i]);
                }
                build(cache);
                Files.writeString(stampFile, stamp + "\n");
            }
            return new GuestImage(kernel, initrd, Files.readString(version).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("the lab guest's image in " + cache + " could not be prepared: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void build(Path cache) throws IOException {
        Path log = cache.resolve("build.log");
        Process p = new ProcessBuilder("bash", cache.resolve("build-guest.sh").toString(), cache.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(BUILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("building the lab guest took over " + BUILD_LIMIT_SECONDS + " s: see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("building the lab guest was interrupted", e);
        }
        if (p.exitValue() != 0) {
            String out = Files.readString(log, StandardCharsets.UTF_8).strip();
            throw new IllegalStateException("building the lab guest failed (needs root, apt, gcc and busybox-static): "
                    + out.substring(Math.max(0, out.length() - 600)));
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GuestImage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the lab bundle");
            }
            return in.readAllBytes();
        }
    }
}
