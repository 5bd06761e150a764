package io.tapsteer.api.stats;

/** Why tapsteer dropped a frame it had read from the kernel (or could not hand on). */
public enum DropReason {
    /** No pooled buffer was free. */
    POOL_EXHAUSTED("pool-exhausted"),
    /** The destination lane's queue was full (a slow handler). */
    LANE_FULL("lane-full"),
    /** A frame handler threw. */
    HANDLER_ERROR("handler-error"),
    /** The frame could not be parsed or was truncated. */
    MALFORMED("malformed");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** @return the label used in text and JSON output */
    public String label() {
        return label;
    }
}
