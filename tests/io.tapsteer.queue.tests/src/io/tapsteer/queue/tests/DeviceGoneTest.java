package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.Settings;
import io.tapsteer.queue.internal.strategy.FlowHashStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A tap deleted from outside ({@code ip link del} in its namespace) while lab traffic runs: its
 * pollers stop once with one log line, its state says it is gone, nothing is leaked, and a second
 * device beside it keeps steering and counting every frame.
 */
class DeviceGoneTest {

    /** Collects what the queue manager logs. */
    static final class Records extends Handler {
        final List<LogRecord> records = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord r) {
            records.add(r);
        }

        synchronized List<String> warningsAbout(String device) {
            return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogRecord::getMessage).filter(m -> m.contains(device)).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDeletedTapStopsOnceWithOneLogLineWhileTheOtherKeepsSteering() throws Exception {
        Records log = new Records();
        Logger queue = Logger.getLogger("io.tapsteer.queue");
        queue.addHandler(log);
        long tunFdsBefore = tunFds();
        Settings settings = Settings.defaults();
        try (QueueLab other = new QueueLab("goneb", 4, settings)) {
            other.start();
            other.rt.useStrategy(FlowHashStrategy.NAME);
            TrafficSource otherSrc = other.traffic(1024).frames(120_000).rate(20_000).build().start();
            String name;
            try (QueueLab doomed = new QueueLab("gonea", 4, settings)) {
                name = doomed.tap.name();
                doomed.start();
                doomed.rt.useStrategy(FlowHashStrategy.NAME);
                TrafficSource src = doomed.traffic(1024).frames(120_000).rate(20_000).build().start();
                QueueLab.waitFor(() -> doomed.received() > 10_000, 10_000);
                assertTrue(doomed.received() > 10_000, "traffic flows before the deletion");

                sh("nsenter", "--net=" + doomed.ns.path(), "ip", "link", "del", name);

                // the log line comes once every poller and lane stopped, from a thread that then ends too
                QueueLab.waitFor(() -> !log.warningsAbout(name).isEmpty() && threads(name).isEmpty(), 10_000);
                assertTrue(doomed.tap.isGone(), "the device says it is gone");
                assertTrue(doomed.rt.isDeviceGone(), "the queue manager says it is gone");
                assertEquals(List.of(), threads(name), "every poller and lane of the deleted tap stopped");
                assertTrue(doomed.rt.steering().contains("tap \"" + name + "\" is gone"), doomed.rt.steering());
                assertFalse(doomed.rt.kernelProgramSteers());

                TrafficSource.Result r = src.await();
                assertTrue(r.deviceGone(), "the source ended because the device went: " + r);
                long received = doomed.received();
                long counted = received + doomed.drops();
                // what the kernel had queued when it deleted the device is gone with it: at most the queue rings
                assertTrue(counted <= r.sent() && r.sent() - counted <= 4L * 20_000, "sent " + r.sent() + ", read " + received
                        + ", dropped " + doomed.drops());
                QueueLab.sleep(500);
                assertEquals(received, doomed.received(), "nothing is read from a gone device");

                List<String> lines = log.warningsAbout(name);
                assertEquals(1, lines.size(), "one log line for the deleted tap: " + lines);
                assertTrue(lines.get(0).contains(name + " is gone"), lines.get(0));
                assertEquals(List.of(), log.records.stream().map(LogRecord::getMessage).filter(m -> m.contains("read failed")).toList());
                IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                        () -> doomed.rt.useStrategy(FlowHashStrategy.NAME));
                assertTrue(refused.getMessage().contains("is gone"), refused.getMessage());
            }
            assertEquals(List.of(), threads(name), "nothing of the deleted tap is left running");

            long before = other.received();
            QueueLab.sleep(300);
            assertTrue(other.received() > before, "the other device keeps steering");
            assertEquals(FlowHashStrategy.NAME, other.rt.activeStrategy());
            assertFalse(other.rt.isDeviceGone());
            TrafficSource.Result o = otherSrc.await();
            other.settle(otherSrc);
            assertEquals(o.sent(), other.received() + other.tap.kernelCounters().txDropped(),
                    "the other device: sent = read + kernel drops");
            assertEquals(other.received(), QueueLab.sum(other.rt.laneCounters(), c -> c.rxPackets()) + other.drops(),
                    "the other device: read = delivered + dropped");
        } finally {
            queue.removeHandler(log);
        }
        assertEquals(tunFdsBefore, tunFds(), "no tap fd is left open");
    }

    private static List<String> threads(String device) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("tapsteer-" + device + "-")).toList();
    }

    private static long tunFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(f -> {
                try {
                    return Files.readSymbolicLink(f).toString().equals("/dev/net/tun");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + " failed: " + out);
    }
}
