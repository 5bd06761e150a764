/**
 * Captures as inputs: pcap and pcapng files of Ethernet frames, read through libpcap (which knows
 * both formats and their variants), frame by frame into one reused buffer; {@link
 * io.tapsteer.lab.capture.WhatIf}, which runs a capture's frames through steering candidates
 * offline; and {@link io.tapsteer.lab.capture.QueueCapture}, the per-queue capture of a device's
 * frames into pcapng.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package io.tapsteer.lab.capture;
