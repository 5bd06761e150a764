package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a device's counters from {@code /proc/thread-self/net/dev}: the namespace of the calling
 * thread (/sys/class/net would show the process's first namespace after unshare).
 */
public final class ProcNetDev {
    private static final Path DEV = Path.of("/proc/thread-self/net/dev");

    private ProcNetDev() {
    }

    /**
     * @param device the device name
     * @return its counters
     * @throws TapException when the device is not in the calling thread's namespace
     */
    public static KernelCounters read(String device) {
        try {
            for (String line : Files.readAllLines(DEV)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(device)) {
                    return parse(line.substring(colon + 1));
                }
            }
        } catch (IOException e) {
            throw new TapException("read(" + DEV + ")", 0, "cannot read kernel counters: " + e.getMessage());
        }
        throw new TapException("read(" + DEV + ")", Errno.ENODEV, "device \"" + device
                + "\" is not in this namespace (deleted, or read from the wrong namespace)");
    }

    /** Parses the 16 numbers after "name:" (rx: bytes packets errs drop fifo frame compressed multicast, then tx). */
    static KernelCounters parse(String numbers) {
        String[] f = numbers.trim().split("\\s+");
        long[] v = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Long.parseLong(f[i]);
        }
        return new KernelCounters(v[1], v[0], v[2], v[3], v[9], v[8], v[10], v[11]);
    }
}
