package io.tapsteer.shell;

import io.tapsteer.remote.HostShell;
import io.tapsteer.remote.ShellOutput;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * This runtime's console for a desktop's {@code --host} ({@link HostShell}); exported only on a lab
 * host (conf/io.tapsteer.remote.export.cfg), through its loopback-only endpoint. Only tapsteer's
 * own commands of {@link HostShell#SCOPES} run, their words bound by {@link CommandDispatch} as at
 * the console (never parsed as Gogo syntax); at most {@link #MAX_JOBS} at once.
 */
@Component(service = HostShell.class)
public final class HostShellComponent implements HostShell {
    /** Commands that may run for desktops at once. */
    static final int MAX_JOBS = 8;
    /** How long a job that ended keeps its last output for a desktop that did not read it yet. */
    static final long KEEP_NANOS = 60_000_000_000L;
    private final Map<String, HostJob> jobs = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    @Reference
    private CommandProcessor processor;
    private CommandDispatch dispatch;

    @Activate
    void activate(BundleContext context) {
        dispatch = new CommandDispatch(context);
    }

    @Deactivate
    void deactivate() {
        jobs.values().forEach(HostJob::cancel);
        jobs.clear();
    }

    @Override
    public String start(List<String> words) {
        if (words == null || words.isEmpty()) {
            throw new IllegalArgumentException("no command given: a lab host runs one of tapsteer's commands ("
                    + String.join(", ", SCOPES) + " scopes)");
        }
        String name = words.get(0);
        int colon = name.indexOf(':');
        if (colon < 0 || !SCOPES.contains(name.substring(0, colon))) {
            throw new IllegalArgumentException(name + " does not run on a lab host for a desktop: allowed are tapsteer's "
                    + String.join(", ", SCOPES) + " commands, named with their scope (tap:show)");
        }
        if (words.contains("--host")) {
            throw new IllegalArgumentException(name + " --host: a lab host runs its own commands only, it reaches no other host");
        }
        CommandDispatch.Call call;
        try {
            call = dispatch.find(List.copyOf(words));
        } catch (InvalidSyntaxException e) {
            call = null;
        }
        if (call == null) {
            throw new IllegalArgumentException("no command " + name + " on this lab host");
        }
        jobs.values().removeIf(HostJob::expired);
        if (jobs.size() >= MAX_JOBS) {
            throw new IllegalArgumentException("this lab host runs " + MAX_JOBS + " commands for desktops already: "
                    + "wait for one to end, then try again");
        }
        String id = Long.toString(next.incrementAndGet());
        HostJob job = new HostJob(id, String.join(" ", words), call, processor);
        jobs.put(id, job);
        job.start();
        return id;
    }

    @Override
    public ShellOutput read(String job, int waitMillis) {
        HostJob j = jobs.get(job);
        if (j == null) {
            throw new IllegalArgumentException("no job " + job + " runs on this lab host: it ended and its output was read, or no start gave that id");
        }
        ShellOutput o = j.read(Math.max(0, Math.min(1000, waitMillis)));
        if (o.done()) {
            jobs.remove(job);
        }
        return o;
    }

    @Override
    public void cancel(String job) {
        HostJob j = jobs.remove(job);
        if (j != null) {
            j.cancel();
        }
    }
}
