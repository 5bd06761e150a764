package io.tapsteer.shell;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.EthtoolText;
import java.io.IOException;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import io.tapsteer.rss.Toeplitz;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;

/**
 * {@code rss:} commands. {@code rss:hash} computes the Toeplitz hash of a tuple the way the
 * Microsoft RSS specification and virtio-net RSS do: source address, destination address, then
 * (for the 4-tuple hash) source port and destination port, all in network byte order.
 */
@Component(service = RssCommands.class, immediate = true, property = {"osgi.command.scope=rss", "osgi.command.function=hash",
        "osgi.command.function=show", "osgi.command.function=set"})
public final class RssCommands {
    @Reference
    private ConfigurationAdmin configurationAdmin;
    private Services services;

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
    public String set(@Descriptor("settings in ethtool -X words, for example: equal 2 start 1, or hkey 6d:5a:..., or types tcp4,udp4,ipv4")
            String... words) throws IOException {
        if (words.length == 0) {
            throw new IllegalArgumentException("nothing to set: give equal N | weight W0 W1 ... | start N | size N | default | hkey KEY | types LIST | unclassified Q");
        }
        RssCommandsConfig.Text t = RssCommandsConfig.read(configurationAdmin);
        String key = t.key();
        String types = t.hashTypes();
        int unclassified = t.unclassifiedQueue();
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            switch (w) {
                case "hkey" -> key = EthtoolText.formatKey(key(value(words, ++i, "hkey", "a key in hex")));
                case "types" -> types = value(words, ++i, "types", "a list such as tcp4,udp4,ipv4 (or all, none)");
                case "unclassified" -> unclassified = number(value(words, ++i, "unclassified", "a queue number"), "unclassified");
                case "default" -> table.append(" default");
                case "equal", "start", "size" -> table.append(' ').append(w).append(' ').append(value(words, ++i, w, "a number"));
                case "weight" -> {
                    table.append(" weight");
                    int k = i + 1;
                    while (k < words.length && words[k].matches("\\d+")) {
                        table.append(' ').append(words[k++]);
                    }
                    if (k == i + 1) {
                        throw new IllegalArgumentException("weight needs one weight per queue, for example: weight 1 1 2 2");
                    }
                    i = k - 1;
                }
                default -> throw new IllegalArgumentException("'" + w + "' is not an rss setting: use equal N | weight W0 W1 ... | start N | size N | default | hkey KEY | types LIST | unclassified Q");
            }
        }
        RssCommandsConfig.Text next = new RssCommandsConfig.Text(key, types, table.length() == 0 ? t.table() : table.toString().strip(), unclassified);
        // Check against the steered device first: a table that does not fit its queues is refused here.
        for (QueueManager m : services.managers()) {
            next.settings().configFor(Math.max(1, m.device().attachedQueues()));
        }
        RssCommandsConfig.write(configurationAdmin, next);
        return "rss: " + next.settings();
    }

    private static String value(String[] words, int i, String what, String expected) {
        if (i >= words.length) {
            throw new IllegalArgumentException(what + " needs " + expected);
        }
        return words[i];
    }

    private static int number(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number");
        }
    }
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final String KEY_HELP = "the key is hex, plain (6d5a56da...) or colon-separated (6d:5a:56:da:...)";

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
        byte[] s = address("source", src);
        byte[] d = address("destination", dst);
        if (s.length != d.length) {
            throw new IllegalArgumentException("source " + src + " and destination " + dst
                    + " are of different families: give two IPv4 or two IPv6 addresses");
        }
        boolean ports = sport >= 0 || dport >= 0;
        ByteBuffer tuple = ByteBuffer.allocate(2 * s.length + (ports ? 4 : 0)).put(s).put(d);
        if (ports) {
            tuple.putShort((short) port("source", sport)).putShort((short) port("destination", dport));
        }
        byte[] k = key.isEmpty() ? RssConfig.DEFAULT_KEY : key(key);
        if (k.length < tuple.capacity() + 4) {
            throw new IllegalArgumentException("key of " + k.length + " bytes is too short for a " + tuple.capacity()
                    + "-byte tuple: it needs at least " + (tuple.capacity() + 4) + " bytes (the standard key has 40)");
        }
        int h = new Toeplitz(k).hash(tuple.array(), 0, tuple.capacity());
        return new RssHash(h, HexFormat.of().formatHex(tuple.array()));
    }

    static byte[] key(String hex) {
        String plain = hex.replace(":", "");
        if (plain.isEmpty() || plain.length() % 2 != 0 || !plain.matches("[0-9a-fA-F]+")
                || (hex.contains(":") && !hex.matches("([0-9a-fA-F]{2}:)*[0-9a-fA-F]{2}"))) {
            throw new IllegalArgumentException("key '" + hex + "' is not hex bytes: " + KEY_HELP);
        }
        return HexFormat.of().parseHex(plain);
    }

    private static byte[] address(String what, String text) {
        // Literals only: a host name would mean a DNS lookup, which a hash command must not do.
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' is not an IP address: give IPv4 (192.0.2.1) or IPv6 (2001:db8::1)");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a valid IP address: give IPv4 (192.0.2.1) or IPv6 (2001:db8::1)");
        }
    }

    private static int port(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " port " + port + " is out of range: use 0 to 65535");
        }
        return port;
    }
}
