package io.tapsteer.runtime;

/**
 * A command line the launcher cannot run: the message says what was wrong and what is allowed, and
 * is shown as {@code tapsteer: MESSAGE} with the exit code.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param message what was wrong and what is allowed (exit code 2) */
    UsageException(String message) {
        this(message, 2);
    }

    UsageException(String message, int status) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
