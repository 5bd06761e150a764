package io.tapsteer.ui.internal;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The taps the Lab panel made and the private namespace they live in. A tap is made without holding
 * the lock that closing needs, so Close and the panel's own close never wait for a create: one create
 * runs at a time (a second is refused in words), and a tap is listed, hence closable, only once it is
 * made. When the panel closes during a create, that create deletes what it made and the namespace.
 * A tap may come with a queue manager ({@link LabManagers}): then its configuration is what closing
 * deletes, and the manager closes the tap and its own namespace.
 */
final class LabDevices {
    private static final Logger LOG = Logger.getLogger(LabDevices.class.getName());

    private final Object lock = new Object();
    /** Guarded by {@link #lock}: listed taps, in the order made. */
    private final List<TapDevice> made = new ArrayList<>();
    /** Guarded by {@link #lock}: the queue-manager configuration of each listed tap that has one. */
    private final Map<TapDevice, Configuration> managed = new IdentityHashMap<>();
    /** Guarded by {@link #lock}: the panel's namespace, made by the first create. */
    private NetNamespace namespace;
    /** Guarded by {@link #lock}: the name asked for by the create in progress, or null. */
    private String creating;
    /** Guarded by {@link #lock}: whether the panel closed. */
    private boolean closed;
    /** Runs in the create task before anything is made; tests hold a create in progress with it. */
    volatile Runnable beforeCreate = () -> { };

    /** @return the listed taps (made and not closed from the panel) */
    List<TapDevice> list() {
        synchronized (lock) {
            return List.copyOf(made);
        }
    }

    /** @return the name asked for by the create in progress, or null when none runs */
    String creating() {
        synchronized (lock) {
            return creating;
        }
    }

    /**
     * Starts making a tap in the panel's namespace, off the calling thread.
     *
     * @return the tap once made and listed
     * @throws IllegalStateException at once, in words, when a create is in progress or the panel closed
     */
    CompletableFuture<TapDevice> create(TapService service, TapOptions options) {
        return create(service, options, null);
    }

    /**
     * As {@link #create(TapService, TapOptions)}; with ConfigAdmin, the tap is made by a queue manager
     * the panel configures (in a private namespace of its own), so its frames are read and counted.
     *
     * @param cm ConfigAdmin for a tap with a queue manager, null for a plain tap
     */
    CompletableFuture<TapDevice> create(TapService service, TapOptions options, ConfigurationAdmin cm) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(Messages.Lab_panelClosed);
            }
            if (creating != null) {
                throw new IllegalStateException(Messages.bind(Messages.Lab_busy, creating));
            }
            creating = options.name();
        }
        return CompletableFuture.supplyAsync(() -> make(service, options, cm), Background.TASKS);
    }

    private TapDevice make(TapService service, TapOptions options, ConfigurationAdmin cm) {
        NetNamespace fresh = null;
        TapDevice device = null;
        Configuration configuration = null;
        Throwable failure = null;
        try {
            beforeCreate.run();
            if (cm != null) {
                LabManagers.Started started = LabManagers.start(cm, options);
                configuration = started.configuration();
                device = started.device();
            } else {
                NetNamespace ns;
                synchronized (lock) {
                    ns = namespace; // only this create may set it: no other runs, and close leaves it to us
                }
                if (ns == null) {
                    ns = fresh = service.privateNamespace("lab");
                }
                device = service.create(options, ns);
            }
        } catch (RuntimeException | Error e) { // whatever happens, the create ends and says so
            failure = e;
        }
        NetNamespace orphan;
        synchronized (lock) {
            creating = null;
            if (fresh != null) {
                namespace = fresh; // kept for the next create even when this one failed
            }
            if (!closed) {
                if (failure instanceof Error e) {
                    throw e;
                } else if (failure != null) {
                    throw (RuntimeException) failure;
                }
                made.add(device);
                if (configuration != null) {
                    managed.put(device, configuration);
                }
                return device;
            }
            orphan = namespace; // the panel closed meanwhile and left the namespace to this create
            namespace = null;
        }
        // nothing made for a closed panel may outlive it
        String name = device != null ? device.name() : options.name();
        IllegalStateException said = new IllegalStateException(Messages.bind(Messages.Lab_deletedOnClose, name), failure);
        try {
            if (configuration != null) {
                LabManagers.stop(configuration);
            } else {
                delete(device);
            }
        } catch (RuntimeException e) { // the message stays the one above; how deleting failed goes with it
            said.addSuppressed(e);
        } finally {
            if (orphan != null) {
                orphan.close();
            }
        }
        throw said;
    }

    /**
     * Takes tap {@code i} off the list; the caller closes it with {@link #delete}.
     *
     * @return the tap, or null when {@code i} names none
     */
    TapDevice remove(int i) {
        synchronized (lock) {
            return i < 0 || i >= made.size() ? null : made.remove(i);
        }
    }

    /** @return whether a queue manager the panel configured runs the tap */
    boolean hasManager(TapDevice d) {
        synchronized (lock) {
            return managed.containsKey(d);
        }
    }

    /** Closes a tap taken off the list: stops its queue manager, or deletes a plain tap. */
    void discard(TapDevice d) {
        Configuration c;
        synchronized (lock) {
            c = managed.remove(d);
        }
        if (c != null) {
            LabManagers.stop(c);
        } else {
            delete(d);
        }
    }

    /** Closes a tap for good: not persistent, so the kernel deletes it with its last fd. */
    static void delete(TapDevice d) {
        if (d == null) {
            return;
        }
        try {
            if (!d.isClosed()) { // closed elsewhere (the tap service stopping first): nothing left to clear
                d.setPersist(false);
            }
        } finally {
            d.close();
        }
    }

    /** Closes every listed tap and the namespace; a create in progress deletes its own when it ends. */
    void close() {
        List<TapDevice> listed;
        List<Configuration> configurations;
        NetNamespace ns = null;
        synchronized (lock) {
            closed = true;
            listed = new ArrayList<>(made);
            listed.removeIf(managed::containsKey);
            configurations = List.copyOf(managed.values());
            made.clear();
            managed.clear();
            if (creating == null) { // else that create may be using the namespace: it closes it itself
                ns = namespace;
                namespace = null;
            }
        }
        try {
            configurations.forEach(LabManagers::stop);
            for (TapDevice d : listed) {
                try {
                    delete(d);
                } catch (RuntimeException e) { // the others and the namespace must still go
                    LOG.warning("closing lab tap " + d.name() + ": " + e.getMessage());
                }
            }
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }
}
