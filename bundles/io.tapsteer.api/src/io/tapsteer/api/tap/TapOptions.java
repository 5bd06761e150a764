package io.tapsteer.api.tap;

import java.util.Objects;

/**
 * How to create or open a tap device. Immutable; build with {@link #builder()}.
 *
 * <p>A name containing {@code %d} is a template the kernel completes ({@code tap%d}). IFF_NO_PI is
 * always set. A vnet header size of 0 means no IFF_VNET_HDR; otherwise 10, 12, 20 or more.
 */
public final class TapOptions {
    /** Most queues one tap can hold (MAX_TAP_QUEUES in the kernel). */
    public static final int MAX_QUEUES = 256;

    private final String name;
    private final int queues;
    private final boolean multiQueue;
    private final int vnetHeaderSize;
    private final boolean vnetLittleEndian;
    private final int offloads;
    private final boolean persist;
    private final int owner;
    private final int group;
    private final boolean up;

    private TapOptions(Builder b) {
        this.name = b.name;
        this.queues = b.queues;
        this.multiQueue = b.multiQueue;
        this.vnetHeaderSize = b.vnetHeaderSize;
        this.vnetLittleEndian = b.vnetLittleEndian;
        this.offloads = b.offloads;
        this.persist = b.persist;
        this.owner = b.owner;
        this.group = b.group;
        this.up = b.up;
    }

    /** @return a builder with the defaults: template {@code tap%d}, 1 queue, multiqueue, no vnet header */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.queues = queues;
        b.multiQueue = multiQueue;
        b.vnetHeaderSize = vnetHeaderSize;
        b.vnetLittleEndian = vnetLittleEndian;
        b.offloads = offloads;
        b.persist = persist;
        b.owner = owner;
        b.group = group;
        b.up = up;
        return b;
    }

    /** @return the device name or a template with {@code %d} */
    public String name() { return name; }
    /** @return how many queue fds to open */
    public int queues() { return queues; }
    /** @return whether IFF_MULTI_QUEUE is set */
    public boolean multiQueue() { return multiQueue; }
    /** @return the vnet header size, 0 for none */
    public int vnetHeaderSize() { return vnetHeaderSize; }
    /** @return whether the vnet header is little endian (TUNSETVNETLE) */
    public boolean vnetLittleEndian() { return vnetLittleEndian; }
    /** @return the TUN_F_* offload bits for TUNSETOFFLOAD, 0 for none */
    public int offloads() { return offloads; }
    /** @return whether the device outlives its fds (TUNSETPERSIST) */
    public boolean persist() { return persist; }
    /** @return the owner uid, -1 to leave unchanged */
    public int owner() { return owner; }
    /** @return the owner gid, -1 to leave unchanged */
    public int group() { return group; }
    /** @return whether the link is brought up after creation */
    public boolean up() { return up; }

    @Override
    public String toString() {
        return "TapOptions[name=" + name + ", queues=" + queues + ", multiQueue=" + multiQueue
                + ", vnetHeaderSize=" + vnetHeaderSize + ", offloads=0x" + Integer.toHexString(offloads)
                + ", persist=" + persist + ", up=" + up + "]";
    }

    /** Builder of {@link TapOptions}; {@link #build()} validates. */
    public static final class Builder {
        private String name = "tap%d";
        private int queues = 1;
        private boolean multiQueue = true;
        private int vnetHeaderSize;
        private boolean vnetLittleEndian = true;
        private int offloads;
        private boolean persist;
        private int owner = -1;
        private int group = -1;
        private boolean up = true;

        private Builder() {
        }

        /** @param name a device name (at most 15 bytes) or a template with {@code %d} @return this */
        public Builder name(String name) { this.name = Objects.requireNonNull(name, "name"); return this; }
        /** @param queues queue fds to open, 1 to 256 @return this */
        public Builder queues(int queues) { this.queues = queues; return this; }
        /** @param multiQueue whether to set IFF_MULTI_QUEUE @return this */
        public Builder multiQueue(boolean multiQueue) { this.multiQueue = multiQueue; return this; }
        /** @param size 0 for none, else 10, 12, 20 or more @return this */
        public Builder vnetHeaderSize(int size) { this.vnetHeaderSize = size; return this; }
        /** @param le whether the vnet header is little endian @return this */
        public Builder vnetLittleEndian(boolean le) { this.vnetLittleEndian = le; return this; }
        /** @param offloads TUN_F_* bits @return this */
        public Builder offloads(int offloads) { this.offloads = offloads; return this; }
        /** @param persist whether the device outlives its fds @return this */
        public Builder persist(boolean persist) { this.persist = persist; return this; }
        /** @param uid owner uid, -1 to leave unchanged @return this */
        public Builder owner(int uid) { this.owner = uid; return this; }
        /** @param gid owner gid, -1 to leave unchanged @return this */
        public Builder group(int gid) { this.group = gid; return this; }
        /** @param up whether to bring the link up @return this */
        public Builder up(boolean up) { this.up = up; return this; }

        /**
         * @return validated options
         * @throws IllegalArgumentException naming the wrong value and what is allowed
         */
        public TapOptions build() {
            if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
                throw new IllegalArgumentException("device name '" + name + "' must be 1 to 15 bytes (IFNAMSIZ - 1)");
            }
            if (queues < 1 || queues > MAX_QUEUES) {
                throw new IllegalArgumentException("queues " + queues + " is out of range: a tap holds 1 to " + MAX_QUEUES + " queues");
            }
            if (!multiQueue && queues != 1) {
                throw new IllegalArgumentException("queues " + queues + " needs multiQueue: a single-queue tap has exactly 1 queue");
            }
            if (vnetHeaderSize != 0 && vnetHeaderSize < 10) {
                throw new IllegalArgumentException("vnet header size " + vnetHeaderSize + " is too small: use 0 (none), 10, 12, 20 or more");
            }
            if (offloads != 0 && vnetHeaderSize == 0) {
                throw new IllegalArgumentException("offloads need a vnet header: set vnetHeaderSize to 10 or more");
            }
            return new TapOptions(this);
        }
    }
}
