package io.tapsteer.api.tap;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates and opens tap devices, namespaces and AF_PACKET sockets. Registered only when
 * /dev/net/tun is usable by this process.
 */
@ProviderType
public interface TapService {
    /**
     * Creates a tap, or opens an existing one of that name (for example one made persistent with
     * {@code ip tuntap add ... multi_queue}), with its queues.
     *
     * @param options what to create
     * @param namespace where, or null for the namespace of the calling thread
     * @return the open device
     * @throws TapException with the call, errno and what to do
     */
    TapDevice create(TapOptions options, NetNamespace namespace);

    /** @return the devices opened through this service and not closed */
    List<TapDevice> devices();

    /**
     * @param label a label for thread names
     * @return a new private network namespace (unshare(CLONE_NEWNET) on a dedicated thread), with
     *         loopback up and IPv6 disabled so the kernel sends nothing on its own
     */
    NetNamespace privateNamespace(String label);

    /**
     * @param name a namespace under /run/netns (as {@code ip netns add} makes)
     * @return a handle whose thread has joined it with setns(2)
     */
    NetNamespace joinNamespace(String name);

    /**
     * @param device a device, opened in its namespace
     * @param receive whether the socket also receives (ETH_P_ALL: sees every frame on the device,
     *        at a cost per frame); a send-only socket binds protocol 0 and receives nothing
     * @return an AF_PACKET socket bound to it, non-blocking
     */
    PacketSocket openPacketSocket(TapDevice device, boolean receive);

    /** @return what the kernel offers (probed once, cached) */
    TapFeatures features();
}
