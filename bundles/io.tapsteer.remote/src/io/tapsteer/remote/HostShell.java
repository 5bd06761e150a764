package io.tapsteer.remote;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A lab host's own console, exported for the desktop's {@code --host NAME} on the commands that
 * have no remote form of their own ({@code tap:create}, {@code lab:start}, {@code rss:set}, ...):
 * it runs one of tapsteer's commands on the host, its words taken as they are (never read as Gogo
 * syntax, so nothing but that one command runs), and hands on what the command prints. A command
 * runs as a job, so one that takes long ({@code lab:demo}, {@code stats:capture}) holds no remote
 * call longer than the call timeout: the desktop reads its output as it comes.
 */
@ProviderType
public interface HostShell {
    /** The command scopes a lab host runs for a desktop: tapsteer's own, without {@code host:}. */
    List<String> SCOPES = List.of("tap", "ebpf", "rss", "steer", "stats", "lab");

    /**
     * Starts a command.
     *
     * @param words the command's name ({@code tap:show}) and its words, as the user typed them
     * @return the job's id, for {@link #read} and {@link #cancel}
     * @throws IllegalArgumentException for a command outside {@link #SCOPES}, an unknown one, a
     *         {@code --host} among the words (a host runs its own commands only), or too many jobs
     */
    String start(List<String> words);

    /**
     * @param job a job's id
     * @param waitMillis most time to wait for output or the end, 0 to 1000
     * @return what the command printed since the last read, and whether it ended and how
     * @throws IllegalArgumentException for an unknown job (ended and read, or never started)
     */
    ShellOutput read(String job, int waitMillis);

    /** Stops a job as Ctrl-C stops a command at the host's console; an unknown job is ignored. */
    void cancel(String job);
}
