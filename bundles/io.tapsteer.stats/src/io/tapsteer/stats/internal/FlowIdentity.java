package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.Frame;

/**
 * What makes frames one flow, and how to say which flow it is. Both methods run on the data path and
 * must allocate nothing.
 */
interface FlowIdentity {
    /** Bytes {@link #capture} writes per flow. */
    int TUPLE_BYTES = 40;

    /** @return the flow's key: the frame's RSS hash when reported, else a hash of its addresses and ports */
    long key(Frame frame);

    /** Copies the frame's addresses, ports and protocol to {@code tuple[offset ..+TUPLE_BYTES)}. */
    void capture(Frame frame, byte[] tuple, int offset);

    /** @return a captured tuple in words, e.g. {@code udp 198.51.100.1:10000 > 203.0.113.1:80} */
    String describe(byte[] tuple, int offset);
}
