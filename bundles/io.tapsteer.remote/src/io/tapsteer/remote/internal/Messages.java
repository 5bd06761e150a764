package io.tapsteer.remote.internal;

/** Turns a failure into one line: the innermost message that says something. */
final class Messages {
    private Messages() {
    }

    static String of(Throwable e) {
        String best = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
        }
        return best;
    }
}
