package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.HashReport;

/**
 * Flow identity of a frame: its RSS hash when one was reported. Frames without a reported hash all
 * count as one unclassified flow until the rss parser is wired in.
 */
final class ParsedFlowIdentity implements FlowIdentity {
    @Override
    public long key(Frame frame) {
        return frame.hashReport() != HashReport.NONE ? frame.hash() & 0xffffffffL : -1L;
    }

    @Override
    public void capture(Frame frame, byte[] tuple, int offset) {
        tuple[offset] = (byte) frame.hashReport().value();
    }

    @Override
    public String describe(byte[] tuple, int offset) {
        return "hash " + HashReport.of(tuple[offset]);
    }
}
