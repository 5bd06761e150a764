package io.tapsteer.remote.internal;

import io.tapsteer.remote.HostState;
import io.tapsteer.remote.LabHost;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * One lab host per factory configuration ({@value LabHost#FACTORY_PID}): validates it, then keeps
 * its SSH tunnel open on a thread of its own, reconnecting every {@value #RETRY_MILLIS} ms while
 * the host is unreachable. A refused host (configuration, host key, login) is not retried: its
 * reason stays in its state until the configuration changes.
 */
@Component(service = HostTunnel.class, configurationPid = LabHost.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class HostTunnel {
    static final long RETRY_MILLIS = 5000;
    private static final String FILE = "felix.fileinstall.filename";

    private volatile String name;
    private volatile String uri;
    private volatile LabHost host;
    private volatile HostState state = new HostState(HostState.Kind.CONNECTING, Instant.now(), "", 0);
    private volatile boolean running = true;
    private Thread thread;

    @Activate
    void activate(Map<String, Object> props) {
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
                state = new HostState(HostState.Kind.CONNECTED, Instant.now(), "", t.localPort());
                while (running && t.isOpen()) {
                    t.awaitClose(1000);
                }
                if (running) {
                    state = new HostState(HostState.Kind.UNREACHABLE, Instant.now(), "the SSH session closed", 0);
                }
            } catch (SshTunnel.TunnelRefused e) {
                state = new HostState(HostState.Kind.REFUSED, Instant.now(), e.getMessage(), 0);
                return;
            } catch (IOException | RuntimeException e) {
                if (state.kind() != HostState.Kind.UNREACHABLE) {
                    state = new HostState(HostState.Kind.UNREACHABLE, Instant.now(), e.getMessage() == null ? e.toString() : e.getMessage(), 0);
                }
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
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
