package io.tapsteer.lab.capture;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pcap or pcapng capture of Ethernet frames, read frame by frame. {@link #next()} puts the next
 * whole frame into {@link #buffer()} (one buffer, reused); frames the capture cut short (captured
 * length below the wire length) are skipped and counted in {@link #truncated()}, never handed out.
 *
 * <p>Not thread-safe: one reader per file.
 */
public final class CaptureFile implements AutoCloseable {
    /** DLT_EN10MB (LINKTYPE_ETHERNET in the file), the only link type tapsteer reads. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** The largest frame libpcap hands out (its maximum snapshot length). */
    public static final int MAX_FRAME = 262_144;

    private final Path path;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_FRAME);
    private final long[] header = new long[1];
    private final long[] data = new long[1];
    private Pointer handle;
    private int length;
    private long frames;
    private long truncated;

    private CaptureFile(Path path, Pointer handle) {
        this.path = path;
        this.handle = handle;
    }

    /**
     * @param path a pcap or pcapng file
     * @return the open capture, before its first frame
     * @throws CaptureException when the file is missing, not a capture, or not of Ethernet frames
     */
    public static CaptureFile open(Path path) throws CaptureException {
        if (!Files.isRegularFile(path)) {
            throw new CaptureException(path + ": no such capture file" + (path.isAbsolute() ? "" : " (relative to "
                    + Path.of("").toAbsolutePath() + "; give an absolute path)"));
        }
        if (LibPcap.LOAD_ERROR != null) {
            throw new CaptureException(path + ": " + LibPcap.LOAD_ERROR);
        }
        byte[] err = new byte[LibPcap.ERRBUF_SIZE];
        Pointer h = LibPcap.pcap_open_offline(path.toString(), err);
        if (h == null) {
            throw new CaptureException(path + ": not a pcap or pcapng capture (libpcap: " + text(err) + ")");
        }
        int link = LibPcap.pcap_datalink(h);
        if (link != LINKTYPE_ETHERNET) {
            LibPcap.pcap_close(h);
            String name = LibPcap.pcap_datalink_val_to_name(link);
            throw new CaptureException(path + ": its frames are of link type " + (name == null ? "number " + link : name)
                    + ", not Ethernet: tapsteer reads Ethernet captures (link type EN10MB)");
        }
        return new CaptureFile(path, h);
    }

    /**
     * Reads the next whole frame into {@link #buffer()}.
     *
     * @return true when a frame is there, false at the end of the capture
     * @throws CaptureException when the file is damaged after the frames already read (they stay valid)
     */
    public boolean next() throws CaptureException {
        if (handle == null) {
            throw new IllegalStateException(path + " is closed");
        }
        while (true) {
            int rc = LibPcap.pcap_next_ex(handle, header, data);
            if (rc == -2) {
                return false;
            }
            if (rc != 1) {
                throw new CaptureException(path + ": damaged after " + frames + " whole frame(s) (libpcap: "
                        + LibPcap.pcap_geterr(handle) + "); the frames before it are valid");
            }
            Pointer h = new Pointer(header[0]);
            int captured = h.getInt(LibPcap.CAPLEN);
            int wire = h.getInt(LibPcap.LEN);
            if (captured < wire || captured > MAX_FRAME) {
                truncated++;
                continue;
            }
            new Pointer(data[0]).read(0, buffer.array(), 0, captured);
            buffer.clear().limit(captured);
            length = captured;
            frames++;
            return true;
        }
    }

    /** @return the current frame's bytes, from position 0 to its length (valid until the next {@link #next()}) */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** @return the current frame's length in bytes */
    public int length() {
        return length;
    }

    /** @return whole frames read so far */
    public long frames() {
        return frames;
    }

    /** @return frames skipped because the capture holds only part of them (snapshot length) */
    public long truncated() {
        return truncated;
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (handle != null) {
            LibPcap.pcap_close(handle);
            handle = null;
        }
    }

    private static String text(byte[] err) {
        int n = 0;
        while (n < err.length && err[n] != 0) {
            n++;
        }
        return new String(err, 0, n, StandardCharsets.UTF_8);
    }
}
