package io.tapsteer.lab.capture;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.Frame;
import io.tapsteer.frame.FrameParser;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a capture's frames through steering candidates offline (no tap): per candidate the frames
 * and bytes per queue, the flows it splits over several queues, the frames it could not classify,
 * and the top flows of its hottest queue (found in a second pass over the file). The engine behind
 * {@code steer:whatif} and the What-if service, public so that the benchmarks measure the same code.
 */
public final class WhatIf {
    /** One way of choosing a queue for a frame. */
    public interface Candidate {
        /** @return the label the report shows */
        String label();

        /** @return the queue, 0 to queues - 1 */
        int select(Frame frame, int queues);

        /** @return whether the candidate classified the frame it last selected (hashed it) */
        boolean classified(FlowKey key);

        /** @return a note for the report, "" when none */
        default String note() {
            return "";
        }
    }

    /** What one candidate made of the capture. */
    public record Outcome(Candidate candidate, long[] frames, long[] bytes, long unclassified, int flows, int flowsSplit,
            int hottest, List<TopFlow> topFlows, long errors, String firstError) {
    }

    /** A flow and its frames on a queue. */
    public record TopFlow(String flow, long frames) {
    }

    /** The whole comparison. */
    public record Report(Path capture, long frames, long truncated, String damage, int queues, List<Outcome> outcomes) {
    }

    /** One flow: the 5-tuple fields a flow key carries (unclassified frames have none). */
    private record FlowId(int family, long srcHigh, long srcLow, long dstHigh, long dstLow, int protocol, int sport, int dport) {
        static FlowId of(FlowKey k) {
            return new FlowId(k.family(), k.sourceHigh(), k.sourceLow(), k.destinationHigh(), k.destinationLow(), k.protocol(),
                    k.sourcePort(), k.destinationPort());
        }
    }

    /** The top flows reported of a candidate's hottest queue. */
    public static final int TOP = 5;

    private WhatIf() {
    }

    /**
     * Runs every frame of {@code capture} through each candidate.
     *
     * @param queues the queue count the candidates choose among
     * @return per candidate, in the order given, what it made of the capture
     * @throws CaptureException when the capture cannot be opened at all (damage later is reported, not thrown)
     */
    public static Report run(Path capture, int queues, List<Candidate> candidates) throws CaptureException {
        int n = candidates.size();
        long[][] frames = new long[n][queues];
        long[][] bytes = new long[n][queues];
        long[] unclassified = new long[n];
        long[] errors = new long[n];
        String[] firstError = new String[n];
        int[][] flowQueue = new int[n][1024];
        Map<FlowId, Integer> flows = new HashMap<>();
        FlowKey key = new FlowKey();
        Frame frame = new Frame(f -> { });
        long read;
        long truncated;
        String damage = "";
        try (CaptureFile file = CaptureFile.open(capture)) {
            for (int[] q : flowQueue) {
                Arrays.fill(q, -1);
            }
            try {
                while (file.next()) {
                    FrameParser.parse(file.buffer(), 0, file.length(), key);
                    int flow = -1;
                    if (key.classified()) {
                        flow = flows.computeIfAbsent(FlowId.of(key), id -> flows.size());
                        if (flow >= flowQueue[0].length) {
                            for (int c = 0; c < n; c++) {
                                int old = flowQueue[c].length;
                                flowQueue[c] = Arrays.copyOf(flowQueue[c], old * 2);
                                Arrays.fill(flowQueue[c], old, old * 2, -1);
                            }
                        }
                    }
                    for (int c = 0; c < n; c++) {
                        int q = select(candidates.get(c), frame, file, queues, errors, firstError, c);
                        frames[c][q]++;
                        bytes[c][q] += file.length();
                        if (!candidates.get(c).classified(key)) {
                            unclassified[c]++;
                        }
                        if (flow >= 0) {
                            int seen = flowQueue[c][flow];
                            flowQueue[c][flow] = seen == -1 || seen == q ? q : -2;
                        }
                    }
                }
            } catch (CaptureException e) {
                damage = e.getMessage();
            }
            read = file.frames();
            truncated = file.truncated();
        }
        int[] hottest = new int[n];
        for (int c = 0; c < n; c++) {
            hottest[c] = hottest(frames[c]);
        }
        List<List<TopFlow>> top = topFlows(capture, queues, candidates, hottest, read);
        List<Outcome> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            int split = 0;
            for (int f = 0; f < flows.size(); f++) {
                split += flowQueue[c][f] == -2 ? 1 : 0;
            }
            out.add(new Outcome(candidates.get(c), frames[c], bytes[c], unclassified[c], flows.size(), split, hottest[c],
                    top.get(c), errors[c], firstError[c]));
        }
        return new Report(capture, read, truncated, damage, queues, out);
    }

    /** A candidate's queue; a throwing or out-of-range candidate costs a counted error and queue 0, as on the data path. */
    private static int select(Candidate c, Frame frame, CaptureFile file, int queues, long[] errors, String[] firstError, int i) {
        frame.set(file.buffer(), 0, file.length(), 0, -1);
        try {
            int q = c.select(frame, queues);
            if (q >= 0 && q < queues) {
                return q;
            }
            note(errors, firstError, i, "chose queue " + q + " of " + queues);
        } catch (RuntimeException | StackOverflowError e) {
            note(errors, firstError, i, message(e));
        }
        return 0;
    }

    /** @return the innermost meaningful message of {@code e} */
    private static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvocationTargetException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private static void note(long[] errors, String[] firstError, int i, String what) {
        if (errors[i]++ == 0) {
            firstError[i] = what;
        }
    }

    private static int hottest(long[] frames) {
        int h = 0;
        for (int q = 1; q < frames.length; q++) {
            h = frames[q] > frames[h] ? q : h;
        }
        return h;
    }

    /** Second pass: frames per flow on each candidate's hottest queue, up to the frames the first pass read. */
    private static List<List<TopFlow>> topFlows(Path capture, int queues, List<Candidate> candidates, int[] hottest, long frames)
            throws CaptureException {
        int n = candidates.size();
        List<Map<String, long[]>> counts = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            counts.add(new HashMap<>());
        }
        FlowKey key = new FlowKey();
        Frame frame = new Frame(f -> { });
        long[] ignored = new long[n];
        String[] ignoredText = new String[n];
        try (CaptureFile file = CaptureFile.open(capture)) {
            for (long i = 0; i < frames && file.next(); i++) {
                FrameParser.parse(file.buffer(), 0, file.length(), key);
                String flow = null;
                for (int c = 0; c < n; c++) {
                    if (select(candidates.get(c), frame, file, queues, ignored, ignoredText, c) == hottest[c]) {
                        flow = flow != null ? flow : key.toString();
                        counts.get(c).computeIfAbsent(flow, f -> new long[1])[0]++;
                    }
                }
            }
        } catch (CaptureException e) {
            // the first pass reported the damage; only its whole frames are counted here
        }
        List<List<TopFlow>> out = new ArrayList<>();
        for (Map<String, long[]> m : counts) {
            out.add(m.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(TOP)
                    .map(e -> new TopFlow(e.getKey(), e.getValue()[0])).toList());
        }
        return out;
    }
}
