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
        for (HostTunnel t : tunnels) {
            if (t.name().equals(host)) {
                return t.services();
            }
        }
        throw new IllegalArgumentException("host '" + host + "' is not configured: configured are " + hosts().keySet()
                + " (host:add NAME tapsteer+ssh://root@HOST adds one)");
    }
}
