package io.tapsteer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a killed runtime leaves in its home: its bundle cache ({@code cache/PID}, megabytes each) and
 * its sockets ({@code run/exec-PID.sock}, {@code run/shell.sock}). A process that ends normally
 * removes its own; one that was killed (SIGKILL, OOM) cannot, so each start sweeps up after the
 * processes that are gone.
 */
final class Leftovers {
    private static final Pattern PID = Pattern.compile("\\d+");
    private static final Pattern EXEC_SOCKET = Pattern.compile("exec-(\\d+)\\.sock");

    private Leftovers() {
    }

    /** Removes the caches and exec sockets of processes that no longer run. */
    static void sweep(Path home) throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("cache"))) {
            for (Path dir : s.toList()) {
                String name = dir.getFileName().toString();
                if (PID.matcher(name).matches() && gone(name)) {
                    FelixRuntime.deleteTree(dir);
                }
            }
        }
        try (Stream<Path> s = Files.list(home.resolve("run"))) {
            for (Path socket : s.toList()) {
                Matcher m = EXEC_SOCKET.matcher(socket.getFileName().toString());
                if (m.matches() && gone(m.group(1))) {
                    Files.deleteIfExists(socket);
                }
            }
        }
    }

    /**
     * Removes the service socket when no runtime answers on it any more.
     *
     * @return the sentence to tell the user, or null when there was nothing stale
     */
    static String staleServiceSocket(Path socket) throws IOException {
        if (!Files.exists(socket) || ShellClient.answers(socket)) {
            return null;
        }
        Files.deleteIfExists(socket);
        return "no runtime answers on " + socket + " (the service that opened it was killed): removed it;"
                + " these commands run in a runtime of their own, without the service's devices";
    }

    private static boolean gone(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
