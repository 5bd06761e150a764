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
 */
public record TapView(String name, String namespace, String namespacePath, int numqueues, int numdisabled,
        boolean persist, boolean up, int mtu, int vnetHeader, List<Queue> queues) {

    /**
     * One queue.
     *
     * @param id the stable id used by tap:attach/detach
     * @param index the kernel's queue index, -1 while detached
     * @param fd the file descriptor
     * @param state "attached", "detached" or "closed"
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
        List<Queue> qs = d.queues().stream().map(TapView::queue).toList();
        String ns = d.namespace() == null ? "host" : d.namespace().label();
        String path = d.namespace() == null ? "" : d.namespace().path();
        boolean closed = d.isClosed();
        return new TapView(d.name(), ns, path, closed ? 0 : d.attachedQueues(), closed ? 0 : d.detachedQueues(),
                persist, !closed && d.isLinkUp(), closed ? 0 : d.mtu(), d.vnetHeaderSize(), qs);
    }

    private static Queue queue(TapQueue q) {
        String state = q.isClosed() ? "closed" : q.isAttached() ? "attached" : "detached";
        return new Queue(q.id(), q.index(), q.fd(), state);
    }
}
