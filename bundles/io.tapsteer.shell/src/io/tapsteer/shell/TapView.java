package io.tapsteer.shell;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import java.util.List;

/**
 * What {@code tap:list} and {@code tap:show} return: a snapshot of a device, counted the way
 * {@code ip -d link} counts ({@code numqueues} = attached, {@code numdisabled} = detached).
 *
 * @param name the device name
 * @param namespace where it lives ("host" or the label of a private namespace)
 * @param namespacePath the namespace file, for {@code nsenter --net=...}, empty for the host
 * @param numqueues attached queues
 * @param numdisabled detached queues
 * @param persist whether the device outlives its fds
 * @param up whether the link is up
 * @param mtu the MTU
 * @param vnetHeader the vnet header size, 0 for none
 * @param queues each open queue
 * @param gone whether the kernel device vanished underneath (deleted, or its namespace closed): it
 *        has no link any more; its fds stay until its owner closes it
 */
public record TapView(String name, String namespace, String namespacePath, int numqueues, int numdisabled,
        boolean persist, boolean up, int mtu, int vnetHeader, List<Queue> queues, boolean gone) {

    /**
     * One queue.
     *
     * @param id the stable id used by tap:attach/detach
     * @param index the kernel's queue index, -1 while detached
     * @param fd the file descriptor
     * @param state "attached", "detached", "closed", or "gone" (its device vanished)
     */
    public record Queue(int id, int index, int fd, String state) {
    }

    /**
     * What {@code tap:list} returns (a type of its own, so an empty list still says something).
     *
     * @param rows one per open device
     */
    public record Table(List<TapView> rows) {
    }

    /** @return a snapshot of {@code d} */
    static TapView of(TapDevice d, boolean persist) {
        boolean gone = d.isGone(); // asks the kernel: a device deleted underneath has no link to read
        List<Queue> qs = d.queues().stream().map(q -> queue(q, gone)).toList();
        String ns = d.namespace() == null ? "host" : d.namespace().label();
        String path = d.namespace() == null ? "" : d.namespace().path();
        boolean none = d.isClosed() || gone;
        return new TapView(d.name(), ns, path, none ? 0 : d.attachedQueues(), none ? 0 : d.detachedQueues(),
                persist, !none && d.isLinkUp(), none ? 0 : d.mtu(), d.vnetHeaderSize(), qs, gone);
    }

    private static Queue queue(TapQueue q, boolean gone) {
        String state = q.isClosed() ? "closed" : gone ? "gone" : q.isAttached() ? "attached" : "detached";
        return new Queue(q.id(), gone ? -1 : q.index(), q.fd(), state);
    }
}
