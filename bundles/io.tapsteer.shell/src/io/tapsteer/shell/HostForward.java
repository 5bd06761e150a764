package io.tapsteer.shell;

import io.tapsteer.remote.HostJobs;
import io.tapsteer.remote.HostShell;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;

/**
 * {@code --host NAME} on a command that has no remote form of its own: the command's words run on
 * the lab host's own console ({@link HostShell}, through the host's SSH tunnel) and what it prints
 * there is printed here as it comes, so its output and its refusals read as on the host itself.
 */
final class HostForward {
    private static final String OPTION = "--host";

    private HostForward() {
    }

    /**
     * @param forms the command's forms
     * @param words its words after the name
     * @return the host the words name with {@code --host NAME}, or null when they name none or the
     *         command takes {@code --host} itself (it has a remote form)
     * @throws IllegalArgumentException for {@code --host} without a name
     */
    static String host(List<CommandSignature> forms, List<String> words) {
        int at = words.indexOf(OPTION);
        if (at < 0 || forms.stream().anyMatch(f -> f.takes(OPTION))) {
            return null;
        }
        if (at + 1 >= words.size() || words.get(at + 1).startsWith("-")) {
            throw new IllegalArgumentException("--host needs the name of a lab host (host:list shows them)");
        }
        return words.get(at + 1);
    }

    /** Runs {@code command} with {@code words} (less {@code --host NAME}) on the host, printing its output. */
    static Object run(BundleContext context, String host, String command, List<String> words, CommandSession session)
            throws InterruptedException {
        HostShell shell = LabHostChoice.need(host, "console", LabHostChoice.services(context, host).shell());
        List<String> there = new ArrayList<>();
        there.add(command);
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals(OPTION)) {
                i++;
            } else {
                there.add(words.get(i));
            }
        }
        PrintStream out = session.getConsole();
        try {
            HostJobs.run(shell, there, Long.MAX_VALUE, text -> {
                out.print(text);
                out.flush();
            });
        } catch (java.util.concurrent.TimeoutException never) {
            throw new IllegalStateException(never); // no limit: a console command runs as long as it runs
        }
        return null;
    }
}
