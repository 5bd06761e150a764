package io.tapsteer.tap.tests;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.tap.internal.NativeTapService;
import io.tapsteer.testsupport.LabTraffic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private namespace with the tap service, for one test: everything it makes dies with it.
 */
final class TapLab implements AutoCloseable {
    final NativeTapService service = new NativeTapService(null);
    final NetNamespace ns;

    TapLab(String label) {
        ns = service.privateNamespace(label);
    }

    TapDevice tap(int queues) {
        return service.create(TapOptions.builder().name("lab%d").queues(queues).build(), ns);
    }

    /** Runs a command inside the namespace and returns its output. */
    String sh(String... command) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + ns.path()));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return {numqueues, numdisabled} as {@code ip -d link show} prints them */
    int[] ipQueueCounts(String device) {
        String out = sh("ip", "-d", "link", "show", "dev", device);
        Matcher m = Pattern.compile("numqueues (\\d+) numdisabled (\\d+)").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no queue counts in: " + out);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /**
     * Sends {@code flows} frames, flow {@code i} stamped with id i, through an AF_PACKET socket.
     *
     * @return frames sent
     */
    int sendFlows(TapDevice tap, int flows, int firstSequence) {
        return LabTraffic.sendFlows(service, tap, flows, firstSequence);
    }

    /** Reads every waiting frame of a queue; returns the flow ids in arrival order. */
    static List<Long> drain(TapQueue q) {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        List<Long> flows = new ArrayList<>();
        int n;
        while ((n = q.read(buf, 0, buf.capacity())) > 0) {
            int p = FrameBuilder.payloadOffset(buf, 0);
            flows.add(p < 0 || p + 8 > n ? -1L : buf.getLong(p + FrameBuilder.PAYLOAD_FLOW));
        }
        return flows;
    }

    @Override
    public void close() {
        service.closeAll();
        ns.close();
    }
}
