package io.tapsteer.shell;

import io.tapsteer.lab.capture.CaptureException;
import io.tapsteer.lab.capture.WhatIf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code steer:whatif}: which steering spreads this capture best, before anything is deployed.
 * Runs the capture's frames through each candidate offline and prints them side by side.
 */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = WhatIfCommands.class, immediate = true, property = {"osgi.command.scope=steer",
        "osgi.command.function=whatif"})
public final class WhatIfCommands {
    static final String USAGE = "steer:whatif FILE [--queues N] [--strategy S ...] [--rss SETTINGS ...] [--json]";
    static final int MAX_QUEUES = 256;
    private Services services;

    @Activate
    void activate(BundleContext context) {
        services = new Services(context);
    }

    /** The parsed command line. */
    record Options(Path capture, int queues, List<String> strategies, List<String> rss, boolean json) {
    }

    @Descriptor("compare steering candidates on a pcap/pcapng capture, offline: " + USAGE
            + " (SETTINGS in rss:set words, quoted: --rss \"equal 2 types tcp4,udp4\"; no candidate: every registered strategy)")
    public String whatif(@Descriptor("FILE and options") String... args) throws CaptureException, InterruptedException {
        Options o = parse(args);
        WhatIf.Report r = WhatIf.run(o.capture(), o.queues(), candidates(services, o.queues(), o.strategies(), o.rss()));
        return o.json() ? WhatIfReport.json(r) : WhatIfReport.text(r);
    }

    /**
     * The candidates named, for the command and for {@link WhatIfServiceComponent}: strategies (each
     * waited for as {@code lab:demo} does), then RSS settings; with neither, every registered strategy.
     *
     * @throws IllegalArgumentException naming an unknown strategy or invalid settings
     */
    static List<WhatIf.Candidate> candidates(Services services, int queues, List<String> strategies, List<String> rss)
            throws InterruptedException {
        List<WhatIf.Candidate> candidates = new ArrayList<>();
        List<String> names = strategies;
        if (names.isEmpty() && rss.isEmpty()) {
            names = services.strategies().stream().map(Services.Strategy::name).toList();
        }
        for (String name : names) {
            var s = services.awaitStrategy(name, LabRun.STRATEGY_WAIT_MILLIS);
            if (s == null) {
                throw new IllegalArgumentException("--strategy '" + name + "' is not registered: registered are "
                        + services.strategies().stream().map(Services.Strategy::name).toList());
            }
            candidates.add(WhatIfCandidates.strategy(name, s, queues));
        }
        for (String words : rss) {
            candidates.add(WhatIfCandidates.rss(words, queues));
        }
        return candidates;
    }

    /** @throws IllegalArgumentException in words, naming the bad argument and what is allowed */
    static Options parse(String... args) {
        Path capture = null;
        int queues = 4;
        List<String> strategies = new ArrayList<>();
        List<String> rss = new ArrayList<>();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String a = String.valueOf(args[i]);
            switch (a) {
                case "--queues", "-q" -> queues = queues(value(args, ++i, a, "a queue count, 1 to " + MAX_QUEUES));
                case "--strategy", "-s" -> strategies.add(value(args, ++i, a, "a strategy name, as steer:list shows it"));
                case "--rss" -> rss.add(value(args, ++i, a, "rss:set words in quotes, for example \"equal 2\""));
                case "--json" -> json = true;
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "': use " + USAGE);
                    }
                    if (capture != null) {
                        throw new IllegalArgumentException("one capture at a time: '" + capture + "' and '" + a + "' given; use " + USAGE);
                    }
                    capture = Path.of(a);
                }
            }
        }
        if (capture == null) {
            throw new IllegalArgumentException("no capture file given: use " + USAGE);
        }
        return new Options(capture, queues, strategies, rss, json);
    }

    private static int queues(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_QUEUES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--queues '" + text + "': a queue count is a number from 1 to " + MAX_QUEUES);
    }

    private static String value(String[] args, int i, String option, String expected) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs " + expected);
        }
        return String.valueOf(args[i]);
    }
}
