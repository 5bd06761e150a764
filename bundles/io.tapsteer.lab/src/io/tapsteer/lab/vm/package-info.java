/**
 * A real VM for the lab: a QEMU guest (Debian's cloud kernel, an initramfs of busybox) with a
 * multiqueue virtio-net device on a tap in a lab namespace, whose own per-queue receive counters
 * the host reads over the serial console. Used by tests and by the runtime's demo and shell.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.lab.vm;
