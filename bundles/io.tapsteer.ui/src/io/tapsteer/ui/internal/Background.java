package io.tapsteer.ui.internal;

import java.util.concurrent.Executor;

/**
 * Where the views run work that may block (creating or closing a device, waiting for traffic,
 * applying a strategy): a thread of its own per task. Not the common pool: on a machine with two
 * CPUs it has one worker (Java 21+ also uses it for async tasks there), so a create that waits
 * would hold back a Close the user asks for meanwhile.
 */
final class Background {
    /** Starts each task on a new daemon thread. */
    static final Executor TASKS = task -> {
        Thread t = new Thread(task, "tapsteer-ui-task");
        t.setDaemon(true);
        t.start();
    };

    private Background() {
    }
}
