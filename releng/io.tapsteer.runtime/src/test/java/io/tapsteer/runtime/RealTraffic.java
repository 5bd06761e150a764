package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A capture of real traffic recorded by tcpdump between two namespaces of the test's own (HTTP over
 * TCP from Python's client to its server, UDP over IPv4 and IPv6, the ICMP errors and ARP/NDP they
 * cause). The caller deletes the two namespaces ({@link #deleteNamespaces}).
 */
final class RealTraffic {
    private RealTraffic() {
    }

    /**
     * Records into {@code capture}, on the client side of a veth pair {@code prefix + "a"/"b" + suffix}
     * between namespaces {@code client} and {@code server} (created here).
     */
    static void record(Path capture, String client, String server, String prefix, String suffix) throws Exception {
        deleteLeftovers(prefix);
        String a = prefix + "a" + suffix;
        String b = prefix + "b" + suffix;
        Tapsteer.sh("bash", "-c", String.join("; ", "set -e", "ip netns add " + client, "ip netns add " + server,
                "ip link add " + a + " netns " + client + " type veth peer name " + b + " netns " + server,
                "ip -n " + client + " addr add 192.0.2.1/24 dev " + a,
                "ip -n " + server + " addr add 192.0.2.2/24 dev " + b,
                "ip -n " + client + " addr add 2001:db8::1/64 dev " + a + " nodad",
                "ip -n " + server + " addr add 2001:db8::2/64 dev " + b + " nodad",
                "ip -n " + client + " link set " + a + " up", "ip -n " + server + " link set " + b + " up",
                "ip -n " + client + " link set lo up", "ip -n " + server + " link set lo up"));
        Process httpServer = new ProcessBuilder("ip", "netns", "exec", server, "/usr/bin/python3", "-m", "http.server", "8080", "--bind",
                "192.0.2.2").redirectErrorStream(true).redirectOutput(capture.resolveSibling("server.log").toFile()).start();
        String said = "";
        Process tcpdump = new ProcessBuilder("ip", "netns", "exec", client, "/usr/bin/tcpdump", "-i", a, "--immediate-mode", "-B", "32768", "-U", "-w",
                capture.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.UTF_8));
            String line = log.readLine();
            assertTrue(line != null && line.contains("listening on"), "tcpdump did not start: " + line);
            Tapsteer.sh("ip", "netns", "exec", client, "/usr/bin/python3", "-c", String.join("\n",
                    "import socket, time, urllib.request",
                    "for i in range(50):",
                    "    try:",
                    "        urllib.request.urlopen('http://192.0.2.2:8080/', timeout=2).read(); break",
                    "    except OSError: time.sleep(0.1)",
                    "for i in range(24): urllib.request.urlopen('http://192.0.2.2:8080/', timeout=5).read()",
                    "for family, dst in ((socket.AF_INET, '192.0.2.2'), (socket.AF_INET6, '2001:db8::2')):",
                    "    for p in range(64):",
                    "        s = socket.socket(family, socket.SOCK_DGRAM); s.bind(('', 40000 + p))",
                    "        for k in range(3): s.sendto(b'x' * (20 + k), (dst, 9999 + p % 4))",
                    "        s.close(); time.sleep(0.002)",
                    "time.sleep(1)"));
        } finally {
            Tapsteer.sh("kill", "-INT", Long.toString(tcpdump.pid()));
            assertTrue(tcpdump.waitFor(20, TimeUnit.SECONDS), "tcpdump did not stop on SIGINT");
            said = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            httpServer.destroy();
            httpServer.waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(Files.size(capture) > 24, "tcpdump wrote frames: " + said + "; the server said: "
                + Files.readString(capture.resolveSibling("server.log")));
    }

    /**
     * Deletes the namespaces {@code PREFIX-a-PID} and {@code PREFIX-b-PID} of earlier test JVMs that
     * were killed before their clean-up ran (the pid no longer runs).
     */
    private static void deleteLeftovers(String prefix) throws Exception {
        Pattern mine = Pattern.compile(Pattern.quote(prefix) + "-[ab]-(\\d+)");
        for (String line : Tapsteer.sh("ip", "netns", "list").split("\n")) {
            String name = line.split(" ")[0];
            Matcher m = mine.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                Tapsteer.sh("ip", "netns", "del", name);
            }
        }
    }

    /** Deletes the namespaces {@link #record} made, those that exist (also after a failed recording). */
    static void deleteNamespaces(String... names) throws Exception {
        String existing = Tapsteer.sh("ip", "netns", "list");
        for (String ns : names) {
            if (existing.contains(ns)) {
                Tapsteer.sh("ip", "netns", "del", ns);
            }
        }
    }

    /** @return the frames tcpdump reads back from {@code capture} that match {@code filter} */
    static long count(Path capture, String... filter) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-r", capture.toString(), "-n"));
        cmd.addAll(List.of(filter));
        return Tapsteer.sh(cmd.toArray(String[]::new)).lines().filter(l -> !l.startsWith("reading from")).count();
    }
}
