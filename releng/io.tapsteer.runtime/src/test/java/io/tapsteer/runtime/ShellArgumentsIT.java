package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./tapsteer shell -c} answers to bad arguments: tapsteer's own sentence with the
 * command's usage, never Gogo's coercion errors; and words reach the commands as typed (an
 * all-digit hex key, an unquoted {@code [2001:db8::1]:443}).
 */
class ShellArgumentsIT {
    private static Tapsteer tapsteer;
    private static Process service;

    @BeforeAll
    static void startService() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-arguments-"));
        service = tapsteer.start("run");
        Path socket = tapsteer.home().resolve("run/shell.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) && service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "./tapsteer run did not open its shell socket");
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.destroy();
            assertTrue(service.waitFor(30, TimeUnit.SECONDS), "./tapsteer run did not stop on SIGTERM");
            tapsteer.deleteHome();
        }
    }

    private static void refused(String command, String message) throws Exception {
        Tapsteer.Result r = tapsteer.shell(command);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("tapsteer: " + command + ": " + message + "\n", r.err(), r.toString());
    }

    private static final String CREATE = "tap:create [-q|--queues QUEUES] [-p|--persist] [-n|--netns NETNS] <device name or template with %d>";

    @Test
    void aWrongNumberMissingArgumentOrUnknownOptionIsSaidInWords() throws Exception {
        refused("tap:create --queues abc t0", "--queues 'abc' is not a whole number: give queues to open, 1 to 256");
        refused("tap:create", "missing <device name or template with %d>; usage: " + CREATE);
        refused("tap:create --bogus t0", "'--bogus' is not an option of tap:create; usage: " + CREATE);
        refused("tap:close", "missing <device name>; usage: tap:close <device name> or tap:close <device name> <queue id>");
        refused("rss:show --json", "'--json' is not an option of rss:show; usage: rss:show [-d|--device DEVICE] [-q|--queues QUEUES]");
    }

    @Test
    void gogosOwnCommandsAnswerWithTheirUsage() throws Exception {
        String level = "<minimum log level [ debug | info | warn | error ]>";
        refused("felix:log", "no form of felix:log takes these arguments; usage: felix:log " + level
                + " or felix:log <maximum number of entries> " + level);
        tapsteer.ok("felix:log 5 error"); // a form it lists works
    }

    @Test
    void persistIsTrueOrFalseOnly() throws Exception {
        refused("tap:persist t maybe", "persist 'maybe' is not true or false");
    }

    @Test
    void anAllDigitKeyIsHexBytes() throws Exception {
        String key = "1234567890".repeat(8);
        String out = tapsteer.ok("rss:hash -k " + key + " 192.0.2.1 192.0.2.2");
        assertTrue(out.strip().matches("0x[0-9a-f]{8}.*"), out);
    }

    @Test
    void anUnquotedIpv6EndpointIsOneWord() throws Exception {
        String unquoted = tapsteer.ok("steer:explain --src [2001:db8::1]:443 --dst [2001:db8::2]:80 --proto tcp");
        String quoted = tapsteer.ok("steer:explain --src '[2001:db8::1]:443' --dst \"[2001:db8::2]:80\" --proto tcp");
        assertTrue(unquoted.contains("hash 0x"), unquoted);
        assertEquals(quoted, unquoted);
    }

    @Test
    void theInteractiveShellAnswersBadArgumentsInTheSameWords() throws Exception {
        Tapsteer own = new Tapsteer(Files.createTempDirectory("tapsteer-interactive-"));
        try {
            Process shell = own.start("shell");
            var out = Tapsteer.drain(shell.getInputStream());
            var err = Tapsteer.drain(shell.getErrorStream());
            try (var typed = new java.io.PrintStream(shell.getOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8)) {
                typed.println("tap:create --queues abc t0");
                typed.println("tap:create");
                typed.println("tap:create --bogus t0");
                typed.println("rss:show --json");
                typed.println("tap:create --queues 2 it0");
                typed.println("tap:list");
                typed.println("exit");
            }
            assertTrue(shell.waitFor(120, TimeUnit.SECONDS), "the interactive shell did not end on exit");
            String e = err.get(10, TimeUnit.SECONDS);
            String o = out.get(10, TimeUnit.SECONDS);
            assertEquals(0, shell.exitValue(), o + e);
            for (String line : List.of(
                    "tapsteer: tap:create --queues abc t0: --queues 'abc' is not a whole number: give queues to open, 1 to 256",
                    "tapsteer: tap:create: missing <device name or template with %d>; usage: " + CREATE,
                    "tapsteer: tap:create --bogus t0: '--bogus' is not an option of tap:create; usage: " + CREATE,
                    "tapsteer: rss:show --json: '--json' is not an option of rss:show; usage: rss:show [-d|--device DEVICE] [-q|--queues QUEUES]")) {
                assertTrue(e.contains(line + "\n"), "the interactive shell did not say '" + line + "':\n" + e);
            }
            assertFalse(e.contains("Cannot coerce") || e.contains("argument type mismatch"), e);
            assertTrue(o.startsWith("tapsteer shell: 'help' lists the commands"), o);
            assertTrue(java.util.regex.Pattern.compile("(?m)^(g! )*it0\\s+shell-lab\\s+2\\s").matcher(o).find(), o);
        } finally {
            own.deleteHome();
        }
    }
}
