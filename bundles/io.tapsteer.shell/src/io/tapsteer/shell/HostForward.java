package io.tapsteer.shell;

import io.tapsteer.remote.HostShell;
import io.tapsteer.remote.ShellOutput;
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
    /** Longest wait of one read: well inside a remote call's timeout. */
    private static final int READ_MILLIS = 1000;

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
        String job = shell.start(there);
        PrintStream out = session.getConsole();
        try {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException(command + " on host " + host + " was stopped");
                }
                ShellOutput o = shell.read(job, READ_MILLIS);
                out.print(o.text());
                out.flush();
                if (o.done()) {
                    if (o.failure() != null) {
                        throw new IllegalArgumentException(o.failure());
                    }
                    return null;
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            if (!(e instanceof IllegalArgumentException)) {
                try {
                    shell.cancel(job);
                } catch (RuntimeException gone) {
                    // the host went away: its job ends with its runtime
                }
            }
            throw e;
        }
    }
}
