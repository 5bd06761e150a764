package io.tapsteer.lab.vm;

import io.tapsteer.api.tap.NetNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A QEMU guest on a multiqueue tap of a lab namespace: TCG (no KVM needed), {@code -smp} one vCPU
 * per queue, a virtio-net-pci device with {@code mq=on} on a tap QEMU creates itself
 * ({@code queues=N, vhost=off}, no scripts). The guest's init answers on the serial console with
 * its per-queue receive counters and changes its queue count on request. Start-up, every request
 * and shutdown are bounded in time; {@link #close()} (and the JVM's exit) ends QEMU, which closes
 * its tap. The guest hears from this object every 5 s and powers itself off after 30 s of silence,
 * so even a killed JVM leaves no QEMU (and no namespace) behind for long.
 */
public final class GuestVm implements AutoCloseable {
    /** The QEMU binary, from Debian's qemu-system-x86. */
    public static final String QEMU = "qemu-system-x86_64";
    private static final Pattern TAP_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final long ANSWER_MILLIS = 10_000;
    private static final long SHUTDOWN_MILLIS = 10_000;
    /** The guest powers itself off after 30 s without a request: a dead host process leaves no guest. */
    private static final long KEEPALIVE_MILLIS = 5_000;

    private final Process process;
    private final GuestConsole console;
    private final String tap;
    private final NetNamespace namespace;
    private final Thread onExit;
    private int queues;
    private boolean closed;

    private GuestVm(Process process, String tap, NetNamespace namespace) {
        this.process = process;
        this.tap = tap;
        this.namespace = namespace;
        this.console = new GuestConsole(process.getInputStream(), process.getOutputStream(), "tapsteer-vm-" + tap);
        this.onExit = new Thread(process::destroyForcibly, "tapsteer-vm-exit-" + tap);
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Starts the pings once the guest's init reads its console (earlier bytes may be lost in boot). */
    private void startKeepalive() {
        Thread keepalive = new Thread(this::keepAlive, "tapsteer-vm-keepalive-" + tap);
        keepalive.setDaemon(true);
        keepalive.start();
    }

    private void keepAlive() {
        try {
            while (process.isAlive() && console.send("ping")) {
                Thread.sleep(KEEPALIVE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return null when QEMU can run here, else what is missing, in words */
    public static String unavailabilityCause() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, QEMU))) {
                return null;
            }
        }
        return QEMU + " is not installed: apt-get install qemu-system-x86 (./tapsteer installs it when run as root)";
    }

    /**
     * Boots a guest whose virtio-net device has {@code queues} queue pairs on tap {@code tap},
     * created by QEMU in {@code namespace}, and waits until the guest receives on all of them; the
     * tap is then up.
     *
     * @param limit how long the boot may take
     * @throws IllegalArgumentException for a bad tap name or queue count
     * @throws IllegalStateException when QEMU fails or the guest is not ready in time (QEMU is ended)
     */
    public static GuestVm boot(GuestImage image, NetNamespace namespace, String tap, int queues, Duration limit)
            throws IOException, InterruptedException {
        if (!TAP_NAME.matcher(tap).matches()) {
            throw new IllegalArgumentException("tap name '" + tap + "' is not allowed: 1 to 15 of A-Z a-z 0-9 _ . -");
        }
        if (queues < 1 || queues > 8) {
            throw new IllegalArgumentException("queues " + queues + " is out of range: the lab guest has 1 to 8 queues");
        }
        String missing = unavailabilityCause();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + namespace.path(), QEMU,
                "-accel", "tcg", "-smp", Integer.toString(queues), "-m", "256M",
                "-nodefaults", "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(),
                "-append", "console=ttyS0 quiet loglevel=1 panic=-1",
                "-netdev", "tap,id=lab0,ifname=" + tap + ",queues=" + queues + ",script=no,downscript=no,vhost=off",
                "-device", "virtio-net-pci,netdev=lab0,mq=on,vectors=" + (2 * queues + 2)));
        GuestVm vm = new GuestVm(new ProcessBuilder(cmd).redirectErrorStream(true).start(), tap, namespace);
        try {
            String ready = vm.console.await("ready", limit.toMillis());
            if (ready == null) {
                throw new IllegalStateException("the lab guest was not ready within " + limit.toSeconds() + " s"
                        + vm.exitNote() + ": " + vm.console.lastLines());
            }
            vm.queues = Integer.parseInt(ready.split(" ")[1]);
            vm.startKeepalive();
            vm.linkUp();
            if (vm.queues != queues) {
                vm.setQueues(queues);
            }
            return vm;
        } catch (RuntimeException | IOException | InterruptedException e) {
            vm.close();
            throw e;
        }
    }

    private String exitNote() {
        return process.isAlive() ? "" : " (QEMU exited with " + process.exitValue() + ")";
    }

    private void linkUp() throws IOException, InterruptedException {
        Process ip = new ProcessBuilder("nsenter", "--net=" + namespace.path(), "ip", "link", "set", "dev", tap, "up")
                .redirectErrorStream(true).start();
        String out = new String(ip.getInputStream().readAllBytes()).strip();
        if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
            ip.destroyForcibly();
            throw new IllegalStateException("could not bring tap " + tap + " up: " + out);
        }
    }

    /** @return QEMU's process id (the holder of the tap's queue fds) */
    public long pid() {
        return process.pid();
    }

    /** @return the tap QEMU holds */
    public String tap() {
        return tap;
    }

    /** @return the lab namespace the tap is in */
    public NetNamespace namespace() {
        return namespace;
    }

    /** @return queue pairs the guest uses now */
    public synchronized int queues() {
        return queues;
    }

    /** @return true while QEMU runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * @return the guest's own receive counters per queue ({@code rx_queue_N_packets} of eth0), one
     *         per queue pair in use
     * @throws IllegalStateException when the guest does not answer within 10 s
     */
    public synchronized long[] rxPackets() throws InterruptedException {
        String a = request("stats", "rx");
        String[] w = a.split(" ");
        return Arrays.stream(w, 1, w.length).mapToLong(Long::parseLong).toArray();
    }

    /**
     * Changes the guest's queue count as {@code ethtool -L eth0 combined N} does in the guest (QEMU
     * then sets its own steering on the tap, removing a program someone else attached).
     *
     * @throws IllegalArgumentException for a count outside 1 to the tap's queues
     */
    public synchronized void setQueues(int n) throws InterruptedException {
        if (n < 1 || n > 8) {
            throw new IllegalArgumentException("queues " + n + " is out of range: 1 to the tap's queue count");
        }
        request("channels " + n, "channels");
        queues = n;
    }

    private String request(String line, String word) throws InterruptedException {
        if (closed || !console.send(line)) {
            throw new IllegalStateException("the lab guest on " + tap + " is not running" + exitNote());
        }
        String a = console.await(word, ANSWER_MILLIS);
        if (a == null) {
            throw new IllegalStateException("the lab guest on " + tap + " did not answer '" + line + "' within "
                    + ANSWER_MILLIS / 1000 + " s" + exitNote() + ": " + console.lastLines());
        }
        return a;
    }

    /** Powers the guest off (QEMU ends, its tap goes), forcibly after 10 s; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            console.send("off");
            if (!process.waitFor(SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting: the hook ends QEMU anyway
            }
        }
    }
}
