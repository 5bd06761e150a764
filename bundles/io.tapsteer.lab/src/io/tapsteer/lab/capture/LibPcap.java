package io.tapsteer.lab.capture;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** The part of libpcap that reads capture files (direct mapping; x86_64 struct layouts). */
final class LibPcap {
    /** PCAP_ERRBUF_SIZE. */
    static final int ERRBUF_SIZE = 256;
    /** Offsets in struct pcap_pkthdr: struct timeval (16 bytes), then caplen and len. */
    static final int CAPLEN = 16;
    static final int LEN = 20;
    /** Why libpcap could not be loaded, or null when it was. */
    static final String LOAD_ERROR = load();

    private LibPcap() {
    }

    private static String load() {
        // libpcap.so is only in the -dev package; the runtime library carries its soname
        for (String name : new String[] {"pcap", "libpcap.so.0.8", "libpcap.so.1"}) {
            try {
                Native.register(LibPcap.class, NativeLibrary.getInstance(name));
                return null;
            } catch (UnsatisfiedLinkError e) {
                // try the next name
            }
        }
        return "reading captures needs libpcap: install Debian's libpcap0.8 (tcpdump brings it too)";
    }

    static native Pointer pcap_open_offline(String file, byte[] errbuf);

    static native int pcap_datalink(Pointer p);

    static native String pcap_datalink_val_to_name(int linkType);

    static native int pcap_next_ex(Pointer p, long[] header, long[] data);

    static native String pcap_geterr(Pointer p);

    static native void pcap_close(Pointer p);
}
