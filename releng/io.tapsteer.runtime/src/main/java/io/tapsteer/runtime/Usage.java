package io.tapsteer.runtime;

import java.util.List;

/** What {@code ./tapsteer help} prints: every command and its options. */
final class Usage {
    /** The commands, in the order the help lists them. */
    static final List<String> COMMANDS = List.of("probe", "test", "gui", "demo", "shell", "run", "bench", "help");

    static final String TEXT = """
            tapsteer: steer traffic across Linux multiqueue TAP queues

              ./tapsteer [--java PATH] COMMAND ...
                                   --java (or TAPSTEER_JAVA) picks the JVM that runs tapsteer: a java command
                                   or a Java home, 17 or newer (gui: 21 or newer); default: the JDK that builds
                                   it (21 or newer: JAVA_HOME, else the newest in /usr/lib/jvm)
              ./tapsteer probe     what the running kernel offers (tun features, queue limit, tun RSS ioctls,
                                   steering eBPF, CAP_NET_ADMIN); builds what is missing first
              ./tapsteer test      installs missing system packages (as root) and runs every test
              ./tapsteer gui [--demo] [--screenshot FILE]
                                   the desktop application (builds it first when needed); --demo starts the
                                   demo lab (a 4-queue tap in a private namespace with traffic); --screenshot
                                   also saves a PNG of the window once every view shows live traffic, then
                                   exits (docs/gui.md)
              ./tapsteer demo [--queues N] [--flows N] [--seconds S] [--rate PPS] [--mix ipv4-udp,ipv4-tcp,ipv6-tcp,ipv6-udp,vlan,mixed]
                              [--strategy NAME] [--kernel-steering auto|ebpf|automq] [--json] [--vm]
                                   a private namespace, a multiqueue tap, lab traffic, a live per-queue table;
                                   everything is removed at the end and on Ctrl-C; --json ends with one JSON line;
                                   --vm puts a real guest (QEMU, installed when run as root) on the tap and shows
                                   its own per-queue counters beside tapsteer's prediction (docs/lab.md)
              ./tapsteer shell     an interactive Gogo shell (help lists the commands: tap:, steer:, rss:, stats:, ebpf:, lab:)
              ./tapsteer shell -c "CMD; CMD"
                                   runs commands in the running service (./tapsteer run) or, with none running,
                                   in a runtime of their own; the exit code is non-zero when a command failed
              ./tapsteer run       the runtime as a service: configurations in runtime/conf, bundles dropped into
                                   runtime/deploy are hot-deployed (TAPSTEER_HOME moves runtime/)
              ./tapsteer bench [--quick] [--json] [--rounds N] [--only REGEX] [--jdks HOME,HOME]
                                   tapsteer against C baselines on the same tap, several rounds: a table of
                                   medians, min-max and ratios; --json adds one JSON object as the last line;
                                   --jdks runs it once on each Java (17 or newer), one after the other
              ./tapsteer bench jmh [JMH options]
                                   JMH microbenchmarks of the hot code (Toeplitz, steering decision, counters)
            """;

    private Usage() {
    }

    /** @return the refusal of a command that is not one of {@link #COMMANDS} */
    static UsageException unknownCommand(String command) {
        return new UsageException("unknown command '" + command + "': allowed are " + String.join(", ", COMMANDS)
                + " (./tapsteer help says what each does)");
    }
}
