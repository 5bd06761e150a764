package io.tapsteer.bench.internal;

import java.nio.ByteBuffer;

/**
 * The benchmark frame, byte for byte the one the C baselines build ({@code tsb_frame} in
 * c/tsb_common.h): Ethernet + IPv4 + UDP, 192.0.2.x to 198.51.100.y, flow id first in the payload.
 */
public final class BenchFrames {
    /** Ethernet + IPv4 + UDP header bytes. */
    public static final int HEADERS = 14 + 20 + 8;

    private BenchFrames() {
    }

    /**
     * Writes one frame per flow, back to back, into a new direct buffer.
     *
     * @param flows how many flows (frames)
     * @param payload UDP payload bytes
     * @return the frames; frame i starts at {@code i * (HEADERS + payload)}
     */
    public static ByteBuffer build(int flows, int payload) {
        int len = HEADERS + payload;
        ByteBuffer b = ByteBuffer.allocateDirect(flows * len);
        for (int i = 0; i < flows; i++) {
            write(b, i * len, i, payload);
        }
        return b;
    }

    static void write(ByteBuffer b, int at, int flow, int payload) {
        byte[] f = new byte[HEADERS + payload];
        byte[] eth = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0};
        System.arraycopy(eth, 0, f, 0, 14);
        int ip = 14;
        int ipLen = 20 + 8 + payload;
        f[ip] = 0x45;
        f[ip + 2] = (byte) (ipLen >> 8);
        f[ip + 3] = (byte) ipLen;
        f[ip + 8] = 64;
        f[ip + 9] = 17;
        byte[] addrs = {(byte) 192, 0, 2, (byte) (1 + flow % 250), (byte) 198, 51, 100, (byte) (1 + flow / 250 % 250)};
        System.arraycopy(addrs, 0, f, ip + 12, 8);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (f[ip + i] & 0xff) << 8 | (f[ip + i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        f[ip + 10] = (byte) (~sum >> 8);
        f[ip + 11] = (byte) ~sum;
        int udp = ip + 20;
        int sport = 1024 + flow % 60000;
        f[udp] = (byte) (sport >> 8);
        f[udp + 1] = (byte) sport;
        f[udp + 3] = 9;
        f[udp + 4] = (byte) ((8 + payload) >> 8);
        f[udp + 5] = (byte) (8 + payload);
        for (int i = 0; i < 8 && i < payload; i++) {
            f[udp + 8 + i] = (byte) ((long) flow >>> (56 - 8 * i));
        }
        b.put(at, f);
    }
}
