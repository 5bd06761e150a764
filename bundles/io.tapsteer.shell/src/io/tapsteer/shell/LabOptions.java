package io.tapsteer.shell;

import io.tapsteer.lab.TrafficSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A lab run's options, validated: queues, flows, seconds, rate, traffic mix, strategy and kernel
 * steering mode.
 *
 * @param queues tap queues, 1 to 256
 * @param flows flows, 1 to 65536
 * @param seconds how long traffic runs, 1 to 600
 * @param rate frames per second, 0 for as fast as the socket takes them
 * @param mixes the flow sets; flows are split evenly over them
 * @param strategy the strategy to steer with
 * @param kernelSteering auto, ebpf or automq
 */
record LabOptions(int queues, int flows, int seconds, long rate, List<TrafficSource.Mix> mixes, String strategy,
        String kernelSteering) {
    static final String MIXES = "ipv4-udp, ipv4-tcp, ipv6-tcp, ipv6-udp, vlan, mixed";

    LabOptions {
        if (queues < 1 || queues > 256) {
            throw new IllegalArgumentException("--queues " + queues + " is out of range: 1 to 256");
        }
        if (flows < 1 || flows > 65536) {
            throw new IllegalArgumentException("--flows " + flows + " is out of range: 1 to 65536");
        }
        if (seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("--seconds " + seconds + " is out of range: 1 to 600");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate " + rate + " must be 0 (as fast as possible) or more frames per second");
        }
        if (flows < mixes.size()) {
            throw new IllegalArgumentException("--flows " + flows + " is fewer than the " + mixes.size() + " kinds of --mix: give at least one flow per kind");
        }
        if (!Set.of("auto", "ebpf", "automq").contains(kernelSteering)) {
            throw new IllegalArgumentException("--kernel-steering '" + kernelSteering + "' is unknown: use auto, ebpf or automq");
        }
    }

    /** @return the mixes named in {@code list} (comma-separated) */
    static List<TrafficSource.Mix> mixes(String list) {
        Set<TrafficSource.Mix> out = new LinkedHashSet<>();
        for (String m : list.split(",")) {
            String name = m.strip();
            try { // the lab's own names, written in lower case with dashes: ipv4-udp is Mix.IPV4_UDP
                out.add(TrafficSource.Mix.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mix '" + name + "' is unknown: use a comma-separated list of " + MIXES);
            }
        }
        return new ArrayList<>(out);
    }
}
