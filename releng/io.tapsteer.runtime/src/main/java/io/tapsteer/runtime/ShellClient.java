package io.tapsteer.runtime;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client side of the runtime's shell socket (the server is io.tapsteer.shell's ShellEndpoint).
 *
 * <p>Protocol, one request per connection: the client writes the command text's length (4 bytes)
 * and the text (UTF-8) and keeps the connection open while the command runs: a client that goes
 * away (Ctrl-C) closes it, and the server interrupts the command. The server answers with records
 * {@code [kind:1][length:4][bytes]}: kind {@code 'o'} standard output, {@code 'e'} standard error,
 * {@code 'x'} the exit status (4 bytes), last. Output is streamed while the command runs, so live
 * tables show as they are drawn.
 */
final class ShellClient {
    /** How long a command may take to stop after Ctrl-C before the client ends anyway. */
    private static final int STOP_SECONDS = 20;

    private ShellClient() {
    }

    /** @return whether a runtime listens on {@code socket} */
    static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs a script in the runtime on {@code socket}, copying its output to ours.
     *
     * @return the script's exit status
     */
    static int run(Path socket, String script) throws IOException, InterruptedException {
        try (SocketChannel ch = connect(socket)) {
            byte[] text = script.getBytes(StandardCharsets.UTF_8);
            ByteBuffer request = ByteBuffer.allocate(4 + text.length).putInt(text.length).put(text).flip();
            while (request.hasRemaining()) {
                ch.write(request);
            }
            AtomicBoolean stopAsked = new AtomicBoolean();
            sun.misc.Signal interrupt = new sun.misc.Signal("INT");
            sun.misc.SignalHandler before = sun.misc.Signal.handle(interrupt, sig -> stop(ch, stopAsked));
            try {
                int status = answer(ch);
                return stopAsked.get() ? 130 : status;
            } finally {
                sun.misc.Signal.handle(interrupt, before);
            }
        }
    }

    /**
     * Ctrl-C while a command runs: the first one asks the command to stop (the end of this side's
     * output is the request: the runtime interrupts the command, which ends as it would have, a
     * demo with its summary so far); a second one, or no answer within {@value #STOP_SECONDS} s,
     * ends this process at once.
     */
    private static void stop(SocketChannel ch, AtomicBoolean stopAsked) {
        if (stopAsked.getAndSet(true)) {
            System.exit(130);
        }
        try {
            ch.shutdownOutput();
        } catch (IOException e) {
            System.exit(130);
        }
        Thread giveUp = new Thread(() -> {
            try {
                Thread.sleep(STOP_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("tapsteer: the command did not stop within " + STOP_SECONDS + " s of Ctrl-C: ending");
            System.exit(130);
        }, "tapsteer-ctrl-c");
        giveUp.setDaemon(true);
        giveUp.start();
    }

    private static int answer(SocketChannel ch) throws IOException {
        {
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            while (true) {
                int kind;
                int length;
                try {
                    kind = in.readUnsignedByte();
                    length = in.readInt();
                } catch (EOFException e) {
                    System.err.println("tapsteer: the runtime closed the connection before the command ended");
                    return 1;
                }
                byte[] data = in.readNBytes(length);
                switch (kind) {
                    case 'o' -> copy(System.out, data);
                    case 'e' -> copy(System.err, data);
                    case 'x' -> {
                        System.out.flush();
                        return ByteBuffer.wrap(data).getInt();
                    }
                    default -> throw new IOException("unknown record kind " + kind + " from the runtime");
                }
            }
        }
    }

    /** Connects, retrying (bounded) while a starting runtime binds its socket. */
    private static SocketChannel connect(Path socket) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return ch;
            } catch (IOException e) {
                ch.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot reach the runtime on " + socket + ": " + e.getMessage(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static void copy(PrintStream to, byte[] data) {
        to.write(data, 0, data.length);
        to.flush();
    }
}
