package io.tapsteer.shell;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs Gogo scripts sent to the runtime's Unix socket ({@code ./tapsteer shell -c}). Listens only
 * when the framework property {@value #SOCKET} names a socket path; the socket is readable and
 * writable by the owner only, since its commands create devices.
 *
 * <p>Protocol, one script per connection: the client writes the script's length (4 bytes) and the
 * script (UTF-8), and keeps the connection open until the answer ends; a client that closes it
 * earlier (Ctrl-C) interrupts the running command, which stops as on Ctrl-C in a console (a
 * capture closes its file whole). The answer is records {@code [kind:1][length:4][bytes]}:
 * {@code 'o'} output, {@code 'e'} errors, {@code 'x'} the exit status (4 bytes, 0 when every
 * command succeeded), last.
 */
@Component(immediate = true)
public final class ShellEndpoint {
    /** Framework property: the socket path to listen on. */
    public static final String SOCKET = "tapsteer.shell.socket";
    private static final Logger LOG = Logger.getLogger(ShellEndpoint.class.getName());
    /** The longest script a client may send, in bytes. */
    private static final int MAX_SCRIPT = 1 << 20;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private CommandProcessor processor;
    private ServerSocketChannel server;
    private Path path;
    private BundleContext context;
    private FrameworkListener started;
    private CommandDispatch dispatch;
    private boolean closed;

    @Reference
    void setProcessor(CommandProcessor processor) {
        this.processor = processor;
    }

    @Activate
    void activate(BundleContext context) throws IOException {
        dispatch = new CommandDispatch(context);
        String p = context.getProperty(SOCKET);
        if (p == null || p.isBlank()) {
            return;
        }
        path = Path.of(p);
        // The socket appears only once every bundle has started, so the first command a client
        // sends finds every service (the socket's existence is the runtime's "ready" signal).
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            listen();
        } else {
            started = e -> {
                if (e.getType() == FrameworkEvent.STARTED) {
                    try {
                        listen();
                    } catch (IOException x) {
                        LOG.log(Level.WARNING, "tapsteer shell socket " + path + ": " + x.getMessage(), x);
                    }
                }
            };
            context.addFrameworkListener(started);
            this.context = context;
        }
    }

    private synchronized void listen() throws IOException {
        if (server != null || closed) {
            return;
        }
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        Thread t = new Thread(this::accept, "tapsteer-shell-endpoint");
        t.setDaemon(true);
        t.start();
    }

    @Deactivate
    synchronized void deactivate() throws IOException {
        closed = true;
        if (started != null) {
            try {
                context.removeFrameworkListener(started);
            } catch (IllegalStateException e) {
                // the framework is stopping
            }
        }
        if (server == null) {
            return;
        }
        server.close();
        // A running command (a demo, a capture) is interrupted and given a few seconds to clean up
        // (a capture closes its file whole) before its connection is closed and the runtime goes on stopping.
        running.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : running) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (SocketChannel ch : open) {
            ch.close();
        }
        Files.deleteIfExists(path);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                open.add(ch);
                Thread t = new Thread(() -> serve(ch), "tapsteer-shell-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "tapsteer shell socket: " + e.getMessage(), e);
                }
            }
        }
    }

    private void serve(SocketChannel ch) {
        Thread session = Thread.currentThread();
        running.add(session);
        AtomicBoolean answered = new AtomicBoolean();
        try (ch; RecordStream out = new RecordStream(Channels.newOutputStream(ch), 'o');
                RecordStream err = out.sibling('e')) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            int length = in.readInt();
            if (length < 0 || length > MAX_SCRIPT) {
                throw new IOException("a script of " + length + " bytes");
            }
            String script = new String(in.readNBytes(length), StandardCharsets.UTF_8).strip();
            watchHangUp(ch, session, answered);
            int status = run(script, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            synchronized (answered) {
                answered.set(true);
                Thread.interrupted(); // a hang-up just now: nobody reads the answer, and the thread ends
            }
            out.exit(status);
        } catch (IOException e) {
            // The client went away (Ctrl-C on its side): nothing to answer.
        } finally {
            open.remove(ch);
            running.remove(session);
        }
    }

    /**
     * Interrupts the session when its client closes the connection before the answer is complete:
     * the client sends nothing after the script, so the end of its input is its going away.
     */
    private static void watchHangUp(SocketChannel ch, Thread session, AtomicBoolean answered) {
        Thread t = new Thread(() -> {
            // the channel itself, not a stream on it: a channel stream holds the channel's blocking
            // lock while it waits, and the session's output stream needs that lock to write
            ByteBuffer sink = ByteBuffer.allocate(64);
            try {
                while (ch.read(sink.clear()) >= 0) {
                    // nothing more is expected; read to the end
                }
            } catch (IOException closed) {
                // the session closed the connection itself
            }
            synchronized (answered) {
                if (!answered.get()) {
                    session.interrupt();
                }
            }
        }, "tapsteer-shell-hangup");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Runs a script command by command in one session, printing each result through the session's
     * converters (see TextFormat); stops at the first failure. Tapsteer's commands are bound to
     * their arguments by {@link CommandDispatch}, everything else by Gogo.
     *
     * @return 0 when every command succeeded, 1 otherwise
     */
    /** @return what went wrong; Gogo's "Cannot coerce" becomes the command's usage */
    private String refusal(String command, Exception e) {
        String m = Messages.of(e);
        if (m.startsWith("Cannot coerce ")) {
            try {
                String usage = dispatch.usage(command);
                if (usage != null) {
                    String name = usage.substring(0, usage.indexOf(' ') < 0 ? usage.length() : usage.indexOf(' '));
                    return "no form of " + name + " takes these arguments; usage: " + usage;
                }
            } catch (InvalidSyntaxException x) {
                // no usage to give: Gogo's text stands
            }
        }
        return m;
    }

    int run(String script, PrintStream out, PrintStream err) {
        CommandSession session = processor.createSession(InputStream.nullInputStream(), out, err);
        String current = script;
        try {
            for (String command : Script.commands(script)) {
                current = command;
                CommandDispatch.Call call = dispatch.find(command);
                Object result = call != null ? call.run(session) : session.execute(command);
                if (result != null) {
                    out.println(session.format(result, Converter.INSPECT));
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("tapsteer: " + current + ": " + refusal(current, e));
            return 1;
        } finally {
            out.flush();
            err.flush();
            session.close();
        }
    }
}
