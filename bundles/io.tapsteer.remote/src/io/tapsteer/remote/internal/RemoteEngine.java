package io.tapsteer.remote.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.remoteserviceadmin.RemoteServiceAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The remote services engine (Apache Aries RSA with its fastbin provider), started only when this
 * runtime exports (a lab host) or reaches a lab host (a desktop). The fastbin provider listens as
 * soon as it starts, on every address unless configured; so the runtime does not start it, and
 * this component writes its configuration (loopback only) before it starts it. The serialization
 * allow-list ({@link WireFilter}) is installed first: without it the engine stays off.
 */
@Component(service = RemoteEngine.class)
public final class RemoteEngine {
    /** The engine's core bundle (RemoteServiceAdmin). */
    static final String CORE = "org.apache.aries.rsa.core";
    /** The fastbin provider's bundle and configuration PID. */
    static final String FASTBIN = "org.apache.aries.rsa.provider.fastbin";
    /** The provider's configuration type, named in exported endpoints. */
    static final String CONFIG_TYPE = "aries.fastbin";
    /** The endpoint property holding the provider's address. */
    static final String ADDRESS = "aries.fastbin.address";
    /** Most milliseconds a remote call waits for its answer. */
    public static final long CALL_TIMEOUT_MILLIS = 2000;
    /** The listen address of a runtime that only imports (no port of its own is needed). */
    static final String IMPORT_ONLY = "tcp://127.0.0.1:0";

    @Reference
    private ConfigurationAdmin cm;
    private BundleContext context;
    private ServiceTracker<RemoteServiceAdmin, RemoteServiceAdmin> admins;
    private String uri;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        admins = new ServiceTracker<>(ctx, RemoteServiceAdmin.class, null);
        admins.open();
    }

    @Deactivate
    void deactivate() {
        admins.close();
    }

    /**
     * Starts the engine listening on {@code listen} (a loopback URI), or keeps it as it is when it
     * already runs for exports and only imports are asked for.
     *
     * @param listen {@code tcp://127.0.0.1:PORT}
     * @param exports whether this runtime exports (its port then matters)
     * @return the engine's RemoteServiceAdmin, waited for at most 10 s
     * @throws IllegalStateException saying why the engine cannot run
     */
    synchronized RemoteServiceAdmin start(String listen, boolean exports) {
        WireFilter.install();
        try {
            if (uri == null || exports && !listen.equals(uri)) {
                Configuration c = cm.getConfiguration(FASTBIN, "?");
                Dictionary<String, Object> p = new Hashtable<>();
                p.put("uri", listen);
                p.put("exportedAddress", "127.0.0.1");
                p.put("timeout", CALL_TIMEOUT_MILLIS);
                Dictionary<String, Object> old = c.getProperties();
                boolean moved = old != null && !Objects.equals(old.get("uri"), listen) && bundle(FASTBIN).getState() == Bundle.ACTIVE;
                if (old == null || !Objects.equals(old.get("uri"), listen)) {
                    c.update(p);
                }
                uri = listen;
                if (moved) {
                    awaitListening(listen); // the provider restarts on its own thread: exports made before it is back are lost
                }
            }
            // where nothing starts the engine's core (an IDE starts only the bundles it is told to)
            for (String name : new String[] {CORE, FASTBIN}) {
                Bundle b = bundle(name);
                if (b.getState() != Bundle.ACTIVE) {
                    b.start(Bundle.START_TRANSIENT);
                }
            }
            RemoteServiceAdmin rsa = admins.waitForService(TimeUnit.SECONDS.toMillis(10));
            if (rsa == null) {
                throw new IllegalStateException("the remote services engine (Aries RSA with " + FASTBIN
                        + ") did not come up within 10 s: are org.apache.aries.rsa.core and its provider in bundle/?");
            }
            return rsa;
        } catch (IOException | BundleException e) {
            throw new IllegalStateException("the remote services engine cannot start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the remote services engine started", e);
        }
    }

    /**
     * Waits (at most 10 s) until the provider, restarted on a new address by its configuration,
     * accepts connections there.
     */
    private static void awaitListening(String listen) throws InterruptedException {
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        if (port == 0) {
            return;
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the remote services engine did not listen on " + listen + " within 10 s of moving there");
    }

    private Bundle bundle(String name) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalStateException("the remote services engine's bundle " + name + " is not installed (bundle/)");
    }
}
