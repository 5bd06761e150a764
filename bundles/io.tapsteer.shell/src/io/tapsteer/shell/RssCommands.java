package io.tapsteer.shell;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.rss.EthtoolText;
import java.io.IOException;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import io.tapsteer.rss.RssInput;
import io.tapsteer.rss.Toeplitz;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;

/**
 * {@code rss:} commands. {@code rss:hash} computes the Toeplitz hash of a tuple the way the
 * Microsoft RSS specification and virtio-net RSS do: source address, destination address, then
 * (for the 4-tuple hash) source port and destination port, all in network byte order.
 */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = RssCommands.class, immediate = true, property = {"osgi.command.scope=rss", "osgi.command.function=hash",
        "osgi.command.function=show", "osgi.command.function=set"})
public final class RssCommands {
    private static final String SETTINGS = "equal N | weight W0 W1 ... | start N | size N | default | hkey KEY | types LIST | unclassified Q";
    @Reference
    private ConfigurationAdmin configurationAdmin;
    private Services services;

    @Reference
    private ScanCommands scanCommands;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile KernelSteering kernel;

    @Activate
    void activate(BundleContext context) {
        services = new Services(context);
    }

    @Descriptor("the rss strategy's configuration as ethtool -x prints it, for the steered device or --queues")
    public String show(
            @Descriptor("device, needed when several are steered") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("queues when no device is steered") @Parameter(names = {"-q", "--queues"}, absentValue = "4") int queues) throws IOException {
        RssCommandsConfig.Text t = RssCommandsConfig.read(configurationAdmin);
        QueueManager m = services.managers().isEmpty() && device.isEmpty() ? null : services.manager(device);
        int n = m == null ? queues : Math.max(1, m.device().attachedQueues());
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("--queues " + n + " is out of range: 1 to 256");
        }
        RssConfig c = t.settings().configFor(n);
        return EthtoolText.formatIndirection(m == null ? "(no device: " + n + " queues)" : m.device().name(), n, c)
                + "RSS hash types:\n    " + EthtoolText.formatHashTypes(c.hashTypes()) + "\n"
                + "Unclassified queue: " + c.unclassifiedQueue();
    }

    @Descriptor("change the rss configuration: equal N | weight W0 W1 ... | start N | size N | default | hkey KEY | types LIST | unclassified Q")
    public String set(
            @Descriptor("a tap another process holds (tap:scan): its steering program's maps are rewritten, live; the configuration of tapsteer's own devices stays")
            @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("namespace of that tap: host, a name under /run/netns, pid:N or the inode tap:scan prints") @Parameter(names = {"-n", "--netns"}, absentValue = "") String netns,
            @Descriptor("settings in ethtool -X words, for example: equal 2 start 1, or hkey 6d:5a:..., or types tcp4,udp4,ipv4")
            String... words) throws IOException {
        if (words.length == 0) {
            throw new IllegalArgumentException("nothing to set: give " + SETTINGS);
        }
        RssCommandsConfig.Text next = change(RssCommandsConfig.read(configurationAdmin), words);
        if (!device.isEmpty() && services.managers().stream().noneMatch(m -> m.device().name().equals(device))) {
            return setForeign(scanCommands.inventory().foreign(device, netns), next);
        }
        if (device.isEmpty() && !netns.isEmpty()) {
            throw new IllegalArgumentException("--netns needs --device NAME: tap:scan lists the taps of every namespace");
        }
        // Check against the steered device first: a table that does not fit its queues is refused here.
        for (QueueManager m : services.managers()) {
            next.settings().configFor(Math.max(1, m.device().attachedQueues()));
        }
        RssCommandsConfig.write(configurationAdmin, next);
        return "rss: " + next.settings();
    }

    /** Rewrites the RSS program's maps on a tap another process holds (taking over a pinned program). */
    private String setForeign(TapDevice d, RssCommandsConfig.Text next) {
        KernelSteering k = kernel;
        if (k == null) {
            throw new IllegalStateException("kernel steering is not running: the io.tapsteer.ebpf bundle is missing or stopped");
        }
        RssConfig c = next.settings().configFor(Math.max(1, d.attachedQueues()));
        KernelSteeringStatus s = k.attach(d, KernelProgram.rss(c), "shell");
        return "rss: " + next.settings() + " on " + s.device() + " (netns " + d.namespace().label() + "): " + s.maps();
    }

    /**
     * The configuration {@code rss:set WORDS} makes of the current one. Values are read by the rss
     * bundle ({@link RssInput}, {@link io.tapsteer.rss.TableSpec}), as the desktop editor reads them.
     *
     * @throws IllegalArgumentException saying what is wrong and what is allowed; nothing is written then
     */
    static RssCommandsConfig.Text change(RssCommandsConfig.Text t, String... words) {
        String key = t.key();
        String types = t.hashTypes();
        int unclassified = t.unclassifiedQueue();
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            switch (w) {
                case "hkey" -> key = EthtoolText.formatKey(RssInput.key(value(words, ++i, "hkey", "a key in hex")));
                case "types" -> types = value(words, ++i, "types", "a list such as tcp4,udp4,ipv4 (or all, none)");
                case "unclassified" -> unclassified = RssInput.queue("unclassified queue", value(words, ++i, "unclassified", "a queue number"));
                case "default" -> table.append(" default");
                // the table's words go to TableSpec as they are: it says what is wrong with them
                case "equal", "start", "size" -> table.append(' ').append(w).append(i + 1 < words.length ? " " + words[++i] : "");
                case "weight" -> {
                    table.append(" weight");
                    while (i + 1 < words.length && words[i + 1].matches("\\d+")) {
                        table.append(' ').append(words[++i]);
                    }
                }
                default -> throw new IllegalArgumentException("'" + w + "' is not an rss setting: use " + SETTINGS);
            }
        }
        RssCommandsConfig.Text next = new RssCommandsConfig.Text(key, types, table.length() == 0 ? t.table() : table.toString().strip(), unclassified);
        next.settings();
        return next;
    }

    private static String value(String[] words, int i, String what, String expected) {
        if (i >= words.length) {
            throw new IllegalArgumentException(what + " needs " + expected);
        }
        return words[i];
    }

    @Descriptor("Toeplitz hash of the 2-tuple (addresses), printed as 0x%08x")
    public RssHash hash(
            @Descriptor("Toeplitz key as hex, plain or colon-separated; default the standard 40-byte key")
            @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("source IPv4 or IPv6 address") String src,
            @Descriptor("destination address, same family as the source") String dst) {
        return hash(key, src, dst, -1, -1);
    }

    @Descriptor("Toeplitz hash of the 4-tuple (addresses and ports), printed as 0x%08x")
    public RssHash hash(
            @Descriptor("Toeplitz key as hex, plain or colon-separated; default the standard 40-byte key")
            @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
            @Descriptor("source IPv4 or IPv6 address") String src,
            @Descriptor("destination address, same family as the source") String dst,
            @Descriptor("source port, 0 to 65535") int sport,
            @Descriptor("destination port, 0 to 65535") int dport) {
        byte[] s = RssInput.address("source", src);
        byte[] d = RssInput.address("destination", dst);
        RssInput.sameFamily("source", src, s, "destination", dst, d);
        boolean ports = sport >= 0 || dport >= 0;
        ByteBuffer tuple = ByteBuffer.allocate(2 * s.length + (ports ? 4 : 0)).put(s).put(d);
        if (ports) {
            tuple.putShort((short) RssInput.port("source port", sport)).putShort((short) RssInput.port("destination port", dport));
        }
        byte[] k = key.isEmpty() ? RssConfig.DEFAULT_KEY : RssInput.key(key);
        if (k.length < tuple.capacity() + 4) {
            throw new IllegalArgumentException("key of " + k.length + " bytes is too short for a " + tuple.capacity()
                    + "-byte tuple: it needs at least " + (tuple.capacity() + 4) + " bytes (the standard key has 40)");
        }
        int h = new Toeplitz(k).hash(tuple.array(), 0, tuple.capacity());
        return new RssHash(h, HexFormat.of().formatHex(tuple.array()));
    }
}
