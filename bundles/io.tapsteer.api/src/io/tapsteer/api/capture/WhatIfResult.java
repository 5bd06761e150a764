package io.tapsteer.api.capture;

import io.tapsteer.api.stats.Balance;
import java.nio.file.Path;
import java.util.List;

/**
 * What each steering candidate would make of a capture.
 *
 * @param capture the capture file
 * @param frames frames read from it
 * @param truncated frames the capture cut short (skipped)
 * @param damage why reading stopped early, "" when the whole file was read
 * @param queues the queue count predicted for
 * @param candidates one entry per candidate
 */
public record WhatIfResult(Path capture, long frames, long truncated, String damage, int queues, List<Candidate> candidates) {

    /**
     * One candidate's predicted load.
     *
     * @param name the candidate: a strategy name, or {@code rss[SETTINGS]}
     * @param note a remark on how it was evaluated offline, "" when none
     * @param frames frames per queue
     * @param bytes bytes per queue
     * @param balance how evenly the frames spread, with its verdict and Jain index
     * @param flows flows in the capture
     * @param flowsSplit flows whose frames it put on more than one queue (flow order broken)
     * @param unclassified frames it could not classify (hash)
     * @param errors frames it failed on (fell back to queue 0)
     * @param firstError the first failure in words, "" when none
     * @param hottestQueue its busiest queue
     * @param topFlows the top flows on that queue, "FRAMES  FLOW" each
     */
    public record Candidate(String name, String note, List<Long> frames, List<Long> bytes, Balance balance, int flows,
            int flowsSplit, long unclassified, long errors, String firstError, int hottestQueue, List<String> topFlows) {

        /** @return whether every flow stayed on one queue */
        public boolean keepsFlowOrder() {
            return flowsSplit == 0;
        }

        /** @return the share of the frames on queue {@code q}, 0 to 1 */
        public double share(int q) {
            long total = frames.stream().mapToLong(Long::longValue).sum();
            return total == 0 ? 0 : (double) frames.get(q) / total;
        }
    }
}
