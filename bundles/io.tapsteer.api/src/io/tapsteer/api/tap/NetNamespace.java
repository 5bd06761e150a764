package io.tapsteer.api.tap;

import java.util.concurrent.Callable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A network namespace held by a dedicated thread. Work for it runs on that thread, or on threads it
 * starts (they inherit the namespace). A private namespace vanishes, with every device in it, when
 * it is closed and its last fd is gone, so a crash leaks nothing.
 */
@ProviderType
public interface NetNamespace extends AutoCloseable {
    /** @return a label for logs and thread names */
    String label();

    /** @return the namespace file of the holding thread, usable with nsenter --net=... */
    String path();

    /**
     * Runs a task on the namespace thread and waits for it.
     *
     * @return what the task returned
     * @throws TapException or the task's own runtime exception, unwrapped
     */
    <T> T call(Callable<T> task);

    /** Runs a task on the namespace thread and waits for it. */
    default void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Starts a thread inside the namespace. */
    Thread startThread(String name, Runnable body);

    /** Stops the holding thread; devices still open in a private namespace keep it alive until closed. */
    @Override
    void close();
}
