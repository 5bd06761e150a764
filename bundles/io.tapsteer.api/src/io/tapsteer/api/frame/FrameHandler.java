package io.tapsteer.api.frame;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Consumes the frames of a lane, batch by batch (whiteboard: register as a service). Called on the
 * lane's thread; must not block for long and must not allocate per frame. Service property
 * {@link #DEVICE} restricts the handler to one device, {@link #LANES} to some lanes.
 */
@ConsumerType
public interface FrameHandler {
    /** Service property: device name the handler wants, absent for all devices. */
    String DEVICE = "tapsteer.device";
    /** Service property: lanes (Integer or int[]) the handler wants, absent for all. */
    String LANES = "tapsteer.lanes";

    /**
     * @param batch the frames, in arrival order per flow
     */
    void onBatch(FrameBatch batch);
}
