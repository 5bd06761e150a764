package io.tapsteer.ebpf.internal;

import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.Errno;

/**
 * The kernel's verifier refused a program. The message ends with the tail of the verifier log, the
 * lines that name the failing instruction; {@link #log()} has all of it.
 */
public final class VerifierException extends TapException {
    private static final long serialVersionUID = 1L;
    /** Lines of the log's tail put into the message. */
    static final int TAIL_LINES = 12;

    private final String log;

    VerifierException(String program, int instructions, int errno, String log) {
        super("bpf(BPF_PROG_LOAD)", errno, "the kernel verifier rejected program " + program + " (" + instructions
                + " instructions) with " + Errno.name(errno) + "; the end of the verifier log:\n" + tail(log, TAIL_LINES));
        this.log = log;
    }

    /** @return the whole verifier log */
    public String log() {
        return log;
    }

    /** @return the last {@code lines} non-empty lines of {@code log} */
    static String tail(String log, int lines) {
        String[] all = log.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        StringBuilder b = new StringBuilder();
        for (int i = from; i < all.length; i++) {
            b.append("  ").append(all[i]).append('\n');
        }
        return b.length() == 0 ? "  (empty log)\n" : b.toString();
    }
}
