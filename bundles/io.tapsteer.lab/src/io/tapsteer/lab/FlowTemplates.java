package io.tapsteer.lab;

import java.nio.ByteBuffer;

/**
 * One ready-made frame per flow for a {@link TrafficSource}: each send copies the flow's template and
 * stamps the sequence number, so the per-frame work allocates nothing and computes no checksum (the
 * sequence sits in the payload, which no checksum covers here).
 */
final class FlowTemplates {
    private static final int SLOT = 256;

    final int slot;
    final ByteBuffer frames;
    final int[] lengths;
    final int[] sequenceOffsets;

    FlowTemplates(int flows, TrafficSource.Mix mix, int payload, long firstFlowId) {
        FrameBuilder b = new FrameBuilder();
        int longest = 0;
        for (int i = 0; i < Math.min(flows, 4); i++) {
            longest = Math.max(longest, flow(b, mix, i).payload(payload).length());
        }
        slot = Math.max(SLOT, (longest + 63) & ~63);
        frames = ByteBuffer.allocateDirect(flows * slot);
        lengths = new int[flows];
        sequenceOffsets = new int[flows];
        for (int i = 0; i < flows; i++) {
            int off = i * slot;
            lengths[i] = flow(b, mix, i).payload(payload).stamp(firstFlowId + i, 0).writeTo(frames, off);
            sequenceOffsets[i] = FrameBuilder.payloadOffset(frames, off) - off + FrameBuilder.PAYLOAD_SEQUENCE;
        }
    }

    static FrameBuilder flow(FrameBuilder b, TrafficSource.Mix mix, int i) {
        return switch (mix) {
            case MIXED -> Flows.mixed(b, i);
            case IPV4_UDP -> b.reset().ipv4(Flows.ipv4Source(i), Flows.ipv4Destination(i)).udp(Flows.sourcePort(i), Flows.destinationPort(i));
            case IPV4_TCP -> b.reset().ipv4(Flows.ipv4Source(i), Flows.ipv4Destination(i)).tcp(Flows.sourcePort(i), Flows.destinationPort(i));
            case IPV6_UDP -> b.reset().ipv6(Flows.ipv6Source(i), Flows.ipv6Destination(i)).udp(Flows.sourcePort(i), Flows.destinationPort(i));
            case IPV6_TCP -> b.reset().ipv6(Flows.ipv6Source(i), Flows.ipv6Destination(i)).tcp(Flows.sourcePort(i), Flows.destinationPort(i));
            case VLAN -> Flows.vlanTagged(b, i);
        };
    }

    int write(ByteBuffer into, int off, int flow, long sequence) {
        int len = lengths[flow];
        into.put(off, frames, flow * slot, len);
        into.putLong(off + sequenceOffsets[flow], sequence);
        return len;
    }
}
