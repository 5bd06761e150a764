package io.tapsteer.remote.internal;

import io.tapsteer.remote.LabHost;
import io.tapsteer.remote.LabHosts;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code host:list}, {@code host:add}, {@code host:remove}, {@code host:bench}: the lab hosts this runtime reaches,
 * kept as factory configurations ({@value LabHost#FACTORY_PID}) through ConfigAdmin.
 */
@Component(service = HostCommands.class, immediate = true, property = {"osgi.command.scope=host",
        "osgi.command.function=list", "osgi.command.function=add", "osgi.command.function=remove",
        "osgi.command.function=bench"})
public final class HostCommands {
    @Reference
    private volatile ConfigurationAdmin cm;
    @Reference
    private volatile LabHosts hosts;

    @Descriptor("the configured lab hosts and the state of each one's SSH tunnel")
    public String list() {
        Map<String, LabHosts.Entry> all = hosts.hosts();
        if (all.isEmpty()) {
            return "no lab hosts: add one with host:add NAME tapsteer+ssh://root@HOST";
        }
        StringBuilder b = new StringBuilder(String.format("%-12s %-40s %s%n", "HOST", "URI", "STATE"));
        all.forEach((name, e) -> b.append(String.format("%-12s %-40s %s%n", name, e.uri(), e.state().text())));
        return b.toString().stripTrailing();
    }

    @Descriptor("adds (or replaces) a lab host reached through SSH")
    public String add(
            @Descriptor("private key file that logs in (default ~/.ssh/id_ecdsa)") @Parameter(names = "--identity", absentValue = "") String identity,
            @Descriptor("known_hosts file its host key must be in (default ~/.ssh/known_hosts)") @Parameter(names = "--known-hosts", absentValue = "") String knownHosts,
            @Descriptor("host name in tapsteer") String name,
            @Descriptor("tapsteer+ssh://USER@HOST[:PORT]") String uri) throws IOException, InvalidSyntaxException {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("name", name);
        p.put("uri", uri);
        if (!identity.isEmpty()) {
            p.put("identity", identity);
        }
        if (!knownHosts.isEmpty()) {
            p.put("knownHosts", knownHosts);
        }
        LabHost h = LabHost.of(name, p, "host " + name);
        p.put("identity", h.identity().toString());
        p.put("knownHosts", h.knownHosts().toString());
        Configuration c = cm.getFactoryConfiguration(LabHost.FACTORY_PID, name, "?");
        c.update(p);
        return "host " + name + " added: " + h.uri() + " (host:list shows its state)";
    }

    @Descriptor("removes a lab host and closes its tunnel")
    public String remove(@Descriptor("host name in tapsteer") String name) throws IOException, InvalidSyntaxException {
        Configuration[] cs = cm.listConfigurations("(service.factoryPid=" + LabHost.FACTORY_PID + ")");
        int removed = 0;
        for (Configuration c : cs == null ? new Configuration[0] : cs) {
            if (name.equals(HostTunnel.nameOf(toMap(c)))) {
                c.delete();
                removed++;
            }
        }
        if (removed == 0) {
            throw new IllegalArgumentException("host '" + name + "' is not configured: configured are " + hosts.hosts().keySet());
        }
        return "host " + name + " removed";
    }

    @Descriptor("measure remote calls: steer:use round trips on a host's device, and the bytes per second of one stats snapshot per device per second from every connected host")
    public String bench(
            @Descriptor("the host whose device is steered") @Parameter(names = "--host", absentValue = "") String host,
            @Descriptor("its device, needed when it steers several") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("steer:use round trips, 10 to 10000") @Parameter(names = {"-n", "--count"}, absentValue = "200") int count,
            @Descriptor("seconds of snapshots, 1 to 600") @Parameter(names = "--seconds", absentValue = "5") int seconds) throws InterruptedException {
        if (count < 10 || count > 10_000) {
            throw new IllegalArgumentException("--count " + count + " is out of range: 10 to 10000");
        }
        if (seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("--seconds " + seconds + " is out of range: 1 to 600");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("name the host whose device is steered with --host (host:list shows them)");
        }
        return HostBench.steerUse(hosts, host, device, count) + "\n" + HostBench.snapshotBytes(hosts, seconds);
    }

    private static Map<String, Object> toMap(Configuration c) {
        Map<String, Object> m = new java.util.HashMap<>();
        var d = c.getProperties();
        if (d != null) {
            for (var k = d.keys(); k.hasMoreElements();) {
                String key = k.nextElement();
                m.put(key, d.get(key));
            }
        }
        m.put("service.pid", c.getPid());
        return m;
    }
}
