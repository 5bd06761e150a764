/**
 * Captures as inputs: pcap and pcapng files of Ethernet frames, read through libpcap (which knows
 * both formats and their variants), frame by frame into one reused buffer.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.lab.capture;
