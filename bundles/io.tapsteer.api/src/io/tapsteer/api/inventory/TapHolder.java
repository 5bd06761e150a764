package io.tapsteer.api.inventory;

/**
 * One queue fd of a tun/tap device held by a process, as {@code /proc/PID/fdinfo/FD} shows it
 * ({@code iff: NAME}). A detached queue (TUNSETQUEUE IFF_DETACH_QUEUE) stays bound to its device and
 * is listed too; an fd not bound to any device shows an empty {@code iff:} and is not.
 *
 * @param pid the holding process
 * @param command its command name ({@code /proc/PID/comm})
 * @param fd the fd number in that process
 */
public record TapHolder(int pid, String command, int fd) implements java.io.Serializable {
    @Override
    public String toString() {
        return command + " pid " + pid + " fd " + fd;
    }
}
