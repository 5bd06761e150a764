package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.Toeplitz;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The "Verifying the RSS Hash Calculation" vectors of the Microsoft RSS specification, with the
 * default key. The table lists destination first; the hash input is source address, destination
 * address, source port, destination port. Each row is checked three ways: the byte-table hash of
 * the tuple, the bit-by-bit reference loop, and the engine on a whole frame (built in memory only).
 */
class MicrosoftVectorsTest {
    private static final Toeplitz DEFAULT = new Toeplitz(RssConfig.DEFAULT_KEY);

    @ParameterizedTest(name = "{2}:{3} -> {0}:{1}")
    @CsvSource({
        "161.142.100.80, 1766, 66.9.149.187, 2794, 323e8fc2, 51ccc178",
        "65.69.140.83, 4739, 199.92.111.2, 14230, d718262a, c626b0ea",
        "12.22.207.184, 38024, 24.19.198.95, 12898, d2d0a5de, 5c2b394a",
        "209.142.163.6, 2217, 38.27.205.30, 48228, 82989176, afc7327f",
        "202.188.127.2, 1303, 153.39.163.191, 44251, 5d1809c5, 10e828a2",
    })
    void ipv4(String dst, int dport, String src, int sport, String ipHash, String tcpHash) throws Exception {
        check(src, dst, sport, dport, ipHash, tcpHash, false);
    }

    @ParameterizedTest(name = "[{2}]:{3} -> [{0}]:{1}")
    @CsvSource({
        "3ffe:2501:200:3::1, 1766, 3ffe:2501:200:1fff::7, 2794, 2cc18cd5, 40207d3d",
        "ff02::1, 4739, 3ffe:501:8::260:97ff:fe40:efab, 14230, 0f0c461c, dde51bbf",
        "fe80::200:f8ff:fe21:67cf, 38024, 3ffe:1900:4545:3:200:f8ff:fe21:67cf, 44251, 4b61e985, 02d1feef",
    })
    void ipv6(String dst, int dport, String src, int sport, String ipHash, String tcpHash) throws Exception {
        check(src, dst, sport, dport, ipHash, tcpHash, true);
    }

    private static void check(String src, String dst, int sport, int dport, String ipHash, String tcpHash, boolean v6)
            throws Exception {
        byte[] s = InetAddress.getByName(src).getAddress();
        byte[] d = InetAddress.getByName(dst).getAddress();
        int a = s.length;
        byte[] tuple = new byte[2 * a + 4];
        System.arraycopy(s, 0, tuple, 0, a);
        System.arraycopy(d, 0, tuple, a, a);
        ByteBuffer.wrap(tuple).putShort(2 * a, (short) sport).putShort(2 * a + 2, (short) dport);
        int ip = (int) Long.parseLong(ipHash, 16);
        int tcp = (int) Long.parseLong(tcpHash, 16);

        assertEquals(ip, DEFAULT.hash(tuple, 0, 2 * a), "byte tables, addresses only");
        assertEquals(tcp, DEFAULT.hash(tuple, 0, 2 * a + 4), "byte tables, addresses and ports");
        assertEquals(ip, Toeplitz.hashBitwise(RssConfig.DEFAULT_KEY, tuple, 0, 2 * a), "bitwise, addresses only");
        assertEquals(tcp, Toeplitz.hashBitwise(RssConfig.DEFAULT_KEY, tuple, 0, 2 * a + 4), "bitwise, with ports");

        FrameBuilder fb = new FrameBuilder().tcp(sport, dport);
        byte[] frame = (v6 ? fb.ipv6(s, d) : fb.ipv4(s, d)).build();
        ByteBuffer buf = ByteBuffer.wrap(frame);
        int ipOnly = v6 ? HashType.IPv6.bit() : HashType.IPv4.bit();
        int withTcp = ipOnly | (v6 ? HashType.TCPv6.bit() : HashType.TCPv4.bit());
        assertEquals(ip, RssEngine.hashOf(engine(ipOnly).decide(buf, 0, frame.length)), "engine, IP type only");
        assertEquals(tcp, RssEngine.hashOf(engine(withTcp).decide(buf, 0, frame.length)), "engine, TCP type enabled");
    }

    private static RssEngine engine(int types) {
        return new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, types, RssConfig.equalTable(128, 4), 0, false));
    }
}
