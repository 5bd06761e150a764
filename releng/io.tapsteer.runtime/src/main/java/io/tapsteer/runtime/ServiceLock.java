package io.tapsteer.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * {@code run/service.lock}: the service ({@code ./tapsteer run}) holds a lock on it from before its
 * framework starts until its process ends, so a {@code shell -c} can tell a service that is starting
 * or stopping (locked, its socket not answering yet or any more) from no service at all. The kernel
 * drops the lock with the process, so a killed service leaves nothing that looks alive.
 */
final class ServiceLock implements AutoCloseable {
    /** How long a service waits for the lock of one that is still stopping before it refuses to start. */
    private static final long TAKE_MILLIS = 2_000;

    private final FileChannel channel;
    private final FileLock lock;

    private ServiceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path file(Path home) {
        return home.resolve("run/service.lock");
    }

    /**
     * Takes the lock for this process, waiting briefly while a client tests it or a service ends.
     *
     * @return the lock, or null when another process holds it
     */
    static ServiceLock take(Path home) throws IOException, InterruptedException {
        FileChannel ch = open(home);
        long deadline = System.nanoTime() + TAKE_MILLIS * 1_000_000L;
        try {
            while (true) {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return new ServiceLock(ch, lock);
                }
                if (System.nanoTime() - deadline > 0) {
                    ch.close();
                    return null;
                }
                Thread.sleep(20);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            ch.close();
            throw e;
        }
    }

    /** @return whether another process (a service starting, running or stopping) holds the lock */
    static boolean heldByAnother(Path home) throws IOException {
        try (FileChannel ch = open(home)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return false; // this process holds it
        }
    }

    /** Opens the lock file, made owner-only like everything in {@code run/}. */
    private static FileChannel open(Path home) throws IOException {
        return FileChannel.open(file(home), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
