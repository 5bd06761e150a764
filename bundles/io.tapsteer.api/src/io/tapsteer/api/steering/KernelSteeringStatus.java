package io.tapsteer.api.steering;

import java.time.Instant;

/**
 * What is attached to a device's steering hook.
 *
 * @param device the device name
 * @param owner who attached it
 * @param program the program's kernel form
 * @param programFd the loaded program's fd
 * @param instructions the program's length in instructions
 * @param since when it was attached
 * @param maps the maps' contents, as text (key, table)
 */
public record KernelSteeringStatus(String device, String owner, KernelProgram program, int programFd,
        int instructions, Instant since, String maps) {
}
