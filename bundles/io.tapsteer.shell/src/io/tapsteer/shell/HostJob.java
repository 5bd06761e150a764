package io.tapsteer.shell;

import io.tapsteer.remote.ShellOutput;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * One command a lab host runs for a desktop ({@link HostShellComponent}), on a thread of its own;
 * its output waits in memory until the desktop reads it, up to {@link #MAX_UNREAD} bytes (a desktop
 * that stops reading gets the command stopped rather than the host's memory filled).
 */
final class HostJob {
    /** Output a job may hold unread. */
    static final int MAX_UNREAD = 8 << 20;
    private final String line;
    private final CommandDispatch.Call call;
    private final CommandProcessor processor;
    private final ByteArrayOutputStream unread = new ByteArrayOutputStream();
    private final Thread thread;
    private boolean done;
    private String failure;
    private long endedAt;

    HostJob(String id, String line, CommandDispatch.Call call, CommandProcessor processor) {
        this.line = line;
        this.call = call;
        this.processor = processor;
        this.thread = new Thread(this::run, "tapsteer-host-shell-" + id);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        PrintStream out = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (HostJob.this) {
                    if (unread.size() + len > MAX_UNREAD) {
                        thread.interrupt();
                        return;
                    }
                    unread.write(b, off, len);
                    HostJob.this.notifyAll();
                }
            }
        }, true, StandardCharsets.UTF_8);
        String why = null;
        try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            Object result = call.run(session);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
        } catch (Exception e) {
            why = Messages.of(e);
        } finally {
            out.flush();
            synchronized (this) {
                if (unread.size() >= MAX_UNREAD && why == null) {
                    why = line + " printed more than " + MAX_UNREAD + " bytes that were not read: it was stopped";
                }
                failure = why;
                done = true;
                endedAt = System.nanoTime();
                notifyAll();
            }
        }
    }

    /** @return the output since the last read, waiting up to {@code waitMillis} for some or the end */
    synchronized ShellOutput read(int waitMillis) {
        long until = System.nanoTime() + waitMillis * 1_000_000L;
        while (!done && unread.size() == 0) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                wait(Math.max(1, left / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String text = unread.toString(StandardCharsets.UTF_8);
        unread.reset();
        return new ShellOutput(text, done, done ? failure : null);
    }

    /** Stops the command as Ctrl-C would. */
    void cancel() {
        thread.interrupt();
    }

    /** @return whether it ended over {@link HostShellComponent#KEEP_NANOS} ago, unread */
    synchronized boolean expired() {
        return done && System.nanoTime() - endedAt > HostShellComponent.KEEP_NANOS;
    }
}
