package io.tapsteer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the launcher asks of the machine before a command runs: capabilities, root, a terminal, packages. */
final class Host {
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private Host() {
    }

    /**
     * Refuses a command that makes taps and namespaces when the process lacks what that takes:
     * CAP_NET_ADMIN makes taps, CAP_SYS_ADMIN makes the private network namespaces they live in.
     */
    static void needNetAdmin(String command) throws IOException, UsageException {
        long caps = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
            }
        }
        List<String> missing = new ArrayList<>();
        if ((caps >> CAP_NET_ADMIN & 1) == 0) {
            missing.add("CAP_NET_ADMIN");
        }
        if ((caps >> CAP_SYS_ADMIN & 1) == 0) {
            missing.add("CAP_SYS_ADMIN");
        }
        if (!missing.isEmpty()) {
            throw new UsageException("'" + command + "' creates tap devices and network namespaces and lacks " + String.join(" and ", missing)
                    + ": run it as root (sudo ./tapsteer " + command + ") or grant CAP_NET_ADMIN and CAP_SYS_ADMIN.", 1);
        }
    }

    /** @return whether this process runs as root */
    static boolean root() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }

    /** @return whether standard output is a terminal (the live table redraws in place only there) */
    static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Installs the system packages that are missing, through the project's one installer
     * (releng/packages.sh: as root with apt, else it says what to install).
     *
     * @param specs {@code COMMAND:PACKAGE}: PACKAGE is needed when COMMAND is not on the PATH
     */
    static void needPackages(Layout layout, String... specs) throws IOException, InterruptedException, UsageException {
        List<String> cmd = new ArrayList<>(List.of("bash", layout.root().resolve("releng/packages.sh").toString()));
        cmd.addAll(List.of(specs));
        int status = ChildProcess.run(cmd, layout.root());
        if (status != 0) {
            throw new UsageException(null, status); // packages.sh has said what is missing
        }
    }
}
