package io.tapsteer.lab.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a pcapng file of Ethernet frames: one section, one interface description block per named
 * interface (nanosecond timestamps), then one enhanced packet block per frame with its queue
 * ({@code epb_queue}), its Toeplitz hash ({@code epb_hash}, algorithm 5) where it has one, and a
 * comment. Blocks are staged in a buffer and written whole, so a file whose writing failed (a full
 * disk) is cut back to its last whole block and stays readable.
 *
 * <p>Not thread-safe: one writer thread. Allocation-free per frame.
 */
public final class PcapngWriter implements AutoCloseable {
    /** LINKTYPE_ETHERNET. */
    static final int LINKTYPE_ETHERNET = 1;
    /** pcapng's hash algorithm number for Toeplitz in epb_hash. */
    static final int HASH_TOEPLITZ = 5;
    private static final int SHB = 0x0a0d0d0a;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int OPT_COMMENT = 1;
    private static final int EPB_HASH = 3;
    private static final int EPB_QUEUE = 6;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int SHB_USERAPPL = 4;
    private static final int STAGE = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer stage = ByteBuffer.allocateDirect(STAGE).order(ByteOrder.LITTLE_ENDIAN);
    private final int snaplen;
    private final int interfaces;
    private long written;
    private long frames;
    private long framesOnDisk;

    private PcapngWriter(Path path, FileChannel channel, int snaplen, int interfaces) {
        this.path = path;
        this.channel = channel;
        this.snaplen = snaplen;
        this.interfaces = interfaces;
    }

    /**
     * Creates (or replaces) the file and writes its section header and interfaces.
     *
     * @param interfaceNames one name per interface, in interface id order
     * @param snaplen the most bytes kept of a frame, 64 to 262144
     * @throws CaptureException when the file cannot be written, in words
     */
    public static PcapngWriter create(Path path, List<String> interfaceNames, int snaplen) throws CaptureException {
        if (snaplen < 64 || snaplen > CaptureFile.MAX_FRAME) {
            throw new IllegalArgumentException("--snaplen " + snaplen + " is out of range: 64 to " + CaptureFile.MAX_FRAME + " bytes");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | SecurityException e) {
            throw new CaptureException(path + ": cannot write the capture here (" + reason(e) + ")");
        }
        PcapngWriter w = new PcapngWriter(path, ch, snaplen, interfaceNames.size());
        w.sectionHeader();
        for (String name : interfaceNames) {
            w.interfaceDescription(name);
        }
        w.flush();
        return w;
    }

    private void sectionHeader() {
        int start = begin(SHB);
        stage.putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1);
        option(SHB_USERAPPL, "tapsteer");
        stage.putInt(0); // opt_endofopt
        end(start);
    }

    private void interfaceDescription(String name) {
        int start = begin(IDB);
        stage.putShort((short) LINKTYPE_ETHERNET).putShort((short) 0).putInt(snaplen);
        option(IF_NAME, name);
        stage.putShort((short) IF_TSRESOL).putShort((short) 1).put((byte) 9).put((byte) 0).putShort((short) 0);
        stage.putInt(0); // opt_endofopt
        end(start);
    }

    /**
     * Writes one frame.
     *
     * @param iface the interface id (the queue's block)
     * @param nanos capture time, nanoseconds since the epoch
     * @param data the frame's bytes from {@code offset}
     * @param captured bytes of the frame at hand; at most the snapshot length of them is kept
     * @param length the frame's length on the wire
     * @param queue the queue it arrived on (epb_queue)
     * @param hashed whether {@code hash} is a Toeplitz hash (no epb_hash otherwise)
     * @param comment ASCII bytes of the packet's comment, {@code commentLength} of them
     * @throws CaptureException when writing failed (the file keeps every frame written before)
     */
    public void frame(int iface, long nanos, ByteBuffer data, int offset, int captured, int length, int queue, boolean hashed,
            int hash, byte[] comment, int commentLength) throws CaptureException {
        if (iface < 0 || iface >= interfaces) {
            throw new IllegalArgumentException("interface " + iface + " is not one of the file's 0 to " + (interfaces - 1));
        }
        int kept = Math.min(Math.min(captured, length), snaplen);
        int need = 28 + pad(kept) + 4 + pad(commentLength) + (hashed ? 12 : 0) + 8 + 4 + 4;
        if (stage.remaining() < need) {
            flush();
        }
        int start = begin(EPB);
        stage.putInt(iface).putInt((int) (nanos >>> 32)).putInt((int) nanos).putInt(kept).putInt(length);
        stage.put(stage.position(), data, offset, kept);
        stage.position(stage.position() + kept);
        padTo4();
        if (commentLength > 0) {
            stage.putShort((short) OPT_COMMENT).putShort((short) commentLength).put(comment, 0, commentLength);
            padTo4();
        }
        if (hashed) {
            stage.putShort((short) EPB_HASH).putShort((short) 5).put((byte) HASH_TOEPLITZ);
            stage.order(ByteOrder.BIG_ENDIAN).putInt(hash).order(ByteOrder.LITTLE_ENDIAN);
            padTo4();
        }
        stage.putShort((short) EPB_QUEUE).putShort((short) 4).putInt(queue);
        stage.putInt(0); // opt_endofopt
        end(start);
        frames++;
    }

    /**
     * Writes what is staged.
     *
     * @throws CaptureException when the disk took only part of it: the file is cut back to its last
     *         whole block, so every frame before stays readable
     */
    public void flush() throws CaptureException {
        stage.flip();
        try {
            long at = written;
            while (stage.hasRemaining()) {
                at += channel.write(stage);
            }
            written = at;
            framesOnDisk = frames;
        } catch (IOException e) {
            frames = framesOnDisk;
            try {
                channel.truncate(written); // every flush ends on a whole block
            } catch (IOException ignored) {
                // the reason below is what the user needs
            }
            throw new CaptureException(path + ": writing the capture failed after " + framesOnDisk + " frame(s) ("
                    + reason(e) + "); the frames written before stay readable");
        } finally {
            stage.clear();
        }
    }

    /** @return bytes on disk */
    public long bytesWritten() {
        return written;
    }

    /** @return frames written (staged, or on disk once flushed) */
    public long frames() {
        return frames;
    }

    @Override
    public void close() throws CaptureException {
        try {
            flush();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                throw new CaptureException(path + ": closing the capture failed (" + reason(e) + ")");
            }
        }
    }

    private int begin(int type) {
        int start = stage.position();
        stage.putInt(type).putInt(0);
        return start;
    }

    private void end(int start) {
        int total = stage.position() - start + 4;
        stage.putInt(total);
        stage.putInt(start + 4, total);
    }

    private void option(int code, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        stage.putShort((short) code).putShort((short) b.length).put(b);
        padTo4();
    }

    private void padTo4() {
        while ((stage.position() & 3) != 0) {
            stage.put((byte) 0);
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace(": ", " ").strip();
    }
}
