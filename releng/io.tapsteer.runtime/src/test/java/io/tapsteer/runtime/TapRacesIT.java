package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several shell clients working on taps of one runtime at once: names stay unique, and when they
 * are done no tap, fd or thread is left over.
 */
class TapRacesIT {
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 15;
    private static Tapsteer tapsteer;
    private static Tapsteer.Service service;

    @BeforeAll
    static void startService() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-races-"));
        service = tapsteer.startService();
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.stop();
        }
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void fourClientsRacingLeaveNoTapNoFdAndNoThread() throws Exception {
        // one round first: classes loaded, the lab namespace made, pools warm
        tapsteer.ok("tap:create --queues 2 rwarm0; tap:detach rwarm0 1; tap:attach rwarm0 1; tap:close rwarm0");
        long pid = service.process().pid();
        int fds = fds(pid);
        int tuns = tunFds(pid);
        int threads = threads(pid);

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<List<String>>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String name = "rc" + c;
                work.add(clients.submit(() -> {
                    List<String> failed = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        Tapsteer.Result r = tapsteer.shell("tap:create --queues 2 " + name + "; tap:detach " + name + " 1; tap:attach "
                                + name + " 1; tap:close " + name);
                        if (r.exit() != 0) {
                            failed.add("round " + round + ": " + r);
                        }
                    }
                    return failed;
                }));
            }
            for (Future<List<String>> f : work) {
                assertEquals(List.of(), f.get(10, TimeUnit.MINUTES));
            }

            // all four ask for one name at the same moment: one gets it, three are told why not
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Tapsteer.Result>> racers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                racers.add(clients.submit(() -> {
                    go.await();
                    return tapsteer.shell("tap:create --queues 2 rsame0");
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Tapsteer.Result> f : racers) {
                Tapsteer.Result r = f.get(5, TimeUnit.MINUTES);
                if (r.exit() == 0) {
                    won++;
                } else {
                    assertTrue(r.err().contains("tap rsame0 is already open in this runtime (2 queues): close it first (tap:close rsame0)"
                            + " or choose another name"), r.toString());
                }
            }
            assertEquals(1, won, "one name, one tap");
            tapsteer.ok("tap:close rsame0");
        } finally {
            clients.shutdownNow();
        }

        String list = tapsteer.ok("tap:list");
        assertFalse(list.contains("rc") || list.contains("rsame0"), "a tap is still open:\n" + list);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while ((fds(pid) > fds || threads(pid) > threads) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(tuns, tunFds(pid), "tun fds left open");
        assertTrue(fds(pid) <= fds, "fds grew from " + fds + " to " + fds(pid));
        assertTrue(threads(pid) <= threads, "threads grew from " + threads + " to " + threads(pid));
    }

    static int fds(long pid) throws Exception {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) s.count();
        }
    }

    static int tunFds(long pid) throws Exception {
        int n = 0;
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : s.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals("/dev/net/tun")) {
                        n++;
                    }
                } catch (java.io.IOException e) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }

    static int threads(long pid) throws Exception {
        try (var s = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return (int) s.count();
        }
    }
}
