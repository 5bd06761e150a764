package io.tapsteer.lab.capture;

import java.io.IOException;

/**
 * A capture that cannot be read (further), in words: which file, what is wrong with it, and how
 * many whole frames came before the fault (those stay valid).
 */
public final class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public CaptureException(String message) {
        super(message);
    }
}
