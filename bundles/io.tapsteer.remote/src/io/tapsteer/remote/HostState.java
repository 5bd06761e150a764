package io.tapsteer.remote;

import java.time.Instant;

/**
 * What tapsteer knows of a lab host's tunnel: connecting, connected (with the local end of its
 * port forward), unreachable since a time (retried), or refused with a reason (not retried until
 * its configuration changes).
 *
 * @param kind the state
 * @param since when the host entered it
 * @param reason why it is unreachable or refused; empty otherwise
 * @param localPort the forward's port on 127.0.0.1 while connected, else 0
 */
public record HostState(Kind kind, Instant since, String reason, int localPort) {
    /** The states a host can be in. */
    public enum Kind {
        /** the first attempt is under way */
        CONNECTING,
        /** logged in, port forward open */
        CONNECTED,
        /** no answer or connection lost: retried */
        UNREACHABLE,
        /** the host, its key, the login or the configuration was refused: not retried */
        REFUSED
    }

    /** @return one line: {@code connected (127.0.0.1:40211)}, {@code unreachable since T: why}, {@code refused: why} */
    public String text() {
        return switch (kind) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected (127.0.0.1:" + localPort + ")";
            case UNREACHABLE -> "unreachable since " + since + (reason.isEmpty() ? "" : ": " + reason);
            case REFUSED -> "refused: " + reason;
        };
    }
}
