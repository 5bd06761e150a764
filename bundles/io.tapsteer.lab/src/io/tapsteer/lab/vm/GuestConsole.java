package io.tapsteer.lab.vm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The guest's serial console as QEMU's stdio: requests are lines written to it, answers are the
 * lines the guest's init prints with the {@value #PREFIX} prefix. Everything else (kernel
 * messages, QEMU's own warnings) is kept, the last lines only, to explain a failure.
 */
final class GuestConsole {
    static final String PREFIX = "tapsteer-guest ";
    private static final int KEPT_LINES = 30;
    private static final String EOF = "\0eof";

    private final OutputStream requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> other = new ArrayDeque<>();

    GuestConsole(InputStream out, OutputStream in, String threadName) {
        this.requests = in;
        Thread reader = new Thread(() -> read(out), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.replace("\r", "");
                int at = line.indexOf(PREFIX);
                if (at >= 0) {
                    answers.add(line.substring(at + PREFIX.length()).strip());
                } else if (!line.isBlank()) {
                    synchronized (other) {
                        if (other.size() == KEPT_LINES) {
                            other.removeFirst();
                        }
                        other.addLast(line);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        answers.add(EOF);
    }

    /** Writes one request line (whole, also when two threads send); false when the console is closed. */
    synchronized boolean send(String request) {
        try {
            requests.write((request + "\n").getBytes(StandardCharsets.US_ASCII));
            requests.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @return the next answer that starts with {@code word}, skipping others; null when none came
     *         within the time or the console ended
     */
    String await(String word, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = deadline - System.nanoTime();
            String a = left > 0 ? answers.poll(left, TimeUnit.NANOSECONDS) : null;
            if (a == null || a == EOF) {
                if (a == EOF) {
                    answers.add(EOF);
                }
                return null;
            }
            if (a.startsWith("error ")) {
                throw new IllegalStateException("the lab guest says: " + a.substring(6));
            }
            if (a.equals(word) || a.startsWith(word + " ")) {
                return a;
            }
        }
    }

    /** @return the last lines that were not answers, for an error message */
    String lastLines() {
        synchronized (other) {
            return String.join("\n", other);
        }
    }
}
