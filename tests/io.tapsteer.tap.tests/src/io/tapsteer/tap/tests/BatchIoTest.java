package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.BatchIo;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import io.tapsteer.tap.internal.IoUring;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batched reads and writes (io_uring) on real tap queues: the same frames as the per-frame calls. */
class BatchIoTest {
    private static final int SLOT = 2048;

    @Test
    void batchOfWritesRaisesRxPacketsAndBytesExactly() {
        try (TapLab lab = new TapLab("batchw")) {
            TapDevice tap = lab.tap(2);
            List<TapQueue> queues = tap.queues();
            ByteBuffer frames = ByteBuffer.allocateDirect(64 * SLOT);
            FrameBuilder b = new FrameBuilder();
            KernelCounters before = tap.kernelCounters();
            long bytes = 0;
            int written = 0;
            try (BatchIo io = tap.newBatchIo(64)) {
                assertEquals(64, io.capacity());
                for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < 64; i++) {
                        int len = Flows.mixed(b, i).stamp(i, round).writeTo(frames, i * SLOT);
                        io.write(queues.get(i % 2), frames, i * SLOT, len);
                        bytes += len;
                    }
                    assertEquals(64, io.staged());
                    int n = io.submit();
                    assertEquals(64, n, "every frame of the batch written");
                    assertEquals(0, io.staged());
                    for (int i = 0; i < 64; i++) {
                        assertTrue(io.result(i) > 0, "operation " + i + " wrote " + io.result(i));
                    }
                    written += n;
                }
            }
            KernelCounters after = tap.kernelCounters();
            assertEquals(written, after.rxPackets() - before.rxPackets(), "frames the kernel took in");
            assertEquals(bytes, after.rxBytes() - before.rxBytes());
        }
    }

    @Test
    void batchOfReadsDrainsTheQueueInOrderAndTheRestFindItEmpty() {
        try (TapLab lab = new TapLab("batchr")) {
            TapDevice tap = lab.tap(1);
            TapQueue q = tap.queues().get(0);
            int sent = lab.sendFlows(tap, 40, 0);
            assertEquals(40, sent);
            ByteBuffer memory = ByteBuffer.allocateDirect(64 * SLOT);
            List<Long> flows = new ArrayList<>();
            try (BatchIo io = tap.newBatchIo(64)) {
                for (int i = 0; i < 64; i++) {
                    io.read(q, memory, i * SLOT, SLOT);
                }
                int n = io.submit();
                assertEquals(40, n, "one successful read per waiting frame");
                for (int i = 40; i < 64; i++) {
                    assertEquals(-11, io.result(i), "read " + i + " after the last frame: EAGAIN");
                    assertEquals(null, io.error(i), "nothing to read is not an error");
                }
                for (int i = 0; i < n; i++) {
                    int p = FrameBuilder.payloadOffset(memory, i * SLOT);
                    flows.add(memory.getLong(p + FrameBuilder.PAYLOAD_FLOW));
                }
                io.read(q, memory, 0, SLOT);
                assertEquals(0, io.submit(), "an empty queue reads nothing");
                assertEquals(-11, io.result(0));
            }
            List<Long> expected = new ArrayList<>();
            for (long f = 0; f < 40; f++) {
                expected.add(f);
            }
            assertEquals(expected, flows, "frames in the order the queue held them");
            assertEquals(0, TapLab.drain(q).size(), "nothing left behind");
        }
    }

    @Test
    void deviceDeletedUnderneathGivesTheSameErrorAsOneRead() {
        try (TapLab lab = new TapLab("batchdel")) {
            TapDevice tap = lab.tap(1);
            TapQueue q = tap.queues().get(0);
            ByteBuffer memory = ByteBuffer.allocateDirect(4 * SLOT);
            try (BatchIo io = tap.newBatchIo(4)) {
                lab.sh("ip", "link", "del", tap.name());
                for (int i = 0; i < 4; i++) {
                    io.read(q, memory, i * SLOT, SLOT);
                }
                assertEquals(0, io.submit());
                assertTrue(io.result(0) < 0 && io.result(0) != -11, "an error, not 'nothing to read': " + io.result(0));
                TapException e = io.error(0);
                assertTrue(e != null && e.getMessage().contains("the device is gone"), String.valueOf(e));
                TapException one = assertThrows(TapException.class, () -> q.read(memory, 0, SLOT));
                assertEquals(one.getMessage(), e.getMessage(), "the words of the per-frame read");
            }
        }
    }

    @Test
    void aRingThatWroteOnQueuesDoesNotKeepThemAttachedOnceTheirDeviceClosesThem() {
        // the ring registers each queue's file on its first write (fixed files); a registered file is
        // held by the ring, so without the device telling the ring first, a closed queue would stay
        // attached and a closed device would stay in the namespace until the ring closed
        try (TapLab lab = new TapLab("batchc")) {
            TapDevice tap = lab.tap(2);
            String name = tap.name();
            List<TapQueue> queues = tap.queues();
            ByteBuffer frames = ByteBuffer.allocateDirect(2 * SLOT);
            FrameBuilder b = new FrameBuilder();
            try (BatchIo io = tap.newBatchIo(8)) {
                assertTrue(((IoUring) io).registersFiles(), "this kernel takes a sparse table of registered files");
                for (int i = 0; i < 2; i++) {
                    io.write(queues.get(i), frames, i * SLOT, Flows.mixed(b, i).writeTo(frames, i * SLOT));
                }
                assertEquals(2, io.submit());
                tap.closeQueue(queues.get(1));
                assertEquals(1, lab.ipQueueCounts(name)[0], "the closed queue is detached at once");
                io.write(queues.get(0), frames, 0, Flows.mixed(b, 0).writeTo(frames, 0));
                assertEquals(1, io.submit(), "the other queue's registered file still writes");
                tap.close();
                assertFalse(lab.sh("ip", "link", "show").contains(name), "the device is gone while the ring is still open");
                TapException closed = assertThrows(TapException.class, () -> io.write(queues.get(0), frames, 0, 60));
                assertTrue(closed.getMessage().contains("EBADF"), closed.getMessage());
            }
        }
    }

    @Test
    void aWriteStagedOnAQueueClosedBeforeSubmitFailsEvenWhenANewQueueTookItsSlot() {
        // registered slots are queue id mod 256: queue A is closed after its write is staged, then a
        // queue B whose id has A's slot gets a write in the same batch; A's frame must fail (EBADF),
        // not leave through B's file
        try (TapLab lab = new TapLab("batchs")) {
            TapDevice tap = lab.tap(1);
            TapQueue a = tap.queues().get(0);
            ByteBuffer frames = ByteBuffer.allocateDirect(2 * SLOT);
            FrameBuilder b = new FrameBuilder();
            try (BatchIo io = tap.newBatchIo(4)) {
                io.write(a, frames, 0, Flows.mixed(b, 0).writeTo(frames, 0));
                assertEquals(1, io.submit(), "A's file is registered by its first write");
                io.write(a, frames, 0, Flows.mixed(b, 0).writeTo(frames, 0));
                tap.addQueue(); // keeps the device up while A goes
                tap.closeQueue(a);
                TapQueue bq = tap.addQueue();
                for (int i = 0; i < 300 && (bq.id() & 255) != (a.id() & 255); i++) { // ids only grow
                    tap.closeQueue(bq);
                    bq = tap.addQueue();
                }
                assertEquals(a.id() & 255, bq.id() & 255, "a queue with A's slot");
                io.write(bq, frames, SLOT, Flows.mixed(b, 1).writeTo(frames, SLOT));
                assertEquals(1, io.submit(), "only B's write went out");
                String failed = io.error(0).getMessage();
                assertTrue(failed.contains("EBADF"), "A's staged write failed as a write on a closed queue: " + failed);
                io.write(bq, frames, SLOT, Flows.mixed(b, 1).writeTo(frames, SLOT));
                assertEquals(1, io.submit(), "B writes on in the next batch (its slot is free again)");
            }
        }
    }

    @Test
    void misuseIsRefusedInWords() {
        try (TapLab lab = new TapLab("batchx")) {
            TapDevice tap = lab.tap(1);
            TapQueue q = tap.queues().get(0);
            ByteBuffer direct = ByteBuffer.allocateDirect(SLOT);
            BatchIo io = tap.newBatchIo(2);
            io.read(q, direct, 0, SLOT);
            io.read(q, direct, 0, SLOT);
            IllegalStateException full = assertThrows(IllegalStateException.class, () -> io.read(q, direct, 0, SLOT));
            assertEquals("the batch is full (2 operations): submit it first", full.getMessage());
            try (BatchIo one = tap.newBatchIo(1)) {
                IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                        () -> one.write(q, ByteBuffer.allocate(64), 0, 64));
                assertTrue(heap.getMessage().contains("direct memory"), heap.getMessage());
                assertThrows(IndexOutOfBoundsException.class, () -> one.write(q, direct, SLOT - 10, 64));
                assertEquals(0, one.staged(), "a refused operation is not staged");
            }
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> tap.newBatchIo(0));
            assertEquals("a batch of 0 operations is out of range: 1 to 4096", size.getMessage());
            io.close();
            io.close();
            TapException closed = assertThrows(TapException.class, io::submit);
            assertTrue(closed.getMessage().contains("EBADF"), closed.getMessage());
        }
    }
}
