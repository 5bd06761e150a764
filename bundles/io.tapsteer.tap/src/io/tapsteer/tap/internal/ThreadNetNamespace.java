package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A network namespace held by one dedicated thread. The thread enters the namespace first (unshare
 * or setns), then runs submitted tasks; threads it starts inherit the namespace (Linux keeps the
 * namespace per thread and clone copies it).
 */
public final class ThreadNetNamespace implements NetNamespace {
    private static final Runnable STOP = () -> { };
    private final String label;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread holder;
    private volatile String path;

    private ThreadNetNamespace(String label, Runnable enter) {
        this.label = label;
        CompletableFuture<String> entered = new CompletableFuture<>();
        holder = new Thread(() -> {
            try {
                enter.run();
                entered.complete("/proc/" + LibC.getpid() + "/task/" + LibC.gettid() + "/ns/net");
            } catch (Throwable t) {
                entered.completeExceptionally(t);
                return;
            }
            loop();
        }, "tapsteer-netns-" + label);
        holder.setDaemon(true);
        holder.start();
        try {
            path = entered.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new TapException("netns", 0, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TapException("netns", Errno.EINTR, "interrupted while entering namespace " + label);
        }
    }

    /** @return a new private namespace: unshare(CLONE_NEWNET), IPv6 off, loopback up */
    public static ThreadNetNamespace createPrivate(String label) {
        return new ThreadNetNamespace(label, () -> {
            if (LibC.unshare(LibC.CLONE_NEWNET) < 0) {
                throw Errors.fail("unshare(CLONE_NEWNET)", "private namespace " + label);
            }
            quietSysctl("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1");
            quietSysctl("/proc/sys/net/ipv6/conf/all/disable_ipv6", "1");
            Ifconfig.setFlags("lo", Ifconfig.flags("lo") | Tun.IFF_UP);
        });
    }

    /** @return a handle on a named namespace (/run/netns/NAME) */
    public static ThreadNetNamespace join(String name) {
        if (name.contains("/") || name.isEmpty()) {
            throw new IllegalArgumentException("namespace name '" + name + "' must be a plain name as 'ip netns list' shows");
        }
        String file = "/run/netns/" + name;
        return new ThreadNetNamespace(name, () -> {
            int fd = LibC.open(file, LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (fd < 0) {
                throw Errors.fail("open(" + file + ")", "namespace " + name);
            }
            try {
                if (LibC.setns(fd, LibC.CLONE_NEWNET) < 0) {
                    throw Errors.fail("setns(CLONE_NEWNET)", "namespace " + name);
                }
            } finally {
                LibC.close(fd);
            }
        });
    }

    /** Sets a sysctl if it exists (a kernel without IPv6 has none). */
    static void quietSysctl(String file, String value) {
        try {
            Files.writeString(Path.of(file), value);
        } catch (IOException e) {
            // absent knob: nothing to turn off
        }
    }

    private void loop() {
        while (true) {
            Runnable r;
            try {
                r = tasks.take();
            } catch (InterruptedException e) {
                return;
            }
            if (r == STOP) {
                return;
            }
            r.run();
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public <T> T call(Callable<T> task) {
        if (Thread.currentThread() == holder) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new TapException("netns task", 0, e.toString());
            }
        }
        if (!holder.isAlive()) {
            throw new TapException("netns task", Errno.EBADF, "namespace " + label + " is closed");
        }
        FutureTask<T> f = new FutureTask<>(task);
        tasks.add(f);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new TapException("netns task", 0, String.valueOf(c));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TapException("netns task", Errno.EINTR, "interrupted waiting for namespace " + label);
        }
    }

    @Override
    public Thread startThread(String name, Runnable body) {
        return call(() -> {
            Thread t = new Thread(body, name);
            t.setDaemon(true);
            t.start();
            return t;
        });
    }

    @Override
    public void close() {
        if (holder.isAlive()) {
            tasks.add(STOP);
            try {
                holder.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "NetNamespace[" + label + ", " + path + "]";
    }
}
