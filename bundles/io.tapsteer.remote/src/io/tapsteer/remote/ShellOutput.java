package io.tapsteer.remote;

import java.io.Serializable;

/**
 * What a command running on a lab host ({@link HostShell}) printed since the last read.
 *
 * @param text its output (and warnings) since the last read
 * @param done whether it ended
 * @param failure why it failed, in the host's words, or null (while it runs, and when it succeeded)
 */
public record ShellOutput(String text, boolean done, String failure) implements Serializable {
    private static final long serialVersionUID = 1L;
}
