package io.tapsteer.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.remote.SteeringSnapshot;
import java.io.ObjectInputFilter;
import java.io.ObjectInputFilter.FilterInfo;
import java.io.ObjectInputFilter.Status;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The allow-list's verdict on single classes. The refusal of a class outside it, which happens only
 * inside the remote services engine's streams, is proven end to end by the lab hosts test.
 */
class WireFilterTest {
    private final ObjectInputFilter filter = new WireFilter();

    @Test
    void aHostsRefusalCrossesAsTheApisException() {
        assertEquals(Status.ALLOWED, filter.checkInput(info(TapException.class)));
        assertEquals(Status.ALLOWED, filter.checkInput(info(IllegalArgumentException.class)));
    }

    @Test
    void valueTypesAndTheirArraysCross() {
        assertEquals(Status.ALLOWED, filter.checkInput(info(DeviceStats.class)));
        assertEquals(Status.ALLOWED, filter.checkInput(info(long[].class)));
        assertEquals(Status.ALLOWED, filter.checkInput(info(SteeringSnapshot.class)));
        assertEquals(Status.ALLOWED, filter.checkInput(info(SteeringSnapshot.Program.class)));
    }

    @Test
    void otherClassesAreLeftToTheJvmOutsideTheEngine() {
        assertEquals(Status.UNDECIDED, filter.checkInput(info(AtomicLong.class)));
    }

    private static FilterInfo info(Class<?> c) {
        return new FilterInfo() {
            @Override
            public Class<?> serialClass() {
                return c;
            }

            @Override
            public long arrayLength() {
                return -1;
            }

            @Override
            public long depth() {
                return 1;
            }

            @Override
            public long references() {
                return 1;
            }

            @Override
            public long streamBytes() {
                return 100;
            }
        };
    }
}
