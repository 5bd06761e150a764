package io.tapsteer.remote;

import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one command on a lab host's console ({@link HostShell}) to its end: starts it, hands on what
 * it prints as it comes, and stops it on the host when the caller is interrupted or the time is up.
 */
public final class HostJobs {
    /** Longest wait of one read: well inside a remote call's timeout. */
    private static final int READ_MILLIS = 1000;

    private HostJobs() {
    }

    /**
     * @param shell the host's console
     * @param words the command's name and words
     * @param limitNanos most time the command may take, {@code Long.MAX_VALUE} for no limit
     * @param output receives the command's output, piece by piece
     * @throws IllegalArgumentException with the host's words when the command failed or was refused
     * @throws InterruptedException when the caller was interrupted (the command is stopped)
     * @throws TimeoutException when the command did not end in time (it is stopped)
     */
    public static void run(HostShell shell, List<String> words, long limitNanos, Consumer<String> output)
            throws InterruptedException, TimeoutException {
        String job = shell.start(words);
        long start = System.nanoTime();
        try {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException(words.get(0) + " was stopped");
                }
                if (System.nanoTime() - start > limitNanos) {
                    throw new TimeoutException(words.get(0) + " did not end within " + limitNanos / 1_000_000_000L + " s");
                }
                ShellOutput o = shell.read(job, READ_MILLIS);
                output.accept(o.text());
                if (o.done()) {
                    if (o.failure() != null) {
                        throw new IllegalArgumentException(o.failure());
                    }
                    return;
                }
            }
        } catch (InterruptedException | TimeoutException | IllegalStateException e) {
            try {
                shell.cancel(job);
            } catch (RuntimeException gone) {
                // the host went away: its job ends with its runtime
            }
            throw e;
        }
    }
}
