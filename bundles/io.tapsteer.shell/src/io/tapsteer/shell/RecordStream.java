package io.tapsteer.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes one kind of output as records {@code [kind:1][length:4][bytes]} onto a shared socket
 * stream (see {@link ShellEndpoint}); siblings share the stream and a lock, so records of output
 * and errors interleave whole.
 */
final class RecordStream extends OutputStream {
    private final OutputStream socket;
    private final char kind;
    private final Object lock;

    RecordStream(OutputStream socket, char kind) {
        this(socket, kind, new Object());
    }

    private RecordStream(OutputStream socket, char kind, Object lock) {
        this.socket = socket;
        this.kind = kind;
        this.lock = lock;
    }

    /** @return a stream of another kind on the same socket */
    RecordStream sibling(char otherKind) {
        return new RecordStream(socket, otherKind, lock);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        record(kind, b, off, len);
    }

    /** Writes the last record: the exit status. */
    void exit(int status) throws IOException {
        byte[] s = ByteBuffer.allocate(4).putInt(status).array();
        record('x', s, 0, 4);
    }

    private void record(char k, byte[] b, int off, int len) throws IOException {
        synchronized (lock) {
            byte[] head = ByteBuffer.allocate(5).put((byte) k).putInt(len).array();
            socket.write(head);
            socket.write(b, off, len);
            socket.flush();
        }
    }

    @Override
    public void close() {
        // The socket is closed by its owner.
    }
}
