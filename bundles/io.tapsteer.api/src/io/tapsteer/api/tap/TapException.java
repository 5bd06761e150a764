package io.tapsteer.api.tap;

/**
 * A failed operation on a tap device, queue, socket or namespace. Keeps the system call and the
 * errno it failed with; the message says in words what went wrong and what the user can do.
 */
public class TapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /**
     * @param call the system call or operation, for example {@code ioctl(TUNSETQUEUE)}
     * @param errno the errno, or 0 when the failure did not come from the kernel
     * @param message what went wrong and what is allowed
     */
    public TapException(String call, int errno, String message) {
        super(message);
        this.call = call;
        this.errno = errno;
    }

    /** @return the system call or operation that failed */
    public String call() {
        return call;
    }

    /** @return the errno of the failure, 0 when it did not come from the kernel */
    public int errno() {
        return errno;
    }

    /**
     * @return whether the errno is one the kernel gives for a device that no longer exists (ENXIO,
     *         ENODEV, EBADFD): worth asking {@link TapDevice#isGone()}, never worth retrying
     */
    public boolean deviceGone() {
        return errno == 6 || errno == 19 || errno == 77;
    }
}
