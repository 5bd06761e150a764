package io.tapsteer.rss;

import io.tapsteer.api.steering.Explanation;
import io.tapsteer.frame.FrameLayout;
import io.tapsteer.frame.FrameParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link RssEngine#explain} answers: the same decision as the data path, spelled out. */
final class RssExplainer {
    private RssExplainer() {
    }

    static Explanation explain(RssEngine engine, ByteBuffer b, int off, int len) {
        long layout = FrameParser.layout(b, off, len);
        long decision = engine.decide(b, off, len);
        int report = RssEngine.reportOf(decision);
        int queue = engine.queueOf(decision);
        if (report == 0) {
            String note = FrameLayout.family(layout) == FrameLayout.UNCLASSIFIED
                    ? "unclassified: " + FrameLayout.reason(layout)
                    : "unclassified: no enabled hash type applies to this " + describe(layout) + " frame"
                            + (FrameLayout.reason(layout).isEmpty() ? "" : " (" + FrameLayout.reason(layout) + ")");
            return new Explanation(RssEngine.NAME, "user", List.of(), -1, "none", -1, queue, note);
        }
        List<Explanation.Field> fields = new ArrayList<>(4);
        int l3 = off + FrameLayout.l3Offset(layout);
        if (report <= 3) {
            fields.add(field("src-ipv4", b, l3 + 12, 4));
            fields.add(field("dst-ipv4", b, l3 + 16, 4));
        } else if (report <= 6) {
            fields.add(field("src-ipv6", b, l3 + 8, 16));
            fields.add(field("dst-ipv6", b, l3 + 24, 16));
        } else {
            int home = FrameParser.homeAddressOffset(b, off, len, layout);
            int rt2 = FrameParser.routingType2Offset(b, off, len, layout);
            fields.add(home >= 0 ? field("home-address", b, off + home, 16) : field("src-ipv6", b, l3 + 8, 16));
            fields.add(rt2 >= 0 ? field("rt2-address", b, off + rt2, 16) : field("dst-ipv6", b, l3 + 24, 16));
        }
        if (HashCascade.hasPorts(report)) {
            int l4 = off + FrameLayout.l4Offset(layout);
            fields.add(field("src-port", b, l4, 2));
            fields.add(field("dst-port", b, l4 + 2, 2));
        }
        int hash = RssEngine.hashOf(decision);
        return new Explanation(RssEngine.NAME, "user", List.copyOf(fields), hash & 0xffffffffL,
                HashCascade.typeOf(report).label(), engine.slotOf(hash), queue, FrameLayout.reason(layout));
    }

    private static String describe(long layout) {
        String ip = FrameLayout.family(layout) == FrameLayout.IPV4 ? "ipv4" : "ipv6";
        int l4 = FrameLayout.l4(layout);
        return ip + (l4 == FrameLayout.L4_TCP ? "/tcp" : l4 == FrameLayout.L4_UDP ? "/udp" : "");
    }

    private static Explanation.Field field(String name, ByteBuffer b, int at, int len) {
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) {
            bytes[i] = b.get(at + i);
        }
        return new Explanation.Field(name, bytes);
    }
}
