package io.tapsteer.bench.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;

/**
 * Bytes allocated by one thread so far (HotSpot's per-thread allocation counter), reached through
 * reflection on {@code com.sun.management.ThreadMXBean} so the bundle needs no JDK-internal import.
 */
public final class Allocation {
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    private static final Method ALLOCATED = find();

    private Allocation() {
    }

    private static Method find() {
        try {
            Class<?> c = Class.forName("com.sun.management.ThreadMXBean", false, ClassLoader.getPlatformClassLoader());
            return c.isInstance(BEAN) ? c.getMethod("getThreadAllocatedBytes", long.class) : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** @return whether the JVM counts allocated bytes per thread */
    public static boolean isAvailable() {
        return ALLOCATED != null;
    }

    /** @return bytes allocated so far by the thread of that id, or -1 when unknown */
    public static long allocatedBytes(long threadId) {
        if (ALLOCATED == null) {
            return -1;
        }
        try {
            return (Long) ALLOCATED.invoke(BEAN, threadId);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    /** @return bytes allocated so far by the calling thread, or -1 when unknown */
    public static long current() {
        return allocatedBytes(Thread.currentThread().getId());
    }
}
