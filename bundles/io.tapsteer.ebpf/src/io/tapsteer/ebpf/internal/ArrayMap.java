package io.tapsteer.ebpf.internal;

import com.sun.jna.Memory;

/**
 * A BPF_MAP_TYPE_ARRAY with u32 keys: owns its fd, closed once. Writes go through
 * BPF_MAP_UPDATE_ELEM and are seen by an attached program at once (no re-attach).
 */
public final class ArrayMap implements AutoCloseable {
    private final String name;
    private final int valueSize;
    private final int entries;
    private int fd;

    /**
     * @param name up to 15 characters
     * @param valueSize bytes per element
     * @param entries number of elements
     */
    public ArrayMap(String name, int valueSize, int entries) {
        this.name = name;
        this.valueSize = valueSize;
        this.entries = entries;
        this.fd = Bpf.createArray(name, valueSize, entries);
    }

    /**
     * Takes over an fd on an existing array map (one opened from a bpffs pin).
     *
     * @param fd the map fd, owned from now on
     */
    public ArrayMap(String name, int valueSize, int entries, int fd) {
        this.name = name;
        this.valueSize = valueSize;
        this.entries = entries;
        this.fd = fd;
    }

    /** @return the fd, -1 after close */
    public synchronized int fd() {
        return fd;
    }

    /** @return bytes per element */
    public int valueSize() {
        return valueSize;
    }

    /** @return number of elements */
    public int entries() {
        return entries;
    }

    private void check(int key, int length) {
        if (fd < 0) {
            throw new IllegalStateException("map " + name + " is closed");
        }
        if (key < 0 || key >= entries) {
            throw new IndexOutOfBoundsException("map " + name + " has keys 0 to " + (entries - 1) + ", not " + key);
        }
        if (length != valueSize) {
            throw new IllegalArgumentException("map " + name + " holds " + valueSize + "-byte values, not " + length);
        }
    }

    /** Writes element {@code key}. */
    public synchronized void put(int key, byte[] value) {
        check(key, value.length);
        try (Memory m = new Memory(valueSize)) {
            m.write(0, value, 0, valueSize);
            Bpf.update(fd, name, key, m);
        }
    }

    /** Writes a u32 element. */
    public void putInt(int key, int value) {
        byte[] b = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        put(key, b);
    }

    /** @return element {@code key} as the kernel holds it */
    public synchronized byte[] get(int key) {
        check(key, valueSize);
        try (Memory m = new Memory(valueSize)) {
            Bpf.lookup(fd, name, key, m);
            return m.getByteArray(0, valueSize);
        }
    }

    /** @return a u32 element */
    public int getInt(int key) {
        byte[] b = get(key);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    /** Closes the fd; idempotent. */
    @Override
    public synchronized void close() {
        Bpf.closeQuietly(fd);
        fd = -1;
    }
}
