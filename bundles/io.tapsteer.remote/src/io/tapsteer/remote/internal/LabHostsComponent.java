package io.tapsteer.remote.internal;

import io.tapsteer.remote.HostServices;
import io.tapsteer.remote.LabHosts;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@link LabHosts}: every configured host's tunnel, as they come and go. */
@Component(service = LabHosts.class, immediate = true)
public final class LabHostsComponent implements LabHosts {
    private final List<HostTunnel> tunnels = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTunnel(HostTunnel t) {
        tunnels.add(t);
    }

    void removeTunnel(HostTunnel t) {
        tunnels.remove(t);
    }

    @Override
    public SortedMap<String, Entry> hosts() {
        SortedMap<String, Entry> out = new TreeMap<>();
        for (HostTunnel t : tunnels) {
            out.put(t.name(), new Entry(t.host(), t.uri(), t.state()));
        }
        return out;
    }

    @Override
    public HostServices services(String host) {
        return tunnel(host).services();
    }

    @Override
    public void fetchCapture(String host, String file, java.nio.file.Path to) throws java.io.IOException {
        if (!file.matches(java.util.regex.Pattern.quote(CAPTURE_DIR) + "/capture-[A-Za-z0-9-]{1,64}\\.pcapng")) {
            throw new IllegalArgumentException("'" + file + "' is not a capture a lab host hands over: allowed is " + CAPTURE_DIR
                    + "/capture-NAME.pcapng, NAME of letters, digits and dashes");
        }
        tunnel(host).fetch(file, to);
    }

    private HostTunnel tunnel(String host) {
        for (HostTunnel t : tunnels) {
            if (t.name().equals(host)) {
                return t;
            }
        }
        throw new IllegalArgumentException("host '" + host + "' is not configured: configured are " + hosts().keySet()
                + " (host:add NAME tapsteer+ssh://root@HOST adds one)");
    }
}
