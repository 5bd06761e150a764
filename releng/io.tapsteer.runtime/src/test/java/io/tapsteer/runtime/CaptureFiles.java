package io.tapsteer.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Capture files a test shapes itself: a pcap (as tcpdump writes it) rewritten as pcapng, with an
 * optional block of a type no reader knows (which the pcapng specification says readers skip), a
 * pcap cut to a snapshot length, and a pcap header of another link type.
 */
final class CaptureFiles {
    private CaptureFiles() {
    }

    /** Rewrites a little-endian microsecond pcap as pcapng: SHB, one IDB, one EPB per frame. */
    static void toPcapng(Path pcap, Path pcapng, boolean unknownBlock) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != 0xa1b2c3d4) {
            throw new AssertionError(pcap + " is not a little-endian microsecond pcap");
        }
        int snaplen = in.getInt(16);
        int link = in.getInt(20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        block(out, 0x0a0d0d0a, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1a2b3c4d)
                .putShort((short) 1).putShort((short) 0).putLong(-1).array());
        block(out, 1, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) link).putShort((short) 0)
                .putInt(snaplen).array());
        if (unknownBlock) {
            block(out, 0x0badbad0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        int p = 24;
        while (p + 16 <= in.limit()) {
            long micros = in.getInt(p) * 1_000_000L + in.getInt(p + 4);
            int caplen = in.getInt(p + 8);
            int len = in.getInt(p + 12);
            int padded = (caplen + 3) & ~3;
            ByteBuffer epb = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
            epb.putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros).putInt(caplen).putInt(len);
            epb.put(in.array(), p + 16, caplen);
            block(out, 6, epb.array());
            p += 16 + caplen;
        }
        Files.write(pcapng, out.toByteArray());
    }

    /** Rewrites a little-endian pcap keeping at most {@code snaplen} bytes of each frame (its wire length stays). */
    static void snap(Path pcap, Path out, int snaplen) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] header = java.util.Arrays.copyOf(in.array(), 24);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(16, snaplen);
        o.writeBytes(header);
        int p = 24;
        while (p + 16 <= in.limit()) {
            int caplen = in.getInt(p + 8);
            int kept = Math.min(caplen, snaplen);
            ByteBuffer record = ByteBuffer.allocate(16 + kept).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt(in.getInt(p)).putInt(in.getInt(p + 4)).putInt(kept).putInt(in.getInt(p + 12));
            record.put(in.array(), p + 16, kept);
            o.writeBytes(record.array());
            p += 16 + caplen;
        }
        Files.write(out, o.toByteArray());
    }

    /** Copies a little-endian pcap and appends {@code copies} whole frames of {@code frame}'s bytes. */
    static void append(Path pcap, Path out, byte[] frame, int copies) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(Files.readAllBytes(pcap));
        for (int i = 0; i < copies; i++) {
            o.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(0).putInt(frame.length)
                    .putInt(frame.length).array());
            o.writeBytes(frame);
        }
        Files.write(out, o.toByteArray());
    }

    /** A pcap with no frames whose link type is {@code link}. */
    static void emptyPcap(Path file, int link) throws Exception {
        Files.write(file, ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(link).array());
    }

    /**
     * @return the epb_hash option of each enhanced packet block of a little-endian pcapng, in
     *         order, as hex of its bytes (algorithm octet first), "" for a block without one
     */
    static List<String> epbHashes(Path pcapng) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcapng)).order(ByteOrder.LITTLE_ENDIAN);
        List<String> out = new ArrayList<>();
        int p = 0;
        while (p + 12 <= in.limit()) {
            int type = in.getInt(p);
            int total = in.getInt(p + 4);
            if (type == 6) {
                int options = p + 28 + ((in.getInt(p + 20) + 3) & ~3);
                String hash = "";
                for (int o = options; o + 4 <= p + total - 4; ) {
                    int code = Short.toUnsignedInt(in.getShort(o));
                    int length = Short.toUnsignedInt(in.getShort(o + 2));
                    if (code == 0) {
                        break;
                    }
                    if (code == 3) {
                        hash = HexFormat.of().formatHex(in.array(), o + 4, o + 4 + length);
                    }
                    o += 4 + ((length + 3) & ~3);
                }
                out.add(hash);
            }
            p += total;
        }
        return out;
    }

    private static void block(ByteArrayOutputStream out, int type, byte[] body) {
        int total = 12 + body.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(total).put(body).putInt(total);
        out.writeBytes(b.array());
    }
}
