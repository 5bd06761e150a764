package io.tapsteer.example.steering.tests;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import java.nio.ByteBuffer;

/** Frames for the tests, built with the lab's frame builder into direct memory. */
final class Frames {
    private Frames() {
    }

    static Frame of(FrameBuilder b) {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        int len = b.writeTo(buf, 0);
        return new Frame(null).set(buf, 0, len, 0, -1);
    }

    static Frame udp4(int flow, int dport) {
        return of(new FrameBuilder().reset().ipv4(Flows.ipv4Source(flow), Flows.ipv4Destination(flow)).udp(Flows.sourcePort(flow), dport));
    }

    static Frame tcp6(int flow, int dport) {
        return of(new FrameBuilder().reset().ipv6(Flows.ipv6Source(flow), Flows.ipv6Destination(flow)).tcp(Flows.sourcePort(flow), dport));
    }
}
