package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A namespace tapsteer did not make, entered by its file for each task on a fresh thread that ends
 * with the task, so tapsteer never keeps the namespace alive after its owners are gone. The file is
 * checked against the namespace's inode before entering (a /proc/PID path may meanwhile name another
 * process); when it no longer matches, another file of that namespace is looked up.
 */
public final class PathNetNamespace implements NetNamespace {
    private final long inode;
    private final String label;
    private volatile String path;

    /**
     * @param inode the namespace's inode
     * @param label its label (host, a /run/netns name, pid:N)
     * @param path a file that opens it
     */
    public PathNetNamespace(long inode, String label, String path) {
        this.inode = inode;
        this.label = label;
        this.path = path;
    }

    /** @return the namespace's inode */
    public long inode() {
        return inode;
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
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = thread("tapsteer-netns-" + label, () -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, result);
        t.start();
        try {
            return result.get();
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
        CompletableFuture<Void> entered = new CompletableFuture<>();
        Thread t = thread(name, body, entered);
        t.start();
        return t;
    }

    /** A daemon thread that enters the namespace, then runs the body; an entry failure goes to {@code failure}. */
    private Thread thread(String name, Runnable body, CompletableFuture<?> failure) {
        Thread t = new Thread(() -> {
            try {
                enter();
            } catch (RuntimeException e) {
                failure.completeExceptionally(e);
                return;
            }
            body.run();
        }, name);
        t.setDaemon(true);
        return t;
    }

    private void enter() {
        int fd = openChecked(path);
        if (fd < 0) {
            String other = findPath();
            fd = other == null ? -1 : openChecked(other);
            if (fd < 0) {
                throw new TapException("setns", Errno.ENODEV, "namespace " + label + " (net:[" + inode
                        + "]) is gone: every process in it has exited");
            }
            path = other;
        }
        try {
            if (LibC.setns(fd, LibC.CLONE_NEWNET) < 0) {
                throw Errors.fail("setns(CLONE_NEWNET)", "namespace " + label);
            }
        } finally {
            LibC.close(fd);
        }
    }

    /** @return an fd on the file when it still is this namespace, else -1 */
    private int openChecked(String file) {
        int fd = LibC.open(file, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            return -1;
        }
        if (NetNamespaces.inodeOfFd(fd) != inode) {
            LibC.close(fd);
            return -1;
        }
        return fd;
    }

    private String findPath() {
        for (NetNamespaces.Ref r : NetNamespaces.discover()) {
            if (r.inode() == inode) {
                return r.path();
            }
        }
        return null;
    }

    /** Nothing to stop: no thread stays in the namespace between tasks. */
    @Override
    public void close() {
        // each task's thread has ended with it
    }

    @Override
    public String toString() {
        return "NetNamespace[" + label + ", net:[" + inode + "]]";
    }
}
