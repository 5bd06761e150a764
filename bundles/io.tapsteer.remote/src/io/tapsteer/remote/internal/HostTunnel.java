package io.tapsteer.remote.internal;

import io.tapsteer.remote.HostServices;
import io.tapsteer.remote.HostState;
import io.tapsteer.remote.LabHost;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * One lab host per factory configuration ({@value LabHost#FACTORY_PID}): validates it, then keeps
 * its SSH tunnel open on a thread of its own, reconnecting every {@value #RETRY_MILLIS} ms while
 * the host is unreachable. While the session is open it imports what the host's runtime exports
 * (through the tunnel's local port) and asks it something small every {@value #PING_MILLIS} ms: a
 * runtime that does not answer within the call timeout makes the host unreachable until it does. A
 * refused host (configuration, host key, login) is not retried: its reason stays in its state until
 * the configuration changes.
 */
@Component(service = HostTunnel.class, configurationPid = LabHost.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class HostTunnel {
    static final long RETRY_MILLIS = 5000;
    static final long PING_MILLIS = 1000;
    /** Most time a capture may take to cross from the host. */
    static final long FETCH_MILLIS = 600_000;
    private static final String FILE = "felix.fileinstall.filename";

    private volatile String name;
    private volatile String uri;
    private volatile LabHost host;
    private volatile HostState state = new HostState(HostState.Kind.CONNECTING, Instant.now(), "", 0);
    private volatile boolean running = true;
    private volatile LabHostServices imported;
    private volatile SshTunnel tunnel;
    private Thread thread;
    @Reference
    private RemoteEngine engine;
    private BundleContext context;

    @Activate
    void activate(BundleContext ctx, Map<String, Object> props) {
        context = ctx;
        name = nameOf(props);
        uri = String.valueOf(props.getOrDefault("uri", ""));
        try {
            host = LabHost.of(name, props, where(props, name));
        } catch (IllegalArgumentException e) {
            state = new HostState(HostState.Kind.REFUSED, Instant.now(), e.getMessage(), 0);
            return;
        }
        thread = new Thread(this::run, "tapsteer-host-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(15_000);
        }
    }

    private void run() {
        while (running) {
            try (SshTunnel t = SshTunnel.open(host)) {
                tunnel = t;
                String address = "tcp://127.0.0.1:" + t.localPort();
                try (LabHostServices imported = new LabHostServices(context, engine.start(RemoteEngine.IMPORT_ONLY, false), name)) {
                    this.imported = imported;
                    watch(t, address, imported);
                } finally {
                    this.imported = null;
                }
                tunnel = null;
                if (running) {
                    unreachable("the SSH session closed");
                }
            } catch (SshTunnel.TunnelRefused e) {
                state = new HostState(HostState.Kind.REFUSED, Instant.now(), e.getMessage(), 0);
                return;
            } catch (IOException | RuntimeException e) {
                unreachable(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * While the session is open: (re)reads the host's endpoint list and imports what it exports,
     * then asks the host something small every {@value #PING_MILLIS} ms; a host that does not
     * answer within the call timeout is unreachable from then on, until it answers again.
     */
    private void watch(SshTunnel t, String address, LabHostServices imported) {
        long lastRead = 0;
        while (running && t.isOpen()) {
            String problem;
            try {
                if (System.nanoTime() - lastRead > TimeUnit.SECONDS.toNanos(5) || state.kind() != HostState.Kind.CONNECTED) {
                    String text = t.exec("cat " + host.endpoints(), RemoteEngine.CALL_TIMEOUT_MILLIS * 2);
                    imported.update(Endpoints.read(text, address, name));
                    lastRead = System.nanoTime();
                }
                problem = imported.ping();
            } catch (IOException e) {
                problem = "the host's runtime publishes no remote services (" + Messages.of(e)
                        + "): is conf/" + LabExport.PID + ".cfg there and the runtime running?";
            } catch (RuntimeException e) {
                problem = Messages.of(e);
            }
            if (problem == null) {
                if (state.kind() != HostState.Kind.CONNECTED) {
                    state = new HostState(HostState.Kind.CONNECTED, Instant.now(), "", t.localPort());
                }
            } else {
                imported.close();
                unreachable(problem);
            }
            t.awaitClose(PING_MILLIS);
        }
    }

    private void unreachable(String reason) {
        HostState s = state;
        if (s.kind() != HostState.Kind.UNREACHABLE || !s.reason().equals(reason)) {
            state = new HostState(HostState.Kind.UNREACHABLE, s.kind() == HostState.Kind.UNREACHABLE ? s.since() : Instant.now(), reason, 0);
        }
    }

    /**
     * @return the host's services while it is connected
     * @throws IllegalArgumentException with the host's state when it is not
     */
    HostServices services() {
        LabHostServices i = imported;
        HostServices s = i == null ? null : i.services();
        if (state.kind() != HostState.Kind.CONNECTED || s == null) {
            throw new IllegalArgumentException("host " + name + " is " + state.text());
        }
        return s;
    }

    /**
     * Copies a file of the host to {@code to} over the SSH session, then deletes it on the host;
     * the caller checked the name (no shell words in it).
     */
    void fetch(String file, java.nio.file.Path to) throws IOException {
        SshTunnel t = tunnel;
        if (t == null || state.kind() != HostState.Kind.CONNECTED) {
            throw new IllegalArgumentException("host " + name + " is " + state.text());
        }
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(to)) {
            t.exec("cat -- " + file, FETCH_MILLIS, out);
        } catch (IOException e) {
            java.nio.file.Files.deleteIfExists(to);
            throw e;
        } finally {
            t.exec("rm -f -- " + file, RemoteEngine.CALL_TIMEOUT_MILLIS * 2);
        }
    }

    /** @return the host's name in tapsteer */
    public String name() {
        return name;
    }

    /** @return the host as configured, or null when its configuration was refused */
    public LabHost host() {
        return host;
    }

    /** @return the uri as configured */
    public String uri() {
        return uri;
    }

    /** @return the tunnel's state */
    public HostState state() {
        return state;
    }

    /** @return the host's name: {@code name}, else the configuration's name, else the file's NAME */
    static String nameOf(Map<String, ?> props) {
        Object n = props.get("name");
        if (n != null && !n.toString().isBlank()) {
            return n.toString().strip();
        }
        Object pid = props.get("service.pid");
        if (pid != null && pid.toString().indexOf('~') >= 0) {
            return pid.toString().substring(pid.toString().indexOf('~') + 1);
        }
        Object file = props.get(FILE);
        if (file != null) {
            String f = file.toString();
            f = f.substring(f.lastIndexOf('/') + 1);
            String prefix = LabHost.FACTORY_PID + "-";
            if (f.startsWith(prefix) && f.endsWith(".cfg")) {
                return f.substring(prefix.length(), f.length() - 4);
            }
        }
        return String.valueOf(pid);
    }

    private static String where(Map<String, ?> props, String name) {
        Object file = props.get(FILE);
        if (file != null) {
            String f = file.toString();
            return "conf/" + f.substring(f.lastIndexOf('/') + 1);
        }
        return "host " + name;
    }
}
