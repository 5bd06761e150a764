package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.tap.internal.NativeTapInventory;
import io.tapsteer.tap.sys.LibC;
import io.tapsteer.testsupport.StandInVmm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without CAP_BPF / CAP_SYS_ADMIN the service says so in words and attaches nothing; without
 * CAP_SYS_PTRACE a tap another process holds cannot be reached, and the refusal says why.
 */
class CapabilityTest {
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_BPF = 39;
    private static final int CAP_SYS_PTRACE = 19;

    @Test
    void withoutBpfCapabilitiesAttachFailsWithAClearMessage() throws Exception {
        try (EbpfLab lab = new EbpfLab("caps"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(2);
            CompletableFuture<String[]> result = new CompletableFuture<>();
            // capabilities are per thread on Linux: drop them on one thread and ask there
            Thread t = new Thread(() -> {
                try {
                    dropEffective(CAP_SYS_ADMIN, CAP_BPF);
                    String cause = k.unavailabilityCause();
                    String error = "";
                    try {
                        k.attach(tap, KernelProgram.rss(RssConfig.defaults(2)), "unprivileged");
                    } catch (IllegalStateException e) {
                        error = e.getMessage();
                    }
                    result.complete(new String[] {String.valueOf(k.isAvailable()), cause, error});
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            t.start();
            String[] r = result.get(30, TimeUnit.SECONDS);
            assertEquals("false", r[0]);
            assertTrue(r[1].contains("loading eBPF needs CAP_BPF (or CAP_SYS_ADMIN)"), r[1]);
            assertTrue(r[2].startsWith("kernel steering is not available: bpf(BPF_PROG_LOAD) fails with EPERM"), r[2]);
            assertTrue(r[2].endsWith("the user-space strategies keep working"), r[2]);
            assertFalse(k.status(tap).isPresent(), "nothing attached");
            assertTrue(k.isAvailable(), "this thread keeps its capabilities");
        }
    }

    @Test
    void withoutPtraceRightsAForeignAttachSaysWhatIsMissing() throws Exception {
        Path exe = StandInVmm.build();
        assertTrue(exe != null, "gcc is needed to build the stand-in VMM (apt install gcc)");
        try (EbpfLab lab = new EbpfLab("noptrace"); StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtap9", 4);
                EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            String link = Files.readSymbolicLink(Path.of(lab.ns.path())).toString();
            TapDevice d = new NativeTapInventory(lab.service).foreign("vmtap9", link.substring(5, link.length() - 1));
            CompletableFuture<String> result = new CompletableFuture<>();
            // /proc/PID/fd and pidfd_getfd check ptrace rights of the calling thread: without
            // CAP_SYS_PTRACE in its permitted set, root may not see the fds of a process whose
            // capabilities exceed its own
            Thread t = new Thread(() -> {
                try {
                    drop(true, CAP_SYS_PTRACE);
                    k.attach(d, KernelProgram.fixedQueue(1), "unprivileged");
                    result.complete("attached");
                } catch (TapException e) {
                    result.complete(e.getMessage());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            t.start();
            String message = result.get(30, TimeUnit.SECONDS);
            assertEquals("no queue of vmtap9 (netns " + d.namespace().label() + ") can be found: reading other processes' fds"
                    + " (/proc/PID/fd, pidfd_getfd) needs CAP_SYS_PTRACE: run as root", message);
            assertTrue(k.statuses().isEmpty(), "nothing attached: " + k.statuses());
        }
    }

    /** capset(2) on the calling thread: effective set without the given bits. */
    static void dropEffective(int... caps) {
        drop(false, caps);
    }

    /** capset(2) on the calling thread: effective (and, when {@code permitted}, permitted) set without the bits. */
    static void drop(boolean permitted, int... caps) {
        try (Memory header = new Memory(8); Memory data = new Memory(24)) {
            header.setInt(0, 0x20080522); // _LINUX_CAPABILITY_VERSION_3
            header.setInt(4, 0);
            if (LibC.syscall(125, Pointer.nativeValue(header), Pointer.nativeValue(data), 0) != 0) {
                throw new AssertionError("capget failed");
            }
            for (int cap : caps) {
                int at = cap < 32 ? 0 : 12; // effective of the first or second __user_cap_data_struct
                data.setInt(at, data.getInt(at) & ~(1 << (cap % 32)));
                if (permitted) { // permitted follows effective in the struct
                    data.setInt(at + 4, data.getInt(at + 4) & ~(1 << (cap % 32)));
                }
            }
            if (LibC.syscall(126, Pointer.nativeValue(header), Pointer.nativeValue(data), 0) != 0) {
                throw new AssertionError("capset failed");
            }
        }
    }
}
