/**
 * Kernel steering with generated eBPF programs: {@link io.tapsteer.ebpf.EbpfKernelSteering} attaches
 * RSS, table and fixed-queue programs to taps, with or without OSGi.
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package io.tapsteer.ebpf;
