package io.tapsteer.shell;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.lab.capture.WhatIf;
import io.tapsteer.rss.RssEngine;

/** The candidates {@code steer:whatif} compares: registered strategies and RSS settings. */
final class WhatIfCandidates {
    private WhatIfCandidates() {
    }

    /** A registered strategy, asked exactly as a poller asks it (one frame at a time, no arrival queue). */
    static WhatIf.Candidate strategy(String name, SteeringStrategy s, int queues) {
        String note = "";
        try {
            KernelProgram p = s.kernelProgram(queues);
            if (p != null && p.kind() == KernelProgram.Kind.AUTOMQ) {
                note = "the kernel's own flow hash picks automq's queue on a tap; offline it is approximated by tapsteer's flow hash";
            }
        } catch (RuntimeException e) {
            note = "kernelProgram failed: " + Messages.of(e);
        }
        String why = note;
        return new WhatIf.Candidate() {
            public String label() {
                return name;
            }

            public int select(Frame frame, int n) {
                return s.select(frame, n);
            }

            public boolean classified(FlowKey key) {
                return key.classified();
            }

            public String note() {
                return why;
            }
        };
    }

    /**
     * RSS with the default settings changed by {@code words} (rss:set's words).
     *
     * @throws IllegalArgumentException when the words are not valid settings for {@code queues}
     */
    static WhatIf.Candidate rss(String words, int queues) {
        RssCommandsConfig.Text defaults = RssCommandsConfig.Text.DEFAULTS;
        RssCommandsConfig.Text t;
        try {
            t = RssCommands.change(defaults, words.strip().split("\\s+"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--rss '" + words + "': " + e.getMessage());
        }
        RssEngine engine;
        try {
            engine = new RssEngine(t.settings().configFor(queues));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--rss '" + words + "' on " + queues + " queues: " + e.getMessage());
        }
        String label = "rss[" + words.strip() + "]";
        return new WhatIf.Candidate() {
            private long decision;

            public String label() {
                return label;
            }

            public int select(Frame frame, int n) {
                decision = engine.decide(frame.buffer(), frame.offset(), frame.length());
                return engine.queueOf(decision);
            }

            public boolean classified(FlowKey key) {
                return RssEngine.reportOf(decision) != 0;
            }
        };
    }
}
