package io.tapsteer.rss;

import io.tapsteer.api.frame.Frame;
import java.nio.ByteBuffer;

/**
 * The hash fields of {@code struct virtio_net_hdr_v1_hash} (20 bytes, little endian): the 12-byte
 * {@code virtio_net_hdr_v1}, then {@code le32 hash_value} at offset 12, {@code le16 hash_report} at
 * 16 and {@code le16 padding} at 18. Written only when the device's vnet header is at least
 * {@link #SIZE} bytes; byte by byte, so the buffer's byte order does not matter.
 */
public final class VnetHashHeader {
    /** Size of {@code virtio_net_hdr_v1_hash}. */
    public static final int SIZE = 20;
    /** Offset of {@code hash_value}. */
    public static final int HASH_VALUE = 12;
    /** Offset of {@code hash_report}. */
    public static final int HASH_REPORT = 16;

    private VnetHashHeader() {
    }

    /**
     * Writes hash and report into the vnet header before the frame, when it has one of 20 bytes or
     * more and the memory is writable; otherwise does nothing.
     *
     * @return whether it wrote
     */
    public static boolean write(Frame frame, int hash, int report) {
        int vnet = frame.vnetHeaderLength();
        ByteBuffer b = frame.buffer();
        int start = frame.offset() - vnet;
        if (vnet < SIZE || b == null || b.isReadOnly() || start < 0 || start + SIZE > b.limit()) {
            return false;
        }
        write(b, start, hash, report);
        return true;
    }

    /** Writes the fields into a header that starts at {@code start}. */
    public static void write(ByteBuffer b, int start, int hash, int report) {
        int p = start + HASH_VALUE;
        b.put(p, (byte) hash);
        b.put(p + 1, (byte) (hash >>> 8));
        b.put(p + 2, (byte) (hash >>> 16));
        b.put(p + 3, (byte) (hash >>> 24));
        b.put(p + 4, (byte) report);
        b.put(p + 5, (byte) (report >>> 8));
        b.put(p + 6, (byte) 0);
        b.put(p + 7, (byte) 0);
    }

    /** @return the {@code hash_value} of a header at {@code start} */
    public static int hashValue(ByteBuffer b, int start) {
        int p = start + HASH_VALUE;
        return b.get(p) & 0xff | (b.get(p + 1) & 0xff) << 8 | (b.get(p + 2) & 0xff) << 16 | (b.get(p + 3) & 0xff) << 24;
    }

    /** @return the {@code hash_report} of a header at {@code start} */
    public static int hashReport(ByteBuffer b, int start) {
        int p = start + HASH_REPORT;
        return b.get(p) & 0xff | (b.get(p + 1) & 0xff) << 8;
    }
}
