package io.tapsteer.tap.sys;

import io.tapsteer.api.tap.TapException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A file descriptor this process owns, closed exactly once. One atomic state word holds a closed
 * flag and the number of calls using the fd right now: {@link #close()} may come any number of
 * times from any thread, and the kernel fd is closed once, by whoever leaves it unused after the
 * first close (the closing thread, or the last call still running). So a read racing a close never
 * hits a number the kernel already gave to another file, and a call after the close fails with
 * EBADF in words instead of touching whatever holds that number then.
 *
 * <p>Calls go {@link #acquire} ... system call ... {@link #release}; {@link #read} and
 * {@link #write} do that themselves and apply the one "would block" rule ({@link Errno#wouldBlock}):
 * they return {@link #WOULD_BLOCK} instead of throwing. Two atomic operations per call, no lock and
 * no allocation.
 */
public final class Fd implements AutoCloseable {
    /** What {@link #read}, {@link #write} and {@link #outcome} return when the call would block. */
    public static final long WOULD_BLOCK = -1;
    private static final int CLOSED = Integer.MIN_VALUE;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Fd.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int fd;
    private final String subject;
    /** Sign bit: closed; the rest: calls in progress. */
    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    private Fd(int fd, String subject) {
        this.fd = fd;
        this.subject = subject;
    }

    /**
     * Takes ownership of an open fd.
     *
     * @param fd the fd, 0 or more
     * @param subject what it is, for messages (e.g. {@code queue 0 of tap "lab0"})
     * @return the owner; closing it closes {@code fd}
     */
    public static Fd of(int fd, String subject) {
        if (fd < 0) {
            throw new IllegalArgumentException("fd " + fd + " of " + subject + " is not an open file descriptor");
        }
        return new Fd(fd, subject);
    }

    /** @return what the fd is, as messages name it */
    public String subject() {
        return subject;
    }

    /** @return the fd number while open, -1 once {@link #close()} was called */
    public int intValue() {
        return (int) STATE.getVolatile(this) < 0 ? -1 : fd;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return (int) STATE.getVolatile(this) < 0;
    }

    /**
     * Marks the fd in use by one call; pair with {@link #release()} in a {@code finally}.
     *
     * @param call the system call about to run, for the message
     * @return the fd number, valid until {@link #release()}
     * @throws TapException EBADF when the fd is closed
     */
    public int acquire(String call) {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if (s < 0) {
                throw Errors.fail(call, subject, Errno.EBADF);
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return fd;
            }
        }
    }

    /** Ends the use {@link #acquire} began; the last use after a close closes the kernel fd. */
    public void release() {
        if ((int) STATE.getAndAdd(this, -1) - 1 == CLOSED) {
            LibC.close(fd);
        }
    }

    /**
     * read(2) into native memory.
     *
     * @return bytes read, or {@link #WOULD_BLOCK}
     * @throws TapException when the fd is closed or the kernel refuses the read
     */
    public long read(long address, long count) {
        int f = acquire("read");
        try {
            return outcome(LibC.read(f, address, count), "read");
        } finally {
            release();
        }
    }

    /**
     * write(2) from native memory.
     *
     * @return bytes written, or {@link #WOULD_BLOCK}
     * @throws TapException when the fd is closed or the kernel refuses the frame
     */
    public long write(long address, long count) {
        int f = acquire("write");
        try {
            return outcome(LibC.write(f, address, count), "write");
        } finally {
            release();
        }
    }

    /**
     * Judges the return value of a call made on this fd, on the thread that made it (errno is per
     * thread), before {@link #release()}.
     *
     * @param result what the call returned, -1 on failure
     * @param call the call's name, for the message
     * @return {@code result} when it succeeded, {@link #WOULD_BLOCK} when it would have blocked
     * @throws TapException for every other failure, with errno and words
     */
    public long outcome(long result, String call) {
        if (result >= 0) {
            return result;
        }
        int errno = Errors.errno();
        if (Errno.wouldBlock(errno)) {
            return WOULD_BLOCK;
        }
        throw Errors.fail(call, subject, errno);
    }

    /**
     * Closes the fd: at once when no call uses it, else when the last one ends. Idempotent and
     * safe from any thread; only the first call has an effect.
     */
    @Override
    public void close() {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if (s < 0) {
                return;
            }
            if (STATE.compareAndSet(this, s, s | CLOSED)) {
                if (s == 0) {
                    LibC.close(fd);
                }
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "fd " + fd + " (" + subject + (isClosed() ? ", closed)" : ")");
    }
}
